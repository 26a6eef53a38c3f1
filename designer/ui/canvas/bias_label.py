"""A neuron's bias text under its glyph: the one part of a node that training changes every frame.

Kept apart from the node item (``nodes.py``) because it is a job of its own: fitting a number into a
small circle (smaller font, then fewer digits) and repainting only that text while a run goes on.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QStaticText
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from designer.formatting import format_weight
from designer.ui.canvas.text import draw_text, is_svg

if TYPE_CHECKING:
    from designer.ui.canvas.nodes import NodeItem


def _compact_exponent(text: str) -> str:
    """``1.2e+04`` → ``1.2e4``, ``1e-07`` → ``1e-7``: two or three characters fewer in a small circle."""
    mantissa, e, exponent = text.partition("e")
    if not e:
        return text
    sign = "-" if exponent.startswith("-") else ""
    return f"{mantissa}e{sign}{exponent.lstrip('+-').lstrip('0') or '0'}"


#: the bias text's size, and the smallest it shrinks to before it loses digits (still readable on a slide)
BIAS_POINTS = 8.5
MIN_BIAS_POINTS = 6.5


def _fewer_digits(bias: float, digits: int) -> str:
    """``bias`` in ``digits`` significant digits; "≈1" where they round it to an integer it is not (a
    bias of 1.00004 read "1" in a small circle)."""
    text = _compact_exponent(f"{bias:.{digits}g}").replace("-", "−")
    return "≈" + text if text.lstrip("−").isdigit() and bias != int(bias) else text


def _bias_sizes(
    font_at: Callable[[float], QFont], room_for: Callable[[float], float]
) -> list[tuple[float, QFontMetricsF, float]]:
    """Each bias size that gives a font of its own (points, its metrics, the room at its height), largest
    first. Presentation's text floor gives every size the same font: each text was measured five times over,
    for every neuron at every training frame (17 ms of a 2-8-8-1 canvas paint while presenting)."""
    sizes = [BIAS_POINTS - 0.5 * k for k in range(int((BIAS_POINTS - MIN_BIAS_POINTS) / 0.5) + 1)]
    distinct: list[tuple[float, QFontMetricsF, float]] = []
    seen: list[QFont] = []
    for points in sizes:
        font = font_at(points)
        if font in seen:  # a smaller size with the same font: it fits where the larger one did
            continue
        seen.append(font)
        metrics = QFontMetricsF(font)
        distinct.append((points, metrics, room_for(metrics.height())))
    return distinct


def fit_bias(
    bias: float,
    font_at: Callable[[float], QFont],
    room_for: Callable[[float], float],
    overflow: bool = True,
    sizes: list[tuple[float, QFontMetricsF, float]] | None = None,
) -> tuple[str, float]:
    """The bias text and its size in points: ``b −0.5`` at the usual size; where that is too wide for the
    circle (``room_for(text height)``), a smaller font (down to MIN_BIAS_POINTS), then fewer digits
    (−0.00055 became a text wider than the neuron, in the window and in exports), each with its "b":
    dropping the "b" first made one neuron read "−0.284" beside another's "b 1.762". Only a value no
    "b" form fits (−98765 in an output's ring) is written without it. The inspector and the node's
    tooltip (its formula) keep the whole value.

    Where even that does not fit, the shortest form wider than the node, or with ``overflow`` False no
    text at all: presentation's text floor keeps every size at 24 px on screen, and in a 36 px circle the
    bias was drawn across its border, unreadable, over the lines.

    ``sizes``: :func:`_bias_sizes` of the same ``font_at`` and ``room_for``, kept by a caller that fits
    many values in the same circle."""
    digits3, digits2 = (_fewer_digits(bias, d) for d in (3, 2))
    scientific = _compact_exponent(f"{bias:.1e}").replace("-", "−")
    numbers = [format_weight(bias), digits3, digits2]
    if len(scientific) < len(digits2):  # −0.00055 → −5.5e−4, shorter in a small circle
        numbers.append(scientific)
    numbers = list(dict.fromkeys(numbers))  # (−0.5 in three digits is −0.5 again)
    sizes = sizes if sizes is not None else _bias_sizes(font_at, room_for)
    for text in (f"{prefix}{number}" for prefix in ("b ", "") for number in numbers):
        for points, metrics, room in sizes:
            if metrics.horizontalAdvance(text) <= room:
                return text, points
    if not overflow:
        return "", MIN_BIAS_POINTS
    shortest = min((digits2, scientific), key=len)
    return shortest, MIN_BIAS_POINTS  # wider than the node rather than one digit (−2 for −1.5)


class BiasLabel(QGraphicsItem):
    """A neuron's bias under its glyph: the one part of a node that training changes every frame.

    A new value only marks the text stale and repaints this small item; the text is fitted and laid
    out (``QStaticText``) when it is painted or asked for. A big network zoomed out never paints it
    (level of detail), so a training frame costs nothing per neuron there.
    """

    def __init__(self, node: NodeItem) -> None:
        super().__init__(node)
        self._node = node
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self._text = ""
        self._font = QFont()
        self._static = QStaticText()
        self._rect = QRectF()
        self._shown: tuple | None = None  # (bias, font key) the text was made for
        self._wanted: tuple | None = None  # (bias, font key) to show
        #: the circle's sizes measured once (``_bias_sizes``), with what they were measured for
        self._sizes: tuple[tuple, list] | None = None

    def refresh(self) -> None:
        node = self._node
        scene = node._scene
        if not scene.network.has_node(node.node_id):
            return  # being removed
        theme = scene.theme
        r = node.radius
        rect = QRectF(-r, 0.05 * r, 2 * r, 0.6 * r)
        # what the text depends on; the font's size follows the zoom in presentation mode (a floor on
        # screen), read from the theme rather than building a font for every neuron in every frame
        font_key = (theme.name, theme.scale, theme.min_text_px, theme.canvas_zoom)
        wanted = (scene.values.bias_of(node.node_id), *font_key, node.is_output, r)
        if wanted == self._wanted and rect == self._rect:
            return
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self._wanted = wanted
        self.update()

    def _lay_out(self) -> None:
        """Fit and lay out the text for the wanted value (once per value)."""
        if self._wanted is None or self._wanted == self._shown:
            return
        bias, is_output, r = self._wanted[0], self._wanted[-2], self._wanted[-1]
        theme = self._node._scene.theme
        floored = theme.min_text_px > 0  # presentation: no text smaller than its floor
        font_at, room_for = (lambda pt: theme.font(pt)), (lambda h: self._room(h, r, is_output))
        circle = (*self._wanted[1:], self._rect.getCoords())  # all but the value: the same fonts and room
        if self._sizes is None or self._sizes[0] != circle:
            self._sizes = (circle, _bias_sizes(font_at, room_for))
        text, points = fit_bias(bias, font_at, room_for, overflow=not floored, sizes=self._sizes[1])
        font = theme.font(points)
        if text != self._text or font != self._font:
            self._text, self._font = text, font
            self._static = QStaticText(text)
            self._static.prepare(font=font)
        self._shown = self._wanted

    def _room(self, text_height: float, r: float, is_output: bool) -> float:
        """Width free for the text at its lower edge, where the circle is narrowest for it: inside the
        border, and inside the ring that marks an output."""
        s = self._node._scene.theme.scale
        inner = r - (5.0 if is_output else 2.0) * s
        lower = self._rect.center().y() + text_height / 2
        return 2 * math.sqrt(max(inner * inner - lower * lower, 0.0)) - 2 * s

    def font(self) -> QFont:
        """The font the text is drawn in (smaller than the usual 8.5 pt where the value is long)."""
        self._lay_out()
        return self._font

    def text(self) -> str:
        self._lay_out()
        return self._text

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        node = self._node
        if node.lod_hidden(painter):
            return
        self._lay_out()
        if not self._text:
            return
        theme = node._scene.theme
        painter.setPen(theme.color("muted_text"))
        painter.setFont(self._font)
        if is_svg(painter):  # an export: outlines, as every other canvas text
            draw_text(painter, self._rect, Qt.AlignmentFlag.AlignCenter, self._text)
            return
        size = self._static.size()
        corner = QPointF(self._rect.center().x() - size.width() / 2, self._rect.center().y() - size.height() / 2)
        painter.drawStaticText(corner, self._static)
