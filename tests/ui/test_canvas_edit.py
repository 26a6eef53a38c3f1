"""Canvas gestures: move, delete, nudge, copy/paste, select, zoom, layers, files (the inspector: test_inspector.py)."""

import json

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from designer.model import dumps, load
from tests.conftest import EXAMPLES
from tests.ui import gui
from tests.ui.live_gui import visible_scene_rect
from tests.ui.test_canvas_build import on_line


def test_dragging_a_node_is_one_undo_step_committed_on_release(xor_window):
    w = xor_window
    net = w.document.network
    start = gui.node_pos(w, "y")
    gui.drag(w.view, start, start + QPointF(37, 55), steps=10)
    assert net.neurons["y"].position == (437.0, 115.0)  # no column within reach: stays where dropped
    assert w.document.undo_stack.count() == 1
    w.actions["undo"].trigger()
    assert net.neurons["y"].position == (400.0, 60.0)
    assert w.scene.node_items["y"].pos() == QPointF(400, 60)


def test_drag_snaps_to_a_nearby_column(xor_window):
    w = xor_window
    gui.drag(w.view, gui.node_pos(w, "y"), QPointF(225, 300))
    assert w.document.network.neurons["y"].position == (200.0, 300.0)


def test_lines_follow_a_dragged_node_before_release(xor_window):
    w = xor_window
    layer = w.scene.connections
    i = layer.position_of[("h1", "y")]
    before = layer.end[i].copy()
    start = gui.node_pos(w, "y")
    gui.press(w.view, start)
    gui.move(w.view, start + QPointF(0, 80))
    gui.move(w.view, start + QPointF(0, 100))
    assert layer.end[i][1] > before[1] + 50  # redrawn while dragging
    assert w.document.network.neurons["y"].position == (400.0, 60.0)  # model unchanged until release
    gui.release(w.view, start + QPointF(0, 100))
    assert w.document.network.neurons["y"].position == (400.0, 160.0)


def test_delete_key_removes_selection_with_its_connections(qtbot, xor_window):
    w = xor_window
    gui.click(w.view, gui.node_pos(w, "h1"))
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    net = w.document.network
    assert "h1" not in net.neurons and all("h1" not in k for k in net.connections)
    assert "h1" not in w.scene.node_items
    w.actions["undo"].trigger()
    assert dumps(net) == (EXAMPLES / "xor-step.json").read_text(encoding="utf-8")


def test_click_selects_a_connection_and_backspace_deletes_it(qtbot, xor_window):
    w = xor_window
    gui.click(w.view, on_line(w, ("h2", "y")))
    assert w.scene.selected_connections == {("h2", "y")}
    qtbot.waitUntil(lambda: w.inspector.current == ("h2", "y"))
    assert w.inspector.c_weight.text() == "−1"  # the reading while not edited
    assert "connection h2 → y" in w.statusBar().currentMessage()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Backspace)
    assert ("h2", "y") not in w.document.network.connections
    assert "Deleted 1 item" in w.statusBar().currentMessage()  # not the message of a line that is gone


def test_where_lines_cross_the_line_seen_on_top_is_the_one_hovered_selected_and_edited(qtbot, xor_window):
    """x1 → h2 (−1, orange) and x2 → h1 (+1, blue) cross at (100, 60); blue is drawn over orange.
    Pointing inside both, nearer the orange centre: the nearest centre decided, and a double-click
    edited the orange line under the blue one the user saw."""
    import math

    import numpy as np
    from PySide6.QtGui import QColor

    from designer.model import SetConnectionField

    w = xor_window
    net = w.document.network
    w.document.push(SetConnectionField(("x1", "h2"), "weight", -1.0))
    w.view.resetTransform()
    w.view.scale(4, 4)  # a line 2.7 units wide is 11 pixels: the pixel under the pointer is unambiguous
    w.view.centerOn(100, 60)
    # on the orange line's centre, 1 unit from the blue one's (inside its 1.33 half-width)
    along = QPointF(200, 120) / math.hypot(200, 120)
    spot = QPointF(100, 60) + along * (1.0 / math.sin(2 * math.atan(0.6)))
    QApplication.processEvents()
    seen = w.view.viewport().grab().toImage().pixelColor(gui.to_viewport(w.view, spot))
    theme = w.scene.theme

    def far(a: str) -> float:
        c = QColor(a)
        return float(np.linalg.norm(np.subtract(seen.getRgb()[:3], c.getRgb()[:3])))

    assert far(theme.positive) < far(theme.negative)  # the user sees the blue line there
    gui.move(w.view, spot, buttons=Qt.MouseButton.NoButton)
    assert w.scene.connections.hovered == ("x2", "h1")
    gui.click(w.view, spot)
    assert w.scene.selected_connections == {("x2", "h1")}
    gui.double_click(w.view, spot)
    assert w.view.editor.line.accessibleName() == "Weight x2 → h1"
    gui.type_into_editor(qtbot, w, "2")
    assert net.connections[("x2", "h1")].weight == 2.0 and net.connections[("x1", "h2")].weight == -1.0


