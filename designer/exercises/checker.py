"""Judge a network against an exercise: the one code path behind the GUI's live status and the CLI.

The network is evaluated with the engine's forward pass (``compile_network(...).forward``) on the
exercise's cases; nothing here computes a neuron's value itself.

Score: the share of cases (truth-table rows or sample points) the network gets right, halved
when a constraint is violated, 0 when the network cannot be evaluated. ``passed`` needs every
constraint met and the pass rule satisfied.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from designer.exercises.exercise import Exercise
from designer.exercises.targets import network_values
from designer.model import Network, validate
from designer.model.graph import levels

#: Larger networks are not evaluated (a hostile file must not stall a batch).
MAX_CHECK_NEURONS = 1000
MAX_CHECK_CONNECTIONS = 20_000
#: Wrong truth-table rows spelt out in ``reasons`` (all are in ``rows``).
MAX_LISTED_ROWS = 8


@dataclass(frozen=True)
class Violation:
    """A broken rule about the network's build, with the nodes to highlight."""

    kind: str  # network, inputs, outputs, size, hidden, activation, depth, first_layer, layered, features
    message: str
    nodes: tuple[str, ...] = ()


@dataclass(frozen=True)
class RowResult:
    """One truth-table row: the inputs by id, the expected and the computed outputs."""

    index: int
    inputs: dict[str, float]
    expected: tuple[float, ...]
    got: tuple[float, ...]
    ok: bool


@dataclass(frozen=True)
class ErrorAt:
    """Where the largest error is (max_error rule): a case index, its inputs, one output."""

    index: int
    inputs: dict[str, float]
    output: str
    expected: float
    got: float
    error: float


@dataclass
class CheckResult:
    passed: bool
    score: float  # 0..1
    reasons: list[str]  # why it fails, one sentence each (empty on a pass)
    summary: str  # one line, pass or fail: "3 of 4 rows right"
    violations: list[Violation] = field(default_factory=list)
    evaluated: bool = False  # False: inputs/outputs do not fit or the network is invalid
    right: int = 0
    total: int = 0
    rows: list[RowResult] = field(default_factory=list)  # truth tables: every row
    wrong_points: list[int] = field(default_factory=list)  # indices into exercise.cases judged wrong
    max_error: ErrorAt | None = None  # max_error rule only
    outputs: np.ndarray | None = None  # (N, n_outputs) network outputs on exercise.cases.x
    tolerance: float | None = None  # max_error rule: the tolerance that applied (a Step-only design may have its own)
    #: the reasons as read under the summary (the app's check): without what the summary already says
    #: ("19.9% right, need 100%" twice); None: the reasons as they are
    notes: list[str] | None = None

    @property
    def wrong_rows(self) -> list[RowResult]:
        return [row for row in self.rows if not row.ok]

    @property
    def accuracy(self) -> float | None:
        return self.right / self.total if self.total else None


# ------------------------------------------------------------------ format
def _clip(text: str, limit: int = 40) -> str:
    """Text from a student's file as one short line (an id may hold anything)."""
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _num(value: float, digits: int = 6) -> str:
    return f"{value:.{digits}g}" if math.isfinite(value) else ("nan" if math.isnan(value) else f"{value:g}")


def _out(value: float, digits: int = 6) -> str:
    """A computed output: 1.0 rather than 1, so it reads as a value, not a label."""
    text = _num(value, digits)
    return text + ".0" if text.lstrip("-").isdigit() else text


def _point(x: Sequence[float], ids: Sequence[str]) -> str:
    return ", ".join(f"{node_id}={_num(v)}" for node_id, v in zip(ids, x, strict=True))


def _values(values: Sequence[float], fmt: str, digits: int) -> str:
    texts = [_out(v, digits) if fmt == "out" else _num(v, digits) for v in values]
    return texts[0] if len(texts) == 1 else "(" + ", ".join(texts) + ")"


def _names(ids: Sequence[str]) -> str:
    return ", ".join(_clip(i) for i in ids)


