"""The checker: wrong designs fail with the reason a student needs; details for the GUI; one forward pass."""

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from designer.engine.compiled import CompiledNetwork
from designer.exercises import check, exercise_from_document, load_exercise
from designer.exercises.authoring import network
from designer.model import Connection, FeatureNode, InputNode, Neuron
from designer.resources import EXERCISES
from tests.netgen import random_dag

X = ["x1", "x2"]


@pytest.fixture(scope="module")
def ex():
    cache = {}

    def get(exercise_id):
        if exercise_id not in cache:
            cache[exercise_id] = load_exercise(exercise_id)
        return cache[exercise_id]

    return get


def one_neuron(activation, bias, w1, w2, inputs=X):
    weights = dict(zip(inputs, (w1, w2), strict=False))
    return network("n", inputs, [("y", activation, bias, weights)], ["y"])


def test_wrong_row_names_inputs_output_and_expected(ex):
    result = check(one_neuron("step", -0.5, 1, 1), ex("and"))  # that is OR
    assert not result.passed and result.evaluated
    assert result.reasons == [
        "row x1=0, x2=1: output 1.0, expected 0",
        "row x1=1, x2=0: output 1.0, expected 0",
    ]
    assert [(r.inputs, r.expected, r.got) for r in result.wrong_rows] == [
        ({"x1": 0.0, "x2": 1.0}, (0.0,), (1.0,)),
        ({"x1": 1.0, "x2": 0.0}, (0.0,), (1.0,)),
    ]
    assert len(result.rows) == 4 and result.wrong_points == [1, 2]
    assert result.score == 0.5 and result.summary == "2 of 4 rows right"


def test_the_threshold_is_explained_for_soft_outputs(ex):
    result = check(one_neuron("sigmoid", 0.0, 1, 1), ex("and"))  # sigmoid(0) = 0.5 counts as 1
    assert result.reasons[0] == "row x1=0, x2=0: output 0.5, expected 0 (an output ≥ 0.5 counts as 1)"


def test_xor_relu_needs_exact_values(ex):
    near = network(
        "almost",
        X,
        [
            ("h1", "relu", 0.0, {"x1": 1.0, "x2": 1.0}),
            ("h2", "relu", -1.0, {"x1": 1.0, "x2": 1.0}),
            ("y", "linear", 0.0, {"h1": 0.9, "h2": -1.8}),
        ],
        ["y"],
    )
    assert check(near, ex("xor")).passed  # right side of 0.5 is enough for xor
    result = check(near, ex("xor-relu"))
    assert not result.passed
    assert result.reasons[0] == "row x1=0, x2=1: output 0.9, expected 1 (must be within 1e-06)"
    assert result.max_error is not None and math.isclose(result.max_error.error, 0.1)


def test_disallowed_activation_names_the_neuron_and_the_allowed_ones(ex):
    xor = load_exercise("xor").solutions[1].copy()  # h1, h2 relu, y linear
    xor.neurons["h2"].activation = "tanh"
    result = check(xor, ex("xor-relu"))
    assert "h2 uses tanh; allowed: relu" in result.reasons
    violation = next(v for v in result.violations if v.kind == "activation")
    assert violation.nodes == ("h2",)
    xor.neurons["y"].activation = "step"
    assert "output y uses step; allowed: linear" in check(xor, ex("xor-relu")).reasons


def test_too_many_hidden_neurons(ex):
    net = load_exercise("xor").solutions[0].copy()
    net.neurons["h3"] = Neuron("h3", "step", 0.0)
    result = check(net, ex("xor"))
    assert not result.passed
    assert result.reasons == ["3 hidden neurons, at most 2 allowed"]
    assert result.score == 0.5  # the function is right, the build is not: halved
    assert check(load_exercise("xor").solutions[0], ex("and")).reasons[0] == (
        "2 hidden neurons, none allowed (connect the inputs straight to the output)"
    )


def test_missing_and_extra_inputs_are_named_and_nothing_is_evaluated(ex):
    net = network("a", ["x1", "b"], [("y", "step", -1.5, {"x1": 1.0, "b": 1.0})], ["y"])
    result = check(net, ex("and"))
    assert result.reasons == [
        "input x2 missing (the exercise needs inputs x1, x2)",
        "input b is not part of this exercise (it needs inputs x1, x2)",
    ]
    assert not result.evaluated and result.score == 0.0 and result.rows == []
    assert result.summary == "not evaluated: fix the problems listed"
    assert [(v.kind, v.nodes) for v in result.violations] == [("inputs", ()), ("inputs", ("b",))]


