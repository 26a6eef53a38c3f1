"""A neuron added from the canvas's right-click menu near its top edge is shown whole, its map too: the
view scrolled the node into sight but left the small picture above it cut off at the canvas's edge
(Tab and the arrow keys scroll to the node with its map as well)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from designer.model import load
from tests.conftest import EXAMPLES
from tests.ui.live_gui import sized_window
from tests.ui.menus import choose_from_menu_bar, click_entry


def _on_screen(view, rect) -> QRect:
    return view.mapFromScene(rect).boundingRect()


def test_a_neuron_added_at_the_top_edge_shows_its_map_whole(qtbot):
    w = sized_window(qtbot, load(EXAMPLES / "xor-step.json"), (1280, 720))
    view, scene = w.view, w.scene
    qtbot.waitUntil(lambda: len(w.live.maps.map_rects()) == 5)
    choose_from_menu_bar(qtbot, w, "View", "Zoom In")  # no longer fitted: adding scrolls, not fits again
    assert not view.fitted
    column = view.mapFromScene(scene.node_items["h1"].pos()).x()
    spot = QPoint(column, 8)  # the empty canvas just below its top edge, above the hidden column
    viewport = view.viewport()
    right_click = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, spot, viewport.mapToGlobal(spot))
    QApplication.sendEvent(viewport, right_click)
    menu = w._last_menu
    click_entry(qtbot, click_entry(qtbot, menu, "Add neuron here"), "sigmoid")
    (added,) = set(w.document.network.neurons) - {"h1", "h2", "y"}
    qtbot.waitUntil(lambda: added in w.live.maps.ids and len(w.live.maps.map_rects()) == 6)
    shown = dict(zip(w.live.maps.ids, w.live.maps.map_rects(), strict=True))
    qtbot.waitUntil(lambda: viewport.rect().contains(_on_screen(view, shown[added])), timeout=2000)
    assert viewport.rect().contains(_on_screen(view, scene.node_items[added].sceneBoundingRect()))
