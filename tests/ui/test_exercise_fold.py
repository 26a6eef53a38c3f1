"""At 1280×720 an exercise's target picture shows in its dock without scrolling (A triangle).

The four buttons stood one above the other ("Start (load the starter network)" was too wide for two
columns): the picture began some 125 px above the dock's bottom edge.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QScrollArea

from tests.ui.live_gui import mlp, sized_window
from tests.ui.test_exercise_panel import click_exercise


def test_the_triangles_target_picture_is_mostly_above_the_fold(qtbot):
    w = sized_window(qtbot, mlp([2, 2, 1]), (1280, 720))
    w.exercise.show()
    w.exercise.raise_()
    panel = w.exercise.panel
    click_exercise(qtbot, panel, "triangle")
    picture = panel.picture
    qtbot.waitUntil(picture.isVisible)
    scroll = picture.parentWidget()
    while not isinstance(scroll, QScrollArea):
        scroll = scroll.parentWidget()
    qtbot.wait(50)  # laid out
    assert scroll.verticalScrollBar().value() == 0
    top = picture.mapTo(scroll.viewport(), QPoint(0, 0)).y()
    shown = scroll.viewport().height() - top
    assert shown >= min(picture.height(), 180), (top, shown, picture.height(), scroll.viewport().height())
