"""The Lesson dock's step list shows whole rows (a 1366×768 screen: the app opens at 1229×691 there).

In steps 12–15 the Exercise dock takes most of the left column and the step list keeps about four
rows: the fourth was cut in half, the lower half of its title gone ("17. Backpropagation, layer by
layer" read as a line of tops of letters). The list now scrolls a row at a time and ends below the
last row that fits whole.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from designer.lessons import load_lesson
from designer.ui.lesson import arrange
from tests.ui.live_gui import sized_window
from tests.ui.test_landscape_view import small_net

SCREEN = QSize(1366, 768)
WINDOW = (1229, 691)


@pytest.fixture
def screen_768(qtbot, monkeypatch):
    monkeypatch.setattr(arrange, "room", lambda window: window.size().boundedTo(SCREEN))
    return sized_window(qtbot, small_net(), WINDOW)


def _wheel_down(list_view) -> None:
    """One notch of the mouse wheel over the list."""
    viewport = list_view.viewport()
    point = QPointF(viewport.rect().center())
    event = QWheelEvent(
        point,
        QPointF(viewport.mapToGlobal(point.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)


def _cut_rows(steps) -> list[int]:
    """The rows only partly in the list's viewport (seen, but not whole)."""
    view = steps.viewport().rect()
    cut = []
    for row in range(steps.count()):
        rect = steps.visualItemRect(steps.item(row))
        if rect.intersects(view) and not view.contains(rect):
            cut.append(row + 1)
    return cut


def test_the_step_list_shows_whole_rows_in_the_exercise_steps_and_as_it_scrolls(qtbot, screen_768):
    w = screen_768
    assert w.lessons.open(load_lesson("neural-networks"), 11)  # step 12, then Next as a student clicks
    steps = w.lessons.panel.steps
    for number in (12, 13, 14, 15):
        if number != 12:
            qtbot.mouseClick(w.lessons.panel.next, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: w.exercise.panel.status.text() != "", timeout=5000)  # the docks have settled
        assert steps.currentRow() == number - 1
        assert steps.viewport().height() >= 2 * steps.sizeHintForRow(0)  # a few rows, as before
        assert _cut_rows(steps) == [], f"step {number}"
        current = steps.visualItemRect(steps.currentItem())
        assert steps.viewport().rect().contains(current)  # the step on show, whole
    top = steps.verticalScrollBar().value()
    values = []
    for _ in range(3):  # the student scrolls the list down with the wheel, a notch at a time
        _wheel_down(steps)
        assert _cut_rows(steps) == []
        values.append(steps.verticalScrollBar().value())
    assert top < values[0] < values[1] < values[2]  # a row or more a notch: it never jumped back to the step
