"""One field set on many selected neurons (Network ▸ Set Activation, the node menu's Activation, Softmax
Outputs making the outputs linear) tells the views once, not once per neuron (counted, never timed):
Set Activation on a selected column of 64 sent 66 model events (a frame and one per neuron). And the
node menu's Disconnect lists a node's links in the model's order from the link index.

Real mouse events on the menu bar, the node menu and its entries; after each action the model, the
canvas's items, the live session and the PyTorch view are checked against each other."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from designer.model import AddConnection, Connection, RemoveConnection, dumps
from designer.ui.canvas_menu import activation_entry
from tests.ui.live_gui import mlp, open_window
from tests.ui.menus import click_entry, open_menu_bar, plain
from tests.ui.test_big_edits import Work, canvas_matches_the_model, two_64_64_1
from tests.ui.test_big_node_menus import entries, right_click
from tests.ui.test_bulk_adds import H2, kinds
from tests.ui.test_bulk_edits import Counter

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def shown_activations(w, ids: list[str]) -> set[str]:
    """The activations the canvas's items draw (each item reads its node when it paints)."""
    return {w.scene.node_items[n].node.activation for n in ids}


def pytorch_shows(w, text: str) -> bool:
    dock = w.exports.code_dock
    dock.refresh()
    return text in dock.text.toPlainText()


def test_set_activation_on_a_selected_column_is_one_event_and_every_view_follows(qtbot):
    """Network ▸ Set Activation ▸ tanh on the 64 selected neurons of a 2-64-64-1 net: one NODES_CHANGED
    (66 events before); Ctrl+Z and Ctrl+Shift+Z one each; one recompile of the live session each."""
    w = open_window(qtbot, two_64_64_1())
    net = w.document.network
    before = dumps(net)
    w.scene.select_nodes(H2)
    work = Work(w)
    recompiles = Counter(w.session.structure_changed)
    sub = click_entry(qtbot, open_menu_bar(qtbot, w, "Network"), "Set Activation")
    click_entry(qtbot, sub, plain(activation_entry("tanh")))
    assert kinds(work) == ["nodes_changed"] and set(work.events[0].key) == set(H2)  # 66 before
    assert work.events[0].field == "activation" and work.counts() == (0, 0, 2)  # the change, then the selection
    assert {net.neurons[n].activation for n in H2} == {"tanh"} == shown_activations(w, H2)
    w.session.ensure_fresh()
    assert recompiles.count == 1 and pytorch_shows(w, "nn.Tanh")
    canvas_matches_the_model(w)
    after = dumps(net)
    assert w.document.undo_stack.undoText() == "set tanh"

    for keys, wanted, activation in (
        ((Qt.Key.Key_Z, CTRL), before, "relu"),
        ((Qt.Key.Key_Z, CTRL | SHIFT), after, "tanh"),
    ):
        work.start()
        w.view.setFocus()
        QTest.keyClick(w.view, *keys)
        assert kinds(work) == ["nodes_changed"] and dumps(net) == wanted
        assert shown_activations(w, H2) == {activation}
        w.session.ensure_fresh()
    assert recompiles.count == 3


def test_the_node_menus_activation_sets_the_whole_selection_in_one_event(qtbot):
    """Right click on one of the selected neurons, Activation ▸ sigmoid: the selection in one event."""
    w = open_window(qtbot, two_64_64_1())
    net = w.document.network
    w.scene.select_nodes(H2)
    work = Work(w)
    sub = click_entry(qtbot, right_click(qtbot, w, "h2_5"), "Activation")
    click_entry(qtbot, sub, plain(activation_entry("sigmoid")))
    assert kinds(work) == ["nodes_changed"] and set(work.events[0].key) == set(H2)
    assert shown_activations(w, H2) == {"sigmoid"} and net.neurons["h1_1"].activation == "relu"


def test_softmax_outputs_makes_the_outputs_linear_in_one_event(qtbot):
    """Softmax Outputs on three sigmoid outputs: their activations in one event beside the softmax flag
    (an event per output before), in one action; Undo puts the sigmoids back."""
    w = open_window(qtbot, mlp([2, 3, 3]))
    net = w.document.network
    before = dumps(net)
    work = Work(w)
    click_entry(qtbot, right_click(qtbot, w, "y2"), "Softmax Outputs")
    assert kinds(work) == ["batch_begin", "nodes_changed", "network_changed", "batch_end"]
    assert net.softmax and shown_activations(w, ["y1", "y2", "y3"]) == {"linear"}
    work.start()
    w.document.undo()
    assert kinds(work) == ["batch_begin", "network_changed", "nodes_changed", "batch_end"]
    assert dumps(net) == before and shown_activations(w, ["y1", "y2", "y3"]) == {"sigmoid"}


def test_disconnect_lists_a_nodes_links_in_the_models_order(qtbot):
    """A link into h1_2 taken away and made again comes after h1_2's links out, in the model and in the
    node menu's Disconnect; put back in the middle by Undo, it is listed in its old place again."""
    w = open_window(qtbot, mlp([3, 2, 2]))
    net = w.document.network
    w.document.push(RemoveConnection(("x1", "h1_2")))
    w.document.push(AddConnection(Connection("x1", "h1_2", 1.0)))
    listed = ["x2 → h1_2", "x3 → h1_2", "h1_2 → y1", "h1_2 → y2", "x1 → h1_2"]
    assert [f"{s} → {t}" for s, t in net.connections if "h1_2" in (s, t)] == listed
    menu = right_click(qtbot, w, "h1_2")
    assert entries(click_entry(qtbot, menu, "Disconnect")) == listed
    menu.close()
    w.document.undo()
    w.document.undo()  # the link back in its first place, in the middle of the model's order
    listed = [listed[-1], *listed[:-1]]
    assert entries(click_entry(qtbot, right_click(qtbot, w, "h1_2"), "Disconnect")) == listed
