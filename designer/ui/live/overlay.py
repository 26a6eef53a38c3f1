"""A base for items drawn over the canvas next to the nodes (maps, probe values, gradient marks).

They never take the mouse, read node positions from the scene's items when painting (so they
follow a drag before it is committed) and cover the network's area plus a margin.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF

from designer.ui.canvas.area import NetworkArea

MARGIN = 220.0


class CanvasOverlay(NetworkArea):
    def __init__(self, session, scene, z: float) -> None:
        super().__init__(scene, z, MARGIN)
        self.session = session
        self.scene = scene
        scene.addItem(self)
        session.geometry_changed.connect(self.update_bounds)
        scene.layout_changed.connect(self.update_bounds)
        session.structure_changed.connect(self.update_bounds)

    @property
    def theme(self):
        return self.scene.theme

    def positions(self) -> dict[str, QPointF]:
        return {n: item.pos() for n, item in self.scene.node_items.items()}

    def update(self, *args) -> None:
        """Repaint, and the canvas's text boxes too (an overlay may have handed some to the label layer)."""
        super().update(*args)
        self.scene.labels.update()
