"""The canvas's right-click menu: what can be done with the node, the line or the empty spot under the mouse.

A node's menu (also the Menu key's, on the node Tab selected) connects it without a drag: "Connect to",
"Connect from" and "Disconnect" (:mod:`designer.ui.connection_menus`). Each entry is one undoable
command, reported in the status bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QMenu

from designer.model import ACTIVATIONS
from designer.ui.canvas.glyphs import activation_icon
from designer.ui.canvas.nodes import NodeItem
from designer.ui.connection_menus import add_connection_menus

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
        add_connection_menus(window, menu, target.node_id)
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


def connect_menu(window: MainWindow, target: NodeItem) -> QMenu:
    """Enter on a node with the Connect tool on: only its Connect to / Connect from / Disconnect entries."""
    menu = QMenu(window)
    add_connection_menus(window, menu, target.node_id)
    return menu


#: an activation's menu entry, with a letter of its own to press (sigmoid and step share the s)
ACTIVATION_ENTRIES = {"linear": "&linear", "sigmoid": "s&igmoid", "step": "&step", "relu": "&relu", "tanh": "&tanh"}


def activation_entry(name: str) -> str:
    """``name``'s entry in an Activation menu: pressing its underlined letter chooses it."""
    return ACTIVATION_ENTRIES.get(name, name)
