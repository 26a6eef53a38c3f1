"""Editing a big network from the canvas: a node's right-click menu stays on the screen however many
links it has, and deleting a selected layer costs what the layer's links do (counted, never timed).

A hidden neuron of a 784-128 net listed its 848 links in Disconnect and a new neuron its 793 possible
sources in Connect from: menus wider and taller than a 1366×768 screen. Real mouse events throughout:
a right click on the node, clicks on the entries, in the chooser dialog and on its buttons."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMenu

from designer.model import Connection, Neuron, dumps
from designer.ui.connection_menus import MENU_ENTRIES
from designer.ui.link_chooser import LinkChooser
from tests.model.test_big_edits import count_lists
from tests.ui import gui
from tests.ui.live_gui import mlp, open_window
from tests.ui.menus import click_entry, plain

NO_MOD = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton


def right_click(qtbot, w, node_id: str) -> QMenu:
    """A right click on the node, through the window as a real one arrives (Qt makes the context-menu
    event from it): the canvas menu that opens."""
    w.view.centerOn(gui.node_pos(w, node_id))
    point = gui.to_viewport(w.view, gui.node_pos(w, node_id))
    in_window = w.view.viewport().mapTo(w, point)
    QTest.mouseClick(w.windowHandle(), Qt.MouseButton.RightButton, NO_MOD, in_window)
    menu = w._last_menu
    qtbot.waitUntil(lambda: menu.isVisible(), timeout=2000)
    return menu


def entries(menu: QMenu) -> list[str]:
    return [plain(a.text()) for a in menu.actions() if not a.isSeparator()]


def fits_the_screen(menu: QMenu) -> bool:
    return menu.screen().availableGeometry().contains(menu.geometry())


def state(w) -> tuple[str, list]:
    """The file's text and the links' order: what undo must put back exactly."""
    net = w.document.network
    return dumps(net), list(net.connections)


def undo_redo_restore(w, before, after) -> None:
    w.document.undo()
    assert state(w) == before
    w.document.redo()
    assert state(w) == after
    w.document.undo()
    assert state(w) == before


def test_disconnect_on_a_neuron_with_many_links_offers_all_incoming_and_fits_the_screen(qtbot):
    w = open_window(qtbot, mlp([40, 16, 3]))  # h1_5: 40 links in, 3 out
    net, stack = w.document.network, w.document.undo_stack
    before, steps = state(w), stack.count()
    menu = right_click(qtbot, w, "h1_5")
    sub = click_entry(qtbot, menu, "Disconnect")
    assert entries(sub) == ["All incoming (40)", "All outgoing (3)", "Choose from 43 links…"]
    assert fits_the_screen(sub) and fits_the_screen(menu)
    click_entry(qtbot, sub, "All incoming (40)")
    assert not [k for k in net.connections if k[1] == "h1_5"]
    assert [k for k in net.connections if k[0] == "h1_5"] == [("h1_5", "y1"), ("h1_5", "y2"), ("h1_5", "y3")]
    assert stack.count() == steps + 1 and "Disconnected 40 links" in w.statusBar().currentMessage()
    undo_redo_restore(w, before, state(w))


def test_choose_links_filters_and_disconnects_the_chosen_ones_in_one_step(qtbot):
    w = open_window(qtbot, mlp([40, 16, 3]))
    net, stack = w.document.network, w.document.undo_stack
    before, steps = state(w), stack.count()
    sub = click_entry(qtbot, right_click(qtbot, w, "h1_5"), "Disconnect")
    click_entry(qtbot, sub, "Choose from 43 links…")
    chooser = w.findChild(LinkChooser)
    qtbot.waitUntil(lambda: chooser.isVisible(), timeout=2000)
    assert chooser.list.count() == 43 and not chooser.ok.isEnabled()
    qtbot.keyClicks(chooser.filter, "x3")  # x3, x30 … x39
    shown = [chooser.list.item(r).text() for r in range(43) if not chooser.list.item(r).isHidden()]
    assert shown == [f"x{k} → h1_5" for k in (3, *range(30, 40))]
    assert chooser.count.text() == "0 chosen, 11 of 43 shown"
    for text, modifiers in (("x3 → h1_5", NO_MOD), ("x35 → h1_5", CTRL)):
        item = chooser.list.findItems(text, Qt.MatchFlag.MatchExactly)[0]
        QTest.mouseClick(chooser.list.viewport(), LEFT, modifiers, chooser.list.visualItemRect(item).center())
    assert chooser.count.text() == "2 chosen, 11 of 43 shown"
    QTest.mouseClick(chooser.ok, LEFT)
    assert ("x3", "h1_5") not in net.connections and ("x35", "h1_5") not in net.connections
    assert len(net.connections) == 40 * 16 + 16 * 3 - 2 and stack.count() == steps + 1
    undo_redo_restore(w, before, state(w))


def test_connect_from_on_a_new_neuron_offers_each_column_and_a_chooser(qtbot):
    net = mlp([40, 16, 3])
    net.neurons["n"] = Neuron("n", "sigmoid", 0.0, position=(880.0, 0.0))  # a column of its own, no links
    w = open_window(qtbot, net)
    net, stack = w.document.network, w.document.undo_stack
    before, steps = state(w), stack.count()
    sub = click_entry(qtbot, right_click(qtbot, w, "n"), "Connect from")
    assert entries(sub) == [
        "All 40 inputs (layer 1): x1 … x40",
        "All 16 hidden neurons (layer 2): h1_1 … h1_16",
        "All 3 output neurons (layer 3): y1 … y3",
        "Choose from 59 nodes…",
    ]
    assert fits_the_screen(sub)
    click_entry(qtbot, sub, "All 40 inputs (layer 1): x1 … x40")
    assert [k for k in net.connections if k[1] == "n"] == [(f"x{i}", "n") for i in range(1, 41)]
    assert all(net.connections[(f"x{i}", "n")].weight == 1 for i in range(1, 41))
    assert stack.count() == steps + 1
    undo_redo_restore(w, before, state(w))
    to_menu = click_entry(qtbot, right_click(qtbot, w, "h1_1"), "Connect to")
    assert len(to_menu.actions()) <= MENU_ENTRIES and fits_the_screen(to_menu)  # 15 hidden neurons and n
    QApplication.activePopupWidget().close()


def test_a_columns_entry_names_its_layer_as_the_math_view_does_and_tells_alike_columns_apart(qtbot):
    """The column entries named only a column's first and last node ("All 2: n1 … n2" twice for two
    new columns of two): now what the column holds and its layer (the Math view's numbering, inputs
    layer 1), with the canvas column where two would read alike."""
    net = mlp([40, 16, 3])
    net.inputs["x1"].label = "x₁"
    for k, (x, y) in enumerate(((880.0, 0.0), (880.0, 120.0), (1100.0, 0.0), (1100.0, 120.0)), start=1):
        node_id = f"n{k}"
        net.neurons[node_id] = Neuron(node_id, "sigmoid", 0.0, position=(x, y))
    net.neurons["t"] = Neuron("t", "sigmoid", 0.0, position=(1320.0, 0.0))
    w = open_window(qtbot, net)
    net, before = w.document.network, state(w)
    sub = click_entry(qtbot, right_click(qtbot, w, "t"), "Connect from")
    assert entries(sub) == [
        "All 40 inputs (layer 1): x₁ (x1) … x40",
        "All 16 hidden neurons (layer 2): h1_1 … h1_16",
        "All 3 output neurons (layer 3): y1 … y3",
        "All 2 hidden neurons (layer 2, column 4): n1 … n2",
        "All 2 hidden neurons (layer 2, column 5): n3 … n4",
        "Choose from 63 nodes…",
    ]
    click_entry(qtbot, sub, "All 2 hidden neurons (layer 2, column 5): n3 … n4")
    assert [k for k in net.connections if k[1] == "t"] == [("n3", "t"), ("n4", "t")]
    undo_redo_restore(w, before, state(w))


def test_connect_from_choose_takes_every_node_the_filter_shows_with_ctrl_a(qtbot):
    net = mlp([40, 16, 3])
    net.neurons["n"] = Neuron("n", "sigmoid", 0.0, position=(880.0, 0.0))
    w = open_window(qtbot, net)
    net, stack = w.document.network, w.document.undo_stack
    before, steps = state(w), stack.count()
    click_entry(qtbot, click_entry(qtbot, right_click(qtbot, w, "n"), "Connect from"), "Choose from 59 nodes…")
    chooser = w.findChild(LinkChooser)
    qtbot.waitUntil(lambda: chooser.isVisible(), timeout=2000)
    qtbot.keyClicks(chooser.filter, "h1_1")  # h1_1, h1_10 … h1_16
    QTest.mouseClick(chooser.list.viewport(), LEFT, NO_MOD, chooser.list.visualItemRect(chooser.list.item(40)).center())
    QTest.keyClick(chooser.list, Qt.Key.Key_A, CTRL)  # every row shown, none of those hidden
    assert chooser.count.text() == "8 chosen, 8 of 59 shown"
    QTest.mouseClick(chooser.ok, LEFT)
    assert [k for k in net.connections if k[1] == "n"] == [(f"h1_{j}", "n") for j in (1, *range(10, 17))]
    assert stack.count() == steps + 1 and "Connected 8 links" in w.statusBar().currentMessage()
    undo_redo_restore(w, before, state(w))


def test_the_chooser_works_from_the_keyboard(qtbot):
    """Shift+F10 on the clicked node, S (Disconnect), C (Choose…), a filter, Down into the list, Shift+Down
    for one more, Enter: the two links go in one step."""
    w = open_window(qtbot, mlp([40, 16, 3]))
    net, before = w.document.network, state(w)
    gui.click(w.view, gui.node_pos(w, "h1_5"))
    assert w.scene.selected_node_ids() == ["h1_5"]
    QTest.keyClick(w.view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    for letter in (Qt.Key.Key_S, Qt.Key.Key_C):
        QTest.keyClick(QApplication.activePopupWidget(), letter)
    chooser = w.findChild(LinkChooser)
    qtbot.waitUntil(lambda: chooser.isVisible() and chooser.filter.hasFocus(), timeout=2000)
    qtbot.keyClicks(chooser.filter, "x3")
    QTest.keyClick(chooser.filter, Qt.Key.Key_Down)
    assert chooser.list.hasFocus() and chooser.count.text() == "1 chosen, 11 of 43 shown"
    QTest.keyClick(chooser.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(chooser.list, Qt.Key.Key_Return)
    assert ("x3", "h1_5") not in net.connections and ("x30", "h1_5") not in net.connections
    assert len(net.connections) == 40 * 16 + 16 * 3 - 2
    undo_redo_restore(w, before, state(w))


def test_a_small_networks_menus_still_list_each_link(qtbot, xor_window):
    w = xor_window
    sub = click_entry(qtbot, right_click(qtbot, w, "h1"), "Disconnect")
    assert entries(sub) == ["x₁ (x1) → OR (h1)", "x₂ (x2) → OR (h1)", "OR (h1) → y"]
    click_entry(qtbot, sub, "x₂ (x2) → OR (h1)")
    assert ("x2", "h1") not in w.document.network.connections


def test_deleting_a_selected_layer_passes_over_the_links_once_not_once_per_node(qtbot, monkeypatch):
    """A rubber band round a hidden column and Delete: the links' places were found by listing every
    key once per node (128 passes over 109,184 keys, 0.5 s, for a layer of a 784-128-64-10 net)."""
    w = open_window(qtbot, mlp([40, 16, 8, 3]))
    net, links, gone = w.document.network, 40 * 16 + 16 * 8 + 8 * 3, 16 * 8 + 8 * 3
    before, steps = state(w), w.document.undo_stack.count()
    layer = [f"h2_{j}" for j in range(1, 9)]
    top, bottom = gui.node_pos(w, layer[0]), gui.node_pos(w, layer[-1])
    gui.drag(w.view, QPointF(top.x() - 60, top.y() - 60), QPointF(bottom.x() + 60, bottom.y() + 60))
    assert sorted(w.scene.selected_node_ids()) == layer
    listed = count_lists(monkeypatch)
    w.view.setFocus()
    QTest.keyClick(w.view, Qt.Key.Key_Delete)
    assert not any(n.startswith("h2_") for n in net.neurons) and len(net.connections) == links - gone
    assert w.document.undo_stack.count() == steps + 1
    assert sum(listed) <= links + gone + 100  # the keys once (8 times before: 8 × 792)
    listed.clear()
    w.document.undo()
    assert sum(listed) <= 2 * links + gone  # keys and values put back in one merge
    assert state(w) == before
    monkeypatch.undo()
    w.document.redo()
    assert len(net.connections) == links - gone and len(net.neurons) == 16 + 3
    w.document.undo()
    assert state(w) == before


# ------------------------------------------------------------ hostile names
#: a file's 10,000-character label or id: an override, bold tags, a TAB (a menu's shortcut column), a line break
LONG_NAME = "\u202e<b>W</b>\t\n" + "W" * 9_990


def fits_in_width(widget) -> bool:
    """Whether ``widget`` asks for no more than its screen's width (a menu is cut at the screen's edge)."""
    return widget.sizeHint().width() <= widget.screen().availableGeometry().width()


def test_a_long_id_keeps_the_chooser_on_the_screen_and_is_shown_as_written(qtbot):
    """A neuron whose id is 10,000 characters: the chooser's prompt named it whole, one unbreakable
    word, and the dialog was 118,515 px wide, its OK and Cancel off the screen."""
    net = mlp([20, 3])
    node = LONG_NAME
    net.neurons[node] = Neuron(node, "sigmoid", 0.0, position=(880.0, 0.0))
    w = open_window(qtbot, net)
    net, before = w.document.network, state(w)
    sub = click_entry(qtbot, right_click(qtbot, w, node), "Connect from")
    click_entry(qtbot, sub, "Choose from 23 nodes…")
    chooser = w.findChild(LinkChooser)
    qtbot.waitUntil(lambda: chooser.isVisible(), timeout=2000)
    assert chooser.frameGeometry().width() <= chooser.screen().availableGeometry().width()
    title, prompt = chooser.windowTitle(), chooser.findChild(QLabel).text()
    assert title.startswith(r"Connect from \u202e<b>W</b>\t…WWW") and title.endswith("WWW") and len(title) < 50
    assert prompt.startswith(r"Connect \u202e<b>W</b>\t…WWW") and "\u202e" not in prompt + title
    qtbot.keyClicks(chooser.filter, "x15")
    QTest.keyClick(chooser.filter, Qt.Key.Key_Down)
    QTest.mouseClick(chooser.ok, LEFT)
    assert [k for k in net.connections if k[1] == node] == [("x15", node)]
    message = w.statusBar().currentMessage()
    assert message.startswith(r"Connected x15 → \u202e<b>W</b>\t…WWW") and len(message) < 150
    undo_redo_restore(w, before, state(w))


def test_a_long_label_keeps_the_menus_on_the_screen(qtbot):
    """A source labelled with 10,000 characters: "All 20 inputs (layer 1): <label> … x20" and its links in
    Disconnect made menu entries 118,751 px wide (the menu filled the screen and its entries' middles lay
    far off it)."""
    net = mlp([20, 3])
    net.inputs["x1"].label = LONG_NAME
    net.neurons["n"] = Neuron("n", "sigmoid", 0.0, position=(880.0, 0.0))
    net.connections[("x1", "n")] = Connection("x1", "n", 0.5)
    w = open_window(qtbot, net)
    sub = click_entry(qtbot, right_click(qtbot, w, "n"), "Disconnect")
    (link,) = entries(sub)
    assert fits_in_width(sub) and link.startswith(r"\u202e<b>W</b>\t…WWW") and link.endswith("WWW (x1) → n")
    click_entry(qtbot, sub, link)
    assert ("x1", "n") not in w.document.network.connections
    sub = click_entry(qtbot, right_click(qtbot, w, "n"), "Connect from")
    assert fits_in_width(sub) and entries(sub)[0].startswith(r"All 20 inputs (layer 1): \u202e<b>W</b>\t…W")
    click_entry(qtbot, sub, entries(sub)[0])
    assert [k for k in w.document.network.connections if k[1] == "n"] == [(f"x{i}", "n") for i in range(1, 21)]


def test_filtering_a_chosen_list_counts_the_rows_once_per_letter(qtbot, monkeypatch):
    """Ctrl+A in the chooser, then a letter in the filter: each row it hid was un-chosen one by one, and each
    updated the "n chosen, m shown" line by counting every row (with 4,000 rows one letter took 34 s).
    Counted, never timed: one update per letter typed."""
    net = mlp([40, 16, 3])
    net.neurons["n"] = Neuron("n", "sigmoid", 0.0, position=(880.0, 0.0))
    w = open_window(qtbot, net)
    click_entry(qtbot, click_entry(qtbot, right_click(qtbot, w, "n"), "Connect from"), "Choose from 59 nodes…")
    chooser = w.findChild(LinkChooser)
    qtbot.waitUntil(lambda: chooser.isVisible(), timeout=2000)
    QTest.mouseClick(chooser.list.viewport(), LEFT, NO_MOD, chooser.list.visualItemRect(chooser.list.item(0)).center())
    QTest.keyClick(chooser.list, Qt.Key.Key_A, CTRL)
    assert chooser.count.text() == "59 chosen, 59 of 59 shown"
    updates = []
    monkeypatch.setattr(chooser, "show_count", lambda original=chooser.show_count: updates.append(1) or original())
    chooser.list.itemSelectionChanged.disconnect()
    chooser.list.itemSelectionChanged.connect(chooser.show_count)
    qtbot.keyClicks(chooser.filter, "x2")  # "x" hides the 19 neurons, "2" all inputs but x2, x20 … x29
    assert len(updates) == 2 and chooser.count.text() == "11 chosen, 11 of 59 shown"
    QTest.mouseClick(chooser.ok, LEFT)
    assert [k[0] for k in w.document.network.connections if k[1] == "n"] == ["x2", *(f"x{i}" for i in range(20, 30))]
