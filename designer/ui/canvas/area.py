"""A base for items drawn over the whole network (text boxes, neuron maps, probe values): they take
no mouse and their bounds are the nodes' area with a margin, kept current as nodes come and move."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QGraphicsItem

if TYPE_CHECKING:
    from designer.ui.canvas.scene import NetworkScene


class NetworkArea(QGraphicsItem):
    def __init__(self, scene: NetworkScene, z: float, margin: float) -> None:
        super().__init__()
        self._area_scene = scene
        self._margin = margin
        self._rect = QRectF()
        self.setZValue(z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def update_bounds(self) -> None:
        """The nodes' area and the margin (empty without nodes); repaints."""
        rect = self._area_scene.network_rect()
        m = self._margin
        rect = rect.adjusted(-m, -m, m, m) if not rect.isNull() else QRectF()
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect
