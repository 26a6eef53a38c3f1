"""Lesson files are read strictly: every fault is one line naming the place; steps are resolved."""

import copy
import json
import re

import pytest

from designer.lessons import LessonError, TrainingSpec, load_lesson, parse_lesson
from designer.model import load
from designer.model.fileformat import to_document
from designer.resources import LESSONS, resource_file
from tests.conftest import ROOT


def shipped():
    return json.loads((LESSONS / "neural-networks.json").read_text(encoding="utf-8"))


def small():
    """Two steps: an inline network, then one that keeps it."""
    net = to_document(load(resource_file("examples", "perceptron.json")))
    return {
        "format": "nn-designer-lesson",
        "version": 1,
        "id": "tiny",
        "title": "Tiny",
        "steps": [
            {
                "title": "One",
                "text": "A *neuron*.",
                "network": net,
                "training": {"dataset": "gauss", "learning_rate": 0.3},
            },
            {
                "title": "Two",
                "text": "Trained.",
                "training": {"loss": "cross_entropy"},
                "action": {"kind": "train", "epochs": 5},
            },
        ],
    }


def parse(doc, folder=None):
    return parse_lesson(json.dumps(doc), "x.json", folder)


def test_a_step_keeps_what_it_leaves_out():
    lesson = parse(small())
    one, two = lesson.steps
    assert two.network is one.network and two.network_from == 0  # shared (read once); the player shows copies
    assert one.training == TrainingSpec(dataset="gauss", learning_rate=0.3)
    assert two.training == TrainingSpec(dataset="gauss", learning_rate=0.3, loss="cross_entropy")
    assert one.views == two.views == ("canvas",) and one.layout == ("canvas",)
    assert two.actions[0].kind == "train" and two.actions[0].epochs == 5 and one.actions == ()


def test_views_and_layout():
    doc = small()
    doc["steps"][0].update(views=["canvas", "regions", "math"])
    doc["steps"][1].update(layout="regions + math", exercise="and")
    one, two = parse(doc).steps
    assert one.layout == ("canvas", "regions")  # the first two views, when no layout is given
    assert two.views == ("regions", "math", "exercise") and two.layout == ("regions", "math")


def test_an_exercise_view_is_not_inherited_by_a_step_without_the_exercise():
    doc = small()
    doc["steps"][0].update(exercise="and", views=["canvas", "regions"])
    one, two = parse(doc).steps
    assert one.views == ("canvas", "regions", "exercise") and two.views == ("canvas", "regions")
    assert two.exercise is None


def test_relative_paths_are_read_next_to_the_lesson(tmp_path):
    (tmp_path / "nets").mkdir()
    (tmp_path / "nets" / "mine.json").write_text(json.dumps(small()["steps"][0]["network"]), encoding="utf-8")
    exercise = json.loads(resource_file("exercises", "and.json").read_text(encoding="utf-8"))
    exercise["id"] = "my-and"
    (tmp_path / "my-and.json").write_text(json.dumps(exercise), encoding="utf-8")
    doc = small()
    doc["steps"][0].update(network="nets/mine.json", exercise="my-and.json")
    path = tmp_path / "lesson.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    lesson = load_lesson(str(path))
    assert lesson.steps[0].exercise.id == "my-and" and lesson.steps[0].network.name == "One neuron: a perceptron"
    assert lesson.source == str(path)


def test_a_shipped_lesson_names_shipped_files_only():
    doc = small()
    doc["steps"][0]["network"] = "../../etc/passwd.json"
    with pytest.raises(LessonError, match="a shipped lesson names shipped files only"):
        parse(doc, folder=None)


def test_starter_is_the_exercises_own_network():
    doc = small()
    doc["steps"][0].update(network="starter", exercise="chain-relu-off", training={"dataset": "xor"})
    step = parse(doc).steps[0]
    assert step.views == ("canvas", "chainrule") and set(step.network.neurons) == {"h1", "h2", "y"}


def change(path, value):
    doc = small()
    target = doc
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return doc


DELETE = object()
S0, S1 = ("steps", 0), ("steps", 1)


