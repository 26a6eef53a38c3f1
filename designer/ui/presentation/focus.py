"""Focus on one neuron (keys 1–9, 10 …): the neuron enlarged with its incoming weights, bias, formula
and its own map, over the dimmed canvas (the numbered badges that tell which key is which: badges.py).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QWidget

from designer.export.formulas import READABLE_TERMS, neuron_formula
from designer.formatting import format_weight
from designer.ui.canvas.glyphs import draw_glyph
from designer.ui.canvas.nodes import RADIUS
from designer.ui.live import colors
from designer.ui.live.colors import Ranges
from designer.ui.live.session import LINE, PLANE

MAX_SOURCES = 8  # incoming connections drawn; more are summarised
WEIGHT_SPOTS = (0.55, 0.4, 0.7, 0.25, 0.85)  # where along its line a weight's box may go, best first
CARD_SHARE = 0.62  # of the canvas's width at most, beside the spotlit neuron
MIN_CARD_SHARE = 0.4  # narrower than this, the card rather covers part of the spotlight


def neuron_order(network) -> list[str]:
    """Neurons in reading order: by column (x), then top to bottom: key 1 is the first."""
    return sorted(
        network.neurons, key=lambda n: (round(network.neurons[n].position[0]), network.neurons[n].position[1])
    )


LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
WRAP = LEFT | Qt.TextFlag.TextWordWrap


def _px(font: QFont) -> float:
    return QFontMetricsF(font).height()


def wrap_within(text: str, font: QFont, width: float, height: float) -> str:
    """``text`` broken into lines of at most ``width``, as many as fit in ``height``; where some are
    left over, the last line shown ends in "…" (else text ran past the card's edge)."""
    metrics = QFontMetricsF(font)
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    lines = []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(text[line.textStart() : line.textStart() + line.textLength()].strip())
    layout.endLayout()
    room = int(height // metrics.lineSpacing())
    if room <= 0:
        return ""
    if len(lines) > room:
        cut = " ".join(lines[room - 1 :])
        lines = [*lines[: room - 1], metrics.elidedText(cut, Qt.TextElideMode.ElideRight, width)]
    return "\n".join(lines)


class FocusCard(QWidget):
    """The focused neuron, large, over a dimmed backdrop; follows the model and training."""

    def __init__(self, parent: QWidget, window, session) -> None:
        super().__init__(parent)
        self.setObjectName("focusCard")
        self.window_ = window
        self.session = session
        self.node_id: str | None = None
        #: every text the last paint drew, with its box (tests check that none covers another or an edge)
        self.texts: list[tuple[str, QRectF]] = []
        #: the focused neuron's circle as last drawn
        self.circle = QRectF()
        self._image: tuple[np.ndarray, QImage] | None = None
        session.evaluated.connect(self._values_changed)
        self.hide()

    def focus(self, node_id: str | None) -> None:
        self.node_id = node_id
        self.setVisible(node_id is not None)
        if node_id is not None:
            self.raise_()
        self.update()

    def _values_changed(self) -> None:
        if self.isVisible():
            self.update()

    # ---------------------------------------------------------------- paint
    def spotlight(self) -> tuple[QPointF, float] | None:
        """Where the focused neuron is on the canvas (in this widget) and its radius, if it is shown."""
        view = self.window_.view
        item = self.window_.scene.node_items.get(self.node_id or "")
        if item is None or not view.isVisible() or view.parentWidget() is None:
            return None
        point = view.viewport().mapTo(self.parentWidget(), view.mapFromScene(item.pos()))
        center = QPointF(self.mapFromParent(point))
        if not QRectF(self.rect()).contains(center):
            return None
        radius = (RADIUS + 20) * self.window_.scene.theme.scale * view.transform().m11()
        return center, radius

    def card_rect(self, spot: tuple[QPointF, float] | None, margin: float) -> QRectF:
        """Beside the spotlight, on the side with more room and never over it (a network fitted to a narrow
        canvas cannot scroll its neuron to the left: the card covered the neuron it is about), at least
        :data:`MIN_CARD_SHARE` of the canvas wide; centred when the neuron is not on screen."""
        rect = QRectF(self.rect()).adjusted(margin, margin, -margin, -margin)
        if spot is None:
            width = rect.width() * 0.8
            return QRectF(rect.center().x() - width / 2, rect.top(), width, rect.height())
        right_room = rect.right() - (spot[0].x() + spot[1] + margin)
        left_room = spot[0].x() - spot[1] - margin - rect.left()
        room = max(right_room, left_room)
        width = min(rect.width() * CARD_SHARE, max(room, rect.width() * MIN_CARD_SHARE))
        left = rect.right() - width if right_room >= left_room else rect.left()
        return QRectF(left, rect.top(), width, rect.height())

    def drawn_card(self) -> QRectF:
        """The card as painted, in this widget (the rest of it is the dimmed canvas around the spot)."""
        return self.card_rect(self.spotlight(), self._margin(_px(self.window_.scene.theme.screen_font(10))))

    def _margin(self, unit: float) -> float:
        return max(unit * 0.6, 0.02 * min(self.width(), self.height()))

    def paintEvent(self, event: QPaintEvent) -> None:
        net = self.window_.document.network
        if self.node_id is None or self.node_id not in net.neurons:
            return
        theme = self.window_.scene.theme
        self.texts = []
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        spot = self.spotlight()
        dimmed = QPainterPath()
        dimmed.addRect(QRectF(self.rect()))
        if spot is not None:  # the rest of the network dimmed, the focused neuron in a bright spot
            hole = QPainterPath()
            hole.addEllipse(spot[0], spot[1], spot[1])
            dimmed = dimmed.subtracted(hole)
        dim = QColor(theme.background)
        dim.setAlpha(200)
        painter.fillPath(dimmed, dim)
        if spot is not None:
            painter.setPen(QPen(QColor(theme.selection), 4 * theme.scale))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(spot[0], spot[1], spot[1])
        body = theme.screen_font(10)
        unit = _px(body)
        card = self.card_rect(spot, self._margin(unit))
        painter.setPen(QPen(QColor(theme.node_border), 2 * theme.scale))
        painter.setBrush(QColor(theme.background))
        painter.drawRoundedRect(card, unit * 0.6, unit * 0.6)
        inner = card.adjusted(unit, unit, -unit, -unit)
        text_height = sum(
            QFontMetricsF(font).boundingRect(QRectF(0, 0, inner.width(), 1e6), WRAP, text).height() + unit * 0.4
            for font, text in self._paragraphs()
        )
        # the diagram gives up room to a long formula (an output of eight inputs ran off the card's bottom)
        height = max(min(inner.height() * 0.4, inner.height() - text_height - unit * 0.5), inner.height() * 0.25)
        diagram = QRectF(inner.left(), inner.top(), inner.width(), height)
        self._paint_diagram(painter, diagram)
        top = diagram.bottom() + unit * 0.5
        self._paint_text(painter, QRectF(inner.left(), top, inner.width(), inner.bottom() - top))

    def _paint_diagram(self, painter: QPainter, rect: QRectF) -> None:
        """The neuron as a big circle on the right, its sources on the left, each line with its weight, the
        neuron's name and bias beside the circle where no line comes in (inside it, "b = −1.047" at 24 px
        crossed its edge): right of it in a wide card, else under it, lines passing under the text."""
        theme = self.window_.scene.theme
        net = self.window_.document.network
        node = net.neurons[self.node_id]
        s = theme.scale
        sources = [(src, c.weight) for (src, tgt), c in net.connections.items() if tgt == self.node_id]
        label_font = theme.screen_font(10)
        name_font = theme.screen_font(10, bold=True)
        weight_font = theme.screen_font(10, bold=True)
        metrics = QFontMetricsF(label_font)
        unit = _px(label_font)
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
        row = unit * 1.15  # a source's height: as many as fit one above another, no more
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
        self._weight_boxes(painter, lines, weight_font, circles)
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
        s = self.window_.scene.theme.scale
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

    def _weight_boxes(self, painter: QPainter, lines: list, font: QFont, circles: list[QRectF]) -> None:
        """Each line's weight in a box where it overlaps no other box and no neuron (eight sources at
        1280×720 drew their boxes over each other, the bias and h7); one with no free place is left out
        (the formula beside the diagram has every weight)."""
        taken = list(circles)
        for start, end, text, color in lines:
            for t in WEIGHT_SPOTS:
                box = self._box_rect(start + (end - start) * t, text, font)
                if not any(box.intersects(other) for other in taken):
                    taken.append(box)
                    self._box(painter, box, text, font, color)
                    self.texts.append((text, box))
                    break

    @staticmethod
    def _box_rect(at: QPointF, text: str, font: QFont) -> QRectF:
        metrics = QFontMetricsF(font)
        w, h = metrics.horizontalAdvance(text) + metrics.height() * 0.5, metrics.height() * 1.1
        return QRectF(at.x() - w / 2, at.y() - h / 2, w, h)

    def _box(self, painter: QPainter, box: QRectF, text: str, font: QFont, color: QColor) -> None:
        painter.setFont(font)
        h = box.height()
        theme = self.window_.scene.theme
        painter.setPen(QPen(color, 2 * theme.scale))
        painter.setBrush(QColor(theme.background))
        painter.drawRoundedRect(box, h * 0.25, h * 0.25)
        painter.setPen(QColor(theme.text))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _paragraphs(self) -> list[tuple[QFont, str]]:
        """The card's text: title, formula, and how z and a are computed."""
        theme = self.window_.scene.theme
        net = self.window_.document.network
        node = net.neurons[self.node_id]
        body = theme.screen_font(10)
        title = theme.screen_font(10, bold=True)
        title.setPixelSize(round(_px(body) * 1.15))
        return [
            (title, f"{node.display_label}: {node.activation} neuron"),
            (body, neuron_formula(net, self.node_id, max_terms=READABLE_TERMS)),
            (body, f"z = Σ w·x + b with b = {format_weight(node.bias)};  a = {node.activation}(z)"),
        ]

    def _paint_text(self, painter: QPainter, rect: QRectF) -> None:
        """Title, formula and bias at the top; the neuron's own map below, if there is room."""
        theme = self.window_.scene.theme
        node = self.window_.document.network.neurons[self.node_id]
        body = theme.screen_font(10)
        y = rect.top()
        painter.setPen(QColor(theme.text))
        for font, text in self._paragraphs():
            shown = wrap_within(text, font, rect.width(), rect.bottom() - y)
            if not shown:
                break
            painter.setFont(font)
            bound = painter.boundingRect(QRectF(rect.left(), y, rect.width(), rect.height()), LEFT, shown)
            painter.drawText(bound, LEFT, shown)
            self.texts.append((shown, bound))
            y += bound.height() + _px(body) * 0.4
        note = f"{node.display_label}'s output a over the inputs"
        painter.setFont(body)
        centred = Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap
        below = painter.boundingRect(QRectF(rect.left(), 0, rect.width(), rect.height()), centred, note).height()
        size = min(rect.width(), rect.bottom() - y - below - 2)  # the note wraps (centred in one line, it was cut)
        if size < 40:
            return
        target = QRectF(rect.left() + (rect.width() - size) / 2, y, size, size)
        self._paint_map(painter, target)
        painter.setFont(body)
        painter.setPen(QColor(theme.muted_text))
        caption = QRectF(rect.left(), target.bottom() + 2, rect.width(), below)
        painter.drawText(caption, centred, note)
        self.texts.append((note, painter.boundingRect(caption, centred, note)))

    def _paint_map(self, painter: QPainter, target: QRectF) -> None:
        st = self.session
        theme = self.window_.scene.theme
        values = st.node_row(self.node_id) if st.fresh else None
        painter.setPen(QPen(QColor(theme.node_border), 2 * theme.scale))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if values is None:
            painter.drawRect(target)
            return
        activation = self.window_.document.network.neurons[self.node_id].activation
        lo, hi = Ranges([activation]).one(0, values)
        if st.mode == PLANE:
            grid = st.grid
            idx = np.empty(len(values), np.uint8)
            with np.errstate(invalid="ignore"):
                colors.to_index(values, lo, hi, idx)
            lut = colors.to_argb32(colors.diverging_rgba(theme))
            pixels = np.ascontiguousarray(lut[idx.reshape(grid.nx, grid.ny).T[::-1, :]])
            image = QImage(pixels.data, grid.nx, grid.ny, 4 * grid.nx, QImage.Format.Format_ARGB32)
            self._image = (pixels, image)  # the array must outlive the painting
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, image)
        elif st.mode == LINE:
            ys = np.nan_to_num(np.asarray(values, dtype=float))
            lo, hi = min(lo, float(ys.min()), 0.0), max(hi, float(ys.max()), 0.0)
            span = max(hi - lo, 1e-9)
            xs = np.linspace(target.left(), target.right(), len(ys))
            py = target.bottom() - (ys - lo) / span * target.height()
            zero = target.bottom() - (0 - lo) / span * target.height()
            painter.setPen(QPen(QColor(theme.muted_text), theme.scale))
            painter.drawLine(QPointF(target.left(), zero), QPointF(target.right(), zero))
            painter.setPen(QPen(QColor(theme.positive), 3 * theme.scale))
            painter.drawPolyline([QPointF(float(x), float(y)) for x, y in zip(xs, py, strict=True)])
        painter.setPen(QPen(QColor(theme.node_border), 2 * theme.scale))
        painter.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        painter.drawRect(target)
