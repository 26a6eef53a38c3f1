"""All connections drawn by one item, batched by pen.

One QGraphicsItem per connection stops scaling long before 20,000 connections (the scene
index and per-item paint overhead); here the geometry lives in numpy arrays and a cached
QLineF per connection, weights map to a few (sign, width) buckets, and each bucket is one
``drawLines`` call. A weight of exactly 0 has a pen of its own: dashed, in the theme's muted text
colour, so a line just drawn (weight 0) reads as "connected, nothing passes yet" on any background
instead of vanishing in the neutral grey; small non-zero weights keep their sign's tint.

Hover, selection and editing still work per connection: the scene asks
:meth:`ConnectionLayer.connection_at` (a vectorised distance test) what is under the mouse.
"""

from __future__ import annotations

from itertools import compress
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from designer.formatting import format_weight
from designer.ui.canvas.labels import HOVERED, WEIGHT, CachedRequests, LabelRequest, node_geometry
from designer.ui.canvas.nodes import RADIUS
from designer.ui.coalesce import Coalesced

if TYPE_CHECKING:
    from designer.ui.canvas.scene import NetworkScene

Key = tuple[str, str]
BUCKETS = 6
#: the pen group of lines whose value is exactly 0 (drawn first, under the others)
ZERO = -1
#: the zero pen: its width (× theme scale) and dash pattern (in pen widths)
ZERO_WIDTH, ZERO_DASHES = 1.5, (4.0, 3.0)
ARROW_LIMIT = 3000  # draw arrowheads below this many connections
LABEL_LIMIT = 600  # weight labels below this many connections
#: where along a line (0: source, 1: target) its weight label may sit, best first: near the target,
#: so labels of lines fanning into one neuron separate
LABEL_SPOTS = (0.6, 0.45, 0.75, 0.3, 0.85, 0.2, 0.52, 0.38, 0.68, 0.25, 0.8, 0.15)


HIGHLIGHT_MARGIN = 2.0  # a hovered or selected line is drawn this much wider on each side (× theme scale)
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


