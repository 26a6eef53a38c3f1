"""Render the screenshots of engineered inputs, many classes and regression headless:
.venv/bin/python scripts/features_screenshots.py

Writes PNGs to docs/images/: the features palette open over the circle learnt by one neuron from
x₁² and x₂², a 2-8-3 softmax network's 3-class region map (spiral-3), and a regression map
(Playground's reg-gauss). Each is a real MainWindow rendered offscreen.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QPainter

sys.path.insert(0, str(Path(__file__).resolve().parent))

from live_screenshots import OUT, ROOT, choose, mlp, save, settle, train, window_for

from designer.engine.data import DataOptions
from designer.model import Connection
from designer.model.layout import arrange_by_layers
from designer.model.shortcuts import SetSoftmax, toggle_feature
from designer.ui.app import create_app
from designer.ui.mainwindow import MainWindow


def settings(window: MainWindow, loss: str, optimizer: str, rate: str) -> None:
    panel = window.live.panel
    choose(panel.loss, loss)
    choose(panel.optimizer, optimizer)
    panel.rate.setCurrentText(rate)


def features_palette(app) -> None:
    """Playground's signature demo: x₁² and x₂² as inputs, and the circle is one neuron."""
    net = mlp([2, 1], "sigmoid", "sigmoid")
    del net.connections[("x1", "y")], net.connections[("x2", "y")]
    w = window_for(app, net)
    document = w.document
    for expression in ("x1^2", "x2^2"):
        document.push(toggle_feature(document.network, expression))
    for feature in list(document.network.features):
        document.network.connections[(feature, "y")] = Connection(feature, "y", 0.0)
    document.replace(document.network.copy(), path=None)  # redrawn with the new connections
    for node_id, position in arrange_by_layers(document.network).items():
        document.network.node(node_id).position = position
    document.replace(document.network.copy(), path=None)
    w.session.regenerate(DataOptions("circle", 0.0, 0.5, 0))
    settings(w, "cross_entropy", "adam", "0.1")
    train(app, w, epochs=150)
    w.scene.select_nodes([next(iter(document.network.features))])  # the inspector shows the feature
    w.view.zoom_to_fit()
    w.view.zoom(0.8)
    settle(app)
    button = w.toolbar.widgetForAction(w.actions["add_input"])
    menu = button.menu()
    menu.popup(button.mapToGlobal(QPoint(0, button.height())))
    settle(app)
    picture = w.grab()
    painter = QPainter(picture)
    painter.drawPixmap(w.mapFromGlobal(menu.pos()), menu.grab())  # the open menu is a window of its own
    painter.end()
    menu.close()
    path = OUT / "features-palette.png"
    picture.save(str(path))
    print(f"wrote {path.relative_to(ROOT)}")
    document.undo_stack.setClean()
    w.close()


def trained(
    app, net, dataset: DataOptions, loss: str, rate: str, epochs: int, name: str, log_loss: bool = False
) -> None:
    """``net`` trained from random weights on ``dataset`` with Adam, then the window's picture (``log_loss``:
    the loss curve on a log scale, where a first epoch's loss 500 times the last flattened it to a line)."""
    w = window_for(app, net)
    if len(net.outputs) > 1:
        w.document.push(SetSoftmax(True))
    w.session.regenerate(dataset)
    settings(w, loss, "adam", rate)
    w.live.training.randomize()
    w.live.region.show_lines.setChecked(False)  # 8 z = 0 lines would hide the regions
    w.live.curves.log.setChecked(log_loss)
    train(app, w, epochs=epochs)
    save(app, w, name)
    w.document.undo_stack.setClean()
    w.close()


def three_classes(app) -> None:
    net = mlp([2, 8, 3], "tanh", "sigmoid")
    for c, output in enumerate(net.outputs, start=1):
        net.neurons[output].label = f"y{c}"
    trained(app, net, DataOptions("spiral-3", 0.1, 0.5, 0), "cross_entropy", "0.03", 400, "classes-3-region.png")


def regression(app) -> None:
    net = mlp([2, 8, 8, 1], "tanh", "linear")
    trained(app, net, DataOptions("reg-gauss", 0.0, 0.5, 0), "mse", "0.01", 800, "regression-map.png", log_loss=True)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    app = create_app()
    for shot in (features_palette, three_classes, regression):
        shot(app)
        settle(app)


if __name__ == "__main__":
    main()
