"""Teachers' exercise files are read strictly: every fault is one line naming the place."""

import copy
import json

import pytest

from designer.exercises import ExerciseError, load_exercise, parse_exercise
from designer.exercises.catalog import EXERCISES_DIR
from designer.model import FormatError


def doc_of(exercise_id):
    return json.loads((EXERCISES_DIR / f"{exercise_id}.json").read_text(encoding="utf-8"))


def _set(path, value):
    def apply(doc):
        *parents, last = path
        for key in parents:
            doc = doc[key]
        if value is DELETE:
            del doc[last]
        else:
            doc[last] = value

    return apply


DELETE = object()


def _starter_with_x3(doc):
    doc["starter"]["inputs"][1]["id"] = "x3"
    doc["starter"]["connections"] = []


CASES = [
    ("xor", _set(["version"], 2), "made by a newer NN Designer (exercise version 2"),
    ("xor", _set(["format"], "nn-designer"), 'not an NN Designer exercise file (no "format": "nn-designer-exercise")'),
    ("xor", _set(["titel"], "x"), "titel: unknown key (did you mean 'title'?)"),
    ("xor", _set(["prompt"], DELETE), 'missing "prompt"'),
    ("xor", _set(["prompt"], "   "), "prompt: must not be empty"),
    ("xor", _set(["constraints", "max_hiden"], 2), "constraints.max_hiden: unknown key (did you mean 'max_hidden'?)"),
    ("xor", _set(["constraints", "max_hidden"], "two"), "constraints.max_hidden: expected a whole number from 0"),
    ("xor", _set(["constraints", "max_hidden"], -1), "constraints.max_hidden: expected a whole number from 0"),
    (
        "xor",
        _set(["constraints", "hidden_activations"], ["gelu"]),
        "constraints.hidden_activations[0]: unknown activation 'gelu'",
    ),
    (  # the format's names are lower case: a capitalised one is named, not only listed
        "xor",
        _set(["constraints", "hidden_activations"], ["ReLU"]),
        "constraints.hidden_activations[0]: unknown activation 'ReLU' (did you mean 'relu'?)",
    ),
    (
        "xor",
        _set(["constraints", "output_activations"], ["sigmoid", "Sigmoid"]),
        "constraints.output_activations[1]: unknown activation 'Sigmoid' (did you mean 'sigmoid'?)",
    ),
    (
        "xor",
        _set(["constraints", "hidden_activations"], ["softplus"]),
        "unknown activation 'softplus' (known: linear, sigmoid, step, relu, tanh)",
    ),
    (
        "xor",
        _set(["constraints", "training_allowed"], "no"),
        "constraints.training_allowed: expected true or false, got a string",
    ),
    ("xor", _set(["group"], "gates"), "group: expected one of logic gates, 1-D functions"),
    ("xor", _set(["id"], "XOR!"), "id: 'XOR!' must be lower-case letters and digits"),
    ("xor", _set(["inputs", 1, "id"], "x 2"), "inputs[1].id: 'x 2' must be a name like x1"),
    ("xor", _set(["inputs", 1, "id"], "x1"), "inputs[1].id: duplicate input id 'x1'"),
    ("xor", _set(["inputs", 0, "range"], [1, 0]), "inputs[0].range: low must be below high"),
    ("xor", _set(["inputs", 0, "range"], [0, float("nan")]), "inputs[0].range: nan is not a finite number"),
    ("xor", _set(["target", "kind"], "table"), "target.kind: expected one of truth_table"),
    ("xor", _set(["target", "rows", 0, "inputs"], [0, 0, 0]), "target.rows[0].inputs: expected 2 numbers"),
    ("xor", _set(["target", "rows", 1, "output"], [1, 0]), "target.rows[1].output: every row needs the same number"),
    ("xor", _set(["pass", "rule"], "exact"), "pass.rule: expected one of classify, max_error, got 'exact'"),
    ("xor", _set(["pass", "tolerance"], 0.1), "pass.tolerance: unknown key"),
    ("xor-relu", _set(["pass", "tolerance"], DELETE), 'pass: missing "tolerance"'),
    ("xor", _set(["hints"], ["ok", 3]), "hints[1]: expected a non-empty string"),
    ("xor", _set(["solutions"], []), "solutions: must not be empty"),
    (
        "xor",
        _set(["solutions", 0, "neurons", 0, "bias"], "a"),
        "solutions[0]: neurons[0].bias: expected a number, got a string",
    ),
    (
        "xor",
        _set(["solutions", 0, "connections", 0, "target"], "ghost"),
        "solutions[0]: connection x1 → ghost: unknown target",
    ),
    ("xor", _starter_with_x3, "starter: its inputs (x1, x3) must be the exercise's inputs (x1, x2)"),
    (
        "abs-relu",
        _set(["target", "expression"], "__import__('os')"),
        "target.expression: unknown function '__import__'",
    ),
    ("abs-relu", _set(["target", "expression"], "x.real"), "target.expression: Attribute is not allowed"),
    ("abs-relu", _set(["target", "expression"], "abs(y)"), "target.expression: unknown name 'y' (inputs: x"),
    ("abs-relu", _set(["target", "expression"], "abs(x"), "target.expression: not a valid expression"),
    ("abs-relu", _set(["target", "expression"], "log(x)"), "target: not a finite number at x=-5"),
    ("abs-relu", _set(["target", "sample", "random"], 10), "target.sample: give exactly one of grid, random, points"),
    (
        "abs-relu",
        _set(["target", "sample", "grid"], 10**6),
        "target.sample.grid: expected a whole number from 2 to 100000",
    ),
    ("abs-relu", _set(["target", "sample", "margin"], 0.1), "target.sample.margin: only regions have a margin"),
    ("abs-relu", _set(["target", "sample", "exclude"], "x > -10"), "target.sample: no points left to check"),
    ("disk", _set(["target", "expression"], "x1 + x2"), "target.expression: a region needs a condition"),
    ("disk", _set(["target", "sample", "grid"], 400), "target.sample.grid: 400^2 points, limit 100000"),
    ("linear-collapse", _set(["given"], DELETE), 'target: kind "network" needs the "given" network'),
    ("spiral", _set(["target", "name"], "spirals"), "target: unknown dataset 'spirals'"),
    ("spiral", _set(["target", "name"], "sin"), "target: dataset 'sin' has 1 input(s); the exercise lists 2"),
    (
        "half-plane",  # random sample: low + (high − low)·u would be inf or NaN
        _set(["inputs", 0, "range"], [-1e308, 1e308]),
        "inputs[0].range: [-1e+308, 1e+308] is too wide (high − low is not a finite number)",
    ),
    ("disk", _set(["inputs", 1, "range"], [-1.7e308, 1e308]), "inputs[1].range: [-1.7e+308, 1e+308] is too wide"),
]


