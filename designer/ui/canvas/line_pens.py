"""How the connection layer draws its lines: a few pens by sign and magnitude, one ``drawLines`` each.

A part of :class:`~designer.ui.canvas.connections.ConnectionLayer` (its base class), apart from where
the lines are (``connections.py``): weights map to a few (sign, width) buckets, and each bucket is one
``drawLines`` call. A weight of exactly 0 has a pen of its own: dashed, in the theme's muted text
colour, so a line just drawn (weight 0) reads as "connected, nothing passes yet" on any background
instead of vanishing in the neutral grey; small non-zero weights keep their sign's tint. The layer
provides ``keys``, ``lines``, ``wings``, ``weights``, ``position_of``, ``hovered``, ``display_values``,
``display_limit``, ``_groups`` and ``_scene``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QLineF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

if TYPE_CHECKING:
    from designer.ui.canvas.connections import Key

BUCKETS = 6
#: the pen group of lines whose value is exactly 0 (drawn first, under the others)
ZERO = -1
#: the zero pen: its width (× theme scale) and dash pattern (in pen widths)
ZERO_WIDTH, ZERO_DASHES = 1.5, (4.0, 3.0)
ARROW_LIMIT = 3000  # draw arrowheads below this many connections
HIGHLIGHT_MARGIN = 2.0  # a hovered or selected line is drawn this much wider on each side (× theme scale)


class LinePens:
    """The lines' pen groups and their painting, the selected and hovered lines on top."""

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
