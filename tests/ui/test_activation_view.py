"""The activation view: g(z) and g'(z) of the selected neuron, its z at the probe point marked on both.

The curves are checked against the lecture's formulas written out here (and g' against finite
differences of them away from the kinks), the marks against z = w·x + b computed by hand at the
point the test clicks on the decision-region map.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
import pytest

from designer.model import Connection, InputNode, Network, Neuron
from tests.ui import gui
from tests.ui.live_gui import open_window, plot_click

W1, W2, B = 0.8, -0.5, 0.3


def reference_g(name: str, z: np.ndarray) -> np.ndarray:
    return {
        "linear": lambda: z,
        "sigmoid": lambda: 1.0 / (1.0 + np.exp(-z)),
        "step": lambda: (z >= 0).astype(float),
        "relu": lambda: np.maximum(z, 0.0),
        "tanh": lambda: np.tanh(z),
    }[name]()


def reference_slope(name: str, z: np.ndarray) -> np.ndarray:
    """The lecture's table: step' = 0, relu'(z) = 1 for z >= 0 (so relu'(0) = 1)."""
    g = reference_g(name, z)
    return {
        "linear": lambda: np.ones_like(z),
        "sigmoid": lambda: g * (1 - g),
        "step": lambda: np.zeros_like(z),
        "relu": lambda: (z >= 0).astype(float),
        "tanh": lambda: 1 - g**2,
    }[name]()


def one_neuron(activation: str) -> Network:
    net = Network(name="one neuron")
    net.inputs["x1"] = InputNode("x1", position=(0.0, 0.0))
    net.inputs["x2"] = InputNode("x2", position=(0.0, 140.0))
    net.neurons["y"] = Neuron("y", activation, B, position=(260.0, 70.0))
    net.connections[("x1", "y")] = Connection("x1", "y", W1)
    net.connections[("x2", "y")] = Connection("x2", "y", W2)
    net.outputs = ["y"]
    return net


def open_activation(qtbot, activation: str):
    w = open_window(qtbot, one_neuron(activation))
    w.live.activation_dock.show()
    view = w.live.activation
    qtbot.waitUntil(view.isVisible)
    w.view.zoom_to_fit()
    gui.click(w.view, gui.node_pos(w, "y"))  # select the neuron like a user
    qtbot.waitUntil(lambda: view.neuron == "y")
    return w, view


@pytest.mark.parametrize("activation", ["linear", "sigmoid", "step", "relu", "tanh"])
def test_curves_are_g_and_its_slope_and_the_probe_z_is_marked_on_both(qtbot, activation):
    w, view = open_activation(qtbot, activation)
    z, g, d = view.samples()
    assert len(z) > 100 and z.min() <= -6 and z.max() >= 6 and np.any(z == 0.0)
    np.testing.assert_allclose(g, reference_g(activation, z), atol=1e-12)
    np.testing.assert_allclose(d, reference_slope(activation, z), atol=1e-12)
    smooth = np.abs(z) > 0.05  # finite differences of g itself, away from the kinks of step and relu
    h = 1e-5
    numeric = (reference_g(activation, z + h) - reference_g(activation, z - h)) / (2 * h)
    np.testing.assert_allclose(d[smooth], numeric[smooth], atol=1e-6)
    assert view.mark() is None  # no probe yet: nothing marked
    assert not view.g_mark.isVisible()

    x1, x2 = 1.5, 1.0
    plot_click(w.live.region, x1, x2)  # pin the probe on the decision-region map
    qtbot.waitUntil(lambda: view.mark() is not None)
    probe = w.live.session.probe
    expected_z = W1 * probe[0] + W2 * probe[1] + B
    assert probe == pytest.approx([x1, x2], abs=0.1)
    mz, mg, md = view.mark()
    assert mz == pytest.approx(expected_z, abs=1e-5)
    assert mg == pytest.approx(reference_g(activation, np.array([expected_z]))[0], abs=1e-5)
    assert md == pytest.approx(reference_slope(activation, np.array([expected_z]))[0], abs=1e-5)
    gx, gy = view.g_mark.getData()
    dx, dy = view.d_mark.getData()
    assert (gx[0], gy[0]) == pytest.approx((mz, mg)) and (dx[0], dy[0]) == pytest.approx((mz, md))
    assert view.g_line.value() == pytest.approx(mz) and view.g_mark.isVisible() and view.d_mark.isVisible()
    assert f"{activation}" in view.title.text()


def test_relu_slope_at_zero_is_one_and_the_mark_follows_an_edit(qtbot):
    w, view = open_activation(qtbot, "relu")
    x2 = 1.0
    x1 = (-B - W2 * x2) / W1  # z = 0 exactly here
    w.live.session.set_probe(np.array([x1, x2]), pinned=True)
    qtbot.waitUntil(lambda: view.mark() is not None)
    z, g, d = view.mark()
    assert abs(z) < 1e-6 and d == 1.0  # relu'(0) = 1, the lecture's convention
    w.view.zoom_to_fit()
    gui.double_click(w.view, gui.node_pos(w, "y"))  # edit the bias: z moves by the change
    gui.type_into_editor(qtbot, w, "-1.7")
    qtbot.waitUntil(lambda: view.mark() is not None and math.isclose(view.mark()[0], -2.0, abs_tol=1e-5))
    assert view.mark()[2] == 0.0 and view.d_mark.getData()[1][0] == 0.0  # off: relu' = 0


def test_selecting_another_neuron_switches_the_curves(qtbot):
    w, view = open_activation(qtbot, "sigmoid")
    w.editing.set_activation("tanh")  # like the Network ▸ Set Activation menu on the selection
    qtbot.waitUntil(lambda: "tanh" in view.title.text())
    z, g, _ = view.samples()
    np.testing.assert_allclose(g, np.tanh(z), atol=1e-12)
    gui.click(w.view, (-400.0, -400.0))  # clicking empty canvas keeps the last neuron shown
    qtbot.wait(20)
    assert view.neuron == "y"


@pytest.mark.parametrize("activation", ["step", "sigmoid", "tanh"])
def test_the_marks_label_stays_inside_the_plot_at_gs_top(qtbot, activation):
    """A step at z ≥ 0 (g = 1, the top of its plot): the "z = …, g(z) = 1" label was cut off above."""
    w, view = open_activation(qtbot, activation)
    x2 = 1.0
    x1 = (3.0 - B - W2 * x2) / W1  # z = 3: g near or at its largest
    w.live.session.set_probe(np.array([x1, x2]), pinned=True)
    qtbot.waitUntil(lambda: view.mark() is not None and view.g_text.isVisible())
    for text, plot in ((view.g_text, view.g_plot), (view.d_text, view.d_plot)):
        plot.grab()  # drawn: the label's place follows the view's transform when painted
        area = plot.getPlotItem().getViewBox().sceneBoundingRect()
        shown = text.textItem.mapRectToScene(text.textItem.boundingRect())
        assert area.top() - 1 <= shown.top() and shown.bottom() <= area.bottom() + 1, (shown, area)


def covered_samples(view, text, plot, ys, y: float) -> int:
    """The curve's samples under the label as drawn, a few pixels around the mark (z, y) left out."""
    plot.grab()  # drawn: the label's place follows the view's transform when painted
    box = plot.getPlotItem().getViewBox()
    shown = text.textItem.mapRectToScene(text.textItem.boundingRect())
    mark = box.mapViewToScene(pg.Point(view.mark()[0], y))
    count = 0
    for z, y in zip(view.samples()[0], ys, strict=True):
        at = box.mapViewToScene(pg.Point(float(z), float(y)))
        if shown.contains(at) and math.dist(at.toTuple(), mark.toTuple()) > 12:
            count += 1
    return count


