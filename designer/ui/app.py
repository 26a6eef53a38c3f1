"""Application start-up: QApplication, the main window, the network to open."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView, QMainWindow

from designer.model import FormatError, Network, load

RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"
DEFAULT_NETWORK = RESOURCES / "examples" / "xor-step.json"


class MainWindow(QMainWindow):
    """Shows a network read-only until the canvas lands."""

    def __init__(self, network: Network) -> None:
        super().__init__()
        self.network = network
        self.setWindowTitle(f"{network.name or 'Untitled'} — NN Designer")
        self.scene = QGraphicsScene(self)
        self.view = QGraphicsView(self.scene)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setCentralWidget(self.view)
        self._draw()
        self.resize(900, 600)

    def _draw(self) -> None:
        net = self.network
        for c in net.connections.values():
            a = QPointF(*net.node(c.source).position)
            b = QPointF(*net.node(c.target).position)
            colour = QColor("#0877bd") if c.weight >= 0 else QColor("#f59322")
            self.scene.addLine(a.x(), a.y(), b.x(), b.y(), QPen(colour, 1 + min(abs(c.weight), 4)))
        for node_id in net.node_ids():
            node = net.node(node_id)
            x, y = node.position
            self.scene.addEllipse(x - 24, y - 24, 48, 48, QPen(Qt.GlobalColor.black), QBrush(QColor("white")))
            text = self.scene.addText(node.display_label, QFont("Sans", 10))
            rect = text.boundingRect()
            text.setPos(x - rect.width() / 2, y - rect.height() / 2)


def run(path: str | None = None, exercise: str | None = None) -> int:
    """Open the app; a file that cannot be read is reported on stderr with exit code 2."""
    try:
        network = load(path) if path else load(DEFAULT_NETWORK)
    except FormatError as exc:
        sys.stderr.write(f"nn-designer: error: {path}: {exc}\n")
        return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow(network)
    window.show()
    return app.exec()
