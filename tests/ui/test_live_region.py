"""The decision-region view, every neuron's map and the probe, driven like a user."""

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QSlider

from designer.engine import compile_network
from tests.ui import gui
from tests.ui.live_gui import choose, map_pixels, mlp, open_window, plot_click, plot_hover, shown_text
from tests.ui.test_canvas_build import on_line

ORANGE, BLUE = 0, 255  # indices of the region image's colour table


def image(window) -> np.ndarray:
    return np.array(window.live.region.image.image, copy=True)


def test_xor_window_shows_its_truth_table_regions(xor_window):
    live = xor_window.live
    img = image(xor_window)
    region = live.region
    assert img.shape == (200, 200)
    # (x1, x2) in [-0.5, 1.5]²: (0.5, 0.5) lies between the two lines: XOR is 1 there (blue)
    xs, ys = live.session.grid.xs, live.session.grid.ys
    assert img[np.searchsorted(xs, 0.5), np.searchsorted(ys, 0.5)] == BLUE
    assert img[np.searchsorted(xs, 0.0), np.searchsorted(ys, 0.0)] == ORANGE
    assert img[np.searchsorted(xs, 1.2), np.searchsorted(ys, 1.2)] == ORANGE
    cx, cy = region.contour.getData()
    assert len(cx) > 100  # the decision boundary: two lines across the square
    assert np.allclose(np.abs(cx + cy - 1.0), 0.5, atol=0.02)
    assert region.points.train.data.size == 4
    assert "Output" in region.title.text()


def test_editing_a_weight_changes_the_region_image_and_the_maps(qtbot, xor_window):
    w = xor_window
    before = image(w)
    maps_before = map_pixels(w.live.maps, "h1").copy()
    gui.wheel(w.view, on_line(w, ("x1", "h1")), steps=5)  # nudge the weight x1 → h1 from 1 to 1.5
    assert w.document.network.connections[("x1", "h1")].weight == 1.5
    qtbot.waitUntil(lambda: not np.array_equal(image(w), before), timeout=2000)
    net = w.document.network
    compiled = compile_network(net, np.float32)  # as the view computes it
    grid = w.live.session.grid.points
    expected = np.where(compiled.forward(grid)[:, 0] >= 0.5, BLUE, ORANGE).reshape(200, 200)
    assert np.array_equal(image(w), expected)
    assert not np.array_equal(map_pixels(w.live.maps, "h1"), maps_before)


def test_probe_click_on_a_data_point_shows_every_neurons_z(qtbot, xor_window):
    live = xor_window.live
    plot_click(live.region, 1.02, -0.01)  # near the point (1, 0): snaps to it
    assert live.session.probe_pinned
    assert np.array_equal(live.session.probe, [1.0, 0.0])
    texts = live.probe.texts()
    assert texts["x1"] == "x₁ = 1" and texts["x2"] == "x₂ = 0"
    assert texts["h1"] == "z = 0.5\ng(z) = 1"  # OR: 1 + 0 − 0.5
    assert texts["h2"] == "z = −0.5\ng(z) = 0"  # AND: 1 + 0 − 1.5
    assert texts["y"] == "z = 0.5\ng(z) = 1"  # 1·1 − 1·0 − 0.5
    assert live.region.probe.marker.data.size == 1


def test_hovering_the_plane_probes_and_leaving_clears(qtbot, xor_window):
    live = xor_window.live
    plot_hover(live.region, 0.25, 0.25)
    assert live.session.probe is not None and not live.session.probe_pinned
    z_h1 = float(live.probe.texts()["h1"].split("\n")[0].removeprefix("z = ").replace("−", "-"))
    assert abs(z_h1) < 0.02  # 0.25 + 0.25 − 0.5 = 0, within a pixel's width
    live.region.probe.moved(QPointF(-50, -50))  # outside the plot
    assert live.session.probe is None and live.probe.texts() == {}


def test_arrow_keys_walk_the_forward_pass(qtbot, xor_window):
    w = xor_window
    live = w.live
    plot_click(live.region, 0.0, 1.0)
    w.actions["forward_walk"].trigger()
    assert set(live.probe.texts()) == {"x1", "x2"}
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    assert set(live.probe.rings) == {"h1", "h2"}
    assert set(live.probe.texts()) == {"x1", "x2", "h1", "h2"}
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    assert set(live.probe.rings) == {"y"} and live.probe.texts()["y"] == "z = 0.5\ng(z) = 1"
    qtbot.keyClick(w.view, Qt.Key.Key_Left)
    assert set(live.probe.rings) == {"h1", "h2"}
    w.actions["forward_walk"].trigger()
    assert live.probe.rings == {} and not w.actions["walk_next"].isEnabled()


