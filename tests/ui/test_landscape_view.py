"""The loss landscape view: its values against the loss evaluated directly at sample points, the
current point, the path training takes, and choosing parameters from the canvas selection."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from designer.engine import data as dm
from designer.model import Connection, InputNode, Network, Neuron
from tests.ui import gui
from tests.ui.live_gui import choose, open_window
from tests.ui.test_canvas_build import on_line

WEIGHTS = {
    ("x1", "h1"): 1.2,
    ("x2", "h1"): -0.7,
    ("x1", "h2"): 0.4,
    ("x2", "h2"): 0.9,
    ("h1", "y"): 1.5,
    ("h2", "y"): -1.1,
}
BIASES = {"h1": 0.1, "h2": -0.3, "y": 0.2}


def small_net() -> Network:
    net = Network(name="2-2-1")
    for i, node in enumerate(("x1", "x2")):
        net.inputs[node] = InputNode(node, position=(0.0, 160.0 * i))
    for i, node in enumerate(("h1", "h2")):
        net.neurons[node] = Neuron(node, "sigmoid", BIASES[node], position=(260.0, 160.0 * i))
    net.neurons["y"] = Neuron("y", "sigmoid", BIASES["y"], position=(520.0, 80.0))
    for (s, t), w in WEIGHTS.items():
        net.connections[(s, t)] = Connection(s, t, w)
    net.outputs = ["y"]
    return net


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def direct_loss(x: np.ndarray, y: np.ndarray, weights: dict, biases: dict, loss: str) -> float:
    """The 2-2-1 sigmoid network written out by hand, and the loss as docs/format.md defines it."""
    h1 = sigmoid(weights[("x1", "h1")] * x[:, 0] + weights[("x2", "h1")] * x[:, 1] + biases["h1"])
    h2 = sigmoid(weights[("x1", "h2")] * x[:, 0] + weights[("x2", "h2")] * x[:, 1] + biases["h2"])
    p = sigmoid(weights[("h1", "y")] * h1 + weights[("h2", "y")] * h2 + biases["y"])
    t = y[:, 0]
    if loss == "mse":
        return float(np.mean((p - t) ** 2))
    return float(-np.mean(t * np.log(p) + (1 - t) * np.log(1 - p)))


@pytest.fixture
def window(qtbot):
    w = open_window(qtbot, small_net())
    w.live.session.regenerate(dm.DataOptions("xor", 0.0, 1.0, 0))
    w.live.landscape_dock.show()
    qtbot.waitUntil(lambda: w.live.landscape.isVisible())
    w.view.zoom_to_fit()
    return w


def select_two_lines(qtbot, w, first, second) -> None:
    gui.click(w.view, on_line(w, first))
    gui.click(w.view, on_line(w, second), Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.scene.selected_connections == {first, second})


def test_surface_matches_direct_loss_evaluations_at_sample_points(qtbot, window):
    w = window
    view = w.live.landscape
    select_two_lines(qtbot, w, ("x1", "h1"), ("h2", "y"))
    qtbot.mouseClick(view.picker.from_selection, Qt.MouseButton.LeftButton)
    assert [p.id for p in view.parameters] == ["w:x1->h1", "w:h2->y"]
    qtbot.waitUntil(lambda: view.landscape is not None and len(view.landscape.axes) == 2)
    land = view.landscape
    xs, ys = land.axes
    assert land.values.shape == (len(xs), len(ys)) == (61, 61)
    assert xs[0] == pytest.approx(1.2 - 3) and xs[-1] == pytest.approx(1.2 + 3)  # ± max(3, 2|w|)
    assert ys[0] == pytest.approx(-1.1 - 3)
    data = w.live.session.data
    rng = np.random.default_rng(5)
    for i, j in [(0, 0), (60, 60), (30, 30), *rng.integers(0, 61, size=(6, 2)).tolist()]:
        weights = {**WEIGHTS, ("x1", "h1"): xs[i], ("h2", "y"): ys[j]}
        expected = direct_loss(data.x_train, data.y_train, weights, BIASES, "mse")
        assert land.values[i, j] == pytest.approx(expected, rel=2e-5, abs=1e-6), (i, j)
        assert view.value_at(xs[i], ys[j]) == pytest.approx(land.values[i, j])
    assert land.current == pytest.approx((1.2, -1.1))
    assert land.current_loss == pytest.approx(direct_loss(data.x_train, data.y_train, WEIGHTS, BIASES, "mse"), rel=1e-5)
    px, py = view.point.getData()
    assert (px[0], py[0]) == pytest.approx((1.2, -1.1), abs=1e-6)
    assert view.image.isVisible() and len(view.contours.getData()[0]) > 0
    shown = view.colour_values(land.values)  # log colours by default: above the lowest, plus 1 % of the range
    low, high = land.values.min(), land.values.max()
    np.testing.assert_allclose(shown, np.log10(land.values - low + 0.01 * (high - low) + 1e-12), rtol=1e-12)
    assert shown.argmin() == land.values.argmin() and shown.argmax() == land.values.argmax()


def test_curve_of_one_bias_with_cross_entropy_matches_direct_evaluations(qtbot, window):
    w = window
    view = w.live.landscape
    choose(w.live.panel.loss, "cross_entropy")  # the landscape uses the training loss
    choose(view.picker.combos[0], "b:y")
    choose(view.picker.combos[1], "")
    qtbot.waitUntil(lambda: view.landscape is not None and len(view.landscape.axes) == 1)
    land = view.landscape
    xs = land.axes[0]
    data = w.live.session.data
    for i in (0, 17, 120, 240):
        expected = direct_loss(data.x_train, data.y_train, WEIGHTS, {**BIASES, "y": xs[i]}, "cross_entropy")
        assert land.values[i] == pytest.approx(expected, rel=2e-5)
    cx, cy = view.curve.getData()
    np.testing.assert_allclose(cx, xs)
    np.testing.assert_allclose(cy, land.values)


def test_with_l2_the_curve_is_the_loss_training_minimises(qtbot, window):
    """L2 = 0.5 in the panel: the view showed the loss alone, its lowest point at large weights."""
    w = window
    view = w.live.landscape
    choose(view.picker.combos[0], "w:h1->y")
    choose(view.picker.combos[1], "")
    qtbot.waitUntil(lambda: view.landscape is not None and len(view.landscape.axes) == 1)
    plain = view.landscape
    w.live.panel.l2.setValue(0.5)  # as typed into the Training panel
    qtbot.waitUntil(lambda: view.landscape is not None and view.landscape is not plain)
    land = view.landscape
    xs = land.axes[0]
    data = w.live.session.data
    for i in (0, 60, 200):
        weights = {**WEIGHTS, ("h1", "y"): xs[i]}
        expected = direct_loss(data.x_train, data.y_train, weights, BIASES, "mse")
        expected += 0.5 / 2 * sum(v * v for v in weights.values())  # every weight trainable, biases not
        assert land.values[i] == pytest.approx(expected, rel=2e-5)
    assert view.plot.getPlotItem().getAxis("left").labelText == "training loss + penalty"
    assert "loss + penalty" in view.readout.text()  # the loss curves beside it show the data's loss alone
    play = w.live.panel.buttons["train_play"]
    qtbot.mouseClick(play, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.live.training.steps >= 3)
    assert w.live.training.uncommitted  # while it runs the point is the curves' last loss, the penalty added
    compiled = w.live.session.compiled
    weights, biases = compiled.weights(), compiled.biases()
    expected = direct_loss(data.x_train, data.y_train, weights, biases, "mse")
    expected += 0.5 / 2 * sum(v * v for v in weights.values())
    assert view._current() == pytest.approx((weights[("h1", "y")], expected), rel=2e-5)
    qtbot.mouseClick(play, Qt.MouseButton.LeftButton)
    w.live.panel.l2.setValue(0.0)
    qtbot.waitUntil(lambda: view.plot.getPlotItem().getAxis("left").labelText == "training loss")


def test_training_draws_the_path_and_a_click_moves_the_weights_there(qtbot, window):
    w = window
    view = w.live.landscape
    view.set_parameters(["w:h1->y", "w:h2->y"], [(-6.0, 6.0), (-6.0, 6.0)])
    qtbot.waitUntil(lambda: view.landscape is not None)
    assert view.landscape.axes[0][0] == -6.0 and view.landscape.axes[1][-1] == 6.0
    training = w.live.training
    w.live.panel.rate.setCurrentText("3")
    training.stop_epochs = 40
    training.play()
    qtbot.waitUntil(lambda: not training.running, timeout=10_000)
    assert len(view.path) > 5
    theta = w.document.network.connections
    assert view.path[-1] == pytest.approx((theta[("h1", "y")].weight, theta[("h2", "y")].weight), abs=1e-5)
    assert view.path[0] == pytest.approx((1.5, -1.1))  # where the run started
    qtbot.waitUntil(lambda: view.landscape.current == pytest.approx(view.path[-1], abs=1e-5))  # surface recomputed
    path_x, _ = view.path_line.getData()
    assert len(path_x) == len(view.path)

    # a click on the surface puts the two weights there (one undo step) and starts a new path
    vb = view.plot.getPlotItem().getViewBox()
    point = view.plot.mapFromScene(vb.mapViewToScene(QPointF(2.0, -3.0)))
    trained = theta[("h1", "y")].weight
    QTest.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    qtbot.waitUntil(lambda: abs(theta[("h1", "y")].weight - 2.0) < 0.1)
    assert theta[("h2", "y")].weight == pytest.approx(-3.0, abs=0.1)
    assert w.document.undo_stack.undoText().endswith("on the loss landscape")
    qtbot.waitUntil(lambda: len(view.path) == 1 and view.path[0][0] == pytest.approx(theta[("h1", "y")].weight))
    w.document.undo()
    assert theta[("h1", "y")].weight == pytest.approx(trained)


def test_parameters_that_disappear_are_dropped_and_a_bad_network_says_why(qtbot, window):
    w = window
    view = w.live.landscape
    view.set_parameters(["b:h2"])
    qtbot.waitUntil(lambda: view.landscape is not None)
    w.scene.select_nodes(["h2"])
    w.editing.delete_selection()
    qtbot.waitUntil(lambda: all(p.target != "h2" for p in view.parameters))
    assert view.parameters  # another parameter shown instead
    qtbot.waitUntil(lambda: view.landscape is not None)
    w.live.session.clear_points()
    qtbot.waitUntil(lambda: "No training data" in view.message.textItem.toPlainText())
    assert view.landscape is None and not view.image.isVisible()


def test_a_loss_that_is_infinite_everywhere_is_said_in_a_message(qtbot, window):
    """Data of 1e300: every loss on the grid overflows; the colour bar's labels raised on no finite value."""
    w = window
    view = w.live.landscape
    data = w.live.session.data
    w.live.session.set_data(dataclasses.replace(data, x_train=data.x_train * 1e300 + 1e300))
    select_two_lines(qtbot, w, ("x1", "h1"), ("h2", "y"))
    qtbot.mouseClick(view.picker.from_selection, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not a finite number" in view.message.toPlainText())
    assert view.message.isVisible() and not view.image.isVisible()
    # the reason, not a question: float32 holds ±3.4e38, the data 2e300 (numpy warned "overflow
    # encountered in cast" casting them; the whole file passes under -W error::RuntimeWarning)
    first = data.x_train[0, 0] * 1e300 + 1e300
    said = " ".join(view.message.toPlainText().split())
    assert f"training point 1 has x1 = {first:g}, beyond what float32" in said and "(±3.4e+38)" in said
    plot_width = view.plot.getPlotItem().getViewBox().width()
    assert view.message.boundingRect().width() <= plot_width  # in lines as wide as the plot, not cut
