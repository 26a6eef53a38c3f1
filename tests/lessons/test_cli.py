"""`nn-designer lessons` and the GUI options --lesson ID_OR_PATH [--step N] (checked before any window)."""

import json
import os
import sys
import types

import pytest

from designer.cli import main
from designer.lessons import Lesson
from designer.resources import LESSONS


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_lessons_lists_id_title_and_steps(capsys):
    code, out, err = run(capsys, "lessons")
    assert code == 0 and err == ""
    [line] = out.splitlines()
    assert line.split("  ")[0] == "neural-networks" and "Neural networks" in line and line.endswith("21 steps")


def test_lessons_with_an_id_checks_it_and_lists_its_steps(capsys):
    code, out, _ = run(capsys, "lessons", "neural-networks")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "neural-networks  Neural networks  (21 steps)"
    assert (
        lines[1] == " 1. One neuron: the perceptron"
        and lines[-1] == "21. Beyond the lecture (2): many classes with softmax"
    )


def test_lessons_with_a_bad_file_is_one_line_and_exit_2(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    doc = json.loads((LESSONS / "neural-networks.json").read_text(encoding="utf-8"))
    doc["steps"][2]["views"] = ["canvas", "spreadsheet"]
    bad.write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = run(capsys, "lessons", str(bad))
    assert code == 2 and out == ""
    assert err == f"nn-designer: error: {bad}: steps[2].views[1]: unknown view 'spreadsheet' (known: " + (
        "canvas, regions, math, pytorch, activation, landscape, training, curves, exercise, chainrule)\n"
    )
    code, _, err = run(capsys, "lessons", "no-such-lesson")
    assert code == 2 and err.startswith("nn-designer: error: unknown lesson 'no-such-lesson' (known: neural-networks")


@pytest.fixture
def fake_app(monkeypatch):
    """Stands in for designer.ui.app (no Qt): records how run() was called."""
    calls = []
    module = types.ModuleType("designer.ui.app")
    module.run = lambda *args, **kwargs: calls.append((args, kwargs)) or 0
    monkeypatch.setitem(sys.modules, "designer.ui.app", module)
    return calls


def test_the_gui_gets_the_loaded_lesson_and_the_step_index(capsys, fake_app):
    assert main(["--lesson", "neural-networks", "--step", "3"]) == 0
    [(args, kwargs)] = fake_app
    assert args == (None,) and kwargs["exercise"] is None
    assert isinstance(kwargs["lesson"], Lesson) and kwargs["lesson"].id == "neural-networks"
    assert kwargs["lesson_step"] == 2  # --step counts from 1, the index from 0
    fake_app.clear()
    assert main(["--lesson", str(LESSONS / "neural-networks.json")]) == 0
    assert fake_app[0][1]["lesson_step"] == 0


def test_the_gui_without_a_lesson_is_called_as_before(fake_app):
    assert main(["--exercise", "xor"]) == 0
    assert fake_app == [((None,), {"exercise": "xor"})]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--lesson", "nope"], "unknown lesson 'nope' (known: neural-networks"),
        (["--lesson", "neural-networks", "--step", "0"], "--step 0: the lesson 'neural-networks' has steps 1 to 21"),
        (["--lesson", "neural-networks", "--step", "22"], "--step 22: the lesson 'neural-networks' has steps 1 to 21"),
        (["--lesson", "neural-networks", "--step", "two"], "argument --step: invalid int value: 'two'"),
        (["--step", "2"], "--step needs --lesson"),
        (["net.json", "--lesson", "neural-networks"], "--lesson opens its own networks and exercises"),
        (["--lesson", "neural-networks", "--exercise", "xor"], "--lesson opens its own networks and exercises"),
        (["--lesson", "/no/such/lesson.json"], "/no/such/lesson.json: no such file"),
        (["--lesson", "/dev/zero"], "error: /dev/zero is a character device, not a regular file\n"),  # was named twice
        (["lessons", "/dev/zero"], "error: /dev/zero is a character device, not a regular file\n"),
        (["--exercise", "nosuch"], "unknown exercise 'nosuch' (known: and, or"),  # was: the display's problem
    ],
)
def test_bad_lesson_options_are_one_line_before_any_window(capsys, fake_app, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and fake_app == []
    assert err.startswith("nn-designer: error: ") and message in err and err.count("\n") == 1


def test_the_apps_run_accepts_the_lesson_keywords():
    import inspect

    from designer.ui.app import run as real_run

    parameters = inspect.signature(real_run).parameters
    assert parameters["lesson"].kind is inspect.Parameter.KEYWORD_ONLY and parameters["lesson"].default is None
    assert parameters["lesson_step"].default == 0


def test_the_gui_is_told_whether_a_step_was_asked_for(fake_app):
    """``--step`` goes before the step work restored after a crash was on; ``--lesson`` alone does not."""
    assert main(["--lesson", "neural-networks", "--step", "1"]) == 0
    assert fake_app[0][1]["lesson_step"] == 0 and fake_app[0][1]["step_asked"] is True
    fake_app.clear()
    assert main(["--lesson", "neural-networks"]) == 0
    assert fake_app[0][1]["lesson_step"] == 0 and fake_app[0][1]["step_asked"] is False


@pytest.mark.parametrize(
    "make, reason",
    [
        (lambda d: "/dev/zero", "/dev/zero is a character device, not a regular file"),
        (lambda d: str(d / "gone.json"), "{d}/gone.json: no such file"),
        (
            lambda d: os.mkfifo(d / "pipe.json") or str(d / "pipe.json"),
            "{d}/pipe.json is a FIFO (named pipe), not a regular file",
        ),
    ],
    ids=["device", "missing", "fifo"],
)
def test_a_steps_network_file_that_cannot_be_read_is_named_once(capsys, tmp_path, make, reason):
    """`nn-designer lessons` and --lesson on a lesson whose step names a network file it cannot read:
    "steps[1].network: /dev/zero: /dev/zero is a character device …" named the file twice (three times
    for a missing one: "x: no such file: x")."""
    doc = json.loads((LESSONS / "neural-networks.json").read_text(encoding="utf-8"))
    doc["steps"][1]["network"] = make(tmp_path)
    lesson = tmp_path / "lesson.json"
    lesson.write_text(json.dumps(doc), encoding="utf-8")
    expected = f"nn-designer: error: {lesson}: steps[1].network: {reason.format(d=tmp_path)}\n"
    for argv in (["lessons", str(lesson)], ["--lesson", str(lesson)]):
        code, out, err = run(capsys, *argv)
        assert (code, out, err) == (2, "", expected)
