"""A network whose outputs are separate questions (a half adder's sum and carry), not classes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QToolButton

from designer.formatting import format_reading
from designer.model.commands import SetNodeField
from designer.ui.live import colors
from tests.exercises.teacher_files import half_adder_exercise, network, write
from tests.ui.live_gui import choose, plot_click


@pytest.fixture
def window(qtbot, xor_window):
    xor_window.live.build_plots()
    return xor_window


def open_half_adder(qtbot, window, tmp_path: Path, monkeypatch):
    """File ▸ Open Exercise… on the half adder, then "Show a solution" (outputs s = XOR, c = AND)."""
    path = write(tmp_path / "half-adder.json", half_adder_exercise())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.actions["open_exercise"].trigger()
    panel = window.exercise.panel
    qtbot.mouseClick(panel.solution_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "4 of 4 rows right" in panel.status.text(), timeout=2000)
    return panel


def point_colours(region) -> list[str]:
    return [brush.color().name() for brush in region.points.train.data["brush"]]


def expected_colours(window, column: int) -> list[str]:
    theme = window.scene.theme
    bit = {0: colors.class_colors(theme, 2)[0].name(), 1: colors.class_colors(theme, 2)[1].name()}
    return [bit[int(t)] for t in window.live.session.data.y_train[:, column]]


def test_the_map_of_a_half_adder_shows_one_output_at_a_time(qtbot, window, tmp_path, monkeypatch):
    """The map coloured by the "largest output" (s or c), as if two independent bits were two classes:
    row 00 (s = 0, c = 0) showed as class s, and the carry's region was nowhere to be seen."""
    w = window
    open_half_adder(qtbot, w, tmp_path, monkeypatch)
    region = w.live.region
    combo = region.output_choice.combo
    assert region.output_choice.isVisible() and not region.class_key.isVisible()
    assert [combo.itemText(i) for i in range(combo.count())] == ["s", "c"]
    assert region.title.text().startswith("<b>Output s</b> over the input plane (one of 2 outputs")
    assert region.bar.isVisible() and "Winning" not in region.title.text()
    assert point_colours(region) == expected_colours(w, 0)
    assert "misclassified&nbsp;0" in region.legend.text()
    # the Training dock advised "Network ▸ Softmax Outputs makes them class probabilities", which breaks it
    assert w.live.panel.kind.text() == "2 outputs, each its own 0/1 target (not classes: no softmax)"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the user picks the carry
    assert combo.currentText() == "c"
    assert region.title.text().startswith("<b>Output c</b> over the input plane")
    assert point_colours(region) == expected_colours(w, 1)
    # the map is the carry alone: high only near x1 = x2 = 1
    image = region.image.image
    assert image[-1, -1] > 200 and image[0, 0] < 50 and image[-1, 0] < 128


def test_the_chosen_output_counts_its_own_misclassified_points(qtbot, window, tmp_path, monkeypatch):
    """A network wrong on the sum and right on the carry: each output's map counts its own errors."""
    w = window
    open_half_adder(qtbot, w, tmp_path, monkeypatch)
    region = w.live.region
    w.document.push(SetNodeField("s", "bias", 1.0))  # s = step(o - c + 1): 1 on every row, wrong on 00, 11
    qtbot.waitUntil(lambda: "misclassified&nbsp;2" in region.legend.text(), timeout=2000)
    region.output_choice.combo.setCurrentIndex(1)
    assert "misclassified&nbsp;0" in region.legend.text()
    assert len(region.points.errors.data) == 0


def paint_choices(panel) -> list[str]:
    return [panel.paint_class.itemText(i) for i in range(panel.paint_class.count())]


def test_painting_on_a_half_adder_gives_each_output_its_own_0_or_1(qtbot, window, tmp_path, monkeypatch):
    """Painting on the half adder's map offered "class 0" and "class 1" and added one-hot targets: a
    point of "class 1" was (s = 0, c = 1), no point could be row 11 (s = 0, c = 1 is the carry's) or 00,
    as if sum and carry were two classes."""
    w = window
    open_half_adder(qtbot, w, tmp_path, monkeypatch)
    panel, region = w.live.panel, w.live.region
    assert paint_choices(panel) == ["s = 0, c = 0", "s = 0, c = 1", "s = 1, c = 0", "s = 1, c = 1"]
    qtbot.mouseClick(panel.paint, Qt.MouseButton.LeftButton)
    panel.paint_class.setCurrentIndex(3)
    plot_click(region, 0.9, 0.9)
    panel.paint_class.setCurrentIndex(2)
    plot_click(region, 0.1, 0.9)
    plot_click(region, 0.2, 0.1, Qt.MouseButton.RightButton)  # right: every output 0
    data = w.live.session.data
    assert data.y_train[-3:].tolist() == [[1, 1], [1, 0], [0, 0]]
    assert panel.kind.text() == "2 outputs, each its own 0/1 target (not classes: no softmax)"
    assert point_colours(region) == expected_colours(w, 0)  # the map of s colours the points by their s
    choose(panel.dataset, "xor")  # one class per row (one-hot targets): points of a class again
    assert paint_choices(panel) == ["class 0", "class 1"]


