"""A keyboard-only student places nodes: Tab selects a node, the arrow keys move it a grid square
(Shift: a column or a row), a run of presses is one undo step, and the moved node stays in view.
With nothing selected the arrows scroll the canvas as before.

Real key events on the focused canvas throughout (Ctrl+Z through the Edit menu's shortcut)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from designer.model import dumps
from designer.model.layout import COLUMN_SPACING, ROW_SPACING
from designer.ui.canvas.scene import GRID
from designer.ui.key_help import keys_text
from tests.ui.test_keyboard_access import on_canvas, press, tab_to

K = Qt.Key
SHIFT, CTRL = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier


def held(view, key) -> None:
    """An arrow held down: the repeated press the keyboard sends after the first one."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(view, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, "", True))


def position(w, node_id):
    return w.document.network.node(node_id).position


def test_tab_and_the_arrows_move_a_node_by_grid_squares_and_one_undo_puts_it_back(qtbot, xor_window):
    w = xor_window
    view = on_canvas(qtbot, w)
    tab_to(qtbot, w, "h1")
    x, y = position(w, "h1")
    steps = w.document.undo_stack.count()
    press(qtbot, K.Key_Right)
    held(view, K.Key_Right)
    press(qtbot, K.Key_Right)
    press(qtbot, K.Key_Down)
    assert position(w, "h1") == (x + 3 * GRID, y + GRID)
    shown = w.scene.node_items["h1"].pos()
    assert (shown.x(), shown.y()) == (x + 3 * GRID, y + GRID)  # the canvas shows where the model has it
    assert w.document.undo_stack.count() == steps + 1  # four presses, one undo step
    assert "moved down" in w.statusBar().currentMessage()
    assert w.scene.selected_node_ids() == ["h1"] and view.hasFocus()
    press(qtbot, K.Key_Z, CTRL)
    assert position(w, "h1") == (x, y)
    shown = w.scene.node_items["h1"].pos()
    assert (shown.x(), shown.y()) == (x, y)


def test_shift_and_an_arrow_move_by_a_column_or_a_row(qtbot, xor_window):
    w = xor_window
    on_canvas(qtbot, w)
    tab_to(qtbot, w, "x1")
    x, y = position(w, "x1")
    press(qtbot, K.Key_Right, SHIFT)
    press(qtbot, K.Key_Up, SHIFT)
    assert position(w, "x1") == (x + COLUMN_SPACING, y - ROW_SPACING)


def test_moving_several_selected_nodes_and_then_another_are_two_undo_steps(qtbot, xor_window):
    w = xor_window
    on_canvas(qtbot, w)
    press(qtbot, K.Key_A, CTRL)  # Edit ▸ Select All
    before = {n: position(w, n) for n in w.document.network.node_ids()}
    steps = w.document.undo_stack.count()
    press(qtbot, K.Key_Left)
    press(qtbot, K.Key_Left)
    assert {n: position(w, n) for n in before} == {n: (x - 2 * GRID, y) for n, (x, y) in before.items()}
    w.scene.clear_all_selection()
    tab_to(qtbot, w, "x2")
    press(qtbot, K.Key_Up)
    assert w.document.undo_stack.count() == steps + 2
    press(qtbot, K.Key_Z, CTRL)
    press(qtbot, K.Key_Z, CTRL)
    assert {n: position(w, n) for n in before} == before


def test_a_node_moved_past_the_edge_stays_in_view(qtbot, xor_window):
    w = xor_window
    view = on_canvas(qtbot, w)
    view.zoom(3.0)
    tab_to(qtbot, w, "x1")
    item = w.scene.node_items["x1"]
    for key, modifiers in [(K.Key_Right, Qt.KeyboardModifier.NoModifier)] * 8 + [(K.Key_Down, SHIFT)] * 3:
        press(qtbot, key, modifiers)  # (Shift: a row at once, beyond where the canvas scrolled so far)
        assert view.visible_scene_rect().contains(item.sceneBoundingRect())


def test_with_nothing_selected_the_arrows_scroll_and_change_nothing(qtbot, xor_window):
    w = xor_window
    view = on_canvas(qtbot, w)
    view.zoom(3.0)
    before, steps = dumps(w.document.network), w.document.undo_stack.count()
    bar = view.horizontalScrollBar()
    assert bar.maximum() > bar.minimum()
    bar.setValue(bar.minimum())
    press(qtbot, K.Key_Right)
    assert bar.value() > bar.minimum()
    assert dumps(w.document.network) == before and w.document.undo_stack.count() == steps


def test_the_keyboard_help_and_the_tab_hint_name_the_arrows(qtbot, xor_window):
    w = xor_window
    on_canvas(qtbot, w)
    assert "Arrows" in keys_text(w) and "Shift+arrows" in keys_text(w)
    tab_to(qtbot, w, "h1")
    assert "arrow keys move it" in w.statusBar().currentMessage()


def test_a_node_moved_in_a_canvas_hardly_wider_than_it_shows_whole(qtbot, xor_window):
    """Zoomed in until a node and two margins no longer fit, Qt kept the far margin and cut the node."""
    w = xor_window
    w.resize(900, 700)  # the canvas narrower than a node at the largest zoom and two margins
    view = on_canvas(qtbot, w)
    qtbot.waitUntil(lambda: view.viewport().width() < 400)
    tab_to(qtbot, w, "h1")
    item = w.scene.node_items["h1"]
    view.zoom((view.viewport().width() - 30) / item.sceneBoundingRect().width() / view.transform().m11())
    for _ in range(3):
        press(qtbot, K.Key_Right, SHIFT)
        assert view.visible_scene_rect().contains(item.sceneBoundingRect())


def test_while_the_forward_pass_is_walked_left_and_right_step_it_and_move_nothing(qtbot, xor_window):
    """The walk's Next/Previous Level keep their → and ← (window shortcuts before the canvas's keys)."""
    w = xor_window
    on_canvas(qtbot, w)
    tab_to(qtbot, w, "h1")
    where = position(w, "h1")
    press(qtbot, K.Key_F)  # Train ▸ Walk Forward Pass
    press(qtbot, K.Key_Right)
    assert position(w, "h1") == where
    assert "Forward pass, level 1" in w.statusBar().currentMessage()


def test_tab_in_a_canvas_hardly_wider_than_a_node_shows_the_node_whole(qtbot, xor_window):
    """Tab scrolled the node it selected in with 40 px margins: wider than the view, the near edge was cut."""
    w = xor_window
    w.resize(900, 700)
    view = on_canvas(qtbot, w)
    qtbot.waitUntil(lambda: view.viewport().width() < 400)
    item = w.scene.node_items["h1"]
    view.zoom((view.viewport().width() - 30) / item.sceneBoundingRect().width() / view.transform().m11())
    view.centerOn(-400, 0)  # far left of the network: Tab to h1 scrolls right
    tab_to(qtbot, w, "h1")
    assert view.visible_scene_rect().contains(item.sceneBoundingRect())
