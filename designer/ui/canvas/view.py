"""The canvas view: mouse and keyboard gestures turned into model commands.

Gestures (also shown in the status bar):
- drag a node: move it (one undo step, committed on release; snaps to columns when on); held by
  the view's edge, it scrolls the view (``edge_scroll.py``); Esc before the release puts it back;
- arrow keys: move the selected nodes a grid square (Shift: a column or row), else scroll (``arrow_moves.py``);
- drag from a node's port (the small circle on its right), or any drag in Connect mode: connect;
- click or drag on empty space: select (rubber band); click a line: select the connection;
- Add Input / Add Neuron: each click places one, until Esc or another tool;
- double-click a neuron/line: type its bias/weight (1/2, -3/2, 0.5*3 work); on empty space: add a neuron;
- wheel over a neuron/line: nudge its bias/weight by 0.1 (Shift: 0.01); elsewhere: zoom;
- middle drag or Space+drag: pan. Ctrl +/−: zoom, Ctrl 0: fit.

Zooming and fitting the network into view (what the gestures above only ask for) is ``zoom.py``'s;
the frame that shows the keyboard focus is ``focus_frame.py``'s. Connecting by a drag
(``connect_drag.py``) and nudging or typing values (``value_edits.py``) are the view's base classes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsView, QToolTip

from designer.formatting import format_weight
from designer.model import (
    MoveNodes,
)
from designer.model.layout import column_positions, snap_x
from designer.ui.canvas.arrow_moves import move_selection_by_key
from designer.ui.canvas.connect_drag import ConnectDrag
from designer.ui.canvas.edge_scroll import EdgeScroll
from designer.ui.canvas.editor import ValueEditor
from designer.ui.canvas.focus_frame import FocusFramedView
from designer.ui.canvas.keyboard import (
    connect_by_key,
    describe_selection,
    edit_selected,
    keyboard_spot,
    menu_by_key,
    menu_for_selection,
    tab_selects,
)
from designer.ui.canvas.modes import ADD_INPUT, ADD_NEURON, CONNECT, SELECT
from designer.ui.canvas.nodes import NodeItem
from designer.ui.canvas.scene import NetworkScene
from designer.ui.canvas.value_edits import ValueEdits
from designer.ui.safetext import tooltip

HINTS = {
    SELECT: "Drag a node to move it; drag from its port (○) to connect; double-click to type a value; "
    "wheel over a neuron or line nudges it (Shift: finer); Space+drag or middle drag pans.",
    CONNECT: "Connect mode: drag from one node to another to connect them (keyboard: Tab to a node, then "
    "Enter). Esc: back to Select.",
    ADD_INPUT: "Add Input: each click on the canvas (or Enter) places an input. Esc (or V) ends.",
    ADD_NEURON: "Add Neuron: each click on the canvas (or Enter) places a neuron. Esc (or V) ends.",
}
HIT_PIXELS = 6.0  # a click this close to a line's drawn edge (on screen, at any zoom) hits it
DOUBLE_CLICK_PIXELS = 12.0  # a double-click this close edits the line rather than adding a neuron on it
ZOOM_STEP = 1.15


class CanvasView(ConnectDrag, ValueEdits, FocusFramedView):
    status = Signal(str)  # a hint or a reason, for the status bar
    mode_changed = Signal(str)
    place_requested = Signal(str, QPointF)  # kind ("input"/"neuron"), scene position
    context_requested = Signal(QPointF, object)  # scene position, NodeItem | connection key | None
    connect_menu_requested = Signal(QPointF, object)  # scene position, NodeItem: Enter with the Connect tool

    def __init__(self, scene: NetworkScene) -> None:
        super().__init__(scene)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)  # the grid is redrawn only on scroll/zoom
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setMouseTracking(True)
        self.setAcceptDrops(False)  # file drops go to the main window
        self.mode = SELECT
        self.snap = True
        self.editor = ValueEditor(self)
        describe_selection(self)  # its accessible name says what is selected (a screen reader's Tab walk)
        scene.selection_changed_.connect(lambda: describe_selection(self))
        self._connect_from: str | None = None
        self._rubber: QGraphicsLineItem | None = None
        self._pan_from: QPointF | None = None
        self._space = False
        self._press_positions: dict[str, tuple[float, float]] = {}
        self.edge_scroll = EdgeScroll(self)

    @property
    def document(self):
        return self._scene.document

    # ------------------------------------------------------------------ modes
    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag if mode == SELECT else QGraphicsView.DragMode.NoDrag)
        cursor = Qt.CursorShape.CrossCursor if mode != SELECT else Qt.CursorShape.ArrowCursor
        self.viewport().setCursor(cursor)
        self.status.emit(HINTS[mode])
        self.mode_changed.emit(mode)

    # -------------------------------------------------------------- helpers
    def _tolerance(self, pixels: float = HIT_PIXELS) -> float:
        """``pixels`` on screen in scene units: lines are as easy to hit at any zoom."""
        return pixels / max(self.transform().m11(), 1e-6)

    def _target_at(self, pos: QPointF, pixels: float = HIT_PIXELS) -> NodeItem | str | tuple[str, str] | None:
        scene_pos = self.mapToScene(pos.toPoint())
        item = self._scene.node_at(scene_pos)
        if item is not None:
            return item
        return self._scene.connections.connection_at(scene_pos, self._tolerance(pixels))

    # ----------------------------------------------------------------- mouse
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.editor.commit()
        pos = event.position()
        if event.button() == Qt.MouseButton.MiddleButton or (
            self._space and event.button() == Qt.MouseButton.LeftButton
        ):
            self._pan_from = pos
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            return
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        scene_pos = self.mapToScene(pos.toPoint())
        if self.mode in (ADD_INPUT, ADD_NEURON):  # the tool stays on for the next click, until Esc or another tool
            self.place_requested.emit("input" if self.mode == ADD_INPUT else "neuron", scene_pos)
            return
        item = self._scene.node_at(scene_pos)
        if item is not None and (self.mode == CONNECT or item.on_port(item.mapFromScene(scene_pos))):
            self._start_connect(item, scene_pos)
            return
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if item is not None and not ctrl and self._scene.selected_connections:
            self._scene.selected_connections.clear()  # a plain click on a node selects only it
            self._scene.connections.update()
            self._scene.selection_changed_later()
        if item is None:
            key = self._scene.connections.connection_at(scene_pos, self._tolerance())
            if key is not None:
                self._scene.select_connection(key, add=ctrl)
                self.status.emit(f"connection {key[0]} → {key[1]}, weight {self._weight_text(key)}")
                return
            if not ctrl:
                self._scene.clear_all_selection()
        super().mousePressEvent(event)
        self._press_positions = {
            i.node_id: (i.pos().x(), i.pos().y()) for i in self._scene.selectedItems() if isinstance(i, NodeItem)
        }

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._pan_from is not None:
            delta = pos - self._pan_from
            self._pan_from = pos
            self.fitted = False
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - int(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - int(delta.y()))
            return
        if self._connect_from is not None:
            self._drag_connect(self.mapToScene(pos.toPoint()))
            return
        with self._scene.moving_nodes():  # a drag moves every selected node: their lines follow once
            super().mouseMoveEvent(event)
        if not event.buttons():
            self._hover_connection(pos)
        elif isinstance(self._scene.mouseGrabberItem(), NodeItem) and self._press_positions:
            self.edge_scroll.follow(pos, event.modifiers())  # a node dragged to the edge scrolls the view

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor if self._space else Qt.CursorShape.ArrowCursor)
            return
        if self._connect_from is not None and event.button() == Qt.MouseButton.LeftButton:
            self._finish_connect(self.mapToScene(event.position().toPoint()))
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self.edge_scroll.stop()
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self._commit_move()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        target = self._target_at(event.position(), DOUBLE_CLICK_PIXELS)  # near a line: edit it, no neuron on it
        if isinstance(target, NodeItem):
            self.edit_node(target.node_id)
        elif isinstance(target, tuple):
            self.edit_connection(target)
        else:
            self.place_requested.emit("neuron", self.mapToScene(event.position().toPoint()))

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y() or event.angleDelta().x()
        if not delta:
            return
        steps = delta / 120.0
        if not event.modifiers() & Qt.KeyboardModifier.AltModifier:
            target = self._target_at(event.position())
            fine = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if isinstance(target, NodeItem) and not target.is_input:
                self._nudge_bias(target.node_id, steps, fine)
                return
            if isinstance(target, tuple):
                self._nudge_weight(target, steps, fine)
                return
        self.zoom(ZOOM_STEP**steps)

    def contextMenuEvent(self, event) -> None:
        if event.reason() == QContextMenuEvent.Reason.Keyboard and menu_for_selection(self):
            return
        target = self._target_at(QPointF(event.pos()))
        if isinstance(target, NodeItem) and not target.isSelected():
            self._scene.select_nodes([target.node_id])
        elif isinstance(target, tuple):
            self._scene.select_connection(target)
        self.context_requested.emit(self.mapToScene(event.pos()), target)

    # ----------------------------------------------------------- keyboard
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        if event.key() == Qt.Key.Key_Escape:
            if self._cancel_move():  # a node held: only the move ends
                return
            self._cancel_connect()
            if self.mode != SELECT:
                self.set_mode(SELECT)
            else:
                self._scene.clear_all_selection()
            return
        if menu_by_key(self, event):  # Shift+F10: as the Menu key, the selection's menu at the selection
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2) and edit_selected(self):
            return
        if connect_by_key(self, event):  # Enter with the Connect tool: the node's connection menu
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.mode in (ADD_INPUT, ADD_NEURON):
            kind = "input" if self.mode == ADD_INPUT else "neuron"
            self.place_requested.emit(kind, keyboard_spot(self, kind))  # what a click would place, without a mouse
            for node in self._scene.selected_node_ids():  # the new node (placing selects it) comes into view
                self.show_whole(self._scene.node_extent(node))
            return
        if move_selection_by_key(self, event):  # the arrows move the selected nodes, else they scroll
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        """Tab / Shift+Tab select the next / previous node or connection (see ``keyboard.py``); past the
        last, the focus moves on to the docks as usual; Ctrl+Tab / Ctrl+Shift+Tab move it on at once,
        keeping the selection. Only the keys: Qt also moves the focus on when a focused widget is hidden
        (the canvas moving onto the presentation stage), and that must not change a selection."""
        if event.type() == QEvent.Type.KeyPress and tab_selects(self, event):
            return True
        return super().event(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
            return
        super().keyReleaseEvent(event)

    # ------------------------------------------------------- cancel, move
    def cancel_drag(self) -> bool:
        """Esc during a connecting or moving drag: drop it (True if there was one)."""
        dragging = self._connect_from is not None
        self._cancel_connect()
        return self._cancel_move() or dragging

    def _cancel_move(self) -> bool:
        """Esc with a node held: the dragged nodes go back to where the model has them (a move is
        recorded only on release), and the release that follows moves nothing."""
        grabber = self._scene.mouseGrabberItem()
        if not self._press_positions or not isinstance(grabber, NodeItem):
            return False
        held, self._press_positions = self._press_positions, {}
        grabber.ungrabMouse()  # the mouse, still moving with the button held, no longer drags the nodes
        self.edge_scroll.stop()
        with self._scene.moving_nodes():
            for node_id in held:
                item = self._scene.node_items.get(node_id)
                if item is not None:
                    item.sync()
        self.status.emit("Move cancelled.")
        return True

    def _commit_move(self) -> None:
        """One undo step for the whole drag, with column snapping, on release."""
        moved = {}
        start = self._press_positions
        self._press_positions = {}
        for node_id, (x0, y0) in start.items():
            item = self._scene.node_items.get(node_id)
            if item is None:
                continue
            if (item.pos().x(), item.pos().y()) != (x0, y0):
                moved[node_id] = self._scene.to_model(item.pos())  # presentation may show the layout spread
        if not moved:
            return
        if self.snap:
            others = self._scene.network.copy()
            for node_id in moved:
                others.inputs.pop(node_id, None)
                others.neurons.pop(node_id, None)
            columns = column_positions(others)
            dx = snap_x(next(iter(moved.values()))[0], columns) - next(iter(moved.values()))[0]
            moved = {n: (x + dx, y) for n, (x, y) in moved.items()}
        self.document.push(MoveNodes(moved))
        with self._scene.moving_nodes():
            for node_id in moved:  # the model may equal the drag position: make sure items show it
                self._scene.node_items[node_id].sync()

    # ---------------------------------------------------------------- hover
    def _hover_connection(self, pos: QPointF) -> None:
        layer = self._scene.connections
        scene_pos = self.mapToScene(pos.toPoint())
        key = None if self._scene.node_at(scene_pos) else layer.connection_at(scene_pos, self._tolerance())
        if key != layer.hovered:
            layer.hovered = key
            layer.update()
            if key is not None:
                c = self._scene.network.connections[key]
                lock = " (locked)" if not c.trainable else ""
                QToolTip.showText(
                    self.mapToGlobal(pos.toPoint()),
                    tooltip(f"{key[0]} → {key[1]}: weight {format_weight(c.weight)}{lock}"),
                    self,
                )
            else:
                QToolTip.hideText()
