"""A node's "Connect to", "Connect from" and "Disconnect" submenus in the canvas's right-click menu.

They list what :func:`connection_refusal`, the Connect drag's check, allows (no input as target, no
cycle, no duplicate) and the node's own links, one entry each, while there are at most
:data:`MENU_ENTRIES`. A node of a big network has hundreds (848 links for a hidden neuron of a 784-128
net): one entry each made a menu taller and wider than the screen. Then a submenu holds the common
choices instead (all incoming, all outgoing, all of one column) and "Choose…", a dialog with a filter
(:class:`LinkChooser`). Each entry, and each dialog's OK, is one undoable command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from designer.formatting import isolated
from designer.model import AddConnection, AddConnections, Connection, RemoveConnection, RemoveConnections
from designer.model.graph import connectable, levels
from designer.model.jsonread import one_line
from designer.model.layout import COLUMN_SPACING
from designer.ui.canvas.keyboard import tab_order
from designer.ui.link_chooser import LinkChooser
from designer.ui.menu_letters import letter_entries

if TYPE_CHECKING:
    from designer.ui.mainwindow import MainWindow

#: the most entries a submenu lists one by one; past it, the common choices and "Choose…"
MENU_ENTRIES = 12
#: characters of a label or id in a menu entry, the chooser's title and prompt, and the status bar: two
#: in an entry ("All 20: first … last") stay within a 800 px screen, even of the widest letters
NAME_LIMIT = 32


def add_connection_menus(window: MainWindow, menu: QMenu, node_id: str) -> None:
    """ "Connect to", "Connect from" and "Disconnect" for ``node_id``; an empty one is shown disabled."""
    net = window.document.network
    order = tab_order(net)  # the canvas's order: inputs, then neurons column by column
    may_feed, may_be_fed_by = (set(nodes) for nodes in connectable(net, node_id))
    targets = [n for n in order if n in may_feed]
    sources = [n for n in order if n in may_be_fed_by]
    to_menu = menu.addMenu("Connect &to")
    _fill_connect(window, to_menu, node_id, targets, outward=True)
    from_menu = menu.addMenu("Connect &from")
    _fill_connect(window, from_menu, node_id, sources, outward=False)
    off_menu = menu.addMenu("Di&sconnect")
    _fill_disconnect(window, off_menu, node_id)
    for sub in (to_menu, from_menu, off_menu):
        sub.setEnabled(not sub.isEmpty())
        letter_entries(sub)  # the nodes' entries had none: Shift+F10, F, then only the arrow keys


# ------------------------------------------------------------------ connect
def _fill_connect(window: MainWindow, sub: QMenu, node_id: str, others: list[str], outward: bool) -> None:
    """One entry per node of ``others`` (the targets when ``outward``, else the sources), or, past
    :data:`MENU_ENTRIES`, one per column ("All 784 inputs (layer 1): x₁ … x₇₈₄", a column of one as its
    node) and "Choose…"."""
    net = window.document.network

    def pair(other: str) -> tuple[str, str]:
        return (node_id, other) if outward else (other, node_id)

    if len(others) <= MENU_ENTRIES:
        for other in others:
            sub.addAction(_menu_text(net, other), lambda o=other: connect(window, *pair(o)))
        return
    columns = _columns(net, others)
    if len(columns) <= MENU_ENTRIES:
        names = column_names(net, columns)
        for column, name in zip(columns, names, strict=True):
            if len(column) == 1:
                sub.addAction(_menu_text(net, column[0]), lambda o=column[0]: connect(window, *pair(o)))
                continue
            text = f"All {name}: {_menu_text(net, column[0])} … {_menu_text(net, column[-1])}"
            sub.addAction(text, lambda c=column: connect_many(window, [pair(o) for o in c]))
        sub.addSeparator()
    way, name = "to" if outward else "from", _name(node_id)
    sub.addAction(
        f"&Choose from {len(others)} nodes…",
        lambda: _choose(
            window,
            f"Connect {way} {name}",
            f"Connect {name} {way} the nodes you choose (weight 1); type part of a name to filter.",
            [(_node_text(net, o, whole=True), pair(o)) for o in others],
            "Connect",
            lambda keys: connect_many(window, keys),
        ),
    )


def _columns(net, ids: list[str]) -> list[list[str]]:
    """``ids`` (in the canvas's order) grouped by the canvas column they stand in, left to right."""
    groups: dict[object, list[str]] = {}
    for node_id in ids:
        groups.setdefault(_column_key(net, node_id), []).append(node_id)
    return list(groups.values())


def _column_key(net, node_id: str) -> object:
    """Which canvas column a node stands in: the input column, or its x in column spacings."""
    return "sources" if net.is_source(node_id) else round(net.node(node_id).position[0] / COLUMN_SPACING)


def column_names(net, columns: list[list[str]]) -> list[str]:
    """What each column's entry calls it: how many of what, and its layer as the Math view numbers
    layers (the lecture's: the inputs are layer 1), "784 inputs (layer 1)", "128 hidden neurons
    (layer 2)", "10 output neurons (layer 4)". Two columns that would read alike (a new neuron's column
    beside a layer) also say which canvas column they are, counted from the left."""
    depth = levels(net)
    parts = [_column_parts(net, column, depth) for column in columns]
    plain = [f"{what} ({where})" for what, where in parts]
    if len(set(plain)) == len(plain):
        return plain
    number = {key: k for k, key in enumerate(dict.fromkeys(_column_key(net, n) for n in tab_order(net)), start=1)}
    return [
        text if plain.count(text) == 1 else f"{what} ({where}, column {number[_column_key(net, column[0])]})"
        for text, (what, where), column in zip(plain, parts, columns, strict=True)
    ]


def _column_parts(net, column: list[str], depth: dict[str, int]) -> tuple[str, str]:
    """("784 inputs", "layer 1"): what the nodes of ``column`` are, and their layer or layers."""
    count = len(column)
    if net.is_source(column[0]):
        features = sum(node_id in net.features for node_id in column)
        what = "inputs" if not features else "features" if features == count else "inputs and features"
    else:
        outputs = sum(node_id in net.outputs for node_id in column)
        what = "hidden neurons" if not outputs else "output neurons" if outputs == count else "neurons"
    layers = sorted({depth.get(node_id, 0) + 1 for node_id in column})
    where = f"layer {layers[0]}" if len(layers) == 1 else f"layers {layers[0]}–{layers[-1]}"
    return f"{count} {what}", where


def connect(window: MainWindow, source: str, target: str) -> None:
    """Connect ``source`` → ``target`` with weight 1, as the Connect drag does: one undo step (a refusal,
    were the network to change under the open menu, is reported by the document)."""
    if window.document.push(AddConnection(Connection(source, target, 1.0))):
        shown = f"{_name(source)} → {_name(target)}"
        window.report(f"Connected {shown} with weight 1 (Tab on the canvas selects it; Enter edits it).")


def connect_many(window: MainWindow, keys: list[tuple[str, str]]) -> None:
    """Connect each pair of ``keys`` with weight 1: one undo step for them all."""
    if len(keys) == 1:
        connect(window, *keys[0])
        return
    links = [Connection(source, target, 1.0) for source, target in keys]
    if window.document.push(AddConnections(links, text=f"connect {len(keys)} links")):  # one event for all
        window.report(f"Connected {len(keys)} links with weight 1 (Ctrl+Z takes them away).")


# --------------------------------------------------------------- disconnect
def _fill_disconnect(window: MainWindow, sub: QMenu, node_id: str) -> None:
    """One entry per link of ``node_id``, or, past :data:`MENU_ENTRIES`, "All incoming (784)", "All
    outgoing (64)" and "Choose…"."""
    net = window.document.network
    links = net.attached(node_id)
    if len(links) <= MENU_ENTRIES:
        for c in links:
            sub.addAction(_link_text(net, c.key).replace("&", "&&"), lambda key=c.key: disconnect(window, key))
        return
    incoming = [c.key for c in links if c.target == node_id]
    outgoing = [c.key for c in links if c.source == node_id]
    for text, keys in (("All &incoming", incoming), ("All &outgoing", outgoing)):
        if keys:
            sub.addAction(f"{text} ({len(keys)})", lambda k=keys: disconnect_many(window, k))
    sub.addSeparator()
    name = _name(node_id)
    sub.addAction(
        f"&Choose from {len(links)} links…",
        lambda: _choose(
            window,
            f"Disconnect {name}",
            f"Remove the links of {name} you choose; type part of a name to filter.",
            [(_link_text(net, c.key, whole=True), c.key) for c in links],
            "Disconnect",
            lambda keys: disconnect_many(window, keys),
        ),
    )


def disconnect(window: MainWindow, key: tuple[str, str]) -> None:
    """Remove the connection ``key``: one undo step."""
    if key in window.document.network.connections and window.document.push(RemoveConnection(key)):
        window.report(f"Disconnected {_name(key[0])} → {_name(key[1])} (Ctrl+Z brings it back).")


def disconnect_many(window: MainWindow, keys: list[tuple[str, str]]) -> None:
    """Remove the connections ``keys`` (those still there): one undo step for them all."""
    keys = [key for key in keys if key in window.document.network.connections]
    if len(keys) == 1:
        disconnect(window, keys[0])
    if len(keys) <= 1:
        return
    if window.document.push(RemoveConnections(keys, text=f"disconnect {len(keys)} links")):
        window.report(f"Disconnected {len(keys)} links (Ctrl+Z brings them back).")


# ------------------------------------------------------------------- shared
def _choose(window: MainWindow, title: str, prompt: str, entries, accept_text: str, done) -> None:
    """Open the chooser (window-modal, not blocking: the event loop goes on); ``done`` gets the choice."""
    LinkChooser(window, title, prompt, entries, accept_text, done).open()


def _name(text: str, whole: bool = False) -> str:
    """A label or id from the file as the app's text shows it: one line (a TAB put the rest into a menu's
    shortcut column), isolated (an override reversed the words after it) and, unless ``whole``, at most
    NAME_LIMIT characters, cut in the middle (``layer_1_neuron_12`` and ``…_13`` stay apart): a
    10,000-character id made the chooser 118,515 px wide, its buttons off the screen, and a long label
    a menu entry as wide."""
    shown = one_line(text, 10 * len(text) + 1)
    if not whole and len(shown) > NAME_LIMIT:
        head = NAME_LIMIT // 2
        shown = f"{shown[:head]}…{shown[len(shown) - (NAME_LIMIT - head - 1) :]}"
    return isolated(shown)


def _node_text(net, node_id: str, whole: bool = False) -> str:
    """A node as a menu or list names it: its label (the id beside a label that differs), through
    :func:`_name` (``whole``: the chooser's list, whose filter finds any part of a long name)."""
    label = net.node(node_id).display_label
    shown = _name(label, whole)
    return shown if label == node_id else f"{shown} ({_name(node_id, whole)})"


def _menu_text(net, node_id: str) -> str:
    """:func:`_node_text` as a menu entry: "&" kept as text, not a letter to press."""
    return _node_text(net, node_id).replace("&", "&&")


def _link_text(net, key: tuple[str, str], whole: bool = False) -> str:
    return f"{_node_text(net, key[0], whole)} → {_node_text(net, key[1], whole)}"
