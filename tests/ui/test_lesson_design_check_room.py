"""The design steps of the shipped lesson at 1680×972 (the app's window on a 1920×1080 screen): the step's
text, the exercise's check and the canvas are all in view, nothing to scroll.

The Exercise dock asked the left column for its verdict and target picture only, and the picture asked
for the height the plot last had (476 px): in steps 14 and 15 the check's reasons sat 150–200 px below
the fold of the dock, under the picture.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt

from designer.lessons import load_lesson
from designer.ui.exercise_target import PLOT_HEIGHT
from designer.ui.lesson import arrange
from designer.ui.lesson.views import StepViews
from tests.ui.live_gui import sized_window
from tests.ui.test_landscape_view import small_net

SCREEN = QSize(1920, 1080)
WINDOW = (1680, 972)
DESIGN_STEPS = (12, 13, 14, 15)  # and, xor (truth tables), triangle, approx-sin (target plots)


def _in_the_dock(widget, scroll) -> bool:
    """Whether every pixel row of ``widget`` lies inside the scroll area's viewport (the Exercise dock's
    visible part)."""
    top = widget.mapTo(scroll.viewport(), widget.rect().topLeft()).y()
    return (
        widget.isVisible() and widget.height() > 0 and 0 <= top and top + widget.height() <= scroll.viewport().height()
    )


def _wholly_shown(widget) -> bool:
    """Whether every pixel row of ``widget`` is on screen (not clipped by a scroll area or the window)."""
    return widget.visibleRegion().boundingRect().height() == widget.height() > 0


def _count_column_sizings(monkeypatch) -> list[int]:
    """Each time the left column is shared out (twice a step: as the step is shown, and once the docks'
    new widths are laid out and the text wraps to them)."""
    sized: list[int] = []
    share = StepViews._size_left_column

    def counted(self, lesson_dock) -> None:
        share(self, lesson_dock)
        sized.append(self.window.lessons.index)

    monkeypatch.setattr(StepViews, "_size_left_column", counted)
    return sized


def _laid_out(scroll) -> bool:
    """Whether the Exercise dock's scroll area has given its page the height the page now asks for."""
    page, viewport = scroll.widget(), scroll.viewport()
    return page.height() == max(viewport.height(), page.heightForWidth(viewport.width()))


def test_the_lesson_text_the_whole_check_and_the_canvas_fit_without_scrolling(qtbot, monkeypatch):
    monkeypatch.setattr(arrange, "room", lambda window: window.size().boundedTo(SCREEN))
    sized = _count_column_sizings(monkeypatch)
    w = sized_window(qtbot, small_net(), WINDOW)
    assert w.lessons.open(load_lesson("neural-networks"), DESIGN_STEPS[0] - 1)
    lesson, page = w.lessons.panel, w.exercise.panel.detail
    scroll = w.exercise.widget()
    for number in DESIGN_STEPS:
        if number != DESIGN_STEPS[0]:
            qtbot.mouseClick(lesson.next, Qt.MouseButton.LeftButton)
        assert lesson.steps.currentRow() == number - 1
        qtbot.waitUntil(lambda: page.reasons.count() > 0, timeout=5000)  # the live check has run: ✗ and why
        qtbot.waitUntil(lambda n=number: sized.count(n - 1) >= 2, timeout=5000)  # the column shared out
        qtbot.waitUntil(lambda: _laid_out(scroll), timeout=5000)
        assert scroll.verticalScrollBar().maximum() == 0, number  # nothing below the fold
        for part in (page.status, page.picture, page.reasons):
            assert _in_the_dock(part, scroll), (number, part.objectName())
        assert lesson.text.verticalScrollBar().maximum() == 0  # the step's text in full
        assert _wholly_shown(lesson.next)  # the lesson goes on from here
        assert w.view.width() >= 0.45 * w.width()  # the canvas keeps its share
        if number not in (12, 13):
            assert page.picture.height() >= PLOT_HEIGHT  # the target plot is no strip
        assert (w.width(), w.height()) == WINDOW
