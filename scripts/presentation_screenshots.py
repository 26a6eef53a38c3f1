"""Render presentation mode at 1920×1080: .venv/bin/python scripts/presentation_screenshots.py

Writes PNGs to docs/images/ (the XOR example and a training demo in the light, dark and
high-contrast themes, plus a focused neuron) and prints the smallest text on screen in each,
measured by designer.ui.presentation.measure (see docs/presentation.md). The offscreen platform
gets a 1920×1080 screen, so F5 really goes full screen at the projector's size.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_screen = Path(tempfile.gettempdir()) / "nn-designer-1920x1080.json"
_screen.write_text(
    json.dumps(
        {"screens": [{"name": "projector", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96, "dpr": 1}]}
    ),
    encoding="utf-8",
    newline="\n",
)
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_screen}")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from designer.engine import data as dm  # noqa: E402
from designer.model import load  # noqa: E402
from designer.resources import resource_file  # noqa: E402
from designer.ui.app import create_app  # noqa: E402
from designer.ui.mainwindow import MainWindow  # noqa: E402
from designer.ui.remembered import use_settings_folder  # noqa: E402

# a fresh start: the user's remembered window layout, scale and folders must not change the pictures
use_settings_folder(Path(tempfile.mkdtemp(prefix="nn-designer-screenshots-")))
os.environ["NN_DESIGNER_RECOVERY"] = str(Path(tempfile.gettempdir()) / "nn-designer-screenshots-recovery.json")
from designer.ui.presentation.measure import smallest_text  # noqa: E402
from tests.ui.live_gui import mlp  # noqa: E402

OUT = ROOT / "docs" / "images"
THEMES = ("light", "dark", "high-contrast")


def settle(app, rounds: int = 6) -> None:
    for _ in range(rounds):
        app.processEvents()


def xor_window() -> MainWindow:
    return MainWindow(load(resource_file("examples", "xor-step.json")))


def training_window(app) -> MainWindow:
    """A 2-4-1 tanh network learning TensorFlow Playground's circle, 60 epochs in."""
    window = MainWindow(mlp([2, 4, 1], hidden="tanh", output="sigmoid"))
    window.resize(1280, 800)
    window.show()
    settle(app)
    live = window.live
    live.session.regenerate(dm.DataOptions("circle", 0.1, 0.5, 1))
    live.panel.loss.setCurrentIndex(live.panel.loss.findData("cross_entropy"))  # by id: the item reads "cross-entropy"
    live.panel.rate.setCurrentText("0.1")
    live.training.randomize()
    for _ in range(60):
        live.training.step(epoch=True)
    return window


def shot(app, window: MainWindow, name: str, theme: str, show: set[str], weights: bool, keys=()) -> Path:
    window.resize(1280, 800)
    window.show()
    settle(app)
    p = window.presentation
    p.config.theme = theme
    p.config.weights = weights
    p.config.show |= show
    p.scale = 1.0
    window.activateWindow()
    window.actions["present"].setChecked(True)
    settle(app)
    for key in keys:
        QTest.keyClick(window.view, key)
        settle(app)
    p.stage.caption.hide()  # messages come and go; the pictures show the steady state
    settle(app)
    smallest = smallest_text(window)
    path = OUT / name
    window.grab().save(str(path))
    size = f"{window.width()}×{window.height()}"
    print(f"{path.relative_to(ROOT)}: {size}, smallest text {smallest.px:.1f} px ({smallest.where})")
    window.actions["present"].setChecked(False)
    window.document.undo_stack.setClean()
    window.close()
    return path


def main() -> None:
    app = create_app()
    OUT.mkdir(parents=True, exist_ok=True)
    for theme in THEMES:
        shot(app, xor_window(), f"present-xor-{theme}.png", theme, set(), weights=True)
    for theme in THEMES:
        chrome = {"curves", "training_toolbar"}
        shot(
            app,
            training_window(app),
            f"present-training-{theme}.png",
            theme,
            chrome,
            weights=False,
            keys=(Qt.Key.Key_F, Qt.Key.Key_F),
        )
    shot(app, training_window(app), "present-focus-dark.png", "dark", set(), weights=False, keys=(Qt.Key.Key_2,))


if __name__ == "__main__":
    main()
