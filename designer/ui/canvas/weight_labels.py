"""The weight written on each line: "Show weights", or the hovered line's, as text boxes to lay out.

A part of :class:`~designer.ui.canvas.connections.ConnectionLayer` (its base class), apart from the
lines themselves: it asks the label layer (``labels.py``) for room among the other text boxes, and
is made again only when the numbers, the lines or the model moved. The layer provides ``keys``,
``start``, ``end``, ``weights``, ``position_of``, ``hovered``, ``show_weights``, ``_cached_labels``,
``_scene`` and the pens' ``_values``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from designer.formatting import format_weight
from designer.ui.canvas.labels import HOVERED, WEIGHT, LabelRequest, node_geometry

if TYPE_CHECKING:
    from designer.ui.canvas.connections import Key

LABEL_LIMIT = 600  # weight labels below this many connections
#: where along a line (0: source, 1: target) its weight label may sit, best first: near the target,
#: so labels of lines fanning into one neuron separate
LABEL_SPOTS = (0.6, 0.45, 0.75, 0.3, 0.85, 0.2, 0.52, 0.38, 0.68, 0.25, 0.8, 0.15)


class WeightLabels:
    """The weight labels of the lines, as label requests (cached while nothing they show changed)."""

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
