"""Bias text while presenting: presentation's text floor (24 px on screen) does not shrink, so a bias
that does not fit inside its neuron at that size is left out (its formula in the tooltip and the
Inspector keep it) instead of being drawn across the circle's border (lesson step 6, a 1-8-1 network
at 1920×1080: circles some 36 px across, "−0.5" wider than them)."""

from __future__ import annotations

import math

from PySide6.QtGui import QFontMetricsF

from designer.formatting import format_number
from tests.ui.test_presentation_lesson_room import go_to, present_lesson


def test_a_presented_bias_lies_inside_its_neuron_or_is_left_out(qtbot, monkeypatch):
    w = present_lesson(qtbot, monkeypatch, 1920, 1080)
    go_to(qtbot, w, 6)
    w.view.viewport().repaint()
    network, scene = w.document.network, w.scene
    assert len(network.neurons) == 9
    shown = 0
    for neuron in network.neurons:
        item = scene.node_items[neuron]
        label = item.bias_label
        text = label.text()
        if not text:
            assert format_number(abs(network.neurons[neuron].bias)) in scene.tooltip_for(neuron)  # its formula
            continue
        shown += 1
        ink = QFontMetricsF(label.font()).tightBoundingRect(text)
        centre = label.boundingRect().center()
        inside = item.radius - (4.6 if neuron in network.outputs else 0.8) * scene.theme.scale
        for x in (centre.x() - ink.width() / 2, centre.x() + ink.width() / 2):
            for y in (centre.y() - ink.height() / 2, centre.y() + ink.height() / 2):
                assert math.hypot(x, y) <= inside, (neuron, text, x, y, inside)
    w.actions["present"].setChecked(False)  # in the window the biases are written in the neurons again
    qtbot.waitUntil(lambda: not w.presentation.active)
    assert all(scene.node_items[n].bias_label.text() for n in network.neurons)
