"""A student builds the lecture's XOR network with mouse and keyboard, then undoes, redoes, saves, reopens."""

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from designer.engine import compile_network
from designer.model import Network, dumps
from designer.model.templates import empty
from tests.ui import gui

TABLE = [[0, 0], [0, 1], [1, 0], [1, 1]]


def toolbar_click(qtbot, window, key):
    button = window.toolbar.widgetForAction(window.actions[key])
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def place(qtbot, window, key, pos):
    """Pick the tool, click once on the canvas, then end the tool with Esc (it stays on until then)."""
    toolbar_click(qtbot, window, key)
    gui.click(window.view, pos)
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)


def on_line(window, key, t=0.3):
    layer = window.scene.connections
    i = layer.position_of[key]
    p = layer.start[i] + t * (layer.end[i] - layer.start[i])
    return QPointF(float(p[0]), float(p[1]))


def connect(window, source, target):
    gui.drag(window.view, gui.port_pos(window, source), gui.node_pos(window, target))


def test_build_xor_with_the_mouse_then_undo_redo_save_reopen(qtbot, empty_window, tmp_path, monkeypatch):
    w = empty_window
    view = w.view
    for key, pos in [
        ("add_input", (0, 0)),
        ("add_input", (0, 120)),
        ("add_neuron", (220, 0)),
        ("add_neuron", (220, 120)),
        ("add_neuron", (440, 60)),
    ]:
        place(qtbot, w, key, pos)
    net = w.document.network
    assert list(net.inputs) == ["x1", "x2"] and list(net.neurons) == ["h1", "h2", "h3"]
    assert net.neurons["h3"].position == (440.0, 60.0)

    for s, t in [("x1", "h1"), ("x2", "h1"), ("x1", "h2"), ("x2", "h2"), ("h1", "h3"), ("h2", "h3")]:
        connect(w, s, t)
    assert set(net.connections) == {("x1", "h1"), ("x2", "h1"), ("x1", "h2"), ("x2", "h2"), ("h1", "h3"), ("h2", "h3")}

    combo = w.inspector.n_activation
    for n in ("h1", "h2", "h3"):
        gui.click(view, gui.node_pos(w, n))
        qtbot.waitUntil(lambda n=n: w.inspector.current == n)
        combo.setCurrentIndex(combo.findData("step"))
    assert {n.activation for n in net.neurons.values()} == {"step"}

    for key in net.connections:
        gui.double_click(view, on_line(w, key))
        gui.type_into_editor(qtbot, w, "-1" if key == ("h2", "h3") else "1")
    for n, text in [("h1", "-1/2"), ("h2", "-3/2"), ("h3", "-0.5*1")]:
        gui.double_click(view, gui.node_pos(w, n))
        gui.type_into_editor(qtbot, w, text)
    gui.click(view, gui.node_pos(w, "h3"))
    toolbar_click(qtbot, w, "toggle_output")
    assert net.outputs == ["h3"]
    assert [n.bias for n in net.neurons.values()] == [-0.5, -1.5, -0.5]
    assert compile_network(net).forward(TABLE)[:, 0].tolist() == [0.0, 1.0, 1.0, 0.0]
    assert w.isWindowModified() and "[*]" in w.windowTitle()
    built = dumps(net)

    undo, redo = w.actions["undo"], w.actions["redo"]
    while undo.isEnabled():
        undo.trigger()
    assert dumps(net) == dumps(empty())
    assert w.scene.node_items == {} and w.scene.connections.keys == []
    while redo.isEnabled():
        redo.trigger()
    assert dumps(net) == built
    assert set(w.scene.node_items) == {"x1", "x2", "h1", "h2", "h3"}

    target = tmp_path / "xor.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    w.actions["save_as"].trigger()
    assert target.read_text(encoding="utf-8") == built
    assert not w.isWindowModified()

    w.document.replace(Network(name="other"), path=None)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    w.actions["open"].trigger()
    assert dumps(w.document.network) == built
    assert w.windowTitle().startswith("xor.json")


def test_refused_connections_leave_the_model_unchanged_and_say_why(xor_window):
    w = xor_window
    before = dumps(w.document.network)
    gui.drag(w.view, gui.port_pos(w, "y"), gui.node_pos(w, "h1"))  # y → h1 closes a cycle
    assert dumps(w.document.network) == before
    assert "cycle" in w.statusBar().currentMessage()
    gui.drag(w.view, gui.port_pos(w, "h1"), gui.node_pos(w, "x2"))  # into an input
    assert dumps(w.document.network) == before
    assert "input" in w.statusBar().currentMessage()
    gui.drag(w.view, gui.port_pos(w, "x1"), gui.node_pos(w, "h1"))  # duplicate
    assert dumps(w.document.network) == before
    assert "already connected" in w.statusBar().currentMessage()


def test_connect_mode_connects_by_dragging_from_the_node_body(qtbot, xor_window):
    w = xor_window
    w.actions["mode_connect"].trigger()
    gui.drag(w.view, gui.node_pos(w, "x1"), gui.node_pos(w, "y"))
    assert ("x1", "y") in w.document.network.connections
    assert w.document.network.connections[("x1", "y")].weight == 1.0


