"""All connections drawn by one item, batched by pen.

One QGraphicsItem per connection stops scaling long before 20,000 connections (the scene
index and per-item paint overhead); here the geometry lives in numpy arrays and a cached
QLineF per connection, weights map to a few (sign, width) buckets, and each bucket is one
``drawLines`` call (the pens: ``line_pens.py``).

Hover, selection and editing still work per connection: the scene asks
:meth:`ConnectionLayer.connection_at` (a vectorised distance test, ``line_hits.py``) what is under the
mouse. The weights written on the lines are ``weight_labels.py``'s. Those three are the layer's base
classes; this module keeps which lines there are and where they run.
"""

from __future__ import annotations

from itertools import compress
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtWidgets import QGraphicsItem

from designer.ui.canvas.labels import CachedRequests
from designer.ui.canvas.line_hits import LineHits
from designer.ui.canvas.line_pens import ARROW_LIMIT, LinePens
from designer.ui.canvas.nodes import RADIUS
from designer.ui.canvas.weight_labels import WeightLabels
from designer.ui.coalesce import Coalesced

if TYPE_CHECKING:
    from designer.ui.canvas.scene import NetworkScene

Key = tuple[str, str]
#: from this many connections the layer keeps a cached picture of itself (figures switch it off: scene.render)
CACHE_FROM = 500
RECOLOUR_MS = 100  # how often a big network's lines follow a training run


def _merged(kept: list, new_rows: list[int], blank: object) -> list:
    """``kept`` with ``blank`` standing at each of ``new_rows`` (ascending): copies of slices, one
    Python step per new row, however long ``kept`` is."""
    merged: list = []
    taken = 0
    for row in new_rows:
        count = row - len(merged)
        merged += kept[taken : taken + count]
        taken += count
        merged.append(blank)
    merged += kept[taken:]
    return merged