def _count(n: int, noun: str) -> str:
    """ "1 output", "2 outputs" (it said "1 outputs (s), the exercise needs 2")."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


# -------------------------------------------------------------- structure
def _activation_violations(network: Network, exercise: Exercise) -> list[Violation]:
    c = exercise.constraints
    outputs = set(network.outputs)
    found: list[Violation] = []
    for role, allowed in (("hidden", c.hidden_activations), ("output", c.output_activations)):
        by_activation: dict[str, list[str]] = defaultdict(list)
        for neuron in network.neurons.values():
            if (neuron.id in outputs) == (role == "output") and neuron.activation not in allowed:
                by_activation[neuron.activation].append(neuron.id)
        for activation, ids in by_activation.items():
            shown = _names(ids[:4]) + (f" and {len(ids) - 4} more" if len(ids) > 4 else "")
            who = f"output {shown}" if role == "output" else shown
            verb = "uses" if len(ids) == 1 else "use"
            message = f"{who} {verb} {_clip(activation)}; allowed: {', '.join(allowed)}"
            found.append(Violation("activation", message, tuple(ids)))
    return found


def _longest_path(network: Network, depth: dict[str, int]) -> list[str]:
    sources: dict[str, list[str]] = defaultdict(list)
    for c in network.connections.values():
        sources[c.target].append(c.source)
    node = max(network.neurons, key=lambda n: depth[n])
    path = [node]
    while sources[node]:
        node = next(s for s in sources[node] if depth[s] == depth[node] - 1)
        path.append(node)
    return path[::-1]


def _graph_violations(network: Network, exercise: Exercise) -> list[Violation]:
    c = exercise.constraints
    found: list[Violation] = []
    if c.max_depth is not None and network.neurons:
        depth = levels(network)
        deepest = max(depth[n] for n in network.neurons)
        if deepest > c.max_depth:
            path = _longest_path(network, depth)
            shown = (
                " → ".join(_clip(n, 20) for n in path)
                if len(path) <= 8
                else f"{_clip(path[0])} → … → {_clip(path[-1])}"
            )
            message = f"{deepest} layers of neurons ({shown}), at most {c.max_depth} allowed"
            found.append(Violation("depth", message, tuple(path)))
    if c.max_first_layer is not None:
        first = sorted({k[1] for k in network.connections if network.is_source(k[0])})
        if len(first) > c.max_first_layer:
            message = f"{len(first)} neurons connected to the inputs (first layer), at most {c.max_first_layer} allowed"
            found.append(Violation("first_layer", message, tuple(first)))
    if c.layered:
        found += _skip_violations(network)
    return found


def _skip_violations(network: Network) -> list[Violation]:
    """Connections that jump over a layer (the lecture's MLP has each layer read only the one before)."""
    depth = levels(network)
    skips = [(s, t) for s, t in network.connections if depth[t] != depth[s] + 1]
    if not skips:
        return []
    s, t = skips[0]
    more = f" and {len(skips) - 1} more" if len(skips) > 1 else ""
    message = (
        f"skip connection {_clip(s, 20)} → {_clip(t, 20)} (layer {depth[s]} to layer {depth[t]}){more}: "
        "this exercise wants a layered network, each connection going to the next layer"
    )
    return [Violation("layered", message, tuple(dict.fromkeys(n for pair in skips for n in pair)))]


def _feature_violation(network: Network, limit: int) -> Violation:
    features = list(network.features.values())
    shown = ", ".join(_clip(f.expression, 20) for f in features[:3]) + (" …" if len(features) > 3 else "")
    noun = "feature node" if len(features) == 1 else "feature nodes"
    allowed = "none allowed in this exercise: build it from neurons" if limit == 0 else f"at most {limit} allowed"
    return Violation("features", f"{len(features)} {noun} ({shown}), {allowed}", tuple(f.id for f in features))


def structure_violations(network: Network, exercise: Exercise) -> tuple[list[Violation], bool]:
    """Every broken rule about the build, and whether the network can be evaluated at all."""
    found: list[Violation] = []
    problems = validate(network)
    if problems:
        found.append(Violation("network", "the network is not valid: " + _clip(problems[0], 300)))
    ids = exercise.input_ids
    needs = ("input " if len(ids) == 1 else "inputs ") + ", ".join(ids)
    for node_id in ids:
        if node_id not in network.inputs:
            found.append(Violation("inputs", f"input {node_id} missing (the exercise needs {needs})"))
    for node_id in network.inputs:
        if node_id not in ids:
            message = f"input {_clip(node_id)} is not part of this exercise (it needs {needs})"
            found.append(Violation("inputs", message, (node_id,)))
    n_out, outputs = exercise.n_outputs, network.outputs
    if not outputs:
        found.append(Violation("outputs", "no output neuron: mark the neuron that gives the answer as output"))
    elif len(outputs) != n_out:
        message = f"{_count(len(outputs), 'output')} ({_names(outputs[:6])}), the exercise needs {n_out}"
        found.append(Violation("outputs", message, tuple(outputs)))
    too_big = len(network.neurons) > MAX_CHECK_NEURONS or len(network.connections) > MAX_CHECK_CONNECTIONS
    if too_big:
        message = (
            f"{len(network.neurons)} neurons and {len(network.connections)} connections: too large to check "
            f"(limits {MAX_CHECK_NEURONS} and {MAX_CHECK_CONNECTIONS})"
        )
        found.append(Violation("size", message))
    c = exercise.constraints
    hidden = network.hidden_neurons() if outputs else []  # without an output, which neurons are hidden is open
    if c.max_hidden is not None and len(hidden) > c.max_hidden:
        nodes = tuple(n.id for n in hidden)
        if c.max_hidden == 0:
            plural = "neuron" if len(hidden) == 1 else "neurons"
            message = f"{len(hidden)} hidden {plural}, none allowed (connect the inputs straight to the output)"
        else:
            message = f"{len(hidden)} hidden neurons, at most {c.max_hidden} allowed"
        found.append(Violation("hidden", message, nodes))
    if c.max_features is not None and len(network.features) > c.max_features:
        found.append(_feature_violation(network, c.max_features))
    if outputs:
        found += _activation_violations(network, exercise)
    if not problems and not too_big:
        found += _graph_violations(network, exercise)
    fits = not problems and not too_big and sorted(network.inputs) == sorted(ids) and len(outputs) == n_out
    return found, fits


# -------------------------------------------------------------- function
def _judge(exercise: Exercise, out: np.ndarray, tolerance: float) -> tuple[np.ndarray, np.ndarray | None]:
    """Per-case correctness, and per-output absolute errors for the max_error rule."""
    y = exercise.cases.y
    finite = np.isfinite(out)
    rule = exercise.rule
    if rule.rule == "classify":
        ok = np.all(((out >= rule.threshold) == (y >= 0.5)) & finite, axis=1)
        return ok, None
    error = np.where(finite, np.abs(out - y), np.inf)
    return np.all(error <= tolerance, axis=1), error


def _allowed(exercise: Exercise, tolerance: float) -> str:
    """``0.1``, or ``0.15 for Step units only`` when a step design has its own limit."""
    if tolerance != exercise.rule.tolerance:
        return f"{tolerance:g} for a design of Step units only"
    return f"{tolerance:g}"


def _table_reasons(
    exercise: Exercise, out: np.ndarray, ok: np.ndarray, result: CheckResult, tolerance: float
) -> list[str]:
    ids, cases, rule = exercise.input_ids, exercise.cases, exercise.rule
    digits = 10 if rule.rule == "max_error" else 6
    reasons = []
    for i, (x, y, got, good) in enumerate(zip(cases.x.tolist(), cases.y.tolist(), out.tolist(), ok, strict=True)):
        result.rows.append(RowResult(i, dict(zip(ids, x, strict=True)), tuple(y), tuple(got), bool(good)))
        if good or len(reasons) >= MAX_LISTED_ROWS:
            continue
        noun = "output" if len(got) == 1 else "outputs"
        line = f"row {_point(x, ids)}: {noun} {_values(got, 'out', digits)}, expected {_values(y, 'num', digits)}"
        if rule.rule == "max_error":
            line += f" (must be within {_allowed(exercise, tolerance)})"
        elif not all(v in (0.0, 1.0) for v in got):
            line += f" (an output ≥ {rule.threshold:g} counts as 1)"
        reasons.append(line)
    wrong = int((~ok).sum())
    if wrong > MAX_LISTED_ROWS:
        reasons.append(f"… and {wrong - MAX_LISTED_ROWS} more wrong rows")
    return reasons


def _point_reasons(
    exercise: Exercise, out: np.ndarray, ok: np.ndarray, error: np.ndarray | None, tolerance: float
) -> tuple[list[str], list[str]]:
    """The reasons (the command line's, whole sentences) and the same said under the summary, which
    already gives the max error and what is allowed, or the share right and the share needed."""
    ids, cases, rule = exercise.input_ids, exercise.cases, exercise.rule
    wrong, total = int((~ok).sum()), len(ok)
    if error is not None:
        flat = int(np.argmax(error))
        i, j = divmod(flat, error.shape[1])
        where = _point(cases.x[i].tolist(), ids)
        at = f"at {where}: output {_out(float(out[i, j]), 10)}, expected {_num(float(cases.y[i, j]), 10)}"
        allowed = _allowed(exercise, tolerance)
        reason = (
            f"max error {_num(float(error[i, j]), 3)} {at} (allowed {allowed}; {wrong} of {total} points off by more)"
        )
        return [reason], [f"{at}; {wrong} of {total} points off by more"]
    i = int(np.argmin(ok))
    example = (
        f"{_point(cases.x[i].tolist(), ids)}: output {_values(out[i].tolist(), 'out', 6)}, "
        f"expected {_values(cases.y[i].tolist(), 'num', 6)}"
    )
    share = f"{1 - wrong / total:.1%} right, need {rule.min_accuracy:.0%}"
    return [f"{wrong} of {total} points misclassified: {share} (e.g. {example})"], [f"e.g. {example}"]


def _summary(exercise: Exercise, right: int, total: int, error: np.ndarray | None, tolerance: float) -> str:
    if exercise.is_truth_table:
        return f"{right} of {total} rows right"
    if error is not None:
        return f"max error {_num(float(error.max()), 3)} (allowed {_allowed(exercise, tolerance)})"
    return f"{right} of {total} points right: {right / total:.1%}, need {exercise.rule.min_accuracy:.0%}"


def check(network: Network, exercise: Exercise) -> CheckResult:
    """Judge ``network`` against ``exercise``; never raises for a bad network."""
    violations, fits = structure_violations(network, exercise)
    reasons = [v.message for v in violations]
    if not fits:
        return CheckResult(False, 0.0, reasons, "not evaluated: fix the problems listed", violations)
    out = network_values(network, exercise.cases.x, exercise.input_ids)
    tolerance = exercise.rule.tolerance_for({n.activation for n in network.hidden_neurons()})
    ok, error = _judge(exercise, out, tolerance)
    right, total = int(ok.sum()), len(ok)
    summary = _summary(exercise, right, total, error, tolerance)
    result = CheckResult(False, 0.0, reasons, summary, violations, True, right, total)
    result.outputs = out
    result.tolerance = tolerance if exercise.rule.rule == "max_error" else None
    result.wrong_points = np.flatnonzero(~ok).tolist()
    if error is not None:
        i, j = divmod(int(np.argmax(error)), error.shape[1])
        x = exercise.cases.x[i].tolist()
        result.max_error = ErrorAt(
            i,
            dict(zip(exercise.input_ids, x, strict=True)),
            network.outputs[j],
            float(exercise.cases.y[i, j]),
            float(out[i, j]),
            float(error[i, j]),
        )
    rule = exercise.rule
    functional_ok = right == total if rule.rule == "max_error" else right / total >= rule.min_accuracy - 1e-12
    functional: list[str] = []
    notes: list[str] | None = None  # (a truth table's rows say nothing the summary does)
    if exercise.is_truth_table:
        rows = _table_reasons(exercise, out, ok, result, tolerance)
        functional = [] if functional_ok else rows
    elif not functional_ok:
        functional, notes = _point_reasons(exercise, out, ok, error, tolerance)
    non_finite = int((~np.all(np.isfinite(out), axis=1)).sum())
    if non_finite and not functional_ok:
        infinite = f"the output is not a finite number at {non_finite} point(s): are some weights huge?"
        functional.append(infinite)
        notes = None if notes is None else [*notes, infinite]
    result.reasons = reasons + functional
    result.notes = None if notes is None else reasons + notes
    result.passed = functional_ok and not violations
    result.score = (right / total) * (0.5 if violations else 1.0)
    return result
