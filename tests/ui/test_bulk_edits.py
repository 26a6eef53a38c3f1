"""Bulk edits update the canvas once per user action, not once per connection (counted, never timed)."""

import pytest
from PySide6.QtCore import QPointF, Qt

from designer.model import MoveNodes
from tests.ui import gui
from tests.ui.live_gui import mlp, open_window


class Counter:
    def __init__(self, signal) -> None:
        self.count = 0
        signal.connect(self.hit)

    def hit(self, *_: object) -> None:
        self.count += 1


def test_add_layer_32_after_32_rebuilds_the_lines_once_and_recompiles_once(qtbot):
    w = open_window(qtbot, mlp([2, 32], "relu", "relu"))
    qtbot.wait(1)
    rebuilds = w.scene.line_rebuilds
    recompiles = Counter(w.session.structure_changed)
    ids = w.editing.add_layer(32, "relu", True)
    assert len(ids) == 32 and len(w.document.network.connections) == 2 * 32 + 32 * 32
    assert w.scene.line_rebuilds == rebuilds + 1
    assert len(w.scene.connections.keys) == len(w.document.network.connections)
    w.session.ensure_fresh()
    assert recompiles.count == 1
    for step in (w.document.undo, w.document.redo):
        before = w.scene.line_rebuilds
        step()
        assert w.scene.line_rebuilds == before + 1
        assert len(w.scene.connections.keys) == len(w.document.network.connections)


def test_deleting_and_pasting_many_nodes_rebuild_the_lines_once_each(qtbot):
    w = open_window(qtbot, mlp([2, 16, 16, 1], "relu", "sigmoid"))
    w.scene.select_nodes([n for n in w.document.network.neurons if n.startswith("h2_")])
    w.editing.copy()
    before = w.scene.line_rebuilds
    w.editing.delete_selection()
    assert w.scene.line_rebuilds == before + 1
    assert not any(n.startswith("h2_") for n in w.document.network.neurons)
    before = w.scene.line_rebuilds
    w.editing.paste()
    assert w.scene.line_rebuilds == before + 1
    assert len(w.document.network.neurons) == 16 + 16 + 1


def test_one_inspector_refresh_and_one_geometry_signal_per_action(qtbot, monkeypatch):
    w = open_window(qtbot, mlp([2, 24], "relu", "relu"))
    calls = []
    monkeypatch.setattr(w.inspector, "refresh", lambda: calls.append(1))
    geometry = Counter(w.session.geometry_changed)
    w.editing.add_layer(24, "relu", True, before_outputs=False)  # appended: no node moves
    assert len(calls) == 1
    w.editing.arrange()  # moves many nodes in one command
    assert geometry.count == 1


def test_dragging_a_column_moves_its_lines_with_it(qtbot):
    """The batched path still draws what the model holds: lines end at the nodes after a multi-node move."""
    w = open_window(qtbot, mlp([2, 8, 1]))
    net = w.document.network
    w.scene.select_nodes([n for n in net.neurons if n.startswith("h1_")])
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    layer = w.scene.connections
    for key in net.connections:
        i = layer.position_of[key]
        target = net.node(key[1]).position
        assert abs(layer.end[i][0] - target[0]) < 40 and abs(layer.end[i][1] - target[1]) < 40


def test_an_edit_beyond_what_a_file_holds_is_refused_and_leaves_nothing_behind(qtbot, monkeypatch):
    """A network past File ▸ Open's limits could be saved but never opened again: every edit that
    would make one is refused with the reason (Add Layer here; paste refuses before any work)."""
    import designer.model.fileformat as fileformat

    w = open_window(qtbot, mlp([2, 4, 1], "relu", "sigmoid"))  # 7 nodes
    monkeypatch.setattr(fileformat, "MAX_NODES", 10)
    before = w.document.network.copy()
    steps = w.document.undo_stack.count()
    w.editing.add_layer(4, "relu", True)
    assert w.document.network == before and w.document.undo_stack.count() == steps
    assert w.statusBar().currentMessage() == "Not allowed: that would make 11 nodes; a network file holds at most 10"
    w.session.ensure_fresh()
    assert set(w.scene.node_items) == set(before.node_ids())
    w.editing.add_layer(3, "relu", True)  # up to the limit is fine
    assert len(w.document.network.neurons) == 8 and w.document.undo_stack.count() == steps + 1


def _count_bounds_walks(monkeypatch, scene) -> list[int]:
    """Counts the walks over every node that find the network's area (the bounds of the lines' text boxes
    and of the overlays): one per moved node made moving many nodes quadratic."""
    walks: list[int] = []
    walk = scene.network_rect
    monkeypatch.setattr(scene, "network_rect", lambda: walks.append(1) or walk())
    return walks


