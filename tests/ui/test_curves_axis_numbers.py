"""The epoch axis of the Loss and Accuracy plots keeps its numbers in a narrow panel (a 1280×720 screen)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QCheckBox, QSpinBox, QToolButton

from designer.model import load
from tests.conftest import EXAMPLES
from tests.ui.live_gui import choose, open_window

#: the Accuracy plot's width in the Loss and Accuracy panel of a first start on a 1280×720 screen
NARROW = 174


def shown_numbers(plot) -> list[str]:
    """The tick labels pyqtgraph draws under ``plot`` (what its paint would write)."""
    axis = plot.getPlotItem().getAxis("bottom")
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        painter.setFont(axis.style["tickFont"] or axis.font())
        return [text for _, _, text in axis.generateDrawSpecs(painter)[2]]
    finally:
        painter.end()


def test_the_accuracy_plot_shows_epoch_numbers_after_a_long_run_in_a_narrow_panel(qtbot):
    """At 1280×720, XOR trained to epoch 11,135 and paused: the Loss plot read "0 5000 10000" under its
    curve and the Accuracy plot beside it no number at all. Its axis, 140 px long, had its only two
    labelled ticks at its ends ("0", "10000"), each reaching a pixel or three past them, and pyqtgraph
    hides such labels."""
    w = open_window(qtbot, load(EXAMPLES / "xor-step.json"))
    w.live.curves_dock.show()
    curves = w.live.curves
    curves.acc_plot.setFixedWidth(NARROW)
    panel = w.live.panel
    qtbot.mouseClick(panel.findChild(QCheckBox, "stopAtEpoch"), Qt.MouseButton.LeftButton)
    epochs = panel.findChild(QSpinBox, "stopEpochs")
    epochs.selectAll()
    qtbot.keyClicks(epochs, "11135")
    qtbot.keyClick(epochs, Qt.Key.Key_Tab)
    choose(panel.speed, "1000 steps / frame")
    play = panel.findChild(QToolButton, "train_play")
    assert play.text() == "Play"
    qtbot.mouseClick(play, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.live.training.epoch >= 11135 and not w.live.training.running, timeout=60_000)
    qtbot.waitUntil(lambda: curves.acc_plot.width() == NARROW)
    assert curves.acc_plot.isVisible()
    numbers = shown_numbers(curves.acc_plot)
    assert len(numbers) >= 2 and "0" in numbers, numbers
    assert len(shown_numbers(curves.loss_plot)) >= 2
