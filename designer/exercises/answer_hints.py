"""Which factor a wrong chain-rule answer misses: the values the usual slips give (``∂L/∂a`` for
``∂L/∂z``: g'(z) forgotten; the weight on the path left out; the sign flipped; the 2 of the squared
error dropped; …), each with its hint, else the rule for that kind of quantity; an answer that is
wrong only because it builds on another wrong answer of the student's says so. The hints use the
letters of the exercise's own questions (:func:`letters`).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction

from designer.exercises.chainrule import ChainRuleExercise, Quantity, Values


def exact_text(value: float) -> str:
    """An exact value as a student would write it: ``-3/8`` when it is a simple fraction, else 4 digits."""
    fraction = Fraction(value).limit_denominator(256)
    if abs(float(fraction) - value) <= 1e-12 * max(1.0, abs(value)):
        return str(fraction)
    return f"{value:.4g}"


Slip = tuple[float, str]


@dataclass(frozen=True)
class Letters:
    """The letters the exercise's own questions use for a neuron's output (the app's a) and its weighted
    sum (the app's z): the lecture's chain J = f₃(w₃, f₂(…)) calls the outputs z₁, z₂, z₃, and a hint
    saying "∂J/∂a" beside a field labelled "∂J/∂z₂" sends the student to the wrong quantity."""

    a: str = "a"
    z: str = "z"


#: Letters the hints use for other things (weights, biases, g, targets, inputs, the loss): never an
#: output's or a sum's letter, or "∂L/∂b = ∂L/∂w · g'(b)" would follow
HINT_LETTERS = frozenset("wbgyxLJ")


def letters(exercise: ChainRuleExercise) -> Letters:
    """Read from the asked labels (``∂J/∂z₂`` for a da: entry gives a → z); the app's a and z unless
    every label of a kind agrees on one other letter and the two letters differ."""
    found = {"a": _label_letter(exercise, "a"), "z": _label_letter(exercise, "z")}
    a, z = found["a"] or "a", found["z"] or "z"
    if a == z or (a == "z" and found["z"] is None) or (z == "a" and found["a"] is None):
        return Letters()  # one letter for two things: the app's own names are clearer
    return Letters(a, z)


def _label_letter(exercise: ChainRuleExercise, kind: str) -> str | None:
    """The one letter every label of ``kind`` differentiates by (``∂J/∂z₂`` → z), or None."""
    prefix = f"∂{exercise.symbol}/∂"
    seen = set()
    for q in exercise.quantities:
        if q.kind == kind:
            rest = q.label[len(prefix) :] if q.label.startswith(prefix) else ""
            if not rest[:1].isalpha() or rest[1:2].isalpha() or rest[:1] in HINT_LETTERS:
                return None  # one letter of its own, then a subscript, space or end
            if rest[1:2] and unicodedata.combining(rest[1]):  # ŷ as y + a combining hat: not the letter y
                return None
            seen.add(rest[0])
    return seen.pop() if len(seen) == 1 else None


def hint_for(exercise: ChainRuleExercise, q: Quantity, value: float, given: Mapping[str, float]) -> str:
    """The first slip whose value the wrong answer matches, else the rule for this kind of quantity.

    A slip that gives the exact value (g'(z) = 1 of a linear unit) cannot match a wrong answer.
    """
    for candidate, hint in _slips(exercise, q, given):
        if math.isfinite(candidate) and exercise.tolerance.close(value, candidate):
            return hint
    return _rule(exercise, q)


def _slips(exercise: ChainRuleExercise, q: Quantity, given: Mapping[str, float]) -> Iterator[Slip]:
    v = exercise.values
    assert v is not None
    exact = exercise.exact(q)
    yield from _carried(exercise, q, given)
    kind_slips: dict[str, Callable[[ChainRuleExercise, Quantity, Values], Iterator[Slip]]] = {
        "a": _slips_a,
        "z": _slips_z,
        "b": _slips_z,
        "w": _slips_w,
    }
    yield from kind_slips[q.kind](exercise, q, v)
    yield -exact, _sign_hint(exercise, q)


def _sign_hint(exercise: ChainRuleExercise, q: Quantity) -> str:
    """Where a flipped sign comes from: the output's ∂L/∂a from t − a, anything further back from a
    factor (∂L/∂a of h2 in the 2-2-1 drill is 1/2 through the weight −2: "−1/2" was told "a − t, not
    t − a" though ∂L/∂a of y, typed right, had that already)."""
    factors = "sign: check the sign of each factor (a negative weight or a negative input flips it"
    if exercise.loss == "output":  # J is the output itself: there is no target t to subtract
        return f"{factors})"
    a = letters(exercise).a
    if q.kind == "a" and q.node in exercise.network.outputs:
        return f"sign: check which way it goes (e.g. {a} − t, not t − {a})"
    # no ∂L/∂a here (wrapped, it broke after the /); no-break spaces keep "a − t" on one line
    return f"{factors}; the loss gives {a}\u00a0−\u00a0t, not t\u00a0−\u00a0{a})"


def _name(exercise: ChainRuleExercise, node: str) -> str:
    return exercise.network.node(node).display_label


def _value_of(exercise: ChainRuleExercise, node: str) -> str:
    """What a connection reads from ``node``: an input by its name, a neuron by its output's letter."""
    name = _name(exercise, node)
    return (
        name
        if node in exercise.network.inputs or node in exercise.network.features
        else f"{letters(exercise).a} of {name}"
    )


def _slope_hint(exercise: ChainRuleExercise, node: str) -> str:
    v = exercise.values
    assert v is not None
    activation = exercise.network.neurons[node].activation
    name = _name(exercise, node)
    z = letters(exercise).z
    if activation == "relu" and v.z[node] < 0:
        off = f"{z} = {exact_text(v.z[node])} < 0"
        return f"multiply by g'({z}): {name} is a ReLU that is off here ({off}), so g'({z}) = 0"
    if activation == "step":
        return f"multiply by g'({z}): {name} is a step unit, and step' = 0 everywhere"
    if activation == "sigmoid":
        slope = exact_text(v.slope[node])
        return f"multiply by g'({z}) of {name}: for a sigmoid g'({z}) = g({z})(1 − g({z})) = {slope}"
    return f"multiply by g'({z}) of {name} = {exact_text(v.slope[node])}"


def _children(exercise: ChainRuleExercise, node: str) -> list[tuple[str, float]]:
    return [(c.target, c.weight) for c in exercise.network.outgoing(node)]


def _slips_a(exercise: ChainRuleExercise, q: Quantity, v: Values) -> Iterator[Slip]:
    node, symbol = q.node, exercise.symbol
    own = v.output_grad.get(node)
    if own is not None:
        yield from _loss_slips(exercise, node, v.da[node] - own, own)
    children = _children(exercise, node)
    if not children:
        return
    names = ", ".join(_name(exercise, k) for k, _ in children)
    base = own or 0.0
    ls = letters(exercise)
    d_a, d_z = f"∂{symbol}/∂{ls.a}", f"∂{symbol}/∂{ls.z}"
    weightless = f"you forgot the weight on the path: {d_a} = Σ w · {d_z} over what it feeds ({names})"
    yield base + sum(v.dz[k] for k, _ in children), weightless
    slopeless = f"multiply by g'({ls.z}) of the next neuron ({names}): use {d_z} there, not {d_a}"
    yield base + sum(w * v.da[k] for k, w in children), slopeless
    if len(children) > 1:
        for k, w in children:
            partial = f"add up every path: {_name(exercise, node)} feeds {names}, not only {_name(exercise, k)}"
            yield base + w * v.dz[k], partial
    too_far = f"that is {d_z} of {_name(exercise, node)}: {d_a} stops before its own g'({ls.z})"
    yield v.da[node] * v.slope[node], too_far


def _loss_slips(exercise: ChainRuleExercise, node: str, paths: float, own: float) -> Iterator[Slip]:
    """Slips in the loss's own derivative at an output."""
    v = exercise.values
    assert v is not None
    a_, z_ = letters(exercise).a, letters(exercise).z  # the output's letter (a: its value is ``a`` below)
    if exercise.loss == "output":
        yield paths, f"J is the output itself: ∂J/∂{a_} of {_name(exercise, node)} is 1"
        return
    k = len(exercise.network.outputs)
    if exercise.loss in ("mse", "sse"):
        yield paths + own / 2, f"the factor 2 of the squared error: d/d{a_} ({a_} − t)² = 2({a_} − t)"
        if exercise.loss == "mse" and k > 1:
            yield paths + own * k, f"the mean divides by the number of outputs ({k})"
        return
    a, y = v.a[node], exercise.targets[node]
    yield (
        paths + (a - y) / k,
        (f"that is ∂L/∂{z_} of a sigmoid output; ∂L/∂{a_} of cross-entropy is ({a_} − t) / ({a_}(1 − {a_}))"),
    )
    if 0 < a:
        yield paths - y / a / k, f"cross-entropy has two terms: −t log {a_} − (1 − t) log(1 − {a_})"


def _slips_z(exercise: ChainRuleExercise, q: Quantity, v: Values) -> Iterator[Slip]:
    node, z, s = q.node, letters(exercise).z, exercise.symbol
    yield v.da[node], _slope_hint(exercise, node)
    if exercise.network.neurons[node].activation == "sigmoid":
        yield v.da[node] * v.a[node], f"g'({z}), not g({z}): for a sigmoid g'({z}) = g({z})(1 − g({z}))"
    if q.kind == "b":
        yield v.dz[node] * v.a[node], f"the bias is a weight on the constant input 1: ∂{s}/∂b = ∂{s}/∂{z}"


def _slips_w(exercise: ChainRuleExercise, q: Quantity, v: Values) -> Iterator[Slip]:
    assert q.source is not None
    node, source = q.node, q.source
    reads = _value_of(exercise, source)
    weight = exercise.network.connections[(source, node)].weight
    yield v.dz[node], f"multiply by the input on this connection: {reads} = {exact_text(v.a[source])}"
    yield v.da[node] * v.a[source], _slope_hint(exercise, node)
    yield v.dz[node] * weight, f"multiply by the input ({reads}), not by the weight"


def _carried(exercise: ChainRuleExercise, q: Quantity, given: Mapping[str, float]) -> Iterator[Slip]:
    """The value the right rule gives from the student's own (wrong) earlier answers."""
    v = exercise.values
    assert v is not None
    node, symbol, ls = q.node, exercise.symbol, letters(exercise)
    name = _name(exercise, node)
    builds_on = "right rule, but it builds on your ∂{}/∂{} of {}, which is wrong"
    if q.kind in ("z", "b") and f"da:{node}" in given:
        yield given[f"da:{node}"] * v.slope[node], builds_on.format(symbol, ls.a, name)
    if q.kind == "b" and f"dz:{node}" in given:
        yield given[f"dz:{node}"], builds_on.format(symbol, ls.z, name)
    if q.kind == "w":
        assert q.source is not None
        carried = _their_dz(exercise, node, given)
        if carried is not None:
            value, letter = carried
            yield value * v.a[q.source], builds_on.format(symbol, letter, name)
    if q.kind == "a":
        children = _children(exercise, node)
        theirs = {k: _their_dz(exercise, k, given) for k, _ in children}
        used = [carried[1] for carried in theirs.values() if carried is not None]
        if used:
            own = v.output_grad.get(node, 0.0)
            total = own + sum(w * (theirs[k] or (v.dz[k], ""))[0] for k, w in children)
            letter = ls.z if ls.z in used else ls.a
            yield total, builds_on.format(symbol, letter, "the next neuron")


def _their_dz(exercise: ChainRuleExercise, node: str, given: Mapping[str, float]) -> tuple[float, str] | None:
    """∂L/∂z of ``node`` as the student's own entries give it, with the letter of the entry it comes from:
    their ∂L/∂z, else their ∂L/∂a · g'(z) (a drill that asks ∂L/∂a of an output and ∂L/∂w into it but not
    its ∂L/∂z, as the lecture's chain does: a ∂L/∂w built on a wrong ∂L/∂a got the rule, or a wrong slip)."""
    v = exercise.values
    assert v is not None
    ls = letters(exercise)
    if f"dz:{node}" in given:
        return given[f"dz:{node}"], ls.z
    if f"da:{node}" in given:
        return given[f"da:{node}"] * v.slope[node], ls.a
    return None


def _rule(exercise: ChainRuleExercise, q: Quantity) -> str:
    """The rule for this kind of quantity, when no usual slip explains the answer."""
    s, ls = exercise.symbol, letters(exercise)
    a, z = ls.a, ls.z
    if q.kind == "a" and q.node in exercise.network.outputs and not _children(exercise, q.node):
        if exercise.loss == "output":
            return f"J is the output itself: ∂J/∂{a} = 1"
        if exercise.loss == "cross_entropy":
            return (
                f"∂L/∂{a} of an output is the loss's derivative: ({a} − t) / ({a}(1 − {a})), averaged over the outputs"
            )
        mean = " divided by the number of outputs" if exercise.loss == "mse" else ""
        return f"∂L/∂{a} of an output is the loss's derivative: 2({a} − t){mean}"
    if q.kind == "a":
        return f"∂{s}/∂{a} = Σ over the neurons it feeds of w · ∂{s}/∂{z} there"
    if q.kind == "z":
        return f"∂{s}/∂{z} = ∂{s}/∂{a} · g'({z})"
    if q.kind == "b":
        return f"∂{s}/∂b = ∂{s}/∂{z} (the bias is a weight on the constant input 1)"
    return f"∂{s}/∂w = ∂{s}/∂{z} of the target · the input it carries ({a} of the source)"
