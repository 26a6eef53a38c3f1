"""The arrow keys move the selected nodes: without a mouse, Arrange by Layers placed every node.

An arrow moves the selected nodes by one square of the canvas's grid; Shift+arrow by a column
(left, right) or a row (up, down) as Arrange by Layers and Add Layer space them, so a node on a
column lands on the next one. Keyboard moves do not snap to columns (a drag does, on release):
snapping would pull a one-square step straight back. The presses in a row that move the same nodes
are one undo step (``MoveNodes(by_keys=True)`` merges). With no node selected, or with Ctrl or Alt
held, the arrows are the view's again: they scroll.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from designer.model import MoveNodes
from designer.model.layout import COLUMN_SPACING, ROW_SPACING
from designer.model.parts import clamp_position
from designer.ui.canvas.keyboard import spoken_label
from designer.ui.canvas.scene import GRID

K = Qt.Key
#: arrow key → (direction x, direction y, the word the status bar says)
ARROWS = {
    K.Key_Left: (-1, 0, "left"),
    K.Key_Right: (1, 0, "right"),
    K.Key_Up: (0, -1, "up"),
    K.Key_Down: (0, 1, "down"),
}


def arrow_step(event: QKeyEvent) -> tuple[float, float, str] | None:
    """(dx, dy, direction) in model units for an arrow or Shift+arrow (a keypad arrow too); None for any
    other key or modifier (Ctrl/Alt+arrow stay the view's)."""
    arrow = ARROWS.get(Qt.Key(event.key()))
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if arrow is None or mods not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
        return None
    sx, sy, word = arrow
    if mods == Qt.KeyboardModifier.ShiftModifier:
        return sx * COLUMN_SPACING, sy * ROW_SPACING, word
    return sx * GRID, sy * GRID, word


def move_selection_by_key(view, event: QKeyEvent) -> bool:
    """An arrow with nodes selected moves them (one undo step per run of presses) and keeps them in
    view; False (the view scrolls) for other keys, with no node selected, or while a node is dragged."""
    step = arrow_step(event)
    scene = view.scene()
    selected = scene.selected_node_ids()
    if step is None or not selected or scene.mouseGrabberItem() is not None:
        return False
    dx, dy, word = step
    network = scene.network
    positions = {
        n: clamp_position((network.node(n).position[0] + dx, network.node(n).position[1] + dy)) for n in selected
    }
    if all(positions[n] == network.node(n).position for n in selected):
        return True  # at the edge of the allowed square: nothing to move, and no scroll either
    if not view.document.push(MoveNodes(positions, by_keys=True), merge=True):
        return True
    keep_in_view(view, selected)
    if not event.isAutoRepeat():  # said once per press, not 30 times a second while held
        view.status.emit(f"{moved_name(network, selected)} moved {word}; Ctrl+Z puts it back.")
    return True


def keep_in_view(view, node_ids: list[str]) -> None:
    """Scroll the moved nodes into view (whole, where the view has the room)."""
    scene = view.scene()
    view.show_whole(scene.nodes_extent(node_ids))


def moved_name(network, node_ids: list[str]) -> str:
    """What the status bar calls the moved nodes: one by its label, several by their count."""
    return spoken_label(network, node_ids[0]) if len(node_ids) == 1 else f"{len(node_ids)} nodes"
