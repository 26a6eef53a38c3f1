"""The features palette: Playground's x₁², x₂², x₁x₂, sin x₁, sin x₂ one click each (the Add Input
button's drop-down, Network ▸ Add Feature, the canvas's menu), Custom feature… for any formula (a
refusal shown in one line under the field), and features with their formula and their own map."""

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from designer.model import SetConnectionField, load
from tests.conftest import EXAMPLES
from tests.ui import gui
from tests.ui.live_gui import choose, map_pixels, mlp, open_window
from tests.ui.menus import choose_from_button_menu, choose_from_menu_bar, click_entry, plain

PRESETS = ["x₁²", "x₂²", "x₁x₂", "sin x₁", "sin x₂"]


def labelled(net):
    for node_id, node in net.inputs.items():
        node.label = "x" + node_id[1:].translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
    return net


@pytest.fixture
def window(qtbot):
    return open_window(qtbot, labelled(mlp([2, 1], output="sigmoid")))


def add_input_button(w):
    return w.toolbar.widgetForAction(w.actions["add_input"])


def test_the_add_input_arrow_offers_playgrounds_features_and_one_click_adds_one(qtbot, window):
    w = window
    net = w.document.network
    menu = add_input_button(w).menu()
    w.features.fill(menu)
    assert [plain(a.text()) for a in menu.actions() if a.text()] == [*PRESETS, "Custom feature…"]
    choose_from_button_menu(qtbot, add_input_button(w), "x₁²")
    (fid,) = net.features
    assert net.features[fid].expression == "x1^2"
    item = w.scene.node_items[fid]
    assert item.is_input and item._source_text() == "x₁²"  # drawn in the input column with its formula
    assert item.pos().x() == pytest.approx(w.scene.node_items["x1"].pos().x())
    assert w.scene.selected_node_ids() == [fid]  # the inspector shows what was added
    qtbot.waitUntil(lambda: w.inspector.f_math.text() == f"{fid} = x₁²")
    w.features.fill(menu)
    assert [plain(a.text()) for a in menu.actions() if a.isChecked()] == ["x₁²"]
    w.actions["undo"].trigger()
    assert not net.features


def test_clicking_a_present_feature_again_removes_it_with_its_connections(qtbot, window):
    w = window
    net = w.document.network
    choose_from_menu_bar(qtbot, w, "Network", "Add Feature", "sin x₂")
    (fid,) = net.features
    assert net.features[fid].expression == "sin(x2)"
    gui.drag(w.view, gui.port_pos(w, fid), gui.node_pos(w, "y"))
    assert (fid, "y") in net.connections
    choose_from_menu_bar(qtbot, w, "Network", "Add Feature", "sin x₂")
    assert not net.features and (fid, "y") not in net.connections
    assert w.document.undo_stack.undoText() == f"remove feature {fid}"


def test_the_canvas_menu_adds_features_too(qtbot, window):
    w = window
    point = gui.to_viewport(w.view, QPointF(300, 600))  # empty canvas
    viewport = w.view.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, event)  # what a right click sends
    menu = w._last_menu
    sub = click_entry(qtbot, menu, "Add feature")
    click_entry(qtbot, sub, "x₁x₂")
    assert [f.expression for f in w.document.network.features.values()] == ["x1*x2"]