@pytest.mark.parametrize(("base", "mutate", "expected"), CASES, ids=[c[2][:50] for c in CASES])
def test_malformed_files_are_refused_with_one_line(base, mutate, expected):
    doc = copy.deepcopy(doc_of(base))
    mutate(doc)
    with pytest.raises(ExerciseError) as info:
        parse_exercise(json.dumps(doc))
    message = str(info.value)
    assert expected in message
    assert "\n" not in message and len(message) < 400


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the file is empty"),
        ("{not json", "not valid JSON"),
        ('{"format": "nn-designer-exercise", "format": 1}', "duplicate key 'format'"),
        ("[1, 2]", "not an NN Designer exercise file"),
    ],
)
def test_unreadable_text_is_one_line(text, expected):
    with pytest.raises(FormatError, match=expected):
        parse_exercise(text)


def test_file_errors_name_the_file(tmp_path):
    doc = doc_of("xor")
    doc["constraints"]["max_hidden"] = "2"
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ExerciseError, match=r"mine\.json: constraints\.max_hidden: expected a whole number"):
        load_exercise(str(path))


def test_a_teachers_file_by_path_works_and_ids_need_not_be_builtin(tmp_path):
    doc = doc_of("and")
    doc["id"] = "my-and"
    doc["target"]["rows"] = [
        {"inputs": r["inputs"], "output": [r["output"], 1 - r["output"]]} for r in doc["target"]["rows"]
    ]
    doc["solutions"][0]["neurons"].append({"id": "z", "activation": "step", "bias": 1.5})
    doc["solutions"][0]["connections"] += [{"source": s, "target": "z", "weight": -1} for s in ("x1", "x2")]
    doc["solutions"][0]["outputs"] = ["y", "z"]  # AND and NAND: two outputs
    del doc["starter"]
    path = tmp_path / "my-and.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    exercise = load_exercise(str(path))
    assert exercise.id == "my-and" and exercise.n_outputs == 2 and exercise.source == str(path)
    assert list(exercise.starter.inputs) == ["x1", "x2"] and not exercise.starter.neurons  # default starter

    from designer.exercises import check

    assert check(exercise.solutions[0], exercise).passed
    assert not check(exercise.solutions[1], exercise).passed  # one output only


