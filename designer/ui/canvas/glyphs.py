"""Small pictures of activation curves: on neurons, in the activation combo box, in menus."""

from __future__ import annotations

import math
from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPainterPath, QPen, QPixmap, QTransform
from PySide6.QtWidgets import QComboBox, QMenu

from designer.ui.theme import desktop_theme

# g(z) sampled on z in [-1, 1] (scaled per activation), mapped to y in [0, 1]
_SAMPLES = 33


def _curve(name: str) -> list[tuple[float, float]]:
    pts = []
    for i in range(_SAMPLES):
        t = i / (_SAMPLES - 1)  # 0..1
        z = (t - 0.5) * 2
        if name == "sigmoid":
            y = 1 / (1 + math.exp(-6 * z))
        elif name == "tanh":
            y = (math.tanh(3 * z) + 1) / 2
        elif name == "relu":
            y = max(0.0, z) * 0.9 + 0.05
        elif name == "step":
            y = 0.95 if z >= 0 else 0.05
        else:  # linear
            y = 0.05 + 0.9 * t
        pts.append((t, y))
    return pts


_PATHS: dict[str, QPainterPath] = {}


def unit_path(name: str) -> QPainterPath:
    """The curve in the unit square (y up is 1), cached."""
    path = _PATHS.get(name)
    if path is None:
        path = QPainterPath()
        pts = _curve(name)
        if name == "step":  # a vertical riser, not a slope
            path.moveTo(0, 1 - 0.05)
            path.lineTo(0.5, 1 - 0.05)
            path.lineTo(0.5, 1 - 0.95)
            path.lineTo(1, 1 - 0.95)
        else:
            path.moveTo(pts[0][0], 1 - pts[0][1])
            for x, y in pts[1:]:
                path.lineTo(x, 1 - y)
        _PATHS[name] = path
    return path


def draw_glyph(painter: QPainter, rect: QRectF, name: str, color: QColor, width: float = 1.6) -> None:
    """Draw the activation curve of ``name`` inside ``rect`` with faint axes.

    The curve is mapped into ``rect`` and stroked in the painter's own units (no scaling transform,
    no cosmetic pen): an SVG export then needs no ``non-scaling-stroke``, which many renderers ignore
    (they would draw a pen 1.6 units wide in the unit square, scaled up into a blot).
    """
    to_rect = QTransform.fromTranslate(rect.left(), rect.top()).scale(rect.width(), rect.height())
    painter.save()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor(color.red(), color.green(), color.blue(), 70), 0.35 * width))
    middle = rect.center()
    painter.drawLine(QPointF(rect.left(), middle.y()), QPointF(rect.right(), middle.y()))
    painter.drawLine(QPointF(middle.x(), rect.top()), QPointF(middle.x(), rect.bottom()))
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.drawPath(to_rect.map(unit_path(name)))
    painter.restore()


def activation_icon(name: str, size: int = 32, color: str | None = None) -> QIcon:
    """The glyph for combo boxes and menus, in the desktop's text colour (``color`` None): a fixed dark
    glyph vanished on a dark desktop's fields and menus."""
    if color is None:
        color = desktop_theme(QGuiApplication.palette()).text
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    m = size * 0.12
    draw_glyph(painter, QRectF(m, m, size - 2 * m, size - 2 * m), name, QColor(color), 2.0)
    painter.end()
    return QIcon(pixmap)


def recolor_activation_icons(combos: Iterable[QComboBox], menu: QMenu) -> None:
    """The glyphs of combo boxes (item data: the activation) and of a menu (action text: the activation)
    again in the desktop's text colour, after it switched between light and dark."""
    for combo in combos:
        for i in range(combo.count()):
            combo.setItemIcon(i, activation_icon(combo.itemData(i)))
    for action in menu.actions():
        if action.text():
            action.setIcon(activation_icon(action.text()))
