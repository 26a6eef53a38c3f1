"""A teacher's own exercise and lesson files in the window, opened from the menus as a person does:
a lesson step on a three-input exercise, and a student's file saved from a teacher's exercise."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.exercises.teacher_files import (
    half_adder_exercise,
    lesson,
    majority_exercise,
    majority_solution,
    majority_with_starter,
    write,
)


@pytest.fixture
def window(qtbot, xor_window):
    xor_window.live.build_plots()
    return xor_window


def choose_file(monkeypatch, path: Path) -> None:
    """The next Open dialog picks ``path``."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def test_a_lesson_step_on_a_three_input_exercise_plays_with_the_exercises_points(
    qtbot, window, tmp_path, monkeypatch, dialogs
):
    """The lesson was refused ("dataset 'xor' has 2 input(s) but the network has 3"), although the step
    names no data and so shows the exercise's own points."""
    w = window
    write(tmp_path / "majority.json", majority_with_starter())
    choose_file(monkeypatch, write(tmp_path / "week-2.json", lesson("majority.json")))
    w.actions["open_lesson"].trigger()
    assert dialogs.shown == []
    assert w.lessons.is_open and w.lessons.panel.lesson_title.text() == "Week 2"
    assert list(w.document.network.inputs) == ["x1", "x2", "x3"]
    assert w.exercise.isVisible() and w.exercise.panel.exercise.id == "majority3"
    session = w.live.session
    session.flush()
    assert session.options.name == "exercise" and session.data.problem in ("", None)
    assert len(session.data.x_train) + len(session.data.x_test) == 8  # the truth table's rows
    legend = w.live.region.points.legend
    qtbot.waitUntil(lambda: "exercise: Majority of three" in legend.text(), timeout=2000)
    assert "4 of 8 rows right" in w.exercise.panel.status.text()  # the starter's check, live


def test_a_file_saved_from_a_teachers_exercise_says_how_to_get_the_exercise_back(
    qtbot, window, tmp_path, monkeypatch, dialogs
):
    """Reopened the next day, it showed "No exercise" without a word: its id names no built-in exercise."""
    w = window
    exercise = write(tmp_path / "majority.json", majority_exercise())
    choose_file(monkeypatch, write(tmp_path / "alice.json", majority_solution(exercise="majority3")))
    w.actions["open"].trigger()
    panel = w.exercise.panel
    assert dialogs.shown == [] and w.document.network.extras["exercise"] == "majority3"
    assert w.exercise.isVisible() and panel.exercise is None
    assert panel.prompt.text() == (
        "This network was saved from the exercise <b>majority3</b>, which is not built in: open its "
        "file with <i>File ▸ Open Exercise…</i> to check this network against it again."
    )
    choose_file(monkeypatch, exercise)
    w.actions["open_exercise"].trigger()  # what the note says: the student's network is checked at once
    assert panel.exercise.id == "majority3" and "8 of 8 rows right" in panel.status.text()
    assert w.document.network.extras["exercise"] == "majority3" and list(w.document.network.neurons) == ["y"]
    choose_file(monkeypatch, write(tmp_path / "mallory.json", majority_solution(exercise="<i>x</i>")))
    w.actions["open"].trigger()  # the id is the file's text: shown as the characters it is
    assert "exercise <b>&lt;i&gt;x&lt;/i&gt;</b>, which" in panel.prompt.text() and panel.exercise is None


def test_a_file_saved_from_a_teachers_exercise_opened_at_start_keeps_the_note(qtbot, app_windows, tmp_path, dialogs):
    """``nn-designer alice.json`` (or a file manager's Open With): the start's default exercise, XOR, replaced
    the note on how to get the teacher's exercise back, as if the network were an XOR attempt."""
    from designer.ui import app as app_module

    path = write(tmp_path / "alice.json", majority_solution(exercise="majority3"))
    assert app_module.run(str(path)) == 0
    w = app_windows[-1]
    qtbot.waitUntil(lambda: w.live._region is not None)  # plots built: the start's exercise came now
    panel = w.exercise.panel
    assert panel.exercise is None and "saved from the exercise <b>majority3</b>" in panel.prompt.text()
    assert w.exercise.isVisible()


def test_a_two_output_truth_table_shows_both_expected_values(qtbot, window, tmp_path, monkeypatch, dialogs):
    """A half adder's "expected" column showed the sum bit alone: the carry went into the network
    column, where "–" replaced it."""
    w = window
    choose_file(monkeypatch, write(tmp_path / "half-adder.json", half_adder_exercise()))
    w.actions["open_exercise"].trigger()
    panel = w.exercise.panel
    table = panel.picture.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    column = headers.index("expected (output 1, output 2)")
    assert [table.item(r, column).text() for r in range(4)] == ["0, 0", "1, 0", "1, 0", "0, 1"]
    assert [table.item(r, column + 1).text() for r in range(4)] == ["–"] * 4
    qtbot.mouseClick(panel.solution_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "4 of 4 rows right" in panel.status.text(), timeout=2000)
    assert w.document.network.outputs == ["s", "c"]
    assert [table.item(r, column + 1).text() for r in range(4)] == ["0, 0", "1, 0", "1, 0", "0, 1"]


def test_file_open_of_an_exercise_or_a_lesson_names_the_menu_item_that_opens_it(
    qtbot, window, tmp_path, monkeypatch, dialogs
):
    """It read "not an NN Designer network file", as if the teacher's file were broken."""
    w = window
    before = w.document.network.copy()
    write(tmp_path / "majority.json", majority_exercise())
    for name, kind, menu in (
        ("majority.json", "an exercise file", "Open Exercise…"),
        ("week-2.json", "a lesson file", "Open Lesson…"),
    ):
        if name == "week-2.json":
            write(tmp_path / name, lesson("majority.json"))
        choose_file(monkeypatch, tmp_path / name)
        w.actions["open"].trigger()
        assert dialogs.shown[-1] == (
            "warning",
            "Cannot open file",
            f'{name}: not an NN Designer network file (no "format": "nn-designer"): it is {kind}; open it with '
            f"File ▸ {menu}",
        )
        assert w.document.network == before and w.document.path is None
    assert len(dialogs.shown) == 2


def test_next_to_another_teachers_exercise_does_not_say_it_left_the_last_one(
    qtbot, window, tmp_path, monkeypatch, dialogs
):
    """Step 2 of a lesson on two teacher's exercises said "Left the exercise Majority of three." in the
    status bar (built-in exercises said nothing): the step's network names an exercise that is no built-in."""
    w = window
    write(tmp_path / "majority.json", majority_with_starter())
    write(tmp_path / "again.json", {**majority_with_starter(), "id": "majority-again", "title": "Majority again"})
    doc = lesson("majority.json")
    doc["steps"].append({"title": "Again", "text": "Once more.", "exercise": "again.json", "network": "starter"})
    choose_file(monkeypatch, write(tmp_path / "week-2.json", doc))
    w.actions["open_lesson"].trigger()
    assert w.exercise.panel.exercise.id == "majority3"
    qtbot.mouseClick(w.lessons.panel.next, Qt.MouseButton.LeftButton)
    assert w.lessons.index == 1 and w.exercise.panel.exercise.id == "majority-again"
    assert w.exercise.panel.title.text() == "Majority again"
    assert "Left the exercise" not in w.statusBar().currentMessage()
    assert dialogs.shown == []
