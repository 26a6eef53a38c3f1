"""Present the XOR example full screen and print the layout as JSON (run in a subprocess by the tests).

The screen comes from the environment (QT_QPA_PLATFORM=offscreen:configfile=…, QT_SCALE_FACTOR):
a 1920×1080 projector and a 3840×2160 screen at device pixel ratio 2 must give the same layout.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from PySide6.QtCore import QPoint

    from designer.model import load
    from designer.resources import resource_file
    from designer.ui.app import create_app
    from designer.ui.mainwindow import MainWindow
    from designer.ui.presentation.measure import smallest_text
    from designer.ui.remembered import use_settings_folder

    use_settings_folder(Path(tempfile.mkdtemp(prefix="nn-designer-layout-")))
    app = create_app()
    window = MainWindow(load(resource_file("examples", "xor-step.json")))
    window.resize(1280, 800)
    window.show()
    for _ in range(10):
        app.processEvents()
    window.presentation.config.theme = "dark"
    window.actions["present"].setChecked(True)
    for _ in range(20):
        app.processEvents()
    stage = window.presentation.stage

    def box(widget) -> list[int]:
        top_left = widget.mapTo(window, QPoint(0, 0))
        return [top_left.x(), top_left.y(), widget.width(), widget.height()]

    view = window.view
    nodes = {
        n: view.viewport().mapTo(window, view.mapFromScene(item.pos())).toTuple()
        for n, item in window.scene.node_items.items()
    }
    image = window.grab()
    print(
        json.dumps(
            {
                "window": [window.width(), window.height()],
                "canvas": box(view),
                "region": box(window.live.region.plot),
                "caption": box(stage.caption),
                "nodes": nodes,
                "zoom": view.transform().m11(),
                "smallest_text": smallest_text(window).px,
                "device_pixel_ratio": window.devicePixelRatioF(),
                "grab": [image.width(), image.height(), image.devicePixelRatio()],
            }
        )
    )
    window.actions["present"].setChecked(False)
    window.document.undo_stack.setClean()
    window.close()
    window.deleteLater()
    app.processEvents()


if __name__ == "__main__":
    main()
