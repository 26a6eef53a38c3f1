"""A 1-D plot's output curve stands out over its target points (sin x with 8 ReLUs, a bump from steps).

A thousand targets were drawn grey with a near-black outline: a near-black band that hid the black
output curve drawn over it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from designer.lessons import load_lesson
from tests.ui.live_gui import mlp, sized_window


def _over(colour: QColor, background: QColor) -> float:
    """The lightness of ``colour`` painted over ``background``."""
    a = colour.alphaF()
    return a * colour.lightness() + (1 - a) * background.lightness()


def test_the_output_curve_is_darker_than_the_target_points_it_crosses(qtbot):
    w = sized_window(qtbot, mlp([2, 2, 1]), (1280, 720))
    w.lessons.open(load_lesson("neural-networks"), 10)  # 1-12-1 towers drawing sin x over 1-D data
    region = w.live.region
    region.plot.viewport().grab()
    line, points = region.line, region.points
    assert line.visible and len(points.train.data) > 0
    curve = line.output.opts["pen"].color()
    background = QColor(w.scene.theme.background)
    outline = points.train.opts["pen"]
    assert outline.style() == Qt.PenStyle.NoPen or _over(outline.color(), background) - curve.lightness() >= 80
    fill = points.train.opts["brush"].color()
    assert _over(fill, background) - curve.lightness() >= 80, (fill.name(), fill.alpha(), curve.name())
    assert line.output.zValue() > points.train.zValue()
