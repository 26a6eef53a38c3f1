"""The built-in exercise set: ids, inputs, rules from issue 5, reference solutions that pass."""

import json

import jsonschema
import numpy as np
import pytest
from referencing import Registry, Resource

from designer.exercises import BUILTIN_IDS, EXERCISES_DIR, check, list_exercises, load_exercise
from designer.model import dumps, loads, validate
from tests.conftest import RESOURCES

IDS = (
    "and",
    "or",
    "nand",
    "xor",
    "xor-relu",
    "abs-relu",
    "bump",
    "approx-sin",
    "half-plane",
    "triangle",
    "two-regions",
    "disk",
    "circle-one-neuron",
    "linear-collapse",
    "spiral",
)
CHAIN_RULE_IDS = ("chain-1-1-1", "chain-2-2-1-sigmoid", "chain-relu-off")
LECTURE = ("linear", "sigmoid", "step", "relu")


def test_the_builtin_ids_are_exactly_the_contract():
    assert BUILTIN_IDS == IDS + CHAIN_RULE_IDS
    assert sorted(p.stem for p in EXERCISES_DIR.glob("*.json")) == sorted(IDS + CHAIN_RULE_IDS)
    assert [info.id for info in list_exercises()] == list(IDS)  # designs only; groups happen to follow this order
    everything = list_exercises(kind=None)
    assert [info.id for info in everything] == list(IDS + CHAIN_RULE_IDS)
    assert {info.kind for info in everything[-3:]} == {"chain_rule"} and everything[-1].group == "backpropagation"
    assert [info.id for info in list_exercises(kind="chain_rule")] == list(CHAIN_RULE_IDS)


@pytest.mark.parametrize("exercise_id", IDS)
def test_reference_solutions_pass_and_the_starter_does_not(exercise_id):
    exercise = load_exercise(exercise_id)
    assert exercise.id == exercise_id and exercise.solutions
    for solution in exercise.solutions:
        result = check(solution, exercise)
        assert result.passed, (solution.name, result.reasons)
        assert result.reasons == [] and result.evaluated
    starter = check(exercise.starter, exercise)
    assert not starter.passed and starter.reasons


@pytest.mark.parametrize("exercise_id", IDS)
def test_starters_and_solutions_are_valid_network_files(exercise_id):
    exercise = load_exercise(exercise_id)
    doc = json.loads(builtin_text(exercise_id))
    for network in [exercise.starter, *exercise.solutions, *([exercise.given] if exercise.given else [])]:
        assert validate(network) == []
        assert loads(dumps(network)) == network  # saves and reads back as an ordinary network file
    assert doc["starter"]["format"] == "nn-designer" and doc["starter"]["version"] == 1
    assert list(exercise.starter.inputs) == exercise.input_ids


def builtin_text(exercise_id):
    return (EXERCISES_DIR / f"{exercise_id}.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("exercise_id", IDS + CHAIN_RULE_IDS)
def test_files_match_the_json_schema(exercise_id):
    schemas = {
        name: json.loads((RESOURCES / name).read_text()) for name in ("network.schema.json", "exercise.schema.json")
    }
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas.values())
    schema = schemas["exercise.schema.json"]
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, registry=registry).validate(json.loads(builtin_text(exercise_id)))


