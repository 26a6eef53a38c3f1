"""Canvas speed on a big network: time to first paint, and full redraws when every weight changes.

Run by hand (not in CI):
    QT_QPA_PLATFORM=offscreen OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/canvas.py [--repeats 5]

The network has 300 neurons and 20,384 connections (4 inputs, layers of 100, 100, 96 and 4
neurons, fully connected). A "full weight redraw" sets every weight to new values through
the model (one VALUES_CHANGED event, as training does) and repaints the viewport. The
baseline, measured in the same run, is one QGraphicsLineItem per connection (scene index
off) whose pens are all changed per frame.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

from bench.benchlib import fresh_settings
from designer.model import Connection, InputNode, Network, Neuron, save
from designer.model.fileformat import load
from designer.ui.app import create_app
from designer.ui.mainwindow import MainWindow

LAYERS = [4, 100, 100, 96, 4]


def big_network() -> Network:
    rng = np.random.default_rng(0)
    net = Network(name="big")
    previous = []
    for i in range(LAYERS[0]):
        node_id = f"x{i}"
        net.inputs[node_id] = InputNode(node_id, position=(0.0, 80.0 * i))
        previous.append(node_id)
    for d, size in enumerate(LAYERS[1:], start=1):
        layer = []
        for j in range(size):
            node_id = f"n{d}_{j}"
            net.neurons[node_id] = Neuron(node_id, "tanh", 0.0, position=(400.0 * d, 80.0 * j))
            layer.append(node_id)
        for s in previous:
            for t in layer:
                net.connections[(s, t)] = Connection(s, t, float(rng.normal()))
        previous = layer
    net.outputs = previous
    return net


def first_paint_seconds(path: Path, app) -> float:
    start = time.perf_counter()
    window = MainWindow(load(path), path)
    window.resize(1600, 1000)
    window.show()
    window.view.zoom_to_fit()
    window.grab()  # forces a full paint
    elapsed = time.perf_counter() - start
    window.document.undo_stack.setClean()
    window.close()
    app.processEvents()
    return elapsed


def redraws_per_second(window: MainWindow, frames: int = 20) -> float:
    net = window.document.network
    keys = list(net.connections)
    rng = np.random.default_rng(1)
    viewport = window.view.viewport()
    start = time.perf_counter()
    for _ in range(frames):
        values = rng.normal(size=len(keys)).tolist()
        net.set_values(dict(zip(keys, values, strict=True)), {})
        viewport.repaint()
    return frames / (time.perf_counter() - start)


def baseline_redraws_per_second(net: Network, frames: int = 10) -> float:
    """One line item per connection, NoIndex, every pen changed per frame."""
    scene = QGraphicsScene()
    scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
    items = []
    for c in net.connections.values():
        a, b = net.node(c.source).position, net.node(c.target).position
        items.append(scene.addLine(a[0], a[1], b[0], b[1]))
    view = QGraphicsView(scene)
    view.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    view.resize(1600, 1000)
    view.show()
    view.fitInView(scene.itemsBoundingRect())
    rng = np.random.default_rng(1)
    blue, orange = QColor("#0877bd"), QColor("#f59322")
    start = time.perf_counter()
    for _ in range(frames):
        for item, w in zip(items, rng.normal(size=len(items)).tolist(), strict=True):
            item.setPen(QPen(blue if w >= 0 else orange, 1 + min(abs(w), 3)))
        view.viewport().repaint()
    rate = frames / (time.perf_counter() - start)
    view.close()
    return rate


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    fresh_settings()  # the first-start layout, not whatever the user's settings hold
    app = create_app()
    net = big_network()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.json"
        save(net, path)
        paints = [first_paint_seconds(path, app) for _ in range(args.repeats)]
        window = MainWindow(load(path), path)
        window.resize(1600, 1000)
        window.show()
        window.view.zoom_to_fit()
        window.grab()
        rates = [redraws_per_second(window) for _ in range(args.repeats)]
        window.document.undo_stack.setClean()
        window.close()
    base = [baseline_redraws_per_second(net) for _ in range(max(1, args.repeats // 2))]
    med = statistics.median
    print(f"network: {len(net.neurons)} neurons, {len(net.connections)} connections; window 1600×1000, offscreen")
    print(f"- open file to first full paint: {med(paints):.3f} s (median of {args.repeats})")
    print(f"- full weight redraws: {med(rates):.1f} per second (median of {args.repeats} × 20 frames)")
    print(f"- baseline, one QGraphicsLineItem per connection: {med(base):.1f} per second")
    print(f"- ratio: {med(rates) / med(base):.1f}×")


if __name__ == "__main__":
    main()
