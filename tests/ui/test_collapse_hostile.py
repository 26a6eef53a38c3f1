"""Network ▸ Collapse Linear Layers on networks a file brought in, with the Math view open (it collapses
at every edit to show the result): each froze the window for longer than a watchdog (SIGALRM, 20 s) waits.

- Deep linear layers of tiny weights (1e-300 is an exact fraction of 1,000 bits, and every layer adds as
  many): the collapse computed in exact fractions whatever their size (150 layers of four: over a minute).
- Linear layers that fan out and in again (2,000 inputs into one neuron, out to 2,000, into one): millions
  of connections on the way (30 s, 900 MB); 450 inputs through one neuron to 450 outputs: a collapsed
  network of 202,500 connections, which no network file may hold (the saved work would not open again).
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


def fanning_out_and_in(inputs: int, middle: int) -> Network:
    """``inputs`` inputs into one linear neuron, out to ``middle`` linear neurons (none: to ``inputs``
    linear outputs), and into one linear neuron again before a sigmoid output."""
    net = Network(name="fans")
    for i in range(inputs):
        net.inputs[f"x{i}"] = InputNode(f"x{i}", position=(0.0, 10.0 * i))
        net.connections[(f"x{i}", "a")] = Connection(f"x{i}", "a", 0.5)
    net.neurons["a"] = Neuron("a", "linear", position=(100.0, 0.0))
    fanned = [f"b{j}" for j in range(middle or inputs)]
    for j, b in enumerate(fanned):
        net.neurons[b] = Neuron(b, "linear", 0.1, position=(200.0, 10.0 * j))
        net.connections[("a", b)] = Connection("a", b, 0.25)
    if middle:
        net.neurons["c"] = Neuron("c", "linear", position=(300.0, 0.0))
        net.neurons["y"] = Neuron("y", "sigmoid", position=(400.0, 0.0))
        net.connections.update({(b, "c"): Connection(b, "c", 0.125) for b in fanned})
        net.connections[("c", "y")] = Connection("c", "y", 1.0)
    net.outputs = fanned if not middle else ["y"]
    return net


def open_with_the_math_view(qtbot, monkeypatch, path):
    """A window that opened ``path`` (File ▸ Open) and shows the Math view (View ▸ Math)."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window = shown_window(qtbot, empty())
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # File ▸ Open
    assert window.document.path == path
    window.exports.math_dock.toggleViewAction().trigger()  # View ▸ Math
    return window


def test_collapsing_deep_layers_of_tiny_weights_keeps_the_window_responsive(qtbot, monkeypatch, tmp_path, dialogs):
    path = tmp_path / "tiny.json"
    save(tiny_linear_layers(150, 4), path)
    window = open_with_the_math_view(qtbot, monkeypatch, path)
    opened = window.document.network.copy()
    dock = window.exports.math_dock
    qtbot.waitUntil(lambda: dock.replace.isVisible(), timeout=5000)
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


@pytest.mark.parametrize(
    ("network", "reason"),
    [
        (fanning_out_and_in(2000, 2000), "it takes more than 1,000,000 multiply-adds"),
        (fanning_out_and_in(450, 0), "the collapsed network would have 202,500 connections"),
    ],
    ids=["millions on the way", "more than a file holds"],
)
def test_a_collapse_too_large_is_refused_in_one_line(qtbot, monkeypatch, tmp_path, dialogs, network, reason):
    path = tmp_path / "fans.json"
    save(network, path)
    window = open_with_the_math_view(qtbot, monkeypatch, path)
    dock = window.exports.math_dock
    qtbot.waitUntil(lambda: "Linear collapse not possible" in dock.collapse_label.text(), timeout=5000)
    assert reason in dock.collapse_label.text() and not dock.replace.isVisible()
    window.actions["collapse_linear"].trigger()  # Network ▸ Collapse Linear Layers
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Cannot collapse: {reason}") and message.splitlines() == [message]
    assert window.document.network == network and not window.document.modified
    assert dialogs.shown == []
