"""The shipped lesson presented on school laptops and projectors (1024×768, 1280×720, 1366×768): the Loss
Landscape's axis title drawn over its readout; captions over neurons and a network cut at the canvas's
edge; the restarts window over x₂ and h₂; a decision map filling a seventh of its plot."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from designer.ui.presentation.caption import CORNER_MS
from tests.ui.test_presentation_lesson_room import go_to, nodes_outside_the_canvas, present_lesson


def scroll_down(widget, steps: int = 3) -> None:
    """The mouse wheel turned towards the user over ``widget``."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def shown_in(widget, port) -> bool:
    """Whether ``widget`` lies whole inside the scroll area's viewport ``port``."""
    return port.rect().contains(QRect(widget.mapTo(port, QPoint(0, 0)), widget.size()))


@pytest.mark.parametrize("size", [(1024, 768), (1280, 720)])
def test_the_loss_landscape_keeps_its_readout_off_the_plot_and_reachable(qtbot, monkeypatch, size):
    """Step 3: the tab was 66 px (at 1280×720 24 px) lower than the page; the plot was squeezed and its
    axis title drawn over the readout. The page scrolls as a whole where its tab is too low; wide and low,
    the readout goes beside the plot instead (at 1280×720 the page then fits its tab)."""
    w = present_lesson(qtbot, monkeypatch, *size)
    go_to(qtbot, w, 3)
    landscape = w.live.landscape
    assert landscape in w.presentation.stage.views()
    plot, readout, picker = landscape.plot, landscape.readout, landscape.picker
    page = landscape.scroll.widget()  # (it covers the view and the scroll area: their own regions are empty)
    qtbot.waitUntil(lambda: landscape.isVisible() and not page.visibleRegion().isEmpty(), timeout=5000)
    assert plot.height() >= plot.minimumHeight()  # not squeezed
    assert picker.geometry().bottom() < plot.geometry().top()
    # the plot's axis title inside the plot, the readout under it or beside it, whole
    readout_box = QRect(readout.mapTo(landscape, QPoint(0, 0)), readout.size())
    plot_box = QRect(plot.mapTo(landscape, QPoint(0, 0)), plot.size())
    assert not readout_box.intersects(plot_box)
    assert readout.height() >= readout.heightForWidth(readout.width())
    bar = landscape.scroll.verticalScrollBar()
    port = landscape.scroll.viewport()
    if size == (1280, 720):
        assert landscape.beside and bar.maximum() == 0 and shown_in(readout, port)
        return
    if not shown_in(readout, port):  # the page is higher than its tab
        assert bar.maximum() > 0
        scroll_down(bar)  # the wheel over the scroll bar: the readout comes into view
        qtbot.waitUntil(lambda: shown_in(readout, port), timeout=3000)


def map_share(region) -> float:
    """The share of the region plot's ViewBox that the map (the session's input rectangle) fills."""
    x0, x1, y0, y1 = region.session.rect
    shown = region.vb.viewRect()
    return (x1 - x0) * (y1 - y0) / (shown.width() * shown.height())


@pytest.mark.parametrize("size", [(1366, 768), (1024, 768)])
def test_the_decision_map_fills_its_plot_and_stays_round(qtbot, monkeypatch, size):
    """Steps 20 and 21: the region view, wide and low above the loss curves, drew its square map (one
    scale on both axes) on about a seventh of the plot, axes running to ±20 around data in ±6."""
    w = present_lesson(qtbot, monkeypatch, *size)
    region = w.live.region
    for step in (20, 21):
        go_to(qtbot, w, step)
        assert region in w.presentation.stage.views() and region.isVisible()
        qtbot.waitUntil(lambda: map_share(region) > 0.9, timeout=5000)
        size_px = region.vb.size()
        shown = region.vb.viewRect()
        across, up = size_px.width() / shown.width(), size_px.height() / shown.height()
        assert across == pytest.approx(up, rel=0.05)  # one unit as long on both axes: a circle stays round
        assert size_px.height() >= 0.5 * region.plot.height()  # the plot's room is its map's, not the margins'


