"""Network ▸ Collapse Linear Layers on networks a file brought in, with the Math view open (it collapses
at every edit to show the result): each froze the window for longer than a watchdog (SIGALRM, 20 s) waits.

- Deep linear layers of tiny weights (1e-300 is an exact fraction of 1,000 bits, and every layer adds as
  many): the collapse computed in exact fractions whatever their size (150 layers of four: over a minute).
- Linear layers that fan out and in again (2,000 inputs into one neuron, out to 2,000, into one): millions
  of connections on the way (30 s, 900 MB); 450 inputs through one neuron to 450 outputs: a collapsed
  network of 202,500 connections, which no network file may hold (the saved work would not open again).
- Realistic linear MLPs (a lecturer's 784-128-64-10: 7 million multiply-adds) were refused above 1,000,000
  multiply-adds (one at a time in Python they froze the window): the engine now multiplies the levels'
  weight matrices. Here 100-100-100-10 (1.2 million) and 1,000 inputs fanned out to 1,000 and in again (2 million; a
  canvas of a few hundred nodes; 784-128-64-10 is tests/export/test_collapse.py's).
"""

from __future__ import annotations

import signal

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from designer.engine import compile_network
from designer.model import save
from designer.model.templates import empty
from tests.export.collapse_nets import fanning_out_and_in, tiny_linear_layers
from tests.netgen import layered
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
    assert "596 hidden linear neurons" in dock.collapse_label.text()

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
    ("network", "kept"),
    [(layered([100, 100, 100, 10], ["linear"] * 3, seed=4), 10), (fanning_out_and_in(1000, 1000), 1)],
    ids=["100-100-100-10", "fanning out and in"],
)
def test_realistic_and_fanning_linear_layers_collapse_in_the_window(
    qtbot, monkeypatch, tmp_path, dialogs, network, kept
):
    path = tmp_path / "mlp.json"
    save(network, path)
    window = open_with_the_math_view(qtbot, monkeypatch, path)
    dock = window.exports.math_dock
    qtbot.waitUntil(lambda: dock.replace.isVisible(), timeout=5000)
    hidden = len(network.neurons) - kept
    assert f"The {hidden} hidden linear neurons compute the same" in dock.collapse_label.text()

    x = np.random.default_rng(4).uniform(-1, 1, (20, len(network.inputs)))
    before = compile_network(network).forward(x)
    window.actions["collapse_linear"].trigger()  # Network ▸ Collapse Linear Layers
    net = window.document.network
    assert len(net.neurons) == kept and len(net.connections) == len(network.inputs) * kept
    after = compile_network(net).forward(x)
    assert np.max(np.abs(after - before)) <= 1e-12 * np.max(np.abs(before))
    assert "Replaced the linear layers" in window.statusBar().currentMessage()
    window.actions["undo"].trigger()
    assert window.document.network == network
    window.actions["redo"].trigger()
    assert len(window.document.network.connections) == len(network.inputs) * kept
    assert dialogs.shown == []


@pytest.mark.parametrize(
    ("network", "reason"),
    [(fanning_out_and_in(450, 0), "the collapsed network would have 202,500 connections")],
    ids=["more than a file holds"],
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
