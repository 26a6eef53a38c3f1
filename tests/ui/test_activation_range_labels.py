"""The activation view labels the ends of g's range: tanh's −1 and 1, sigmoid's 0 and 1.

pyqtgraph hides a tick label that leaves its axis's rectangle and, on an axis with a grid (these
plots have one), gives no room past the axis's ends: tanh's g(z) axis (−1.1 to 1.1) read only "0" in
the window, and while presenting at 1280×720 sigmoid's g(z) and g′(z) axes read only "0.5", so the
lecture's "at most 1/4" could not be read off them.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage, QPainter

from tests.ui.test_activation_view import open_activation
from tests.ui.test_presentation_lesson_room import go_to, present_lesson


def drawn_labels(plot) -> list[str]:
    """The tick labels the plot's left axis draws, as pyqtgraph lays them out for painting."""
    axis = plot.getPlotItem().getAxis("left")
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        return [text for _rect, _flags, text in axis.generateDrawSpecs(painter)[2]]
    finally:
        painter.end()


@pytest.mark.parametrize(("activation", "ends"), [("tanh", {"-1", "1"}), ("sigmoid", {"0", "1.0"})])
def test_the_g_axis_labels_both_ends_of_the_range_in_the_window(qtbot, activation, ends):
    _w, view = open_activation(qtbot, activation)
    qtbot.waitUntil(lambda: view.g_plot.getPlotItem().getAxis("left").height() > 0)
    assert ends <= set(drawn_labels(view.g_plot))


def test_lesson_step_5_presented_at_1280x720_labels_0_and_1_of_sigmoid_and_its_slope(qtbot, monkeypatch):
    w = present_lesson(qtbot, monkeypatch, 1280, 720)
    go_to(qtbot, w, 5)  # "Activations and their derivatives": the sigmoid unit selected
    view = w.live.activation
    assert view.isVisible() and view.neuron is not None
    assert w.document.network.neurons[view.neuron].activation == "sigmoid"
    for plot in (view.g_plot, view.d_plot):
        assert {"0", "0.5", "1.0"} <= set(drawn_labels(plot))