def test_wheel_nudges_weight_and_bias_as_one_undo_step_each(xor_window):
    w = xor_window
    net = w.document.network
    for _ in range(3):
        gui.wheel(w.view, on_line(w, ("x1", "h1")))
    assert net.connections[("x1", "h1")].weight == 1.3
    gui.wheel(w.view, on_line(w, ("x1", "h1")), steps=-1, modifiers=Qt.KeyboardModifier.ShiftModifier)
    assert net.connections[("x1", "h1")].weight == 1.29
    gui.wheel(w.view, gui.node_pos(w, "h2"), steps=-2)
    assert net.neurons["h2"].bias == -1.7
    assert w.document.undo_stack.count() == 2
    w.actions["undo"].trigger()
    w.actions["undo"].trigger()
    assert net.connections[("x1", "h1")].weight == 1.0 and net.neurons["h2"].bias == -1.5


def test_wheel_on_empty_space_zooms(xor_window):
    w = xor_window
    scale = w.view.transform().m11()
    gui.wheel(w.view, QPointF(300, 400))
    assert w.view.transform().m11() > scale
    w.actions["zoom_out"].trigger()
    w.actions["zoom_fit"].trigger()
    rect = visible_scene_rect(w.view)
    assert all(rect.contains(gui.node_pos(w, n)) for n in ("x1", "x2", "y"))


def test_rejected_expression_keeps_the_value_and_says_why(qtbot, xor_window):
    w = xor_window
    gui.double_click(w.view, on_line(w, ("h1", "y")))
    gui.type_into_editor(qtbot, w, "__import__('os')")
    assert w.document.network.connections[("h1", "y")].weight == 1.0
    assert "Not a number" in w.statusBar().currentMessage()
    qtbot.keyClick(w.view.editor.line, Qt.Key.Key_Escape)
    assert not w.view.editor.line.isVisible()


def test_rubber_band_ctrl_a_copy_paste_duplicate(xor_window):
    w = xor_window
    net = w.document.network
    gui.drag(w.view, QPointF(150, -60), QPointF(260, 190))  # around h1 and h2
    assert sorted(w.scene.selected_node_ids()) == ["h1", "h2"]
    w.actions["copy"].trigger()
    w.actions["paste"].trigger()
    assert {"h3", "h4"} <= set(net.neurons)
    assert sorted(w.scene.selected_node_ids()) == ["h3", "h4"]
    assert net.neurons["h3"].position == (240.0, 40.0) and net.neurons["h3"].label == "OR"
    assert not any("h3" in k or "h4" in k for k in net.connections)  # no inner connections between h1, h2
    w.actions["select_all"].trigger()
    assert len(w.scene.selected_node_ids()) == 7
    w.actions["duplicate"].trigger()
    assert len(net.neurons) == 10 and len(net.connections) == 12
    assert w.document.undo_stack.count() == 2


def test_add_layer_fully_connected(monkeypatch, xor_window):
    w = xor_window
    from designer.ui import editing

    def fake_exec(dialog):
        dialog.count.setValue(3)
        dialog.activation.setCurrentIndex(dialog.activation.findData("relu"))
        return True

    monkeypatch.setattr(editing.AddLayerDialog, "exec", fake_exec)
    w.actions["add_layer"].trigger()
    net = w.document.network
    new = [n for n in net.neurons if n not in ("h1", "h2", "y")]
    assert len(new) == 3 and all(net.neurons[n].activation == "relu" for n in new)
    # a hidden layer in front of the output: fed by the column before it, feeding the output instead of it
    assert {(s, t) for s, t in net.connections if t in new} == {(h, n) for h in ("h1", "h2") for n in new}
    assert {s for s, t in net.connections if t == "y"} == set(new)
    assert all(net.neurons[n].position[0] == 400.0 for n in new) and net.neurons["y"].position[0] == 620.0


def test_add_layer_offers_the_last_choices_again(monkeypatch, xor_window):
    """It reset to two sigmoids with random weights every time: a third ReLU layer meant setting it all again."""
    w = xor_window
    from designer.ui import editing

    offered: list[dict] = []

    def first(dialog):
        dialog.count.setValue(3)
        dialog.activation.setCurrentIndex(dialog.activation.findData("relu"))
        dialog.weights.setCurrentIndex(dialog.weights.findData(editing.ZERO))
        return True

    def second(dialog):
        offered.append(dialog.choices())
        return False

    monkeypatch.setattr(editing.AddLayerDialog, "exec", first)
    w.actions["add_layer"].trigger()
    monkeypatch.setattr(editing.AddLayerDialog, "exec", second)
    w.actions["add_layer"].trigger()
    assert offered == [{"count": 3, "activation": "relu", "connect": True, "weights": editing.ZERO}]


