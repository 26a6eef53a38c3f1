"""The Exercise dock at 1366×768 (the window opens at 1229×691): a failed check neither narrows the
dock's buttons (its scroll bar's room is kept) nor puts its reasons in a box of blank space."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from designer.model import load
from tests.conftest import EXAMPLES
from tests.ui.live_gui import sized_window
from tests.ui.test_exercise_panel import click_exercise

WINDOW = (1229, 691)
ROOM = 360  # the Exercise dock's width once shown (ExerciseDock.showEvent)


def _exercise_window(qtbot, size=WINDOW):
    """The demo network (XOR from OR and AND step units) with the Exercise dock in front."""
    w = sized_window(qtbot, load(EXAMPLES / "xor-step.json"), size)
    w.exercise.show()
    w.exercise.raise_()
    panel = w.exercise.panel
    qtbot.waitUntil(lambda: panel.isVisible() and w.exercise.width() >= ROOM, timeout=3000)  # room made once shown
    return w, panel


def _widths(panel) -> tuple[int, int, int]:
    scroll = panel.parentWidget().parentWidget()
    return panel.width(), panel.start_button.width(), scroll.viewport().width()


@pytest.mark.parametrize("height", [691, 500])  # 500: the reasons need the scroll bar even at their own height
def test_a_failed_check_keeps_the_docks_widths(qtbot, height):
    w, panel = _exercise_window(qtbot, (WINDOW[0], height))
    click_exercise(qtbot, panel, "or")
    qtbot.waitUntil(lambda: panel.title.text() == "OR gate", timeout=3000)
    scroll = panel.parentWidget().parentWidget()
    before = _widths(panel)
    assert not scroll.verticalScrollBar().isVisible()
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)  # two hidden neurons: it fails
    qtbot.waitUntil(lambda: "not yet" in panel.status.text(), timeout=3000)
    qtbot.waitUntil(lambda: panel.reasons.isVisible(), timeout=3000)
    if height < WINDOW[1]:
        qtbot.waitUntil(lambda: scroll.verticalScrollBar().isVisible(), timeout=3000)
    qtbot.wait(50)  # (no timing: the layout's posted requests are handled)
    assert _widths(panel) == before


def test_the_reasons_box_is_as_tall_as_its_lines(qtbot):
    w, panel = _exercise_window(qtbot)
    click_exercise(qtbot, panel, "approx-sin")  # (the triangle's reason is one line since it no longer
    qtbot.waitUntil(lambda: panel.title.text() == "Approximate sin x", timeout=3000)  # repeats the verdict)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)  # its starter is off by up to 1
    qtbot.waitUntil(lambda: "not yet" in panel.status.text(), timeout=3000)
    reasons = panel.reasons
    qtbot.waitUntil(lambda: reasons.isVisible() and reasons.count() == 1, timeout=3000)
    row = reasons.visualRect(reasons.model().index(0, 0))
    line = reasons.fontMetrics().lineSpacing()
    assert 2 * line <= row.height() <= 3 * line  # the one reason wraps to two lines at this width
    frame = 2 * reasons.frameWidth()
    qtbot.waitUntil(lambda: reasons.height() == row.height() + frame, timeout=3000)  # all of it, no blank


def test_many_reasons_scroll_in_a_bounded_box(qtbot):
    from designer.ui.exercise_reasons import MAX_LINES

    w, panel = _exercise_window(qtbot)
    reasons = panel.reasons
    reasons.show()
    for i in range(3 * MAX_LINES):
        reasons.addItem(f"reason {i}")
    line = reasons.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: reasons.verticalScrollBar().isVisible(), timeout=3000)
    assert reasons.height() <= MAX_LINES * line + 2 * reasons.frameWidth()
