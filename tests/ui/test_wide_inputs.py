"""Networks with many inputs (100, an MNIST-sized 784) in the Decision Regions dock on a 1280×720 screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QSlider

from designer.ui.live import region_title
from tests.ui import gui
from tests.ui.live_gui import mlp, open_window, shown_text

SCREEN_HEIGHT = 720
SLIDER_ROWS_SHOWN = 4  # axes.VISIBLE_ROWS
HELD_NAMED = 4  # region_title.HELD_NAMED


def region_window(qtbot, inputs: int):
    w = open_window(qtbot, mlp([inputs, 2, 1], "linear"))
    w.live.build_plots()
    w.live.region_dock.show()
    w.live.session.flush()
    qtbot.waitUntil(lambda: w.live.region.axes.isVisible(), timeout=3000)
    return w


def test_a_hundred_inputs_scroll_their_sliders_and_the_dock_fits_the_screen(qtbot):
    """98 slider rows made the dock 2,323 px tall at least, and the window 2,512 px (off the screen)."""
    w = region_window(qtbot, 100)
    axes = w.live.region.axes
    sliders = axes.findChildren(QSlider)
    assert len(sliders) == 98  # every input not plotted keeps its slider
    assert w.live.region_dock.minimumSizeHint().height() < SCREEN_HEIGHT // 2
    assert w.minimumSizeHint().height() <= SCREEN_HEIGHT
    row = sliders[0].sizeHint().height()
    scroll = axes.findChild(QScrollArea, "heldInputs")
    assert scroll.height() <= SLIDER_ROWS_SHOWN * (row + 8)
    # Tab walks on to the rows below, scrolling each into view; the last is reached by scrolling
    fifth = axes.findChild(QSlider, "fixed_x7")
    assert fifth.visibleRegion().isEmpty()
    axes.findChild(QSlider, "fixed_x6").setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is fifth
    qtbot.waitUntil(lambda: not fifth.visibleRegion().isEmpty(), timeout=2000)
    last = axes.findChild(QSlider, "fixed_x100")
    scroll.ensureWidgetVisible(last)
    qtbot.waitUntil(lambda: not last.visibleRegion().isEmpty(), timeout=2000)
    last.setFocus()
    qtbot.keyClick(last, Qt.Key.Key_PageUp)
    assert w.live.session.fixed[99] > 0


def test_a_structural_edit_builds_the_title_once_and_keeps_it_short(qtbot, monkeypatch):
    """After deleting a neuron, the title's list of 198 held inputs was built again at every redraw
    and resize (784 inputs: about 1,300 times, 13 s), and made the slider rows again."""
    w = region_window(qtbot, 200)
    region = w.live.region
    sliders = set(region.axes.findChildren(QSlider))
    built = []
    markup = region_title.markup  # the held inputs' names are built there

    def counted(template, *values):
        if template == "{} = {}":
            built.append(values[0])
        return markup(template, *values)

    monkeypatch.setattr(region_title, "markup", counted)
    gui.click(w.view, gui.node_pos(w, "h1_1"))
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    assert "h1_1" not in w.document.network.neurons
    w.live.session.flush()
    for width in (1200, 1400):  # the map resized: it is drawn again, the title stays as it is
        w.resize(width, 900)
        qtbot.waitUntil(lambda width=width: w.width() == width, timeout=2000)
    assert 1 <= len(built) <= HELD_NAMED  # the held inputs named once for the edit, not per redraw
    text = shown_text(region.title)
    assert "x3 = 0" in text and "and 194 more held" in text and len(text) < 200
    assert set(region.axes.findChildren(QSlider)) == sliders  # the same rows, not made again