def drill_step_naming(dataset):
    """Step 1 a chain-rule drill whose own "training" names a dataset (one that names none shows the
    drill's sample, so the inherited dataset need not fit the drill's network)."""
    doc = change((*S1, "exercise"), "chain-1-1-1")
    doc["steps"][1]["training"] = {"dataset": dataset}
    return doc


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        (change(("format",), "nn-designer"), 'not an NN Designer lesson file (no "format": "nn-designer-lesson")'),
        (change(("version",), 2), "made by a newer NN Designer (lesson version 2; this one reads up to 1)"),
        (change(("version",), True), '"version": expected a whole number'),
        (change(("id",), "Tiny Lesson"), "id: 'Tiny Lesson' must be lower-case letters and digits joined by '-'"),
        (change(("titel",), "x"), "titel: unknown key (did you mean 'title'?)"),
        (change(("steps",), []), "steps: must not be empty"),
        (change(("steps",), [{"title": "x", "text": "y", "network": "perceptron"}] * 201), "too many entries (201"),
        (change((*S0, "network"), DELETE), 'steps[0]: missing "network" (the first step must give one)'),
        (change((*S0, "network"), "nonexistent"), "steps[0].network: no shipped example 'nonexistent'"),
        (change((*S0, "network"), "Bad Name"), "neither a shipped example name nor a .json path"),
        (change((*S0, "network"), 3), 'steps[0].network: expected an example name, a path, "starter" or a network'),
        (
            change((*S0, "network"), "starter"),
            '"starter" is the network of the step\'s exercise, and this step has none',
        ),
        (change((*S0, "network", "neurons", 0, "bias"), "x"), "steps[0].network: neurons[0].bias: expected a number"),
        (change((*S0, "network", "outputs"), []), "steps[0].network: the network has no output neuron"),
        (change((*S0, "text"), "x" * 4001), "steps[0].text: text too long (4001 characters, limit 4000)"),
        (change((*S0, "text"), " "), "steps[0].text: must not be empty"),
        (change((*S0, "title"), ["x"]), "steps[0].title: expected a string, got a list"),
        (change((*S0, "views"), ["canvas", "spreadsheet"]), "steps[0].views[1]: unknown view 'spreadsheet'"),
        (change((*S0, "views"), ["canvas", "canvas"]), "steps[0].views: a view is listed twice"),
        (change((*S0, "views"), ["canvas", "exercise"]), "steps[0].views: 'exercise' needs the step to have a design"),
        (change((*S0, "layout"), "canvas+regions+math+pytorch"), "1 to 3 different views joined by '+'"),
        (change((*S0, "layout"), "canvas+plot"), "steps[0].layout: unknown view 'plot'"),
        (change((*S0, "views"), ["canvas"]) | {}, None),
        (change((*S0, "notation"), "greek"), "steps[0].notation: expected one of numbers, lecture, both, got 'greek'"),
        (change((*S0, "exercise"), "nope"), "steps[0].exercise: unknown exercise 'nope'"),
        (change((*S0, "exercise"), 7), "steps[0].exercise: expected an exercise id or the path of an exercise file"),
        (
            change((*S0, "training"), {"dataset": "sin"}),
            "steps[0].training: dataset 'sin' has 1 input(s) but the network has 2",
        ),
        (change((*S0, "training"), {"dataset": "mnist"}), "steps[0].training.dataset: expected one of"),
        (change((*S0, "training"), {"learning_rate": 0}), "steps[0].training.learning_rate: expected a number above 0"),
        (change((*S0, "training"), {"noise": 0.9}), "training.noise: expected a number from 0 to 0.5, got 0.9"),
        (change((*S0, "training"), {"batch_size": 0}), "steps[0].training.batch_size: expected a whole number from 1"),
        (change((*S0, "training"), {"learnig_rate": 1}), "did you mean 'learning_rate'?"),
        (change((*S0, "training"), {"data": [[0, 0, 1]]}), "embedded data is not read in lessons"),
        (change((*S0, "training"), []), "steps[0].training: expected an object, got a list"),
        (change((*S1, "action"), {"kind": "dance"}), "steps[1].action.kind: expected one of train, forward"),
        (
            change((*S1, "action"), {"kind": "train", "epochs": 0}),
            "steps[1].action.epochs: expected a whole number from 1",
        ),
        (change((*S1, "action"), {"kind": "train"}), 'steps[1].action: missing "epochs"'),
        (change((*S1, "action"), {"kind": "select", "neuron": "h9"}), "'h9' is not a neuron of the step's network"),
        (
            change((*S1, "action"), {"kind": "forward", "point": [1]}),
            "steps[1].action.point: expected a list of 2 numbers",
        ),
        (change((*S1, "action"), {"kind": "collapse"}), "the step's network has no hidden linear neurons to collapse"),
        (change((*S1, "action"), {"kind": "landscape", "parameters": ["w:y->x1"]}), "no connection y → x1"),
        (change((*S1, "action"), {"kind": "landscape", "parameters": ["y"]}), "'y' is not a parameter"),
        (
            change((*S1, "action"), {"kind": "landscape", "parameters": ["b:y", "b:y"]}),
            "the two parameters must differ",
        ),
        (
            change((*S1, "action"), {"kind": "landscape", "parameters": ["b:y"], "ranges": [[2, 1]]}),
            "steps[1].action.ranges[0]: low must be below high",
        ),
        (change((*S1, "action"), {"kind": "restarts", "runs": 1, "epochs": 5}), "runs: expected a whole number from 2"),
        (change((*S1, "action"), [{"kind": "collapse"}] * 5), "steps[1].action: give 1 to 4 actions"),
        (change((*S1, "action"), [{"kind": "train", "epochs": 1}, {"kind": "x"}]), "steps[1].action[1].kind"),
        (
            drill_step_naming("gauss"),
            "steps[1].training: dataset 'gauss' has 2 input(s) but the network has 1",
        ),
        (
            change((*S1, "exercise"), "abs-relu"),
            "steps[1].network: the network's inputs (x1, x2) are not the inputs of",
        ),
        (change((*S0, "exercise"), "chain-1-1-1"), "steps[0].network: a chain-rule step shows its exercise's network"),
    ],
)
def test_faults_get_one_line_reasons(doc, message):
    if message is None:
        parse(doc)
        return
    with pytest.raises(LessonError) as error:
        parse(doc)
    text = str(error.value)
    assert message in text and "\n" not in text, text


