"""Network ▸ Collapse Linear Layers on a network a file brought in: deep linear layers of tiny weights
(1e-300 is an exact fraction of 1,000 bits, and every layer adds as many), with the Math view open.

The collapse computed in exact fractions whatever their size: 150 layers of four such neurons took
over a minute, once for the Math view at every edit and once for the menu entry, the window frozen.
A watchdog (SIGALRM, 20 s) turns such a freeze into a failure.
"""

from __future__ import annotations

import random
import signal

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from designer.engine import compile_network
from designer.model import Connection, InputNode, Network, Neuron, save
from designer.model.templates import empty
from tests.ui.live_gui import shown_window


@pytest.fixture(autouse=True)
def watchdog():
    def expire(signum, frame):
        raise TimeoutError("the window froze: the collapse did not return within 20 s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def tiny_linear_layers(layers: int, width: int) -> Network:
    """``layers`` fully connected linear layers of ``width`` neurons over two inputs, every weight and
    bias about 1e-300 times a random float (a valid file: the loader takes any finite number)."""
    rng = random.Random(3)
    net = Network(name="tiny weights")
    previous = ["x1", "x2"]
    for i, x in enumerate(previous):
        net.inputs[x] = InputNode(x, position=(0.0, 100.0 * i))
    for layer in range(layers):
        current = [f"h{layer}_{j}" for j in range(width)]
        for j, n in enumerate(current):
            net.neurons[n] = Neuron(
                n, "linear", bias=1e-300 * rng.uniform(-1, 1), position=(100.0 * (layer + 1), 100.0 * j)
            )
            for p in previous:
                net.connections[(p, n)] = Connection(p, n, rng.uniform(0.5, 1.5) * 10.0 ** rng.randint(-300, -290))
        previous = current
    net.outputs = previous
    return net


def test_collapsing_deep_layers_of_tiny_weights_keeps_the_window_responsive(qtbot, monkeypatch, tmp_path, dialogs):
    path = tmp_path / "tiny.json"
    save(tiny_linear_layers(150, 4), path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window = shown_window(qtbot, empty())
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # File ▸ Open
    assert window.document.path == path
    opened = window.document.network.copy()
    dock = window.exports.math_dock
    dock.toggleViewAction().trigger()  # View ▸ Math
    qtbot.waitUntil(lambda: dock.replace.isVisible(), timeout=5000)
    assert "600 hidden linear neuron(s)" not in dock.collapse_label.text()  # (596 hidden, 4 outputs)
    assert "596 hidden linear neuron(s)" in dock.collapse_label.text()

    x = [[0.3, -1.2], [2.0, 0.5], [-1.5, 1.0]]
    before = compile_network(opened).forward(x)
    window.actions["collapse_linear"].trigger()  # Network ▸ Collapse Linear Layers
    net = window.document.network
    assert set(net.neurons) == set(opened.outputs) and len(net.connections) == 8
    assert np.allclose(compile_network(net).forward(x), before, rtol=1e-9, atol=0)
    assert "Replaced the linear layers" in window.statusBar().currentMessage()
    window.actions["undo"].trigger()
    assert window.document.network == opened
    window.actions["redo"].trigger()
    assert set(window.document.network.neurons) == set(opened.outputs)
    assert dialogs.shown == []
