"""Small pictures of activation curves: on neurons, in the activation combo box, in menus."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

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
    """Draw the activation curve of ``name`` inside ``rect`` with faint axes."""
    painter.save()
    painter.translate(rect.topLeft())
    painter.scale(rect.width(), rect.height())
    axis = QPen(QColor(color.red(), color.green(), color.blue(), 70), 0)
    axis.setCosmetic(True)
    painter.setPen(axis)
    painter.drawLine(QPointF(0, 0.5), QPointF(1, 0.5))
    painter.drawLine(QPointF(0.5, 0), QPointF(0.5, 1))
    pen = QPen(color, width)
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(unit_path(name))
    painter.restore()


def activation_icon(name: str, size: int = 32, color: str = "#1d232a") -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    m = size * 0.12
    draw_glyph(painter, QRectF(m, m, size - 2 * m, size - 2 * m), name, QColor(color), 2.0)
    painter.end()
    return QIcon(pixmap)
