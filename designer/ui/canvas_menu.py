"""The canvas's right-click menu: what can be done with the node, the line or the empty spot under the mouse.

A node's menu (also the Menu key's, on the node Tab selected) connects it without a drag: "Connect to"
lists the nodes it may feed and "Connect from" its possible sources (what :func:`connection_refusal`,
the Connect drag's check, allows: no input as target, no cycle, no duplicate); "Disconnect" lists its
connections. Each entry is one undoable command, reported in the status bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QMenu

from designer.formatting import isolated
from designer.model import ACTIVATIONS, AddConnection, Connection, RemoveConnection
from designer.model.graph import connectable
from designer.model.jsonread import one_line
from designer.ui.canvas.glyphs import activation_icon
from designer.ui.canvas.keyboard import tab_order
from designer.ui.canvas.nodes import NodeItem

if TYPE_CHECKING:
    from designer.ui.mainwindow import MainWindow


def canvas_menu(window: MainWindow, pos: QPointF, target: object) -> QMenu:
    """The menu for ``target`` (a node item, a connection key or None) at scene position ``pos``."""
    menu = QMenu(window)
    if isinstance(target, NodeItem):
        if not target.is_input:
            sub = menu.addMenu("&Activation")
            for name in ACTIVATIONS:
                act = sub.addAction(activation_icon(name), activation_entry(name))
                act.setCheckable(True)
                act.setChecked(window.scene.network.neurons[target.node_id].activation == name)
                act.triggered.connect(lambda checked=False, n=name: window.editing.set_activation(n))
            menu.addAction("Edit &bias…", lambda: window.view.edit_node(target.node_id))
            menu.addAction(window.actions["toggle_output"])
            if target.node_id in window.document.network.outputs:
                menu.addAction(window.softmax.action)
        else:
            text = "Edit fo&rmula…" if target.node_id in window.document.network.features else "Edit la&bel…"
            menu.addAction(text, lambda: window.view.edit_node(target.node_id))
        menu.addSeparator()
        _add_connection_menus(window, menu, target.node_id)
        menu.addSeparator()
        for key in ("copy", "duplicate", "delete"):
            menu.addAction(window.actions[key])
    elif isinstance(target, tuple):
        menu.addAction("Edit &weight…", lambda: window.view.edit_connection(target))
        menu.addAction(window.actions["delete"])
    else:
        menu.addAction("Add &input here", lambda: window.editing.add_input(pos))
        menu.addMenu(window.features.menu("Add &feature", menu))
        sub = menu.addMenu("Add &neuron here")
        for name in ACTIVATIONS:
            sub.addAction(
                activation_icon(name), activation_entry(name), lambda n=name: window.editing.add_neuron(pos, n)
            )
        menu.addAction(window.actions["add_layer"])
        menu.addSeparator()
        menu.addAction("&Paste here", lambda: window.editing.paste(at=pos))
        menu.addAction(window.actions["arrange"])
    return menu


#: an activation's menu entry, with a letter of its own to press (sigmoid and step share the s)
ACTIVATION_ENTRIES = {"linear": "&linear", "sigmoid": "s&igmoid", "step": "&step", "relu": "&relu", "tanh": "&tanh"}


def activation_entry(name: str) -> str:
    """``name``'s entry in an Activation menu: pressing its underlined letter chooses it."""
    return ACTIVATION_ENTRIES.get(name, name)


def _add_connection_menus(window: MainWindow, menu: QMenu, node_id: str) -> None:
    """ "Connect to", "Connect from" and "Disconnect" for ``node_id``; an empty one is shown disabled."""
    net = window.document.network
    order = tab_order(net)  # the canvas's order: inputs, then neurons column by column
    may_feed, may_be_fed_by = (set(nodes) for nodes in connectable(net, node_id))
    targets = [n for n in order if n in may_feed]
    sources = [n for n in order if n in may_be_fed_by]
    to_menu = menu.addMenu("Connect &to")
    for target in targets:
        to_menu.addAction(_menu_text(net, target), lambda t=target: connect(window, node_id, t))
    from_menu = menu.addMenu("Connect &from")
    for source in sources:
        from_menu.addAction(_menu_text(net, source), lambda s=source: connect(window, s, node_id))
    off_menu = menu.addMenu("Di&sconnect")
    for c in net.attached(node_id):
        text = f"{_menu_text(net, c.source)} → {_menu_text(net, c.target)}"
        off_menu.addAction(text, lambda key=c.key: disconnect(window, key))
    for sub in (to_menu, from_menu, off_menu):
        sub.setEnabled(not sub.isEmpty())


def _menu_text(net, node_id: str) -> str:
    """A node as a menu entry names it: its label (the id beside a label that differs), "&" kept as text;
    one line (a TAB put the rest into the shortcut column) and isolated (an override reversed the id)."""
    label = net.node(node_id).display_label
    shown = isolated(one_line(label, 10 * len(label) + 1))
    text = shown if label == node_id else f"{shown} ({node_id})"
    return text.replace("&", "&&")


def connect(window: MainWindow, source: str, target: str) -> None:
    """Connect ``source`` → ``target`` with weight 1, as the Connect drag does: one undo step (a refusal,
    were the network to change under the open menu, is reported by the document)."""
    if window.document.push(AddConnection(Connection(source, target, 1.0))):
        window.report(f"Connected {source} → {target} with weight 1 (Tab on the canvas selects it; Enter edits it).")


def disconnect(window: MainWindow, key: tuple[str, str]) -> None:
    """Remove the connection ``key``: one undo step."""
    if key in window.document.network.connections and window.document.push(RemoveConnection(key)):
        window.report(f"Disconnected {key[0]} → {key[1]} (Ctrl+Z brings it back).")
