"""Gradient flow on the canvas: colours, tints, zero-gradient marks and the backward pass step-through."""

import numpy as np
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from designer.engine import compile_network, gradients
from designer.model import SetNodeField
from designer.ui.live.probe import fmt
from tests.ui import gui
from tests.ui.live_gui import choose, mlp, open_window, plot_click, probe_output


def test_step_only_network_shows_the_zero_gradient_mark_with_its_reason(qtbot, xor_window):
    w = xor_window
    flow = w.live.gradients
    w.actions["gradient_flow"].trigger()
    assert flow.enabled and flow.result is not None
    assert set(flow.result.zero) == {"h1", "h2", "y"}
    assert all("derivative g'(z) is 0 everywhere" in why for why in flow.result.zero.values())
    assert not np.any(w.scene.connections.display_values)  # every ∂L/∂w is 0: thin grey lines
    rect = flow.overlay.mark_rect("h1")
    assert flow.mark_at(rect.center()) == "h1"
    # hovering the mark shows why, as a tooltip on the canvas
    point = w.view.mapFromScene(rect.center())
    event = QHelpEvent(QEvent.Type.ToolTip, point, w.view.viewport().mapToGlobal(point))
    QApplication.sendEvent(w.view.viewport(), event)
    assert "cannot train" in QToolTip.text()
    assert "∂L/∂z = 0" in w.scene.tooltip_for("y")
    assert "Gradient flow" in flow.legend.text() and flow.legend.isVisible()
    w.actions["gradient_flow"].trigger()
    assert w.scene.connections.display_values is None and not flow.legend.isVisible()


def test_gradient_flow_with_every_gradient_0_says_so_instead_of_a_scale(qtbot, xor_window):
    """XOR from step units: every ∂L/∂w is exactly 0, and the colour key read −1·10⁻¹² … +1·10⁻¹² (the
    scale's floor), as if there were gradients a trillionth in size."""
    w = xor_window
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_G)
    legend = w.live.gradients.legend
    assert legend.isVisible() and not legend.limit  # no colour scale is drawn
    assert "every one is exactly 0: nothing for gradient descent to follow" in legend.shown_lines
    qtbot.keyClick(w.view, Qt.Key.Key_G)
    w.document.push(SetNodeField("y", "activation", "sigmoid"))  # one unit with a slope: a scale again
    qtbot.keyClick(w.view, Qt.Key.Key_G)
    qtbot.waitUntil(lambda: bool(legend.limit))
    assert not any("exactly 0" in line for line in legend.shown_lines)


def test_a_relu_inactive_on_every_sample_is_marked_dead(qtbot):
    w = open_window(qtbot, mlp([2, 2, 1], "relu", "sigmoid"))
    w.document.push(SetNodeField("h1_1", "bias", -100.0))
    w.actions["gradient_flow"].trigger()
    flow = w.live.gradients
    qtbot.waitUntil(lambda: "h1_1" in flow.result.zero, timeout=2000)
    assert "ReLU inactive on every sample" in flow.result.zero["h1_1"]
    assert "h1_2" not in flow.result.zero


def test_gradient_colours_are_the_engine_gradients_and_animate_during_training(qtbot):
    w = open_window(qtbot, mlp([2, 3, 1], "tanh", "sigmoid"))
    live = w.live
    choose(live.panel.dataset, "circle")
    w.actions["gradient_flow"].trigger()
    data = live.session.data
    exact = gradients(compile_network(w.document.network), data.x_train, data.y_train, "mse")
    shown = w.scene.connections.display_values
    keys = w.scene.connections.keys
    assert np.allclose(shown, [exact.connections[k] for k in keys], rtol=1e-3, atol=1e-6)
    assert w.scene.connections.display_limit >= np.max(np.abs(shown))
    assert np.isclose(live.gradients.result.bias["y"], exact.biases["y"], rtol=1e-3)
    before = shown.copy()
    live.panel.buttons["train_play"].click()  # h1_1 and h1_3 are exact copies: Play says so first…
    assert "h1_1 and h1_3 are exact copies" in live.panel.message.text() and not live.training.running
    live.panel.buttons["train_play"].click()  # …and trains when pressed again
    qtbot.waitUntil(lambda: live.training.steps >= 30, timeout=10_000)
    live.panel.buttons["train_play"].click()
    assert not np.allclose(w.scene.connections.display_values, before)