class ConnectionLayer(LinePens, LineHits, WeightLabels, QGraphicsItem):
    def __init__(self, scene: NetworkScene) -> None:
        super().__init__()
        self._scene = scene
        self.setZValue(0)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        #: while training moves the weights of a big network, its lines are recoloured a few times a
        #: second (like the maps), so its cached picture serves the frames between
        self._recolour = Coalesced(scene, RECOLOUR_MS, self._regroup)
        self.show_weights = False
        self._cached_labels = CachedRequests()
        self.hovered: Key | None = None
        #: optional per-connection values shown instead of weights (gradient view), and their scale
        self.display_values: np.ndarray | None = None
        self.display_limit = 3.0
        self._rect = QRectF()
        self.keys: list[Key] = []
        self.node_index: dict[str, int] = {}
        self._groups: list[tuple[int, list[QLineF], list[QLineF]]] | None = None
        #: work done, for tests that pin it: full rebuilds, and lines whose geometry was computed
        self.rebuilds = 0
        self.rows_computed = 0
        scene.labels.add_provider(self.weight_labels)

    # ------------------------------------------------------------ structure
    def rebuild(self) -> None:
        """Re-read which connections exist (a new network, or changes :meth:`patch` cannot follow)."""
        self.rebuilds += 1
        net = self._scene.network
        self.keys: list[Key] = list(net.connections)
        self.position_of: dict[Key, int] = dict(zip(self.keys, range(len(self.keys)), strict=True))
        self._read_nodes()
        self.src = np.array([self.node_index[s] for s, _ in self.keys], dtype=np.intp)
        self.tgt = np.array([self.node_index[t] for _, t in self.keys], dtype=np.intp)
        self.display_values = None
        self._choose_cache()
        self.refresh_values()
        self.refresh_geometry()

    def _read_nodes(self) -> None:
        self.node_ids: list[str] = list(self._scene.network.node_ids())
        self.node_index = {n: i for i, n in enumerate(self.node_ids)}

    def _choose_cache(self) -> None:
        # thousands of lines are drawn again only when they change, not whenever a bias text or a map
        # beside them repaints; a few lines draw faster than a cached picture of the view is redrawn
        many = len(self.keys) > CACHE_FROM
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache if many else QGraphicsItem.CacheMode.NoCache)

    def patch(self, added: set[Key], removed: set[Key]) -> None:
        """Follow one action that added and removed these connections (and any nodes): the lines kept
        are carried over, only the new ones are computed, so deleting a neuron with 200 links costs
        200 lines' work plus a few copies of the arrays, not every line's geometry again. Anything
        these sets do not explain (the model's order changed otherwise) falls back to :meth:`rebuild`."""
        net = self._scene.network
        if not hasattr(self, "start") or len(self.start) != len(self.keys):
            self.rebuild()
            return
        keys = list(net.connections)
        fresh = np.fromiter(map(added.__contains__, keys), dtype=bool, count=len(keys))
        kept = ~np.fromiter(map(removed.__contains__, self.keys), dtype=bool, count=len(self.keys))
        if list(compress(self.keys, kept)) != list(compress(keys, ~fresh)):
            self.rebuild()
            return
        old_ids = self.node_ids
        self._read_nodes()
        renumbered = np.array([self.node_index.get(n, -1) for n in old_ids], dtype=np.intp)
        new_rows = np.flatnonzero(fresh)
        new_keys = [keys[i] for i in new_rows.tolist()]
        kept_src, kept_tgt = renumbered[self.src[kept]], renumbered[self.tgt[kept]]
        if len(kept_src) and min(kept_src.min(), kept_tgt.min()) < 0:  # a line kept at a node that is gone
            self.rebuild()
            return
        src = np.empty(len(keys), dtype=np.intp)
        tgt = np.empty(len(keys), dtype=np.intp)
        src[~fresh], tgt[~fresh] = kept_src, kept_tgt
        src[new_rows] = [self.node_index[s] for s, _ in new_keys]
        tgt[new_rows] = [self.node_index[t] for _, t in new_keys]
        weights = np.empty(len(keys))
        weights[~fresh] = self.weights[kept]
        weights[new_rows] = self._scene.values.weights_for(new_keys)
        start, end = np.zeros((len(keys), 2)), np.zeros((len(keys), 2))
        start[~fresh], end[~fresh] = self.start[kept], self.end[kept]
        new_list = new_rows.tolist()
        self.lines = _merged(list(compress(self.lines, kept)), new_list, QLineF())
        self.wings = _merged(list(compress(self.wings, kept)), new_list, (QLineF(), QLineF()))
        self.keys, self.src, self.tgt, self.weights, self.start, self.end = keys, src, tgt, weights, start, end
        self.position_of = dict(zip(keys, range(len(keys)), strict=True))
        self.display_values = None
        self._choose_cache()
        self._read_points()
        self._recompute(new_rows)
        self._update_bounds()
        self._regroup()

    def refresh_values(self) -> None:
        """Re-read weights from the model (many changed at once, e.g. training).

        While other values are shown instead (the gradient view's ∂L/∂w), the lines do not change.
        """
        self.weights = self._scene.values.weights_for(self.keys)
        if self._showing_other_values():
            return
        if len(self.keys) > CACHE_FROM and self._scene.values.in_run:
            self._recolour.request()
            return
        self._recolour.stop()
        self._regroup()

    def _regroup(self) -> None:
        self._groups = None
        self.update()

    def _showing_other_values(self) -> bool:
        return self.display_values is not None and len(self.display_values) == len(self.keys)

    def set_weight(self, key: Key, weight: float) -> None:
        i = self.position_of.get(key)
        if i is not None:
            self.weights[i] = weight
            self._groups = None
            self.update()

    def set_display_values(self, values: np.ndarray | None, limit: float = 3.0) -> None:
        """Show other per-connection numbers (e.g. ∂L/∂w) with the same colours and widths."""
        self.display_values = values
        self.display_limit = limit
        self._groups = None
        self.update()

    # ------------------------------------------------------------- geometry
    def refresh_geometry(self) -> None:
        """Recompute every line from the node items' current positions."""
        self._read_points()
        self._recompute(np.arange(len(self.keys)))
        self._update_bounds()

    def _read_points(self) -> None:
        items = self._scene.node_items
        pts = [items[n].pos() for n in self.node_ids]
        self.points = np.array([(p.x(), p.y()) for p in pts], dtype=float).reshape(-1, 2)

    def nodes_moved(self, node_ids: list[str]) -> None:
        """Only the lines at these nodes change (a drag, a move command); the bounds are found once."""
        known = [n for n in node_ids if n in self.node_index]
        if not known:
            return
        items = self._scene.node_items
        for node_id in known:
            p = items[node_id].pos()
            self.points[self.node_index[node_id]] = (p.x(), p.y())
        at = np.array([self.node_index[n] for n in known], dtype=np.intp)
        rows = np.flatnonzero(np.isin(self.src, at) | np.isin(self.tgt, at))  # their lines, at C speed
        if len(rows):
            self._recompute(rows)
        self._update_bounds()

    def _recompute(self, rows: np.ndarray) -> None:
        if not hasattr(self, "start") or len(self.start) != len(self.keys):
            n = len(self.keys)
            self.start = np.zeros((n, 2))
            self.end = np.zeros((n, 2))
            self.lines: list[QLineF] = [QLineF()] * n
            self.wings: list[tuple[QLineF, QLineF]] = [(QLineF(), QLineF())] * n
        if len(rows) == 0:
            self._groups = None
            return
        self.rows_computed += len(rows)
        r = RADIUS * self._scene.theme.scale
        a = self.points[self.src[rows]]
        b = self.points[self.tgt[rows]]
        d = b - a
        length = np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-9)
        u = d / length[:, None]
        start = a + u * r
        end = b - u * (r + 2)
        self.start[rows] = start
        self.end[rows] = end
        arrows = len(self.keys) <= ARROW_LIMIT
        head = 9.0 * self._scene.theme.scale
        for j, i in enumerate(rows.tolist()):
            sx, sy = start[j]
            ex, ey = end[j]
            self.lines[i] = QLineF(sx, sy, ex, ey)
            if arrows:
                ux, uy = u[j]
                bx, by = ex - ux * head, ey - uy * head
                nx, ny = -uy * head * 0.5, ux * head * 0.5
                self.wings[i] = (QLineF(ex, ey, bx + nx, by + ny), QLineF(ex, ey, bx - nx, by - ny))
        self._groups = None
        self.update()

    def _update_bounds(self) -> None:
        if len(self.points):
            lo = self.points.min(axis=0)
            hi = self.points.max(axis=0)
            rect = QRectF(QPointF(*lo), QPointF(*hi)).adjusted(-60, -60, 60, 60)
        else:
            rect = QRectF()
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self._scene.labels.update_bounds()

    def update(self, *args) -> None:
        """Repaint the lines and the text boxes (weight labels are laid out with the others)."""
        super().update(*args)
        self._scene.labels.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    # ------------------------------------------------------------ hit tests
    # ---------------------------------------------------------------- paint