@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
@pytest.mark.parametrize("z", [-2.2, 2.2])
def test_the_marks_label_is_not_drawn_across_the_curve(qtbot, activation, z):
    """At z ≈ 2 the sigmoid's "z = 2.147, g(z) = 0.8954" went below and left of its mark, where the rising
    curve runs: the line crossed the text (presenting at 1280×720 most of all)."""
    w, view = open_activation(qtbot, activation)
    dock = w.live.activation_dock
    dock.setFloating(True)  # as large as on a projector: each label has a clear corner
    dock.resize(900, 800)
    qtbot.waitUntil(lambda: view.g_plot.height() > 250)
    x2 = 1.0
    w.live.session.set_probe(np.array([(z - B - W2 * x2) / W1, x2]), pinned=True)
    qtbot.waitUntil(lambda: view.mark() is not None and view.g_text.isVisible())
    assert view.g_text.fill.color().alpha() > 200  # (where none is clear, the curve passes behind its box)
    _, g, d = view.mark()
    assert covered_samples(view, view.g_text, view.g_plot, view.samples()[1], g) == 0
    assert covered_samples(view, view.d_text, view.d_plot, view.samples()[2], d) == 0


@pytest.mark.parametrize(("activation", "plot"), [("step", "g"), ("relu", "d")])
def test_a_jump_is_drawn_straight_up_at_z_0_not_as_a_slant_from_the_sample_before(qtbot, activation, plot):
    """step's g and relu's g′ jump from 0 to 1 at z = 0: drawn through the samples, the line climbed from
    z = −0.015 to 0, a 1–2 px kink at the jump."""
    w, view = open_activation(qtbot, activation)
    z, g, d = view.samples()
    curve = view.g_curve if plot == "g" else view.d_curve
    xs, ys = curve.getData()
    rises = np.flatnonzero(np.abs(np.diff(ys)) > 0.5)
    assert len(rises) == 1  # the one jump, 0 to 1
    i = rises[0]
    assert (xs[i], ys[i]) == (0.0, 0.0) and (xs[i + 1], ys[i + 1]) == (0.0, 1.0)  # straight up at z = 0
    kept = np.delete(np.arange(len(xs)), i)  # the rest of the line is the samples, as before
    np.testing.assert_array_equal(xs[kept], z)
    np.testing.assert_array_equal(ys[kept], g if plot == "g" else d)
