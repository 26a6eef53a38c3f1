"""Linear collapse: "a deep network with only linear layers is exactly one linear layer".

Supported: any set of *hidden linear* neurons, in any valid network (layered or not, skip
connections, mixed activations, softmax). A hidden linear neuron h with z_h = b_h + Σ w_sh·s is
eliminated exactly: every consumer c (weight v_hc) gets v_hc·w_sh added to its link from each
source s of h (created if missing) and v_hc·b_h added to its bias. Eliminating all of them
(the default) collapses every maximal chain of linear layers, wherever it sits: in an all-linear
network nothing but the inputs and the outputs remains, i.e. the single layer outputs = W x + b.
Output neurons are never removed (they are the result), but a linear output that feeds other
neurons is bypassed the same way (its consumers read its sources directly); linear hidden neurons
that feed nothing are simply dropped.

Arithmetic is exact (``fractions.Fraction``; floats are dyadic rationals) and rounded once at the
end when the work is small enough (``EXACT_BUDGET`` multiply-adds, and ``EXACT_BITS`` bits in the
exact numbers made): the lecture's small examples come out exactly. Otherwise the engine computes the
collapse in float64 as products of the levels' weight matrices (``designer.engine.collapse``). A
collapse of more than ``MAX_WORK`` multiply-adds or ``MAX_HELD`` numbers held, or whose result no
network file could hold, is refused (CollapseError).

Flags: values untouched by the collapse keep their ``trainable`` flag; every created or changed
weight or bias is trainable. Positions, labels, ids, extras, name and softmax are kept.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from fractions import Fraction

from designer.model.graph import topological_order
from designer.model.limits import MAX_CONNECTIONS
from designer.model.network import NETWORK_FIELDS, Connection, Network, Neuron
from designer.model.validation import validate

#: Above this many multiply-adds the collapse uses float64 instead of exact fractions (20,000 take about
#: 0.02 s in fractions; the lecture's networks take a few hundred).
EXACT_BUDGET = 20_000
#: Above this many bits in all the exact products made so far, the collapse starts again in float64: exact
#: numbers grow with every layer (a weight of 1e-300 is a fraction of 1,000 bits), and 100 layers of four
#: such neurons took 40 s, at every edit while the Math view was open.
EXACT_BITS = 4_000_000
#: The most multiply-adds of the engine's products (values and paths each; about 0.1 s on one core, see
#: docs/performance.md). A 784-128-64-10 linear MLP takes 7 million; one multiply-add per connection and
#: neuron in Python froze the window for 20 s, and a small file (2,000 inputs into one linear neuron,
#: fanned out to 2,000 and gathered again) took 30 s and 900 MB, at every edit while the Math view was open.
MAX_WORK = 200_000_000
#: The most numbers the engine's products hold at once (kept nodes × chosen neurons and readers; 16 bytes
#: each: 80 MB).
MAX_HELD = 5_000_000

Number = Fraction | float


class CollapseError(ValueError):
    """The requested collapse is not possible; the message says why."""


class _TooLong(Exception):
    """The exact numbers grew beyond ``EXACT_BITS``: the collapse is done again in float64."""


def is_all_linear(network: Network) -> bool:
    return bool(network.neurons) and all(n.activation == "linear" for n in network.neurons.values())


def collapsible_neurons(network: Network) -> list[str]:
    """Linear neurons that :func:`collapse_linear` removes (hidden ones) or bypasses (outputs that
    feed other neurons), in evaluation order. Empty: nothing to collapse."""
    outputs = set(network.outputs)
    feeding = {c.source for c in network.connections.values()}
    return [
        n
        for n in topological_order(network)
        if network.neurons[n].activation == "linear" and (n not in outputs or n in feeding)
    ]


def collapse_linear(network: Network, neurons: Iterable[str] | None = None) -> Network:
    """A new, equivalent network without the given linear neurons (default: all of
    :func:`collapsible_neurons`); outputs among them are kept but no longer feed other neurons.

    Use with ``designer.model.ReplaceNetwork(collapse_linear(net))`` for an undoable replace.
    """
    problems = validate(network)
    if problems:
        raise CollapseError(f"cannot collapse: {problems[0]}")
    chosen = collapsible_neurons(network) if neurons is None else _in_evaluation_order(network, neurons)
    for n in chosen:
        neuron = network.neurons.get(n)
        if neuron is None:
            raise CollapseError(f"'{n}' is not a neuron")
        if neuron.activation != "linear":
            raise CollapseError(f"neuron '{n}' uses {neuron.activation}; only linear neurons can be collapsed")
    if _work(network, chosen) <= EXACT_BUDGET:
        try:
            return _rebuild(network, *_eliminate(network, chosen))
        except _TooLong:
            pass
    return _rebuild(network, *_products(network, chosen))


def _in_evaluation_order(network: Network, neurons: Iterable[str]) -> list[str]:
    """``neurons`` (unknown ids last, for the caller to refuse) in evaluation order, once each."""
    order = {n: i for i, n in enumerate(topological_order(network))}
    return sorted(dict.fromkeys(neurons), key=lambda n: order.get(n, len(order)))


def _products(
    network: Network, chosen: list[str]
) -> tuple[dict[tuple[str, str], Number], dict[str, Number], set[tuple[str, str] | str]]:
    """As :func:`_eliminate`, in float64 from the engine's products of level matrices; refused before any
    product when they would take more than ``MAX_WORK`` multiply-adds or hold more than ``MAX_HELD``."""
    from designer.engine import collapse as engine  # numpy: only when a collapse is too large for fractions

    the_plan = engine.plan(network, chosen)
    if the_plan.work > MAX_WORK:
        raise CollapseError(
            f"it takes more than {MAX_WORK:,} multiply-adds (linear layers fan out too widely); "
            "collapse a smaller network"
        )
    if the_plan.held > MAX_HELD:
        raise CollapseError(
            f"it holds more than {MAX_HELD:,} numbers at once (linear layers fan out too widely); "
            "collapse a smaller network"
        )
    done = engine.collapse(network, the_plan)
    removed = set(chosen) - set(network.outputs)
    targets = set(done.targets)
    weights: dict[tuple[str, str], Number] = {
        key: c.weight
        for key, c in network.connections.items()
        if key[1] not in targets and key[0] not in removed and key[1] not in removed
    }
    rows, columns = done.linked.nonzero()
    if len(weights) + len(rows) > MAX_CONNECTIONS:
        raise CollapseError(
            f"the collapsed network would have {len(weights) + len(rows):,} connections; a network file holds "
            f"at most {MAX_CONNECTIONS:,}"
        )
    sources, names = done.plan.rows, done.targets
    values = done.weights[rows, columns].tolist()
    through = done.through[rows, columns].tolist()
    reading_none = set(done.plan.levels[0]) if done.plan.levels else set()  # chosen neurons reading no chosen one
    changed: set[tuple[str, str] | str] = {*done.plan.readers}
    changed.update(n for n in done.plan.chosen_outputs if n not in reading_none)
    for i, j, value, via in zip(rows.tolist(), columns.tolist(), values, through, strict=True):
        key = (sources[i], names[j])
        weights[key] = value
        if via:
            changed.add(key)
    biases: dict[str, Number] = {n: neuron.bias for n, neuron in network.neurons.items() if n not in removed}
    biases.update(zip(names, done.biases.tolist(), strict=True))
    return weights, biases, changed


def _eliminate(
    network: Network, chosen: list[str]
) -> tuple[dict[tuple[str, str], Number], dict[str, Number], set[tuple[str, str] | str]]:
    """The weights and biases without the ``chosen`` neurons (in evaluation order), in exact fractions, one
    neuron at a time, and what changed; _TooLong when exact numbers grow beyond ``EXACT_BITS`` in all."""
    spent = 0
    outputs = set(network.outputs)
    weights: dict[tuple[str, str], Number] = {k: Fraction(c.weight) for k, c in network.connections.items()}
    biases: dict[str, Number] = {n: Fraction(neuron.bias) for n, neuron in network.neurons.items()}
    changed: set[tuple[str, str] | str] = set()
    into: dict[str, dict[str, None]] = {n: {} for n in network.node_ids()}
    out_of: dict[str, dict[str, None]] = {n: {} for n in network.node_ids()}
    for s, t in weights:
        into[t][s] = None
        out_of[s][t] = None
    for h in chosen:
        for c in out_of[h]:
            v = weights.pop((h, c))
            del into[c][h]
            biases[c] += v * biases[h]
            changed.add(c)
            for s in into[h]:
                key = (s, c)
                weights[key] = weights.get(key, 0) + v * weights[(s, h)]
                into[c][s] = out_of[s][c] = None
                changed.add(key)
                spent += _bits(weights[key])
            spent += _bits(biases[c])
            if spent > EXACT_BITS:
                raise _TooLong
        out_of[h].clear()
        if h in outputs:
            continue
        for s in into[h]:
            del weights[(s, h)]
            del out_of[s][h]
        del biases[h]
    if len(weights) > MAX_CONNECTIONS:
        raise CollapseError(
            f"the collapsed network would have {len(weights):,} connections; a network file holds at most "
            f"{MAX_CONNECTIONS:,}"
        )
    return weights, biases, changed


def _bits(value: Number) -> int:
    """The size of an exact number: its numerator's and denominator's bits."""
    assert isinstance(value, Fraction)
    return value.numerator.bit_length() + value.denominator.bit_length()


def _work(network: Network, chosen: list[str]) -> int:
    """Multiply-adds of the elimination: processed in evaluation order, a chosen neuron only reads
    kept nodes by then, and it never gains consumers."""
    kept = sum(1 for _ in network.node_ids()) - len(chosen)
    fan_out = dict.fromkeys(chosen, 0)
    for s, _ in network.connections:
        if s in fan_out:
            fan_out[s] += 1
    return sum((kept + 1) * k for k in fan_out.values())


def _number(value: Number, what: str) -> float:
    """``value`` as the file's number; CollapseError when no float holds it (weights of 1e200 on x→h and
    h→y make 1e400: an OverflowError from the exact sum, an infinite weight from the float one)."""
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise CollapseError(f"{what} of the collapsed network would be too large for a number")
    return number


def _rebuild(
    network: Network,
    weights: dict[tuple[str, str], Number],
    biases: dict[str, Number],
    changed: set[tuple[str, str] | str],
) -> Network:
    """The collapsed network: a copy of what stays (copying all of a 109,000-connection network first
    took 1.5 s), with the new values."""
    kept = Network(**{name: getattr(network, name) for name in NETWORK_FIELDS})  # shares all, copies none
    kept.neurons = {n: neuron for n, neuron in network.neurons.items() if n in biases}
    kept.connections = {key: c for key, c in network.connections.items() if key in weights}
    result = kept.copy()
    neurons: dict[str, Neuron] = {}
    for n, neuron in result.neurons.items():
        if n not in biases:
            continue
        neuron.bias = _number(biases[n], f"the bias of '{n}'")
        if n in changed:
            neuron.trainable = True
        neurons[n] = neuron
    connections: dict[tuple[str, str], Connection] = {}
    for key, c in result.connections.items():
        if key in weights:
            connections[key] = c
    for key, value in weights.items():
        c = connections.get(key) or Connection(key[0], key[1])
        c.weight = _number(value, f"the weight {key[0]}→{key[1]}")
        if key in changed:
            c.trainable = True
        connections[key] = c
    result.neurons = neurons
    result.connections = connections
    return result


def affine_map(network: Network) -> tuple[list[list[float]], list[float]]:
    """(W, b) with outputs = W x + b for an all-linear network: rows outputs, columns the inputs,
    then the feature nodes (the network is linear in them, whatever they compute)."""
    if not is_all_linear(network):
        raise CollapseError("every neuron must be linear for the network to be one linear layer")
    if network.softmax:
        raise CollapseError("with softmax the network is not linear")
    collapsed = collapse_linear(network)
    sources = [*collapsed.inputs, *collapsed.features]
    rows = [[0.0] * len(sources) for _ in collapsed.outputs]
    column = {i: k for k, i in enumerate(sources)}
    row = {o: k for k, o in enumerate(collapsed.outputs)}
    for (s, t), c in collapsed.connections.items():
        if t in row and s in column:
            rows[row[t]][column[s]] = c.weight
    return rows, [collapsed.neurons[o].bias for o in collapsed.outputs]
