"""Graphics items for inputs and neurons. They hold a model id and read everything else from the model.

A node's body (shape, activation glyph, name, port) changes rarely, so Qt keeps it as a pixmap in
device coordinates (``DeviceCoordinateCache``: repainted only after ``update()``, crisp at any zoom).
The bias, which training changes every frame, is a small child item of its own (``bias_label.py``):
a training frame repaints only that text, never the glyphs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject, QStyleOptionGraphicsItem, QWidget

from designer.export.feature_math import formula_math
from designer.formatting import clean_text, isolated
from designer.model import FeatureNode

# The bias text (bias_label.py), its floor re-exported: tests import it from here.
from designer.ui.canvas.bias_label import MIN_BIAS_POINTS as MIN_BIAS_POINTS
from designer.ui.canvas.bias_label import BiasLabel
from designer.ui.canvas.glyphs import draw_glyph
from designer.ui.canvas.text import draw_text

if TYPE_CHECKING:
    from designer.ui.canvas.scene import NetworkScene

RADIUS = 30.0
PORT_RADIUS = 7.0
SOURCE_MIN_POINTS = 8  # an input's or feature's text gets no smaller than this (then it is cut with "…")
LOD_NODES = 60  # above this many nodes, details are skipped when zoomed far out


class NodeItem(QGraphicsObject):
    """An input or a neuron on the canvas."""

    def __init__(self, node_id: str, scene: NetworkScene) -> None:
        super().__init__()
        self.node_id = node_id
        self._scene = scene
        flag = QGraphicsItem.GraphicsItemFlag
        self.setFlags(
            flag.ItemIsSelectable | flag.ItemIsMovable | flag.ItemSendsGeometryChanges
        )  # one change, not three
        self.setAcceptHoverEvents(True)
        self.setZValue(10)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.hovered = False
        self.port_hovered = False
        self._bounds = QRectF()
        self.bias_label = BiasLabel(self) if node_id in scene.network.neurons else None
        self.sync()

    # ------------------------------------------------------------ model
    @property
    def node(self):
        return self._scene.network.node(self.node_id)

    @property
    def is_input(self) -> bool:
        """Inputs and feature nodes: the input column (no incoming port, no bias, drawn square)."""
        return self._scene.network.is_source(self.node_id)

    def _source_text(self) -> str:
        """An input's label; a feature's label, else its formula (x₁², sin x₁)."""
        network = self._scene.network
        node = self.node
        if isinstance(node, FeatureNode) and not node.label:
            names = {i: clean_text(n.display_label) for i, n in network.inputs.items()}
            return formula_math(node.expression, names)
        return isolated(node.display_label)  # a U+202E in a label reverses nothing drawn after it

    def source_text_shown(self) -> tuple[QFont, str]:
        """An input's or feature's text as drawn in its box: smaller where it is long, down to
        SOURCE_MIN_POINTS, then cut with "…" (the tooltip has the whole formula). A custom feature
        sin(x1*x2) was drawn clipped at the box's edges as "n(x₁·x"."""
        theme = self._scene.theme
        text = self._source_text()
        room = 2 * self.radius - self._port_width() - 4 * theme.scale
        font = theme.font(13, bold=True)
        for points in range(13, SOURCE_MIN_POINTS - 1, -1):
            font = theme.font(points, bold=True)
            if QFontMetricsF(font).horizontalAdvance(text) <= room:
                return font, text
        return font, QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, room)

    def _port_width(self) -> float:
        """What the output port takes of the box's right half (none where ports are hidden: a figure,
        the presentation stage)."""
        return PORT_RADIUS * self._scene.theme.scale if self._scene.show_ports else 0.0

    def source_text_rect(self, font: QFont, text: str) -> QRectF:
        """Where an input's or feature's text is centred: on the box, or as far left as it takes to stay
        clear of the port (at high zoom the port was drawn over the last glyph of a long formula)."""
        r = self.radius
        clear = r - self._port_width() - 2 * self._scene.theme.scale  # the text's right edge at most
        half = QFontMetricsF(font).horizontalAdvance(text) / 2
        shift = min(0.0, clear - half)
        return QRectF(-r + shift, -r, 2 * r, 2 * r)

    @property
    def is_output(self) -> bool:
        return self.node_id in self._scene.network.outputs

    def sync(self) -> None:
        """Follow the model: position, size, repaint (the tooltip is built on demand by the scene)."""
        bounds = self._compute_bounds()
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds = bounds
        shown = self._scene.to_scene(self.node.position)
        x, y = shown.x(), shown.y()
        if (self.pos().x(), self.pos().y()) != (x, y):
            self.setPos(x, y)
            if (self.pos().x(), self.pos().y()) != (x, y):
                # QPointF compares fuzzily, so Qt ignores a move by a rounding error; the item
                # must still show exactly the model's position (it is saved and compared)
                self.setPos(x + 1.0, y)
                self.setPos(x, y)
        self.update()
        self.refresh_bias()

    def refresh_bias(self) -> None:
        """The bias changed (an edit or a training frame): only its text is drawn again."""
        if self.bias_label is not None:
            self.bias_label.refresh()

    # ---------------------------------------------------------- geometry
    @property
    def radius(self) -> float:
        return RADIUS * self._scene.theme.scale

    def port_center(self) -> QPointF:
        """The output port on the right edge: drag from it to connect."""
        return QPointF(self.radius, 0)

    def on_port(self, local: QPointF) -> bool:
        d = local - self.port_center()
        r = PORT_RADIUS * self._scene.theme.scale + 3
        return d.x() * d.x() + d.y() * d.y() <= r * r

    def boundingRect(self) -> QRectF:
        # cached: Qt asks for it while removing the item, when the model no longer has the node
        return self._bounds

    def _compute_bounds(self) -> QRectF:
        r = self.radius
        s = self._scene.theme.scale
        label_h = self._label_h = self._label_height()  # cached for paint (sync runs on theme changes)
        width = max(2 * r + 2 * PORT_RADIUS * s + 8, self._label_width() + 8)
        return QRectF(-width / 2, -r - 6, width, 2 * r + 6 + label_h + 4)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.WindingFill)  # the port overlaps the body: keep both
        r = self.radius
        path.addEllipse(QPointF(0, 0), r + 2, r + 2)
        pr = PORT_RADIUS * self._scene.theme.scale + 3
        path.addEllipse(self.port_center(), pr, pr)
        return path

    def parts(self) -> list[QRectF]:
        """What the node draws, in scene coordinates, tighter than its bounds: the body with its port,
        and the name under a neuron (as wide as its text). Badges placed beside a neuron avoid these."""
        r = self.radius
        port = PORT_RADIUS * self._scene.theme.scale
        p = self.pos()
        rects = [QRectF(p.x() - r, p.y() - r, 2 * r + port, 2 * r)]
        if self._label_text():
            width = self._label_width()
            rects.append(QRectF(p.x() - width / 2, p.y() + r + 2, width, self._label_h))
        return rects

    def _label_height(self) -> float:
        """Room for the name under a neuron (more when presentation mode's text floor enlarges it)."""
        return max(22 * self._scene.theme.scale, QFontMetricsF(self._scene.theme.font(10, bold=True)).height())

    def _label_width(self) -> float:
        return QFontMetricsF(self._scene.theme.font(10, bold=True)).horizontalAdvance(self._label_text())

    def _label_text(self) -> str:
        if self.is_input:
            return self._source_text() if self.source_text_outside() else ""
        return isolated(self.node.display_label)

    def source_text_outside(self) -> bool:
        """An input's or feature's text goes under its box, like a neuron's name, where presentation's text
        floor makes it too large for the box: fitted small at 1280×720, x₁ and x₂ showed as "…"."""
        if not self.is_input or self._scene.theme.min_text_px <= 0:
            return False
        return self.source_text_shown()[1] != self._source_text()

    # ------------------------------------------------------------ paint
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if not self._scene.network.has_node(self.node_id):
            return  # being removed
        theme = self._scene.theme
        s = theme.scale
        r = self.radius
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = theme.input_fill if self.is_input else theme.output_fill if self.is_output else theme.node_fill
        selected = self.isSelected()
        border = QPen(
            theme.color("selection") if selected else theme.color("node_border"), (3.0 if selected else 1.6) * s
        )
        painter.setPen(border)
        painter.setBrush(QBrush(QColor(fill)))
        if self.is_input:
            painter.drawRoundedRect(QRectF(-r, -r, 2 * r, 2 * r), 9 * s, 9 * s)
        else:
            painter.drawEllipse(QPointF(0, 0), r, r)
            if self.is_output:
                ring = QPen(border)
                ring.setWidthF(1.2 * s)
                painter.setPen(ring)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(QPointF(0, 0), r - 4 * s, r - 4 * s)
        if self.hovered and not selected:
            painter.setPen(QPen(theme.color("hover"), 2 * s))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(0, 0), r + 3 * s, r + 3 * s)
        if self.lod_hidden(painter):
            return  # a big network zoomed far out: text and glyphs would be unreadable specks
        self._paint_content(painter)
        self._paint_port(painter)
        self._paint_label(painter)

    def lod_hidden(self, painter: QPainter) -> bool:
        """True when a big network is zoomed so far out that text and glyphs would be specks."""
        many = len(self._scene.node_items) > LOD_NODES
        return many and QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform()) < 0.45

    def _paint_content(self, painter: QPainter) -> None:
        theme = self._scene.theme
        s = theme.scale
        r = self.radius
        node = self.node
        if self.is_input:
            if self.source_text_outside():
                return  # drawn under the box, as its name
            painter.setPen(theme.color("text"))
            font, text = self.source_text_shown()
            painter.setFont(font)
            draw_text(painter, self.source_text_rect(font, text), Qt.AlignmentFlag.AlignCenter, text)
            return
        glyph = QRectF(-r * 0.55, -r * 0.62, r * 1.1, r * 0.62)
        draw_glyph(painter, glyph, node.activation, theme.color("text"), 1.8 * s)

    def _paint_port(self, painter: QPainter) -> None:
        if not self._scene.show_ports:
            return
        theme = self._scene.theme
        s = theme.scale
        c = self.port_center()
        pr = PORT_RADIUS * s
        color = theme.color("selection") if self.port_hovered else theme.color("node_border")
        painter.setPen(QPen(color, 1.4 * s))
        painter.setBrush(QBrush(theme.color("selection") if self.port_hovered else theme.color("background")))
        painter.drawEllipse(c, pr, pr)

    def _paint_label(self, painter: QPainter) -> None:
        text = self._label_text()
        if not text:
            return
        painter.setPen(self._scene.theme.color("text"))
        painter.setFont(self._scene.theme.font(10, bold=True))
        draw_text(painter, self._label_box(), Qt.AlignmentFlag.AlignHCenter, text)

    def _label_box(self) -> QRectF:
        w = self._bounds.width()
        return QRectF(-w / 2, self.radius + 2, w, self._label_h)

    def caption_rect(self) -> QRectF | None:
        """Where the name under the node is written, tight around its text (item coordinates); None when
        there is none. Rings drawn round the node leave it clear."""
        text = self._label_text()
        if not text:
            return None
        metrics = QFontMetricsF(self._scene.theme.font(10, bold=True))
        return metrics.boundingRect(self._label_box(), int(Qt.AlignmentFlag.AlignHCenter), text)

    # ------------------------------------------------------------ events
    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self._scene.node_item_moved(self.node_id)
        elif change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self._scene.node_selection_changed()
        return super().itemChange(change, value)

    def hoverEnterEvent(self, event) -> None:
        self.hovered = True
        self._scene.node_hovered(self.node_id, True)
        self.update()

    def hoverMoveEvent(self, event) -> None:
        on = self.on_port(event.pos())
        if on != self.port_hovered:
            self.port_hovered = on
            self.setCursor(Qt.CursorShape.CrossCursor if on else Qt.CursorShape.ArrowCursor)
            self.update()

    def hoverLeaveEvent(self, event) -> None:
        self.hovered = False
        self.port_hovered = False
        self.unsetCursor()
        self._scene.node_hovered(self.node_id, False)
        self.update()
