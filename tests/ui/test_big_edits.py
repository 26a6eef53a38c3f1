"""Deleting a layer of a big network, its Undo and Redo tell the views once, not once per link (counted,
never timed): a rubber band round the 64 neurons of h1 in a 2-64-64-1 net and Delete sent 4,290 model
events (one per removed link, 0.55 s of the action), and the Inspector, the canvas and the live views
followed each of them.

Real mouse and key events throughout; after each action the model, the canvas's items and lines (as a
full rebuild draws them) and the Inspector are checked against each other."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from designer.model import dumps
from tests.ui import gui
from tests.ui.live_gui import mlp, open_window
from tests.ui.menus import click_entry
from tests.ui.test_big_node_menus import right_click
from tests.ui.test_bulk_edits import lines_as_drawn

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
#: the most model events one action may send (batch begin and end, its kinds of change), however many links
EVENTS_PER_ACTION = 6


class Work:
    """What the views were told and did during one action: model events, line updates of the canvas,
    full rebuilds of its lines, Inspector refreshes."""

    def __init__(self, w) -> None:
        self.w = w
        self.events: list = []
        w.document.network.events.subscribe(self.events.append)
        self.refreshes = 0
        refresh = w.inspector.refresh

        def counting_refresh() -> None:
            self.refreshes += 1
            refresh()

        w.inspector.refresh = counting_refresh
        self.start()

    def start(self) -> None:
        self.events.clear()
        self.refreshes = 0
        self.updates = self.w.scene.line_rebuilds
        self.rebuilds = self.w.scene.connections.rebuilds

    def counts(self) -> tuple[int, int, int]:
        """(line updates, full rebuilds of the lines, Inspector refreshes) since :meth:`start`."""
        scene = self.w.scene
        return scene.line_rebuilds - self.updates, scene.connections.rebuilds - self.rebuilds, self.refreshes


def canvas_matches_the_model(w) -> None:
    net, scene = w.document.network, w.scene
    assert set(scene.node_items) == set(net.node_ids())
    assert scene.connections.keys == list(net.connections)
    assert scene.selected_connections <= set(net.connections)
    patched = lines_as_drawn(scene.connections)
    scene.connections.rebuild()
    assert lines_as_drawn(scene.connections) == patched


def incoming_shown(w) -> list[str]:
    table = w.inspector.n_weights
    return [table.item(row, 0).text() for row in range(table.rowCount())]


def two_64_64_1():
    """2-64-64-1, rows 60 apart (the whole column fits the canvas: a rubber band reaches round it)."""
    net = mlp([2, 64, 64, 1], "relu", "sigmoid")
    for node in [*net.inputs.values(), *net.neurons.values()]:
        node.position = (node.position[0], node.position[1] / 2)
    return net


def test_deleting_a_64_neuron_layer_its_undo_and_redo_are_a_few_events_each(qtbot):
    w = open_window(qtbot, two_64_64_1())
    net = w.document.network
    before, order = dumps(net), list(net.connections)
    layer = [f"h1_{j}" for j in range(1, 65)]
    gui.inspect(qtbot, w, "h2_1")
    assert incoming_shown(w) == layer
    top, bottom = gui.node_pos(w, "h1_1"), gui.node_pos(w, "h1_64")
    gui.drag(w.view, QPointF(top.x() - 40, top.y() - 60), QPointF(bottom.x() + 40, bottom.y() + 60))
    assert sorted(w.scene.selected_node_ids()) == sorted(layer)
    work = Work(w)
    w.view.setFocus()
    QTest.keyClick(w.view, Qt.Key.Key_Delete)
    assert len(work.events) <= EVENTS_PER_ACTION  # 4,290 before: one per link and node
    assert work.counts() == (1, 0, 1)  # one line update (the kept lines carried over), one Inspector refresh
    assert not any(n.startswith("h1_") for n in net.neurons) and len(net.connections) == 64
    assert all(k[0].startswith("h2_") for k in net.connections)
    canvas_matches_the_model(w)
    gui.inspect(qtbot, w, "h2_1")
    assert incoming_shown(w) == []

    work.start()
    QTest.keyClick(w.view, Qt.Key.Key_Z, CTRL)
    assert len(work.events) <= EVENTS_PER_ACTION
    assert work.counts() == (1, 0, 1)
    assert dumps(net) == before and list(net.connections) == order
    canvas_matches_the_model(w)
    assert w.inspector.current == "h2_1" and incoming_shown(w) == layer  # the Inspector followed the undo

    work.start()
    QTest.keyClick(w.view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert len(work.events) <= EVENTS_PER_ACTION
    assert work.counts() == (1, 0, 1)
    assert len(net.connections) == 64 and not any(n.startswith("h1_") for n in net.neurons)
    canvas_matches_the_model(w)
    assert w.inspector.current == "h2_1" and incoming_shown(w) == []
    w.document.undo()
    assert dumps(net) == before


def test_disconnecting_all_incoming_links_is_one_event_and_the_inspector_follows(qtbot):
    """The node menu's Disconnect ▸ All incoming on a neuron the Inspector shows: one event for its 64
    links; the Inspector's table empties, and fills again on Undo."""
    w = open_window(qtbot, two_64_64_1())
    net = w.document.network
    before = dumps(net)
    gui.inspect(qtbot, w, "h2_7")
    work = Work(w)
    click_entry(qtbot, click_entry(qtbot, right_click(qtbot, w, "h2_7"), "Disconnect"), "All incoming (64)")
    assert len(work.events) <= EVENTS_PER_ACTION and work.counts() == (1, 0, 1)
    assert not [k for k in net.connections if k[1] == "h2_7"]
    canvas_matches_the_model(w)
    assert w.inspector.current == "h2_7" and incoming_shown(w) == []
    work.start()
    QTest.keyClick(w.view, Qt.Key.Key_Z, CTRL)
    assert len(work.events) <= EVENTS_PER_ACTION and work.counts() == (1, 0, 1)
    assert dumps(net) == before
    canvas_matches_the_model(w)
    assert incoming_shown(w) == [f"h1_{j}" for j in range(1, 65)]


