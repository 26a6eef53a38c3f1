"""A lesson step's region view above the loss curves keeps the height it needs while presented.

Lesson step 21 at 1280×720: the region view (its title and class key wrapped to two lines each) got
60 % of the column, 301 px where it needs 337, and Qt laid its legend ("● train 250 □ test 250
× misclassified 0") over the map's x₁ axis title. The curves under it give way, down to what they need.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect

from designer.ui.presentation.room import needed_height
from tests.ui.test_presentation_lesson_room import go_to, present_lesson


def test_step_21_at_1280x720_the_region_legend_lies_under_the_map_not_over_it(qtbot, monkeypatch):
    w = present_lesson(qtbot, monkeypatch, 1280, 720)
    go_to(qtbot, w, 21)
    region, curves = w.live.region, w.live.curves
    stage = w.presentation.stage
    assert stage.stack.isVisible() and stage.stack.widget(0) is region and stage.stack.widget(1) is curves

    def box(widget) -> QRect:
        return QRect(widget.mapTo(region, QPoint(0, 0)), widget.size())

    qtbot.waitUntil(lambda: not box(region.legend).intersects(box(region.plot)), timeout=3000)
    assert not box(region.class_key).intersects(box(region.legend))
    assert box(region.class_key).bottom() < region.height()  # the class key whole, inside the view
    assert region.height() >= needed_height(region, region.width())
    assert curves.height() >= needed_height(curves, curves.width())  # the curves keep what they need
