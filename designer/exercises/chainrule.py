"""Chain-rule practice: compute ∂L/∂a, ∂L/∂z, ∂L/∂w and ∂L/∂b by hand for one sample.

An exercise file of ``"kind": "chain_rule"`` gives a small network, one sample, a loss and the
quantities asked. The exact values come from the engine's backward pass
(:func:`designer.engine.gradients`); :mod:`designer.exercises.answers` checks typed answers against
them and names the missing factor of a wrong one.

Quantity ids (also the keys of an answers file): ``da:N`` and ``dz:N`` for neuron N (z is the
weighted sum, a = g(z) its output: the lecture's z), ``dw:S->T`` for the weight of the connection
S → T, ``db:N`` for N's bias. The loss ``"output"`` is the lecture's J(w) = z₃: the objective is
the network's (single) output itself, so ∂J/∂a of the output is 1.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from designer.engine import compile_network, gradients
from designer.engine.activations import derivative
from designer.engine.backprop import fuses_loss_gradient
from designer.exercises.exercise import EXERCISE_FORMAT, EXERCISE_VERSION, ExerciseError
from designer.exercises.loader import ID_PATTERN, MAX_ID
from designer.exercises.strict import StrictObject, check_header, finite_number, hint_list
from designer.model import FormatError, Network
from designer.model.fileformat import network_from_document
from designer.model.jsonread import clipped, one_line

KIND = "chain_rule"
GROUP = "backpropagation"
#: ``output`` is the lecture's J(w) = z₃ (the output itself); the others are the engine's losses.
LOSSES: tuple[str, ...] = ("mse", "sse", "cross_entropy", "output")
KINDS: dict[str, str] = {"da": "a", "dz": "z", "dw": "w", "db": "b"}
MAX_NEURONS = 50  # a network to work through by hand
MAX_ASKED = 100
DEFAULT_ABSOLUTE = 1e-3
DEFAULT_RELATIVE = 1e-2
_QUANTITY = re.compile(r"(?P<kind>da|dz|db):(?P<node>.+)|dw:(?P<source>.+?)->(?P<target>.+)", re.DOTALL)
_TOP_REQUIRED = ("format", "version", "kind", "id", "title", "group", "prompt", "network", "sample", "loss", "asked")
_TOP_OPTIONAL = ("hints", "solutions_visible", "tolerance")


@dataclass(frozen=True)
class Quantity:
    """One asked derivative: kind ``a``, ``z``, ``b`` (of ``node``) or ``w`` (of ``source`` → ``node``)."""

    id: str
    kind: str
    node: str
    source: str | None = None
    label: str = ""

    @property
    def nodes(self) -> tuple[str, ...]:
        """The nodes to highlight on the canvas."""
        return (self.source, self.node) if self.source is not None else (self.node,)


@dataclass(frozen=True)
class Tolerance:
    """An entry is right when |answer − exact| ≤ max(absolute, relative · |exact|)."""

    absolute: float = DEFAULT_ABSOLUTE
    relative: float = DEFAULT_RELATIVE

    def close(self, value: float, exact: float) -> bool:
        return abs(value - exact) <= max(self.absolute, self.relative * abs(exact))


@dataclass
class Values:
    """Everything about the sample the checker and its hints need, per node and connection."""

    z: dict[str, float]
    a: dict[str, float]  # inputs too
    slope: dict[str, float]  # g'(z)
    da: dict[str, float]
    dz: dict[str, float]
    dw: dict[tuple[str, str], float]
    loss: float
    output_grad: dict[str, float]  # the loss's own ∂L/∂a per output (without paths through other neurons)


@dataclass(eq=False)
class ChainRuleExercise:
    id: str
    title: str
    group: str
    prompt: str
    network: Network
    inputs: dict[str, float]
    targets: dict[str, float]  # empty for the "output" objective
    loss: str
    quantities: tuple[Quantity, ...]
    tolerance: Tolerance = field(default_factory=Tolerance)
    hints: tuple[str, ...] = ()
    solutions_visible: bool = True
    source: str | None = None
    values: Values | None = None

    kind = KIND

    @property
    def symbol(self) -> str:
        """J for the lecture's objective, L for a loss."""
        return "J" if self.loss == "output" else "L"

    def exact(self, quantity: Quantity) -> float:
        """The engine's value of one asked quantity."""
        v = self.values
        assert v is not None
        if quantity.kind == "a":
            return v.da[quantity.node]
        if quantity.kind == "w":
            assert quantity.source is not None
            return v.dw[(quantity.source, quantity.node)]
        return v.dz[quantity.node]  # z, and b: the bias is a weight on the constant input 1

    def answer_key(self) -> dict[str, float]:
        return {q.id: self.exact(q) for q in self.quantities}