def test_input_order_does_not_matter(ex):
    net = one_neuron("step", 1.0, 1.0, -2.0, inputs=["x2", "x1"])  # x2 - 2 x1 + 1
    assert check(net, ex("half-plane")).passed


def test_too_deep(ex):
    chain = network(
        "chain",
        ["x"],
        [
            ("h1", "relu", 0.0, {"x": 1.0}),
            ("h2", "relu", 0.0, {"x": -1.0, "h1": 2.0}),  # relu(2 relu(x) - x) = |x|
            ("y", "linear", 0.0, {"h2": 1.0}),
        ],
        ["y"],
    )
    result = check(chain, ex("abs-relu"))
    assert result.right == result.total  # it does compute |x| ...
    assert result.reasons == ["3 layers of neurons (x → h1 → h2 → y), at most 2 allowed"]  # ... too deep
    assert next(v for v in result.violations if v.kind == "depth").nodes == ("x", "h1", "h2", "y")


def test_first_layer_limit(ex):
    disk = load_exercise("disk").solutions[0].copy()
    disk.neurons["h9"] = Neuron("h9", "step", 1.0)
    disk.connections[("x1", "h9")] = Connection("x1", "h9", 0.0)
    result = check(disk, ex("disk"))
    assert result.reasons == ["9 neurons connected to the inputs (first layer), at most 8 allowed"]


def test_outputs_must_match(ex):
    net = one_neuron("step", -1.5, 1, 1)
    net.outputs = []
    assert check(net, ex("and")).reasons == ["no output neuron: mark the neuron that gives the answer as output"]
    two = network("two", X, [("y", "step", -1.5, {"x1": 1.0}), ("z", "step", 0.0, {"x2": 1.0})], ["y", "z"])
    assert check(two, ex("and")).reasons == ["2 outputs (y, z), the exercise needs 1"]


def test_one_d_max_error_is_located(ex):
    half = network("relu", ["x"], [("h1", "relu", 0.0, {"x": 1.0}), ("y", "linear", 0.0, {"h1": 1.0})], ["y"])
    result = check(half, ex("abs-relu"))
    assert not result.passed
    assert result.max_error is not None
    assert result.max_error.inputs == {"x": -5.0} and result.max_error.expected == 5.0 and result.max_error.got == 0.0
    assert result.reasons == [
        "max error 5 at x=-5: output 0.0, expected 5 (allowed 1e-06; 100 of 201 points off by more)"
    ]
    cases = ex("abs-relu").cases
    assert all(cases.x[i, 0] < 0 for i in result.wrong_points) and len(result.wrong_points) == 100


def test_misclassified_points_are_indices_into_the_cases(ex):
    exercise = ex("disk")
    square = network(
        "square",
        X,
        [
            ("a", "step", 2.0, {"x1": -1.0}),
            ("b", "step", 2.0, {"x1": 1.0}),
            ("c", "step", 2.0, {"x2": -1.0}),
            ("d", "step", 2.0, {"x2": 1.0}),
            ("y", "step", -3.5, {"a": 1.0, "b": 1.0, "c": 1.0, "d": 1.0}),
        ],
        ["y"],
    )
    result = check(square, exercise)
    x = exercise.cases.x[result.wrong_points]
    assert len(x) > 0 and (np.abs(x).max(axis=1) <= 2).all() and ((x**2).sum(axis=1) >= 4).all()  # the corners
    assert not result.passed and result.reasons[0].startswith(f"{len(x)} of {len(exercise.cases)} points misclassified")


def test_non_finite_outputs_are_wrong(ex):
    net = one_neuron("linear", 0.0, 1e308, 1e308)
    result = check(net, ex("linear-collapse"))
    assert not result.passed and any("not a finite number" in r for r in result.reasons)


def test_invalid_network_is_reported_not_raised(ex):
    net = one_neuron("step", 0.0, 1, 1)
    net.neurons["y"].activation = "gelu"
    result = check(net, ex("and"))
    assert not result.passed and not result.evaluated
    assert result.reasons[0].startswith("the network is not valid: neuron 'y': unknown activation 'gelu'")


def test_huge_networks_are_not_evaluated(ex):
    net = one_neuron("step", -1.5, 1, 1)
    for i in range(1001):
        net.neurons[f"n{i}"] = Neuron(f"n{i}", "linear")
    result = check(net, ex("spiral"))
    assert not result.evaluated and any("too large to check" in r for r in result.reasons)


