"""Render the live views' screenshots headless: .venv/bin/python scripts/live_screenshots.py

Writes PNGs to docs/images/: XOR trained, spiral training in progress, a 1-D bump approximated
by ReLU contributions, gradient flow with zero-gradient marks, the backward pass step-through.
Each is a real MainWindow rendered offscreen with QWidget.grab().
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from screenshots import fresh_start  # noqa: E402 (a fresh start for every window)

from designer.engine import Trainer, compile_network, randomize  # noqa: E402
from designer.engine.data import DataOptions  # noqa: E402
from designer.model import Connection, InputNode, Network, Neuron  # noqa: E402
from designer.model.layout import arrange_by_layers  # noqa: E402
from designer.ui.app import create_app  # noqa: E402
from designer.ui.mainwindow import MainWindow  # noqa: E402

fresh_start()
os.environ["NN_DESIGNER_RECOVERY"] = str(Path(tempfile.gettempdir()) / "nn-designer-screenshots-recovery.json")

OUT = ROOT / "docs" / "images"
SIZE = (1500, 940)
RIGHT_COLUMN = 500  # px: the region map about as tall as the canvas is wide enough for the network
INSPECTOR_SHARE = 0.22  # of the right column's height: a neuron's title and first fields, or the hint
SPIRAL_EPOCHS = 1500  # Adam at SPIRAL_RATE: both arms learnt, a few points still wrong
SPIRAL_RATE = "0.01"


def mlp(sizes: list[int], hidden: str, output: str, labels: bool = True) -> Network:
    net = Network(name="-".join(map(str, sizes)))
    subscripts = "₁₂₃₄₅₆₇₈₉"
    previous: list[str] = []
    for i in range(sizes[0]):
        node_id = f"x{i + 1}"
        net.inputs[node_id] = InputNode(node_id, label=f"x{subscripts[i]}" if labels else None)
        previous.append(node_id)
    for depth, count in enumerate(sizes[1:], start=1):
        last = depth == len(sizes) - 1
        layer = []
        for j in range(count):
            node_id = "y" if last and count == 1 else f"h{j + 1}" if depth == 1 else f"g{j + 1}"
            net.neurons[node_id] = Neuron(node_id, output if last else hidden, 0.0)
            for s in previous:
                net.connections[(s, node_id)] = Connection(s, node_id, 0.5)
            layer.append(node_id)
        previous = layer
    net.outputs = previous
    for node_id, position in arrange_by_layers(net).items():
        net.node(node_id).position = position
    return net


def good_seed(window: MainWindow, epochs: int, target: float) -> int:
    """The first weight seed whose run reaches ``target`` loss (gradient descent may get stuck)."""
    live = window.live
    data = live.session.data
    for seed in range(1, 60):
        net = compile_network(window.document.network, np.float64)
        randomize(net, seed)
        trainer = Trainer(net, data.x_train, data.y_train, live.training.settings)
        for _ in trainer.iterate(epochs):
            pass
        if trainer.evaluate(data.x_train, data.y_train).loss < target:
            return seed
    return 1


def window_for(app, net: Network, inspector_share: float = INSPECTOR_SHARE) -> MainWindow:
    fresh_start()
    window = MainWindow(net)
    window.resize(*SIZE)
    window.show()
    window.live.build_plots()
    window.size_right_column()  # as app.run does at a first start
    settle(app)
    room_for_the_map(app, window, inspector_share)
    window.view.zoom_to_fit()
    window.view.zoom(0.85)  # room for the value boxes right of the output
    settle(app)
    return window


def room_for_the_map(app, window: MainWindow, inspector_share: float) -> None:
    """The right column wider and Decision Regions most of it, as a user drags the docks' edges.

    At a first start the Inspector takes about half of the column (room for a neuron's page), which left
    the pictures about training a small map beside an empty "Select a neuron…" page."""
    inspector, region = window.inspector_dock, window.live.region_dock
    window.resizeDocks([region], [RIGHT_COLUMN], Qt.Orientation.Horizontal)
    settle(app)
    window.layout().activate()
    column = inspector.height() + region.height()
    tall = max(round(column * inspector_share), inspector.minimumSizeHint().height())
    window.resizeDocks([inspector, region], [tall, column - tall], Qt.Orientation.Vertical)
    settle(app)


def settle(app, rounds: int = 8) -> None:
    for _ in range(rounds):
        app.processEvents()


def choose(combo, key: str) -> None:
    """Pick the item whose id is ``key`` ("adam", "cross_entropy"). The items show labels ("Adam",
    "cross-entropy"), so ``setCurrentText(key)`` matched none and the pictures trained with SGD and MSE."""
    index = combo.findData(key)
    if index < 0:
        raise ValueError(f"{combo.objectName() or 'the list'} has no item {key!r}")
    combo.setCurrentIndex(index)


def train(app, window: MainWindow, epochs: int) -> None:
    """Play until the panel's *Stop at epoch* ``epochs`` stops the run. The stop counts optimiser steps,
    not time, and the weights and batches are seeded: every machine draws the same picture (4 s of
    wall-clock training reached epoch 2800 on one machine and epoch 7 on a busy one)."""
    trainer = window.live.training
    window.live.panel.stop_epochs.setValue(epochs)
    window.live.panel.stop_epochs_on.setChecked(True)
    trainer.play()
    while trainer.running:
        app.processEvents()
    if trainer.epoch != epochs:
        raise RuntimeError(f"training stopped at epoch {trainer.epoch}, not {epochs}: {trainer.pause_note}")


def save(app, window: MainWindow, name: str) -> None:
    settle(app)
    path = OUT / name
    window.grab().save(str(path))
    print(f"wrote {path.relative_to(ROOT)}")


def xor_trained(app) -> None:
    w = window_for(app, mlp([2, 2, 1], "sigmoid", "sigmoid"))
    live = w.live
    choose(live.panel.loss, "cross_entropy")
    choose(live.panel.optimizer, "adam")
    live.panel.rate.setCurrentText("0.1")
    live.training.weight_seed = good_seed(w, 400, 0.05) - 1
    live.training.randomize()
    train(app, w, epochs=400)
    live.session.set_probe([1.0, 0.0], pinned=True, target=[1.0])  # as a click on the point (1, 0) does
    save(app, w, "live-xor-trained.png")
    w.document.undo_stack.setClean()
    w.close()


def spiral_training(app) -> None:
    w = window_for(app, mlp([2, 8, 8, 1], "tanh", "sigmoid"))
    live = w.live
    live.session.regenerate(DataOptions("spiral", 0.1, 0.5, 0))
    choose(live.panel.loss, "cross_entropy")
    choose(live.panel.optimizer, "adam")
    live.panel.rate.setCurrentText(SPIRAL_RATE)
    live.training.randomize()
    live.region.show_lines.setChecked(False)  # 8 dashed z = 0 lines would hide the regions
    train(app, w, epochs=SPIRAL_EPOCHS)
    save(app, w, "live-spiral-training.png")
    w.document.undo_stack.setClean()
    w.close()


def bump(app) -> None:
    net = mlp([1, 2, 1], "sigmoid", "linear")  # two sigmoid steps make the bump
    w = window_for(app, net)
    live = w.live
    live.session.regenerate(DataOptions("bump", 0.0, 0.8, 0))
    choose(live.panel.optimizer, "adam")
    live.panel.rate.setCurrentText("0.03")
    live.panel.rate.setCurrentText("0.1")
    live.training.weight_seed = good_seed(w, 600, 0.01) - 1
    live.training.randomize()
    live.curves.log.setChecked(True)
    train(app, w, epochs=600)
    live.session.set_probe([2.0], pinned=True)
    save(app, w, "live-bump-contributions.png")
    w.document.undo_stack.setClean()
    w.close()


def gradient_flow(app) -> None:
    net = mlp([2, 3, 1], "sigmoid", "sigmoid")
    net.neurons["h2"].activation = "step"
    net.neurons["h3"].activation = "relu"
    net.neurons["h3"].bias = -8.0  # inactive on every sample: a dead ReLU
    weights = {
        ("x1", "h1"): 0.8,
        ("x2", "h1"): -0.6,
        ("x1", "h2"): 0.4,
        ("x2", "h2"): 0.9,
        ("x1", "h3"): 0.3,
        ("x2", "h3"): -0.2,
        ("h1", "y"): 1.5,
        ("h2", "y"): -1.0,
        ("h3", "y"): 0.7,
    }
    for key, value in weights.items():
        net.connections[key].weight = value
    w = window_for(app, net)
    live = w.live
    live.session.regenerate(DataOptions("circle", 0.0, 0.5, 0))
    w.actions["gradient_flow"].setChecked(True)
    save(app, w, "live-gradient-flow.png")
    live.session.set_probe(live.session.data.x_train[3], pinned=True, target=live.session.data.y_train[3])
    w.actions["backward_pass"].setChecked(True)
    save(app, w, "live-backward-pass.png")
    w.document.undo_stack.setClean()
    w.close()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    app = create_app()
    shots = (xor_trained, spiral_training, bump, gradient_flow)
    wanted = sys.argv[1:]  # names of shots to render again (all without)
    for shot in shots:
        if wanted and shot.__name__ not in wanted:
            continue
        shot(app)
        settle(app)


if __name__ == "__main__":
    main()
