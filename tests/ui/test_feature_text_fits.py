"""A feature's formula fits in its node: smaller, else cut with "…", the tooltip whole (1280×720).

``sin(x1*x2)`` was drawn at 13 pt in a 60-unit box and clipped at both edges as "n(x₁·x".
"""

from __future__ import annotations

from PySide6.QtGui import QFontMetricsF

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
