"""The loss curves in a low panel (a lesson step presented on a 768 px screen) keep room for the curves."""

from __future__ import annotations

from PySide6.QtCore import Qt

from designer.model import load
from designer.ui.live.curves import SHORT_TITLES
from tests.conftest import EXAMPLES
from tests.ui.live_gui import open_window


def test_a_low_panel_names_its_plots_on_their_axes_and_a_tall_one_above_them(qtbot):
    w = open_window(qtbot, load(EXAMPLES / "xor-step.json"))
    w.resize(1200, 800)
    dock = w.live.curves_dock
    dock.show()
    curves = w.live.curves
    loss = curves.loss_plot.getPlotItem()
    w.resizeDocks([dock], [120], Qt.Orientation.Vertical)  # as the presentation leaves it on a 768 px screen
    qtbot.waitUntil(lambda: curves.compact)
    assert not loss.titleLabel.isVisible() and not loss.getAxis("bottom").label.isVisible()
    assert loss.getAxis("left").label.isVisible() and loss.getAxis("left").labelText == "Loss"
    accuracy = curves.acc_plot.getPlotItem().getAxis("left")
    assert accuracy.labelText in ("Accuracy", SHORT_TITLES["acc"])
    low = curves.loss_plot.getPlotItem().getViewBox().height()
    assert low > 0.4 * curves.loss_plot.height()  # the curves get most of the plot, not the titles
    w.resizeDocks([dock], [420], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: not curves.compact)
    assert loss.titleLabel.isVisible() and loss.getAxis("bottom").label.isVisible()
    assert not loss.getAxis("left").label.isVisible()
