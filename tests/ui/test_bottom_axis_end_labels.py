"""The plots' horizontal axes label the ends of what they show: the Loss Landscape's "−2" and "4" over
a weight from −2 to 4, the Activation view's "−6".

Centred on its tick, an end label reaches past the axis's end, and pyqtgraph drops a label that leaves
its axis: the landscape's x axis read only "0 2", the activation's "−4 … 6", in the window and presented
at 1280×720 (lesson steps 3 and 5). The end labels are moved inside the axis's ends now.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage, QPainter

from tests.ui.live_gui import open_window
from tests.ui.test_landscape_view import small_net
from tests.ui.test_presentation_lesson_room import go_to, present_lesson


def drawn_labels(plot, name: str = "bottom") -> list[tuple[float, float, str]]:
    """(left, right, text) of each tick label the axis draws, as pyqtgraph lays them out for painting."""
    axis = plot.getPlotItem().getAxis(name)
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)[2]
    finally:
        painter.end()
    return [(rect.left(), rect.right(), text) for rect, _flags, text in specs]


def assert_inside_and_apart(plot) -> None:
    """Every label within the axis, none touching the next."""
    axis = plot.getPlotItem().getAxis("bottom")
    bounds = axis.mapRectFromParent(axis.geometry())
    labels = sorted(drawn_labels(plot))
    assert all(bounds.left() <= left and right <= bounds.right() for left, right, _ in labels)
    assert all(a[1] < b[0] for a, b in zip(labels, labels[1:], strict=False))


def texts(plot) -> set[str]:
    return {text.replace("−", "-") for _l, _r, text in drawn_labels(plot)}


def test_the_landscape_labels_both_ends_of_its_ranges_in_the_window(qtbot):
    w = open_window(qtbot, small_net())
    w.live.landscape_dock.show()
    view = w.live.landscape
    qtbot.waitUntil(view.isVisible)
    view.set_parameters(["w:h1->y", "w:h2->y"], [(-2.0, 4.0), (-4.0, 2.0)])
    qtbot.waitUntil(lambda: view.landscape is not None)
    assert {"-2", "4"} <= texts(view.plot)
    assert_inside_and_apart(view.plot)


@pytest.mark.parametrize(("step", "ends"), [(3, {"-2", "4"}), (5, {"-6", "6"})])
def test_presented_at_1280x720_the_x_axes_label_their_ends(qtbot, monkeypatch, step, ends):
    w = present_lesson(qtbot, monkeypatch, 1280, 720)
    go_to(qtbot, w, step)  # 3: the landscape over w₁ from −2 to 4; 5: the sigmoid unit's g and g′
    plots = [w.live.landscape.plot] if step == 3 else [w.live.activation.g_plot, w.live.activation.d_plot]
    for plot in plots:
        assert plot.isVisible()
        assert ends <= texts(plot)
        assert_inside_and_apart(plot)
