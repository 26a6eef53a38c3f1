"""A picture of what an item drew, in the view's pixels, drawn again only when what it shows changes.

The canvas repaints at every training frame (the lines' colours move), and every item over the lines is
painted again with them. The text boxes (a pinned probe's 131 values at 2-64-64-1, presentation's 88
weights at 2-8-8-1) change only on the frames that update the views, or not at all while paused; drawn
box by box (rounded rectangle, text laid out) they cost 3-7 ms of every repaint. Here they are drawn once
into a pixmap of the view's pixels they cover, and that pixmap is put on the screen until what they show,
the view's transform or the viewport changes (Qt's ``DeviceCoordinateCache`` is invalidated by every
``update()``, and the boxes' item is updated whenever the lines under it are).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QPainter, QPixmap, QTransform
from PySide6.QtWidgets import QWidget

#: device pixels added around the drawn area (antialiased edges and a 1 px border reach half a pixel out)
EDGE = 2


def _transform_key(t: QTransform) -> tuple[float, ...]:
    return (t.m11(), t.m12(), t.m13(), t.m21(), t.m22(), t.m23(), t.m31(), t.m32(), t.m33())


class PictureCache:
    """One pixmap of an item's drawing in device pixels, kept while ``key`` and the view stay the same."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._pixmap = QPixmap()
        self._at = QPoint()
        self.drawn = 0  # how often the picture was drawn again (tests count it)
        self.shown = 0  # how often it was put on the screen

    def clear(self) -> None:
        self._key = None
        self._pixmap = QPixmap()

    def paint(
        self,
        painter: QPainter,
        widget: QWidget,
        key: tuple,
        area: Callable[[], QRectF],
        draw: Callable[[QPainter], None],
    ) -> None:
        """Paint ``draw``'s picture of ``area()`` (item coordinates) through ``painter`` on ``widget``; ``draw``
        is called again only when ``key``, the painter's transform or the widget's size changed."""
        transform = painter.worldTransform()
        ratio = painter.device().devicePixelRatioF()
        full = (key, _transform_key(transform), widget.width(), widget.height(), ratio, painter.renderHints().value)
        if full != self._key:
            self._draw(painter, widget, transform, ratio, area, draw)
            self._key = full
        if self._pixmap.isNull():
            return
        self.shown += 1
        painter.save()
        painter.resetTransform()
        painter.drawPixmap(self._at, self._pixmap)
        painter.restore()

    def _draw(
        self,
        painter: QPainter,
        widget: QWidget,
        transform: QTransform,
        ratio: float,
        area: Callable[[], QRectF],
        draw: Callable[[QPainter], None],
    ) -> None:
        self.drawn += 1
        rect = transform.mapRect(area()).toAlignedRect().adjusted(-EDGE, -EDGE, EDGE, EDGE)
        rect = rect.intersected(QRect(0, 0, widget.width(), widget.height()))
        if rect.isEmpty():
            self._pixmap = QPixmap()
            return
        pixmap = QPixmap(round(rect.width() * ratio), round(rect.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        into = QPainter(pixmap)
        try:
            into.setRenderHints(painter.renderHints())
            into.setTransform(transform * QTransform.fromTranslate(-rect.x(), -rect.y()))
            draw(into)
        finally:
            into.end()
        self._pixmap, self._at = pixmap, rect.topLeft()
