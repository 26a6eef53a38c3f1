"""What presenting draws over the window: the pointer ring around the mouse, and the blank screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget


class PointerRing(QWidget):
    """A large ring around the mouse pointer, drawn over the whole stage (mouse events pass through)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("pointerRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.center: QPointF | None = None
        self.radius = 44.0
        self.width_px = 6.0
        self.color = QColor("#7b3fe4")
        self.hide()

    def _rect(self) -> QRect:
        if self.center is None:
            return QRect()
        r = self.radius + self.width_px
        return QRectF(self.center.x() - r, self.center.y() - r, 2 * r, 2 * r).toAlignedRect().adjusted(-2, -2, 2, 2)

    def follow(self, global_pos: QPointF) -> None:
        """Move the ring to a global position; only the old and new ring areas repaint."""
        old = self._rect()
        self.center = QPointF(self.mapFromGlobal(global_pos.toPoint()))
        self.update(old.united(self._rect()))

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.center is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = QColor(self.color)
        color.setAlpha(200)
        painter.setPen(QPen(color, self.width_px))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(self.center, self.radius, self.radius)


class MouseFollower(QObject):
    """Feeds mouse moves anywhere in the window to the pointer ring (installed while it shows)."""

    def __init__(self, ring: PointerRing) -> None:
        super().__init__(ring)
        self.ring = ring

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseMove and self.ring.isVisible():
            self.ring.follow(event.globalPosition())
        return False


class BlankScreen(QWidget):
    """All black over the whole window, like a projector's blank button (B or . while presenting)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("blankScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()

    def cover(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()

    def paintEvent(self, event: QPaintEvent) -> None:
        QPainter(self).fillRect(self.rect(), QColor("#000000"))