def test_arrange_by_layers_is_undoable(xor_window):
    w = xor_window
    net = w.document.network
    gui.drag(w.view, gui.node_pos(w, "h1"), QPointF(500, 400))
    w.actions["arrange"].trigger()
    assert net.neurons["h1"].position[0] == net.neurons["h2"].position[0] == 220.0
    assert net.neurons["y"].position[0] == 440.0
    w.actions["undo"].trigger()
    assert net.neurons["h1"].position == (500.0, 400.0)


def test_tooltip_shows_the_formula(xor_window):
    tip = xor_window.scene.tooltip_for("h1")
    assert tip.splitlines()[0] == "h1 = step(1·x₁ + 1·x₂ − 0.5)"
    assert "OR" in tip
    assert xor_window.scene.tooltip_for("y").startswith("y = step(1·OR − 1·AND − 0.5)")


def test_bad_file_shows_a_dialog_and_keeps_the_network(tmp_path, xor_window, dialogs):
    w = xor_window
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "nn-designer", "version": 9, "inputs": []}')
    before = dumps(w.document.network)
    assert not w.files.open_path(bad)
    assert dialogs.shown and dialogs.shown[-1][0] == "warning"
    assert "newer NN Designer" in dialogs.shown[-1][2] and "\n" not in dialogs.shown[-1][2]
    assert dumps(w.document.network) == before


def test_dropping_a_json_file_opens_it(tmp_path, xor_window):
    w = xor_window
    net = load(EXAMPLES / "xor-step.json")
    net.name = "dropped"
    from designer.model import save

    path = tmp_path / "dropped.json"
    save(net, path)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    args = (Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(QPoint(100, 100), *args)
    QApplication.sendEvent(w, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(w, QDropEvent(QPointF(100, 100), *args))
    assert w.document.network.name == "dropped"
    assert w.document.path == path


def test_close_with_unsaved_changes_asks_and_can_cancel(xor_window, dialogs):
    from PySide6.QtWidgets import QMessageBox

    w = xor_window
    gui.wheel(w.view, gui.node_pos(w, "h1"))
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not w.close()
    assert dialogs.shown[-1][1] == "Unsaved changes"
    dialogs.answer = QMessageBox.StandardButton.Discard
    assert w.close()


def test_autosave_writes_recovery_and_a_new_start_offers_it(tmp_path, qtbot, xor_window, dialogs):
    from PySide6.QtWidgets import QMessageBox

    from designer.ui.app import offer_recovery
    from designer.ui.mainwindow import MainWindow

    w = xor_window
    assert w.files.autosave.interval() == 30_000 and w.files.autosave.isActive()
    gui.wheel(w.view, gui.node_pos(w, "h1"), steps=5)
    w.files.autosave.timeout.emit()  # the 30 s timer firing
    assert json.loads(w.files.recovery.path.read_text(encoding="utf-8"))["neurons"][0]["bias"] == 0.0
    fresh = MainWindow(load(EXAMPLES / "xor-step.json"))
    qtbot.addWidget(fresh)
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert offer_recovery(fresh) == 0  # the first window is alive: its work is not an orphan
    w.files.recovery._lock.unlock()  # what a crash leaves: the data, and a lock nobody holds
    w.files.recovery._lock = None
    assert offer_recovery(fresh) == 1
    assert fresh.document.network.neurons["h1"].bias == 0.0
    assert dialogs.shown[-1][1] == "Restore unsaved work?"


def test_new_from_template(xor_window):
    w = xor_window
    w.findChild(type(w.actions["open"]), "new_xor-starter").trigger()
    assert w.document.network.name == "XOR starter"
    assert all(c.weight == 0 for c in w.document.network.connections.values())
    assert set(w.scene.node_items) == {"x1", "x2", "h1", "h2", "y"}


def test_add_layer_keeps_every_node_in_view(monkeypatch, qtbot):
    """A layer of ten in front of the output pushed the output neuron off the canvas's right edge."""
    from designer.model import load
    from designer.ui import editing
    from tests.conftest import EXAMPLES
    from tests.ui.live_gui import sized_window

    w = sized_window(qtbot, load(EXAMPLES / "xor-step.json"), (1366, 768))
    w.view.zoom(2.0)  # the student had zoomed in on the network

    def ten(dialog):
        dialog.count.setValue(10)
        return True

    monkeypatch.setattr(editing.AddLayerDialog, "exec", ten)
    w.actions["add_layer"].trigger()
    shown = w.view.visible_scene_rect()
    for node_id in w.document.network.node_ids():  # every column in view (a tall one may scroll at the
        box = w.scene.node_items[node_id].sceneBoundingRect()  # readable zoom floor), the output whole
        assert shown.left() <= box.left() and box.right() <= shown.right(), node_id
    assert shown.contains(w.scene.node_items["y"].sceneBoundingRect())
