"""Tick labels of the plots never run together, however narrow the plot (a new user saw
"2000400060008000" under the Accuracy curve of a lesson step)."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from PySide6.QtGui import QFontMetricsF, QImage, QPainter

from designer.ui.live import plot_style
from designer.ui.theme import LIGHT


def drawn_labels(plot, side: str = "bottom") -> list:
    """An axis's tick labels as pyqtgraph lays them out: (rect, text)."""
    axis = plot.getPlotItem().getAxis(side)
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _, _, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [(rect, text) for rect, _, text in texts]


@pytest.mark.parametrize(
    ("width", "span"),
    [(190, 9000), (160, 9000), (260, 123_456), (140, 1.0), (400, 9000), *((w, 97) for w in range(150, 330, 20))],
)
def test_labels_of_a_narrow_plot_leave_room_between_them(qtbot, width, span):
    plot = plot_style.plot_widget(LIGHT)
    qtbot.addWidget(plot)
    plot_style.style_axes(plot.getPlotItem(), LIGHT)
    plot.resize(width, 150)
    plot.show()
    qtbot.waitExposed(plot)
    plot.setXRange(0, span, padding=0)
    plot.getPlotItem().getAxis("bottom").picture = None
    labels = sorted(drawn_labels(plot), key=lambda label: label[0].left())
    assert labels, "no tick label at all"
    for (left, a), (right, b) in itertools.pairwise(labels):
        assert left.right() + 4 <= right.left(), (a, b, left, right)


def test_small_values_are_labelled_as_they_are_not_scaled_by_an_si_prefix(qtbot):
    """Losses from 0 to 0.0008 were ticked 0 to 800 with "(x0.001)" after the axis title."""
    plot = plot_style.plot_widget(LIGHT)
    qtbot.addWidget(plot)
    item = plot.getPlotItem()
    item.setLabel("bottom", "training loss")
    plot_style.style_axes(item, LIGHT)
    plot.resize(400, 200)
    plot.show()
    qtbot.waitExposed(plot)
    plot.setXRange(0, 0.0008, padding=0)
    axis = item.getAxis("bottom")
    axis.picture = None
    texts = [text for _, text in drawn_labels(plot)]
    assert "0.0004" in texts and "x0.001" not in axis.labelString() and "400" not in texts


@pytest.mark.parametrize(("length", "span"), [(45, 1.0), (60, 1.0), (70, 30.0), (100, 2.4), (300, 2.4), (600, 1.0)])
def test_labels_of_a_low_plot_do_not_stack_on_each_other(qtbot, length, span):
    """Presenting a lesson on a 768 px screen, the loss curves' plots were some 60 px high and their
    "1.0 0.8 0.6 0.4 0.2 0" were drawn over each other at the presentation's text size: the labelled
    ticks of a vertical axis are at least a line of its tick text apart."""
    theme = dataclasses.replace(LIGHT, scale=2.0)
    plot = plot_style.plot_widget(theme)
    qtbot.addWidget(plot)
    plot_style.style_axes(plot.getPlotItem(), theme)
    axis = plot.getPlotItem().getAxis("left")
    line = QFontMetricsF(axis.style["tickFont"]).height()
    major = axis.tickSpacing(0.0, span, length)[0][0]
    assert major / span * length >= line
    assert major <= span  # at least two labels: the scale stays readable
