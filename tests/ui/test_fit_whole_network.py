"""Fit to Window shows every node, and nodes an edit adds come into sight (a 1280×720 laptop).

The fit stopped at a readable zoom floor (0.6): a column of eight neurons (the sin exercise) kept
h1, h2, h7 and h8 cut after Fit; a feature added below x₂ appeared under the canvas's edge.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from designer.model import InputNode, Network
from tests.ui.live_gui import mlp, sized_window


def _cut(window) -> list[str]:
    view = window.view
    shown = view.visible_scene_rect()
    return [n for n, item in window.scene.node_items.items() if not shown.contains(item.sceneBoundingRect())]


def _toolbar_button(window, key: str) -> QToolButton:
    return next(
        b for b in window.findChildren(QToolButton) if b.defaultAction() is window.actions[key] and b.isVisible()
    )


def test_fit_to_window_shows_a_column_of_eight_neurons(qtbot):
    w = sized_window(qtbot, mlp([1, 8, 1], hidden="relu", output="linear"), (1280, 720))
    w.view.zoom(2.0)  # the student had zoomed in
    qtbot.mouseClick(_toolbar_button(w, "zoom_fit"), Qt.MouseButton.LeftButton)
    assert _cut(w) == []


def test_a_feature_added_below_the_inputs_comes_into_sight(qtbot):
    net = Network(name="two inputs")
    for i in (1, 2):
        net.inputs[f"x{i}"] = InputNode(f"x{i}", position=(0.0, 120.0 * i))
    w = sized_window(qtbot, net, (1280, 720))
    w.view.zoom(2.5)  # x₁ and x₂ fill the canvas; the features go below them
    w.view.centerOn(w.scene.node_items["x1"])
    for expression in ("x1^2", "x2^2", "x1*x2"):  # one at a time, as from the Add Input menu
        before = set(w.document.network.features)
        assert w.features.toggle(expression)
        (added,) = set(w.document.network.features) - before
        qtbot.waitUntil(lambda added=added: added not in _cut(w), timeout=2000)


def test_a_network_too_tall_for_any_zoom_opens_at_its_top(qtbot):
    """200 inputs are 24,000 canvas units tall: even the lowest zoom shows a quarter of them. Fit to
    Window centred on the middle of the input column (x₅₀…x₁₅₀ and lines, no neuron); it now shows the
    top, where each column starts, and says the network is cut."""
    w = sized_window(qtbot, mlp([200, 16, 4]), (1280, 720))
    qtbot.mouseClick(_toolbar_button(w, "zoom_fit"), Qt.MouseButton.LeftButton)
    shown = w.view.visible_scene_rect()
    assert all(shown.contains(w.scene.node_items[n].sceneBoundingRect()) for n in ("x1", "h1_1", "y1"))
    assert "x200" in _cut(w) and w.view.cut_off
