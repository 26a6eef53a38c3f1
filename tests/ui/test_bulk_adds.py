"""Adding many nodes and links in one action (Add Layer, paste, Duplicate, Connect from a whole column),
its Undo and its Redo tell the views once per kind of change, not once per link (counted, never timed):
Add Layer of 64 in front of the output of a 2-64-64-1 net sent 4,291 model events (one per node and
link), and the canvas, the Inspector and the live views were called for each.

Real key and mouse events; after each action the model, the canvas's items and lines and the Inspector's
incoming-links table are checked against each other."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from designer.model import dumps
from designer.model.network import Neuron
from tests.ui import gui
from tests.ui.live_gui import open_window
from tests.ui.menus import click_entry
from tests.ui.test_big_edits import EVENTS_PER_ACTION, Work, canvas_matches_the_model, incoming_shown, two_64_64_1
from tests.ui.test_big_node_menus import right_click
from tests.ui.test_bulk_edits import Counter

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
H2 = [f"h2_{j}" for j in range(1, 65)]


def kinds(work: Work) -> list[str]:
    return [e.kind for e in work.events]


def test_add_layer_of_64_its_undo_and_redo_are_a_few_events_each(qtbot, monkeypatch):
    """Ctrl+L, 64 ReLUs in front of the output: the new nodes in one event, the 4,160 new links in one, the
    64 direct links to the output that go in one; the canvas patches its lines once, the Inspector showing
    the output refreshes once, the live session recompiles once."""
    from designer.ui import editing

    def sixty_four(dialog) -> bool:
        dialog.count.setValue(64)
        dialog.activation.setCurrentIndex(dialog.activation.findData("relu"))
        return True

    monkeypatch.setattr(editing.AddLayerDialog, "exec", sixty_four)
    w = open_window(qtbot, two_64_64_1())
    net = w.document.network
    before, order = dumps(net), list(net.connections)
    gui.inspect(qtbot, w, "y")
    assert incoming_shown(w) == H2
    work = Work(w)
    recompiles = Counter(w.session.structure_changed)
    w.view.setFocus()
    QTest.keyClick(w.view, Qt.Key.Key_L, CTRL)
    layer = [f"h{j}" for j in range(1, 65)]
    assert all(n in net.neurons for n in layer) and len(net.connections) == 2 * 64 + 64 * 64 * 2 + 64
    assert kinds(work) == [
        "batch_begin",
        "nodes_changed",  # the output moves one column right
        "nodes_added",
        "connections_removed",
        "connections_added",
        "batch_end",
    ]  # 4,291 before
    assert work.counts() == (1, 0, 1)
    w.session.ensure_fresh()
    assert recompiles.count == 1
    canvas_matches_the_model(w)
    assert w.inspector.current == "y" and incoming_shown(w) == layer
    after = dumps(net)

    work.start()
    QTest.keyClick(w.view, Qt.Key.Key_Z, CTRL)
    assert len(work.events) <= EVENTS_PER_ACTION and work.counts() == (1, 0, 1)
    assert dumps(net) == before and list(net.connections) == order
    canvas_matches_the_model(w)
    assert w.inspector.current == "y" and incoming_shown(w) == H2

    work.start()
    QTest.keyClick(w.view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert len(work.events) <= EVENTS_PER_ACTION and work.counts() == (1, 0, 1)
    assert dumps(net) == after
    canvas_matches_the_model(w)
    assert incoming_shown(w) == layer
    w.document.undo()


def test_pasting_and_duplicating_a_whole_network_are_a_few_events_each(qtbot):
    """Ctrl+A, Ctrl+C, Ctrl+V: 131 nodes and 4,288 links pasted in two events inside one action (4,421
    before); Ctrl+Z and Ctrl+Shift+Z likewise; Ctrl+D (Duplicate) too."""
    w = open_window(qtbot, two_64_64_1())
    net = w.document.network
    before = dumps(net)
    w.view.setFocus()
    QTest.keyClick(w.view, Qt.Key.Key_A, CTRL)
    QTest.keyClick(w.view, Qt.Key.Key_C, CTRL)
    work = Work(w)
    QTest.keyClick(w.view, Qt.Key.Key_V, CTRL)
    assert kinds(work) == ["batch_begin", "nodes_added", "connections_added", "batch_end"]
    assert len(net.connections) == 2 * 4288 and len(net.neurons) == 2 * 129
    assert work.counts()[:2] == (1, 0)
    canvas_matches_the_model(w)
    pasted = sorted(w.scene.selected_node_ids())
    assert len(pasted) == 131 and not set(pasted) & set(dumps_ids(before))
    after = dumps(net)

    for keys, wanted in (((Qt.Key.Key_Z, CTRL), before), ((Qt.Key.Key_Z, CTRL | SHIFT), after)):
        work.start()
        QTest.keyClick(w.view, *keys)
        assert len(work.events) <= EVENTS_PER_ACTION and work.counts()[:2] == (1, 0)
        assert dumps(net) == wanted
        canvas_matches_the_model(w)

    w.scene.select_nodes(H2)
    work.start()
    QTest.keyClick(w.view, Qt.Key.Key_D, CTRL)  # Duplicate: the column without links among its nodes
    assert kinds(work) == ["batch_begin", "nodes_added", "batch_end"]
    assert len(net.neurons) == 2 * 129 + 64
    canvas_matches_the_model(w)


def dumps_ids(text: str) -> list[str]:
    """The node ids of a saved network."""
    import json

    doc = json.loads(text)
    return [n["id"] for part in ("inputs", "neurons", "features") for n in doc.get(part, [])]


def test_connect_from_a_whole_column_is_one_event_and_the_inspector_follows(qtbot):
    """Connect from ▸ All 64 hidden neurons (layer 3) on a new neuron the Inspector shows: its 64 links in
    one event (66 before: a batch of one per link); the Inspector's table fills in the column's order."""
    net = two_64_64_1()
    net.neurons["n"] = Neuron("n", "sigmoid", 0.0, position=(900.0, 0.0))
    w = open_window(qtbot, net)
    net = w.document.network
    before = dumps(net)
    gui.inspect(qtbot, w, "n")
    work = Work(w)
    sub = click_entry(qtbot, right_click(qtbot, w, "n"), "Connect from")
    click_entry(qtbot, sub, "All 64 hidden neurons (layer 3): h2_1 … h2_64")
    assert kinds(work) == ["connections_added"]
    assert work.counts() == (1, 0, 1)
    canvas_matches_the_model(w)
    assert incoming_shown(w) == H2
    work.start()
    QTest.keyClick(w.view, Qt.Key.Key_Z, CTRL)
    assert kinds(work) == ["connections_removed"] and work.counts() == (1, 0, 1)
    assert dumps(net) == before and incoming_shown(w) == []


def test_a_layer_beyond_what_a_file_holds_is_refused_before_any_link_is_made(qtbot, monkeypatch):
    """Ctrl+L, 256 ReLUs in front of the 10 outputs of a 784-10 net (MNIST's inputs): 203,264 links, more than
    a file holds. The layer was built, added and drawn (the canvas and the live session followed 12 events, a
    10 s frozen window) to be refused and taken away again; now refused at once, the model untouched."""
    from designer.ui import editing
    from tests.ui.live_gui import mlp

    def two_five_six(dialog) -> bool:
        dialog.count.setValue(256)
        dialog.activation.setCurrentIndex(dialog.activation.findData("relu"))
        return True

    monkeypatch.setattr(editing.AddLayerDialog, "exec", two_five_six)
    w = open_window(qtbot, mlp([784, 10]))
    net = w.document.network
    before = dumps(net)
    work = Work(w)
    w.view.setFocus()
    QTest.keyClick(w.view, Qt.Key.Key_L, CTRL)
    assert w.statusBar().currentMessage() == (
        "Not allowed: that would make 203,264 connections; a network file holds at most 200,000"
    )
    assert kinds(work) == [] and dumps(net) == before and w.document.undo_stack.count() == 0
    canvas_matches_the_model(w)
