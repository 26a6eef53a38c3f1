"""The canvas without a mouse: Enter places a node while an Add tool is on, Tab walks the nodes.

With Add Input or Add Neuron on, Enter puts the node where a click would most likely have put it:
an input below the input column, a neuron below the last one of the rightmost column (the first
one right of the inputs); the placement then finds a free spot, as for a click. Add Layer (Ctrl+L)
adds a whole column from the keyboard. In Select mode Tab and Shift+Tab select the
next and previous node, inputs first, then neurons column by column, top to bottom, each neuron
followed by its incoming connections (the rows of the Inspector's weight table), and scroll it into
view; past the last one Tab leaves the canvas for the docks, as usual (the selection goes).
Ctrl+Tab / Ctrl+Shift+Tab leave the canvas at once and keep the selection, Qt's convention for a
widget that uses Tab itself: the Inspector is reached for what Tab picked. Enter or F2 then edits
the selected node or connection (:func:`edit_selected`), the Menu key opens its menu, and the arrow
keys move the selected nodes (``arrow_moves.py``). With the Connect tool on, Tab walks the same way
and Enter on a node opens its Connect to / Connect from / Disconnect menu (:func:`connect_by_key`):
the tool's only way was a drag, and Tab left the canvas.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent

from designer.formatting import format_weight
from designer.model.layout import COLUMN_SPACING
from designer.ui.canvas.modes import CONNECT, SELECT
from designer.ui.safetext import label_in_text

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


Stop = str | tuple[str, str]  # a node id or a connection key


def tab_stops(network) -> list[Stop]:
    """What Tab visits: the nodes in :func:`tab_order`, each neuron followed by its incoming
    connections in the model's order (every connection once, beside the neuron it feeds)."""
    incoming: dict[str, list[tuple[str, str]]] = {}
    for key in network.connections:
        incoming.setdefault(key[1], []).append(key)
    stops: list[Stop] = []
    for node_id in tab_order(network):
        stops.append(node_id)
        stops.extend(incoming.get(node_id, ()))
    return stops


def next_stop(network, current: Stop | None, forward: bool) -> Stop | None:
    """The node or connection Tab (``forward``) or Shift+Tab selects after ``current`` (None: nothing
    or several selected, the walk starts at an end); None past either end."""
    stops = tab_stops(network)
    if not stops:
        return None
    if current is None or current not in stops:
        return stops[0] if forward else stops[-1]
    i = stops.index(current) + (1 if forward else -1)
    return stops[i] if 0 <= i < len(stops) else None


def current_stop(scene) -> Stop | None:
    """The one selected node or connection, None for nothing or several."""
    nodes, connections = scene.selected_node_ids(), scene.selected_connections
    if len(nodes) == 1 and not connections:
        return nodes[0]
    if len(connections) == 1 and not nodes:
        return next(iter(connections))
    return None


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


def menu_by_key(view, event: QKeyEvent) -> bool:
    """Shift+F10, the keyboard's other way to a context menu, opens the menu the Menu key does: Qt on
    Linux turns only the Menu key into a context-menu event (Windows turns both; there it is left be)."""
    shift_only = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.ShiftModifier
    if event.key() != Qt.Key.Key_F10 or not shift_only or sys.platform == "win32":
        return False
    middle = view.viewport().rect().center()
    view.contextMenuEvent(
        QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, middle, view.viewport().mapToGlobal(middle))
    )
    return True


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


def _tab_direction(event: QKeyEvent) -> tuple[bool, bool] | None:
    """(forward, ctrl) for Tab, Shift+Tab and their Ctrl forms; None for any other key."""
    if event.key() not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        return None
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if mods & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier):
        return None  # Alt+Tab, Meta+Tab: not the canvas's
    forward = event.key() == Qt.Key.Key_Tab and not mods & Qt.KeyboardModifier.ShiftModifier
    return forward, bool(mods & Qt.KeyboardModifier.ControlModifier)


