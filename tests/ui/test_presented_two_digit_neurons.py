"""Presenting 11 neurons: every neuron has its number badge, and two digits typed quickly focus 10 and 11.

The badges went only to 9 (keys 1–9), so neurons 10 and 11 had no number and no key.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from designer.ui.presentation import badges, focus_diagram
from designer.ui.presentation.badges import neuron_order
from tests.ui.live_gui import mlp, open_window

K = Qt.Key


def presenting_at_1280(qtbot, network):
    """``network`` in a 1280×720 window presenting (F5), the canvas focused for the number keys. The
    offscreen screen is 800×800: full screen there (F5 covers the screen) would present at that size."""
    w = open_window(qtbot, network)
    w.showFullScreen = lambda: w.resize(1280, 720)  # a 1280×720 projector
    w.isFullScreen = lambda: w.presentation.active
    w.resize(1280, 720)
    qtbot.waitUntil(lambda: (w.width(), w.height()) == (1280, 720))
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    qtbot.keyClick(w, K.Key_F5)
    w.view.setFocus()
    return w


def test_eleven_neurons_have_badges_and_keys(qtbot, monkeypatch):
    w = open_window(qtbot, mlp([2, 10, 1]))  # 10 hidden neurons and the output: 11
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    qtbot.keyClick(w, K.Key_F5)
    assert w.presentation.active
    drawn: list[str] = []
    original = badges.draw_text
    monkeypatch.setattr(badges, "draw_text", lambda p, r, f, text: (drawn.append(text), original(p, r, f, text)))
    w.view.viewport().grab()
    assert {str(n) for n in range(1, 12)} <= set(drawn)
    w.view.setFocus()
    order = neuron_order(w.document.network)
    qtbot.keyClick(w.view, K.Key_1)
    qtbot.keyClick(w.view, K.Key_1)
    assert w.presentation.spotlight.focused == order[10]
    qtbot.keyClick(w.view, K.Key_0)  # a lone 0 after a two-digit number: the whole network again
    assert w.presentation.spotlight.focused is None
    qtbot.keyClick(w.view, K.Key_3)
    assert w.presentation.spotlight.focused == order[2]


def test_a_focused_neurons_weight_boxes_cover_no_other_box(qtbot, monkeypatch):
    """Neuron 11 of a 2-8-3 net focused at 1280×720: its eight weight boxes were drawn over each other."""
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QFontMetricsF

    w = presenting_at_1280(qtbot, mlp([2, 8, 3]))
    qtbot.keyClick(w.view, K.Key_1)
    qtbot.keyClick(w.view, K.Key_1)
    card = w.presentation.card
    assert w.presentation.spotlight.focused == neuron_order(w.document.network)[10] and card.isVisible()
    boxes: list[QRectF] = []
    original = focus_diagram.NeuronDiagram._box

    def spy(self, where, text, font, color):
        if isinstance(where, QPointF):  # where the box is centred (as drawn before)
            metrics = QFontMetricsF(font)
            width, height = metrics.horizontalAdvance(text) + metrics.height() * 0.5, metrics.height() * 1.1
            boxes.append(QRectF(where.x() - width / 2, where.y() - height / 2, width, height))
        else:
            boxes.append(QRectF(where))
        original(self, where, text, font, color)

    monkeypatch.setattr(focus_diagram.NeuronDiagram, "_box", spy)
    card.grab()
    assert len(boxes) >= 3
    overlapping = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a.intersects(b)]
    assert overlapping == []


def test_the_focus_cards_caption_does_not_cover_the_card(qtbot):
    """towers-sin (13 neurons) at 1280×720, neuron 3 focused: with a badge on every neuron the caption
    found no free place beside the dimmed network and sat on the card, over its formula."""
    from PySide6.QtCore import QRect

    from designer.model import load
    from tests.conftest import EXAMPLES

    w = presenting_at_1280(qtbot, load(EXAMPLES / "towers-sin.json"))
    qtbot.keyClick(w.view, K.Key_3)
    stage, card = w.presentation.stage, w.presentation.card
    caption = stage.caption
    qtbot.waitUntil(lambda: card.isVisible() and caption.isVisible())
    drawn = card.drawn_card().toAlignedRect()  # the card widget spans the dimmed canvas
    on_card = QRect(card.mapTo(stage, drawn.topLeft()), drawn.size())
    assert not caption.geometry().intersects(on_card)
