"""Focus on one neuron (keys 1–9): the neuron enlarged with its incoming weights, bias, formula
and its own map, over the dimmed canvas; numbered badges tell the audience which key is which.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from designer.export.formulas import neuron_formula
from designer.formatting import format_number
from designer.ui.canvas.glyphs import draw_glyph
from designer.ui.canvas.nodes import RADIUS
from designer.ui.canvas.text import draw_text
from designer.ui.live import colors
from designer.ui.live.colors import Ranges
from designer.ui.live.session import LINE, PLANE

MAX_SOURCES = 8  # incoming connections drawn; more are summarised
WEIGHT_SPOTS = (0.55, 0.4, 0.7, 0.25, 0.85)  # where along its line a weight's box may go, best first
CARD_SHARE = 0.62  # of the canvas's width, beside the spotlit neuron


def neuron_order(network) -> list[str]:
    """Neurons in reading order: by column (x), then top to bottom: key 1 is the first."""
    return sorted(
        network.neurons, key=lambda n: (round(network.neurons[n].position[0]), network.neurons[n].position[1])
    )


def _px(font: QFont) -> float:
    return QFontMetricsF(font).height()


class NumberBadges(QGraphicsItem):
    """A small numbered disc at each neuron (only while presenting): its number key (two digits from 10)."""

    def __init__(self, scene) -> None:
        super().__init__()
        self._scene = scene
        self.setZValue(16)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._rect = QRectF()

    def boundingRect(self) -> QRectF:
        return self._rect  # cached: it may only change after prepareGeometryChange

    def refresh(self) -> None:
        """Follow the nodes (moved, resized by a new scale): a new area, announced before it changes."""
        rect = self._scene.network_rect()
        rect = rect.adjusted(-120, -120, 120, 120) if not rect.isNull() else QRectF()
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        theme = self._scene.theme
        s = theme.scale
        font = theme.font(9, bold=True)
        painter.setFont(font)
        d = max(_px(font) * 1.25, 20 * s)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        items = self._scene.node_items
        for number, node_id in enumerate(neuron_order(self._scene.network), start=1):
            item = items.get(node_id)
            if item is None:
                continue
            p = item.pos()
            r = RADIUS * s
            corner = (r + d / 2) * 0.72  # upper left, just outside the circle
            box = QRectF(p.x() - corner - d / 2, p.y() - corner - d / 2, d, d)
            painter.setPen(QPen(QColor(theme.background), 2 * s))
            painter.setBrush(QColor(theme.selection))
            painter.drawEllipse(box)
            painter.setPen(QColor(theme.background))
            draw_text(painter, box, Qt.AlignmentFlag.AlignCenter, str(number))


class FocusCard(QWidget):
    """The focused neuron, large, over a dimmed backdrop; follows the model and training."""

    def __init__(self, parent: QWidget, window, session) -> None:
        super().__init__(parent)
        self.setObjectName("focusCard")
        self.window_ = window
        self.session = session
        self.node_id: str | None = None
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
        """Beside the spotlight (the side away from it), or centred when the neuron is not on screen."""
        rect = QRectF(self.rect()).adjusted(margin, margin, -margin, -margin)
        if spot is None:
            width = rect.width() * 0.8
            return QRectF(rect.center().x() - width / 2, rect.top(), width, rect.height())
        width = rect.width() * CARD_SHARE
        left = rect.right() - width if spot[0].x() < self.width() / 2 else rect.left()
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
        diagram = QRectF(inner.left(), inner.top(), inner.width(), inner.height() * 0.4)
        self._paint_diagram(painter, diagram)
        top = diagram.bottom() + unit * 0.5
        self._paint_text(painter, QRectF(inner.left(), top, inner.width(), inner.bottom() - top))

    def _paint_diagram(self, painter: QPainter, rect: QRectF) -> None:
        """The neuron as a big circle on the right, its sources on the left, each line with its weight."""
        theme = self.window_.scene.theme
        net = self.window_.document.network
        node = net.neurons[self.node_id]
        s = theme.scale
        sources = [(src, c.weight) for (src, tgt), c in net.connections.items() if tgt == self.node_id]
        shown = sources[:MAX_SOURCES]
        label_font = theme.screen_font(10)
        weight_font = theme.screen_font(10, bold=True)
        R = min(rect.height() * 0.22, rect.width() * 0.2)
        center = QPointF(rect.right() - R - 4 * s, rect.center().y())
        count = max(len(shown), 1)
        step = rect.height() / count
        r_src = max(min(step * 0.3, R * 0.45), _px(label_font) * 0.8)
        x_src = rect.left() + r_src + 2 * s
        lines: list[tuple[QPointF, QPointF, str, QColor]] = []
        circles = [QRectF(center.x() - R, center.y() - R, 2 * R, 2 * R)]  # no weight box covers these
        for i, (src, weight) in enumerate(shown):
            p = QPointF(x_src, rect.top() + step * (i + 0.5))
            width = s * (1.0 + 5.0 * min(abs(weight) / 3.0, 1.0)) * 1.5
            painter.setPen(QPen(theme.weight_color(weight), width))
            d = center - p
            length = max((d.x() ** 2 + d.y() ** 2) ** 0.5, 1e-9)
            u = QPointF(d.x() / length, d.y() / length)
            start, end = p + u * r_src, center - u * R
            painter.drawLine(start, end)
            painter.setPen(QPen(QColor(theme.node_border), 2 * s))
            fill = theme.input_fill if src in net.inputs else theme.node_fill
            painter.setBrush(QColor(fill))
            painter.drawEllipse(p, r_src, r_src)
            painter.setFont(label_font)
            painter.setPen(QColor(theme.text))
            name = net.node(src).display_label
            painter.drawText(
                QRectF(p.x() - r_src, p.y() - r_src, 2 * r_src, 2 * r_src), Qt.AlignmentFlag.AlignCenter, name
            )
            lines.append((start, end, format_number(weight), theme.weight_color(weight)))
            circles.append(QRectF(p.x() - r_src, p.y() - r_src, 2 * r_src, 2 * r_src))
        self._weight_boxes(painter, lines, weight_font, circles)
        if len(sources) > len(shown):
            painter.setFont(label_font)
            painter.setPen(QColor(theme.muted_text))
            painter.drawText(QPointF(rect.left(), rect.bottom()), f"… and {len(sources) - len(shown)} more")
        fill = theme.output_fill if self.node_id in net.outputs else theme.node_fill
        painter.setPen(QPen(QColor(theme.selection), 4 * s))
        painter.setBrush(QColor(fill))
        painter.drawEllipse(center, R, R)
        glyph = QRectF(center.x() - R * 0.55, center.y() - R * 0.62, R * 1.1, R * 0.62)
        draw_glyph(painter, glyph, node.activation, QColor(theme.text), 3.0 * s)
        painter.setFont(label_font)
        painter.setPen(QColor(theme.text))
        bias = QRectF(center.x() - R, center.y() + 0.05 * R, 2 * R, 0.6 * R)
        painter.drawText(bias, Qt.AlignmentFlag.AlignCenter, f"b = {format_number(node.bias)}")
        painter.setFont(theme.screen_font(10, bold=True))
        name_rect = QRectF(center.x() - 2 * R, center.y() + R + 4 * s, 4 * R, _px(label_font) * 1.4)
        painter.drawText(name_rect, Qt.AlignmentFlag.AlignHCenter, node.display_label)

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

    def _paint_text(self, painter: QPainter, rect: QRectF) -> None:
        """Title, formula and bias at the top; the neuron's own map below."""
        theme = self.window_.scene.theme
        net = self.window_.document.network
        node = net.neurons[self.node_id]
        body = theme.screen_font(10)
        title = theme.screen_font(10, bold=True)
        title.setPixelSize(round(_px(body) * 1.15))
        flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        y = rect.top()
        painter.setPen(QColor(theme.text))
        for font, text in (
            (title, f"{node.display_label}: {node.activation} neuron"),
            (body, neuron_formula(net, self.node_id)),
            (body, f"z = Σ w·x + b with b = {format_number(node.bias)};  a = {node.activation}(z)"),
        ):
            painter.setFont(font)
            bound = painter.boundingRect(QRectF(rect.left(), y, rect.width(), rect.height()), flags, text)
            painter.drawText(QRectF(rect.left(), y, rect.width(), bound.height()), flags, text)
            y += bound.height() + _px(body) * 0.4
        size = min(rect.width(), rect.bottom() - y - _px(body) * 1.4)
        if size < 40:
            return
        target = QRectF(rect.left() + (rect.width() - size) / 2, y, size, size)
        self._paint_map(painter, target)
        painter.setFont(body)
        painter.setPen(QColor(theme.muted_text))
        caption = QRectF(rect.left(), target.bottom() + 2, rect.width(), _px(body) * 1.3)
        painter.drawText(caption, Qt.AlignmentFlag.AlignHCenter, f"{node.display_label}'s output a over the inputs")

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
