"""The lecture's lesson on a 1366×768 laptop (the app opens at 1229×691 there): a step is read in full.

Steps 12–15 put the Exercise dock under the Lesson dock, and the exercise's prompt said the step's
task a second time: the step's text had 2.5 lines (it scrolled), the step list 2 rows, and a lesson
opened again at step 15 showed steps 12 and 13 in its list. Now the prompt folds under a toggle in
a lesson, the step's text comes first, and the list keeps the current step in view.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QApplication

from designer.lessons import load_lesson
from designer.ui.lesson import arrange
from tests.ui.live_gui import sized_window
from tests.ui.test_landscape_view import small_net
from tests.ui.test_lesson_720 import _shown

SCREEN = QSize(1366, 768)
WINDOW = (1229, 691)  # fit_to_screen: 90 % of the screen
EXERCISE_STEPS = (12, 13, 14, 15)
CANVAS_LEAST = 280  # px: the canvas's width at step 15 before (307), less a little for fonts


@pytest.fixture
def laptop(qtbot, monkeypatch):
    monkeypatch.setattr(arrange, "room", lambda window: window.size().boundedTo(SCREEN))
    return sized_window(qtbot, small_net(), WINDOW)


def _current_step_in_view(panel) -> bool:
    steps = panel.steps
    return steps.viewport().rect().contains(steps.visualItemRect(steps.currentItem()))


def _text_read_in_full(panel) -> bool:
    return panel.text.verticalScrollBar().maximum() == 0


def test_each_exercise_step_is_read_in_full_with_its_verdict_in_view(qtbot, laptop):
    w = laptop
    assert w.lessons.open(load_lesson("neural-networks"), EXERCISE_STEPS[0] - 1)
    panel = w.lessons.panel
    for number in EXERCISE_STEPS:
        if number != EXERCISE_STEPS[0]:
            qtbot.mouseClick(panel.next, Qt.MouseButton.LeftButton)
        assert panel.steps.currentRow() == number - 1
        status = w.exercise.panel.status
        qtbot.waitUntil(lambda s=status: s.text() != "", timeout=5000)
        qtbot.waitUntil(lambda: _text_read_in_full(panel), timeout=3000)  # 2.5 of 7–9 lines before
        qtbot.waitUntil(lambda s=status: _shown(s) == s.height(), timeout=3000)  # the verdict still in view
        row = panel.steps.sizeHintForRow(0)
        # 2 rows before; where the whole check needs the room (a low column), the current step only
        qtbot.waitUntil(lambda r=row: panel.list_compact or panel.steps.viewport().height() >= 3 * r, timeout=3000)
        qtbot.waitUntil(lambda s=status: _text_read_in_full(panel) and _shown(s) == s.height(), timeout=3000)
        assert _current_step_in_view(panel)
        assert _text_read_in_full(panel) and _shown(status) == status.height()
        assert w.view.width() >= CANVAS_LEAST  # the canvas keeps its room
        assert (w.width(), w.height()) == WINDOW


def test_the_exercises_own_task_opens_from_its_toggle_and_comes_back_after_the_lesson(qtbot, laptop):
    w = laptop
    assert w.lessons.open(load_lesson("neural-networks"), 14)  # Approximate sin x
    page = w.exercise.panel.detail
    qtbot.waitUntil(page.task.isVisible, timeout=3000)
    assert not page.prompt.isVisible() and "sin x" in page.prompt.text()  # folded, not gone
    qtbot.mouseClick(page.task, Qt.MouseButton.LeftButton)
    assert page.prompt.isVisible()
    qtbot.mouseClick(page.task, Qt.MouseButton.LeftButton)
    assert not page.prompt.isVisible()
    qtbot.mouseClick(w.lessons.panel.close_button, Qt.MouseButton.LeftButton)
    w.exercise.show()
    qtbot.waitUntil(page.prompt.isVisible, timeout=3000)  # outside a lesson: the prompt, no toggle
    assert not page.task.isVisible()


def test_a_lesson_opened_again_at_step_15_shows_that_step_in_its_list(qtbot, laptop):
    w = laptop
    assert w.lessons.open(load_lesson("neural-networks"), 14)  # where the student left off
    panel = w.lessons.panel
    qtbot.waitUntil(lambda: panel.steps.currentRow() == 14 and panel.steps.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: _text_read_in_full(panel), timeout=3000)  # the docks have their sizes
    assert _current_step_in_view(panel)  # steps 12 and 13 were shown


#: steps without an exercise whose text scrolled at 1229×691 while the step list below had room for 20
#: steps (1, 5, 8: 11–14 lines, capped at 9), or whose two- and three-line title was counted as one (3, 4, 16)
READING_STEPS = ((0, 4), (7, 1), (15, 1))  # (opened at, steps read from there with Next)


def test_a_step_without_an_exercise_is_read_in_full_with_the_list_below(qtbot, laptop):
    w = laptop
    panel = w.lessons.panel
    for start, count in READING_STEPS:
        assert w.lessons.open(load_lesson("neural-networks"), start)
        for number in range(start + 1, start + count + 1):
            if number != start + 1:
                qtbot.mouseClick(panel.next, Qt.MouseButton.LeftButton)
            assert panel.steps.currentRow() == number - 1
            qtbot.waitUntil(lambda: _text_read_in_full(panel), timeout=3000)  # scrolled 10–102 px before
            row = panel.steps.sizeHintForRow(0)
            assert panel.steps.viewport().height() >= 4 * row  # the list keeps its steps around this one
            assert _current_step_in_view(panel)


def test_step_5_keeps_the_laptop_window_its_size_for_the_steps_after(qtbot, laptop):
    """Step 5's column (Inspector, decision regions, activation view) fitted the 691 px window when the
    views were placed (689 px), but its line view and pinned probe, put in afterwards, made it 701 px: the
    window grew to 706 px and stayed so for every later step."""
    w = laptop
    assert w.lessons.open(load_lesson("neural-networks"), 3)  # step 4, then Next as a student clicks
    qtbot.mouseClick(w.lessons.panel.next, Qt.MouseButton.LeftButton)
    activation, regions = w.live.activation_dock, w.live.region_dock
    qtbot.waitUntil(lambda: not activation.visibleRegion().isEmpty(), timeout=5000)  # the step's main view
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # the layouts the step asked for, done
    assert w.minimumSizeHint().height() <= WINDOW[1]
    assert (w.width(), w.height()) == WINDOW
    assert regions in w.tabifiedDockWidgets(activation)  # the regions a tab away
    qtbot.mouseClick(w.lessons.panel.next, Qt.MouseButton.LeftButton)
    assert (w.width(), w.height()) == WINDOW
