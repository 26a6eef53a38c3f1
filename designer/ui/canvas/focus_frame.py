"""The canvas's focus frame: a 2 px frame in the highlight colour just inside the viewport's edge
while the canvas has the keyboard focus, so a keyboard user sees where Tab, Enter and the tool keys
go (the canvas draws no focus rectangle of its own).

Editing chrome, like the grid: a scene drawn without its grid (presenting, figures) shows none.
Kept apart from ``view.py``'s gestures: :class:`FocusFramedView` is the zooming view with the frame,
and the canvas view builds on it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QPainter, QPalette, QPen, QRegion
from PySide6.QtWidgets import QGraphicsView

from designer.ui.canvas.zoom import ZoomingView

FRAME_WIDTH = 2


def frame_shown(view: QGraphicsView) -> bool:
    scene = view.scene()
    return view.hasFocus() and getattr(scene, "show_grid", True)


def paint_focus_frame(view: QGraphicsView) -> None:
    """Draw the frame over what the view painted (call after its own paint)."""
    if not frame_shown(view):
        return
    painter = QPainter(view.viewport())
    pen = QPen(view.palette().color(QPalette.ColorRole.Highlight), FRAME_WIDTH)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    half = FRAME_WIDTH / 2  # the pen is centred on the rectangle: all of it inside the viewport
    painter.drawRect(QRectF(view.viewport().rect()).adjusted(half, half, -half, -half))
    painter.end()


def frame_region(view: QGraphicsView, dx: int = 0, dy: int = 0) -> QRegion:
    """The bands along the viewport's edges the frame covers, widened by a scroll of (dx, dy): a scroll
    copies the pixels, the old frame with them, that far inwards."""
    rect = view.viewport().rect()
    across, down = FRAME_WIDTH + abs(dx), FRAME_WIDTH + abs(dy)
    region = QRegion(QRect(rect.left(), rect.top(), across, rect.height()))
    region += QRegion(QRect(rect.right() + 1 - across, rect.top(), across, rect.height()))
    region += QRegion(QRect(rect.left(), rect.top(), rect.width(), down))
    region += QRegion(QRect(rect.left(), rect.bottom() + 1 - down, rect.width(), down))
    return region


class FocusFramedView(ZoomingView):
    """A :class:`ZoomingView` that draws the focus frame and keeps it whole through focus changes and scrolls."""

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        paint_focus_frame(self)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.viewport().update(frame_region(self))

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.viewport().update(frame_region(self))

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if frame_shown(self):  # the scroll moved the frame's pixels inwards with the network
            self.viewport().update(frame_region(self, dx, dy))