@pytest.mark.parametrize("exercise_id", ["a" * 5000, "a-" * 2000 + "a", "é" * 300])
def test_an_id_too_long_for_a_file_name_is_an_unknown_exercise(exercise_id):
    """``--exercise aaa…`` (5,000 letters): OSError "File name too long" (the CLI printed the whole path;
    a network file's ``"exercise"`` key raised it out of File ▸ Open)."""
    with pytest.raises(ExerciseError, match="unknown exercise"):
        load_exercise(exercise_id)


def test_unknown_ids_and_missing_files():
    with pytest.raises(ExerciseError, match=r"unknown exercise 'xr' \(known: and, or, nand, xor"):
        load_exercise("xr")
    with pytest.raises(ExerciseError, match="no such file"):
        load_exercise("nowhere/x.json")
    with pytest.raises(ExerciseError, match="unknown exercise"):
        load_exercise("..")


def test_text_from_the_file_cannot_break_the_line():
    doc = doc_of("xor")
    doc["id"] = "bad\nid\x1b[2J"
    with pytest.raises(ExerciseError) as info:
        parse_exercise(json.dumps(doc))
    assert str(info.value) == "id: 'bad id [2J' must be lower-case letters and digits joined by '-'"
    doc = doc_of("spiral")
    doc["target"]["name"] = "spi\r\nral"
    with pytest.raises(ExerciseError, match="unknown dataset 'spi ral'") as info:
        parse_exercise(json.dumps(doc))
    assert "\n" not in str(info.value) and "\r" not in str(info.value)


def test_a_sample_point_that_is_not_finite_is_refused():
    """What the range check at load keeps out, the sampling refuses too (no check or plot at inf)."""
    from designer.exercises.exercise import InputSpec
    from designer.exercises.targets import build_cases

    exercise = parse_exercise(json.dumps(doc_of("half-plane")))
    wide = (InputSpec("x1", -1e308, 1e308, None), *exercise.inputs[1:])
    with pytest.raises(ExerciseError, match=r"target.sample: a sample point is not finite \(x1=.*x2="):
        build_cases(wide, exercise.target)


def test_long_text_quoted_from_the_file_is_cut_with_an_ellipsis():
    """Quoted text was cut at 40 characters without a mark: "'xxx…xxx' must be…" read as if the id were
    those 40 characters."""
    doc = doc_of("xor")
    doc["id"] = "Week-3 " + "x" * 50
    with pytest.raises(ExerciseError) as info:
        parse_exercise(json.dumps(doc))
    assert str(info.value) == f"id: 'Week-3 {'x' * 32}…' must be lower-case letters and digits joined by '-'"
    drill = doc_of("chain-1-1-1")
    drill["asked"] = ["dz:" + "n" * 100]
    with pytest.raises(ExerciseError, match=f"asked\\[0\\]: '{'n' * 39}…' is not a neuron of the network"):
        parse_exercise(json.dumps(drill))