def test_a_feature_has_its_own_map_and_probe_value(qtbot, window):
    w = window
    choose(w.live.panel.dataset, "circle")  # the plane from -6 to 6
    choose_from_menu_bar(qtbot, w, "Network", "Add Feature", "x₁²")
    (fid,) = w.document.network.features
    w.session.flush()
    pixels = map_pixels(w.live.maps, fid)  # rows top to bottom = x2 high to low, columns x1 low to high
    assert np.array_equal(pixels, pixels[::-1, :])  # x₁² does not change with x2
    assert np.array_equal(pixels, pixels[:, ::-1])  # and is the same at x1 and -x1
    assert not np.array_equal(pixels[:, 0], pixels[:, pixels.shape[1] // 2])  # but grows away from x1 = 0
    w.session.set_probe(np.array([2.0, -1.0]))
    assert w.live.probe.texts()[fid] == "x₁² = 4"


def type_formula(qtbot, dialog, text):
    line = dialog.formula
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    qtbot.keyClicks(line, text)


def test_custom_feature_shows_its_math_or_why_it_is_refused(qtbot, window):
    w = window
    choose_from_menu_bar(qtbot, w, "Network", "Add Feature", "Custom feature…")
    dialog = w.features.dialog
    qtbot.waitUntil(dialog.isVisible)
    add = dialog.buttons.buttons()[0]
    type_formula(qtbot, dialog, "log(x1)")
    assert dialog.shown.text().startswith("unknown function 'log' (known: sin, cos, exp, abs, tanh)")
    assert not add.isEnabled()
    qtbot.keyClick(dialog.formula, Qt.Key.Key_Return)  # Enter does nothing while the formula is refused
    assert dialog.isVisible() and not w.document.network.features
    type_formula(qtbot, dialog, "x3 * 2")
    assert "unknown name 'x3'" in dialog.shown.text()
    type_formula(qtbot, dialog, "x1^2 + x2^2")
    assert dialog.shown.text() == "= x₁² + x₂²" and add.isEnabled()
    qtbot.keyClick(dialog.formula, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    (feature,) = w.document.network.features.values()
    assert feature.expression == "x1^2 + x2^2"
    assert w.scene.node_items[feature.id]._source_text() == "x₁² + x₂²"
    w.features.custom()  # the same formula again, however spelt: said, and not added twice
    dialog = w.features.dialog
    type_formula(qtbot, dialog, "x1 ^ 2+x2^2")
    assert dialog.shown.text().startswith("the canvas has this feature already: ")
    assert not dialog.buttons.buttons()[0].isEnabled()
    dialog.reject()
    assert len(w.document.network.features) == 1


def test_a_refusal_at_the_moment_of_adding_stays_in_the_dialog(qtbot, window, monkeypatch):
    """The document has the last word (document.refused): the reason replaces the preview, the dialog stays."""
    from designer.model import commands

    w = window
    w.features.custom()
    dialog = w.features.dialog
    type_formula(qtbot, dialog, "x1*x2")

    def refuse(command, network):
        raise commands.CommandError("no room")

    monkeypatch.setattr(commands.AddNode, "do", refuse)
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.shown.text() == "no room"
    dialog.reject()


def test_the_inspector_edits_a_features_formula_and_shows_a_refusal_under_it(qtbot):
    from designer.exercises import load_exercise

    w = open_window(qtbot, load_exercise("circle-one-neuron").solutions[0])
    gui.click(w.view, gui.node_pos(w, "x1sq"))
    inspector = w.inspector
    qtbot.waitUntil(lambda: inspector.stack.currentIndex() == 4)
    assert inspector.f_math.text() == "x1sq = x₁²"
    field = inspector.f_expression
    field.selectAll()
    qtbot.keyClicks(field, "x1.real")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert w.document.network.features["x1sq"].expression == "x1^2"
    assert inspector.f_problem.isVisible()
    assert "attribute" in inspector.f_problem.text() and "\n" not in inspector.f_problem.text()
    field.selectAll()
    qtbot.keyClicks(field, "abs(x1)")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert w.document.network.features["x1sq"].expression == "abs(x1)"
    assert not inspector.f_problem.isVisible() and inspector.f_math.text() == "x1sq = |x₁|"


def test_without_inputs_the_palette_says_what_to_do_first(qtbot):
    from designer.model.templates import empty

    w = open_window(qtbot, empty())
    menu = add_input_button(w).menu()
    w.features.fill(menu)
    texts = {plain(a.text()): a.isEnabled() for a in menu.actions() if a.text()}
    assert texts == {"(add an input first)": False, "Custom feature…": False}


def circle_with_one_neuron(qtbot):
    """With the mouse: the XOR example without its hidden neurons, x₁² and x₂² added from the Add Input
    arrow and connected to y (weight 1, as drawn lines weigh), y made a sigmoid."""
    w = open_window(qtbot, load(EXAMPLES / "xor-step.json"))
    net = w.document.network
    for node in ("h1", "h2"):  # the XOR example's hidden neurons go: y alone is the one neuron
        gui.click(w.view, gui.node_pos(w, node))
        w.actions["delete"].trigger()
    for text in ("x₁²", "x₂²"):
        choose_from_button_menu(qtbot, add_input_button(w), text)
    for fid in net.features:
        gui.drag(w.view, gui.port_pos(w, fid), gui.node_pos(w, "y"))
    gui.click(w.view, gui.node_pos(w, "y"))
    choose_from_menu_bar(qtbot, w, "Network", "Set Activation", "sigmoid")
    return w


def test_the_circle_becomes_one_neuron_with_x1_squared_and_x2_squared(qtbot):
    """Playground's signature demo, built and trained with the mouse: two features, one neuron, the circle."""
    w = circle_with_one_neuron(qtbot)
    net = w.document.network
    assert net.neurons["y"].activation == "sigmoid"
    panel = w.live.panel
    choose(panel.dataset, "circle")
    choose(panel.loss, "cross_entropy")
    choose(panel.optimizer, "adam")
    panel.rate.setCurrentText("0.1")
    for _ in range(60):
        qtbot.mouseClick(panel.buttons["train_epoch"], Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert w.live.training.history.last("test_acc") >= 0.95
    assert len(net.neurons) == 1 and {c.source for c in net.incoming("y")} == set(net.features)


def test_play_says_when_a_neuron_starts_saturated_and_randomize_lets_the_circle_learn(qtbot):
    """The README's circle with the defaults: connections drawn by hand weigh 1, so z = x₁² + x₂² + …
    is far from 0 on the circle data, σ′ ≈ 0 and the squared error barely moves the weights."""
    w = circle_with_one_neuron(qtbot)
    panel, training = w.live.panel, w.live.training
    choose(panel.dataset, "circle")
    qtbot.mouseClick(panel.buttons["train_play"], Qt.MouseButton.LeftButton)
    assert not training.running and "saturated" in panel.message.text() and "Randomize" in panel.message.text()
    qtbot.mouseClick(panel.buttons["train_play"], Qt.MouseButton.LeftButton)  # Play again: trains anyway
    assert training.running
    qtbot.mouseClick(panel.buttons["train_play"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.buttons["train_randomize"], Qt.MouseButton.LeftButton)
    panel.rate.setCurrentText("0.3")
    for _ in range(100):
        qtbot.mouseClick(panel.buttons["train_epoch"], Qt.MouseButton.LeftButton)
    assert training.history.last("test_acc") >= 0.9  # small random weights: the circle is learnt


def test_the_saturation_warning_comes_again_once_the_neuron_was_fine_in_between(qtbot):
    w = circle_with_one_neuron(qtbot)
    panel, training = w.live.panel, w.live.training
    choose(panel.dataset, "circle")
    play = panel.buttons["train_play"]

    def weigh(value: float) -> None:
        for fid in w.document.network.features:
            w.document.push(SetConnectionField((fid, "y"), "weight", value))

    qtbot.mouseClick(play, Qt.MouseButton.LeftButton)
    assert not training.running and "saturated" in panel.message.text()
    weigh(0.05)  # small: z stays near 0, nothing saturated
    qtbot.mouseClick(play, Qt.MouseButton.LeftButton)
    assert training.running
    qtbot.mouseClick(play, Qt.MouseButton.LeftButton)
    weigh(1.0)  # saturated again, as drawn
    qtbot.mouseClick(play, Qt.MouseButton.LeftButton)
    assert not training.running and "saturated" in panel.message.text()


def test_a_feature_infinite_on_the_training_data_is_named_when_play_is_pressed(qtbot, window):
    """1/x1 on the truth table (x1 = 0 on two rows): Play said "y is saturated… Randomize" or
    "diverged… try a smaller learning rate", neither of which was the cause."""
    from designer.model import AddConnection, AddNode, Connection, FeatureNode

    w = window
    w.document.push(AddNode(FeatureNode("f1", "1/x1", position=(0.0, 240.0))))
    w.document.push(AddConnection(Connection("f1", "y", 0.5)))
    w.live.panel.buttons["train_play"].click()
    assert not w.live.training.running
    text = w.live.panel.message.text()
    assert text.startswith("Cannot train: feature 1/x1 is not a finite number at training point ")
    assert "x1=0" in text and "change the feature or leave such points out" in text
    w.actions["undo"].trigger()  # not read by any neuron: trains
    w.live.panel.buttons["train_play"].click()
    assert w.live.training.running
    w.live.training.pause()


def test_a_refusal_does_not_stay_on_screen_once_a_step_trains(qtbot, window):
    """Epoch refused ("Cannot train: feature 1/x1 …"), then the cause removed: Epoch trained, but the
    red refusal stayed in the Run box, as if the demo were still blocked."""
    from designer.model import AddConnection, AddNode, Connection, FeatureNode

    w = window
    w.document.push(AddNode(FeatureNode("f1", "1/x1", position=(0.0, 240.0))))
    w.document.push(AddConnection(Connection("f1", "y", 0.5)))
    epoch = w.live.panel.buttons["train_epoch"]
    qtbot.mouseClick(epoch, Qt.MouseButton.LeftButton)
    assert w.live.panel.message.text().startswith("Cannot train: feature 1/x1")
    w.actions["undo"].trigger()
    qtbot.mouseClick(epoch, Qt.MouseButton.LeftButton)
    assert w.live.training.epoch == 1
    assert w.live.panel.message.text() == ""
