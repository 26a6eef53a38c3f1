"""The shipped lesson's Loss Landscape steps reached with PageDown while presenting at 1366×768, as a
teacher goes through the lesson. Step 18 after step 17 stood in a row of three views too low for it: a
scroll bar, the range fields cut at its right edge, the readout scrolled out of view (opened directly, the
same step was arranged to show it all). Step 4 after step 3 kept the readout beside the plot five lines
high for its seven: its first and last lines were cut."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QDoubleSpinBox

from tests.ui.test_presentation_lesson_room import go_to, present_lesson
from tests.ui.test_presentation_small_screen import squeezed

K = Qt.Key
TRAINING_WAIT_MS = 120_000


def in_view(widget, scroll) -> bool:
    """``widget`` whole inside the scroll area's viewport (not cut at its edge)."""
    port = scroll.viewport()
    return port.rect().contains(QRect(widget.mapTo(port, QPoint(0, 0)), widget.size()))


def page_down_to(qtbot, w, step: int) -> None:
    """PageDown until lesson step ``step`` (1-based) is reached, its actions done and the stage settled
    (a walk on the step before takes a press per level)."""
    player = w.lessons
    for _ in range(8):
        if player.index == step - 1:
            break
        qtbot.keyClick(w.view, K.Key_PageDown)
        qtbot.waitUntil(lambda: not player.runner.busy or player.runner.waiting_for_click, timeout=TRAINING_WAIT_MS)
    assert player.index == step - 1
    qtbot.waitUntil(w.presentation.fitter.settled, timeout=5000)


def landscape_shows_whole(qtbot, w) -> None:
    landscape = w.live.landscape
    assert landscape in w.presentation.stage.views() and landscape.isVisible()
    qtbot.waitUntil(lambda: squeezed(w) == [], timeout=5000)
    scroll, readout = landscape.scroll, landscape.readout
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() == 0, timeout=5000)  # nothing below the fold
    assert not scroll.verticalScrollBar().isVisible()
    for field in landscape.picker.findChildren(QDoubleSpinBox):  # the ranges' fields, not cut at the right
        assert in_view(field, scroll), field.objectName()
    qtbot.waitUntil(lambda: readout.height() >= readout.heightForWidth(readout.width()), timeout=5000)
    assert in_view(readout, scroll) and in_view(landscape.log, scroll)


def test_step_18_reached_with_page_down_shows_the_whole_loss_landscape(qtbot, monkeypatch):
    w = present_lesson(qtbot, monkeypatch, 1366, 768)
    go_to(qtbot, w, 17)
    page_down_to(qtbot, w, 18)
    landscape_shows_whole(qtbot, w)


def test_step_4_reached_with_page_down_shows_the_whole_readout(qtbot, monkeypatch):
    w = present_lesson(qtbot, monkeypatch, 1366, 768)
    go_to(qtbot, w, 3)
    page_down_to(qtbot, w, 4)
    landscape_shows_whole(qtbot, w)
    readout = w.live.landscape.readout
    assert readout.height() >= readout.heightForWidth(readout.width())  # every line of it
