"""The canvas without a mouse: Enter places a node while an Add tool is on, Tab walks the nodes.

With Add Input or Add Neuron on, Enter puts the node where a click would most likely have put it:
an input below the input column, a neuron below the last one of the rightmost column (the first
one right of the inputs); the placement then finds a free spot, as for a click. Add Layer (Ctrl+L)
adds a whole column from the keyboard. In Select mode Tab and Shift+Tab select the
next and previous node, inputs first, then neurons column by column, top to bottom, and scroll it
into view; past the last node Tab leaves the canvas for the docks, as usual. Enter or F2 then
edits the selected node (:func:`edit_selected`) and the Menu key opens its menu.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeyEvent

from designer.model.layout import COLUMN_SPACING
from designer.ui.canvas.modes import SELECT

ROW_SPACING = 120.0  # below the lowest input, as the templates space them


def keyboard_spot(view, kind: str) -> QPointF:
    """Where Enter places a ``kind`` ("input"/"neuron") node, in scene coordinates: an input below the
    input column; a neuron below the lowest neuron of the rightmost column, or in the column right of
    the inputs when there is none yet; on an empty canvas, the middle of what it shows."""
    scene = view.scene()
    net = scene.network
    sources = [*net.inputs.values(), *net.features.values()]
    if kind == "input" and sources:
        x = min(node.position[0] for node in sources)
        return scene.to_scene((x, max(node.position[1] for node in sources) + ROW_SPACING))
    if kind == "neuron" and net.neurons:
        x = max(node.position[0] for node in net.neurons.values())
        column = [n for n in net.neurons.values() if abs(n.position[0] - x) < COLUMN_SPACING / 2]
        return scene.to_scene((x, max(n.position[1] for n in column) + ROW_SPACING))
    if kind == "neuron" and sources:
        x = max(node.position[0] for node in sources) + COLUMN_SPACING
        return scene.to_scene((x, min(node.position[1] for node in sources)))
    return view.visible_scene_rect().center()


def tab_order(network) -> list[str]:
    """The nodes in the order Tab visits them: the input column (inputs, features), then neurons by
    column (x rounded to the column spacing) and top to bottom."""
    sources = sorted((*network.inputs.values(), *network.features.values()), key=lambda n: n.position[1])
    neurons = sorted(
        network.neurons.values(), key=lambda n: (round(n.position[0] / COLUMN_SPACING), n.position[1], n.id)
    )
    return [n.id for n in sources] + [n.id for n in neurons]


def next_node(network, selected: list[str], forward: bool) -> str | None:
    """The node Tab (``forward``) or Shift+Tab selects after ``selected``; None past either end."""
    order = tab_order(network)
    if not order:
        return None
    if len(selected) != 1 or selected[0] not in order:
        return order[0] if forward else order[-1]
    i = order.index(selected[0]) + (1 if forward else -1)
    return order[i] if 0 <= i < len(order) else None


def menu_for_selection(view) -> bool:
    """The Menu key (Shift+F10): the selection's menu at the selection (the view's middle gave the
    empty canvas's "Add input here"): a node's (of several: the first's, acting on all of them),
    else a connection's at its middle. False when nothing is selected."""
    scene = view.scene()
    selected = scene.selected_node_ids()
    if selected:
        item = scene.node_items[selected[0]]
        view.context_requested.emit(item.scenePos(), item)
        return True
    if len(scene.selected_connections) == 1:
        (key,) = scene.selected_connections
        view.context_requested.emit(scene.connections.midpoint(key), key)
        return True
    return False


def edit_selected(view) -> bool:
    """Enter or F2 on the one selected node or connection edits it, as a double-click does (a bias,
    a weight, a label, a formula): with Tab to select, the keyboard reaches every value."""
    if view.mode != SELECT:
        return False
    scene = view.scene()
    selected = scene.selected_node_ids()
    connections = scene.selected_connections
    if len(selected) == 1 and not connections:
        view.edit_node(selected[0])
        return True
    if len(connections) == 1 and not selected:
        view.edit_connection(next(iter(connections)))
        return True
    return False


def tab_selects(view, event: QKeyEvent) -> bool:
    """Tab / Shift+Tab select the next / previous node; past the last, False (the focus moves on)."""
    plain = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier == Qt.KeyboardModifier.NoModifier
    if event.key() not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) or not plain or view.mode != SELECT:
        return False
    forward = event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
    scene = view.scene()
    node = next_node(scene.network, scene.selected_node_ids(), forward)
    if node is None:
        scene.clear_all_selection()
        return False  # past the end: Qt moves the focus on
    scene.select_nodes([node])
    view.ensureVisible(scene.node_items[node].sceneBoundingRect(), 40, 40)
    return True
