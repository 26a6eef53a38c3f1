"""A legend on the canvas: the gradient colour scale, or the backward pass's text.

It never covers a node: it goes to the first corner of the canvas where it covers none
(bottom-left, top-left, bottom-right, top-right), following zoom and scroll; when every corner
would cover one, the canvas gives up a band at its bottom (viewport margin) and the legend sits
there, below the scrolled network.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QLinearGradient, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from designer.formatting import format_number

PAD = 8
CLEAR_PX = 6  # screen pixels kept between the legend and a node (h2's name touched its top edge)
MIN_INTERVAL_S = 0.25


def wrap(line: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """``line`` in pieces no wider than ``width`` (at spaces; a single long word stays whole)."""
    pieces: list[str] = []
    current = ""
    for word in line.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and metrics.horizontalAdvance(candidate) > width:
            pieces.append(current)
            current = word
        else:
            current = candidate
    return [*pieces, current]


class GradientLegend(QWidget):
    #: the band under the canvas was given or given back: the canvas is lower or higher (a fit may follow)
    band_changed = Signal()

    def __init__(self, parent: QWidget, theme, occupied: Callable[[], list[QRect]] | None = None) -> None:
        super().__init__(parent)
        #: the parent's areas the legend should leave free (the nodes on the canvas)
        self.occupied = occupied
        self.setObjectName("gradientLegend")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.theme = theme
        self.lines: list[str] = []
        self.shown_lines: list[str] = []  # the lines wrapped to the canvas's width
        self.limit: float | None = None
        self._shown_at = 0.0
        #: the newest scale that came too soon after the last one shown: shown once the interval is over
        self._pending: tuple[float, str, str] | None = None
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.timeout.connect(self._show_pending)
        self._placing = False
        parent.installEventFilter(self)

    def restyle(self, theme) -> None:
        """Follow a new theme (colours, scale, text floor)."""
        self.theme = theme
        if self.isVisible():
            self._resize()

    def show_scale(self, limit: float, headline: str, symbol: str = "L") -> None:
        """The colour scale under ``headline`` (the loss and its value; ``limit`` 0: every gradient is 0,
        said instead of a scale), the derivatives of ``symbol`` (L, or J for a chain-rule drill's
        objective); during training at most a few times a second.

        Nobody reads a number that changes 60 times a second, and each repaint of this child
        of the canvas costs a composition of the canvas under it.
        """
        now = time.monotonic()
        wait = self._shown_at + MIN_INTERVAL_S - now
        if self.isVisible() and self.limit is not None and wait > 0:
            self._pending = (limit, headline, symbol)  # the last values of a run are never dropped
            if not self._later.isActive():
                self._later.start(math.ceil(wait * 1000))
            return
        self._pending = None
        self._later.stop()
        self._shown_at = now
        self.limit = limit
        self.lines = [
            headline,
            f"lines: ∂{symbol}/∂w   ·   neurons: ∂{symbol}/∂z (summed = ∂{symbol}/∂b)",
            *([] if limit else ["every one is exactly 0: nothing for gradient descent to follow"]),
        ]
        self._resize()

    def _show_pending(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            self._shown_at = 0.0
            self.show_scale(*pending)

    def show_message(self, text: str) -> None:
        self._pending = None
        self._later.stop()
        self.limit = None
        self.lines = [text]
        self._resize()

    def show_lines(self, lines: list[str], limit: float | None = None) -> None:
        self.limit = limit
        self.lines = lines
        self._resize()

    def text(self) -> str:
        return "\n".join(self.lines)

    def _resize(self) -> None:
        metrics = QFontMetricsF(self.theme.screen_font(9))
        room = max(self.parentWidget().viewport().width() - 20, 200)  # never wider than the canvas
        self.shown_lines = [part for line in self.lines for part in wrap(line, metrics, room - 2 * PAD)]
        width = max((metrics.horizontalAdvance(t) for t in self.shown_lines), default=100) + 2 * PAD
        height = metrics.height() * len(self.shown_lines) + 2 * PAD + (34 * self.theme.scale if self.limit else 0)
        size = (int(min(max(width, 260 * self.theme.scale), room)), int(height))
        if size != (self.width(), self.height()):  # a resize re-exposes the canvas under it: only when it grows
            self.resize(*size)
            self.place()
        if not self.isVisible():
            self.place()
            self.show()
            self.raise_()
        self.update()

    def place(self, scrolled: bool = False) -> None:
        """Into the first corner of the canvas where it covers nothing of ``occupied``, else below it.

        After a scroll a band once given stays (giving it back would scroll again, and so on).
        """
        if self._placing:
            return  # the band's margin scrolls the canvas, which asks again
        self._placing = True
        try:
            self._place(keep_band=scrolled and self.parentWidget().viewportMargins().bottom() > 0)
        finally:
            self._placing = False

    def _place(self, keep_band: bool) -> None:
        view = self.parentWidget()
        w, h = self.width(), self.height()
        port = view.viewport().geometry().adjusted(0, 0, 0, view.viewportMargins().bottom())  # without a band
        right, bottom = max(port.width() - w - 10, 0), max(port.height() - h - 10, 0)
        corners = [QPoint(10, bottom), QPoint(10, 10), QPoint(right, bottom), QPoint(right, 10)]
        taken = self.occupied() if self.occupied is not None and not keep_band else []
        for corner in corners if not keep_band else []:
            box = QRect(corner.x(), corner.y(), w, h)
            clear = box.adjusted(-CLEAR_PX, -CLEAR_PX, CLEAR_PX, CLEAR_PX)
            if not any(clear.intersects(r) for r in taken):
                self._set_band(0)
                self.move(port.topLeft() + corner)
                return
        self._set_band(h + 8)
        self.move(port.left() + 10, port.top() + port.height() - h - 4)

    def _set_band(self, height: int) -> None:
        view = self.parentWidget()
        margins = view.viewportMargins()
        if margins.bottom() != height:
            view.setViewportMargins(margins.left(), margins.top(), margins.right(), height)
            self.band_changed.emit()

    def setVisible(self, visible: bool) -> None:
        """Hidden, it gives the canvas its band back."""
        super().setVisible(visible)
        if not visible:
            self._set_band(0)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self.place()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        theme = self.theme
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        background = QColor(theme.background)
        background.setAlpha(235)
        painter.setPen(QPen(QColor(theme.muted_text), 1))
        painter.setBrush(background)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        painter.setFont(theme.screen_font(9))
        metrics = QFontMetricsF(painter.font())
        painter.setPen(QColor(theme.text))
        y = PAD + metrics.ascent()
        for line in self.shown_lines:
            painter.drawText(QPointF(PAD, y), line)
            y += metrics.height()
        if not self.limit or not math.isfinite(self.limit):  # an exception here, in a paint event, crashed Qt
            return
        bar = QRectF(PAD, y - metrics.ascent() + 4, self.width() - 2 * PAD, 10 * theme.scale)
        gradient = QLinearGradient(bar.topLeft(), bar.topRight())
        gradient.setColorAt(0.0, QColor(theme.negative))
        gradient.setColorAt(0.5, QColor(theme.neutral))
        gradient.setColorAt(1.0, QColor(theme.positive))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(gradient)
        painter.drawRect(bar)
        painter.setPen(QColor(theme.muted_text))
        text_y = bar.bottom() + metrics.ascent() + 1
        value = format_number(float(f"{self.limit:.3g}"))
        painter.drawText(QPointF(bar.left(), text_y), f"−{value}")
        zero_w = metrics.horizontalAdvance("0")
        painter.drawText(QPointF(bar.center().x() - zero_w / 2, text_y), "0")
        plus = f"+{value}"
        painter.drawText(QPointF(bar.right() - metrics.horizontalAdvance(plus), text_y), plus)
