"""What connection is under the pointer: a vectorised distance test over every line.

A part of :class:`~designer.ui.canvas.connections.ConnectionLayer` (its base class), apart from where
the lines are and how they are drawn: hover, click, double-click, wheel and menu all ask
:meth:`LineHits.connection_at`, which answers with the line drawn on top. The layer provides ``keys``,
``start``, ``end``, ``position_of``, ``hovered``, ``_scene`` and the pens' ``_values`` and ``_codes``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF

from designer.ui.canvas.line_pens import BUCKETS, HIGHLIGHT_MARGIN, ZERO

if TYPE_CHECKING:
    from designer.ui.canvas.connections import Key


class LineHits:
    """Hit tests of the lines: the one on top at a point, how far a point is from every line."""

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
