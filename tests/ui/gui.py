"""Driving the canvas like a user: real mouse events on the viewport, at scene positions."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QCursor, QMouseEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


def to_viewport(view, scene_pos: QPointF | tuple[float, float]) -> QPoint:
    if isinstance(scene_pos, tuple):
        scene_pos = QPointF(*scene_pos)
    return view.mapFromScene(scene_pos)


def node_pos(window, node_id: str) -> QPointF:
    return window.scene.node_items[node_id].scenePos()


def port_pos(window, node_id: str) -> QPointF:
    item = window.scene.node_items[node_id]
    return item.mapToScene(item.port_center())


def send_mouse(view, kind: QEvent.Type, point: QPoint, button, buttons, modifiers=NO_MOD) -> None:
    """A mouse event at a viewport point of any QGraphicsView (the canvas, a pyqtgraph plot).

    The cursor goes there too, as a real mouse's would: Qt sends synthetic enter and leave events
    from the cursor's position when widgets appear, and a cursor left where an earlier test put it
    would make the canvas lose its hover.
    """
    local = QPointF(point)
    global_point = view.viewport().mapToGlobal(point)
    QCursor.setPos(global_point)
    event = QMouseEvent(kind, local, QPointF(global_point), button, buttons, modifiers)
    QApplication.sendEvent(view.viewport(), event)


def press(view, scene_pos, modifiers=NO_MOD, button=LEFT) -> None:
    send_mouse(view, QEvent.Type.MouseButtonPress, to_viewport(view, scene_pos), button, button, modifiers)


def move(view, scene_pos, buttons=LEFT, modifiers=NO_MOD) -> None:
    send_mouse(view, QEvent.Type.MouseMove, to_viewport(view, scene_pos), Qt.MouseButton.NoButton, buttons, modifiers)


def release(view, scene_pos, modifiers=NO_MOD, button=LEFT) -> None:
    send_mouse(
        view, QEvent.Type.MouseButtonRelease, to_viewport(view, scene_pos), button, Qt.MouseButton.NoButton, modifiers
    )


def click(view, scene_pos, modifiers=NO_MOD) -> None:
    QTest.mouseClick(view.viewport(), LEFT, modifiers, to_viewport(view, scene_pos))


def double_click(view, scene_pos) -> None:
    point = to_viewport(view, scene_pos)
    QTest.mouseDClick(view.viewport(), LEFT, NO_MOD, point)


def drag(view, start, end, steps: int = 6, modifiers=NO_MOD) -> None:
    """Press at ``start``, move in steps, release at ``end`` (scene coordinates)."""
    start = QPointF(*start) if isinstance(start, tuple) else QPointF(start)
    end = QPointF(*end) if isinstance(end, tuple) else QPointF(end)
    press(view, start, modifiers)
    for i in range(1, steps + 1):
        t = i / steps
        move(view, start + (end - start) * t, modifiers=modifiers)
    release(view, end, modifiers)


def wheel(view, scene_pos, steps: int = 1, modifiers=NO_MOD) -> None:
    point = to_viewport(view, scene_pos)
    event = QWheelEvent(
        QPointF(point),
        QPointF(view.viewport().mapToGlobal(point)),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)


def type_into_editor(qtbot, window, text: str) -> None:
    """Type into the inline value editor that a double-click opened, then press Enter."""
    line = window.view.editor.line
    assert line.isVisible(), "the inline editor did not open"
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


class UndoDiscipline:
    """Every GUI change to the document is one undo step.

    ``check()`` after each user action: if the saved bytes changed, the undo stack's index moved,
    or its top command absorbed the change (a merge: wheel nudges, consecutive training steps).
    A write into the model that bypasses the stack (no command) fails here.
    """

    def __init__(self, window) -> None:
        self.window = window
        self._last = self._state()

    def _state(self) -> tuple[bytes, int, str | None]:
        from designer.model import dumps
        from designer.ui.undo import ModelUndoCommand

        document = self.window.document
        stack = document.undo_stack
        top = stack.command(stack.index() - 1) if stack.index() > 0 else None
        merged_into = repr(top.command) if isinstance(top, ModelUndoCommand) and top.id() != -1 else None
        return dumps(document.network).encode("utf-8"), stack.index(), merged_into

    def check(self, where: str = "") -> bool:
        """Assert the rule for the action just done; True if the document changed."""
        before, now = self._last, self._state()
        self._last = now
        if now[0] == before[0]:
            return False
        assert now[1] != before[1] or (now[2] is not None and now[2] != before[2]), (
            f"{where}: the document changed but the undo stack did not (an edit without an undo command)"
        )
        return True

    def reset(self) -> None:
        """Forget the past (after the test itself changed the document behind the GUI's back)."""
        self._last = self._state()


def inspect(qtbot, window, node_id: str) -> None:
    """Click a node on the canvas and wait until the inspector shows it."""
    click(window.view, node_pos(window, node_id))
    qtbot.waitUntil(lambda: window.inspector.current == node_id)


def retype(qtbot, field, text: str) -> None:
    """Focus a text field, select what it holds and type ``text`` over it (no Enter)."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