def test_hovering_a_neuron_shows_its_map_large(qtbot, xor_window):
    w = xor_window
    live = w.live
    gui.move(w.view, gui.node_pos(w, "h2"), buttons=Qt.MouseButton.NoButton)
    assert live.session.hovered == "h2"
    qtbot.waitUntil(lambda: "AND" in live.region.title.text())  # the view may be built only now (lazily)
    img = image(w)
    xs, ys = live.session.grid.xs, live.session.grid.ys
    assert img[np.searchsorted(xs, 1.2), np.searchsorted(ys, 1.2)] == BLUE  # AND fires only near (1, 1)
    assert img[np.searchsorted(xs, 0.5), np.searchsorted(ys, 0.5)] == ORANGE
    gui.move(w.view, QPointF(-300, -300), buttons=Qt.MouseButton.NoButton)
    assert live.session.hovered == "" and "Output" in live.region.title.text()


def test_discretize_and_first_layer_lines(qtbot):
    w = open_window(qtbot, mlp([2, 3, 1], "tanh", "sigmoid", weight=0.8))
    region = w.live.region
    img = image(w)
    assert len(np.unique(img)) > 20  # a smooth map
    region.discretize.setChecked(True)
    assert set(np.unique(image(w))) <= {ORANGE, BLUE}
    drawn = [c for c in region.zero_lines.curves if c.getData()[0] is not None and len(c.getData()[0])]
    assert len(drawn) == 3  # one dashed line per first-layer neuron, each in its own colour
    region.show_lines.setChecked(False)
    assert all(c.getData()[0] is None or not len(c.getData()[0]) for c in region.zero_lines.curves)


def test_softmax_outputs_draw_no_z_zero_lines_their_borders_are_not_there(qtbot):
    """Softmax outputs in the first layer (no hidden layer): classes part where two outputs' z are equal,
    so each output's z = 0 line was a dashed line where nothing happens (lesson step 21)."""
    from designer.model import SetNetworkField

    w = open_window(qtbot, mlp([2, 3], "linear", "linear", weight=0.8))
    region = w.live.region
    image(w)

    def drawn():
        return [c for c in region.zero_lines.curves if c.getData()[0] is not None and len(c.getData()[0])]

    assert len(drawn()) == 3 and region.show_lines.isEnabled()  # plain outputs: their z = 0 is their 0.5 line
    w.document.push(SetNetworkField("softmax", True))
    qtbot.waitUntil(lambda: w.live.session.compiled.softmax)
    image(w)
    assert drawn() == []
    assert not region.show_lines.isEnabled() and "softmax" in region.show_lines.toolTip()  # no box ticked for nothing


