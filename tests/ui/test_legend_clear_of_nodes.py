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


def test_the_legend_measures_its_text_and_the_nodes_once_per_placement(qtbot, monkeypatch):
    """Each layout of the legend measures every word's advance, and each placement every node on the
    canvas. Gradient colouring switched on (G) laid the same lines out twice at the same width (once to
    see whether the size changed, once more to place it) and a placement without a free corner measured
    the nodes twice (once for the corners, once to choose a band below or beside); a training run's
    numbers ask for that a few times a second."""
    from designer.ui.live import legend as legend_module

    w = sized_window(qtbot, mlp([2, 8, 8, 1], "tanh", "sigmoid"), (1280, 600))  # no free corner: a band beside
    legend = w.live.gradients.legend
    measured: list[tuple[tuple[str, ...], str, float]] = []
    wrap = legend_module.wrap

    def counted_wrap(line: str, metrics, width: float) -> list[str]:
        measured.append((tuple(legend.lines), line, width))
        return wrap(line, metrics, width)

    monkeypatch.setattr(legend_module, "wrap", counted_wrap)
    measures, per_place = [], []  # node measurements in all, and in each placement
    place, occupied = type(legend)._place, legend.occupied

    def counted_place(self, keep_band: bool) -> None:
        before = len(measures)
        place(self, keep_band)
        per_place.append(len(measures) - before)

    monkeypatch.setattr(type(legend), "_place", counted_place)
    legend.occupied = lambda: (measures.append(1), occupied())[1]
    w.actions["gradient_flow"].trigger()  # G
    qtbot.waitUntil(lambda: legend.isVisible() and w.view.viewportMargins().right() > 0)
    shown = legend.text()
    w.actions["train_epoch"].trigger()  # new numbers in the headline
    qtbot.waitUntil(lambda: legend.text() != shown)
    assert measured and len(measured) == len(set(measured))  # each line once per text and width
    assert per_place and max(per_place) == 1  # the nodes once per placement that looks for a free corner


def test_gradient_colouring_switched_off_during_updates_stays_off(qtbot):
    """G pressed while the legend held back a scale (it shows at most four a second): the scale came
    a quarter of a second later and showed the legend again, stale, with gradient colouring off, and
    every repaint of the canvas (each edit's) painted it over the nodes."""
    w = sized_window(qtbot, mlp([2, 8, 8, 1], "tanh", "sigmoid"), (1680, 972))
    legend = w.live.gradients.legend
    w.actions["gradient_flow"].trigger()  # G
    qtbot.waitUntil(legend.isVisible)
    w.actions["train_epoch"].trigger()  # new numbers at once: held back for their turn
    qtbot.waitUntil(lambda: legend._later.isActive())
    w.actions["gradient_flow"].trigger()  # G again: off
    assert not w.actions["gradient_flow"].isChecked() and not legend.isVisible()
    qtbot.waitUntil(lambda: not legend._later.isActive())
    QApplication.processEvents()
    assert not legend.isVisible() and w.view.viewportMargins().isNull()
