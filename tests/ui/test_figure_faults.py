"""Faults users found in figures and the live views: a long bias overflowing its neuron (window and
exports), export names during a lesson, the 1-D plot's y range, a plot without outputs, the third
softmax output's probe box, and right-to-left override characters in titles."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFontMetricsF

from designer.model import SetNodeField, load
from designer.ui import figures
from designer.ui.canvas.nodes import MIN_BIAS_POINTS
from tests.conftest import EXAMPLES


def assert_bias_inside(scene, neuron: str) -> str:
    """The ink of the neuron's bias text lies inside its border (and an output's ring); its text."""
    item = scene.node_items[neuron]
    label = item.bias_label
    text, font = label.text(), label.font()
    assert font.pointSizeF() >= MIN_BIAS_POINTS * scene.theme.scale - 1e-9 or font.pixelSize() > 0  # readable
    ink = QFontMetricsF(font).tightBoundingRect(text)
    centre = label.boundingRect().center()
    s = scene.theme.scale
    inside = item.radius - (4.6 if item.is_output else 0.8) * s
    for x in (centre.x() - ink.width() / 2, centre.x() + ink.width() / 2):
        for y in (centre.y() - ink.height() / 2, centre.y() + ink.height() / 2):
            assert math.hypot(x, y) <= inside, (text, x, y, inside)
    return text


def shown_number(text: str) -> float:
    """The number a bias text reads: ``−5.5e−4``, or ``1·10⁻³⁰⁰`` as the inspector writes it."""
    mantissa, _, power = text.replace("−", "-").partition("·10")
    exponent = power.translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789"))
    return float(f"{mantissa}e{exponent}" if power else mantissa)


@pytest.mark.parametrize("bias", [-0.00055, -0.000553, 0.00012345, -0.0123456, -98765.4321, 1e-300])
def test_a_long_bias_fits_its_neuron_in_an_exported_figure(bias):
    """−0.00055 was written at full size across the circle's border in File ▸ Export's PNG and SVG."""
    net = load(EXAMPLES / "xor-step.json")
    for neuron in ("h1", "y"):  # a hidden neuron and an output (with its ring)
        net.neurons[neuron].bias = bias
    scene = figures.network_scene(net)
    try:
        with scene.as_figure():
            for neuron in ("h1", "y"):
                text = assert_bias_inside(scene, neuron)
                assert text[-1].isdigit()  # some digits of it are shown (the inspector has all)
                value = shown_number(text.removeprefix("b "))
                assert value == pytest.approx(bias, rel=0.06)  # two digits at least
            figures.svg_text(scene)  # drawn without trouble
    finally:
        scene.detach()


def test_the_bias_keeps_its_size_when_it_fits():
    net = load(EXAMPLES / "xor-step.json")
    scene = figures.network_scene(net)
    try:
        label = scene.node_items["h1"].bias_label
        assert label.text() == "b −0.5" and label.font() == scene.theme.font(8.5)
    finally:
        scene.detach()


def offered_names(w, monkeypatch, actions: list[str]) -> list[str]:
    """The file names File ▸ Export offers for ``actions`` (each dialog cancelled)."""
    from PySide6.QtWidgets import QFileDialog

    offered = []

    def ask(parent, title, path, *args, **kwargs):
        offered.append(Path(path).name)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    for action in actions:
        w.actions[action].trigger()
    return offered


def test_exports_of_a_lesson_step_are_offered_the_steps_name(qtbot, xor_window, monkeypatch):
    """Every export of every step was offered "network-regions.png" (the step's network has no file)."""
    from designer.lessons import load_lesson

    w = xor_window
    w.live.build_plots()
    w.lessons.open(load_lesson("neural-networks"), 7)
    step8 = "neural-networks-step-08-a-multilayer-perceptron-and-its-equations"
    assert offered_names(w, monkeypatch, ["export_png", "export_region_svg", "export_side_by_side"]) == [
        f"{step8}.png",
        f"{step8}-regions.svg",
        f"{step8}-side-by-side.png",
    ]
    w.actions["lesson_next"].trigger()
    step9 = "neural-networks-step-09-the-same-network-in-pytorch"
    assert offered_names(w, monkeypatch, ["export_pytorch"]) == [f"{step9}.py"]
    w.lessons.close()  # the step's network stays on show, and keeps its name
    assert offered_names(w, monkeypatch, ["export_svg"]) == [f"{step9}.svg"]
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # File ▸ New ▸ Empty: another network
    assert not w.document.network.neurons
    assert offered_names(w, monkeypatch, ["export_svg"]) == ["network.svg"]


def test_the_1d_plot_frames_the_data_and_the_curve_not_the_contributions(qtbot, xor_window):
    """Lesson step 15's solution (sin x within ±1 from 12 ReLUs): the y axis spanned about −3 to 4.5
    (one ReLU's w·a rises to 6), the sine a narrow band in it."""
    import numpy as np

    from designer.lessons import load_lesson

    w = xor_window
    w.live.build_plots()
    w.lessons.open(load_lesson("neural-networks"), 14)
    qtbot.mouseClick(w.exercise.panel.solution_button, Qt.MouseButton.LeftButton)
    line, vb = w.live.region.line, w.live.region.vb
    w.live.session.flush()
    qtbot.waitUntil(lambda: line.visible and len(line.contributions) == 12)
    w.live.region.plot.viewport().grab()
    contributions = np.concatenate([c.getData()[1] for c in line.contributions])
    assert contributions.max() > 4  # what the view used to frame
    out = line.output.getData()[1]
    (_, _), (y0, shown_top) = vb.viewRange()
    y1 = line._base_range[1]  # the frame below the band a legend wider than this narrow plot gets above the data
    assert shown_top >= y1
    assert -1.5 <= y0 < min(out.min(), -1.0) and max(out.max(), 1.0) < y1 <= 1.5  # the data and the curve, a margin
    w.document.push(SetNodeField("y", "bias", 3.0))  # the curve rises above the data: followed half a span
    w.live.session.flush()
    w.live.region.plot.viewport().grab()
    (_, _), (y0, _) = vb.viewRange()
    y1 = line._base_range[1]
    assert line.output.getData()[1].max() > 3.9 and 2.0 <= y1 <= 2.5 and y0 >= -1.5


@pytest.mark.parametrize("example", ["xor-step.json", "regression-1-8-1.json"])
def test_without_outputs_the_plot_has_no_axes_claiming_one(qtbot, example):
    """The message "the network has no output neuron" sat in a plot labelled "output" against x1."""
    from tests.ui import gui
    from tests.ui.live_gui import open_window

    net = load(EXAMPLES / example)
    output = net.outputs[0]
    w = open_window(qtbot, net)
    w.live.region_dock.show()
    item = w.live.region.plot.getPlotItem()
    gui.click(w.view, gui.node_pos(w, output))
    w.actions["toggle_output"].trigger()  # Mark/Unmark as Output: no output left
    w.live.session.flush()
    assert not w.document.network.outputs and w.live.region.message.isVisible()
    assert not item.getAxis("left").isVisible() and not item.getAxis("bottom").isVisible()
    w.actions["toggle_output"].trigger()  # an output again: its axes come back
    w.live.session.flush()
    assert item.getAxis("left").isVisible() and item.getAxis("bottom").isVisible()
    left = item.getAxis("left").labelText
    assert left == (net.node(output).display_label if len(net.inputs) == 1 else net.node("x2").display_label)


@pytest.mark.parametrize("size", [(1000, 500), (700, 500)])
def test_every_softmax_outputs_probe_value_is_shown_in_a_fitted_canvas(qtbot, size):
    """A 3-output softmax network fitted in a small canvas: the third output's three-line probe box
    collided everywhere and was left out (the hidden neurons' boxes had taken its places)."""
    import numpy as np

    from designer.engine import compile_network
    from tests.ui.live_gui import mlp, open_window
    from tests.ui.menus import choose_from_menu_bar

    w = open_window(qtbot, mlp([2, 3, 3], "tanh", "sigmoid"))
    w.resize(*size)
    w.live.build_plots()
    w.live.region_dock.show()
    choose_from_menu_bar(qtbot, w, "Network", "Softmax Outputs")
    w.view.zoom_to_fit()
    point = np.array([1.0, -1.0])
    w.live.session.flush()
    w.live.session.set_probe(point, pinned=True)
    w.view.viewport().grab()
    placed = {p.request.key: p for p in w.scene.labels.last.placed if p.request.kind == "probe"}
    expected = compile_network(w.document.network).forward(point[None, :])[0]
    frame = w.scene.labels.frame
    for output, p in zip(("y1", "y2", "y3"), expected, strict=True):
        assert output in placed, output
        shown = float(placed[output].lines[-1].removeprefix("softmax = ").replace("−", "-"))
        assert shown == pytest.approx(p, abs=1e-4) and frame.contains(placed[output].rect)


def test_a_box_that_fits_nowhere_whole_shows_its_short_form():
    from PySide6.QtCore import QRectF

    from designer.ui.canvas.labels import NODE_VALUE, LabelRequest

    scene = figures.network_scene(load(EXAMPLES / "xor-step.json"))
    try:
        labels, node = scene.labels, scene.node_items["y"].sceneBoundingRect()
        font = scene.theme.font(8.5)
        right = node.topRight() + QPointF(6, node.height() / 2)
        request = LabelRequest("probe", ["z = 1", "g(z) = 0.5", "softmax = 0.25"], [right], font, QColor("black"))
        request.rank, request.align, request.short = NODE_VALUE, "left", ["softmax = 0.25"]
        labels.add_provider(lambda: [request])
        line = QFontMetricsF(font).height()
        labels.frame = QRectF(node.left() - 300, right.y() - 1.5 * line, 600, 3 * line)  # room for one line only
        (placed,) = labels.layout().placed
        assert placed.lines == ["softmax = 0.25"] and labels.frame.contains(placed.rect)
        labels.frame = None  # room for the whole box
        (placed,) = labels.layout().placed
        assert placed.lines == request.lines
    finally:
        scene.detach()


RLO = "\u202e"  # right-to-left override: everything after it, to the paragraph's end, is reversed


def test_a_right_to_left_override_in_a_label_reverses_nothing_in_titles_and_figures(qtbot, tmp_path, monkeypatch):
    """ "Output y‮ out over the input plane" was shown as "Output yenalp tupni eht revo tuo", in the
    window and in the exported SVG."""
    import xml.etree.ElementTree as ET

    from PySide6.QtWidgets import QFileDialog

    from tests.ui.live_gui import open_window

    net = load(EXAMPLES / "xor-step.json")
    net.neurons["y"].label = f"y{RLO} out"
    net.inputs["x1"].label = f"x{RLO}one"
    w = open_window(qtbot, net)
    w.live.region_dock.show()
    w.live.session.flush()
    region = w.live.region
    assert region.title.text() == "<b>Output y out</b> over the input plane"
    assert region.plot.getPlotItem().getAxis("bottom").labelText == "xone"
    clean = region.title.grab().toImage()
    w.document.push(SetNodeField("y", "label", "y out"))  # the same words without the override: drawn alike
    w.live.session.flush()
    assert region.title.grab().toImage() == clean
    w.document.push(SetNodeField("y", "label", f"y{RLO} out"))
    w.live.session.flush()
    target = tmp_path / "regions.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    w.actions["export_region_svg"].trigger()
    svg = target.read_text(encoding="utf-8")
    texts = ["".join(e.itertext()).strip() for e in ET.fromstring(svg).iter() if e.tag.endswith("text")]
    # the title wraps where the dock's width says (narrower when this test runs alone): its words, in order
    assert RLO not in svg and " ".join(texts).startswith("Output y out over the input plane") and "xone" in texts


@pytest.mark.parametrize(
    ("label", "shown"),
    [
        ("plain", "plain"),
        (f"a{RLO}b", "ab"),
        ("\u05e9\u05dc\u05d5\u05dd", "\u2068\u05e9\u05dc\u05d5\u05dd\u2069"),  # Hebrew: kept, in an isolate
        ("a\u2069b\u2067c", "\u2068ab\u2067c\u2069\u2069"),  # a stray closing dropped, an opening closed
    ],
)
def test_user_text_in_markup_is_isolated(label, shown):
    from designer.ui.safetext import markup

    assert markup("<b>Output {}</b> over the plane", label) == f"<b>Output {shown}</b> over the plane"
