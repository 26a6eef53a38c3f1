"""The numbers the live views write (probe boxes, the backward walk, the Activation view) read as the
truth table reads outputs: never an integer they are not (a sigmoid never reaches 1)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from designer.formatting import format_number, format_reading
from designer.model import Connection, InputNode, Network, Neuron, SetConnectionField
from designer.ui.live.probe import fmt
from tests.ui import gui
from tests.ui.live_gui import choose, open_window, plot_click


def saturating_chain() -> Network:
    """x1, x2 → h → y, sigmoids with weight 10: at (1, 0) h = σ(10) = 0.999955 and y = σ(9.99955) = 0.999955."""
    net = Network(name="saturating")
    net.inputs["x1"] = InputNode("x1", position=(0.0, 0.0))
    net.inputs["x2"] = InputNode("x2", position=(0.0, 160.0))
    net.neurons["h"] = Neuron("h", "sigmoid", 0.0, position=(240.0, 0.0))
    net.neurons["y"] = Neuron("y", "sigmoid", 0.0, position=(480.0, 0.0))
    net.connections[("x1", "h")] = Connection("x1", "h", 10.0)
    net.connections[("h", "y")] = Connection("h", "y", 10.0)
    net.outputs = ["y"]
    return net


def painted_probe_lines(w) -> dict[str, list[str]]:
    """The probe's boxes as the canvas draws them (node → its lines)."""
    w.view.viewport().repaint()
    return {p.request.key: p.lines for p in w.scene.labels.last.placed if p.request.kind == "probe"}


def test_a_sigmoid_at_0_99995_never_reads_1_in_the_probe_the_walk_or_the_activation_view(qtbot):
    """Probing (1, 0): h = σ(10) = 0.9999546 and y = 0.9999546. Rounded to four decimals the boxes read
    "g(z) = 1" (a student concludes the sigmoid reached 1), the backward walk wrote "· 1" for h's a, and
    the Activation view "g(z) = 1", while the truth table of an exercise writes such an output 0.999955."""
    w = open_window(qtbot, saturating_chain())
    w.live.build_plots()
    choose(w.live.panel.dataset, "and")
    plot_click(w.live.region, 1.0, 0.0)  # pins the probe on the data point (1, 0)
    live = w.live
    assert live.session.probe_pinned and list(live.session.probe) == [1.0, 0.0]
    texts = live.probe.texts()
    assert texts["h"] == "z = 10\ng(z) = 0.999955" and texts["y"] == "z = 9.99955\ng(z) = 0.999955"
    assert painted_probe_lines(w)["y"][-1] == "g(z) = 0.999955"
    # the Activation view of the selected output says the same
    live.activation_dock.show()
    activation = live.activation
    qtbot.waitUntil(activation.isVisible)
    gui.click(w.view, gui.node_pos(w, "y"))  # select the neuron like a user
    qtbot.waitUntil(lambda: activation.neuron == "y")
    readout = activation.readout.text()
    assert "z = 9.99955, g(z) = 0.999955, g′(z) = 4.5·10⁻⁵" in readout, readout  # as B writes g'(z)
    assert activation.g_text.textItem.toPlainText().strip() == "z = 9.99955, g(z) = 0.999955"
    # the backward walk: h's a is a factor on the line into y
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B)
    walk = live.backward
    assert walk.active and walk.level == 2
    assert walk.label_lines(("h", "y"))[1].startswith("· 0.999955 = ")
    assert " · 4.5·10⁻⁵ = " in walk.chain_text("y")  # y's g'(z), as the Activation view wrote it
    qtbot.keyClick(w.view, Qt.Key.Key_B)  # the walk ends; h's weight 20: σ(20) is exactly 1.0 in float32
    w.document.push(SetConnectionField(("x1", "h"), "weight", 20.0))
    qtbot.waitUntil(lambda: live.probe.texts().get("h", "").startswith("z = 20"))
    assert live.probe.texts()["h"] == "z = 20\ng(z) ≈ 1"  # not "g(z) = 1", nor "g(z) = ≈1"


def test_a_sigmoid_rounded_up_to_1_by_float32_reads_approximately_1():
    """float32 rounds σ(17.5) up to exactly 1.0: the probe reads it "≈1" (a step unit's exact 1 stays
    "1"), and noise of float32 arithmetic next to an integer (0.1·10 = 1.0000000149) reads "≈1"."""
    assert fmt(1.0, "sigmoid") == "≈1" and fmt(-1.0, "tanh") == "≈−1" and fmt(0.0, "sigmoid") == "≈0"
    assert fmt(1.0, "step") == "1" and fmt(0.0, "tanh") == "0" and fmt(0.5, "sigmoid") == "0.5"
    assert fmt(1.0000000149) == "≈1" and format_reading(1.0000000149) == "1.000000015"
    assert fmt(0.9933071) == "0.9933" and fmt(-9.8661) == "−9.8661" and fmt(0.99995) == "0.99995"
    # float32 holds about 7 decimals near 1: σ(15) computed in float32 (0.99999964, float64 0.99999969)
    # and σ(−15) alike read ≈; σ(13) = 0.9999977 keeps its digits
    assert fmt(0.99999964, "sigmoid") == "≈1" and fmt(3.06e-7, "sigmoid") == "≈0"
    assert fmt(0.99999774, "sigmoid") == "0.9999977" and fmt(100.00000763) == "≈100"


def test_one_painted_number_to_predict_is_its_target_not_a_range_around_it(qtbot):
    """One point painted at height 0.7 over a 1-input network read "regression · targets from 0.2 to 1.2"
    (the colour scale's padding around a single value)."""
    net = Network(name="line")
    net.inputs["x"] = InputNode("x")
    net.neurons["y"] = Neuron("y", "linear", 0.0, position=(220.0, 0.0))
    net.connections[("x", "y")] = Connection("x", "y", 1.0)
    net.outputs = ["y"]
    w = open_window(qtbot, net)
    w.live.build_plots()
    panel = w.live.panel
    w.live.session.clear_points()
    qtbot.mouseClick(panel.paint, Qt.MouseButton.LeftButton)
    plot_click(w.live.region, 0.5, 0.7)
    (target,) = w.live.session.data.y_train[:, 0]
    assert target == pytest.approx(0.7, abs=0.05)
    assert panel.kind.text() == f"regression · target {format_number(float(f'{target:.3g}'))}"


def test_the_pin_note_reads_the_probed_point_as_the_canvas_does(qtbot):
    """A data point at x₁ = 0.9996 pinned: the note under the map said "Probe pinned at (1, 0.5)" while
    the input's box on the canvas and the walks read x₁ = 0.9996."""
    import numpy as np

    from designer.engine import data as dm

    w = open_window(qtbot, saturating_chain())
    w.live.build_plots()
    x = np.array([[0.9996, 0.5], [-1.0, -1.0]])
    y = np.array([[1.0], [0.0]])
    w.live.session.set_data(dm.Data("two points", x, y, x[:0], y[:0], rect=(-1.5, 1.5, -1.5, 1.5)))
    plot_click(w.live.region, 0.9996, 0.5)
    assert w.live.session.probe_pinned and w.live.probe.texts()["x1"] == "x1 = 0.9996"
    assert w.live.region.probe.pin_note.text().startswith("Probe pinned at (0.9996, 0.5): ")
