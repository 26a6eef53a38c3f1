"""The screen the presentation's fit leaves around the network, measured from what may stand out there.

What is always drawn beside the nodes is fitted with them: names, maps and the number badges (the view's
``node_marks``), weights and bias text (inside the columns and the circles). Only the boxes that come and
go are not: a neuron's values (the probe, the forward walk) and the backward walk's factors, each box a
line of text at least, placed by the label layer where it is free. Above and below, the margin is room for
one such line. Left and right, it is room for a neuron's box of values centred under or over the outermost
neurons (a box is wider than a neuron: one line of margin there left lesson step 8's output y, at the
network's right edge, without a place for its value box at the walk's last level).
A fixed margin of 3.2 lines of text (77 px at 1×) had left networks small on low canvases.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QFontMetricsF

from designer.ui.canvas.labels import OBSTACLE_PAD
from designer.ui.live.probe import FONT_PT, PADDING

#: a neuron's widest value line, as the probe writes it (four decimals, a sign)
WIDEST_VALUE = "g(z) = −0.0000"


def fit_margin_px(theme) -> float:
    """A value box's one line with its padding and the gap kept around it, in screen pixels (the canvas's
    text keeps its floor on screen whatever the zoom: 24 px at 1×)."""
    line = QFontMetricsF(theme.screen_font(FONT_PT)).height()
    return line + (PADDING + 2 * (OBSTACLE_PAD + 2)) * theme.scale


def value_box_width(scene, zoom: float) -> float:
    """A neuron's box of values with the space the label layer keeps between it and the view's edge, in
    scene units at ``zoom`` (its text is drawn in scene units, never below its floor on screen: the lower
    the zoom, the wider the box in the scene)."""
    theme = scene.theme
    font = replace(theme, canvas_zoom=max(zoom, 1e-6)).font(FONT_PT)
    text = QFontMetricsF(font).horizontalAdvance(WIDEST_VALUE)
    return text + 2 * (PADDING + OBSTACLE_PAD) * theme.scale
