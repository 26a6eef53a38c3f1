"""The design steps of the shipped lesson in a laptop-sized window (1280×720, 1366×768) and at 1680×972,
reached with Next as a student does: the step's text, the check's verdict, its truth table or target
picture and its reasons are all in view at once, nothing in the Exercise dock to scroll, nothing cut at
its right.

At 1280×720 the left column (615 px) held the text with four rows of the step list and left the check
60–216 px below the fold of the Exercise dock; at 1680×972 the page of steps 12 and 13 stood 6 px wider
than the dock's viewport once the dock's scroll bar had come and gone.
"""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtCore import QSize, Qt
from pytestqt.exceptions import TimeoutError

from designer.lessons import load_lesson
from designer.ui.exercise_target import PLOT_MIN_HEIGHT
from designer.ui.lesson import arrange
from tests.ui.live_gui import sized_window
from tests.ui.test_landscape_view import small_net

DESIGN_STEPS = (12, 13, 14, 15)  # and, xor (truth tables), triangle, approx-sin (target plots)
WINDOWS = [((1280, 720), (1280, 720)), ((1366, 768), (1366, 768)), ((1920, 1080), (1680, 972))]


def _in_view(widget, scroll) -> bool:
    """Whether ``widget`` lies wholly inside the scroll area's viewport, rows and columns."""
    corner = widget.mapTo(scroll.viewport(), widget.rect().topLeft())
    port = scroll.viewport().rect()
    return (
        widget.isVisible()
        and widget.height() > 0
        and 0 <= corner.y()
        and corner.y() + widget.height() <= port.height()
        and 0 <= corner.x()
        and corner.x() + widget.width() <= port.width()
    )


def _settled(scroll) -> bool:
    """The scroll area has given its page the viewport's width and the height the page asks for."""
    page, viewport = scroll.widget(), scroll.viewport()
    tall = max(viewport.height(), page.heightForWidth(viewport.width()), page.minimumSizeHint().height())
    return page.width() == viewport.width() and page.height() == tall


def _out_of_view(w, scroll, number: int) -> list[str]:
    """What of the step's text and check is not in view, or cut, once the Exercise dock is laid out."""
    lesson, page = w.lessons.panel, w.exercise.panel.detail
    bar = scroll.verticalScrollBar()
    wrong = [] if _settled(scroll) else ["the page not laid out"]
    if bar.maximum() > 0:
        wrong.append(f"the Exercise dock scrolls by {bar.maximum()} px")
    wrong += [part.objectName() for part in (page.status, page.picture, page.reasons) if not _in_view(part, scroll)]
    if scroll.widget().width() > scroll.viewport().width() or scroll.horizontalScrollBar().maximum() > 0:
        wrong.append(f"the page {scroll.widget().width()} px wide in {scroll.viewport().width()}")
    if scroll.viewport().width() != scroll.width() - bar.sizeHint().width():  # the bar's room kept, shown or
        wrong.append("the scroll bar's room not kept")  # not: no page that jumps 14 px from step to step
    text = lesson.text
    if text.verticalScrollBar().maximum() > 0 or text.document().size().height() > text.viewport().height():
        wrong.append("the step's text scrolls")
    if lesson.next.visibleRegion().boundingRect().size() != lesson.next.size():
        wrong.append("Next cut")
    if not lesson.steps.viewport().rect().contains(lesson.steps.visualItemRect(lesson.steps.currentItem())):
        wrong.append("the current step out of its list")
    if number in (14, 15) and page.picture.height() < PLOT_MIN_HEIGHT:
        wrong.append(f"the target plot {page.picture.height()} px high")
    return wrong


@pytest.mark.parametrize("start", [11, 12], ids=["Next from step 11", "opened at step 12"])
@pytest.mark.parametrize(("screen", "window"), WINDOWS, ids=["1280x720", "1366x768", "1680x972"])
def test_the_whole_check_and_the_text_are_in_view_in_every_design_step(qtbot, monkeypatch, screen, window, start):
    """``start``: the lesson opened there (``nn-designer --lesson neural-networks --step 12`` opens at 12),
    then Next to each design step."""
    monkeypatch.setattr(arrange, "room", lambda w: w.size().boundedTo(QSize(*screen)))
    w = sized_window(qtbot, small_net(), window)
    shipped = load_lesson("neural-networks")
    assert w.lessons.open(shipped, start - 1)
    lesson, page = w.lessons.panel, w.exercise.panel.detail
    for number in DESIGN_STEPS:
        if number > start:
            qtbot.mouseClick(lesson.next, Qt.MouseButton.LeftButton)
        assert lesson.steps.currentRow() == number - 1
        scroll = w.exercise.widget()
        exercise = shipped.steps[number - 1].exercise
        qtbot.waitUntil(lambda e=exercise: w.exercise.panel.exercise == e, timeout=5000)  # the step's own
        qtbot.waitUntil(lambda: page.reasons.count() > 0, timeout=5000)  # its live check has run: ✗ and why
        with contextlib.suppress(TimeoutError):  # the column shared out, the page laid out; else say what
            qtbot.waitUntil(lambda s=scroll, n=number: not _out_of_view(w, s, n), timeout=5000)
        assert _out_of_view(w, scroll, number) == [], number
        assert (w.width(), w.height()) == window