class ConnectionLayer(QGraphicsItem):
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
    def _distances(self, x: float, y: float) -> np.ndarray:
        """Distance from (x, y) to every line's centre (scene units)."""
        p = np.array([x, y])
        d = self.end - self.start
        length2 = np.maximum((d * d).sum(axis=1), 1e-12)
        t = np.clip(((p - self.start) * d).sum(axis=1) / length2, 0.0, 1.0)
        nearest = self.start + d * t[:, None]
        return np.sqrt(((nearest - p) ** 2).sum(axis=1))

    def half_widths(self) -> np.ndarray:
        """Half of each line's drawn width (scene units): thick lines are easier to hit."""
        values, limit = self._values()
        return 0.5 * self._scene.theme.scale * (1.0 + 5.0 * np.minimum(np.abs(values) / max(limit, 1e-12), 1.0))

    def connection_at(self, pos: QPointF, tolerance: float) -> Key | None:
        """The connection drawn on top at ``pos`` (the hovered and selected ones drawn wider, over the
        rest); off every line, the one whose drawn edge is nearest, within ``tolerance`` (scene units).
        Hover, click, double-click, wheel and menu all ask here: where two lines cross they act on the
        one seen on top (the nearest centre was often the line underneath)."""
        if not self.keys:
            return None
        gap = self._distances(pos.x(), pos.y()) - self.half_widths()
        margin = HIGHLIGHT_MARGIN * self._scene.theme.scale
        near = np.flatnonzero(gap <= margin)  # a few lines: only they may be drawn under the pointer
        lit = self._highlight_ranks(near)
        under = [i for i in near.tolist() if gap[i] <= (margin if i in lit else 0.0)]
        if under:
            return self.keys[self._top_of(np.array(under, dtype=np.intp), lit)]
        i = int(np.argmin(gap))
        return self.keys[i] if gap[i] <= tolerance else None

    def _highlight_ranks(self, rows: np.ndarray) -> dict[int, int]:
        """Those of ``rows`` drawn highlighted (wider, over the rest): 1 selected, 2 hovered (drawn last)."""
        selected = self._scene.selected_connections
        keys = self.keys
        ranks = {i: 1 for i in rows.tolist() if keys[i] in selected}
        hovered = self.position_of.get(self.hovered) if self.hovered is not None else None
        if hovered is not None and hovered in rows and hovered not in ranks:
            ranks[hovered] = 2
        return ranks

    def _top_of(self, rows: np.ndarray, lit: dict[int, int]) -> int:
        """Which of these lines :meth:`paint` draws last: the highlighted over the rest (the hovered one
        last), else the highest pen group, and in a group the later line."""
        rank = np.array([lit.get(i, 0) for i in rows.tolist()])
        n = len(self.keys)
        groups = self._codes(rows) - ZERO  # 0 (exactly 0) … 2 · BUCKETS
        return int(rows[np.argmax((rank * (2 * BUCKETS + 1) + groups) * n + rows)])

    def distance_to_lines(self, x: float, y: float) -> float:
        """How far (x, y) is from the nearest line's edge (inf without lines): new nodes keep clear of lines."""
        if not self.keys:
            return float("inf")
        return float(np.min(self._distances(x, y) - self.half_widths()))

    def midpoint(self, key: Key) -> QPointF:
        i = self.position_of[key]
        m = (self.start[i] + self.end[i]) / 2
        return QPointF(float(m[0]), float(m[1]))

    # ---------------------------------------------------------------- paint
    def _values(self) -> tuple[np.ndarray, float]:
        if self._showing_other_values():
            return self.display_values, self.display_limit
        return self.weights, 3.0

    def _codes(self, rows: np.ndarray | None = None) -> np.ndarray:
        """Each line's pen group (sign · BUCKETS + width bucket; :data:`ZERO` for exactly 0), or these
        lines': drawn in rising order."""
        values, limit = self._values()
        if rows is not None:
            values = values[rows]
        magnitude = np.minimum(np.abs(values) / max(limit, 1e-12), 1.0)
        bucket = np.rint(magnitude * (BUCKETS - 1)).astype(int)
        sign = (values >= 0).astype(int)
        return np.where(values == 0, ZERO, sign * BUCKETS + bucket)

    def _grouped(self) -> list[tuple[int, list[QLineF], list[QLineF]]]:
        """(pen group, lines, arrowheads' wings) for each non-empty pen group."""
        if self._groups is not None:
            return self._groups
        code = self._codes()
        arrows = len(self.keys) <= ARROW_LIMIT
        groups = []
        order = np.argsort(code, kind="stable")
        codes = code[order]
        bounds = np.flatnonzero(np.diff(codes)) + 1
        lines, wings = self.lines, self.wings
        for chunk in np.split(order, bounds):
            if not len(chunk):
                continue
            idx = chunk.tolist()
            heads = [w for i in idx for w in wings[i]] if arrows else []
            groups.append((int(code[chunk[0]]), [lines[i] for i in idx], heads))
        self._groups = groups
        return groups

    def pen_for(self, code: int) -> QPen:
        """The pen of a pen group (:meth:`_codes`): colour and width by sign and magnitude; small
        non-zero values keep a tint of their sign, exactly 0 is the dashed zero pen."""
        theme = self._scene.theme
        if code == ZERO:
            pen = QPen(theme.color("muted_text"), theme.scale * ZERO_WIDTH)
            pen.setDashPattern(list(ZERO_DASHES))
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            return pen
        sign, bucket = divmod(code, BUCKETS)
        magnitude = bucket / (BUCKETS - 1)
        color = theme.weight_color((1 if sign else -1) * max(magnitude, 1e-9), 1.0)
        pen = QPen(color, theme.scale * (1.0 + 5.0 * magnitude))
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)  # round caps cost much more to rasterise
        return pen

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if not self.keys:
            return
        many = len(self.keys) > ARROW_LIMIT
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, not many)
        for code, lines, heads in self._grouped():
            pen = self.pen_for(code)
            painter.setPen(pen)
            painter.drawLines(lines)
            if heads and code == ZERO:  # a dashed arrowhead falls apart: solid, in the same colour
                pen.setStyle(Qt.PenStyle.SolidLine)
                painter.setPen(pen)
            if heads:
                painter.drawLines(heads)
        self._paint_highlights(painter)

    def _highlighted(self) -> list[tuple[Key, str]]:
        """The selected lines, then the hovered one, with their highlight colour: drawn in this order."""
        chosen = [(k, "selection") for k in self._scene.selected_connections if k in self.position_of]
        if self.hovered in self.position_of and self.hovered not in self._scene.selected_connections:
            chosen.append((self.hovered, "hover"))
        return chosen

    def _paint_highlights(self, painter: QPainter) -> None:
        theme = self._scene.theme
        for key, color in self._highlighted():
            i = self.position_of[key]
            values, limit = self._values()
            width = theme.scale * (1.0 + 5.0 * min(abs(values[i]) / limit, 1.0)) + 2 * HIGHLIGHT_MARGIN * theme.scale
            pen = QPen(theme.color(color), width)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.drawLine(self.lines[i])

    def _shortest_first(self, keys: list[Key]) -> list[Key]:
        """Short lines have the fewest places for a label: they choose first (in a 3×3 layer the
        straight line between the middle neurons, crossed by the diagonals at its centre, lost its
        label to theirs)."""
        rows = np.array([self.position_of[k] for k in keys], dtype=int)
        length = np.hypot(*(self.end[rows] - self.start[rows]).T)
        return [keys[j] for j in np.argsort(length, kind="stable")]

    def weight_labels(self) -> list[LabelRequest]:
        """The weight on each line (all of them with "Show weights", else the hovered line's). Made again
        only when the numbers, the lines or the model moved; during a training run the numbers follow the
        frames that update the views (every n-th, see ``live/frames.py``), as the maps do: written and
        placed again at every frame, 88 labels took 58 ms of each repaint while presenting a 2-8-8-1 net."""
        if not self.keys:
            return []
        session = self._scene.values
        edits = getattr(session, "edits", None)
        if edits is None:  # no live session to say when values move: made each time
            return self._weight_labels()
        values, _ = self._values()
        theme = self._scene.theme
        in_run = values is self.weights and session.in_run
        key = (
            ("run", session.frames) if in_run else ("values", id(values)),
            edits,
            self.show_weights,
            self.hovered,
            id(self.keys),
            id(theme),
            theme.scale,
            theme.canvas_zoom,
            node_geometry(self._scene),
        )
        return self._cached_labels.get(key, (values, theme), self._weight_labels)

    def _weight_labels(self) -> list[LabelRequest]:
        if self.show_weights and len(self.keys) <= LABEL_LIMIT:
            keys = self.keys
        elif self.hovered in self.position_of:
            keys = [self.hovered]
        else:
            return []
        theme = self._scene.theme
        font = theme.font(8.5, bold=True)
        values, _ = self._values()
        dark_text = QColor(theme.background).lightness() >= 128  # dark themes: lighter label colours
        requests = []
        for key in self._shortest_first(keys):
            i = self.position_of[key]
            start, end = self.start[i], self.end[i]
            color = theme.weight_color(float(values[i]))
            requests.append(
                LabelRequest(
                    "weight",
                    [format_weight(float(values[i]))],
                    [QPointF(*(start + t * (end - start))) for t in LABEL_SPOTS],
                    font,
                    color.darker(130) if dark_text else color.lighter(135),
                    rank=HOVERED if key == self.hovered else WEIGHT,
                    owners=key,
                    background_alpha=255,
                    key=key,
                )
            )
        return requests
