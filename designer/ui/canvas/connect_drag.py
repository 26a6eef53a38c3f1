"""Connecting by dragging: a rubber line from a node's port, coloured by whether the model allows the link.

A part of :class:`~designer.ui.canvas.view.CanvasView` (its base class), apart from the other gestures:
it owns the rubber line and pushes one ``AddConnection`` on release, or says why not in the status
bar. The view provides ``_scene``, ``document``, the ``status`` signal and the ``_connect_from`` and
``_rubber`` it starts empty.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsLineItem

from designer.model import AddConnection, Connection, connection_refusal

if TYPE_CHECKING:
    from designer.ui.canvas.nodes import NodeItem


class ConnectDrag:
    """Start, follow, finish or drop a connecting drag."""

    def _start_connect(self, item: NodeItem, scene_pos: QPointF) -> None:
        self._connect_from = item.node_id
        start = item.mapToScene(item.port_center())
        self._rubber = QGraphicsLineItem(start.x(), start.y(), scene_pos.x(), scene_pos.y())
        pen = QPen(self._scene.theme.color("selection"), 2 * self._scene.theme.scale, Qt.PenStyle.DashLine)
        self._rubber.setPen(pen)
        self._rubber.setZValue(20)
        self._scene.addItem(self._rubber)
        self.status.emit(f"Connecting from {item.node_id}: release on the target node.")

    def _drag_connect(self, scene_pos: QPointF) -> None:
        assert self._rubber is not None and self._connect_from is not None
        line = self._rubber.line()
        self._rubber.setLine(line.x1(), line.y1(), scene_pos.x(), scene_pos.y())
        target = self._scene.node_at(scene_pos)
        if target is None:
            self._set_rubber_ok(True)
            self.status.emit(f"Connecting from {self._connect_from}: release on the target node.")
            return
        reason = connection_refusal(self._scene.network, self._connect_from, target.node_id)
        self._set_rubber_ok(reason is None)
        self.status.emit(
            f"Not allowed: {reason}" if reason else f"Release to connect {self._connect_from} → {target.node_id}"
        )

    def _set_rubber_ok(self, ok: bool) -> None:
        if self._rubber is not None:
            pen = self._rubber.pen()
            pen.setColor(self._scene.theme.color("selection" if ok else "refused"))
            self._rubber.setPen(pen)

    def _finish_connect(self, scene_pos: QPointF) -> None:
        source = self._connect_from
        self._cancel_connect()
        target = self._scene.node_at(scene_pos)
        if source is None or target is None:
            self.status.emit("No connection made: release on a node to connect.")
            return
        if target.node_id == source:
            return
        reason = connection_refusal(self._scene.network, source, target.node_id)
        if reason:
            self.status.emit(f"Connection refused: {reason}")
            return
        if self.document.push(AddConnection(Connection(source, target.node_id, 1.0))):
            self.status.emit(
                f"Connected {source} → {target.node_id} with weight 1 (double-click the line to change it)."
            )

    def _cancel_connect(self) -> None:
        if self._rubber is not None:
            self._scene.removeItem(self._rubber)
        self._rubber = None
        self._connect_from = None
