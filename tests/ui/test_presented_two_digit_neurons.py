"""Presenting 11 neurons: every neuron has its number badge, and two digits typed quickly focus 10 and 11.

The badges went only to 9 (keys 1–9), so neurons 10 and 11 had no number and no key.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from designer.ui.presentation import focus
from designer.ui.presentation.focus import neuron_order
from tests.ui.live_gui import mlp, open_window

K = Qt.Key


def test_eleven_neurons_have_badges_and_keys(qtbot, monkeypatch):
    w = open_window(qtbot, mlp([2, 10, 1]))  # 10 hidden neurons and the output: 11
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    qtbot.keyClick(w, K.Key_F5)
    assert w.presentation.active
    drawn: list[str] = []
    original = focus.draw_text
    monkeypatch.setattr(focus, "draw_text", lambda p, r, f, text: (drawn.append(text), original(p, r, f, text)))
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
