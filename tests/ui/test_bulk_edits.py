"""Bulk edits update the canvas once per user action, not once per connection (counted, never timed)."""

from PySide6.QtCore import Qt

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