class CountingList(list):
    """A list that counts the items its ``in`` looks at: a search per link shows as links × nodes."""

    visits = 0

    def __contains__(self, item: object) -> bool:
        for value in self:
            CountingList.visits += 1
            if value == item:
                return True
        return False


def test_select_all_and_delete_looks_each_link_up_once_not_in_a_list_of_every_node(qtbot, monkeypatch):
    """Ctrl+A selects every node and link; Delete kept the links not at a deleted node by searching
    the list of selected nodes for both ends of every link (109,184 links × 986 nodes on a big net)."""
    w = open_window(qtbot, mlp([40, 16, 8, 3]))
    net, scene = w.document.network, w.scene
    before = dumps(net)
    w.view.setFocus()
    QTest.keyClick(w.view, Qt.Key.Key_A, CTRL)
    assert len(scene.selected_connections) == len(net.connections) == 40 * 16 + 16 * 8 + 8 * 3
    selected = scene.selected_node_ids
    monkeypatch.setattr(scene, "selected_node_ids", lambda: CountingList(selected()))
    CountingList.visits = 0
    QTest.keyClick(w.view, Qt.Key.Key_Delete)
    assert not net.connections and not list(net.node_ids())
    assert CountingList.visits <= 67  # the nodes once at most (792 links × up to 67 nodes, twice, before)
    canvas_matches_the_model(w)
    QTest.keyClick(w.view, Qt.Key.Key_Z, CTRL)
    assert dumps(net) == before
    canvas_matches_the_model(w)


