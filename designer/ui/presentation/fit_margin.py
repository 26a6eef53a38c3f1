"""The screen the presentation's fit leaves around the network, measured from what may stand out there.

What is always drawn beside the nodes is fitted with them: names, maps and the number badges (the view's
``node_marks``), weights and bias text (inside the columns and the circles). Only the boxes that come and
go are not: a neuron's values (the probe, the forward walk) and the backward walk's factors, each box a
line of text at least, placed by the label layer where it is free. The margin is room for one such line.
A fixed margin of 3.2 lines of text (77 px at 1×) had left networks small on low canvases.
"""

from __future__ import annotations

from PySide6.QtGui import QFontMetricsF

from designer.ui.canvas.labels import OBSTACLE_PAD
from designer.ui.live.probe import FONT_PT, PADDING


def fit_margin_px(theme) -> float:
    """A value box's one line with its padding and the gap kept around it, in screen pixels (the canvas's
    text keeps its floor on screen whatever the zoom: 24 px at 1×)."""
    line = QFontMetricsF(theme.screen_font(FONT_PT)).height()
    return line + (PADDING + 2 * (OBSTACLE_PAD + 2)) * theme.scale
