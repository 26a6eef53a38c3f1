"""What area the canvas's drawing takes, and one ``extent_changed`` per action when that may change.

A part of :class:`~designer.ui.canvas.scene.NetworkScene` (its base class), kept apart from following
the model's events: the view's scroll range and its fits read these rectangles. The scene provides
``node_items``, ``labels``, the ``extent_changed`` signal and the single-shot ``_extent_timer`` and
``_extent_due`` behind it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF


class SceneExtent:
    """The rectangles drawn for the network, and the coalesced signal that they may have changed."""

    def extent_changed_later(self) -> None:
        """Coalesce the changes of one action (or one turn of the event loop) into one ``extent_changed``:
        the timer is started once (Add Layer of 64 after 64 started it for each of its 4,224 links)."""
        if not self._extent_due:
            self._extent_due = True
            self._extent_timer.start(0)

    @property
    def extent_pending(self) -> bool:
        """An ``extent_changed`` is on its way (the view's scroll range is about to follow the content)."""
        return self._extent_due

    def flush_extent(self) -> None:
        """Send a pending ``extent_changed`` now (the view is about to scroll to something just added)."""
        if self._extent_due:
            self._extent_timer.stop()
            self._send_extent()

    def drop_extent(self) -> None:
        """Forget a pending ``extent_changed``: the view is fitting the content and follows it itself at
        the fit's end (sent first, the scroll range followed the content once more for nothing: 0.8 ms
        of a 2-64-64-1 net's Add Layer, its undo and its redo)."""
        if self._extent_due:
            self._extent_timer.stop()
            self._extent_due = False

    def _send_extent(self) -> None:
        self._extent_due = False
        self.extent_changed.emit()

    def network_rect(self) -> QRectF:
        rect = QRectF()
        for item in self.node_items.values():
            rect = rect.united(item.sceneBoundingRect())
        return rect

    def node_extent(self, node_id: str) -> QRectF:
        """A node with what overlays draw for it (its map above it): what a view scrolls to show whole.
        With the node alone, a neuron added at the canvas's top edge had its map cut off there."""
        rect = self.node_items[node_id].sceneBoundingRect()
        for item in self.items():
            beside = getattr(item, "node_rect", None)
            if beside is not None and item.isVisible():
                rect = rect.united(beside(node_id))
        return rect

    def content_rect(self) -> QRectF:
        """Everything drawn for the network: nodes, text boxes and what overlays draw beside the nodes."""
        rect = self.network_rect().united(self.labels.extent())
        for item in self.items():
            extent = getattr(item, "content_rect", None)
            if extent is not None and item.isVisible():
                rect = rect.united(extent())
        return rect