def test_the_shipped_lesson_reads_and_a_copy_with_a_typo_does_not():
    doc = shipped()
    assert len(parse(doc).steps) == len(doc["steps"])
    broken = copy.deepcopy(doc)
    broken["steps"][11]["exercise"] = "andd"
    with pytest.raises(LessonError, match=r"steps\[11\].exercise: unknown exercise 'andd'"):
        parse(broken)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        b"[" * 100_000,
        b'{"format": "nn-designer-lesson", "version": 1, "id": "a", "id": "b"}',
        b'{"format": "nn-designer-lesson", "version": 1, "id": "x\\u0000\\u001b[31m", "title": "t", "steps": []}',
        b'{"format": "nn-designer-lesson", "version": 1e999}',
    ],
)
def test_hostile_files_get_one_line(data):
    with pytest.raises(LessonError) as error:
        parse_lesson(data, "bad.json")
    text = str(error.value)
    assert "\n" not in text and "\x1b" not in text and len(text) < 400


@pytest.mark.parametrize("lesson_id", ["a" * 5000, "a-" * 2000 + "a", "é" * 300])
def test_an_id_too_long_for_a_file_name_is_an_unknown_lesson(lesson_id):
    """``nn-designer lessons aaa…`` (5,000 letters) said "[Errno 36] File name too long: '…/aaa…'"."""
    with pytest.raises(LessonError, match="unknown lesson"):
        load_lesson(lesson_id)


