"""The focused neuron drawn large on the focus card (``focus.py``): its incoming connections as lines
from their sources, each weight in a box where it covers nothing, and its name and bias beside its
circle. Only as many sources as fit one above another are drawn; the card's formula has them all.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from designer.formatting import format_weight
from designer.ui.canvas.glyphs import draw_glyph

MAX_SOURCES = 8  # incoming connections drawn; more are summarised
WEIGHT_SPOTS = (0.55, 0.4, 0.7, 0.25, 0.85)  # where along its line a weight's box may go, best first


def line_px(font: QFont) -> float:
    """A line's height in ``font``: the card's unit of length."""
    return QFontMetricsF(font).height()


class NeuronDiagram:
    """Paints one neuron's diagram with ``painter``; keeps every text it drew with its box (``texts``)
    and the neuron's circle (``circle``), which the card's tests check for overlaps."""

    def __init__(self, painter: QPainter, theme, network, node_id: str) -> None:
        self.painter = painter
        self.theme = theme
        self.network = network
        self.node_id = node_id
        self.texts: list[tuple[str, QRectF]] = []
        self.circle = QRectF()

    def paint(self, rect: QRectF) -> None:
        """The neuron as a big circle on the right, its sources on the left, each line with its weight, the
        neuron's name and bias beside the circle where no line comes in (inside it, "b = −1.047" at 24 px
        crossed its edge): right of it in a wide card, else under it, lines passing under the text."""
        painter, theme, net = self.painter, self.theme, self.network
        node = net.neurons[self.node_id]
        s = theme.scale
        sources = [(src, c.weight) for (src, tgt), c in net.connections.items() if tgt == self.node_id]
        label_font = theme.screen_font(10)
        name_font = theme.screen_font(10, bold=True)
        weight_font = theme.screen_font(10, bold=True)
        metrics = QFontMetricsF(label_font)
        unit = line_px(label_font)
        names = [net.node(src).display_label for src, _ in sources]
        r_min = unit * 0.6
        # a source is as wide as its name (h1_1 in a 44 px circle was cut to "1_1")
        widest = max([r_min, *(metrics.horizontalAdvance(n) / 2 + unit * 0.3 for n in names[:MAX_SOURCES])])
        beside = self._under_width(node, name_font, label_font) + 6 * s
        room = rect.width() - 2 * widest - 2 * unit  # for the circle (and its text, if beside it)
        side = room - beside >= 2 * unit * 1.5
        if side:
            R = max(min(rect.height() * 0.3, (room - beside) / 4), unit)  # long lines: room for their weights
            center = QPointF(rect.right() - beside - R - 2 * s, rect.center().y())
            band = QRectF(rect)
        else:
            below = 2 * unit + 2 * s
            R = max(min(rect.height() * 0.3, (rect.height() - below) / 2, room / 4), unit * 0.8)
            center = QPointF(rect.right() - max(R, beside / 2) - 2 * s, rect.center().y() - below / 2)
            band = QRectF(rect)
        labels = self._under_boxes(node, center, R, rect, name_font, label_font, side)
        under = [box for _, _, box in labels]
        row = 2 * r_min + unit * 0.05  # a source's height (at least 2·r_min) and a gap: as many as fit, no more
        fit = max(int(band.height() // row), 1)
        shown = sources[: min(MAX_SOURCES, fit if len(sources) <= fit else fit - 1)]
        more = len(sources) - len(shown)
        count = max(len(shown) + (1 if more else 0), 1)  # the last row says how many more there are
        step = band.height() / count
        r_src = max(min(step * 0.3, R * 0.45), r_min)
        halves = [max(r_src, metrics.horizontalAdvance(n) / 2 + unit * 0.3) for n in names[: len(shown)]]
        x_src = rect.left() + max(halves, default=r_src) + 2 * s
        lines: list[tuple[QPointF, QPointF, str, QColor]] = []
        circles = [QRectF(center.x() - R, center.y() - R, 2 * R, 2 * R), *under]  # no weight box covers these
        for i, ((src, weight), name, half) in enumerate(zip(shown, names, halves, strict=False)):
            p = QPointF(x_src, band.top() + step * (i + 0.5))
            width = s * (1.0 + 5.0 * min(abs(weight) / 3.0, 1.0)) * 1.5
            painter.setPen(QPen(theme.weight_color(weight), width))
            d = center - p
            length = max((d.x() ** 2 + d.y() ** 2) ** 0.5, 1e-9)
            u = QPointF(d.x() / length, d.y() / length)
            start, end = QPointF(p.x() + half, p.y()) if half > r_src else p + u * r_src, center - u * R
            painter.drawLine(start, end)
            painter.setPen(QPen(QColor(theme.node_border), 2 * s))
            fill = theme.input_fill if src in net.inputs else theme.node_fill
            painter.setBrush(QColor(fill))
            source = QRectF(p.x() - half, p.y() - r_src, 2 * half, 2 * r_src)
            painter.drawRoundedRect(source, r_src, r_src)
            painter.setFont(label_font)
            painter.setPen(QColor(theme.text))
            painter.drawText(source, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextDontClip, name)
            self.texts.append((name, source))
            lines.append((start, end, format_weight(weight), theme.weight_color(weight)))
            circles.append(source)
        if more:
            painter.setFont(label_font)
            painter.setPen(QColor(theme.muted_text))
            for text in (f"… and {more} more", f"+{more} more", f"+{more}"):  # clear of the name and bias
                box = QRectF(rect.left(), band.bottom() - step, metrics.horizontalAdvance(text) + 2, step)
                if not any(box.intersects(other) for other in [circles[0], *under]):
                    break
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            self.texts.append((text, box))
            circles.append(box)
        self._weight_boxes(lines, weight_font, circles)
        background = QColor(theme.background)
        for text, font, box in labels:  # over the lines that pass under them
            painter.fillRect(box, background)
            painter.setFont(font)
            painter.setPen(QColor(theme.text))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextDontClip, text)
            self.texts.append((text, box))
        fill = theme.output_fill if self.node_id in net.outputs else theme.node_fill
        painter.setPen(QPen(QColor(theme.selection), 4 * s))
        painter.setBrush(QColor(fill))
        painter.drawEllipse(center, R, R)
        self.circle = QRectF(center.x() - R, center.y() - R, 2 * R, 2 * R)
        glyph = QRectF(center.x() - R * 0.6, center.y() - R * 0.45, R * 1.2, R * 0.9)
        draw_glyph(painter, glyph, node.activation, QColor(theme.text), 3.0 * s)

    @staticmethod
    def _under_width(node, name_font: QFont, bias_font: QFont) -> float:
        """How wide the name and bias lines under the circle are."""
        return max(
            QFontMetricsF(name_font).horizontalAdvance(node.display_label),
            QFontMetricsF(bias_font).horizontalAdvance(f"b = {format_weight(node.bias)}"),
        )

    def _under_boxes(
        self,
        node,
        center: QPointF,
        R: float,
        rect: QRectF,
        name_font: QFont,
        bias_font: QFont,
        side: bool,
    ) -> list[tuple[str, QFont, QRectF]]:
        """Where the neuron's name and "b = …" go: right of its circle (``side``), else centred under it,
        kept inside ``rect``."""
        s = self.theme.scale
        texts = ((name_font, node.display_label), (bias_font, f"b = {format_weight(node.bias)}"))
        height = sum(QFontMetricsF(font).height() for font, _ in texts)
        y = center.y() - height / 2 if side else center.y() + R + 2 * s
        boxes = []
        for font, text in texts:
            metrics = QFontMetricsF(font)
            width = metrics.horizontalAdvance(text) + 2
            left = center.x() + R + 4 * s if side else center.x() - width / 2
            left = min(max(left, rect.left()), rect.right() - width)
            boxes.append((text, font, QRectF(left, y, width, metrics.height())))
            y += metrics.height()
        return boxes

    def _weight_boxes(self, lines: list, font: QFont, circles: list[QRectF]) -> None:
        """Each line's weight in a box where it overlaps no other box and no neuron (eight sources at
        1280×720 drew their boxes over each other, the bias and h7); one with no free place is left out
        (the formula beside the diagram has every weight)."""
        taken = list(circles)
        for start, end, text, color in lines:
            for t in WEIGHT_SPOTS:
                box = self._box_rect(start + (end - start) * t, text, font)
                if not any(box.intersects(other) for other in taken):
                    taken.append(box)
                    self._box(box, text, font, color)
                    self.texts.append((text, box))
                    break

    @staticmethod
    def _box_rect(at: QPointF, text: str, font: QFont) -> QRectF:
        metrics = QFontMetricsF(font)
        w, h = metrics.horizontalAdvance(text) + metrics.height() * 0.5, metrics.height() * 1.1
        return QRectF(at.x() - w / 2, at.y() - h / 2, w, h)

    def _box(self, box: QRectF, text: str, font: QFont, color: QColor) -> None:
        painter, theme = self.painter, self.theme
        painter.setFont(font)
        h = box.height()
        painter.setPen(QPen(color, 2 * theme.scale))
        painter.setBrush(QColor(theme.background))
        painter.drawRoundedRect(box, h * 0.25, h * 0.25)
        painter.setPen(QColor(theme.text))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
