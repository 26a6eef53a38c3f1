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


def test_max_features_allows_some_or_any():
    exercise, net = _xor_with_a_product_feature()
    doc = to_document(exercise.solutions[0])
    raw = {
        "format": "nn-designer-exercise",
        "version": 1,
        "id": "xor-features",
        "title": "t",
        "group": "logic gates",
        "prompt": "p",
        "inputs": [{"id": "x1", "range": [0, 1]}, {"id": "x2", "range": [0, 1]}],
        "target": {
            "kind": "truth_table",
            "rows": [{"inputs": [a, b], "output": a ^ b} for a in (0, 1) for b in (0, 1)],
        },
        "pass": {"rule": "classify"},
        "solutions": [doc],
    }
    for limit, passes in ((None, True), (1, True), (0, False)):
        exercise = exercise_from_document({**raw, "constraints": {"max_features": limit}})
        assert check(net, exercise).passed is passes
    with pytest.raises(ValueError, match="constraints.max_features: expected a whole number from 0"):
        exercise_from_document({**raw, "constraints": {"max_features": -1}})


def test_first_layer_counts_neurons_fed_by_features():
    exercise = load_exercise("circle-one-neuron")
    raw = to_document(exercise.solutions[0])
    doc = {
        "format": "nn-designer-exercise",
        "version": 1,
        "id": "first",
        "title": "t",
        "group": "decision boundaries",
        "prompt": "p",
        "inputs": [{"id": "x1", "range": [-5, 5]}, {"id": "x2", "range": [-5, 5]}],
        "target": {"kind": "region", "expression": "x1**2 + x2**2 < 6.25", "sample": {"grid": 11, "margin": 0.1}},
        "pass": {"rule": "classify"},
        "constraints": {"max_first_layer": 1, "max_features": None},
        "solutions": [raw],
    }
    strict = exercise_from_document(doc)
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
