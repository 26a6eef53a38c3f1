"""The checker's reasons and verdicts where the mutation check (docs/testing.md) found no test: the
build rules' messages as a hand-in's row shows them, at the limits where they shorten or give up."""

import dataclasses
import json

import numpy as np
import pytest

from designer.engine import EngineError, make_dataset
from designer.engine.losses import accuracy
from designer.exercises import ExerciseError, check, exercise_from_document, load_exercise, targets
from designer.exercises.authoring import network
from designer.exercises.catalog import EXERCISES_DIR
from designer.model import Connection

X = ["x1", "x2"]
AND = load_exercise("and")


def _and(**constraints):
    """The AND table with other build rules (a teacher's exercise in all but the file)."""
    return dataclasses.replace(AND, constraints=dataclasses.replace(AND.constraints, **constraints))


def _chain(ids, activation="step"):
    """x1 → ids[0] → ids[1] → …: one neuron per layer, the last one the output."""
    first = [(ids[0], activation, 0, {"x1": 1})]
    return network("n", X, first + [(b, activation, 0, {a: 1}) for a, b in zip(ids, ids[1:], strict=False)], [ids[-1]])


def test_too_many_layers_names_the_longest_path_whatever_the_names():
    """The deepest neuron is b (z comes first in the alphabet and in the file, one layer up)."""
    result = check(_chain(["z", "b"]), _and(max_hidden=None, max_depth=1))
    assert not result.passed and result.score == 0.5 * 0.25
    assert result.reasons[0] == "2 layers of neurons (x1 → z → b), at most 1 allowed"


@pytest.mark.parametrize(
    "n, shown",
    [(7, "x1 → n1 → n2 → n3 → n4 → n5 → n6 → n7"), (8, "x1 → … → n8")],
)
def test_a_long_path_is_shortened_from_nine_nodes_on(n, shown):
    result = check(_chain([f"n{i}" for i in range(1, n + 1)]), _and(max_hidden=None, max_depth=1))
    assert result.reasons[0] == f"{n} layers of neurons ({shown}), at most 1 allowed"


def test_long_names_are_shortened_to_20_characters_in_paths_and_skip_connections():
    """A layered exercise with a depth limit: both rules broken, both reported (the skip connection's
    reason does not replace the depth's)."""
    long = "hidden_neuron_number_1"  # 22 characters: shown as 19 and "…"
    neurons = [(long, "step", 0, {"x1": 1}), ("g", "step", 0, {long: 1}), ("y", "step", 0, {"g": 1, long: 1})]
    result = check(network("n", X, neurons, ["y"]), _and(max_hidden=None, max_depth=1, layered=True))
    assert result.reasons[:2] == [
        "3 layers of neurons (x1 → hidden_neuron_numbe… → g → y), at most 1 allowed",
        "skip connection hidden_neuron_numbe… → y (layer 1 to layer 3): "
        "this exercise wants a layered network, each connection going to the next layer",
    ]


def test_a_forbidden_activation_names_four_neurons_then_counts_the_rest():
    for count, shown in ((4, "h1, h2, h3, h4 use"), (5, "h1, h2, h3, h4 and 1 more use")):
        hidden = [(f"h{i}", "sigmoid", 0, {"x1": 1}) for i in range(1, count + 1)]
        y = ("y", "step", 0, {f"h{i}": 1 for i in range(1, count + 1)})
        result = check(network("n", X, [*hidden, y], ["y"]), _and(max_hidden=None, hidden_activations=("relu",)))
        assert result.reasons[0] == f"{shown} sigmoid; allowed: relu"


def test_too_many_outputs_names_six_of_them():
    outputs = [f"o{i}" for i in range(1, 8)]
    result = check(network("n", X, [(o, "step", 0, {"x1": 1}) for o in outputs], outputs), AND)
    assert result.reasons == ["7 outputs (o1, o2, o3, o4, o5, o6), the exercise needs 1"]
    assert not result.evaluated and result.score == 0.0


def test_a_network_of_exactly_the_size_limits_is_checked():
    """1,000 neurons, or 20,000 connections (100, 99 and 99 neurons fully connected, then y):
    evaluated, not "too large to check"."""
    hidden = [(f"h{i}", "relu", 0, {"x1": 1}) for i in range(999)]
    y = ("y", "step", -0.5, {"h0": 1})
    result = check(network("n", X, [*hidden, y], ["y"]), _and(max_hidden=None))
    assert result.evaluated and result.summary == "3 of 4 rows right"  # y = x1
    layers = [[f"a{i}" for i in range(100)], [f"b{i}" for i in range(99)], [f"c{i}" for i in range(99)]]
    neurons, below = [], X
    for layer in layers:
        neurons += [(n, "relu", 0, dict.fromkeys(below, 0.0)) for n in layer]
        below = layer
    dense = network("n", X, [*neurons, ("y", "step", 0.5, dict.fromkeys(below, 0.0))], ["y"])
    assert len(dense.connections) == 20_000
    result = check(dense, _and(max_hidden=None))
    assert result.evaluated and result.summary == "1 of 4 rows right"


def test_an_invalid_network_is_reported_once_and_not_measured():
    """A cycle (possible in a network built in code, not in a file) with depth and layer rules to
    check: the one reason is the cycle, shortened to 300 characters; the rules that need layers
    are not measured on it."""
    a, b = "a" * 120, "b" * 120
    net = network("n", X, [(a, "step", 0, {"x1": 1}), (b, "step", 0, {a: 1}), ("y", "step", 0, {b: 1})], ["y"])
    net.connections[(b, a)] = Connection(b, a, 1.0)
    result = check(net, _and(max_hidden=None, max_depth=1, layered=True, max_first_layer=1))
    assert not result.passed and not result.evaluated and result.score == 0.0
    [reason] = result.reasons
    assert reason.startswith("the network is not valid: ") and reason.endswith("…")
    assert len(reason) == len("the network is not valid: ") + 300


