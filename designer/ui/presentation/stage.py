"""The presentation's central widget: canvas and/or decision regions side by side, an optional
math or code panel below, a caption for messages and hints, and the pointer ring.

The canvas view and the region view are borrowed from the window while presenting and given
back when it ends (see :class:`designer.ui.presentation.mode.Presentation`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QSplitter, QVBoxLayout, QWidget

CANVAS_SHARE = 0.48  # of the width, when canvas and regions are side by side
REGION_ASPECT = 1.2  # decision regions alone: at most this wide for its height (a square map, centred)
PANEL_SHARE = 0.3  # of the height, for the math or code panel
CAPTION_MS = 12_000
#: a lesson's stage: the columns' shares of the width, by how many are shown (the canvas first)
LESSON_SHARES = {1: (1.0,), 2: (CANVAS_SHARE, 1 - CANVAS_SHARE), 3: (0.36, 0.32, 0.32)}
LESSON_TEXT_SHARE = 0.3  # at most this share of the stage's height for a lesson step's text
CORNER_MS = 4_000  # a brief message with no free place shows this long in a corner


class Caption(QLabel):
    """Messages for the audience (walk levels, hints, learning rate, the key help…) on the stage.

    It goes where it covers nothing the audience looks at (``obstacles``: the nodes, the region
    plot, the focus card, the panel): the bottom of the stage, else the bottom or the top of the
    canvas pane; with no free place it shows in the stage's top-left corner, and then (it covers
    something) at most :data:`CORNER_MS`, unless it was asked to stay (a hint, timeout 0).
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("presentationCaption")
        self.setTextFormat(Qt.TextFormat.PlainText)  # status messages quote ids and labels from files
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAutoFillBackground(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self._pad = 4
        #: areas of the stage (its coordinates) the caption should leave free
        self.obstacles: Callable[[], list[QRect]] = list
        #: where free space may be found besides the whole stage: the canvas pane, when shown
        self.areas: Callable[[], list[QRect]] = list
        self.in_corner = False
        self.hide()

    def show_text(self, text: str, timeout_ms: int = CAPTION_MS) -> None:
        """Show ``text`` (hide after ``timeout_ms``; 0: until the next message)."""
        text = text.strip()
        if not text:
            self.hide()
            return
        self.setText(text)
        self.place()
        self.show()
        self.raise_()
        if timeout_ms:
            self._timer.start(timeout_ms)
        else:
            self._timer.stop()
        self._brief_in_corner()

    def _brief_in_corner(self) -> None:
        """A timed message in the corner covers the network or a plot: it goes after CORNER_MS."""
        if self.in_corner and self._timer.isActive() and self._timer.interval() > CORNER_MS:
            self._timer.start(CORNER_MS)

    def _fitted(self, area: QRect, share: float, bottom: bool) -> QRect:
        """The caption's rectangle at the bottom (or top) centre of ``area``, at most ``share`` of its width."""
        metrics = self.fontMetrics()
        pad = 2 * self._pad + 8
        width = min(int(area.width() * share), metrics.horizontalAdvance(self.text()) + pad)
        lines = metrics.boundingRect(0, 0, width - pad, 10_000, Qt.TextFlag.TextWordWrap, self.text()).height()
        height = lines + pad
        margin = metrics.height() // 2
        x = area.left() + (area.width() - width) // 2
        y = area.bottom() - height - margin + 1 if bottom else area.top() + margin
        return QRect(x, y, width, height)

    def place(self) -> None:
        """Into free space (see the class docstring), else the top-left corner."""
        stage = self.parentWidget().rect()
        taken = self.obstacles()
        options = [self._fitted(stage, 0.8, bottom=True)]
        for area in self.areas():
            options += [self._fitted(area, 0.92, bottom=True), self._fitted(area, 0.92, bottom=False)]
        free = [r for r in options if stage.contains(r) and not any(r.intersects(t) for t in taken)]
        self.in_corner = not free
        if free:
            chosen = free[0]
        else:
            corner = self._fitted(stage, 0.45, bottom=False)
            chosen = QRect(self.fontMetrics().height() // 2, corner.top(), corner.width(), corner.height())
        self.setFixedSize(chosen.size())
        self.move(chosen.topLeft())
        if self.isVisible():  # placed again (the network moved or grew): it may have lost its free place
            self._brief_in_corner()

    def set_style(self, background: str, text: str, border: str, px: int) -> None:
        """Colours and the text size (in the style sheet: setting a style sheet again resets a font set apart)."""
        pad = self._pad = max(4, round(px * 1.2) // 4)
        self.setStyleSheet(
            f"QLabel#presentationCaption {{ font-size: {px}px; background: {background}; color: {text}; "
            f"border: 2px solid {border}; border-radius: 8px; padding: {pad}px; }}"
        )
        if self.isVisible():
            self.place()


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


class LessonText(QLabel):
    """A lesson step's title and text in a strip above the views: it takes its own room, so it never
    covers the canvas or a plot. The text is the lesson's Markdown-lite rendered to escaped HTML
    (``designer.lessons.to_html``: raw HTML from the file is never interpreted)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("lessonCaption")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.hide()

    def set_style(self, text: str, border: str, px: int) -> None:
        """Colours and text size (in the style sheet: a style sheet resets a font set apart)."""
        pad = max(6, px // 4)
        self.setStyleSheet(
            f"QLabel#lessonCaption {{ font-size: {px}px; color: {text}; border-bottom: 2px solid {border}; "
            f"padding: {pad}px {2 * pad}px; }}"
        )


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


class Stage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("presentationStage")
        self.columns = QSplitter(Qt.Orientation.Horizontal)
        self.columns.setChildrenCollapsible(False)
        self.rows = QSplitter(Qt.Orientation.Vertical)
        self.rows.setChildrenCollapsible(False)
        self.rows.addWidget(self.columns)
        self.panel = QPlainTextEdit()
        self.panel.setObjectName("presentationPanel")
        self.panel.setReadOnly(True)
        self.panel.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.rows.addWidget(self.panel)
        self.lesson_text = LessonText()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.lesson_text)
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(0)
        layout.addWidget(self.rows, 1)
        layout.addStretch(0)  # the two stretches centre a decision-region map shown alone
        outer.addLayout(layout, 1)
        self.layout_name = "both"
        #: views borrowed for a lesson step, with how each one goes back to its dock
        self._homes: dict[QWidget, Callable[[QWidget], None]] = {}
        self.caption = Caption(self)
        self.pointer = PointerRing(self)
        self.canvas: QWidget | None = None
        self.region: QWidget | None = None

    def arrange(self, canvas: QWidget, region: QWidget, layout: str, panel: bool) -> None:
        """Show the canvas and/or the region view (``layout``: both, canvas, region) and the panel."""
        self.give_back(keep=[region])
        self.canvas, self.region = canvas, region
        if canvas.parentWidget() is not self.columns:
            self.columns.insertWidget(0, canvas)
        if region.parentWidget() is not self.columns:
            self.columns.addWidget(region)
        self.layout_name = layout
        canvas.setVisible(layout in ("both", "canvas"))
        region.setVisible(layout in ("both", "region"))
        self.panel.setVisible(panel)
        self.balance()

    def balance(self) -> None:
        """The panes' shares of the stage (again after each resize: full screen arrives late)."""
        width = max(self.width(), 2)
        if self.layout_name == "lesson":
            shown = [i for i in range(self.columns.count()) if not self.columns.widget(i).isHidden()]
            shares = iter(LESSON_SHARES.get(len(shown), [1 / max(len(shown), 1)] * len(shown)))
            self.columns.setSizes(
                [round(width * next(shares)) if i in shown else 0 for i in range(self.columns.count())]
            )
        else:
            self.columns.setSizes([round(width * CANVAS_SHARE), round(width * (1 - CANVAS_SHARE))])
        height = max(self.height(), 2)
        self.rows.setSizes([round(height * (1 - PANEL_SHARE)), round(height * PANEL_SHARE)])
        alone = self.layout_name == "region" and not self.panel.isVisible()
        self.rows.setMaximumWidth(round(height * REGION_ASPECT) if alone else 16_777_215)

    def arrange_views(self, views: list[tuple[QWidget, Callable[[QWidget], None] | None]]) -> None:
        """A lesson step's stage: exactly these views side by side, left to right, no panel.

        Each view but the canvas comes from a dock and goes back there through its callable when
        it leaves the stage (another step, the lesson closed, presentation ended). Call
        :meth:`arrange` first: the canvas and region view are the stage's own.
        """
        wanted = [widget for widget, _ in views]
        self.give_back(keep=wanted)
        for i, (widget, home) in enumerate(views):
            if home is not None:
                self._homes[widget] = home
            self.columns.insertWidget(i, widget)  # moves a view already there
        for i in range(self.columns.count()):
            widget = self.columns.widget(i)
            widget.setVisible(widget in wanted)
        self.layout_name = "lesson"
        self.panel.hide()
        self.balance()

    def give_back(self, keep: list[QWidget] = ()) -> None:
        """Borrowed lesson views (except ``keep``) back to their docks."""
        for widget, home in list(self._homes.items()):
            if widget in keep:
                continue
            del self._homes[widget]
            if widget is self.region:
                self.region = None
            home(widget)

    def show_lesson_text(self, html: str) -> None:
        """A lesson step's title and text above the views ("": none)."""
        self.lesson_text.setText(html)
        self.lesson_text.setVisible(bool(html))
        self.lesson_text.setMaximumHeight(max(round(self.height() * LESSON_TEXT_SHARE), 40))

    def release(self) -> tuple[QWidget | None, QWidget | None]:
        """Give the borrowed views back (lesson views to their docks; the canvas and the region view
        parentless, or None when a lesson step gave the region view back: the caller re-homes them)."""
        self.give_back()
        canvas, region = self.canvas, self.region
        for widget in (canvas, region):
            if widget is not None:
                widget.setParent(None)
        self.canvas = self.region = None
        return canvas, region

    def show_panel_text(self, text: str) -> None:
        if text != self.panel.toPlainText():
            scroll = self.panel.verticalScrollBar().value()
            self.panel.setPlainText(text)
            self.panel.verticalScrollBar().setValue(scroll)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.balance()
        self.lesson_text.setMaximumHeight(max(round(self.height() * LESSON_TEXT_SHARE), 40))
        self.pointer.setGeometry(self.rect())
        if self.caption.isVisible():
            self.caption.place()


class MouseFollower(QObject):
    """Feeds mouse moves anywhere in the window to the pointer ring (installed while it shows)."""

    def __init__(self, ring: PointerRing) -> None:
        super().__init__(ring)
        self.ring = ring

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseMove and self.ring.isVisible():
            self.ring.follow(event.globalPosition())
        return False