def test_the_checker_uses_the_engines_forward_pass(ex, monkeypatch):
    calls = []
    original = CompiledNetwork.forward

    def spy(self, x):
        calls.append(x.shape)
        return original(self, x)

    monkeypatch.setattr(CompiledNetwork, "forward", spy)
    assert check(load_exercise("xor").solutions[0], ex("xor")).passed
    assert calls == [(4, 2)]
    monkeypatch.setattr(CompiledNetwork, "forward", lambda self, x: np.zeros((len(x), 1)))
    assert check(load_exercise("xor").solutions[0], ex("xor")).right == 2  # its verdict is the engine's


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), n_hidden=st.integers(0, 6))
def test_any_network_gets_a_verdict_with_a_score_in_0_1(ex, seed, n_hidden):
    net = random_dag(seed, n_hidden=n_hidden)
    for exercise_id in ("xor", "disk", "abs-relu"):
        result = check(net, ex(exercise_id))
        assert 0.0 <= result.score <= 1.0
        assert result.passed == (not result.reasons)
        assert result.passed is False or result.score > 0


def test_score_is_the_share_right(ex):
    result = check(one_neuron("step", 0.0, 0.0, 0.0), ex("or"))  # always 1
    assert result.score == 0.75 and result.right == 3 and result.total == 4
    net = one_neuron("step", 0.0, 0.0, 0.0)
    net.inputs["x3"] = InputNode("x3")
    assert check(net, ex("or")).score == 0.0


def test_hostile_ids_stay_on_one_line(ex):
    net = one_neuron("step", 0.0, 1, 1)
    net.neurons["y"].activation = "gelu"
    net.neurons["y\n\x1b[2Jevil"] = net.neurons.pop("y")
    net.neurons["y\n\x1b[2Jevil"].id = "y\n\x1b[2Jevil"
    result = check(net, ex("and"))
    assert all("\n" not in r and "\x1b" not in r for r in result.reasons)


def test_ids_from_the_students_file_are_shown_up_to_40_characters(ex):
    fits, too_long = "a" * 40, "b" * 41
    net = network("long", [*X, fits, too_long], [("y", "step", -1.5, {"x1": 1.0, "x2": 1.0})], ["y"])
    assert check(net, ex("and")).reasons == [
        f"input {fits} is not part of this exercise (it needs inputs x1, x2)",
        f"input {'b' * 39}… is not part of this exercise (it needs inputs x1, x2)",
    ]


def test_one_input_reads_naturally_and_points_summary(ex):
    result = check(one_neuron("linear", 0.0, 1, 1), ex("abs-relu"))
    assert result.reasons[:3] == [
        "input x missing (the exercise needs input x)",
        "input x1 is not part of this exercise (it needs input x)",
        "input x2 is not part of this exercise (it needs input x)",
    ]
    disk = check(load_exercise("disk").solutions[0], ex("disk"))
    assert disk.summary == "1052 of 1052 points right: 100.0%, need 97%"


def test_an_error_exactly_at_the_tolerance_passes(ex):
    """max_error means |output - target| <= tolerance: the boundary itself passes."""
    import dataclasses

    exercise = ex("abs-relu")
    net = exercise.solutions[0].copy()
    out = next(iter(net.outputs))
    net.neurons[out].bias += 0.25
    missed = check(net, exercise)
    assert not missed.passed and missed.max_error is not None
    at_the_limit = dataclasses.replace(
        exercise, rule=dataclasses.replace(exercise.rule, tolerance=missed.max_error.error)
    )
    assert check(net, at_the_limit).passed
    below = dataclasses.replace(exercise.rule, tolerance=float(np.nextafter(missed.max_error.error, 0)))
    assert not check(net, dataclasses.replace(exercise, rule=below)).passed


def test_outputs_read_as_values_even_when_negative_whole_numbers(ex):
    minus_one = network("c", ["x"], [("y", "linear", -1.0, {"x": 0.0})], ["y"])
    result = check(minus_one, ex("abs-relu"))
    assert result.reasons == [
        "max error 6 at x=-5: output -1.0, expected 5 (allowed 1e-06; 201 of 201 points off by more)"
    ]


def test_too_many_hidden_neurons_marks_them(ex):
    net = load_exercise("xor").solutions[0].copy()
    net.neurons["h3"] = Neuron("h3", "step", 0.0)
    violations = [v for v in check(net, ex("xor")).violations if v.kind == "hidden"]
    assert len(violations) == 1 and set(violations[0].nodes) == {"h1", "h2", "h3"}


def test_a_long_path_is_shortened_in_the_depth_message(ex):
    layers = [("h1", "relu", 0.0, {"x": 1.0})] + [(f"h{i}", "relu", 0.0, {f"h{i - 1}": 1.0}) for i in range(2, 9)]
    deep = network("deep", ["x"], [*layers, ("y", "linear", 0.0, {"h8": 1.0})], ["y"])
    result = check(deep, ex("abs-relu"))
    assert "9 layers of neurons (x → … → y), at most 2 allowed" in result.reasons
    assert len(next(v for v in result.violations if v.kind == "depth").nodes) == 10