def test_moving_many_nodes_finds_the_network_area_as_often_as_moving_one(qtbot, monkeypatch):
    """Arrange by Layers, its Undo and Redo: Undo of Arrange on a 10,000-node chain froze the window
    for minutes, every moved node walking all nodes (issue #14). The lines still end at the nodes."""
    net = mlp([2, 30, 30, 1], "relu", "sigmoid")
    for node_id in net.node_ids():  # off the columns: Arrange by Layers moves every node
        x, y = net.node(node_id).position
        net.node(node_id).position = (x + 17.0, y + 9.0)
    w = open_window(qtbot, net)
    walks = _count_bounds_walks(monkeypatch, w.scene)
    w.document.push(MoveNodes({"h1_1": (250.0, -200.0)}))
    one = len(walks)
    assert one >= 1
    before = {n: net.node(n).position for n in net.node_ids()}
    for step in (w.editing.arrange, w.document.undo, w.document.redo):
        walks.clear()
        step()
        assert len(walks) == one
    assert sum(before[n] != net.node(n).position for n in net.node_ids()) == 63
    layer = w.scene.connections
    for (source, target), i in layer.position_of.items():
        assert abs(layer.start[i][0] - net.node(source).position[0]) < 40
        assert abs(layer.end[i][1] - net.node(target).position[1]) < 40


def test_dragging_a_selection_of_many_nodes_finds_the_network_area_once_per_mouse_move(qtbot, monkeypatch):
    w = open_window(qtbot, mlp([2, 30, 1], "relu", "sigmoid"))
    w.view.zoom(1 / w.view.transform().m11())  # at 1:1 (Fit shows the 30-neuron column at about 0.16): pixels are units
    net = w.document.network
    column = [n for n in net.neurons if n.startswith("h1_")]
    w.scene.select_nodes(column)
    before = {n: net.node(n).position for n in column}
    walks = _count_bounds_walks(monkeypatch, w.scene)
    start = gui.node_pos(w, "h1_5")
    gui.press(w.view, start)
    layer = w.scene.connections
    i = layer.position_of[("h1_5", "y")]
    for k in range(1, 5):
        walks.clear()
        gui.move(w.view, start + QPointF(0, 20 * k))
        assert len(walks) == 1
    assert abs(layer.start[i][1] - gui.node_pos(w, "h1_5").y()) < 40  # the lines followed before release
    gui.release(w.view, start + QPointF(0, 80))
    assert all(net.node(n).position[1] == pytest.approx(before[n][1] + 80) for n in column)
    assert all(w.scene.node_items[n].isSelected() for n in column)


def lines_as_drawn(layer) -> tuple:
    """What the line layer holds for drawing and hit tests, to compare with a full rebuild."""
    ends = [(line.x1(), line.y1(), line.x2(), line.y2()) for line in layer.lines]
    return list(layer.keys), ends, layer.start.tolist(), layer.end.tolist(), layer.weights.tolist()


def test_deleting_a_neuron_computes_no_line_and_its_undo_only_the_neurons_own(qtbot):
    """Delete key, Ctrl+Z, Ctrl+Shift+Z on one hidden neuron of 40 + 3 links among 516: the layer keeps
    the other lines (it computed all 516 again per action before), and draws what a rebuild would."""
    w = open_window(qtbot, mlp([40, 12, 3], "relu", "sigmoid"))
    net, layer = w.document.network, w.scene.connections
    before_keys = list(net.connections)
    rebuilds, computed = layer.rebuilds, layer.rows_computed
    w.scene.select_nodes(["h1_5"])
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    assert "h1_5" not in net.neurons and len(layer.keys) == len(net.connections) == 516 - 43
    assert (layer.rebuilds, layer.rows_computed) == (rebuilds, computed)
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert list(net.connections) == before_keys and layer.keys == before_keys
    assert (layer.rebuilds, layer.rows_computed) == (rebuilds, computed + 43)
    patched = lines_as_drawn(layer)
    layer.rebuild()
    assert lines_as_drawn(layer) == patched
    w.scene.select_nodes(["h1_5"])  # redo: the same lines go again
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "h1_5" not in net.neurons and layer.keys == list(net.connections)
    hit = layer.midpoint(("h1_6", "y2"))  # hit tests find the lines at their new rows
    assert layer.connection_at(hit, 4.0) == ("h1_6", "y2")


def test_a_scripted_deletion_outside_a_macro_updates_the_lines_once(qtbot):
    """A lesson or script pushing one RemoveNode: one line update, not one per link (352 s on a big net)."""
    from designer.model import RemoveNode

    w = open_window(qtbot, mlp([30, 6, 2], "relu", "sigmoid"))
    before = w.scene.line_rebuilds
    w.document.push(RemoveNode("h1_2"))
    assert w.scene.line_rebuilds == before + 1
    w.document.undo()
    assert w.scene.line_rebuilds == before + 2
    assert w.scene.connections.keys == list(w.document.network.connections)
