"""Numbered badges at the neurons while presenting: which number key (1–9, 10 …) focuses which neuron.

A badge's text keeps presentation's floor of 24 px on screen, so where the network is fitted small
(13 neurons in one column at 1280×720) it is larger than the neuron. Drawn at a fixed corner it then
covered its own neuron, the neuron's name and map, and its neighbours' badges. Each badge therefore
goes to the first place around its neuron that is free of every node's body, name and map and of the
badges placed before it (the fit makes room for them among the nodes); weight labels and values avoid the badges in
turn (:meth:`NumberBadges.rects` is kept clear by the label layer).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from designer.ui.canvas.nodes import PORT_RADIUS
from designer.ui.canvas.text import draw_text

GAP = 0.15  # between a badge and what it avoids, in badge diameters
DIAGONAL = math.sqrt(0.5)
COVER = ((0.95, 0.31), (0.81, 0.59), (0.59, 0.81), (0.31, 0.95))  # half-sizes of disc_cover's rectangles
ASIDE, UP = math.cos(math.radians(30)), 0.5  # 30° above the left: clear of the map over the neuron
MAX_AVOIDING = 300  # neurons: beyond this, badges go to their first place (the tests would cost too much)


def neuron_order(network) -> list[str]:
    """Neurons in reading order: by column (x), then top to bottom: key 1 is the first."""
    return sorted(
        network.neurons, key=lambda n: (round(network.neurons[n].position[0]), network.neurons[n].position[1])
    )


def _clear(centre: QPointF, radius: float, discs: list[tuple[float, float, float]], boxes: list[QRectF]) -> bool:
    """True when a disc at ``centre`` overlaps none of ``discs`` (x, y, r) and none of ``boxes``."""
    x, y = centre.x(), centre.y()
    for cx, cy, r in discs:
        if (x - cx) ** 2 + (y - cy) ** 2 < (radius + r) ** 2:
            return False
    for box in boxes:
        nx, ny = min(max(x, box.left()), box.right()), min(max(y, box.top()), box.bottom())
        if (x - nx) ** 2 + (y - ny) ** 2 < radius**2:
            return False
    return True


def badge_spots(parts: list[QRectF], radius: float, diameter: float) -> list[QPointF]:
    """Where a neuron's badge may be centred, best first: upper left of its body (off the lines coming in,
    where their weights go; the number reads before the neuron), left of it, its lower left, left of its
    body and name together (a
    name wider than a small neuron), then the same on the right (past the port), then further out.

    ``parts``: the neuron's body with its port first, then its name (see ``NodeItem.parts``)."""
    body = parts[0]
    whole = QRectF(body)
    for part in parts[1:]:
        whole = whole.united(part)
    half, gap = diameter / 2, diameter * GAP
    y = body.center().y()
    x = body.left() + radius  # the circle's centre (the body's rect includes the port on the right)
    near = radius + gap + half
    right = body.right() + gap + half
    return [
        QPointF(x - near * ASIDE, y - near * UP),
        QPointF(x - near, y),
        QPointF(x - near * DIAGONAL, y + near * DIAGONAL),
        QPointF(whole.left() - gap - half, y),
        QPointF(right, y),
        QPointF(x + near * DIAGONAL, y - near * DIAGONAL),
        QPointF(whole.right() + gap + half, y),
        QPointF(whole.left() - 2 * gap - 3 * half, y),
        QPointF(whole.right() + 2 * gap + 3 * half, y),
    ]


def disc_cover(square: QRectF) -> list[QRectF]:
    """Four rectangles with their corners on the disc inscribed in ``square``: their union is the disc
    but for slivers under a twentieth of its radius."""
    c, r = square.center(), square.width() / 2
    return [QRectF(c.x() - w * r, c.y() - h * r, 2 * w * r, 2 * h * r) for w, h in COVER]


class NumberBadges(QGraphicsItem):
    """A numbered disc beside each neuron (only while presenting), placed where it covers nothing."""

    def __init__(self, scene, order: Callable[[object], list[str]], maps: Callable[[], list[QRectF]]) -> None:
        super().__init__()
        self._scene = scene
        self._order = order  # the neurons in key order
        self._maps = maps  # where the neurons' own maps are drawn
        self.setZValue(16)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._rect = QRectF()
        #: each badge's disc and number, as last placed (scene coordinates)
        self.placed: list[tuple[QRectF, str]] = []

    def boundingRect(self) -> QRectF:
        return self._rect  # cached: it may only change after prepareGeometryChange

    def content_rect(self) -> QRectF:
        """Where the badges are: the canvas scrolls over them and fits them in (the scroll range stopped at the
        nodes, and towers-sin's badges 1 and 13 above its top row were off the screen at 1280×720)."""
        return self._rect

    def rects(self) -> list[QRectF]:
        """The squares around the badges' discs."""
        return [rect for rect, _ in self.placed]

    def cover(self) -> list[QRectF]:
        """Rectangles inside the badges' discs that together cover them (no text box covers these): the
        squares around them kept a weight off its line's last free place, beside a disc's corner."""
        return [part for rect, _ in self.placed for part in disc_cover(rect)]

    def diameter(self) -> float:
        """A badge's diameter in scene units: room for two digits at the theme's (floored) size."""
        theme = self._scene.theme
        font = theme.font(9, bold=True)
        metrics = QFontMetricsF(font)
        return max(metrics.height() * 1.25, metrics.horizontalAdvance("88") * 1.2, 20 * theme.scale)

    def refresh(self) -> None:
        """Place the badges again (nodes moved, the zoom changed the text's floor, a new scale)."""
        self.placed = self._layout()
        rect = QRectF()
        for disc, _ in self.placed:
            rect = rect.united(disc)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self.update()

    def _layout(self) -> list[tuple[QRectF, str]]:
        scene = self._scene
        items = scene.node_items
        d = self.diameter()
        half, pad = d / 2, d * GAP / 2
        port = PORT_RADIUS * scene.theme.scale
        discs: list[tuple[float, float, float]] = []  # circles a badge keeps clear of: bodies, ports, badges
        boxes = list(self._maps())  # and rectangles: names, maps
        for item in items.values():
            parts = item.parts()
            p = item.pos()
            discs += [(p.x(), p.y(), item.radius), (p.x() + item.radius, p.y(), port)]
            boxes += parts[1:]
        boxes = [box.adjusted(-pad, -pad, pad, pad) for box in boxes]
        avoid = len(items) <= MAX_AVOIDING
        placed = []
        for number, node_id in enumerate(self._order(scene.network), start=1):
            item = items.get(node_id)
            if item is None:
                continue
            spots = badge_spots(item.parts(), item.radius, d)
            free = (c for c in spots if _clear(c, half + pad, discs, boxes)) if avoid else iter(())
            c = next(free, spots[0])  # no free place: the first one (covering something), the key is still told
            discs.append((c.x(), c.y(), half))
            placed.append((QRectF(c.x() - half, c.y() - half, d, d), str(number)))
        return placed

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        theme = self._scene.theme
        s = theme.scale
        painter.setFont(theme.font(9, bold=True))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for disc, text in self.placed:
            painter.setPen(QPen(QColor(theme.background), 2 * s))
            painter.setBrush(QColor(theme.selection))
            painter.drawEllipse(disc)
            painter.setPen(QColor(theme.background))
            draw_text(painter, disc, Qt.AlignmentFlag.AlignCenter, text)
