"""A ring drawn round a neuron (the forward walk's, the backward pass's) leaves the neuron's name clear.

The rings sit 7 px outside the neuron, where its name ("OR", "AND") is written under it: the walks drew
them through the name at every scale. The ring is drawn as arcs that skip where it would cross the name.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPen

STEPS = 360  # points tried round the ring: a degree each


def draw_ring(painter: QPainter, center: QPointF, radius: float, pen: QPen, clear_of: QRectF | None) -> None:
    """A circle of ``radius`` round ``center`` in ``pen``, its stroke half a stroke's width clear of
    ``clear_of`` (in the painter's coordinates)."""
    painter.setPen(pen)
    box = QRectF(center.x() - radius, center.y() - radius, 2 * radius, 2 * radius)
    if clear_of is None:
        painter.drawEllipse(center, radius, radius)
        return
    for start, span in ring_arcs(center, radius, clear_of.adjusted(*_grown(pen.widthF()))):
        painter.drawArc(box, round(start * 16), round(span * 16))


def caption_at(scene, node_id: str, center: QPointF) -> QRectF | None:
    """The name of the node drawn at ``center`` (where its ring goes), in the same coordinates."""
    item = scene.node_items.get(node_id)
    rect = item.caption_rect() if item is not None else None
    return rect.translated(center) if rect is not None else None


def ring_arcs(center: QPointF, radius: float, keep_clear: QRectF) -> list[tuple[float, float]]:
    """The arcs (start and span in degrees, counter-clockwise from 3 o'clock as Qt draws them) of the
    circle that stay outside ``keep_clear``; the whole circle when none of it is inside."""
    free = [not keep_clear.contains(_on_circle(center, radius, i)) for i in range(STEPS)]
    if all(free):
        return [(0.0, 360.0)]
    if not any(free):
        return []
    first = free.index(False)  # runs are counted from a blocked point: none wraps round the start
    arcs, run = [], None
    for k in range(1, STEPS + 1):
        i = (first + k) % STEPS
        if free[i] and run is None:
            run = k
        elif not free[i] and run is not None:
            arcs.append(((first + run) % STEPS * 360 / STEPS, (k - 1 - run) * 360 / STEPS))
            run = None
    return arcs


def _on_circle(center: QPointF, radius: float, step: int) -> QPointF:
    """The ``step``-th point round the circle, at Qt's angle (y grows downwards on screen)."""
    angle = math.radians(step * 360 / STEPS)
    return QPointF(center.x() + radius * math.cos(angle), center.y() - radius * math.sin(angle))


def _grown(by: float) -> tuple[float, float, float, float]:
    return -by, -by, by, by
