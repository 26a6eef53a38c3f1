"""The scene follows the model: one item per node (by id), one layer for all connections.

Every change (edit, undo, redo, file load, training) arrives as a model event and is
redrawn through :meth:`NetworkScene.on_event`; nothing here changes the model directly.
Its parts by job, its base classes: what is selected (``selection.py``) and what area the drawing
takes (``extent.py``); the grid's arithmetic, the values drawn without a session and the nodes'
tooltip text are modules of their own (``grid.py``, ``model_values.py``, ``tooltips.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QPointF, QRectF, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsSceneHelpEvent, QToolTip

from designer.model import events as ev
from designer.model.network import Network
from designer.ui.canvas.connections import ConnectionLayer, Key
from designer.ui.canvas.extent import SceneExtent

# The grid, the values drawn without a session and the tooltips, re-exported: imported from here.
from designer.ui.canvas.grid import GRID as GRID
from designer.ui.canvas.grid import MAX_GRID_LINES as MAX_GRID_LINES
from designer.ui.canvas.grid import grid_lines as grid_lines
from designer.ui.canvas.labels import LabelLayer
from designer.ui.canvas.model_values import ModelValues as ModelValues
from designer.ui.canvas.nodes import NodeItem
from designer.ui.canvas.selection import SceneSelection
from designer.ui.canvas.tooltips import default_tooltip as default_tooltip
from designer.ui.safetext import tooltip
from designer.ui.theme import LIGHT, Theme
from designer.ui.undo import Document

#: the events that add or remove one connection
ONE_LINK = frozenset({ev.CONNECTION_ADDED, ev.CONNECTION_REMOVED})
#: the events that add or remove connections, one at a time or many at once
LINKS_CHANGED = frozenset({ev.CONNECTION_ADDED, ev.CONNECTION_REMOVED, ev.CONNECTIONS_ADDED, ev.CONNECTIONS_REMOVED})
#: model events that change values only, never where anything is drawn (a training run's, a wheel nudge's)
VALUE_ONLY = frozenset({ev.VALUES_CHANGED, ev.CONNECTION_CHANGED, ev.NETWORK_CHANGED})


class NetworkScene(SceneSelection, SceneExtent, QGraphicsScene):
    selection_changed_ = Signal()  # nodes or connections selected/unselected
    hovered_node = Signal(str)  # id, or "" when the mouse leaves a node
    theme_changed = Signal()  # set_theme: colours, scale or text floor changed (the live views restyle)
    layout_changed = Signal()  # set_spread: every node moved on screen (the model did not change)
    #: nodes one edit (or its undo or redo) added, once it is over: the view brings them into sight
    #: (a feature or an 8-neuron layer appeared below the canvas's edge). Not after a RESET (a fit follows)
    nodes_added = Signal(list)
    #: what is drawn may now take another area (nodes came, went or moved, maps appeared): the view's
    #: scroll range follows it. Once per event-loop turn, never during a drag (no model event comes then)
    extent_changed = Signal()

    def __init__(self, document: Document, theme: Theme = LIGHT) -> None:
        super().__init__()
        self.document = document
        self.theme = theme
        self.node_items: dict[str, NodeItem] = {}
        self.selected_connections: set[Key] = set()
        #: builds a node's tooltip (the formula); replaceable so the export package can provide it
        self.tooltip_builder: Callable[[Network, str], str] = default_tooltip
        #: editing chrome that figures and presentation mode may hide
        self.show_grid = True
        self.show_ports = True
        #: node (x, y) is shown at (fx·x, fy·y): presentation spreads a layout for enlarged nodes
        self.spread = (1.0, 1.0)
        #: True while drawn as a figure (exports): live-only marks such as probe labels stay out
        self.drawing_figure = False
        self._selection_timer = QTimer(self)
        self._selection_timer.setSingleShot(True)
        self._selection_timer.timeout.connect(self.selection_changed_.emit)
        self._extent_timer = QTimer(self)
        self._extent_timer.setSingleShot(True)
        self._extent_timer.timeout.connect(self._send_extent)
        self._extent_due = False  # the timer runs (asked here, not of Qt: one ask per model event)
        #: where drawn weights and biases come from: the model, or a live session during training
        self.values = ModelValues(document)
        #: neurons whose text boxes go first besides the hovered and selected ones (presentation's focus)
        self.focus_nodes: set[str] = set()
        self.labels = LabelLayer(self)
        self.addItem(self.labels)
        self.connections = ConnectionLayer(self)
        self.addItem(self.connections)
        #: inside a batch of model changes (one user action) the lines are rebuilt once, at its end
        self._batch_depth = 0
        self._lines_stale = False
        #: the connections added and removed since the lines were last brought up to date
        self._keys_added: set[Key] = set()
        self._keys_removed: set[Key] = set()
        self.line_rebuilds = 0  # how often the lines were brought up to date (tests pin once per action)
        #: while many nodes move in one step (a command, a drag of a selection) their lines follow at its end
        self._moving_depth = 0
        self._moved: dict[str, None] = {}
        self._added: list[str] = []  # NODE_ADDED ids of the action going on (nodes_added at its end)
        self._rebuild()
        self._unsubscribe = self.network.events.subscribe(self.on_event)
        self.detached = False

    @property
    def network(self) -> Network:
        return self.document.network

    def show_values_of(self, session) -> None:
        """Draw weights and biases as ``session`` sees them (live during a training run), following it."""
        self.values = session
        session.values_changed.connect(self.values_changed)

    def values_changed(self) -> None:
        """Weights or biases changed (no geometry): recolour the lines, rewrite the biases (the bodies stay cached)."""
        self.connections.refresh_values()
        for item in self.node_items.values():
            item.refresh_bias()

    # ---------------------------------------------------------------- events
    def on_event(self, event: ev.Event) -> None:
        kind = event.kind
        if self._batch_depth and kind in ONE_LINK:
            self._link_in_batch(kind, event.key)  # a big action's links, an event each: noted until its end
            return
        if kind not in VALUE_ONLY and not (kind in (ev.NODE_CHANGED, ev.NODES_CHANGED) and event.field == "bias"):
            self.extent_changed_later()
        if kind == ev.BATCH_BEGIN:
            self._batch_depth += 1
            self._moving_depth += 1
            return
        if kind == ev.BATCH_END:
            self._batch_depth -= 1
            if self._lines_stale:
                self._rebuild_lines()  # the lines the action kept stay; those of moved nodes follow next
            self._end_moves()
            self._announce_added()
            self.selection_changed_later()
            return
        if kind in LINKS_CHANGED:
            self._connections_changed(kind, event.key)
            if self._batch_depth:
                return  # the common case of a big action: nothing else to do until its end
        elif kind in (ev.NODE_ADDED, ev.NODES_ADDED):
            added = (event.key,) if kind == ev.NODE_ADDED else event.key
            for node_id in added:
                self._add_item(node_id)
            self._lines_changed()
            self._added += added
            self._announce_added()
        elif kind in (ev.NODE_REMOVED, ev.NODES_REMOVED):
            for node_id in (event.key,) if kind == ev.NODE_REMOVED else event.key:
                item = self.node_items.pop(node_id, None)
                if item is not None:
                    self.removeItem(item)
            self._lines_changed()
        elif kind == ev.NODE_CHANGED:
            self._node_changed(event.key, event.field)
        elif kind == ev.NODES_CHANGED:
            for node_id in event.key:
                self._node_changed(node_id, event.field)
        elif kind == ev.CONNECTION_CHANGED and not self._lines_stale:
            if event.field == "weight":
                self.connections.set_weight(event.key, self.network.connections[event.key].weight)
        elif kind == ev.OUTPUTS_CHANGED:
            for item in self.node_items.values():
                item.update()
        elif kind == ev.VALUES_CHANGED and not self._lines_stale:  # weights/biases only: no geometry changes
            self.values_changed()
        elif kind == ev.RESET:
            self._added.clear()  # another network: it is fitted as a whole
            self._rebuild()
        self.selection_changed_later()

    def _link_in_batch(self, kind: str, key) -> None:
        """One link came or went inside an action: remembered for the action's end (BATCH_BEGIN has asked
        for the scroll range already, and BATCH_END asks again)."""
        if kind == ev.CONNECTION_ADDED:
            self._keys_added.add(key)
        else:
            self._keys_removed.add(key)
            self.selected_connections.discard(key)
        self._lines_stale = True

    def _connections_changed(self, kind: str, key) -> None:
        """Remember what came and went (the lines are patched with it once the action is over)."""
        keys = (key,) if kind in (ev.CONNECTION_ADDED, ev.CONNECTION_REMOVED) else key
        if kind in (ev.CONNECTION_ADDED, ev.CONNECTIONS_ADDED):
            self._keys_added.update(keys)
        else:
            self._keys_removed.update(keys)
            self.selected_connections.difference_update(keys)
        self._lines_changed()

    def _announce_added(self) -> None:
        if self._added and not self._batch_depth:
            added, self._added = self._added, []
            self.nodes_added.emit([node_id for node_id in added if node_id in self.node_items])

    def _lines_changed(self) -> None:
        """Connections or nodes came or went: rebuild the lines now, or once when the batch ends."""
        if self._batch_depth:
            self._lines_stale = True
        else:
            self._rebuild_lines()

    def _rebuild_lines(self, *, every_line: bool = False) -> None:
        """Bring the lines up to date with what the action added and removed (not every line again),
        or with ``every_line`` read them all (another network: a RESET)."""
        self._lines_stale = False
        self.line_rebuilds += 1
        added, removed = self._keys_added, self._keys_removed
        self._keys_added, self._keys_removed = set(), set()
        if every_line:
            self.connections.rebuild()
        else:
            self.connections.patch(added, removed)

    def _node_changed(self, node_id: str, field: str | None) -> None:
        item = self.node_items.get(node_id)
        if item is None:
            return
        if field == "bias":
            item.refresh_bias()  # the cached body stays as it is
        else:
            item.sync()

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        """Tooltips are built when asked for: a formula per node on every edit would cost too much."""
        item = self.node_at(event.scenePos())
        if item is None:
            QToolTip.hideText()
            event.ignore()
            return
        QToolTip.showText(event.screenPos(), tooltip(self.tooltip_for(item.node_id)))
        event.accept()

    def tooltip_for(self, node_id: str) -> str:
        return self.tooltip_builder(self.network, node_id)

    def _add_item(self, node_id: str) -> None:
        item = NodeItem(node_id, self)
        self.node_items[node_id] = item
        self.addItem(item)

    def _rebuild(self) -> None:
        for item in self.node_items.values():
            self.removeItem(item)
        self.node_items.clear()
        self.selected_connections.clear()
        for node_id in self.network.node_ids():
            self._add_item(node_id)
        self._moved.clear()  # every line is read again
        self._rebuild_lines(every_line=True)

    def detach(self) -> None:
        """Stop following the model (the window is closing): its items may no longer match the model."""
        self._unsubscribe()
        self.detached = True

    # ------------------------------------------------------- item callbacks
    def node_item_moved(self, node_id: str) -> None:
        if node_id not in self.node_items:  # not while an item is being created
            return
        if self._moving_depth:
            self._moved[node_id] = None
        else:
            self.connections.nodes_moved([node_id])

    @contextmanager
    def moving_nodes(self) -> Iterator[None]:
        """Many nodes move in one step: their lines follow, and the bounds of the lines and text boxes
        are found, once at its end. Found per node, every move walked all nodes (Undo of Arrange by
        Layers on a chain of 10,000 nodes froze the window for minutes). Model batches do this too."""
        self._moving_depth += 1
        try:
            yield
        finally:
            self._end_moves()

    def _end_moves(self) -> None:
        self._moving_depth -= 1
        if self._moving_depth or not self._moved:
            return
        moved, self._moved = list(self._moved), {}
        self.connections.nodes_moved(moved)

    def node_hovered(self, node_id: str, entered: bool) -> None:
        self.labels.update()  # the hovered neuron's boxes go first
        self.hovered_node.emit(node_id if entered else "")

    # ------------------------------------------------- hit test, figures, theme
    def node_at(self, pos: QPointF) -> NodeItem | None:
        for item in self.items(pos):
            if isinstance(item, NodeItem):
                return item
        return None

    def render(self, painter: QPainter, target: QRectF = QRectF(), source: QRectF = QRectF(), mode=None) -> None:  # noqa: B008
        """Render for a figure: items paint themselves (an SVG gets paths and text, never cached pixmaps)."""
        items = [*self.node_items.values(), self.connections]
        modes = [item.cacheMode() for item in items]
        for item in items:
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        try:
            args = (painter, target, source) if mode is None else (painter, target, source, mode)
            super().render(*args)
        finally:
            for item, cache in zip(items, modes, strict=True):
                item.setCacheMode(cache)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        if self.detached:  # a closed window's items may name nodes the model has lost since: none is drawn
            return
        with self.moving_nodes():
            for item in self.node_items.values():
                item.sync()
        self.connections.refresh_geometry()
        for view in self.views():
            view.resetCachedContent()  # the views cache the background: its colour changed
        self.update()
        self.theme_changed.emit()
        self.extent_changed_later()  # nodes and text are larger or smaller

    # --------------------------------------------------------------- spread
    def set_spread(self, fx: float, fy: float) -> None:
        """Show every node at (fx·x, fy·y) (1, 1: where the model has it)."""
        if (fx, fy) == self.spread:
            return
        self.spread = (fx, fy)
        with self.moving_nodes():
            for item in self.node_items.values():
                item.sync()
        self.connections.refresh_geometry()
        self.labels.update_bounds()
        self.layout_changed.emit()
        self.extent_changed_later()

    def to_scene(self, position: tuple[float, float]) -> QPointF:
        """Where a model position is drawn."""
        return QPointF(position[0] * self.spread[0], position[1] * self.spread[1])

    def to_model(self, point: QPointF) -> tuple[float, float]:
        """The model position drawn at a scene point (new nodes, drags, pastes)."""
        return (point.x() / self.spread[0], point.y() / self.spread[1])

    @contextmanager
    def as_figure(self) -> Iterator[None]:
        """Draw as a figure for export: no grid, ports, selection or live-only labels (the probe's), and
        every text box at its node (also where the view does not reach); put back afterwards."""
        grid, ports, frame = self.show_grid, self.show_ports, self.labels.frame
        self.show_grid = self.show_ports = False
        self.labels.frame = None
        self.drawing_figure = True
        self.clear_all_selection()
        try:
            yield
        finally:
            self.show_grid, self.show_ports, self.labels.frame = grid, ports, frame
            self.drawing_figure = False
            self.update()

    # ------------------------------------------------------------ background
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        painter.fillRect(rect, QColor(self.theme.background))
        if not self.show_grid or self.theme.grid == self.theme.background:
            return
        spacing = GRID * painter.worldTransform().m11()
        if spacing < 12:  # zoomed far out: a grid this dense is noise, and costly
            return
        columns, rows = grid_lines(rect.left(), rect.right()), grid_lines(rect.top(), rect.bottom())
        if columns is None or rows is None:
            return
        painter.setPen(QPen(QColor(self.theme.grid), 0))
        for x in columns:
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
        for y in rows:
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
