"""A node dragged to the canvas's edge scrolls the canvas (Getting Started, step 3: "Drag y to the
right to make room": after Start, y sat by the view's right edge and the drag stopped there)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from designer.ui.canvas.edge_scroll import EDGE_PX
from tests.ui.gui import LEFT, move, node_pos, press, release, to_viewport
from tests.ui.test_exercise_panel import click_exercise


def _start_xor_with_relus(qtbot, window) -> None:
    panel = window.exercise.panel
    window.exercise.show()
    click_exercise(qtbot, panel, "xor-relu")
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert set(window.document.network.neurons) == {"y"}


def _hold(view, kind: QEvent.Type, scene_pos: QPointF, button) -> None:
    """A mouse event with the left button held, the cursor left alone: gui.send_mouse moves the cursor
    too, and the test platform then sends moves of its own without the button, which end a held drag
    as soon as events are processed (a real mouse holds it)."""
    point = to_viewport(view, scene_pos)
    buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else LEFT
    global_point = QPointF(view.viewport().mapToGlobal(point))
    QApplication.sendEvent(
        view.viewport(),
        QMouseEvent(kind, QPointF(point), global_point, button, buttons, Qt.KeyboardModifier.NoModifier),
    )


def test_dragging_y_to_the_right_edge_scrolls_the_canvas_and_y_goes_on(qtbot, xor_window):
    w = xor_window
    _start_xor_with_relus(qtbot, w)
    view = w.view
    view.zoom_to_fit()  # as the view shows a new network
    seen = view.visible_scene_rect()
    start = node_pos(w, "y")
    edge = view.mapToScene(view.viewport().rect().right() - EDGE_PX // 2, view.mapFromScene(start).y())
    QApplication.processEvents()  # (the cursor's moves of the steps before)
    _hold(view, QEvent.Type.MouseButtonPress, start, LEFT)
    for i in range(1, 7):  # the student drags y right, up to the view's edge, and holds it there
        _hold(view, QEvent.Type.MouseMove, start + (edge - start) * (i / 6), Qt.MouseButton.NoButton)
    bar = view.horizontalScrollBar()
    before = bar.value()
    qtbot.waitUntil(lambda: bar.value() > before + 100, timeout=3000)  # the view scrolls on its own
    held = view.mapToScene(view.mapFromScene(edge))  # (the cursor stayed: its scene point moved on)
    _hold(view, QEvent.Type.MouseButtonRelease, held, LEFT)
    x, _ = w.document.network.neurons["y"].position
    assert x > seen.right(), (x, seen)  # y went past where the view ended: room made
    assert view.visible_scene_rect().contains(node_pos(w, "y"))  # and it is in sight
    assert w.document.undo_stack.count() >= 1 and w.document.undo_stack.undoText().lower().startswith("move")


def test_a_drag_away_from_the_edges_does_not_scroll(qtbot, xor_window):
    w = xor_window
    view = w.view
    view.zoom_to_fit()
    start = node_pos(w, "h1")
    press(view, start)
    move(view, start + QPointF(10, 10))
    assert not view.edge_scroll.scrolling
    release(view, start + QPointF(10, 10))
    assert not view.edge_scroll.scrolling