def test_backward_pass_steps_from_the_output_to_the_inputs_with_chain_rule_factors(qtbot):
    w = open_window(qtbot, mlp([2, 2, 1], "sigmoid", "sigmoid", weight=0.7))
    live = w.live
    plot_click(live.region, 1.0, 0.0)  # the truth-table point (1, 0), target 1
    w.actions["backward_pass"].trigger()
    walk = live.backward
    assert walk.active and walk.level == 2
    exact = gradients(compile_network(w.document.network), np.array([[1.0, 0.0]]), np.array([[1.0]]), "mse")
    f = walk.factors[("h1_1", "y")]
    assert np.isclose(f.upstream * f.slope * f.source, f.product)
    assert np.isclose(f.product, exact.connections[("h1_1", "y")])
    assert set(walk.factors) == {("h1_1", "y"), ("h1_2", "y")}
    assert walk.label(("h1_1", "y")).endswith(f"= {walk.label(('h1_1', 'y')).split('= ')[-1]}")
    assert "∂L/∂a · g'(z) · a(source) = ∂L/∂w" in live.gradients.legend.text()
    layer = w.scene.connections
    assert layer.display_values[layer.position_of[("x1", "h1_1")]] == 0  # not computed yet
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Left)  # one level towards the inputs
    assert walk.level == 1
    assert set(walk.factors) == {("x1", "h1_1"), ("x2", "h1_1"), ("x1", "h1_2"), ("x2", "h1_2")}
    g = walk.factors[("x1", "h1_1")]
    assert np.isclose(g.product, exact.connections[("x1", "h1_1")])
    # the upstream ∂L/∂a of h1_1 reuses the level above: w · ∂L/∂z of y
    w_h1 = w.document.network.connections[("h1_1", "y")].weight
    assert np.isclose(g.upstream, w_h1 * f.delta)
    assert np.isclose(layer.display_values[layer.position_of[("x1", "h1_1")]], g.product)
    assert walk.node_text("h1_1") == [f"∂L/∂z = {walk.node_text('h1_1')[0].split('= ')[-1]}"]
    assert "h1_1: ∂L/∂z = ∂L/∂a · g'(z) = " in live.gradients.legend.text()
    w.actions["backward_pass"].trigger()
    assert not walk.active and layer.display_values is None


def test_backward_pass_with_cross_entropy_fuses_the_output_factors(qtbot):
    w = open_window(qtbot, mlp([2, 2, 1], "relu", "sigmoid"))
    live = w.live
    choose(live.panel.loss, "cross_entropy")
    w.actions["backward_pass"].trigger()
    walk = live.backward
    f = walk.factors[("h1_1", "y")]
    assert f.upstream is None  # ∂L/∂z = p − y directly
    p = probe_output(live.session)[0]
    assert np.isclose(f.delta, p - live.session.probe_target[0], atol=1e-6)
    assert "y: ∂L/∂z = p − y = " in live.gradients.legend.text()


def test_the_legend_ends_on_the_loss_of_the_weights_shown_after_quick_steps(qtbot):
    """The legend shows a new loss at most a few times a second; the last one of a burst is shown
    late, never dropped (a lesson's training run ended on a legend 100 epochs old)."""
    w = open_window(qtbot, mlp([2, 3, 1], "tanh", "sigmoid"))
    live = w.live
    choose(live.panel.dataset, "gauss")
    w.actions["gradient_flow"].trigger()
    flow = live.gradients
    first = flow.legend.text()
    for _ in range(5):  # faster than the legend's interval
        live.panel.buttons["train_step"].click()
    last = f"L = {flow.result.loss:.4g} "
    assert last not in first
    qtbot.waitUntil(lambda: last in flow.legend.text(), timeout=5000)


def _walking_back(qtbot, net, loss: str):
    """A window on ``net`` with spiral-3 and ``loss``, its Backward Pass Step-Through started."""
    w = open_window(qtbot, net)
    choose(w.live.panel.dataset, "spiral-3")
    choose(w.live.panel.loss, loss)
    w.actions["backward_pass"].trigger()
    assert w.live.backward.active
    return w


