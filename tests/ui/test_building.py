"""Building is forgiving: tools that stay on, keys that work anywhere but never steal typing,
lines that are easy to hit, nodes that land in columns and off lines, layers that can learn,
errors shown where they happen, a pinned probe that looks pinned and lets go."""

import itertools
import math

import numpy as np
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog

from designer.model import Connection, InputNode, Network, Neuron
from designer.model.initial import copies, limit
from designer.ui.canvas.nodes import RADIUS
from designer.ui.canvas.view import ADD_INPUT, ADD_NEURON, SELECT
from tests.conftest import EXAMPLES
from tests.ui import gui
from tests.ui.live_gui import open_window, plot_click, plot_hover
from tests.ui.test_canvas_build import on_line
from tests.ui.test_exercise_panel import click_exercise

K = Qt.Key
LEFT = Qt.MouseButton.LeftButton


def activate(qtbot, window):
    """Window shortcuts need the window to be the active one (it is not right after a dialog closed)."""
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)


def key(qtbot, widget, k, modifiers=Qt.KeyboardModifier.NoModifier):
    """Press a key with the focus on ``widget`` in its active window."""
    activate(qtbot, widget.window())
    widget.setFocus()
    qtbot.keyClick(widget, k, modifiers)


# --------------------------------------------------------------------------- tools and keys
def test_add_neuron_stays_on_for_many_clicks_until_esc(qtbot, empty_window):
    w = empty_window
    key(qtbot, w.view, K.Key_N)
    assert w.view.mode == ADD_NEURON and w.actions["add_neuron"].isChecked()
    assert "Add Neuron" in w.tool_label.text() and "Esc" in w.tool_label.text()
    assert "Esc" in w.statusBar().currentMessage()
    for pos in ((0, 0), (0, 150), (0, 300)):
        gui.click(w.view, pos)
    assert len(w.document.network.neurons) == 3 and w.view.mode == ADD_NEURON
    key(qtbot, w.view, K.Key_I)  # another tool
    gui.click(w.view, (-250, 0))
    assert w.view.mode == ADD_INPUT and len(w.document.network.inputs) == 1
    key(qtbot, w.view, K.Key_Escape)
    assert w.view.mode == SELECT and w.tool_label.text() == "Tool: Select"
    gui.click(w.view, (300, 300))
    assert len(w.document.network.neurons) == 3  # a click in Select places nothing


def test_tool_keys_work_wherever_the_focus_is_but_text_fields_keep_their_keys(qtbot, xor_window):
    w = xor_window
    w.exercise.show()
    live = w.live
    for widget in (live.region.plot, w.exercise.panel.browser, live.panel.buttons["train_step"], w.view):
        key(qtbot, widget, K.Key_N)
        assert w.view.mode == ADD_NEURON, widget
        key(qtbot, widget, K.Key_Escape)
        assert w.view.mode == SELECT, widget

    gui.inspect(qtbot, w, "h1")
    label = w.inspector.n_label
    gui.retype(qtbot, label, "NICV")
    assert label.text() == "NICV" and w.view.mode == SELECT
    noise = live.panel.noise
    key(qtbot, noise, K.Key_I)
    assert w.view.mode == SELECT
    dataset = live.panel.dataset  # a list picks an entry by its first letter
    key(qtbot, dataset, K.Key_N)
    assert w.view.mode == SELECT and dataset.currentText() == "nand"
    rate = live.panel.rate
    key(qtbot, rate, K.Key_Escape)  # Esc in a text field is the field's, even with a tool on elsewhere
    assert w.view.mode == SELECT


# --------------------------------------------------------------------------- hitting lines
def _beside_line(w, connection, pixels):
    """A scene point ``pixels`` screen pixels beyond the drawn edge of a line, beside its middle."""
    layer = w.scene.connections
    i = layer.position_of[connection]
    start, end = layer.start[i], layer.end[i]
    d = (end - start) / np.hypot(*(end - start))
    normal = np.array([-d[1], d[0]])
    zoom = w.view.transform().m11()
    half = layer.half_widths()[i]
    p = start + 0.5 * (end - start) + normal * (half + pixels / zoom)
    return QPointF(float(p[0]), float(p[1]))