def parse_quantity(text: str) -> tuple[str, str, str | None]:
    """``da:h1`` → ("a", "h1", None), ``dw:x1->h1`` → ("w", "h1", "x1"); ValueError otherwise."""
    match = _QUANTITY.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError("expected da:NEURON, dz:NEURON, db:NEURON or dw:SOURCE->TARGET")
    if match["source"] is not None:
        return "w", match["target"], match["source"]
    return KINDS[match["kind"]], match["node"], None


#: characters of a node's label or id in a quantity's default label
NAME_IN_LABEL = 40


def default_label(kind: str, node: str, source: str | None, symbol: str, names: Mapping[str, str]) -> str:
    """``∂L/∂a of h1``, ``∂L/∂w of x1 → h1``: what the GUI shows next to the field. The nodes are named by
    one line of at most NAME_IN_LABEL characters: a drill's neuron labelled with 3,000 letters made the
    Exercise dock's rows, and the page with them, wider than the dock (its buttons out of reach)."""

    def name(node_id: str) -> str:
        return one_line(names.get(node_id, node_id), NAME_IN_LABEL)

    if kind == "w":
        return f"∂{symbol}/∂w of {name(source or '')} → {name(node)}"
    return f"∂{symbol}/∂{kind} of {name(node)}"


# ------------------------------------------------------------------- loading
def chain_rule_from_document(doc: dict[str, Any], source: str | None = None) -> ChainRuleExercise:
    """A chain-rule exercise document (already parsed JSON) to an exercise; ExerciseError (one line)."""
    check_header(doc, EXERCISE_FORMAT, EXERCISE_VERSION, "exercise")
    top = StrictObject(doc, "", _TOP_REQUIRED, _TOP_OPTIONAL)
    exercise_id = top.text("id", MAX_ID)
    if not ID_PATTERN.fullmatch(exercise_id):
        raise ExerciseError(f"id: '{clipped(exercise_id, 40)}' must be lower-case letters and digits joined by '-'")
    if top.text("group", 100) != GROUP:
        raise ExerciseError(f'group: a chain-rule exercise belongs to the group "{GROUP}"')
    network = _network(top.raw("network"))
    loss = top.text("loss", 40)
    if loss not in LOSSES:
        raise ExerciseError(f"loss: expected one of {', '.join(LOSSES)}, got '{clipped(loss, 40)}'")
    inputs, targets = _sample(top, network, loss)
    exercise = ChainRuleExercise(
        id=exercise_id,
        title=top.text("title", 200),
        group=GROUP,
        prompt=top.text("prompt"),
        network=network,
        inputs=inputs,
        targets=targets,
        loss=loss,
        quantities=(),
        tolerance=_tolerance(top),
        hints=hint_list(top),
        solutions_visible=top.flag("solutions_visible", True),
        source=source,
    )
    exercise.quantities = _asked(top, exercise)
    exercise.values = compute_values(exercise)
    return exercise


def _network(raw: Any) -> Network:
    try:
        network = network_from_document(raw)
    except FormatError as exc:
        raise ExerciseError(f"network: {exc}") from None
    if not network.outputs:
        raise ExerciseError("network: it has no output neuron")
    if network.softmax:
        raise ExerciseError("network: softmax outputs are not used in chain-rule exercises")
    if len(network.neurons) > MAX_NEURONS:
        raise ExerciseError(f"network: {len(network.neurons)} neurons, at most {MAX_NEURONS} to work through by hand")
    return network


def _values_of(r: StrictObject, key: str, ids: list[str]) -> dict[str, float]:
    values = StrictObject(r.raw(key), r.at(key), ids)
    return {node_id: finite_number(values.raw(node_id), values.at(node_id)) for node_id in ids}


def _sample(top: StrictObject, network: Network, loss: str) -> tuple[dict[str, float], dict[str, float]]:
    needs_target = loss != "output"
    r = StrictObject(top.raw("sample"), "sample", ("inputs", "target") if needs_target else ("inputs",))
    inputs = _values_of(r, "inputs", list(network.inputs))
    if not needs_target:
        if len(network.outputs) != 1:
            raise ExerciseError('loss: "output" (J = the output) needs a network with exactly one output')
        return inputs, {}
    targets = _values_of(r, "target", list(network.outputs))
    if loss == "cross_entropy" and not all(0.0 <= v <= 1.0 for v in targets.values()):
        raise ExerciseError("sample.target: cross-entropy needs targets between 0 and 1")
    return inputs, targets