def test_deleting_nodes_without_links_is_one_event_the_canvas_follows_framed_or_not(qtbot):
    """Three new neurons without links: Delete and Ctrl+Z are one event each inside the Macro's batch; a
    script's RemoveNodes (no batch around it) is one event alone. The canvas follows both."""
    from designer.model import RemoveNodes

    w = open_window(qtbot, mlp([2, 3, 1]))
    net = w.document.network
    w.view.setFocus()
    QTest.keyClick(w.view, Qt.Key.Key_N)  # Add Neuron: a click per neuron
    for k in range(3):
        gui.click(w.view, QPointF(440.0, 300.0 + 120.0 * k))
    QTest.keyClick(w.view, Qt.Key.Key_Escape)
    new = [n for n in net.neurons if not n.startswith(("h1_", "y"))]
    assert len(new) == 3
    before = dumps(net)
    w.scene.select_nodes(new)
    work = Work(w)
    QTest.keyClick(w.view, Qt.Key.Key_Delete)
    assert [e.kind for e in work.events] == ["batch_begin", "nodes_removed", "batch_end"]
    assert not any(n in net.neurons for n in new)
    canvas_matches_the_model(w)
    QTest.keyClick(w.view, Qt.Key.Key_Z, CTRL)
    assert dumps(net) == before
    canvas_matches_the_model(w)
    work.start()
    w.document.push(RemoveNodes(new))
    assert [(e.kind, e.key) for e in work.events] == [("nodes_removed", tuple(new))]
    assert set(w.scene.node_items) == set(net.node_ids()) and not any(n in w.scene.node_items for n in new)
    work.start()
    w.document.undo()
    assert [e.kind for e in work.events] == ["nodes_added"] and dumps(net) == before
    canvas_matches_the_model(w)


def test_copying_a_selection_copies_no_node_or_link_on_the_way(qtbot, monkeypatch):
    """Ctrl+A, Ctrl+C: the fragment was built from a deep copy of every node and link before it was
    written out (3 s on a 784-128-64-10 net, counted here, not timed); the clipboard still reads as the network."""
    import json

    from PySide6.QtWidgets import QApplication

    import designer.model.clipboard as clipboard

    w = open_window(qtbot, mlp([40, 16, 8, 3]))
    net = w.document.network
    copies = []
    deepcopy = clipboard.copy.deepcopy
    monkeypatch.setattr(clipboard.copy, "deepcopy", lambda value, *a: copies.append(value) or deepcopy(value, *a))
    w.view.setFocus()
    QTest.keyClick(w.view, Qt.Key.Key_A, CTRL)
    QTest.keyClick(w.view, Qt.Key.Key_C, CTRL)
    assert copies == []  # 731 before: every node and link
    document = json.loads(QApplication.clipboard().text())
    assert len(document["neurons"]) == 27 and len(document["connections"]) == len(net.connections)
    monkeypatch.setattr(clipboard.copy, "deepcopy", deepcopy)  # (undo() would also drop the suite's own patches)
    QTest.keyClick(w.view, Qt.Key.Key_V, CTRL)
    assert len(net.neurons) == 2 * 27 and len(net.connections) == 2 * (40 * 16 + 16 * 8 + 8 * 3)
    canvas_matches_the_model(w)


def test_duplicating_many_nodes_and_moving_them_looks_through_the_canvas_once(qtbot, monkeypatch):
    """Ctrl+A, Ctrl+D, then an arrow: bringing the copies into view looked through every item of the canvas
    for the overlays once per copy (pasting 9,990 neurons froze the window for minutes; counted, not timed)."""
    w = open_window(qtbot, mlp([40, 16, 8, 3]))
    net, scene = w.document.network, w.scene
    looks = []
    items = scene.items
    monkeypatch.setattr(scene, "items", lambda *a: looks.append(1) or items(*a))
    w.view.setFocus()
    QTest.keyClick(w.view, Qt.Key.Key_A, CTRL)
    QTest.keyClick(w.view, Qt.Key.Key_D, CTRL)
    copies = scene.selected_node_ids()
    assert len(net.neurons) == 2 * 27 and len(copies) == 67 and "x41" in copies  # the copies are selected
    qtbot.waitUntil(lambda: len(looks) > 0)  # the copies are brought into view on the next event pass
    QApplication.processEvents()
    assert len(looks) <= 5  # 70 before: once per copy
    canvas_matches_the_model(w)
    looks.clear()
    QTest.keyClick(w.view, Qt.Key.Key_Right)
    assert len(looks) <= 5  # before: once per moved node, at every press
    assert w.view.visible_scene_rect().intersects(scene.node_items[scene.selected_node_ids()[0]].sceneBoundingRect())