def test_backward_pass_with_several_sigmoid_outputs_writes_the_mean_it_takes(qtbot):
    """Cross-entropy is a mean over the outputs: with three sigmoid outputs ∂L/∂z is (p − y)/3, and the
    legend's equation says so (it read "p − y = −0.2" where p − y is −0.6)."""
    w = _walking_back(qtbot, mlp([2, 2, 3], "tanh", "sigmoid"), "cross_entropy")
    live, walk = w.live, w.live.backward
    p, y = probe_output(live.session), live.session.probe_target
    for k, output in enumerate(["y1", "y2", "y3"]):
        f = walk.factors[("h1_1", output)]
        assert f.upstream is None and np.isclose(f.delta, (p[k] - y[k]) / 3, atol=1e-6)
        assert f"{output}: ∂L/∂z = (p − y)/3 = " in live.gradients.legend.text()
    assert "∂L/∂z = (p − y)/3 directly" in live.gradients.legend.text()


def test_backward_pass_with_softmax_and_a_squared_error_shows_the_chain_it_takes(qtbot):
    """Softmax with mse is not fused in the engine: the walk shows ∂L/∂a (through the softmax) · g'(z),
    not "p − y", and not "outputs with cross-entropy"."""
    net = mlp([2, 2, 3], "tanh", "linear")
    net.softmax = True
    w = _walking_back(qtbot, net, "mse")
    live, walk = w.live, w.live.backward
    x, y = live.session.probe, live.session.probe_target
    exact = gradients(compile_network(w.document.network), x[None, :], y[None, :], "mse")
    for output in ("y1", "y2", "y3"):
        f = walk.factors[("h1_1", output)]
        assert f.upstream is not None and np.isclose(f.upstream * f.slope, f.delta)
        assert np.isclose(f.delta, exact.grad_z[output][0], rtol=1e-4, atol=1e-7)
    text = live.gradients.legend.text()
    assert "p − y" not in text and "cross-entropy" not in text
    assert "y1: ∂L/∂z = ∂L/∂a · g'(z) = " in text