def test_points_painted_from_scratch_stay_each_outputs_own_targets(qtbot, window, tmp_path, monkeypatch):
    """Cleared, then two points painted s = 1, c = 0 and one s = 0, c = 1: every row had one 1, so the
    data turned into one-hot classes, the map into "Winning output" and the chooser into classes."""
    w = window
    open_half_adder(qtbot, w, tmp_path, monkeypatch)
    panel, region = w.live.panel, w.live.region
    qtbot.mouseClick(panel.findChild(QToolButton, "clearPoints"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.paint, Qt.MouseButton.LeftButton)
    for choice, (x, y) in ((2, (0.1, 0.9)), (2, (0.9, 0.1)), (1, (0.9, 0.9))):
        panel.paint_class.setCurrentIndex(choice)
        plot_click(region, x, y)
    assert w.live.session.data.y_train.tolist() == [[1, 0], [1, 0], [0, 1]]
    assert paint_choices(panel)[3] == "s = 1, c = 1" and panel.paint_class.currentIndex() == 1
    assert region.output_choice.isVisible() and region.title.text().startswith("<b>Output s</b>")


def test_one_output_and_softmax_networks_keep_their_maps(qtbot, window):
    """No chooser where the map already shows the one answer: one output, or softmax classes."""
    w = window
    region = w.live.region
    assert not region.output_choice.isVisible()
    assert region.title.text().startswith("<b>Output")


def sigmoid_half_adder() -> dict:
    """Sigmoid units, not quite 0 and 1: s = σ(20·OR − 20·AND − 10), c = σ(10 x1 + 10 x2 − 15)."""
    units = [("o", -5), ("c", -15), ("s", -10)]
    wires = [("x1", "o", 10), ("x2", "o", 10), ("x1", "c", 10), ("x2", "c", 10), ("o", "s", 20), ("c", "s", -20)]
    neurons = [{"id": n, "activation": "sigmoid", "bias": b} for n, b in units]
    return {**network(neurons, wires, inputs=("x1", "x2")), "outputs": ["s", "c"]}


def test_the_truth_table_names_both_outputs_and_reads_no_output_as_an_integer_it_is_not(
    qtbot, window, tmp_path, monkeypatch
):
    """σ outputs of 0.99994 read "0.9999" and one of 0.99995 read "1" (a value that is not 1), while
    0.00005 read "5.19·10⁻⁵": two styles for the same distance from the target. The headers said
    "expected" and "network" over cells of two values, without saying which is the sum and which the carry."""
    exercise = half_adder_exercise()
    exercise["inputs"] = [{"id": "x1", "range": [0, 1]}, {"id": "x2", "range": [0, 1]}]
    exercise["solutions"] = [sigmoid_half_adder()]
    path = write(tmp_path / "half-adder.json", exercise)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.actions["open_exercise"].trigger()
    panel = window.exercise.panel
    qtbot.mouseClick(panel.solution_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "4 of 4 rows right" in panel.status.text(), timeout=2000)
    table = panel.picture.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["x1", "x2", "expected (s, c)", "network (s, c)"]
    shown = [table.item(r, 3).text() for r in range(4)]
    assert shown == ["0.000052, 0.00000031", "0.999941, 0.0067", "0.999941, 0.0067", "0.000052, 0.9933"]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.99995459, "0.999955"),
        (4.544e-5, "0.000045"),
        (0.9933, "0.9933"),
        (1.0, "1"),
        (0.0, "0"),
        (-0.25, "−0.25"),
        (1 - 2**-24, "0.99999994"),
        (1e-12, "≈0"),
        (float("nan"), "NaN"),
    ],
)
def test_a_reading_is_decimals_near_0_and_1_alike(value, text):
    assert format_reading(value) == text


