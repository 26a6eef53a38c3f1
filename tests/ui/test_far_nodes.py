"""A node far out on the canvas: refused when opened or pasted, never reached by a drag; the grid is bounded.

A valid file with a neuron at x = 1e12 hung the window once its scroll bar went to the end and back
(the grid's ``x += 40`` stops changing x beyond 1e17), and one at 1.797e308 crashed it.
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from designer.model import dumps, load, loads
from designer.model.limits import POSITION_LIMIT
from designer.ui.canvas import scene as scene_module
from designer.ui.canvas.scene import MAX_GRID_LINES
from tests.conftest import EXAMPLES
from tests.ui import gui

REASON = "node 'y': position [{}, 60] is beyond ±1,000,000 canvas units"


def _far_file(tmp_path, x: float):
    doc = json.loads((EXAMPLES / "xor-step.json").read_text(encoding="utf-8"))
    doc["neurons"][2]["position"] = [x, 60]
    path = tmp_path / "far.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize("x", [1e12, 1.797e308])
def test_opening_a_file_with_a_far_node_is_refused_in_one_line(tmp_path, xor_window, dialogs, x):
    w = xor_window
    before = dumps(w.document.network)
    assert not w.files.open_path(_far_file(tmp_path, x))
    kind, title, text = dialogs.shown[-1][:3]
    assert (kind, title) == ("warning", "Cannot open file")
    assert text == "far.json: " + REASON.format(f"{x:g}") and "\n" not in text
    assert dumps(w.document.network) == before


def test_pasting_a_far_node_is_refused_in_one_line(xor_window):
    w = xor_window
    doc = json.loads((EXAMPLES / "xor-step.json").read_text(encoding="utf-8"))
    doc["neurons"][2]["position"] = [1.797e308, 60]
    QApplication.clipboard().setText(json.dumps(doc))
    before = dumps(w.document.network)
    w.actions["paste"].trigger()
    assert w.statusBar().currentMessage() == "Not pasted: " + REASON.format("1.797e+308")
    assert dumps(w.document.network) == before and w.document.undo_stack.count() == 0


class _CountingPainter(QPainter):
    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.lines = 0

    def drawLine(self, *args) -> None:
        self.lines += 1
        super().drawLine(*args)


@pytest.mark.parametrize(
    "rect",
    [
        QRectF(-1e30, -1e30, 2e30, 2e30),  # stepped by 40: 5e28 lines
        QRectF(1e17, 0, 1e6, 600),  # there 1e17 + 40 == 1e17: stepping never ended
        QRectF(1.7e308, -1e308, 1e292, 1e308),
        QRectF(0, 0, 1e12, 600),
    ],
)
def test_the_grid_of_an_enormous_exposed_area_is_bounded(xor_window, rect):
    scene = xor_window.scene
    scene.show_grid = True
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = _CountingPainter(image)
    try:
        scene.drawBackground(painter, rect)
    finally:
        painter.end()
    assert painter.lines <= 2 * MAX_GRID_LINES


def test_the_grid_still_draws_a_line_every_40_units(xor_window):
    scene = xor_window.scene
    scene.show_grid = True
    image = QImage(400, 200, QImage.Format.Format_ARGB32)
    painter = _CountingPainter(image)
    try:
        scene.drawBackground(painter, QRectF(-15, 10, 400, 200))
    finally:
        painter.end()
    assert painter.lines == 11 + 6  # x = -40, 0, …, 360; y = 0, 40, …, 200
    assert scene_module.grid_lines(-15, 385) == [-40.0 + 40 * i for i in range(11)]


def _at_the_edge(window, x: float = POSITION_LIMIT) -> None:
    """The XOR network with y at ``x`` (as a file may have it), opened."""
    net = load(EXAMPLES / "xor-step.json")
    net.neurons["y"].position = (x, 60.0)
    window.document.replace(net, path=None)


def test_dragging_a_node_stops_at_the_canvas_edge(xor_window):
    w = xor_window
    _at_the_edge(w, POSITION_LIMIT - 10)
    w.view.centerOn(w.scene.node_items["y"].pos())
    start = gui.node_pos(w, "y")
    gui.drag(w.view, start, start + QPointF(150, -90), steps=10)
    net = w.document.network
    assert net.neurons["y"].position == (POSITION_LIMIT, -30.0)
    assert w.scene.node_items["y"].pos() == QPointF(POSITION_LIMIT, -30.0)
    assert loads(dumps(net)).neurons["y"].position == (POSITION_LIMIT, -30.0)  # it can be saved and opened again


def test_a_window_with_a_node_at_the_edge_scrolls_end_to_end(qtbot, xor_window):
    w = xor_window
    _at_the_edge(w)
    for bar in (w.view.horizontalScrollBar(), w.view.verticalScrollBar()):
        for _ in range(3):
            bar.setValue(bar.maximum())
            w.view.viewport().repaint()
            bar.setValue(bar.minimum())
            w.view.viewport().repaint()
    assert w.view.horizontalScrollBar().maximum() > 0


def _shape(network, ids):
    """Where the nodes sit relative to the first of them."""
    x0, y0 = network.node(ids[0]).position
    return [(network.node(n).position[0] - x0, network.node(n).position[1] - y0) for n in ids]


def test_a_paste_at_the_canvas_edge_keeps_the_groups_shape(qtbot, xor_window):
    """Nodes copied at the edge and pasted (shifted by 40) were pushed onto ±1,000,000 one by one: the
    group collapsed into a line there, without a word."""
    from PySide6.QtCore import Qt

    from designer.model import MoveNodes

    w = xor_window
    net = w.document.network
    ids = [*net.inputs, *net.neurons]
    right = max(net.node(n).position[0] for n in ids)
    bottom = max(net.node(n).position[1] for n in ids)
    dx, dy = POSITION_LIMIT - 10 - right, POSITION_LIMIT - 10 - bottom  # 10 units inside the corner
    w.document.push(MoveNodes({n: (net.node(n).position[0] + dx, net.node(n).position[1] + dy) for n in ids}))
    w.view.centerOn(POSITION_LIMIT - 200, POSITION_LIMIT - 60)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    new = [n for n in [*net.inputs, *net.neurons] if n not in ids]
    assert sorted(w.scene.selected_node_ids()) == sorted(new) and len(new) == len(ids)
    assert _shape(net, new) == _shape(net, ids)  # the same drawing, moved as a whole
    assert max(net.node(n).position[0] for n in new) == POSITION_LIMIT
    assert max(net.node(n).position[1] for n in new) == POSITION_LIMIT