def test_a_chain_built_from_an_empty_canvas_shows_every_levels_factors_on_its_line(qtbot, empty_window):
    """The lecture's chain x → h → y, built with Add Input and two Add Layer… of one sigmoid, fitted to
    the window: the backward pass wrote ∂L/∂z at each ringed neuron but left out the factors
    ∂L/∂a · g'(z) · a = ∂L/∂w on both lines (one line of text is wider than the gap between two
    columns, and the output's ∂L/∂z took the line into it)."""
    from tests.ui.test_building import _add_layer, key

    w = empty_window
    w.resize(1920, 1080)
    key(qtbot, w.view, Qt.Key.Key_I)
    gui.click(w.view, (0, 0))
    key(qtbot, w.view, Qt.Key.Key_Escape)
    _add_layer(qtbot, w, 1, "sigmoid")
    _add_layer(qtbot, w, 1, "sigmoid")
    gui.click(w.view, gui.node_pos(w, "h2"))
    key(qtbot, w.view, Qt.Key.Key_O)  # the last neuron is the output
    assert w.document.network.outputs == ["h2"]
    key(qtbot, w.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # fit to the window
    key(qtbot, w.view, Qt.Key.Key_B)
    walk = w.live.backward
    assert walk.active and walk.level == 2
    for level, line in ((2, ("h1", "h2")), (1, ("x1", "h1"))):
        assert walk.level == level
        w.view.viewport().repaint()
        boxes = {(p.request.kind, p.request.key): p for p in w.scene.labels.last.placed}
        factors = walk.factors[line]
        shown = " ".join(boxes[("factor", line)].lines)  # left out before: no such box
        assert shown == walk.label(line) and shown.endswith(f"= {fmt(factors.product)}")
        assert ("delta", line[1]) in boxes
        key(qtbot, w.view, Qt.Key.Key_Left)  # one level towards the inputs


def _shown_number(text: str) -> float:
    """A number as the canvas writes it: −4.7·10⁻⁶, 0.0094, −0.0005."""
    mantissa, _, power = text.replace("−", "-").partition("·10")
    return float(mantissa) * 10.0 ** int(power.translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")) or 0)


def test_backward_pass_never_writes_a_small_gradient_as_0(qtbot):
    """The shipped 2-3-3-1 tanh network at (0, 0): its hidden neurons' ∂L/∂z are a few millionths.
    Rounded to four decimals they read "∂L/∂z = 0" and "… = 0" on every line, like a step unit's,
    whose gradient is exactly 0. (Its factors on the lines into y all fit, in three lines if need be.)"""
    from designer.model import load
    from tests.conftest import EXAMPLES

    w = open_window(qtbot, load(EXAMPLES / "mlp-2-3-3-1.json"))
    plot_click(w.live.region, 0.0, 0.0)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B)
    walk = w.live.backward
    w.view.viewport().repaint()  # level 3: every line into y has its factors (b1 → y's with a sign
    placed = {p.request.key for p in w.scene.labels.last.placed if p.request.kind == "factor"}
    assert placed == set(walk.factors)  # was too wide in two lines: it takes three)
    qtbot.keyClick(w.view, Qt.Key.Key_Left)
    assert walk.level == 2
    for node in ("b1", "b2", "b3"):
        delta = walk.deltas[node][2]
        assert 0 < abs(delta) < 1e-4
        (text,) = walk.node_text(node)
        assert _shown_number(text.split("= ")[-1]) == pytest.approx(delta, rel=0.05)  # was "∂L/∂z = 0"
        assert f"{node}: ∂L/∂z = ∂L/∂a · g'(z) = " in w.live.gradients.legend.text()
    w.view.viewport().repaint()
    for placed in w.scene.labels.last.placed:
        if placed.request.kind == "factor":
            product = walk.factors[placed.request.key].product
            assert _shown_number(" ".join(placed.lines).split("= ")[-1]) == pytest.approx(product, rel=0.05)


def test_the_cross_entropy_tooltip_says_the_mean_the_loss_shown_takes(qtbot):
    """Two sigmoid outputs: the loss shown is the mean over the samples and the outputs (as the file
    format says); the loss menu's tooltip said "averaged over the samples", twice the number shown."""
    w = open_window(qtbot, mlp([2, 2, 2], "sigmoid", "sigmoid", weight=0.7))
    panel = w.live.panel
    choose(panel.dataset, "gauss")
    choose(panel.loss, "cross_entropy")
    tip = panel.loss.itemData(panel.loss.findData("cross_entropy"), Qt.ItemDataRole.ToolTipRole)
    assert "for each sigmoid output, averaged over the samples and the outputs" in tip
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_G)
    data = w.live.session.data
    if data.problem or not data.n_train:
        pytest.skip(f"no training data for two outputs: {data.problem}")
    p = compile_network(w.document.network).forward(data.x_train)
    y = data.y_train
    each = -(y * np.log(p) + (1 - y) * np.log(1 - p))
    shown = float(w.live.gradients.legend.text().split("L = ")[1].split()[0])
    assert shown == pytest.approx(each.mean(), rel=1e-3)


@pytest.mark.parametrize(
    ("key", "said"), [(Qt.Key.Key_B, "← next level towards the inputs"), (Qt.Key.Key_F, "→ next level")]
)
def test_a_walk_ended_with_its_key_takes_its_keys_out_of_the_status_bar(qtbot, key, said):
    """B (or F) again ended the walk, but the status bar kept saying "Level 2 of 2 (y). ← next level
    towards the inputs, → back" for 12 s: the arrow keys it named did nothing any more."""
    w = open_window(qtbot, mlp([2, 2, 1], "sigmoid", "sigmoid", weight=0.7))
    w.activateWindow()
    plot_click(w.live.region, 1.0, 0.0)  # the truth-table point (1, 0), target 1
    w.view.setFocus()
    bar = w.statusBar()
    qtbot.keyClick(w.view, key)  # the walk starts at one end
    qtbot.keyClick(w.view, Qt.Key.Key_Left if key == Qt.Key.Key_B else Qt.Key.Key_Right)
    assert said in bar.currentMessage()
    qtbot.keyClick(w.view, key)  # and ends
    assert not (w.live.backward.active or w.live.forward.active)
    assert said not in bar.currentMessage()
    qtbot.keyClick(w.view, key)  # walked again…
    w.report("Saved xor.json")  # …another message after the walk's stays when it ends
    qtbot.keyClick(w.view, key)
    assert bar.currentMessage() == "Saved xor.json"
