"""The gradient-flow and backward-pass legends hide no node or name on the canvas (a 1280×720 laptop).

The legend at the canvas's lower left touched h2's name (2-2-1 template); where it took a band under
the canvas, the fitted network was not fitted again and h2's name was cut at the band's edge.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication

from tests.ui.live_gui import mlp, sized_window


def _problems(w) -> list[str]:
    view, legend = w.view, w.live.gradients.legend
    port = view.viewport()
    shown = QRect(port.mapTo(view, QPoint(0, 0)), port.size())
    box = legend.geometry()
    problems = []
    for node_id, item in w.scene.node_items.items():
        area = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
        area = QRect(port.mapTo(view, area.topLeft()), area.size())
        if area.intersects(box.adjusted(-2, -2, 2, 2)):
            problems.append(f"{node_id} under the legend")
        if not shown.contains(area):
            problems.append(f"{node_id} cut")
    return problems


@pytest.mark.parametrize("action", ["gradient_flow", "backward_pass"])
def test_the_legend_leaves_every_node_and_name_in_sight(qtbot, action):
    w = sized_window(qtbot, mlp([2, 2, 1]), (1280, 720))
    legend = w.live.gradients.legend
    for height in range(560, 721, 16):  # canvases from low to as the app opens at 1280×720
        w.resize(1280, height)
        qtbot.waitUntil(lambda height=height: w.height() == height)
        w.view.zoom_to_fit()  # Fit to Window, then G or B
        w.actions[action].trigger()
        qtbot.waitUntil(legend.isVisible)
        qtbot.waitUntil(lambda: not _problems(w), timeout=1000)
        w.actions[action].trigger()  # off again
        qtbot.waitUntil(lambda: not legend.isVisible())


def test_a_scroll_bar_coming_or_going_keeps_the_band(qtbot, monkeypatch):
    """bench/live.py's window (1680×972 with every live view open: a canvas 248 px wide; 2-8-8-1 training on
    the spiral with gradient colouring) ran at 0.1 frames a second: the band under the canvas came and went
    hundreds of times a second. Each change fitted the network again; the fit scrolled and a scroll bar came or went,
    so the canvas's viewport had another width, the legend took that for a new canvas size and was placed
    afresh, giving up its band (or taking it again), which fitted the network again, without end. A scroll
    bar is not a new size: the band stays while only the view scrolls."""
    from PySide6.QtCore import Qt

    w = sized_window(qtbot, mlp([2, 8, 8, 1], "tanh", "sigmoid"), (900, 770))  # a canvas 248 px wide
    view, legend = w.view, w.live.gradients.legend
    w.live.actions["gradient_flow"].setChecked(True)
    qtbot.waitUntil(lambda: legend.isVisible() and view.viewportMargins().bottom() > 0)  # no corner is free
    kept = []
    place = type(legend)._place
    monkeypatch.setattr(
        type(legend), "_place", lambda self, keep_band: (kept.append(keep_band), place(self, keep_band))
    )
    for policy in (Qt.ScrollBarPolicy.ScrollBarAlwaysOn, Qt.ScrollBarPolicy.ScrollBarAlwaysOff):
        view.setVerticalScrollBarPolicy(policy)  # the viewport 14 px narrower, then wider again
        QApplication.processEvents()
        legend.place(scrolled=True)  # what a scroll of the canvas asks
    assert kept and all(kept) and view.viewportMargins().bottom() > 0  # every placement kept the band
