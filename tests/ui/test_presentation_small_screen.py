"""The shipped lesson presented on a 1366×768 projector: from step 18 the window grew to 781 px, past
the screen; the step's text lost its last line and the Loss Landscape's readout sat on its axis."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel

from designer.lessons import load_lesson
from designer.ui.presentation.room import needed_height, needed_width
from tests.ui.test_presentation_lesson_room import go_to, present_lesson

SIZE = (1366, 768)


def text_needs(label: QLabel) -> int:
    """The height the step's text needs at its width, measured on a copy (the label's own minimum
    height would count in its answer)."""
    copy = QLabel()
    copy.setObjectName(label.objectName())
    copy.setWordWrap(True)
    copy.setTextFormat(label.textFormat())
    copy.setStyleSheet(label.styleSheet())
    copy.setFont(label.font())
    copy.setText(label.text())
    return copy.heightForWidth(label.width())


def test_every_steps_text_shows_whole_and_the_window_stays_on_the_screen(qtbot, monkeypatch):
    w = present_lesson(qtbot, monkeypatch, *SIZE)
    text = w.presentation.stage.lesson_text
    for step in range(1, len(load_lesson("neural-networks").steps) + 1):
        go_to(qtbot, w, step)
        qtbot.waitUntil(lambda: text.height() >= text_needs(text), timeout=3000)
        assert (w.width(), w.height()) == SIZE, step
        assert w.minimumSizeHint().height() <= SIZE[1] and w.minimumSizeHint().width() <= SIZE[0], step


def box(widget, ancestor) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def squeezed(w) -> list[tuple[str, tuple[int, int], tuple[int, int]]]:
    """The stage's views (but the canvas) shown smaller than they need, their wrapped text counted."""
    out = []
    for view in w.presentation.stage.views():
        if view is w.view or not view.isVisible():
            continue
        need = (needed_width(view), needed_height(view, view.width()))
        if view.width() < need[0] or view.height() < need[1]:
            out.append((view.objectName(), (view.width(), view.height()), need))
    return out


@pytest.mark.parametrize("step", [3, 18])
def test_the_loss_landscape_steps_give_every_view_its_room(qtbot, monkeypatch, step):
    w = present_lesson(qtbot, monkeypatch, *SIZE)
    go_to(qtbot, w, step)
    landscape = w.live.landscape
    assert landscape in w.presentation.stage.views() and landscape.isVisible()  # the step's main view in front
    qtbot.waitUntil(lambda: squeezed(w) == [], timeout=5000)
    assert w.height() == SIZE[1]
    readout, plot = landscape.readout, landscape.plot
    assert not box(readout, landscape).intersects(box(plot, landscape))  # under or beside the plot, not on its axis
    # the step's training rewrites the readout's numbers: its height follows at the next layout pass
    qtbot.waitUntil(lambda: readout.height() >= readout.heightForWidth(readout.width()), timeout=5000)
