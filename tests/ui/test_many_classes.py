"""Many classes from the GUI: Network ▸ Softmax Outputs and the output neuron's inspector make a
3-output network a softmax classifier (one undo step), the loss follows (and says so), the region
map colours the plane by the most likely class (paler where less sure) and the points by their
class, the Training dock lists the 3-class and regression sets with "classes: k", and points of
any of the k classes can be painted."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from designer.ui.live import colors
from tests.ui import gui
from tests.ui.live_gui import choose, mlp, open_window, plot_click
from tests.ui.menus import choose_from_menu_bar


@pytest.fixture
def window(qtbot):
    w = open_window(qtbot, mlp([2, 8, 3], "tanh", "sigmoid"))
    w.live.build_plots()
    return w


def test_network_menu_makes_a_softmax_classifier_in_one_undo_step_and_the_loss_follows(qtbot, window):
    w = window
    net, panel = w.document.network, w.live.panel
    choose_from_menu_bar(qtbot, w, "Network", "Softmax Outputs")
    assert net.softmax and all(net.neurons[o].activation == "linear" for o in net.outputs)
    assert w.actions["softmax_outputs"].isChecked()
    assert w.live.training.settings.loss == "cross_entropy" and panel.loss.currentText() == "cross-entropy"
    assert panel.message.text() == (
        "Softmax outputs: the loss is now cross-entropy, the loss for class probabilities; it was MSE"
    )
    w.actions["undo"].trigger()  # one step: softmax and the linear outputs go together
    assert not net.softmax and all(net.neurons[o].activation == "sigmoid" for o in net.outputs)
    assert not w.actions["softmax_outputs"].isChecked()
    assert w.live.training.settings.loss == "mse"  # the loss chosen before comes back
    w.actions["redo"].trigger()
    assert net.softmax and w.live.training.settings.loss == "cross_entropy"


def test_the_output_neurons_inspector_toggles_softmax(qtbot, window):
    w = window
    gui.click(w.view, gui.node_pos(w, "y2"))
    check = w.inspector.n_softmax
    qtbot.waitUntil(check.isVisible)
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton)
    assert w.document.network.softmax and check.isChecked()
    gui.click(w.view, gui.node_pos(w, "h1_1"))  # a hidden neuron has no such switch
    qtbot.waitUntil(lambda: not check.isVisible())


def test_one_output_cannot_be_softmax_and_the_menu_says_why(qtbot):
    w = open_window(qtbot, mlp([2, 2, 1]))
    action = w.actions["softmax_outputs"]
    assert not action.isEnabled() and "needs at least two output neurons" in action.statusTip()
    gui.click(w.view, gui.node_pos(w, "h1_1"))
    w.actions["toggle_output"].trigger()  # a second output: now it can be a classifier of two classes
    assert action.isEnabled()
    choose_from_menu_bar(qtbot, w, "Network", "Softmax Outputs")
    assert w.document.network.softmax and action.isChecked()


def test_the_dataset_list_has_the_3_class_and_regression_sets_and_says_what_the_data_is(qtbot, window):
    w = window
    panel = w.live.panel
    texts = [panel.dataset.itemText(i) for i in range(panel.dataset.count())]
    for text in ("gauss-3 (3 classes)", "spiral-3 (3 classes)", "reg-plane (regression)", "reg-gauss (regression)"):
        assert text in texts
    i = panel.dataset.findData("spiral-3")
    assert "three interleaved spiral arms" in panel.dataset.itemData(i, Qt.ItemDataRole.ToolTipRole)
    choose(panel.dataset, "spiral-3")
    assert panel.kind.text().startswith("classes: 3 · 3 outputs, one-hot targets")
    choose_from_menu_bar(qtbot, w, "Network", "Softmax Outputs")
    qtbot.waitUntil(lambda: panel.kind.text() == "classes: 3 · softmax over 3 outputs (one-hot targets)")
    choose(panel.dataset, "reg-plane")  # one target column, three outputs: said, not trained on
    assert panel.kind.text() == "Cannot train on it: the data has 1 target column(s) but the network has 3 outputs"


def test_the_region_map_colours_the_plane_by_the_most_likely_class_and_points_by_theirs(qtbot, window):
    w = window
    choose(w.live.panel.dataset, "gauss-3")
    choose_from_menu_bar(qtbot, w, "Network", "Softmax Outputs")
    w.session.flush()
    region = w.live.region
    out = w.session.out  # (3, cells) softmax probabilities
    assert np.allclose(out.sum(axis=0), 1.0, atol=1e-5)
    lut, steps = colors.winner_rgba(w.scene.theme, 3)
    winner = region.image.image.reshape(-1) // steps
    assert np.array_equal(winner, np.argmax(out, axis=0))  # each cell: its most likely class
    confidence = region.image.image.reshape(-1) % steps
    sure, unsure = np.argmax(out.max(axis=0)), np.argmin(out.max(axis=0))
    assert confidence[sure] > confidence[unsure]  # paler where the network is less sure
    data = w.session.data
    expected = [colors.class_colors(w.scene.theme, 3)[c].name() for c in data.labels(data.y_train)]
    shown = [brush.color().name() for brush in region.points.train.data["brush"]]
    assert shown == expected and len(set(shown)) == 3
    assert "Most likely class" in region.title.text()
    key = region.class_key.text()
    assert key.count("■") == 3 and "y3 (class 2)" in key and "paler where less sure" in key


def test_points_of_three_classes_are_painted(qtbot, window):
    """A softmax classifier paints classes, one-hot (three sigmoid outputs without softmax and without
    one-hot data are separate questions, shown one at a time: they paint each output's 0 or 1)."""
    w = window
    panel, region = w.live.panel, w.live.region
    choose_from_menu_bar(qtbot, w, "Network", "Softmax Outputs")
    w.session.clear_points()
    assert [panel.paint_class.itemText(i) for i in range(panel.paint_class.count())] == [
        "class 0",
        "class 1",
        "class 2",
    ]
    qtbot.mouseClick(panel.paint, Qt.MouseButton.LeftButton)
    panel.paint_class.setCurrentIndex(2)
    x0, x1, y0, y1 = w.session.rect  # the plane shown (the painted points keep it)
    plot_click(region, x0 + 0.8 * (x1 - x0), y0 + 0.8 * (y1 - y0))
    panel.paint_class.setCurrentIndex(0)
    plot_click(region, x0 + 0.2 * (x1 - x0), y0 + 0.2 * (y1 - y0))
    plot_click(region, x0 + 0.7 * (x1 - x0), y0 + 0.3 * (y1 - y0), Qt.MouseButton.RightButton)  # right: class 0
    data = w.session.data
    assert data.y_train.tolist() == [[0, 0, 1], [1, 0, 0], [1, 0, 0]]
    assert data.n_classes == 3 and panel.kind.text().startswith("classes: 3")
    class_2 = colors.class_colors(w.scene.theme, 3)[2].name()
    assert region.points.train.data["brush"][0].color().name() == class_2


def test_a_softmax_outputs_probe_and_activation_view_give_its_probability(qtbot, window):
    """The canvas showed "g(z) = 5.769" for an output whose probability was 0.9995, and the activation
    view said "linear" only: a student read 5.769 as the output."""
    from designer.engine import compile_network

    w = window
    choose_from_menu_bar(qtbot, w, "Network", "Softmax Outputs")
    point = np.array([1.0, -1.0])
    w.live.session.flush()  # the softmax switch recompiled
    w.live.session.set_probe(point, pinned=True)
    texts = w.live.probe.texts()
    shown = [float(texts[o].split("softmax = ")[1].replace("−", "-")) for o in ("y1", "y2", "y3")]
    expected = compile_network(w.document.network).forward(point[None, :])[0]  # float64, softmax applied
    assert np.allclose(shown, expected, atol=1e-4) and abs(sum(shown) - 1) < 1e-3
    assert "softmax" not in texts["h1_1"]  # hidden neurons: z and g(z) only
    w.live.activation_dock.show()
    w.scene.select_nodes(["y2"])
    activation = w.live.activation
    qtbot.waitUntil(lambda: "softmax" in activation.title.text(), timeout=2000)
    assert activation.title.text() == "Neuron y2: linear, then softmax over the outputs"
    assert activation.readout.text().endswith(f"after softmax over the outputs: {round(expected[1], 4):g}")
    w.actions["forward_walk"].trigger()  # the walk's last level says the softmax too
    w.live.forward.step(+1)
    assert "then g(z). " in w.statusBar().currentMessage()  # the hidden level
    w.live.forward.step(+1)
    assert "then g(z), then softmax over the outputs" in w.statusBar().currentMessage()


def test_data_that_do_not_fit_are_not_coloured_as_classes_or_counted(qtbot):
    """A 1-output network on gauss-3: classes 1 and 2 were both drawn orange and "misclassified 199"
    counted against targets cut to one column; the legend's own line says the data do not fit."""
    w = open_window(qtbot, mlp([2, 2, 1], "tanh", "sigmoid"))
    live = w.live
    live.region_dock.show()
    choose(live.panel.dataset, "gauss-3")
    region = live.region
    assert "has 3 classes: the network needs 3 outputs" in region.legend.text()
    assert region.points.misclassified is None and "misclassified" not in region.legend.text()
    muted = QColor(w.scene.theme.muted_text).name()
    assert {b.color().name() for b in region.points.train.data["brush"]} == {muted}


def test_soft_targets_of_a_softmax_network_are_coloured_as_the_class_key_says(qtbot, window, tmp_path):
    """A CSV with one target row not 0/1 made the set regression: class-0 points were drawn blue
    (the key's class 1) by their value, and the message only said "Loaded 22 points"."""
    w = window
    choose_from_menu_bar(qtbot, w, "Network", "Softmax Outputs")
    rows = ["x1,x2,y1,y2,y3"] + [f"{i},{-i},{int(i % 3 == 0)},{int(i % 3 == 1)},{int(i % 3 == 2)}" for i in range(21)]
    rows.append("0.5,0.5,0.8,0.2,0")  # one soft row
    path = tmp_path / "three.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    live = w.live
    live.panel.train_ratio.setValue(100)
    assert live.panel.load_csv(path)
    assert "one row with a target not 0 or 1 (0.8)" in live.panel.message.text()
    data = live.session.data
    class_colors = [c.name() for c in colors.class_colors(w.scene.theme, 3)]
    expected = [class_colors[c] for c in np.argmax(data.y_train, axis=1)]
    assert [b.color().name() for b in live.region.points.train.data["brush"]] == expected


def test_a_layer_marked_as_outputs_at_once_gives_classes_in_canvas_order(qtbot):
    """Add Layer leaves its new neurons selected; O marks them all. Class 0 is the top neuron,
    whatever order Qt keeps the selection in (it scrambled h1, h2, h3 into h3, h1, h2)."""
    from designer.model import InputNode, Network
    from tests.ui.test_building import _add_layer, key

    net = Network(name="three classes")
    for i, y in enumerate((0.0, 120.0)):
        net.inputs[f"x{i + 1}"] = InputNode(f"x{i + 1}", position=(0.0, y))
    w = open_window(qtbot, net)
    w.live.build_plots()
    for count in (3, 3, 4):  # a few layers: the later ones show a scrambled selection order more often
        _add_layer(qtbot, w, count, "linear")
    new = w.scene.selected_node_ids()
    assert len(new) == 4
    key(qtbot, w.view, Qt.Key.Key_O)
    net = w.document.network
    top_down = sorted(new, key=lambda n: net.neurons[n].position[1])
    assert net.outputs == top_down
    choose_from_menu_bar(qtbot, w, "Network", "Softmax Outputs")
    key_text = w.live.region.class_key.text()
    assert [key_text.index(f"{n} (class {c})") for c, n in enumerate(top_down)] == sorted(
        key_text.index(f"{n} (class {c})") for c, n in enumerate(top_down)
    )
    w.actions["undo"].trigger()
    w.actions["undo"].trigger()  # marking them was one step
    assert net.outputs == []