def covered_nodes(w, dialog) -> list[str]:
    """The canvas's neurons and inputs (their shown parts) the restarts window lies over."""
    view, port = w.view, w.view.viewport()
    shown = QRect(port.mapToGlobal(QPoint(0, 0)), port.size())
    frame = dialog.frameGeometry()
    covered = []
    for node, item in w.scene.node_items.items():
        box = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
        rect = QRect(port.mapToGlobal(box.topLeft()), box.size()).intersected(shown)
        if not rect.isEmpty() and rect.intersects(frame):
            covered.append(node)
    return covered


def test_the_restarts_window_opens_clear_of_the_neurons(qtbot, monkeypatch):
    """Step 19 on a 1366×768 screen (the window as the app fits it, 1229×691): the restarts window at the
    lower left, 520 px wide over a 300 px Lesson dock, covered x₂ and h₂."""
    from designer.lessons import load_lesson
    from designer.ui.lesson import arrange
    from tests.ui.live_gui import sized_window
    from tests.ui.test_landscape_view import small_net

    screen = QSize(1366, 768)
    monkeypatch.setattr(arrange, "room", lambda window: window.size().boundedTo(screen))
    w = sized_window(qtbot, small_net(), (1229, 691))
    assert w.lessons.open(load_lesson("neural-networks"), 18)  # step 19, "Restarts"
    qtbot.waitUntil(lambda: w.live.restarts_dialog is not None and w.live.restarts_dialog.isVisible(), timeout=5000)
    dialog = w.live.restarts_dialog
    qtbot.waitUntil(lambda: w.view.fitted and covered_nodes(w, dialog) == [], timeout=5000)
    area = QRect(w.mapToGlobal(QPoint(0, 0)), w.size())
    assert area.contains(dialog.frameGeometry())  # over the window, not beside it
    assert dialog.plot.height() >= 100  # shortened to clear them, its plot still readable
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # Fit to Window: the network moves
    qtbot.waitUntil(lambda: covered_nodes(w, dialog) == [], timeout=5000)


def nodes_under_the_caption(w) -> list[str]:
    """The neurons and inputs on the canvas the shown caption lies over."""
    stage, view = w.presentation.stage, w.view
    caption = stage.caption
    if not caption.isVisible():
        return []
    at = view.viewport().mapTo(stage, QPoint(0, 0))
    return [
        node
        for node, item in w.scene.node_items.items()
        if view.mapFromScene(item.sceneBoundingRect()).boundingRect().translated(at).intersects(caption.geometry())
    ]


#: a caption over a neuron went after CORNER_MS: the network must be whole and uncovered well before that
SOONER = CORNER_MS // 2


def whole_and_uncovered(w) -> bool:
    return nodes_outside_the_canvas(w) == [] and nodes_under_the_caption(w) == []


@pytest.mark.parametrize("size", [(1024, 768), (1280, 720), (1366, 768)])
def test_captions_leave_the_neurons_free_and_the_network_whole(qtbot, monkeypatch, size):
    """Steps 16 and 17: the exercise's caption went over y (no free place beside the backward walk's
    legend), and at 1024×768 the legend's band left x₂ and h₂ under the canvas's edge."""
    w = present_lesson(qtbot, monkeypatch, *size)
    caption = w.presentation.stage.caption
    for step in (16, 17):
        go_to(qtbot, w, step)
        qtbot.waitUntil(lambda: whole_and_uncovered(w), timeout=SOONER)
        if step == 17:
            assert w.live.backward.active and w.live.gradients.legend.isVisible()
        w.view.setFocus()
        for key in (Qt.Key.Key_Question, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp, Qt.Key.Key_Question):
            qtbot.keyClick(w.view, key)  # the keys' help, the walk's levels: captions of their own
            qtbot.waitUntil(lambda: whole_and_uncovered(w), timeout=SOONER)
        assert caption.isVisible() and caption.text().startswith("Space trains")  # (the keys' help shows)