def test_several_outputs_colour_the_winning_output(qtbot):
    net = mlp([2, 3, 3], "relu", "linear")
    net.softmax = True
    w = open_window(qtbot, net)
    region = w.live.region
    assert "Most likely class" in region.title.text()  # softmax outputs are class probabilities
    compiled = compile_network(w.document.network)
    winner = np.argmax(compiled.forward(w.live.session.grid.points), axis=1).reshape(200, 200)
    steps = 256 // 3
    assert np.array_equal(image(w) // steps, winner)


def test_one_input_network_draws_output_and_contributions(qtbot):
    w = open_window(qtbot, mlp([1, 3, 1], "relu", "linear", weight=1.0))
    live = w.live
    assert live.session.data.name == "bump"
    line = live.region.line
    xs, out = line.output.getData()
    parts = [c.getData()[1] for c in line.contributions]
    assert len(parts) == 3
    assert np.allclose(out, np.sum(parts, axis=0) + line.bias.value(), atol=1e-5)  # bumps add up to the output
    points = live.region.points
    # the output is drawn over the data (a curve that fits its targets was hidden under the markers)
    assert line.output.zValue() > max(points.train.zValue(), points.test.zValue(), points.errors.zValue())
    assert live.maps.cell == (40, 40)  # each neuron's curve as a thumbnail


def test_sliders_set_the_inputs_that_are_not_plotted(qtbot):
    w = open_window(qtbot, mlp([3, 2, 1], "sigmoid", "sigmoid", weight=1.5))
    live = w.live
    chooser = live.region.axes
    assert chooser.isVisible()
    slider = chooser.findChild(QSlider, "fixed_x3")
    before = image(w)
    assert shown_text(live.region.title).endswith("(x3 = 0)")  # a figure of the view, without the sliders, says it
    slider.setValue(slider.maximum())
    qtbot.waitUntil(lambda: not np.array_equal(image(w), before), timeout=2000)
    assert live.session.fixed[2] == 6.0
    qtbot.waitUntil(lambda: shown_text(live.region.title).endswith("(x3 = 6)"), timeout=2000)
    choose(chooser.y_combo, "x3")
    assert (live.session.ax, live.session.ay) == (0, 2)
    qtbot.waitUntil(lambda: shown_text(live.region.title).endswith("(x2 = 0)"), timeout=2000)


def test_painting_points_adds_data_of_the_chosen_class(qtbot, xor_window):
    live = xor_window.live
    live.panel.paint.click()
    plot_click(live.region, 0.5, 0.5)
    plot_click(live.region, 0.2, 1.2, Qt.MouseButton.RightButton)
    data = live.session.data
    assert data.n_train == 6
    assert data.y_train[-2:, 0].tolist() == [1.0, 0.0]
    assert live.region.points.train.data.size == 6
    live.panel.findChild(type(live.panel.paint), "clearPoints").click()
    assert live.session.data.n_train == 0 and live.region.points.train.data.size == 0


def test_a_million_points_are_drawn_as_a_sample_and_the_legend_says_so(qtbot):
    """A brush per point made 1,000,000 points block the window for 15 s; every k-th is drawn now."""
    from designer.engine.data import DataOptions
    from designer.ui.live.region_points import MAX_DRAWN

    w = open_window(qtbot, mlp([2, 2, 1]))
    region = w.live.region
    w.session.regenerate(DataOptions("gauss", 0.0, 0.5, 0, 200_000))  # 100,000 train, 100,000 test
    data = w.session.data
    assert len(data.x_train) == len(data.x_test) == 100_000
    for scatter in (region.points.train, region.points.test):
        assert MAX_DRAWN // 2 < len(scatter.data) <= MAX_DRAWN  # every 5th
    assert "(1 point in 5 drawn)" in shown_text(region.legend)
    w.session.regenerate(DataOptions("gauss", 0.0, 0.5, 0, 400))
    assert len(region.points.train.data) == len(w.session.data.x_train) == 200  # all of a small set
    assert "drawn)" not in shown_text(region.legend)


def test_the_plane_keeps_one_unit_the_same_length_on_both_axes_when_they_measure_alike(qtbot):
    """In a wide, low dock the circle dataset was drawn as a flat ellipse."""
    import dataclasses

    w = open_window(qtbot, mlp([2, 3, 1], "tanh", "sigmoid"))
    choose(w.live.panel.dataset, "circle")
    region = w.live.region
    w.live.region_dock.setFloating(True)
    w.live.region_dock.resize(900, 320)
    qtbot.waitUntil(lambda: region.vb.boundingRect().width() > 2 * region.vb.boundingRect().height())
    region.plot.viewport().grab()
    origin, one_x, one_y = (region.vb.mapViewToScene(QPointF(*p)) for p in ((0, 0), (1, 0), (0, 1)))
    assert abs((one_x - origin).x()) == pytest.approx(abs((one_y - origin).y()), rel=0.02)  # round, not flat
    (x0, x1), (y0, y1) = region.vb.viewRange()
    assert x0 <= -6 and x1 >= 6 and y0 <= -6 + 1e-6 and y1 >= 6 - 1e-6  # the whole data domain stays in view
    session = w.live.session
    wide = dataclasses.replace(session.data, x_train=session.data.x_train * [100.0, 1.0], rect=(-600, 600, -6, 6))
    session.set_data(wide)  # axes in very different units: the plot uses its whole room again
    qtbot.waitUntil(lambda: not region.vb.state["aspectLocked"])


def test_a_narrow_view_puts_its_switches_under_the_title_instead_of_cutting_it(qtbot, xor_window):
    """Beside the check boxes the title was squeezed to a word per line and cut ("Outpu") at 208 px."""
    region = xor_window.live.region
    dock = xor_window.live.region_dock
    dock.setFloating(True)
    for width, below in ((210, True), (700, False)):
        dock.resize(width, 500)
        qtbot.waitUntil(lambda width=width: abs(region.width() - width) < 40)

        def placed(below=below) -> bool:
            title, switches = region.title.geometry(), region.switches.geometry()
            return (switches.top() >= title.bottom()) == below

        qtbot.waitUntil(placed)  # the layout applies the move at its next pass
        assert region.title.width() >= (region.width() - 20 if below else 160)


def test_the_misclassified_count_says_whose_it_is_while_a_neuron_is_hovered(qtbot, xor_window):
    """Hovering h1 shows h1's map without crosses; the legend kept "✕ misclassified 1" under it, read
    as h1's count (its map puts no point of the 4 where that count says)."""
    from designer.model import SetConnectionField

    w = xor_window
    live = w.live
    region = live.region
    w.document.push(SetConnectionField(("h2", "y"), "weight", 0.0))  # y = OR: (1, 1) is wrong
    qtbot.waitUntil(lambda: region.points.misclassified == 1, timeout=2000)
    assert "✕ misclassified 1" in shown_text(region.legend)
    assert len(region.points.errors.getData()[0]) == 1
    gui.move(w.view, gui.node_pos(w, "h1"), buttons=Qt.MouseButton.NoButton)
    qtbot.waitUntil(lambda: "(hovered)" in region.title.text(), timeout=2000)
    legend = shown_text(region.legend)
    assert len(region.points.errors.getData()[0]) == 0  # the neuron's map: no crosses
    assert "✕" not in legend and "output misclassifies 1" in legend  # the count is said to be the output's
    gui.move(w.view, QPointF(-300, -300), buttons=Qt.MouseButton.NoButton)
    qtbot.waitUntil(lambda: "Output" in region.title.text(), timeout=2000)
    assert "✕ misclassified 1" in shown_text(region.legend) and "output misclassifies" not in shown_text(region.legend)
    assert len(region.points.errors.getData()[0]) == 1