def test_rules_from_the_issue():
    ex = {i: load_exercise(i) for i in IDS}
    for gate in (
        "and",
        "or",
        "nand",
        "xor",
        "xor-relu",
        "half-plane",
        "triangle",
        "two-regions",
        "disk",
        "linear-collapse",
        "spiral",
    ):
        assert ex[gate].input_ids == ["x1", "x2"], gate
    for one_d in ("abs-relu", "bump", "approx-sin"):
        assert ex[one_d].input_ids == ["x"]
        assert ex[one_d].constraints.output_activations == ("linear",)
    for gate in ("and", "or", "nand"):
        c = ex[gate].constraints
        assert c.max_hidden == 0 and c.output_activations == LECTURE and not c.training_allowed
        assert ex[gate].rule.rule == "classify" and ex[gate].rule.threshold == 0.5 and len(ex[gate].cases) == 4
    assert ex["xor"].constraints.max_hidden == 2 and ex["xor"].constraints.hidden_activations == LECTURE
    assert ex["xor-relu"].constraints.hidden_activations == ("relu",)
    assert ex["xor-relu"].rule.rule == "max_error" and ex["xor-relu"].rule.tolerance == 1e-6
    assert ex["abs-relu"].constraints.hidden_activations == ("relu",) and ex["abs-relu"].constraints.max_hidden == 2
    assert ex["bump"].constraints.hidden_activations == ("step",) and ex["bump"].constraints.max_hidden == 2
    assert set(ex["approx-sin"].constraints.hidden_activations) == {"step", "relu", "sigmoid"}
    assert ex["approx-sin"].constraints.max_hidden == 12 and ex["approx-sin"].rule.tolerance == 0.1
    assert ex["half-plane"].constraints.max_hidden == 0 and ex["half-plane"].rule.min_accuracy == 1.0
    assert ex["disk"].constraints.max_first_layer == 8 and ex["disk"].rule.min_accuracy == 0.97
    assert ex["approx-sin"].rule.step_only_tolerance == 0.15
    assert ex["linear-collapse"].given is not None and ex["linear-collapse"].constraints.max_hidden == 0
    assert ex["spiral"].constraints.training_allowed and ex["spiral"].rule.min_accuracy == 0.9
    circle = ex["circle-one-neuron"].constraints
    assert circle.max_hidden == 0 and circle.max_features is None and circle.training_allowed
    assert [e.id for e in ex.values() if e.constraints.training_allowed] == ["circle-one-neuron", "spiral"]
    assert all(e.constraints.max_features == 0 for e in ex.values() if e.id != "circle-one-neuron")


def test_sampled_targets_are_what_the_prompts_say():
    bump = load_exercise("bump").cases
    x, y = bump.x[:, 0], bump.y[:, 0]
    assert x.min() == -2 and x.max() == 6
    assert not ((abs(x - 1) < 0.0099) | (abs(x - 3) < 0.0099)).any()  # excluded near the jumps
    assert (y == ((x >= 1) & (x < 3))).all()
    half = load_exercise("half-plane").cases
    x1, x2 = half.x.T
    assert (half.y[:, 0] == (x2 > 2 * x1 - 1)).all()
    assert (abs(x2 - 2 * x1 + 1) / 5**0.5 > 0.09).all()  # the margin: no point right at the line
    assert len(half) + half.excluded == 200
    collapse = load_exercise("linear-collapse")
    x1, x2 = collapse.cases.x.T
    assert abs(collapse.cases.y[:, 0] - (7 * x1 - 5 * x2 + 6)).max() < 1e-12


def test_loading_twice_gives_independent_networks():
    a, b = load_exercise("xor"), load_exercise("xor")
    a.starter.neurons["y"].bias = 5.0
    assert b.starter.neurons["y"].bias == 0.0


def test_target_values_draw_the_target_anywhere():
    from designer.exercises import target_values

    disk = load_exercise("disk")
    values = target_values(disk, np.array([[0.0, 0.0], [1.9, 0.0], [2.1, 0.0], [3.0, 3.0]]))
    assert values.tolist() == [[1.0], [1.0], [0.0], [0.0]]
    sin = target_values(load_exercise("approx-sin"), np.array([[np.pi / 2]]))
    assert abs(sin[0, 0] - 1.0) < 1e-12
    collapse = target_values(load_exercise("linear-collapse"), np.array([[1.0, 1.0]]))
    assert abs(collapse[0, 0] - 8.0) < 1e-12
    assert target_values(load_exercise("xor"), np.zeros((1, 2))) is None