def tab_selects(view, event: QKeyEvent) -> bool:
    """Tab / Shift+Tab select the next / previous node or connection; past the last, False (the
    selection goes, the focus moves on). Ctrl+Tab / Ctrl+Shift+Tab move the focus on at once and
    keep the selection (True: handled)."""
    direction = _tab_direction(event)
    if direction is None:
        return False
    forward, ctrl = direction
    if ctrl:
        view.scene().flush_selection()  # the Inspector shows the selection first: its fields take the focus
        view.focusNextPrevChild(forward)
        return True
    if view.mode not in (SELECT, CONNECT):
        return False
    scene = view.scene()
    stop = next_stop(scene.network, current_stop(scene), forward)
    if stop is None:
        scene.clear_all_selection()
        # the Inspector drops the node's page before Qt moves the focus on: dropped after, with the
        # focus on its Label field, Qt put the focus on its "Select a neuron…" text (no focus mark)
        scene.flush_selection()
        describe_selection(view)
        return False  # past the end: Qt moves the focus on
    if isinstance(stop, tuple):
        scene.select_connection(stop)
        point = scene.connections.midpoint(stop)
        view.ensureVisible(point.x() - 1, point.y() - 1, 2, 2, 40, 40)
    else:
        scene.select_nodes([stop])
        view.show_whole(scene.node_extent(stop))
    describe_selection(view)  # at once: the selection's signal comes a moment later
    connecting = view.mode == CONNECT and not isinstance(stop, tuple)
    hint = connect_hint(scene.network, stop) if connecting else stop_hint(scene.network, stop)
    view.status.emit(hint)  # (after: a screen reader is not told it twice)
    return True


def connect_by_key(view, event: QKeyEvent) -> bool:
    """Enter on the one node selected while the Connect tool is on: its connection menu at the node."""
    if view.mode != CONNECT or event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return False
    scene = view.scene()
    selected = scene.selected_node_ids()
    if len(selected) != 1:
        return False
    item = scene.node_items[selected[0]]
    view.connect_menu_requested.emit(item.scenePos(), item)
    return True


def spoken_label(network, node_id: str) -> str:
    """A node's label as the hint and a screen reader say it (a 10,000-character label went whole
    into both, an unclosed U+202E reversed the words after it)."""
    return label_in_text(network.node(node_id).display_label)


def stop_hint(network, stop: Stop) -> str:
    """The status bar's line for what Tab selected: what it is and what the keys do with it."""
    leave = "Ctrl+Tab: on to the Inspector, keeping it selected."
    if isinstance(stop, tuple):
        weight = format_weight(network.connections[stop].weight)
        name = f"{spoken_label(network, stop[0])} → {spoken_label(network, stop[1])}"
        return f"Connection {name}, weight {weight}: Enter or F2 edits it, Delete removes it. {leave}"
    return (
        f"{spoken_label(network, stop)} selected: Enter or F2 edits it; the arrow keys move it (Shift: a "
        f"column or row); the Menu key (Shift+F10) connects, disconnects, sets its activation. {leave}"
    )


def connect_hint(network, node_id: str) -> str:
    """The status bar's line for a node Tab selected while the Connect tool is on."""
    return (
        f"{spoken_label(network, node_id)} selected: Enter lists the nodes to connect it to or from "
        "(Connect to, Connect from, Disconnect). Esc: back to Select."
    )


CANVAS_NAME = "Network canvas"
CANVAS_HELP = (
    "Tab and Shift+Tab select nodes and connections; Enter or F2 edits the selection; the arrow keys "
    "move selected nodes; the Menu key opens its menu; Ctrl+Tab leaves the canvas."
)


def describe_selection(view) -> None:
    """The canvas's accessible name and description say what is selected ("Network canvas: neuron
    OR selected"), so a screen reader tells what Tab picked (only the status bar said it); Qt sends
    the name- and description-changed events to assistive tools."""
    scene = view.scene()
    network = scene.network
    stop = current_stop(scene)

    count = len(scene.selected_node_ids()) + len(scene.selected_connections)
    if isinstance(stop, tuple) and stop in network.connections:
        source, target = (spoken_label(network, n) for n in stop)
        weight = format_weight(network.connections[stop].weight)
        name = f"{CANVAS_NAME}: connection {source} → {target}, weight {weight}, selected"
    elif isinstance(stop, str) and network.has_node(stop):
        kind = "input" if stop in network.inputs else "feature" if stop in network.features else "neuron"
        name = f"{CANVAS_NAME}: {kind} {spoken_label(network, stop)} selected"
    elif count:
        name = f"{CANVAS_NAME}: {count} items selected"
    else:
        name = CANVAS_NAME
    description = stop_hint(network, stop) if name != CANVAS_NAME and stop is not None else CANVAS_HELP
    if view.accessibleName() != name:
        view.setAccessibleName(name)
    if view.accessibleDescription() != description:
        view.setAccessibleDescription(description)