def test_the_last_node_of_a_long_path_is_clipped_too(ex, tmp_path, capsys):
    """A deep network whose output's id is 9,990 characters (a line break, an override, tags): the depth
    reason clipped the path's first node but not its last, and `check` printed a 10,000-character line."""
    from designer.cli import main
    from designer.model import save

    output = "<b>OUT</b>\u202e\n" + "Z" * 9_980
    layers = [("h1", "relu", 0.0, {"x": 1.0})] + [(f"h{i}", "relu", 0.0, {f"h{i - 1}": 1.0}) for i in range(2, 9)]
    deep = network("deep", ["x"], [*layers, (output, "linear", 0.0, {"h8": 1.0})], [output])
    reason = "9 layers of neurons (x → … → <b>OUT</b> " + "Z" * 28 + "…), at most 2 allowed"
    assert reason in check(deep, ex("abs-relu")).reasons
    save(deep, tmp_path / "deep.json")
    assert main(["check", "--exercise", "abs-relu", str(tmp_path / "deep.json")]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert f"  - {reason}" in lines and max(len(line) for line in lines) < 200


def test_a_wrong_row_of_two_outputs_lists_both_values():
    doc = json.loads(EXERCISES.joinpath("and.json").read_text(encoding="utf-8"))
    doc["target"]["rows"] = [
        {"inputs": r["inputs"], "output": [r["output"], 1 - r["output"]]} for r in doc["target"]["rows"]
    ]
    and_nand = exercise_from_document(doc)  # AND and NAND
    both_and = network(
        "n", X, [("y", "step", -1.5, {"x1": 1, "x2": 1}), ("z", "step", -1.5, {"x1": 1, "x2": 1})], ["y", "z"]
    )
    result = check(both_and, and_nand)
    assert result.reasons[0] == "row x1=0, x2=0: outputs (0.0, 0.0), expected (0, 1)"


def test_a_truth_table_passed_with_the_wrong_rows_it_allows_lists_no_reasons():
    doc = json.loads(EXERCISES.joinpath("and.json").read_text(encoding="utf-8"))
    doc["pass"]["min_accuracy"] = 0.75  # a teacher's exercise: three of the four rows are enough
    result = check(one_neuron("step", -0.5, 1, 0), exercise_from_document(doc))  # y = x1: row 1,0 wrong
    assert result.passed and result.reasons == [] and result.summary == "3 of 4 rows right"
    assert [row.ok for row in result.rows] == [True, True, False, True]  # the table still marks it


def test_up_to_three_feature_formulas_are_shown_and_more_end_in_an_ellipsis(ex):
    net = load_exercise("xor").solutions[0].copy()
    for i, formula in enumerate(["x1*x2", "x1^2", "x2^2", "sin(x1)"]):
        net.features[f"f{i}"] = FeatureNode(f"f{i}", formula)
    message = next(v.message for v in check(net, ex("xor")).violations if v.kind == "features")
    assert message == "4 feature nodes (x1*x2, x1^2, x2^2 …), none allowed in this exercise: build it from neurons"
    del net.features["f3"]
    message = next(v.message for v in check(net, ex("xor")).violations if v.kind == "features")
    assert message == "3 feature nodes (x1*x2, x1^2, x2^2), none allowed in this exercise: build it from neurons"


def test_several_allowed_activations_are_listed_with_commas(ex):
    import dataclasses

    base = ex("xor-relu")
    lenient = dataclasses.replace(
        base, constraints=dataclasses.replace(base.constraints, hidden_activations=("sigmoid", "relu"))
    )
    xor = load_exercise("xor").solutions[1].copy()  # h1, h2 relu, y linear
    xor.neurons["h2"].activation = "tanh"
    assert "h2 uses tanh; allowed: sigmoid, relu" in check(xor, lenient).reasons


def test_a_min_accuracy_of_minus_zero_is_shown_as_0_percent():
    """ "min_accuracy": -0.0 printed "need -0%"; a setting of -0 is 0."""
    from designer.exercises.catalog import EXERCISES_DIR

    doc = json.loads((EXERCISES_DIR / "half-plane.json").read_text(encoding="utf-8"))
    doc["pass"]["min_accuracy"] = -0.0
    exercise = exercise_from_document(doc)
    assert math.copysign(1.0, exercise.rule.min_accuracy) == 1.0
    result = check(exercise.starter, exercise)
    assert result.summary.endswith("need 0%") and "-0%" not in result.summary
