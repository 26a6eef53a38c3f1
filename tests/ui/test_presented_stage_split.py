"""How the lesson's stage splits the screen between the canvas and the decision regions, found by a
lecturer: in step 2, D's backward walk took a band under the canvas and left the network a strip (at
1280×720 the zoom fell to its floor, 0.1: the neurons were dots); at 1024×768 step 1's decision map
was 94 px high while the Math panel under the stage kept 230 px."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt

from designer.ui.presentation.config import text_px
from designer.ui.presentation.room import needed_height
from tests.ui.test_presentation_lesson_room import go_to, nodes_outside_the_canvas, present_lesson

K = Qt.Key
SIZES = [(1920, 1080), (1280, 720), (1024, 768)]


def neuron_heights(w) -> list[int]:
    """Each neuron's circle on screen, in pixels."""
    view = w.view
    return [
        view.mapFromScene(item.sceneBoundingRect()).boundingRect().height()
        for node, item in w.scene.node_items.items()
        if node in w.document.network.neurons
    ]


def nodes_on_screen(w) -> QRect:
    view = w.view
    rects = [view.mapFromScene(item.sceneBoundingRect()).boundingRect() for item in w.scene.node_items.values()]
    box = rects[0]
    for rect in rects[1:]:
        box = box.united(rect)
    return box


def legend_over_nodes(w) -> bool:
    legend = w.live.gradients.legend
    port = w.view.viewport()
    box = QRect(legend.mapTo(port, QPoint(0, 0)), legend.size())
    return any(
        box.intersects(w.view.mapFromScene(item.sceneBoundingRect()).boundingRect())
        for item in w.scene.node_items.values()
    )


def settled(w) -> bool:
    p = w.presentation
    return p.fitter.settled() and w.view.fitted


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_step_2s_network_stays_readable_beside_the_backward_walks_legend(qtbot, monkeypatch, size):
    w = present_lesson(qtbot, monkeypatch, *size)
    go_to(qtbot, w, 2)
    w.view.setFocus()
    qtbot.keyClick(w.view, K.Key_D)  # the backward walk, its legend on the canvas
    legend = w.live.gradients.legend
    qtbot.waitUntil(lambda: legend.isVisible() and settled(w), timeout=5000)
    floor = text_px(w.presentation.scale)

    def readable() -> bool:
        return (
            w.view.width() >= 0.6 * w.width()  # the square map beside the canvas needs far less than half
            and min(neuron_heights(w)) >= 1.5 * floor  # neurons to read from the back (at 1280×720: dots)
            and nodes_outside_the_canvas(w) == []
            and not legend_over_nodes(w)
            and nodes_on_screen(w).height() >= 0.4 * w.view.height()  # not a strip under the legend's band
        )

    qtbot.waitUntil(lambda: settled(w) and readable(), timeout=10_000)  # (the stage settles in steps)
    assert w.view.width() >= 0.6 * w.width()
    assert min(neuron_heights(w)) >= 1.5 * floor
    assert nodes_outside_the_canvas(w) == [] and not legend_over_nodes(w)
    assert nodes_on_screen(w).height() >= 0.4 * w.view.height()


@pytest.mark.parametrize("size", SIZES)
def test_step_1s_decision_map_and_network_are_usable_at_every_projector_size(qtbot, monkeypatch, size):
    w = present_lesson(qtbot, monkeypatch, *size)
    go_to(qtbot, w, 1)
    region = w.live.region
    floor = text_px(w.presentation.scale)
    assert region in w.presentation.stage.views()
    assert region.plot.minimumHeight() >= 7 * floor  # while presenting, the map has a floor the panels give way to
    qtbot.waitUntil(lambda: settled(w) and region.vb.height() >= 4.5 * floor, timeout=5000)  # (94 px at 1024×768)
    assert region.vb.width() >= 4.5 * floor  # a map drawn to scale: as wide as high
    assert region.height() >= needed_height(region, region.width())  # nothing in it squeezed
    assert min(neuron_heights(w)) >= floor and nodes_outside_the_canvas(w) == []
    # the split follows the screen: the region view no wider than its map, axes and legend need
    assert w.view.width() >= 0.55 * w.width()
    if size != (1024, 768):  # (there the map's floor takes the panel to its minimum: its second line is cut)
        # the Math panel under the stage keeps its first two lines whole (the neuron's formula)
        text = w.exports.math_dock.text
        assert text.viewport().height() >= 2 * text.fontMetrics().lineSpacing()


def test_the_region_plot_gets_its_own_minimum_back_on_leaving(qtbot, monkeypatch):
    w = present_lesson(qtbot, monkeypatch, 1024, 768)
    plot = w.live.region.plot
    assert plot.minimumHeight() > 150
    qtbot.keyClick(w.view, K.Key_F5)
    assert not w.presentation.active
    assert (plot.minimumWidth(), plot.minimumHeight()) == (200, 150)
