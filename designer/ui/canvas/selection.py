"""What is selected on the canvas (nodes, connections) and one signal per user action about it.

A part of :class:`~designer.ui.canvas.scene.NetworkScene` (its base class), kept apart from following
the model's events: it changes only what is selected, never what is drawn. The scene provides
``node_items``, ``connections``, ``selected_connections``, ``network``, the ``selection_changed_``
signal and the single-shot ``_selection_timer`` behind it.
"""

from __future__ import annotations

from designer.ui.canvas.connections import Key
from designer.ui.canvas.nodes import NodeItem


class SceneSelection:
    """Select nodes and connections; many item-level changes of one action become one signal."""

    def node_selection_changed(self) -> None:
        self.selection_changed_later()

    def selection_changed_later(self) -> None:
        """Coalesce the many item-level changes of one user action into one signal."""
        self._selection_timer.start(0)

    def flush_selection(self) -> None:
        """Send a pending selection signal now (the focus is about to move to the Inspector that follows it)."""
        if self._selection_timer.isActive():
            self._selection_timer.stop()
            self.selection_changed_.emit()

    def selected_node_ids(self) -> list[str]:
        return [i.node_id for i in self.selectedItems() if isinstance(i, NodeItem)]

    def select_connection(self, key: Key | None, *, add: bool = False) -> None:
        if not add:
            self.clearSelection()
            self.selected_connections.clear()
        if key is not None:
            if add and key in self.selected_connections:
                self.selected_connections.discard(key)
            else:
                self.selected_connections.add(key)
        self.connections.update()
        self.selection_changed_later()

    def select_nodes(self, node_ids: list[str]) -> None:
        self.clearSelection()
        self.selected_connections.clear()
        for node_id in node_ids:
            if node_id in self.node_items:
                self.node_items[node_id].setSelected(True)
        self.connections.update()
        self.selection_changed_later()

    def select_all(self) -> None:
        for item in self.node_items.values():
            item.setSelected(True)
        self.selected_connections = set(self.network.connections)
        self.connections.update()
        self.selection_changed_later()

    def clear_all_selection(self) -> None:
        self.clearSelection()
        self.selected_connections.clear()
        self.connections.update()
        self.selection_changed_later()
