"""Focus on one neuron (keys 1–9, 10 …): the neuron enlarged with its incoming weights, bias, formula
and its own map, over the dimmed canvas (the numbered badges that tell which key is which: badges.py;
the neuron with its incoming lines: focus_diagram.py).
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
from designer.ui.canvas.nodes import RADIUS
from designer.ui.live import colors
from designer.ui.live.colors import Ranges
from designer.ui.live.session import LINE, PLANE
from designer.ui.presentation.focus_diagram import NeuronDiagram, line_px

CARD_SHARE = 0.62  # of the canvas's width at most, beside the spotlit neuron
MIN_CARD_SHARE = 0.4  # narrower than this, the card rather covers part of the spotlight
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
WRAP = LEFT | Qt.TextFlag.TextWordWrap


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
        return self.card_rect(self.spotlight(), self._margin(line_px(self.window_.scene.theme.screen_font(10))))

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
        unit = line_px(body)
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
        drawn = NeuronDiagram(painter, theme, net, self.node_id)
        drawn.paint(diagram)
        self.texts.extend(drawn.texts)
        self.circle = drawn.circle
        top = diagram.bottom() + unit * 0.5
        self._paint_text(painter, QRectF(inner.left(), top, inner.width(), inner.bottom() - top))

    def _paragraphs(self) -> list[tuple[QFont, str]]:
        """The card's text: title, formula, and how z and a are computed."""
        theme = self.window_.scene.theme
        net = self.window_.document.network
        node = net.neurons[self.node_id]
        body = theme.screen_font(10)
        title = theme.screen_font(10, bold=True)
        title.setPixelSize(round(line_px(body) * 1.15))
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
            y += bound.height() + line_px(body) * 0.4
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
