"""Render the README's screenshots headless: .venv/bin/python scripts/screenshots.py

Writes PNGs to docs/images/. Each shot is a real MainWindow rendered offscreen with QWidget.grab().
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from designer.model import load  # noqa: E402
from designer.model.layout import arrange_by_layers  # noqa: E402
from designer.model.templates import TEMPLATES  # noqa: E402
from designer.resources import resource_file  # noqa: E402
from designer.ui.app import create_app  # noqa: E402
from designer.ui.mainwindow import MainWindow  # noqa: E402
from designer.ui.remembered import use_settings_folder  # noqa: E402


def fresh_start() -> None:
    """Settings of their own for each window: neither the user's remembered layout, scale and folders nor
    the last shot's (a closed window remembers its size and docks, the next one would come back at it)."""
    use_settings_folder(Path(tempfile.mkdtemp(prefix="nn-designer-screenshots-")))


fresh_start()
os.environ["NN_DESIGNER_RECOVERY"] = str(Path(tempfile.gettempdir()) / "nn-designer-screenshots-recovery.json")

OUT = ROOT / "docs" / "images"


def three_layer():
    """A 2-3-3-1 network with mixed activations: a 'deep' design."""
    from designer.model import Connection, Neuron

    net = TEMPLATES["2-2-1"][1]()
    net.name = "2-3-3-1 network"
    net.neurons.clear()
    net.connections.clear()
    layers = [["h1", "h2", "h3"], ["g1", "g2", "g3"], ["y"]]
    acts = [["relu", "relu", "tanh"], ["sigmoid", "relu", "linear"], ["sigmoid"]]
    previous = list(net.inputs)
    weights = iter(
        [
            0.8,
            -1.2,
            1.5,
            0.4,
            -0.6,
            2.0,
            1.0,
            -0.5,
            0.3,
            -1.4,
            0.9,
            1.1,
            -2.2,
            0.7,
            0.5,
            1.3,
            -0.8,
            0.6,
            1.0,
            -1.0,
            0.5,
            2.5,
        ]
    )
    for layer, layer_acts in zip(layers, acts, strict=True):
        for n, a in zip(layer, layer_acts, strict=True):
            net.neurons[n] = Neuron(n, a, 0.1)
            for s in previous:
                net.connections[(s, n)] = Connection(s, n, next(weights, 0.5))
        previous = layer
    net.outputs = ["y"]
    for node_id, pos in arrange_by_layers(net).items():
        net.node(node_id).position = pos
    return net


def shot(network, name: str, size=(1600, 1000), select: str | None = None, weights: bool = False) -> Path:
    app = create_app()
    fresh_start()
    window = MainWindow(network)
    window.resize(*size)
    window.show()
    window.live.build_plots()
    window.size_right_column()  # as app.run does at a first start
    for _ in range(3):  # let the docks take their sizes before fitting the network
        app.processEvents()
    window.actions["show_weights"].setChecked(weights)
    window.view.zoom_to_fit()
    if select:
        window.scene.select_nodes([select])
    for _ in range(3):
        app.processEvents()
    path = OUT / name
    window.grab().save(str(path))
    window.document.undo_stack.setClean()
    window.close()
    return path


def main() -> None:
    create_app()
    OUT.mkdir(parents=True, exist_ok=True)
    print(shot(load(resource_file("examples", "xor-step.json")), "xor-canvas.png", select="h1", weights=True))
    print(shot(three_layer(), "three-layer-canvas.png", select="g1"))


if __name__ == "__main__":
    main()
