"""A feature's formula fits in its node: smaller, else cut with "…", the tooltip whole (1280×720).

``sin(x1*x2)`` was drawn at 13 pt in a 60-unit box and clipped at both edges as "n(x₁·x".
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetricsF

from designer.model import InputNode, Network
from designer.model.shortcuts import add_feature
from designer.ui.canvas import nodes
from tests.ui.live_gui import sized_window


def test_a_long_feature_formula_is_drawn_inside_its_box(qtbot, monkeypatch):
    net = Network(name="features")
    for i in (1, 2):
        net.inputs[f"x{i}"] = InputNode(f"x{i}", position=(0.0, 120.0 * i))
    w = sized_window(qtbot, net, (1280, 720))
    assert w.document.push(add_feature(w.document.network, "sin(x1*x2)"))
    (feature,) = w.document.network.features
    item = w.scene.node_items[feature]
    drawn: list[tuple[float, str]] = []
    original = nodes.draw_text

    def spy(painter, rect, flags, text):
        if rect.width() == 2 * item.radius:
            drawn.append((QFontMetricsF(painter.font()).horizontalAdvance(text), text))
        original(painter, rect, flags, text)

    monkeypatch.setattr(nodes, "draw_text", spy)
    w.view.ensureVisible(item)
    w.view.viewport().grab()  # a real paint of the canvas
    texts = [text for _, text in drawn]
    assert "x1" in texts and "x2" in texts
    width, text = next((width, text) for width, text in drawn if text.startswith("sin"))
    assert width <= 2 * item.radius - 4, (width, text)
    assert text == "sin(x1·x2)" or text.endswith("…")
    assert "sin(x1*x2)" in w.scene.tooltip_for(feature)  # the whole formula on hover


def _advance_at_zoom(font: QFont, zoom: float, text: str) -> float:
    """``text``'s width in item units as drawn at ``zoom`` (glyphs are hinted for the screen's pixels:
    up to 2 % wider than at 1:1)."""
    big = QFont(font)
    big.setPointSizeF(font.pointSizeF() * zoom)
    return QFontMetricsF(big).horizontalAdvance(text) / zoom


def test_at_high_zoom_the_port_leaves_a_features_last_glyph_alone(qtbot, monkeypatch):
    """Zoomed in with the wheel (Ctrl+= too) until the canvas stops: every glyph of each feature's text,
    measured in the font at the zoom it is drawn at, ends left of its port. The port was drawn over the
    "…" of sin(x₁·… and over the x₂ of x₁·x₂."""
    from PySide6.QtCore import QPointF

    from tests.ui import gui

    net = Network(name="features")
    for i in (1, 2):
        net.inputs[f"x{i}"] = InputNode(f"x{i}", position=(0.0, 120.0 * i))
    w = sized_window(qtbot, net, (1920, 1080))
    for formula in ("x1*x2", "sin(x1*x2)"):
        assert w.document.push(add_feature(w.document.network, formula))
    drawn: dict[str, tuple] = {}
    original = nodes.draw_text

    def spy(painter, rect, flags, text):
        drawn[text] = (QFontMetricsF(painter.font()), rect, painter.worldTransform().m11())
        original(painter, rect, flags, text)

    monkeypatch.setattr(nodes, "draw_text", spy)
    for feature in w.document.network.features:
        item = w.scene.node_items[feature]
        while w.view.transform().m11() < 5.9:  # the wheel over the grid, left of the box: the canvas zooms
            gui.wheel(w.view, item.scenePos() - QPointF(2.5 * item.radius, 0), steps=3)
        w.view.centerOn(item)
        drawn.clear()
        w.view.viewport().grab()  # a real paint of the canvas
        font, text = item.source_text_shown()
        metrics, rect, zoom = drawn[text]
        assert zoom > 5.9
        width = max(metrics.horizontalAdvance(text), _advance_at_zoom(font, zoom, text))
        port_left = item.port_center().x() - nodes.PORT_RADIUS * w.scene.theme.scale
        assert rect.center().x() + width / 2 < port_left, (text, rect.center().x() + width / 2, port_left)
        assert rect.center().x() - width / 2 > -item.radius, text  # and inside the box on the left
        w.view.resetTransform()