def test_load_lesson_names_the_file_and_the_known_ids(tmp_path):
    with pytest.raises(LessonError, match="unknown lesson 'nope' \\(known: neural-networks"):
        load_lesson("nope")
    missing = tmp_path / "missing.json"
    with pytest.raises(LessonError, match="no such file"):
        load_lesson(str(missing))
    with pytest.raises(LessonError, match="is a folder"):
        load_lesson(str(tmp_path) + "/")


def test_the_worked_example_in_the_docs_loads(tmp_path):
    text = (ROOT / "docs" / "lessons.md").read_text(encoding="utf-8")
    example = re.search(r"```json\n(.*?)\n```", text, re.DOTALL).group(1)
    path = tmp_path / "two-neurons.json"
    path.write_text(example, encoding="utf-8")
    lesson = load_lesson(str(path))
    one, two, three = lesson.steps
    assert lesson.id == "two-neurons" and one.actions[0].neuron == "y"
    assert two.views == ("canvas", "regions", "math", "exercise") and two.exercise.id == "xor"
    assert two.training.learning_rate == 0.5 and two.training.dataset == "xor"
    assert three.exercise is None and "exercise" not in three.views and three.actions[0].point == (1.0, 0.0)


def test_training_objects_alone():
    from designer.lessons import training_from_document

    assert training_from_document({}) == TrainingSpec()
    spec = training_from_document(
        {
            "dataset": "spiral",
            "noise": 0.25,
            "seed": 3,
            "train_ratio": 1,
            "points": 300,
            "loss": "cross_entropy",
            "optimizer": "momentum",
            "learning_rate": 0.1,
            "momentum": 0.5,
            "batch_size": 10,
            "l1": 0.001,
            "l2": 0.01,
            "epochs": 50,
        }
    )
    assert spec.data_options().name == "spiral" and spec.data_options().n == 300 and spec.data_options().noise == 0.25
    settings = spec.settings()
    assert (settings.optimizer, settings.momentum, settings.batch_size, settings.l2) == ("momentum", 0.5, 10, 0.01)
    assert spec.epochs == 50 and training_from_document({"batch_size": None, "epochs": None}).batch_size is None


@pytest.mark.parametrize(
    ("limit", "step", "message"),
    [
        ("MAX_LESSON_NODES", {"network": "xor-step"}, "more than 12 nodes in all"),
        (
            "MAX_LESSON_POINTS",
            {"network": "xor-step", "training": {"dataset": "gauss", "points": 1000}},
            "more than 2,500 points in all",
        ),
    ],
)
def test_a_short_file_cannot_make_the_reader_hold_huge_networks_or_datasets(monkeypatch, limit, step, message):
    """200 steps each naming a 10,000-node network (or a million points) hung the reader at 3.4 GB."""
    import designer.lessons.loader as loader

    monkeypatch.setattr(loader, limit, 12 if limit == "MAX_LESSON_NODES" else 2500)
    doc = small()
    doc["steps"] = [{"title": f"S{i}", "text": "x", **step} for i in range(5)]
    with pytest.raises(LessonError, match=f"steps\\[2\\]: the lesson's steps hold {message}"):
        parse(doc)


def test_a_network_file_named_by_many_steps_is_read_once(tmp_path, monkeypatch):
    import designer.lessons.loader as loader

    (tmp_path / "net.json").write_text(resource_file("examples", "xor-step.json").read_text(encoding="utf-8"))
    reads = []
    real = loader.read_file_bytes
    monkeypatch.setattr(loader, "read_file_bytes", lambda path, *a, **k: reads.append(path) or real(path, *a, **k))
    doc = small()
    doc["steps"] = [{"title": f"S{i}", "text": "x", "network": "net.json"} for i in range(20)]
    lesson = parse(doc, tmp_path)
    assert len(lesson.steps) == 20 and len(reads) == 1


def test_a_drill_step_naming_no_data_shows_its_sample_whatever_dataset_came_before():
    """The inherited two-input gauss is never made for the drill's one-input network (it was refused)."""
    step = parse(change((*S1, "exercise"), "chain-1-1-1")).steps[1]
    assert step.exercise.id == "chain-1-1-1" and step.exercise_data and step.training.dataset == "gauss"
