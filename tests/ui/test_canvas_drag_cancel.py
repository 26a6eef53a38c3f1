"""Esc while a node is held cancels the drag, as in other canvas tools: the nodes go back to where
they were and no undo step is recorded (before, Esc did nothing and the release committed the move)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from designer.ui.canvas.edge_scroll import EDGE_PX
from tests.ui.gui import LEFT, node_pos, to_viewport


def _held(view, kind: QEvent.Type, scene_pos: QPointF) -> None:
    """A mouse event with the left button held and the cursor left alone (see test_canvas_edge_scroll:
    the test platform's own button-less moves would end the drag)."""
    point = to_viewport(view, scene_pos)
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else LEFT
    buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else LEFT
    global_point = QPointF(view.viewport().mapToGlobal(point))
    QApplication.sendEvent(
        view.viewport(),
        QMouseEvent(kind, QPointF(point), global_point, button, buttons, Qt.KeyboardModifier.NoModifier),
    )


def _drag_then_escape(qtbot, view, start: QPointF, end: QPointF) -> None:
    QApplication.processEvents()
    _held(view, QEvent.Type.MouseButtonPress, start)
    for i in range(1, 5):
        _held(view, QEvent.Type.MouseMove, start + (end - start) * (i / 4))
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    _held(view, QEvent.Type.MouseMove, end + QPointF(20, 20))  # the button is still held: nothing follows
    _held(view, QEvent.Type.MouseButtonRelease, end + QPointF(20, 20))


def test_escape_while_dragging_a_node_puts_it_back_and_records_nothing(qtbot, xor_window):
    w = xor_window
    view = w.view
    view.zoom_to_fit()
    before = w.document.network.neurons["h1"].position
    shown = node_pos(w, "h1")
    count = w.document.undo_stack.count()
    _drag_then_escape(qtbot, view, shown, shown + QPointF(60, 40))
    assert w.document.network.neurons["h1"].position == before
    assert node_pos(w, "h1") == shown  # what is shown went back too
    assert w.document.undo_stack.count() == count
    assert w.scene.mouseGrabberItem() is None


def test_escape_while_dragging_a_selection_puts_every_node_back(qtbot, xor_window):
    w = xor_window
    view = w.view
    view.zoom_to_fit()
    w.scene.select_nodes(["h1", "h2"])
    shown = {n: node_pos(w, n) for n in ("h1", "h2")}
    count = w.document.undo_stack.count()
    _drag_then_escape(qtbot, view, shown["h1"], shown["h1"] + QPointF(-50, 30))
    assert {n: node_pos(w, n) for n in shown} == shown
    assert w.document.undo_stack.count() == count


def test_escape_while_a_drag_scrolls_by_the_edge_stops_the_scrolling(qtbot, xor_window):
    w = xor_window
    view = w.view
    view.zoom_to_fit()
    start = node_pos(w, "y")
    edge = view.mapToScene(view.viewport().rect().right() - EDGE_PX // 2, view.mapFromScene(start).y())
    QApplication.processEvents()
    _held(view, QEvent.Type.MouseButtonPress, start)
    _held(view, QEvent.Type.MouseMove, edge)
    assert view.edge_scroll.scrolling
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.edge_scroll.scrolling
    _held(view, QEvent.Type.MouseButtonRelease, edge)
    assert node_pos(w, "y") == w.scene.to_scene(w.document.network.neurons["y"].position)
    assert w.document.undo_stack.count() == 0
