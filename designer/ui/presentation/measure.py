"""The smallest text on screen: every visible piece of text in the window and its pixel height.

Three sources, all as font pixel sizes (the em height Qt rasterises, ``QFontInfo.pixelSize``):

- Qt widgets that show text (labels, buttons, combo and spin boxes, text views, group box and
  dock titles, tab bars, item views, menu and status bars): their font, if the widget is visible;
- pyqtgraph plots: each visible axis's tick font and every visible text item (axis titles, plot
  titles, colour bar, legends, messages), scaled by the item's transform on screen;
- painted text (the canvas, the gradient legend, the focus card…): the fonts requested from the
  theme while the window is rendered once (``QWidget.grab``), times the canvas zoom for canvas text.

Messages come and go (captions for the theme, the scale, a hint, a walk's level; tooltips): a
:class:`TextRecorder` measures every text widget each time it is painted, so transient text is
measured as it appears, not only what happens to be on screen at one moment.

Used by the presentation tests (≥ 24 px at 1920×1080 in every theme) and by docs/presentation.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontInfo, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenuBar,
    QPlainTextEdit,
    QStatusBar,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)


@dataclass(order=True)
class TextSample:
    px: float
    where: str


def _shown(widget: QWidget) -> bool:
    """Visible and not clipped away (a scroll area counts by its viewport, which covers it)."""
    if not widget.isVisible() or widget.width() <= 0 or widget.height() <= 0:
        return False
    if isinstance(widget, QAbstractScrollArea):
        return not widget.viewport().visibleRegion().isEmpty()
    return not widget.visibleRegion().isEmpty()


def _shows_text(w: QWidget) -> bool:
    if isinstance(w, QLabel):
        return bool(w.text().strip()) and w.pixmap().isNull()
    if isinstance(w, QToolButton) and w.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
        return False
    if isinstance(w, QAbstractButton):
        return bool(w.text().strip())
    if isinstance(w, QComboBox):
        return bool(w.currentText().strip())
    if isinstance(w, QAbstractSpinBox | QLineEdit):
        return bool(w.text().strip()) or (isinstance(w, QLineEdit) and bool(w.placeholderText()))
    if isinstance(w, QPlainTextEdit | QTextEdit):
        return bool(w.toPlainText().strip())
    if isinstance(w, QGroupBox):
        return bool(w.title().strip())
    if isinstance(w, QTabBar):
        return w.count() > 0
    if isinstance(w, QDockWidget):
        return w.titleBarWidget() is None and bool(w.windowTitle())
    if isinstance(w, QMenuBar):
        return bool(w.actions())
    if isinstance(w, QStatusBar):
        return bool(w.currentMessage())
    if isinstance(w, QAbstractItemView):
        model = w.model()
        return model is not None and model.rowCount() > 0
    return False


def _where(w: QWidget) -> str:
    name = w.objectName() or (w.text() if hasattr(w, "text") and isinstance(w.text(), str) else "")
    return f"{type(w).__name__} {name[:40]!r}"


def widget_texts(window: QWidget) -> list[TextSample]:
    out = []
    for w in [window, *window.findChildren(QWidget)]:
        if isinstance(w, pg.GraphicsView) or not _shown(w) or not _shows_text(w):
            continue
        out.append(TextSample(float(QFontInfo(w.font()).pixelSize()), _where(w)))
    return out


def _document_fonts(document: QTextDocument) -> list[QFont]:
    fonts = []
    base = document.defaultFont()
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid() and fragment.text().strip():
                fonts.append(fragment.charFormat().font().resolve(base))
            it += 1
        block = block.next()
    return fonts


def plot_texts(window: QWidget) -> list[TextSample]:
    out = []
    for view in window.findChildren(pg.GraphicsView):
        if not _shown(view):
            continue
        name = view.objectName() or type(view).__name__
        viewport = view.viewportTransform()
        for item in view.scene().items():
            if not item.isVisible():
                continue
            t = item.deviceTransform(viewport)
            scale = (t.m21() ** 2 + t.m22() ** 2) ** 0.5
            if isinstance(item, pg.AxisItem):
                if item.style["showValues"] and item.width() > 0 and item.height() > 0:
                    font = item.style["tickFont"] or view.font()
                    where = f"{name}: {item.orientation} axis ticks"
                    out.append(TextSample(QFontInfo(font).pixelSize() * scale, where))
            elif isinstance(item, QGraphicsTextItem) and item.toPlainText().strip():
                for font in _document_fonts(item.document()):
                    where = f"{name}: text {item.toPlainText()[:30]!r}"
                    out.append(TextSample(QFontInfo(font).pixelSize() * scale, where))
            elif isinstance(item, QGraphicsSimpleTextItem) and item.text().strip():
                out.append(TextSample(QFontInfo(item.font()).pixelSize() * scale, f"{name}: {item.text()[:30]!r}"))
    return out


def painted_texts(window) -> list[TextSample]:
    """Fonts the theme hands out while the window renders once (canvas fonts times the zoom)."""
    theme = window.scene.theme
    zoom = window.view.transform().m11()
    seen: list[TextSample] = []

    def recording(method, factor: float, what: str):
        def font(points: float = 10.0, bold: bool = False) -> QFont:
            result = method(points, bold)
            seen.append(
                TextSample(QFontInfo(result).pixelSize() * factor, f"{what} ({points:g} pt{' bold' if bold else ''})")
            )
            return result

        return font

    theme.font = recording(type(theme).font.__get__(theme), zoom, f"canvas text at zoom {zoom:.2f}")
    theme.screen_font = recording(type(theme).screen_font.__get__(theme), 1.0, "painted widget text")
    try:
        window.grab()
    finally:
        del theme.font
        del theme.screen_font
    return seen


def text_sizes(window) -> list[TextSample]:
    """Every visible text's pixel height, smallest first."""
    return sorted(painted_texts(window) + widget_texts(window) + plot_texts(window))


def smallest_text(window) -> TextSample:
    """The smallest text height on screen in pixels, and where it is."""
    sizes = text_sizes(window)
    return sizes[0] if sizes else TextSample(float("inf"), "no text")


class TextRecorder(QObject):
    """Every text widget of ``window`` (and every tooltip), measured each time it is painted.

    Use as a context manager around what the audience sees (key presses, a demo)::

        with TextRecorder(window) as seen:
            ...
        min(seen.samples)
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.window = window
        self.samples: list[TextSample] = []

    def __enter__(self) -> TextRecorder:
        QApplication.instance().installEventFilter(self)
        return self

    def __exit__(self, *exc: object) -> None:
        QApplication.instance().removeEventFilter(self)

    def texts(self) -> set[str]:
        """What was shown (the text after the widget's name), for checking what was measured."""
        return {s.where.split(": ", 1)[1] for s in self.samples if ": " in s.where}

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(obj, QWidget):
            ours = obj.window() is self.window or obj.inherits("QTipLabel")
            if ours and _shows_text(obj) and _shown(obj):
                text = obj.text() if isinstance(obj, QLabel) else ""
                where = f"{_where(obj)} painted: {text}" if text else f"{_where(obj)} painted"
                self.samples.append(TextSample(float(QFontInfo(obj.font()).pixelSize()), where))
        return False