def test_lines_are_hit_six_pixels_beside_their_edge_at_any_zoom(qtbot, xor_window):
    w = xor_window
    for zoom in (0.5, 1.0, 2.0):
        w.view.resetTransform()
        w.view.scale(zoom, zoom)
        w.view.centerOn(on_line(w, ("h1", "y"), 0.5))
        w.scene.clear_all_selection()
        gui.click(w.view, _beside_line(w, ("h1", "y"), 5.5))
        assert w.scene.selected_connections == {("h1", "y")}, zoom
        w.scene.clear_all_selection()
        gui.click(w.view, _beside_line(w, ("h1", "y"), 9))
        assert not w.scene.selected_connections, zoom  # farther away: empty space


def test_a_double_click_near_a_line_edits_it_instead_of_adding_a_neuron(qtbot, xor_window):
    w = xor_window
    w.view.resetTransform()
    w.view.centerOn(on_line(w, ("h1", "y"), 0.5))
    neurons = set(w.document.network.neurons)
    gui.double_click(w.view, _beside_line(w, ("h1", "y"), 10))
    assert w.view.editor.active and "weight h1 → y" in w.view.editor.line.toolTip()
    gui.type_into_editor(qtbot, w, "2")
    assert w.document.network.connections[("h1", "y")].weight == 2
    assert set(w.document.network.neurons) == neurons


def test_a_new_neuron_is_never_drawn_on_a_line(qtbot, xor_window):
    w = xor_window
    w.view.resetTransform()
    w.view.centerOn(on_line(w, ("x1", "h2"), 0.5))
    key(qtbot, w.view, K.Key_N)
    for connection in (("x1", "h2"), ("x2", "h1")):
        gui.click(w.view, on_line(w, connection, 0.5))
    key(qtbot, w.view, K.Key_Escape)
    net = w.document.network
    new = [n for n in net.neurons if n not in ("h1", "h2", "y")]
    assert len(new) == 2
    for node_id in new:
        x, y = net.neurons[node_id].position
        assert w.scene.connections.distance_to_lines(x, y) >= RADIUS  # clear of every line
        others = [n.position for k, n in (*net.inputs.items(), *net.neurons.items()) if k != node_id]
        assert min(math.dist((x, y), p) for p in others) >= 2 * RADIUS  # and of every node


def test_a_neuron_placed_in_a_column_leaves_its_neighbours_name_and_map_free(qtbot, empty_window):
    """Clicked 90 below another neuron, the new one's map would cover the other's name: it goes a row down."""
    w = empty_window
    key(qtbot, w.view, K.Key_N)
    gui.click(w.view, (200, 0))
    gui.click(w.view, (200, 90))
    gui.click(w.view, (200, -80))
    key(qtbot, w.view, K.Key_Escape)
    items = [w.scene.node_items[n] for n in w.document.network.neurons]
    assert len(items) == 3 and len({item.pos().x() for item in items}) == 1  # one column
    for a, b in itertools.permutations(items, 2):
        assert not w.live.maps.target_rect(a.pos()).intersects(b.sceneBoundingRect())  # name and body free


def test_nodes_placed_by_click_snap_to_columns(qtbot, empty_window):
    w = empty_window
    key(qtbot, w.view, K.Key_I)
    gui.click(w.view, (0, 0))
    gui.click(w.view, (17, 130))  # a little to the right: the same column
    key(qtbot, w.view, K.Key_N)
    gui.click(w.view, (230, 0))
    gui.click(w.view, (205, 140))
    net = w.document.network
    assert [n.position[0] for n in net.inputs.values()] == [0.0, 0.0]
    assert [n.position[0] for n in net.neurons.values()] == [230.0, 230.0]


