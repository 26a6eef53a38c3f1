"""Canvas text that draws the same everywhere: on screen as text, in SVG exports as outlines.

An SVG ``<text>`` element depends on the fonts of the program that opens the file (a browser,
Inkscape, librsvg, CairoSVG): other widths, other glyphs, sometimes other sizes. Drawn as
paths, labels look exactly as in the app in every renderer.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPaintEngine, QPainter, QPainterPath

A = Qt.AlignmentFlag


def is_svg(painter: QPainter) -> bool:
    """True while painting into an SVG generator (text goes out as outlines there)."""
    engine = painter.paintEngine()
    return engine is not None and engine.type() == QPaintEngine.Type.SVG


def draw_text(painter: QPainter, rect: QRectF, flags: int, text: str) -> None:
    """``painter.drawText(rect, flags, text)``, but as filled outlines in the pen's colour for SVG.

    Lines are split at newlines and aligned as ``flags`` says (left/right/centre, top/bottom/centre);
    the text is not clipped, as with ``TextDontClip``.
    """
    if not is_svg(painter):
        painter.drawText(rect, flags, text)
        return
    font = painter.font()
    metrics = QFontMetricsF(font)
    lines = text.split("\n")
    height = metrics.height() * len(lines)
    flags = int(flags)
    if flags & A.AlignBottom:
        top = rect.bottom() - height
    elif flags & A.AlignVCenter:
        top = rect.top() + (rect.height() - height) / 2
    else:
        top = rect.top()
    path = QPainterPath()
    for i, line in enumerate(lines):
        width = metrics.horizontalAdvance(line)
        if flags & A.AlignRight:
            x = rect.right() - width
        elif flags & A.AlignHCenter:
            x = rect.left() + (rect.width() - width) / 2
        else:
            x = rect.left()
        path.addText(QPointF(x, top + i * metrics.height() + metrics.ascent()), font, line)
    painter.fillPath(path, painter.pen().color())
