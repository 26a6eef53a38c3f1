"""``nn-designer ANSWERS.json`` (the menu entry's ``Exec=nn-designer %f``, a file manager's Open With)
opens a chain-rule answers file as File ▸ Open and File ▸ Open Recent do: its drill, with the saved
entries, in the Exercise dock beside the start's network. Answers that cannot go into a drill are
refused before any window, in one line, with the reason Open Recent gives in its dialog."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from designer.cli import main
from designer.exercises import read_answers
from designer.exercises.answers import answers_text
from designer.model import dumps, load
from designer.resources import resource_file
from tests.conftest import EXAMPLES
from tests.ui.menus import choose_from_menu_bar
from tests.ui.test_chainrule_panel import type_answer


@pytest.fixture
def started(qtbot, app_windows, monkeypatch):
    """``nn-designer ARGS…`` through the command line's own entry point: its exit code and the window."""
    from designer.ui import app as app_module

    monkeypatch.setattr(app_module, "fit_to_screen", lambda window: window.resize(1000, 720))

    def start(*args: str):
        code = main(list(args))
        if not app_windows:
            return code, None
        window = app_windows[-1]
        qtbot.waitUntil(lambda: window.live._region is not None)  # plots built: what the start shows is up
        return code, window

    return start


def _answers_file(tmp_path, exercise_id: str, entries: dict[str, str]):
    path = tmp_path / "week3.json"
    path.write_text(answers_text(exercise_id, entries), encoding="utf-8")
    return path


def test_an_answers_file_given_on_the_command_line_opens_in_its_drill(started, qtbot, tmp_path, monkeypatch, dialogs):
    """It was refused: "not an NN Designer network file (…): it is a chain-rule answers file", exit 2,
    while File ▸ Open Recent opened the same file into its drill."""
    answers = _answers_file(tmp_path, "chain-1-1-1", {"da:f3": "1"})
    code, window = started(str(answers))
    assert code == 0 and dialogs.shown == []
    panel = window.exercise.panel
    assert window.exercise.isVisible() and panel.chain_mode and panel.chain.exercise.id == "chain-1-1-1"
    assert panel.chain.field("da:f3").text() == "1" and not panel.chain.unsaved
    assert dumps(window.document.network) == dumps(load(resource_file("examples", "xor-step.json")))
    assert window.document.path is None  # the answers file is not the network's file
    assert window.statusBar().currentMessage() == f"Opened the answers in {answers}"
    offered: list[str] = []  # Save answers… offers the file they came from
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda parent, title, name, *a: offered.append(name) or (name, "")
    )
    type_answer(qtbot, panel.chain, "dw:f2->f3", "1/2")  # goes on with them, saved back to their file
    qtbot.mouseClick(panel.chain.save_button, Qt.MouseButton.LeftButton)
    assert offered == [str(answers)] and read_answers(answers).entries == {"da:f3": "1", "dw:f2->f3": "1/2"}
    choose_from_menu_bar(qtbot, window, "File", "Open Recent", "week3.json")  # listed, as Open Recent lists it
    assert panel.chain.field("dw:f2->f3").text() == "1/2" and dialogs.shown == []


def test_answers_of_a_teachers_drill_open_with_its_exercise_file(started, tmp_path, dialogs):
    drill = json.loads(resource_file("exercises", "chain-1-1-1.json").read_text(encoding="utf-8"))
    drill.update(id="week3-drill", title="Week 3 drill")
    teacher = tmp_path / "week3-drill.json"
    teacher.write_text(json.dumps(drill), encoding="utf-8")
    answers = _answers_file(tmp_path, "week3-drill", {"da:f3": "1"})
    code, window = started("--exercise", str(teacher), str(answers))
    assert code == 0 and dialogs.shown == []
    chain = window.exercise.panel.chain
    assert chain.exercise.id == "week3-drill" and chain.field("da:f3").text() == "1"


@pytest.mark.parametrize(
    ("exercise_id", "reason"),
    [
        ("xor", "it holds answers for 'xor', which is not a chain-rule exercise"),
        (
            "week3-drill",
            "it holds answers for 'week3-drill', which is no built-in exercise: open that exercise first "
            "(nn-designer --exercise FILE ANSWERS.json)",
        ),
    ],
)
def test_answers_without_a_drill_at_hand_are_refused_in_one_line(
    started, capsys, tmp_path, exercise_id, reason, dialogs
):
    answers = _answers_file(tmp_path, exercise_id, {})
    code, window = started(str(answers))
    assert (code, window) == (2, None)  # before any window
    assert capsys.readouterr().err == f"nn-designer: error: {answers}: {reason}\n"


def test_a_damaged_answers_file_is_refused_like_a_damaged_network(started, capsys, tmp_path, dialogs):
    answers = tmp_path / "week3.json"
    answers.write_text(json.dumps({"format": "nn-designer-answers", "version": 1, "answers": {}, "x": 1}))
    assert started(str(answers)) == (2, None)
    assert capsys.readouterr().err == (
        f"nn-designer: error: {answers}: unknown key 'x' (allowed: format, version, exercise, answers, student)\n"
    )


def test_a_network_file_on_the_command_line_opens_as_before(started, dialogs):
    code, window = started(str(EXAMPLES / "perceptron.json"))
    assert code == 0 and window.document.path == EXAMPLES / "perceptron.json"
    assert not window.exercise.panel.chain_mode


def test_an_exercise_file_given_as_the_file_opens_as_with_exercise(started, tmp_path, dialogs):
    """A teacher's exercise file opened with the menu entry (``nn-designer %f``) was refused, exit 2:
    "not an NN Designer network file …: it is an exercise file"; ``--exercise FILE`` opened it."""
    exercise = json.loads(resource_file("exercises", "xor.json").read_text(encoding="utf-8"))
    exercise.update(id="week3-xor", title="Week 3: XOR")
    path = tmp_path / "week3-xor.json"
    path.write_text(json.dumps(exercise), encoding="utf-8")
    code, window = started(str(path))
    assert code == 0 and dialogs.shown == []
    panel = window.exercise.panel
    assert window.exercise.isVisible() and panel.exercise.id == "week3-xor" and panel.title.text() == "Week 3: XOR"
    assert window.document.path is None  # its starter network, as with --exercise


def test_a_lesson_file_given_as_the_file_plays_as_with_lesson(started, tmp_path, dialogs):
    path = tmp_path / "lecture.json"
    path.write_text(resource_file("lessons", "neural-networks.json").read_text(encoding="utf-8"), encoding="utf-8")
    code, window = started(str(path))
    assert code == 0 and dialogs.shown == []
    assert window.lessons.lesson is not None and window.lessons.lesson.id == "neural-networks"
    assert window.lessons.index == 0
