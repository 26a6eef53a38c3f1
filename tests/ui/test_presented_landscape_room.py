"""The shipped lesson's Loss Landscape steps (3 and 18) presented at 1280×720: under the step's text
(214 px) and the loss curves (at their 132 px minimum) the landscape's tab got 328 px of the 380 it
needed; its plot was some 90 px high and the readout under it was cut at the panel's scroll edge. Wide
and low, the readout goes beside the plot."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect

from tests.ui.test_presentation_lesson_room import go_to, present_lesson
from tests.ui.test_presentation_small_screen import squeezed


def in_view(widget, scroll) -> bool:
    """``widget`` whole inside the scroll area's viewport (not cut at its edge)."""
    port = scroll.viewport()
    return port.rect().contains(QRect(widget.mapTo(port, QPoint(0, 0)), widget.size()))


@pytest.mark.parametrize("step", [3, 18])
def test_the_loss_landscape_shows_its_plot_and_whole_readout_at_1280_by_720(qtbot, monkeypatch, step):
    w = present_lesson(qtbot, monkeypatch, 1280, 720)
    go_to(qtbot, w, step)
    landscape = w.live.landscape
    assert landscape in w.presentation.stage.views() and landscape.isVisible()

    qtbot.waitUntil(lambda: squeezed(w) == [], timeout=5000)
    assert w.live.curves_dock.isVisible()  # the loss curves stay on screen under the stage
    readout, plot = landscape.readout, landscape.plot
    landscape._show_readout(at=(1.25, -0.75))  # the longest text: the mouse over the plot
    qtbot.waitUntil(lambda: readout.height() >= readout.heightForWidth(readout.width()), timeout=3000)
    assert in_view(readout, landscape.scroll) and in_view(landscape.log, landscape.scroll)
    assert landscape.scroll.verticalScrollBar().maximum() == 0  # nothing below the fold
    assert landscape.beside
    readout_box = QRect(readout.mapTo(landscape, QPoint(0, 0)), readout.size())
    plot_box = QRect(plot.mapTo(landscape, QPoint(0, 0)), plot.size())
    assert not readout_box.intersects(plot_box)
    assert plot.getPlotItem().vb.height() >= 120  # the map itself (it was some 90 px)