def test_a_target_of_one_half_is_class_1_as_in_training():
    """A teacher's classify table may hold 0.5: like training's accuracy (``y ≥ 0.5``), the checker
    counts it as class 1, so an output of 1 is right there and an output of 0 wrong."""
    doc = json.loads((EXERCISES_DIR / "and.json").read_text(encoding="utf-8"))
    doc["id"] = "and-half"
    doc["target"]["rows"][3]["output"] = 0.5
    half = exercise_from_document(doc)
    solution = network("n", X, [("y", "step", -1.5, {"x1": 1, "x2": 1})], ["y"])  # AND
    assert check(solution, half).passed
    result = check(network("n", X, [("y", "step", -2.5, {"x1": 1, "x2": 1})], ["y"]), half)  # always 0
    assert result.summary == "3 of 4 rows right" and result.rows[3].ok is False
    assert accuracy(np.array([[1.0], [0.0]]), np.array([[0.5], [0.5]])) == 0.5


def _dataset_exercise(**target):
    """The spiral exercise with its dataset target's settings replaced (a teacher's variant)."""
    doc = json.loads((EXERCISES_DIR / "spiral.json").read_text(encoding="utf-8"))
    doc["id"] = "spiral-variant"
    doc["target"] = {"kind": "dataset", "name": "circle", **target}
    return exercise_from_document(doc)


@pytest.mark.parametrize("split", ["test", "train", "all"])
def test_a_dataset_target_is_checked_on_exactly_the_points_it_names(split):
    """Every setting of the target reaches the data: the same points and labels as the data panel
    makes from them (hand-ins are graded on these points)."""
    exercise = _dataset_exercise(points=120, noise=0.2, seed=9, train_ratio=0.25, split=split)
    d = make_dataset("circle", n=120, noise=0.2, seed=9, train_ratio=0.25)
    x, y = {"test": (d.x_test, d.y_test), "train": (d.x_train, d.y_train), "all": (d.x, d.y)}[split]
    assert len(x) == {"test": 90, "train": 30, "all": 120}[split]
    np.testing.assert_array_equal(exercise.cases.x, x)
    np.testing.assert_array_equal(exercise.cases.y, y)
    assert exercise.cases.x.dtype == exercise.cases.y.dtype == np.float64


def test_a_dataset_target_with_an_empty_split_is_refused_and_one_point_is_not():
    with pytest.raises(ExerciseError, match=r"^target: the test split of 'circle' is empty \(change train_ratio\)$"):
        _dataset_exercise(points=10, train_ratio=1.0)
    assert len(_dataset_exercise(points=10, train_ratio=0.9).cases.x) == 1


def test_a_target_that_is_not_finite_somewhere_names_the_point():
    doc = json.loads((EXERCISES_DIR / "linear-collapse.json").read_text(encoding="utf-8"))
    doc["target"] = {"kind": "function", "expression": "1/x1", "sample": {"grid": 3}}  # x1 = 0 on the grid
    message = r"^target: not a finite number at x1=0, x2=-5 \(exclude such points with sample.exclude\)$"
    with pytest.raises(ExerciseError, match=message):
        exercise_from_document(doc)


def test_the_work_limit_counts_margin_probes_and_the_exclude_expression():
    """Work = points × ((1 + probes) × operations + exclude's operations): exactly 2·10⁷ loads, one
    operation more is refused with what made it too much."""
    targets.check_work(1_000, 0, 19_999, once=1)  # 2·10⁷ exactly
    with pytest.raises(ExerciseError) as refused:
        targets.check_work(1_000, 0, 19_999, once=2)
    assert str(refused.value) == (
        "target: too much work to compute (1,000 points, 20,001 operations per point: 2e+07, limit 2e+07); "
        "use fewer points or shorter expressions"
    )
    with pytest.raises(ExerciseError, match=r"^target: too much work to compute \(100 points, 16 margin probes each, "):
        targets.check_work(100, 16, 20_000)


@pytest.mark.parametrize(
    "error, message",
    [
        (EngineError("network too large for the engine"), "given: network too large for the engine"),
        (MemoryError(), "target: too many points to compute"),
    ],
)
def test_a_target_the_engine_cannot_compute_is_refused_with_one_line(monkeypatch, error, message):
    """A given network past the engine's limits, or points past the memory: the teacher's file is
    refused with one line (simulated where the target's values are computed)."""

    def fail(*args):
        raise error

    monkeypatch.setattr(targets, "network_values", fail)
    doc = json.loads((EXERCISES_DIR / "linear-collapse.json").read_text(encoding="utf-8"))
    with pytest.raises(ExerciseError) as refused:
        exercise_from_document(doc)
    assert str(refused.value) == message


def test_target_values_are_computed_in_one_call_per_chunk(monkeypatch):
    """Three points are one chunk: one vectorised evaluation (not one per point, nor one per
    possible chunk start), and the values are the expression's."""
    calls = []
    real = targets.evaluate

    def counting(evaluator, values, n):
        calls.append(n)
        return real(evaluator, values, n)

    monkeypatch.setattr(targets, "evaluate", counting)
    expression = targets._compile_all(["x1 * 2 + x2"], ["x1", "x2"], "target.expression")
    values = targets._evaluate_all(expression, np.array([[1.0, 0.5], [2.0, -1.0], [0.0, 0.0]]), ["x1", "x2"])
    assert calls == [3] and values.tolist() == [[2.5], [3.0], [0.0]]
