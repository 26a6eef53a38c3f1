"""Feature nodes and the checker: allowed only where an exercise says so; the circle with one neuron."""

import pytest

from designer.exercises import check, load_exercise
from designer.exercises.loader import exercise_from_document
from designer.model import Connection, FeatureNode
from designer.model.fileformat import to_document


def _xor_with_a_product_feature():
    exercise = load_exercise("xor")
    net = exercise.solutions[0].copy()
    net.features["p"] = FeatureNode("p", "x1*x2")
    net.connections[("p", "h1")] = Connection("p", "h1", 0.0)
    return exercise, net


def test_exercises_without_max_features_allow_none():
    exercise, net = _xor_with_a_product_feature()
    result = check(net, exercise)
    assert not result.passed and result.evaluated  # still judged, but the rule is broken
    violation = next(v for v in result.violations if v.kind == "features")
    assert violation.message == "1 feature node (x1*x2), none allowed in this exercise: build it from neurons"
    assert violation.nodes == ("p",) and result.score == 0.5


def _exercise(solution, target, low, high, constraints):
    """An exercise file (as parsed JSON) on inputs x1, x2 over [low, high]."""
    return {
        "format": "nn-designer-exercise",
        "version": 1,
        "id": "made-here",
        "title": "t",
        "group": "decision boundaries",
        "prompt": "p",
        "inputs": [{"id": "x1", "range": [low, high]}, {"id": "x2", "range": [low, high]}],
        "target": target,
        "pass": {"rule": "classify"},
        "constraints": constraints,
        "solutions": [to_document(solution)],
    }


def test_max_features_allows_some_or_any():
    exercise, net = _xor_with_a_product_feature()
    rows = [{"inputs": [a, b], "output": a ^ b} for a in (0, 1) for b in (0, 1)]
    raw = _exercise(exercise.solutions[0], {"kind": "truth_table", "rows": rows}, 0, 1, {})
    for limit, passes in ((None, True), (1, True), (0, False)):
        exercise = exercise_from_document({**raw, "constraints": {"max_features": limit}})
        assert check(net, exercise).passed is passes
    with pytest.raises(ValueError, match="constraints.max_features: expected a whole number from 0"):
        exercise_from_document({**raw, "constraints": {"max_features": -1}})


def test_first_layer_counts_neurons_fed_by_features():
    exercise = load_exercise("circle-one-neuron")
    target = {"kind": "region", "expression": "x1**2 + x2**2 < 6.25", "sample": {"grid": 11, "margin": 0.1}}
    constraints = {"max_first_layer": 1, "max_features": None}
    strict = exercise_from_document(_exercise(exercise.solutions[0], target, -5, 5, constraints))
    net = exercise.solutions[0].copy()
    assert check(net, strict).passed  # y reads only features: one neuron in the first layer
    from designer.model import Neuron

    net.neurons["h"] = Neuron("h", "relu")
    net.connections[("x2sq", "h")] = Connection("x2sq", "h", 1.0)
    violation = next(v for v in check(net, strict).violations if v.kind == "first_layer")
    assert violation.nodes == ("h", "y")


def test_the_circle_needs_features_or_more_neurons():
    exercise = load_exercise("circle-one-neuron")
    starter = check(exercise.starter, exercise)
    assert not starter.passed and "points misclassified" in starter.reasons[0]
    two = exercise.solutions[0].copy()
    from designer.model import Neuron

    two.neurons["h"] = Neuron("h", "relu")
    two.connections[("x1sq", "h")] = Connection("x1sq", "h", 1.0)
    reasons = check(two, exercise).reasons
    assert reasons == ["1 hidden neuron, none allowed (connect the inputs straight to the output)"]
