"""A legend on the canvas: the gradient colour scale, or the backward pass's text.

It never covers a node: it goes to the first corner of the canvas where it covers none
(bottom-left, top-left, bottom-right, top-right), following zoom and scroll; when every corner
would cover one, the canvas gives up a band (viewport margin) and the legend sits there: at its
bottom, below the scrolled network, or at its right, its lines wrapped narrower, where that leaves
the network more room (a wide, low canvas: the band under it left lesson step 2's network 24 px).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QLinearGradient, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from designer.formatting import format_number

PAD = 8
CLEAR_PX = 6  # screen pixels kept between the legend and a node (h2's name touched its top edge)
MIN_INTERVAL_S = 0.25
#: widths tried for a band beside the canvas, as shares of its width (the narrowest that is not too tall;
#: whether it is taken at all, the network's size beside it and above a band at the bottom decides): up to
#: 0.6 only, lesson step 2's walk with a line more at 1229×691 found none low enough and went into a band
#: under the canvas that left the network 61 px, cut off
SIDE_SHARES = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
#: presenting, a band under the canvas takes at most this share of its height, a longer text shown a page
#: at a time (→ turns it): at 1280×720 the backward walk's 11 wrapped lines took 365 of the canvas's 478 px
#: and left lesson step 8's 2-3-3-1 network a strip, cut off at zoom 0.1
PRESENTING_BAND_SHARE = 0.55


def page_footer(page: int, count: int) -> str:
    """The last line of a page of a text shown a page at a time: where it is, and the key for the rest."""
    return f"({page + 1}/{count}) → or PageDown: more" if page + 1 < count else f"({count}/{count}) ← or PageUp: back"


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
    #: the band under or beside the canvas was given, given back or resized: the canvas has another room
    #: (a fit follows)
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
        #: presenting, a text too tall for its band: its wrapped lines by page (none: shown whole)
        self.pages: list[list[str]] = []
        self.page = 0
        self.limit: float | None = None
        self._shown_at = 0.0
        #: the newest scale that came too soon after the last one shown: shown once the interval is over
        self._pending: tuple[float, str, str] | None = None
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.timeout.connect(self._show_pending)
        self._placing = False
        #: the canvas widget's inner size (scroll bars and bands included) when the legend was last placed
        self._band_port = QSize()
        self._full_size = (0, 0)  # its size with its lines wrapped to the canvas's width, when last placed
        #: the text's layouts by room, kept while the text, scale bar and font stay: an update and the
        #: placement it may ask for measure the same lines (each layout measures every word's advance)
        self._layouts: dict[float, tuple[list[str], tuple[int, int]]] = {}
        self._layouts_of: tuple | None = None
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
        if lines[:2] != self.lines[:2]:
            self.page = 0  # another text (a walk's next level): from its first page (a line added: kept)
        self.limit = limit
        self.lines = lines
        self._resize()

    def turn_page(self, direction: int) -> bool:
        """→ / ← while presenting a text shown a page at a time: its next or previous page; False where
        there is none that way (the key then does what it does otherwise)."""
        page = self.page + direction
        if not (self.isVisible() and self.pages and 0 <= page < len(self.pages)):
            return False
        self.page = page
        self._show_wrapped(self._page_lines(), (self.width(), self.height()))
        return True

    def _page_lines(self) -> list[str]:
        self.page = min(self.page, len(self.pages) - 1)
        return [*self.pages[self.page], page_footer(self.page, len(self.pages))]

    def _paged(self, room: float, most: float) -> tuple[list[list[str]], tuple[int, int]]:
        """The text in pages no taller than ``most`` pixels (a footer line each), whole lines of it to a
        page, its lines wrapped to ``room``; the size that holds the largest page."""
        metrics = QFontMetricsF(self.theme.screen_font(9))
        bar = 34 * self.theme.scale if self.limit else 0
        per_page = max(int((most - 2 * PAD - bar) // metrics.height()) - 1, 1)
        pages: list[list[str]] = [[]]
        for line in self.lines:
            parts = wrap(line, metrics, room - 2 * PAD)
            if pages[-1] and len(pages[-1]) + len(parts) > per_page:
                pages.append([])
            pages[-1] += parts
        footers = [page_footer(i, len(pages)) for i in range(len(pages))]
        texts = [t for page in pages for t in page] + footers
        width = max(metrics.horizontalAdvance(t) for t in texts) + 2 * PAD
        height = metrics.height() * (max(len(page) for page in pages) + 1) + 2 * PAD + bar
        return pages, (int(min(max(width, 260 * self.theme.scale), room)), int(height))

    def text(self) -> str:
        return "\n".join(self.lines)

    def _layout(self, room: float) -> tuple[list[str], tuple[int, int]]:
        """The lines wrapped to ``room`` pixels and the legend's size with them, measured once per text."""
        font = self.theme.screen_font(9)
        text = (tuple(self.lines), bool(self.limit), self.theme.scale, font.key())
        if text != self._layouts_of or len(self._layouts) > 16:  # (a window resized by hand: a room a pixel)
            self._layouts_of, self._layouts = text, {}
        layout = self._layouts.get(room)
        if layout is None:
            layout = self._layouts[room] = self._measure(QFontMetricsF(font), room)
        return layout

    def _measure(self, metrics: QFontMetricsF, room: float) -> tuple[list[str], tuple[int, int]]:
        lines = [part for line in self.lines for part in wrap(line, metrics, room - 2 * PAD)]
        width = max((metrics.horizontalAdvance(t) for t in lines), default=100) + 2 * PAD
        height = metrics.height() * len(lines) + 2 * PAD + (34 * self.theme.scale if self.limit else 0)
        return lines, (int(min(max(width, 260 * self.theme.scale), room)), int(height))

    def _full_room(self) -> int:
        """The canvas's width without a band at its side, less a margin: never wider than the canvas."""
        view = self.parentWidget()
        return max(view.viewport().width() + view.viewportMargins().right() - 20, 200)

    def _resize(self) -> None:
        """New text: placed again where its size changes (a resize re-exposes the canvas under it, and a
        placement measures every node: during training the numbers change a few times a second)."""
        lines, size = self._layout(self._full_room())
        beside = self.parentWidget().viewportMargins().right() > 0
        shown = self._layout(self.width())[0] if beside else lines
        same = size == self._full_size and len(shown) == len(self.shown_lines) and not self.pages
        if self.isVisible() and same:
            self.shown_lines = shown
        else:
            self.place()
        if not self.isVisible():
            self.show()
            self.raise_()
        self.update()

    def place(self, scrolled: bool = False) -> None:
        """Into the first corner of the canvas where it covers nothing of ``occupied``, else below it or
        beside it, whichever leaves the network more room.

        After a scroll a band once given stays (giving it back would scroll again, and so on).
        """
        if self._placing:
            return  # the band's margin scrolls the canvas, which asks again
        self._placing = True
        try:
            view = self.parentWidget()
            margins = view.viewportMargins()
            banded = margins.bottom() > 0 or margins.right() > 0
            # (at another size the band is chosen again: one chosen while the stage settled stayed for good;
            # the size is the widget's, not its viewport's, which a scroll bar coming or going changes: a band
            # given up then came back at once, each change fitting the canvas again, without end)
            self._place(keep_band=scrolled and banded and self._band_port == view.contentsRect().size())
        finally:
            self._placing = False

    @staticmethod
    def _port(view) -> QRect:
        """The canvas's viewport without a band."""
        margins = view.viewportMargins()
        return view.viewport().geometry().adjusted(0, 0, margins.right(), margins.bottom())

    def _place(self, keep_band: bool) -> None:
        view = self.parentWidget()
        margins = view.viewportMargins()
        port = self._port(view)
        self._band_port = view.contentsRect().size()
        self.pages = []
        lines, (w, h) = self._layout(self._full_room())
        self._full_size = (w, h)
        right, bottom = max(port.width() - w - 10, 0), max(port.height() - h - 10, 0)
        corners = [QPoint(10, bottom), QPoint(10, 10), QPoint(right, bottom), QPoint(right, 10)]
        taken = self.occupied() if self.occupied is not None and not keep_band else []
        for corner in corners if not keep_band else []:
            box = QRect(corner.x(), corner.y(), w, h)
            clear = box.adjusted(-CLEAR_PX, -CLEAR_PX, CLEAR_PX, CLEAR_PX)
            if not any(clear.intersects(r) for r in taken):
                self._show_wrapped(lines, (w, h))
                self._set_band(0, 0)
                self.move(port.topLeft() + corner)
                return
        side = self._side_layout(port.width(), port.height())
        beside = (
            margins.right() > 0 if keep_band else side is not None and self._better_beside(taken, port, h, side[1][0])
        )
        most = PRESENTING_BAND_SHARE * port.height() if self.theme.min_text_px > 0 else math.inf
        if not beside and h + 8 > most:  # presenting: under the canvas a page at a time
            pages, (w, h) = self._paged(self._full_room(), most - 8)
            if len(pages) > 1:
                self.pages = pages
                lines = self._page_lines()
        if not beside:
            self._show_wrapped(lines, (w, h))
            self._set_band(h + 8, 0)
            self.move(port.left() + 10, port.top() + port.height() - h - 4)
            return
        lines, (w, h) = side if side is not None else (self.shown_lines, (self.width(), self.height()))
        self._show_wrapped(lines, (w, h))
        self._set_band(0, w + 14)
        self.move(port.left() + port.width() - w - 4, port.top() + 10)

    def _side_layout(self, width: int, height: int) -> tuple[list[str], tuple[int, int]] | None:
        """The narrowest wrapping of :data:`SIDE_SHARES` of the canvas's width that is no taller than it."""
        for share in SIDE_SHARES:
            lines, size = self._layout(max(width * share, 260 * self.theme.scale))
            if size[1] + 20 <= height and size[0] <= width * max(SIDE_SHARES):
                return lines, size
        return None

    def _better_beside(self, taken: list[QRect], port: QRect, band_height: int, side_width: int) -> bool:
        """Whether the network with its nodes at ``taken`` fits larger beside a band at the canvas's right
        than above one at its bottom (in a wide, low canvas a band of wrapped lines under it left the
        network a strip)."""
        if not taken:
            return False
        nodes = QRect(taken[0])
        for r in taken[1:]:
            nodes = nodes.united(r)
        margin = 2 * getattr(self.parentWidget(), "fit_margin_px", 0.0)

        def scale(width: float, height: float) -> float:
            return min((width - margin) / max(nodes.width(), 1), (height - margin) / max(nodes.height(), 1))

        below = scale(port.width(), port.height() - band_height - 8)
        return scale(port.width() - side_width - 14, port.height()) > below

    def _show_wrapped(self, lines: list[str], size: tuple[int, int]) -> None:
        if lines != self.shown_lines or size != (self.width(), self.height()):
            self.shown_lines = lines
            self.resize(*size)
            self.update()

    def _set_band(self, height: int, width: int) -> None:
        """A band ``height`` pixels high under the canvas and ``width`` wide at its right (0: none)."""
        view = self.parentWidget()
        margins = view.viewportMargins()
        if (margins.bottom(), margins.right()) != (height, width):
            view.setViewportMargins(margins.left(), margins.top(), width, height)
            self.band_changed.emit()

    def setVisible(self, visible: bool) -> None:
        """Hidden, it gives the canvas its band back and drops a scale waiting for its turn (shown, it
        brought the legend back a quarter of a second after G switched it off, and every repaint of the
        canvas painted it again)."""
        super().setVisible(visible)
        if not visible:
            self._pending = None
            self._later.stop()
            self._set_band(0, 0)

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