def test_over_one_input_the_chosen_outputs_curve_and_contributions_are_drawn(qtbot, tmp_path):
    """A 1-input network with outputs y and z drew y's curve only: z was nowhere in the view."""
    from designer.model import load
    from tests.ui.conftest import _window

    neurons = [
        {"id": "h1", "activation": "relu", "bias": 0},
        {"id": "h2", "activation": "relu", "bias": 1},
        {"id": "y", "activation": "linear", "bias": 0},
        {"id": "z", "activation": "sigmoid", "bias": 0},
    ]
    wires = [("x", "h1", 1), ("x", "h2", -1), ("h1", "y", 1), ("h2", "y", 1), ("h2", "z", 2)]
    path = write(tmp_path / "two.json", {**network(neurons, wires, inputs=("x",)), "outputs": ["y", "z"]})
    w = _window(qtbot, load(path))
    w.live.build_plots()
    region = w.live.region
    combo = region.output_choice.combo
    assert region.output_choice.isVisible() and region.line.sources == ["h1", "h2"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert region.title.text().startswith("<b>Output z</b> and each neuron's contribution w·a (one of 2 outputs)")
    assert region.line.sources == ["h2"] and w.live.session.colour_of == {"h2": 0}
    qtbot.waitUntil(lambda: region.line.output.getData()[1] is not None, timeout=2000)
    session = w.live.session
    assert list(region.line.output.getData()[1]) == pytest.approx(list(session.out[1]))


def test_outputs_trained_on_one_hot_classes_keep_the_winning_output_map(qtbot, tmp_path):
    """Two sigmoid outputs on a two-class dataset (one-hot targets): the largest output is the answer."""
    from designer.model import load
    from tests.ui.conftest import _window

    neurons = [{"id": "y1", "activation": "sigmoid", "bias": 0}, {"id": "y2", "activation": "sigmoid", "bias": 0}]
    wires = [("x1", "y1", 1), ("x2", "y2", 1)]
    path = write(tmp_path / "two.json", {**network(neurons, wires, inputs=("x1", "x2")), "outputs": ["y1", "y2"]})
    w = _window(qtbot, load(path))
    w.live.build_plots()
    region = w.live.region
    assert w.live.session.data.one_hot
    assert not region.output_choice.isVisible() and region.class_key.isVisible()
    assert region.title.text().startswith("<b>Winning output</b> (y1, y2)")


def test_each_output_of_numbers_to_predict_has_the_colour_scale_of_its_own_targets(qtbot, tmp_path):
    """Two outputs predicting numbers in −3…6 and −2…1: the second output's map and points were drawn on
    the scale of both (−3…6), its own targets squeezed into a few shades."""
    import numpy as np

    from designer.engine import data as dm
    from designer.model import load
    from tests.ui.conftest import _window

    neurons = [{"id": "y1", "activation": "linear", "bias": 0}, {"id": "y2", "activation": "linear", "bias": 0}]
    wires = [("x1", "y1", 3), ("x2", "y2", 1)]
    path = write(tmp_path / "two.json", {**network(neurons, wires, inputs=("x1", "x2")), "outputs": ["y1", "y2"]})
    w = _window(qtbot, load(path))
    w.live.build_plots()
    x = np.array([[-1.0, -1.0], [2.0, 2.0], [0.0, 0.5], [1.0, -0.5]])
    y = np.stack([3 * x[:, 0], x[:, 1] - 1], axis=1)  # −3…6 and −2…1
    w.live.session.set_data(dm.Data("two numbers", x, y, x[:0], y[:0], rect=(-1, 2, -1, 2)))
    region = w.live.region
    assert region.output_choice.isVisible() and region.regression
    qtbot.waitUntil(lambda: region._levels == (-3.0, 6.0), timeout=2000)
    region.output_choice.combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: region._levels == (-2.0, 1.0), timeout=2000)
    lut = region.lut_for_points()
    ends = {tuple(int(c) for c in lut[i]) for i in (0, 255)}
    shown = {
        (b.color().red(), b.color().green(), b.color().blue(), b.color().alpha())
        for b in region.points.train.data["brush"]
    }
    assert ends <= shown  # the lowest and the highest target of y2 take the scale's two ends


def test_small_losses_are_written_as_the_colour_key_beside_them_writes_numbers(qtbot, window, tmp_path, monkeypatch):
    """The sigmoid half adder: Gradient Flow's legend read "mse L = 1.68e-05" above its own colour key
    "−1.07·10⁻⁹ … +1.07·10⁻⁹", and B "loss 2.24e-05": Python's notation beside the app's (and "mse"
    where the Training panel says "MSE")."""
    exercise = half_adder_exercise()
    exercise["inputs"] = [{"id": "x1", "range": [0, 1]}, {"id": "x2", "range": [0, 1]}]
    exercise["solutions"] = [sigmoid_half_adder()]
    path = write(tmp_path / "half-adder.json", exercise)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    w = window
    w.actions["open_exercise"].trigger()
    qtbot.mouseClick(w.exercise.panel.solution_button, Qt.MouseButton.LeftButton)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_G)
    legend = w.live.gradients.legend
    qtbot.waitUntil(lambda: "Gradient flow" in legend.text())
    headline = legend.shown_lines[0]
    assert headline.startswith("Gradient flow: MSE L = 1.68·10⁻⁵ on 4 training points"), headline
    assert "e-0" not in legend.text() and legend.limit == pytest.approx(1.07e-9, rel=0.01)  # key: ±1.07·10⁻⁹
    plot_click(w.live.region, 1.0, 1.0)  # the data point (1, 1): s = 0, c = 1
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B)
    assert w.live.gradients.legend.shown_lines[0] == "Backward pass at x = (1, 1), target 0, 1: loss 2.24·10⁻⁵"