# --------------------------------------------------------------------------- layers that can learn
def _add_layer(qtbot, w, count, activation, weights="random"):
    """Ctrl+L, fill in the dialog with the keyboard and mouse, OK."""

    def fill():
        dialog = QApplication.activeModalWidget()
        dialog.count.selectAll()
        qtbot.keyClicks(dialog.count, str(count))
        dialog.activation.setCurrentIndex(dialog.activation.findData(activation))
        dialog.weights.setCurrentIndex(dialog.weights.findData(weights))
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, LEFT)

    activate(qtbot, w)
    w.view.setFocus()
    QTimer.singleShot(0, fill)  # runs inside the dialog's own event loop
    qtbot.keyClick(w.view, K.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.activeModalWidget() is None


def _ragged_network():
    net = Network(name="hand placed")
    for i, (x, y) in enumerate(((0.0, 0.0), (3.0, 120.0))):
        net.inputs[f"x{i + 1}"] = InputNode(f"x{i + 1}", position=(x, y))
    for i, (x, y) in enumerate(((220.0, -40.0), (231.0, 60.0), (214.0, 170.0))):
        net.neurons[f"h{i + 1}"] = Neuron(f"h{i + 1}", "relu", 0.0, position=(x, y))
        for s in net.inputs:
            net.connections[(s, f"h{i + 1}")] = Connection(s, f"h{i + 1}", 0.5 * (i + 1))
    return net


def test_add_layer_connects_the_whole_last_column_with_small_random_weights(qtbot):
    w = open_window(qtbot, _ragged_network())
    _add_layer(qtbot, w, 8, "relu")
    net = w.document.network
    new = [n for n in net.neurons if n not in ("h1", "h2", "h3")]
    assert len(new) == 8
    weights = {(s, t): net.connections[(s, t)].weight for s in ("h1", "h2", "h3") for t in new}
    assert len(weights) == 24  # every node of the slightly ragged column
    values = np.array(list(weights.values()))
    assert len(set(values.tolist())) > 20 and np.all(np.abs(values) <= limit("relu", 3, 8))
    assert abs(limit("relu", 3, 8) - math.sqrt(6 / 3)) < 1e-12  # He for ReLU
    assert not copies(net)
    w.actions["undo"].trigger()
    _add_layer(qtbot, w, 8, "relu")  # the same seed: the same weights again
    assert {k: net.connections[k].weight for k in weights} == weights


def test_the_2_2_1_template_can_learn(qtbot, empty_window):
    w = empty_window
    new_menu = w.findChild(type(w.menu("file")), "newMenu")
    next(a for a in new_menu.actions() if a.objectName() == "new_2-2-1").trigger()
    net = w.document.network
    assert len({c.weight for c in net.connections.values()}) == len(net.connections) and not copies(net)


def test_play_on_exact_copies_says_so_and_offers_randomize(qtbot):
    w = open_window(qtbot, _ragged_network())
    _add_layer(qtbot, w, 3, "sigmoid", weights="zero")
    _add_layer(qtbot, w, 1, "sigmoid", weights="zero")
    key(qtbot, w.view, K.Key_O)  # the new neuron is selected: make it the output
    live = w.live
    key(qtbot, w.view, K.Key_F8)
    message = live.panel.message
    assert not live.training.running
    assert "exact copies" in message.text() and "href='randomize'" in message.text()
    assert "exact copies" in w.statusBar().currentMessage()
    qtbot.mouseClick(live.panel.buttons["train_randomize"], LEFT)
    assert not copies(w.document.network)
    assert "exact copies" not in w.statusBar().currentMessage()  # Randomize did what it asked for
    assert "exact copies" not in message.text()
    key(qtbot, w.view, K.Key_F8)
    assert live.training.running
    key(qtbot, w.view, K.Key_F8)


def test_zero_weights_are_offered_again_only_for_the_network_they_were_chosen_on(qtbot):
    """Add Layer offered "Zero (to type them in)" again in a new network built for training, which
    then refused Play as exact copies. The count and the activation are offered again."""
    w = open_window(qtbot, _ragged_network())
    _add_layer(qtbot, w, 3, "tanh", weights="zero")
    offered = {}

    def look_and_cancel(name):
        dialog = QApplication.activeModalWidget()
        offered[name] = (dialog.count.value(), dialog.activation.currentData(), dialog.weights.currentText())
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel), LEFT)

    for name in ("same network", "new network"):
        if name == "new network":
            key(qtbot, w.view, K.Key_N, Qt.KeyboardModifier.ControlModifier)  # File ▸ New (unsaved: discarded)
            assert not w.document.network.neurons
        activate(qtbot, w)
        w.view.setFocus()
        QTimer.singleShot(0, lambda name=name: look_and_cancel(name))  # runs inside the dialog's event loop
        qtbot.keyClick(w.view, K.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert offered["same network"] == (3, "tanh", "Zero (to type them in)")
    assert offered["new network"] == (3, "tanh", "Small random (Glorot uniform, for tanh)")


# --------------------------------------------------------------------------- errors at the field
def test_rejected_text_in_the_inspector_is_shown_at_the_field(qtbot, xor_window):
    w = xor_window
    gui.inspect(qtbot, w, "h1")
    field = w.inspector.n_bias
    gui.retype(qtbot, field, "abc")
    qtbot.keyClick(field, K.Key_Return)
    assert field.text() == "abc"  # left to fix
    assert "border" in field.styleSheet() and "not a number" in field.toolTip()
    assert w.inspector.n_bias.error.isVisible() and "abc" in field.error.text()
    qtbot.keyClick(field, K.Key_Escape)
    assert field.text() == "-0.5" and field.styleSheet() == ""
    gui.retype(qtbot, field, "1e999")
    w.view.setFocus()  # leaving the field
    assert field.text() == "−0.5" and "too large" in field.error.text() and field.error.isVisible()  # its reading
    assert w.document.network.neurons["h1"].bias == -0.5
    gui.retype(qtbot, field, "-1/4")
    qtbot.keyClick(field, K.Key_Return)
    assert w.document.network.neurons["h1"].bias == -0.25 and not field.error.isVisible()


def test_the_typing_hint_leaves_the_status_bar_with_the_editor(qtbot, xor_window):
    w = xor_window
    for finish in (K.Key_Return, K.Key_Escape):
        gui.double_click(w.view, gui.node_pos(w, "h1"))
        assert w.view.editor.line.isVisible() and "Enter applies" in w.statusBar().currentMessage()
        qtbot.keyClicks(w.view.editor.line, "0.25")
        qtbot.keyClick(w.view.editor.line, finish)
        assert not w.view.editor.line.isVisible()
        assert "Enter applies" not in w.statusBar().currentMessage()
    assert w.document.network.neurons["h1"].bias == 0.25


def test_a_rejected_weight_in_the_table_says_why_under_it(qtbot, xor_window):
    w = xor_window
    gui.inspect(qtbot, w, "y")
    table = w.inspector.n_weights
    cell = table.visualItemRect(table.item(0, 1)).center()
    activate(qtbot, w)
    qtbot.mouseClick(table.viewport(), LEFT, pos=cell)
    qtbot.keyClick(table, K.Key_F2)  # edit the cell
    editor = QApplication.focusWidget()
    assert editor is not table and editor.parent().parent() is table
    editor.selectAll()
    qtbot.keyClicks(editor, "abc")
    qtbot.keyClick(editor, K.Key_Return)
    error = w.inspector.n_weights.error
    qtbot.waitUntil(error.isVisible)  # the table commits its editor a moment later
    assert "not a number" in error.text()
    assert table.item(0, 1).text() == "1"


# --------------------------------------------------------------------------- the pinned probe
def test_a_pinned_probe_is_marked_and_lets_go_on_click_esc_or_menu(qtbot, xor_window):
    w = xor_window
    live = w.live
    region, session = live.region, live.session
    unpin = w.actions["unpin_probe"]
    assert not unpin.isEnabled() and unpin in w.findChild(type(w.menu("file")), "trainMenu").actions()

    def pin():
        plot_click(region, 0.3, 0.7)
        assert session.probe_pinned and region.probe.pin.data.size == 1 and region.pin_note.isVisible()
        assert unpin.isEnabled()

    def unpinned():
        return not session.probe_pinned and region.probe.pin.data.size == 0 and region.pin_note.isHidden()

    pin()
    plot_click(region, 0.3, 0.7)  # a click on the pin
    assert unpinned()
    pin()
    key(qtbot, w.view, K.Key_Escape)
    assert unpinned()
    pin()
    key(qtbot, live.panel.buttons["train_step"], K.Key_Escape)  # Esc anywhere in the window
    assert unpinned()
    pin()
    unpin.trigger()
    assert unpinned()


def test_probe_labels_never_reach_an_export(qtbot, xor_window, tmp_path, monkeypatch):
    w = xor_window
    out = {}

    def export(name, action):
        path = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
        w.actions[action].trigger()
        out[name] = path.read_bytes()

    export("plain.png", "export_png")
    plot_click(w.live.region, 1.0, 0.0)
    assert w.live.probe.texts()  # the labels are on the canvas…
    export("probed.png", "export_png")
    export("probed.svg", "export_svg")
    assert out["probed.png"] == out["plain.png"]  # …but not in the figure
    assert b"g(z)" not in out["probed.svg"]
    assert w.live.probe.texts()  # and back on the canvas after the export


def test_a_pinned_probe_on_a_one_input_network_is_a_solid_line_and_lets_go_on_click(qtbot):
    net = Network(name="one input")
    net.inputs["x"] = InputNode("x", position=(0.0, 0.0))
    net.neurons["y"] = Neuron("y", "relu", 0.5, position=(220.0, 0.0))
    net.connections[("x", "y")] = Connection("x", "y", 1.0)
    net.outputs = ["y"]
    w = open_window(qtbot, net)
    region, session = w.live.region, w.live.session
    x0, x1, y0, y1 = session.rect
    plot_click(region, (x0 + x1) / 2, (y0 + y1) / 2)
    assert session.probe_pinned and region.line.probe.pen.color().name() == w.scene.theme.selection
    assert region.pin_note.isVisible()
    plot_click(region, (x0 + x1) / 2, y0 + 0.9 * (y1 - y0))  # anywhere on the pinned line
    assert not session.probe_pinned
    plot_hover(region, x0 + 0.3 * (x1 - x0), (y0 + y1) / 2)
    assert region.line.probe.isVisible() and region.line.probe.pen.style() == Qt.PenStyle.DashDotLine


def test_another_network_lets_the_probe_go(qtbot, xor_window, tmp_path, monkeypatch):
    w = xor_window
    plot_click(w.live.region, 0.3, 0.7)
    assert w.live.session.probe_pinned
    other = tmp_path / "other.json"
    other.write_bytes((EXAMPLES / "xor-step.json").read_bytes())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    key(qtbot, w.view, K.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert w.document.path == other
    assert w.live.session.probe is None and w.live.region.probe.pin.data.size == 0


def test_add_layer_twice_on_the_spiral_starter_builds_2_8_8_1(qtbot, xor_window):
    w = xor_window
    w.exercise.show()
    panel = w.exercise.panel
    click_exercise(qtbot, panel, "spiral")
    qtbot.mouseClick(panel.start_button, LEFT)
    _add_layer(qtbot, w, 8, "tanh")
    _add_layer(qtbot, w, 8, "tanh")
    net = w.document.network
    first = [t for (s, t) in net.connections if s == "x1"]
    second = [t for (s, t) in net.connections if s == first[0]]
    into_y = [s for (s, t) in net.connections if t == "y"]
    assert len(first) == 8 and len(second) == 8 and sorted(into_y) == sorted(second)
    assert len(net.connections) == 2 * 8 + 8 * 8 + 8 and net.outputs == ["y"]
    xs = sorted({round(n.position[0]) for n in (*net.inputs.values(), *net.neurons.values())})
    assert len(xs) == 4 and net.neurons["y"].position[0] == xs[-1]  # four columns, the output last
    assert not copies(net)
    w.actions["undo"].trigger()  # one undo step per layer
    assert len(net.neurons) == 9