def test_nodes_are_placed_and_visited_from_the_keyboard(qtbot, empty_window):
    """No mouse: I then Enter places inputs down the input column, N then Enter a neuron, Esc ends the
    tool; Tab and Shift+Tab select node after node (the inspector follows), and past the last the
    focus moves on to the docks."""
    w = empty_window
    view = w.view
    w.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    for key in (Qt.Key.Key_I, Qt.Key.Key_Return, Qt.Key.Key_Return, Qt.Key.Key_Escape):
        qtbot.keyClick(view, key)
    for key in (Qt.Key.Key_N, Qt.Key.Key_Return, Qt.Key.Key_Escape):
        qtbot.keyClick(view, key)
    net = w.document.network
    seen = view.visible_scene_rect()
    assert all(seen.contains(w.scene.node_items[n].sceneBoundingRect()) for n in ("x1", "x2", "h1"))
    assert list(net.inputs) == ["x1", "x2"] and list(net.neurons) == ["h1"]
    (x1, y1), (x2, y2) = net.inputs["x1"].position, net.inputs["x2"].position
    assert x1 == x2 and y2 > y1  # the second input below the first, in its column
    assert net.neurons["h1"].position[0] > x1 + 100  # the neuron in the next column
    view.setFocus()
    w.scene.clear_all_selection()
    visited = []
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        visited.append(w.scene.selected_node_ids())
    assert visited == [["x1"], ["x2"], ["h1"]]
    qtbot.waitUntil(lambda: "h1" in w.inspector.n_title.text())
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert w.scene.selected_node_ids() == ["x2"]
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter (or F2) edits the selected node, as a double-click
    editor = view.editor
    assert editor.active and editor.line.hasFocus()
    editor.line.selectAll()
    qtbot.keyClicks(editor.line, "-1/2")
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    assert net.neurons["h1"].bias == -0.5
    qtbot.waitUntil(view.hasFocus)  # back on the canvas
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert editor.active
    qtbot.keyClick(editor.line, Qt.Key.Key_Escape)
    middle = view.viewport().rect().center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, middle, view.viewport().mapToGlobal(middle))
    QApplication.sendEvent(view, event)  # the Menu key: the selected node's menu, at the node
    menu = w._last_menu
    assert any("activation" in a.text().lower() for a in menu.actions())
    node_at = view.viewport().mapToGlobal(view.mapFromScene(w.scene.node_items["h1"].scenePos()))
    assert abs(menu.pos().y() - node_at.y()) < 40  # at the node (shifted left only to stay on the screen)
    assert menu.pos().x() <= node_at.x() <= menu.pos().x() + menu.width() + 40
    menu.close()
    count = w.document.undo_stack.count()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)  # nothing changed: no undo step, nothing to save
    assert w.document.undo_stack.count() == count and not editor.active
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # past the last node: on to the next widget
    assert not view.hasFocus() and w.scene.selected_node_ids() == []


def test_enter_and_the_menu_key_on_a_selected_connection_edit_its_weight_and_open_its_menu(qtbot, xor_window):
    w = xor_window
    view = w.view
    w.scene.select_connection(("x1", "h1"))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.editor
    assert editor.active
    editor.line.selectAll()
    qtbot.keyClicks(editor.line, "3/4")
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    assert w.document.network.connections[("x1", "h1")].weight == 0.75
    middle = view.viewport().rect().center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, middle, view.viewport().mapToGlobal(middle))
    QApplication.sendEvent(view, event)  # not the empty canvas's menu ("Add input here")
    texts = [a.text() for a in w._last_menu.actions()]
    assert not any("Add input" in t for t in texts) and any("weight" in t.lower() for t in texts), texts
    w._last_menu.close()


def test_a_refused_formula_keeps_the_editor_open_with_its_text(qtbot, xor_window):
    """A formula that does not parse closed the editor and threw the text away."""
    from designer.model import AddNode, FeatureNode

    w = xor_window
    w.document.push(AddNode(FeatureNode("f1", "x1^2", position=(0.0, 240.0))))
    view = w.view
    (fid,) = w.document.network.features
    w.scene.select_nodes([fid])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    editor = view.editor
    editor.line.selectAll()
    qtbot.keyClicks(editor.line, "1/(x1+")
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    assert editor.active and editor.line.text() == "1/(x1+"  # to fix, not typed again
    assert w.document.network.features[fid].expression == "x1^2"
    qtbot.keyClick(editor.line, Qt.Key.Key_Escape)


def test_autosave_and_a_run_that_stops_leave_a_value_being_typed_alone(qtbot):
    """The editor was a live source of the document: the 30-second autosave and a training run that
    reached its stop epoch applied the half-typed text and closed the editor (the run then wrote its
    own value over it)."""
    from tests.ui.live_gui import choose, mlp, open_window

    w = open_window(qtbot, mlp([2, 2, 1], "tanh", "sigmoid"))
    live = w.live
    choose(live.panel.dataset, "gauss")
    live.panel.stop_epochs.setValue(2)
    live.panel.stop_epochs_on.setChecked(True)
    live.panel.buttons["train_play"].click()
    w.scene.select_nodes(["y"])
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Return)
    editor = w.view.editor
    editor.line.selectAll()
    qtbot.keyClicks(editor.line, "7")
    w.files.write_recovery()  # what the autosave timer does
    qtbot.waitUntil(lambda: not live.training.running, timeout=20_000)  # the run stops by itself
    assert editor.active and editor.line.text() == "7"
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    assert w.document.network.neurons["y"].bias == 7
    assert w.document.undo_stack.undoText() == "set bias of y"  # after the run's own step