def _tolerance(top: StrictObject) -> Tolerance:
    if not top.has("tolerance"):
        return Tolerance()
    r = StrictObject(top.raw("tolerance"), "tolerance", (), ("absolute", "relative"))
    return Tolerance(r.number("absolute", DEFAULT_ABSOLUTE, 0.0, 1e6), r.number("relative", DEFAULT_RELATIVE, 0.0, 1.0))


def _asked(top: StrictObject, exercise: ChainRuleExercise) -> tuple[Quantity, ...]:
    network = exercise.network
    names = {node_id: network.node(node_id).display_label for node_id in network.node_ids()}
    found: dict[str, Quantity] = {}
    for i, raw in enumerate(top.items("asked", MAX_ASKED)):
        where = f"asked[{i}]"
        label = None
        if isinstance(raw, dict):
            entry = StrictObject(raw, where, ("id",), ("label",))
            text, label = entry.text("id", 200), entry.text("label", 200) if entry.has("label") else None
        elif isinstance(raw, str):
            text = raw
        else:
            raise ExerciseError(f'{where}: expected a quantity id such as "dz:h1" or {{"id", "label"}}')
        try:
            kind, node, source = parse_quantity(text)
        except ValueError as exc:
            raise ExerciseError(f"{where}: '{clipped(text, 40)}': {exc}") from None
        if node not in network.neurons:
            raise ExerciseError(f"{where}: '{clipped(node, 40)}' is not a neuron of the network")
        if source is not None and (source, node) not in network.connections:
            raise ExerciseError(f"{where}: the network has no connection {clipped(source, 40)} → {clipped(node, 40)}")
        if text in found:
            raise ExerciseError(f"{where}: '{clipped(text, 40)}' is asked twice")
        label = label or default_label(kind, node, source, exercise.symbol, names)
        found[text] = Quantity(text, kind, node, source, label)
    return tuple(found.values())


# -------------------------------------------------------------------- values
def compute_values(exercise: ChainRuleExercise) -> Values:
    """The sample's forward values and the engine's exact gradients, per node and connection."""
    with np.errstate(all="ignore"):  # a non-finite value is reported below, once
        return _values(exercise)


def _values(exercise: ChainRuleExercise) -> Values:
    network = exercise.network
    net = compile_network(network)
    x = np.array([[exercise.inputs[i] for i in network.inputs]])
    z_all, a_all = net.forward_all(x)
    assert z_all is not None
    a = {n: float(a_all[net.index[n], 0]) for n in net.node_ids}
    z = {n: float(z_all[net.index[n], 0]) for n in network.neurons}
    slope = {n: float(derivative(network.neurons[n].activation, np.array([z[n]]))[0]) for n in network.neurons}
    outputs = list(network.outputs)
    if exercise.loss == "output":
        # J = the output: seed the engine's backward pass with ∂J/∂a = 1, as SSE does against a − 1/2.
        y, loss = np.array([[a[outputs[0]] - 0.5]]), "sse"
    else:
        y, loss = np.array([[exercise.targets[o] for o in outputs]]), exercise.loss
    g = gradients(net, x, y, loss)
    dz = {n: float(values[0]) for n, values in g.grad_z.items()}
    da = {n: float(values[0]) for n, values in g.grad_a.items() if n in network.neurons}
    own = _loss_gradient(exercise, a, y[0])
    if fuses_loss_gradient(net, loss):  # the engine took the loss at z: ∂L/∂a is the loss's part plus paths onwards
        for o in outputs:
            da[o] += own[o]
    value = float(a[outputs[0]]) if exercise.loss == "output" else g.loss
    checked = [*z.values(), *da.values(), *dz.values(), *g.connections.values(), value]
    if not all(math.isfinite(v) for v in checked):
        raise ExerciseError("network: a value or gradient at the sample is not a finite number")
    return Values(z, a, slope, da, dz, dict(g.connections), value, own)


def _loss_gradient(exercise: ChainRuleExercise, a: dict[str, float], y: np.ndarray) -> dict[str, float]:
    """∂L/∂a of each output from the loss alone (the formula a student starts backprop with)."""
    outputs = list(exercise.network.outputs)
    k = len(outputs)
    if exercise.loss == "output":
        return {outputs[0]: 1.0}
    grads = {}
    for o, target in zip(outputs, y.tolist(), strict=True):
        p = a[o]
        if exercise.loss == "cross_entropy":
            p = min(max(p, 1e-12), 1 - 1e-12)
            grads[o] = (p - target) / (p * (1 - p)) / k
        else:
            grads[o] = 2 * (p - target) / (k if exercise.loss == "mse" else 1)
    return grads
