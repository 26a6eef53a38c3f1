"""Export in the GUI: live PyTorch dock, Math dock with linear collapse, File ▸ Export figures; CLI figures."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog, QPushButton

from designer.cli import main
from designer.engine import compile_network
from designer.model.templates import two_two_one
from tests.conftest import EXAMPLES
from tests.ui import gui
from tests.ui.test_canvas_build import on_line


def test_pytorch_dock_follows_the_design_and_copies(qtbot, xor_window):
    w = xor_window
    assert w.exports.code_dock.toggleViewAction() in w.menu("view").actions()
    w.exports.code_dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: "nn.Sequential" in w.exports.code_dock.text.toPlainText())
    gui.wheel(w.view, on_line(w, ("x1", "h1")), steps=3)
    qtbot.waitUntil(lambda: "1.3" in w.exports.code_dock.text.toPlainText())
    w.exports.code_dock.findChild(QPushButton, "copyCode").click()
    assert QGuiApplication.clipboard().text() == w.exports.code_dock.text.toPlainText()


def test_math_dock_shows_the_lecture_formula_and_latex(qtbot, xor_window):
    w = xor_window
    w.exports.math_dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: "h(x) =" in w.exports.math_dock.text.toPlainText())
    text = w.exports.math_dock.text.toPlainText()
    assert "step(1·step(x₁ + x₂ − 0.5) − 1·step(x₁ + x₂ − 1.5) − 0.5)" in text
    w.exports.math_dock.copy_latex()
    assert r"\mathrm{step}" in QGuiApplication.clipboard().text()


def test_linear_collapse_replace_is_undoable(qtbot, xor_window):
    w = xor_window
    net = two_two_one("linear", 0.5)
    w.document.replace(net, path=None)
    w.exports.math_dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: w.exports.math_dock.replace.isVisible())
    assert "hidden linear" in w.exports.math_dock.collapse_label.text()
    x = [[0.3, -1.2], [2.0, 0.5]]
    before = compile_network(w.document.network).forward(x)
    w.exports.math_dock.replace.click()
    assert set(w.document.network.neurons) == {"y"}
    assert compile_network(w.document.network).forward(x) == pytest.approx(before, abs=1e-12)
    w.actions["undo"].trigger()
    assert set(w.document.network.neurons) == {"h1", "h2", "y"}


def test_network_menu_collapses_linear_layers_built_from_an_empty_canvas(qtbot, empty_window):
    """The lecture's "no non-linear activations" demo: three Add Layer… of linear neurons, then
    Network ▸ Collapse Linear Layers. There was no such entry (only a button in the Math view), and
    before an output was marked the Math view said "no hidden linear neurons" beside a Replace
    button that removed every neuron."""
    from PySide6.QtCore import Qt

    from tests.ui.test_building import _add_layer, key

    w = empty_window
    key(qtbot, w.view, Qt.Key.Key_I)
    for y in (0, 120):
        gui.click(w.view, (0, y))
    key(qtbot, w.view, Qt.Key.Key_Escape)
    for count in (3, 2, 1):
        _add_layer(qtbot, w, count, "linear")
    net = w.document.network
    assert len(net.neurons) == 6 and net.outputs == []
    menu_entry = {a.objectName(): a for a in w.menu("network").actions()}["collapse_linear"]
    w.exports.math_dock.toggleViewAction().trigger()
    dock = w.exports.math_dock
    qtbot.waitUntil(lambda: "mark the output" in dock.collapse_label.text())
    assert not dock.replace.isVisible()
    menu_entry.trigger()  # no output yet: nothing removed, the status bar says what to do
    assert len(w.document.network.neurons) == 6
    assert "mark the output" in w.statusBar().currentMessage()

    gui.click(w.view, gui.node_pos(w, "h6"))
    key(qtbot, w.view, Qt.Key.Key_O)
    assert net.outputs == ["h6"]
    qtbot.waitUntil(lambda: dock.replace.isVisible())
    assert "The 5 hidden linear neurons compute" in dock.collapse_label.text()
    x = [[0.3, -1.2], [2.0, 0.5], [-1.5, 1.0]]
    before = compile_network(w.document.network).forward(x)
    menu_entry.trigger()
    assert set(w.document.network.neurons) == {"h6"} and w.document.network.outputs == ["h6"]
    assert set(w.document.network.connections) == {("x1", "h6"), ("x2", "h6")}
    assert compile_network(w.document.network).forward(x) == pytest.approx(before, abs=1e-12)
    assert "Undo" in w.statusBar().currentMessage()
    w.actions["undo"].trigger()
    assert len(w.document.network.neurons) == 6


def test_file_export_canvas_png_and_svg(tmp_path, monkeypatch, xor_window):
    w = xor_window
    for fmt in ("png", "svg"):
        target = tmp_path / f"fig.{fmt}"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, t=target, **k: (str(t), ""))
        w.actions[f"export_{fmt}"].trigger()
        assert target.exists()
    image = QImage(str(tmp_path / "fig.png"))
    rect = w.scene.content_rect()  # the nodes with their maps and text boxes
    assert abs(image.width() - 2 * (rect.width() + 60)) <= 2 and abs(image.height() - 2 * (rect.height() + 60)) <= 2
    svg = ET.parse(tmp_path / "fig.svg")
    assert not [e for e in svg.iter() if e.tag.endswith("text")]  # labels are outlines: alike in every renderer
    assert len([e for e in svg.iter() if e.tag.endswith("image")]) == 5  # one map per node


def test_a_canvas_too_spread_out_to_draw_is_one_line_and_no_file(tmp_path, monkeypatch, xor_window, dialogs):
    """The figure module refuses a canvas too far-flung to draw (FigureError); File ▸ Export says so in a
    dialog and writes nothing, for both formats (the limit is lowered here: a file cannot hold such a canvas)."""
    from designer.ui import figures

    monkeypatch.setattr(figures, "MAX_SPAN", 10.0)
    for fmt in ("png", "svg"):
        target = tmp_path / f"far.{fmt}"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, t=target, **k: (str(t), ""))
        xor_window.actions[f"export_{fmt}"].trigger()
        assert not target.exists()
    assert [(kind, title) for kind, title, _ in dialogs.shown] == [("warning", "Cannot export")] * 2
    assert all("too far apart to draw" in text and "\n" not in text for _, _, text in dialogs.shown)


def test_file_export_pytorch_writes_runnable_code(tmp_path, monkeypatch, xor_window):
    target = tmp_path / "model.py"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    xor_window.actions["export_pytorch"].trigger()
    assert "def build_model(" in target.read_text(encoding="utf-8")


def test_pytorch_export_of_a_neuron_not_yet_marked_as_output_says_how(
    qtbot, tmp_path, monkeypatch, empty_window, dialogs
):
    """A single neuron built from an empty canvas is no output until marked; the export said
    "PyTorch export: cannot export: the network has no output neuron" (cannot export twice, no way on)."""
    import subprocess
    import sys

    from PySide6.QtCore import Qt

    from tests.ui.test_building import key
    from tests.ui.test_canvas_build import connect

    w = empty_window
    key(qtbot, w.view, Qt.Key.Key_I)
    gui.click(w.view, (0, 0))
    key(qtbot, w.view, Qt.Key.Key_N)
    gui.click(w.view, (220, 0))
    key(qtbot, w.view, Qt.Key.Key_Escape)
    connect(w, "x1", "h1")
    target = tmp_path / "neuron.py"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    export = {a.objectName(): a for a in w.export_menu.actions()}["export_pytorch"]
    export.trigger()
    assert dialogs.shown == [
        (
            "warning",
            "Cannot export",
            "PyTorch export: the network has no output neuron: select the neuron that gives the answer "
            "and press O (Network ▸ Mark/Unmark as Output).",
        )
    ]
    assert not target.exists()
    gui.click(w.view, gui.node_pos(w, "h1"))
    key(qtbot, w.view, Qt.Key.Key_O)  # as the message says
    export.trigger()
    assert "def build_model(" in target.read_text(encoding="utf-8") and len(dialogs.shown) == 1
    try:
        import torch  # noqa: F401
    except ImportError:
        return
    done = subprocess.run([sys.executable, str(target)], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "ok", done.stderr


def test_cli_figures_render_headless(tmp_path, capsys):
    svg = tmp_path / "fig.svg"
    png = tmp_path / "fig.png"
    assert main(["export", str(EXAMPLES / "xor-step.json"), "--to", "svg", "-o", str(svg)]) == 0
    assert main(["export", str(EXAMPLES / "xor-step.json"), "--to", "png", "-o", str(png)]) == 0
    assert "<text" not in svg.read_text(encoding="utf-8")  # labels are outlines
    assert ET.parse(svg).getroot()[0].text == "XOR from step units"  # the title names the network
    image = QImage(str(png))
    assert image.width() > 800 and image.height() > 400  # 2× of a ~540×270 scene
    assert image.pixelColor(5, 5).name() == "#ffffff"  # no grid in figures


def test_export_region_curves_and_side_by_side(tmp_path, monkeypatch, xor_window):
    w = xor_window
    w.live.region_dock.show()
    w.live.curves_dock.show()
    outputs, offered = {}, []
    for key, name in [
        ("export_region_png", "region.png"),
        ("export_region_svg", "region.svg"),
        ("export_curves_png", "curves.png"),
        ("export_curves_svg", "curves.svg"),
        ("export_side_by_side", "both.png"),
    ]:
        target = tmp_path / name

        def dialog(parent, title, suggested, *args, t=target, **kwargs):
            offered.append(Path(suggested).name)
            return str(t), ""

        monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
        w.actions[key].trigger()
        assert target.exists(), key
        outputs[name] = target
    region = QImage(str(outputs["region.png"]))
    view = w.live.region
    assert (region.width(), region.height()) == (2 * view.width(), 2 * view.height())
    texts = " ".join("".join(e.itertext()) for e in ET.parse(outputs["region.svg"]).iter() if e.tag.endswith("text"))
    assert "x₁" in texts or "x1" in texts  # the axis label is text in the SVG
    curve_texts = " ".join(
        "".join(e.itertext()) for e in ET.parse(outputs["curves.svg"]).iter() if e.tag.endswith("text")
    )
    assert "epoch" in curve_texts and "train" in curve_texts  # the plots and their key…
    assert "Hover" not in curve_texts and "log loss" not in curve_texts  # …not the controls beside them
    assert w.live.curves.readout.isVisible() and w.live.curves.log.isVisible()  # back in the window
    both = QImage(str(outputs["both.png"]))
    assert both.width() > region.width() and both.height() >= region.height()
    stem = w.document.path.stem if w.document.path else "network"
    assert offered == [  # a name per figure: one name for all had each export offer to overwrite the last
        f"{stem}-regions.png",
        f"{stem}-regions.svg",
        f"{stem}-curves.png",
        f"{stem}-curves.svg",
        f"{stem}-side-by-side.png",
    ]


def answer_save_dialogs(monkeypatch, tmp_path: Path) -> list[str]:
    """Every save dialog answered with the name it suggests, in ``tmp_path``; the names offered, in order."""
    offered: list[str] = []

    def dialog(parent, title, suggested, *args, **kwargs):
        offered.append(Path(suggested).name)
        return str(tmp_path / Path(suggested).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return offered


def width_drawn_by_rsvg(svg: Path) -> int | None:
    """The pixel width librsvg draws ``svg`` at (it must draw it), or None where rsvg-convert is missing."""
    import shutil
    import subprocess

    if not shutil.which("rsvg-convert"):
        return None
    done = subprocess.run(["rsvg-convert", str(svg)], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return QImage.fromData(done.stdout, "PNG").width()


def exported_svg_and_png(w, entries: dict, figure: str, offered: list[str], tmp_path: Path) -> tuple[Path, Path, str]:
    """File ▸ Export of ``figure`` as SVG, then PNG, each under the name offered (checked: named after the
    network and the figure); the two files and the SVG's text."""
    for fmt in ("svg", "png"):
        entries[f"export_{figure}_{fmt}"].trigger()
    stem = w.document.path.stem if w.document.path else "network"
    assert offered == [f"{stem}-{figure}.svg", f"{stem}-{figure}.png"]
    svg = tmp_path / offered[0]
    texts = " ".join("".join(e.itertext()) for e in ET.parse(svg).iter() if e.tag.endswith("text"))
    return svg, tmp_path / offered[1], texts


def test_the_activation_view_exports_as_a_figure_for_slides(qtbot, tmp_path, monkeypatch, xor_window, dialogs):
    """g(z) and g'(z) of a neuron on a slide: File ▸ Export had the canvas, the regions and the curves,
    not the Activation view."""
    w = xor_window
    entries = {a.objectName(): a for a in w.export_menu.actions()}
    offered = answer_save_dialogs(monkeypatch, tmp_path)
    entries["export_activation_svg"].trigger()  # the view is closed: it says where to find it
    assert dialogs.shown[-1][2] == "Show the Activation view first (View menu)." and not offered
    w.live.activation_dock.toggleViewAction().trigger()
    entries["export_activation_png"].trigger()  # no neuron chosen: nothing to draw
    assert dialogs.shown[-1][2].startswith("Select a neuron first") and not offered
    w.actions["zoom_fit"].trigger()  # the dock took room from the canvas
    gui.click(w.view, gui.node_pos(w, "h2"))
    view = w.live.activation
    qtbot.waitUntil(lambda: view.neuron == "h2")
    svg, png, texts = exported_svg_and_png(w, entries, "activation", offered, tmp_path)
    texts = texts.replace("\u00a0", " ")  # the formulas' no-break spaces (they wrap between terms)
    assert "g(z) = 1 for z ≥ 0, else 0" in texts and "g′(z) = 0 everywhere" in texts
    assert "Hover the decision-region map" not in texts  # an instruction for the window, not for a slide
    assert view.readout.isVisible()  # back in the window
    figure = view.figure  # the whole column, without the scroll bar of a low dock
    image = QImage(str(png))
    assert (image.width(), image.height()) == (2 * figure.width(), 2 * figure.height())
    width = width_drawn_by_rsvg(svg)  # others' tools draw it too
    assert width is None or width == figure.width()


def test_the_loss_landscape_exports_as_a_figure_for_slides(qtbot, tmp_path, monkeypatch, dialogs):
    """The loss over two weights on a slide: File ▸ Export had the canvas, the regions, the curves and the
    activation view, not the Loss Landscape. The figure is its plot (axes, surface, colour bar), not the
    parameter choosers, the readout or "log colours"."""
    from designer.engine import data as dm
    from designer.ui.live.landscape_picker import parameter_label
    from tests.ui.live_gui import open_window
    from tests.ui.test_landscape_view import small_net

    w = open_window(qtbot, small_net())
    w.live.session.regenerate(dm.DataOptions("xor", 0.0, 1.0, 0))
    entries = {a.objectName(): a for a in w.export_menu.actions()}
    offered = answer_save_dialogs(monkeypatch, tmp_path)
    entries["export_landscape_svg"].trigger()  # the view is closed: it says where to find it
    assert dialogs.shown[-1][2] == "Show the Loss Landscape view first (View menu)." and not offered
    w.live.landscape_dock.toggleViewAction().trigger()
    view = w.live.landscape
    qtbot.waitUntil(lambda: view.isVisible() and view.landscape is not None and len(view.parameters) == 2)
    svg, png, texts = exported_svg_and_png(w, entries, "landscape", offered, tmp_path)
    for parameter in view.parameters:  # both axes are named
        assert parameter_label(w.document.network, parameter) in texts
    assert "log colours" not in texts and "Now:" not in texts and "click to move" not in texts
    assert len([e for e in ET.parse(svg).iter() if e.tag.endswith("image")]) >= 1  # the surface
    image = QImage(str(png))
    assert (image.width(), image.height()) == (2 * view.plot.width(), 2 * view.plot.height())
    assert view.log.isVisible() and view.picker.isVisible()  # the controls stay in the window
    width = width_drawn_by_rsvg(svg)  # others' tools draw it too
    assert width is None or abs(width - view.plot.width()) <= 1  # rounded px at 96 dpi


def test_a_loss_landscape_with_no_loss_shown_is_not_exported(tmp_path, monkeypatch, empty_window, dialogs):
    """An empty canvas: the Loss Landscape only says to build a network; its export says so in one line."""
    w = empty_window
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "l.png"), ""))
    w.live.landscape_dock.toggleViewAction().trigger()
    assert w.live.landscape.isVisible() and w.live.landscape.landscape is None
    w.actions["export_landscape_png"].trigger()
    assert dialogs.shown[-1][2] == "The Loss Landscape shows no loss yet: its view says what it needs."
    assert not (tmp_path / "l.png").exists()


def test_an_svg_of_a_network_named_with_control_characters_is_well_formed_xml(tmp_path, xor_window):
    """The name went into <title> raw: NUL, ESC, U+FFFE made the file unreadable to XML parsers."""
    from designer.ui import figures

    w = xor_window
    name = "evil\x00nul\x01\x1b[2J\ufffe\uffff end"
    w.live.build_plots()
    for svg in (figures.svg_text(w.scene, name), figures.widget_svg(w.live.region, name)):
        target = tmp_path / "fig.svg"
        target.write_text(svg, encoding="utf-8")
        (title,) = [e.text for e in ET.parse(target).iter() if e.tag.endswith("title")]
        assert title == "evil nul [2J end"


def test_labels_with_control_characters_export_as_well_formed_svg(tmp_path, monkeypatch, qtbot):
    """A network file's output label "y\x01" is drawn in the regions figure's title and key: the SVG
    export raised in the stroke baking (not well-formed XML) and wrote nothing."""
    from tests.ui.live_gui import mlp, open_window

    net = mlp([2, 3, 3], "tanh", "linear")
    net.softmax = True
    net.neurons["y2"].label = "class\x01two"
    net.inputs["x1"].label = "in\x1b"
    w = open_window(qtbot, net)
    w.live.region_dock.show()
    target = tmp_path / "region.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    w.actions["export_region_svg"].trigger()
    texts = " ".join("".join(e.itertext()) for e in ET.parse(target).iter() if e.tag.endswith("text"))
    assert "classtwo (class 1)" in texts


def test_a_pinned_probes_note_stays_out_of_the_figure_and_comes_back_after(tmp_path, monkeypatch, xor_window):
    """The note came back during the export (the enlarged plot redrew the probe), over the x axis."""
    import numpy as np

    w = xor_window
    w.live.region_dock.show()
    region = w.live.region
    w.live.session.set_probe(np.array([0.5, 0.5]), pinned=True)
    assert region.pin_note.isVisible()
    target = tmp_path / "region.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    w.actions["export_region_svg"].trigger()
    texts = " ".join("".join(e.itertext()) for e in ET.parse(target).iter() if e.tag.endswith("text"))
    assert "Probe pinned" not in texts and "x₁" in texts
    assert region.pin_note.isVisible()


def test_an_exported_region_of_three_classes_says_which_colour_is_which(tmp_path, monkeypatch, qtbot):
    """The figure carried the plot alone: three colours on a slide and no key to them."""
    from tests.ui.live_gui import choose, mlp, open_window

    net = mlp([2, 4, 3], "tanh", "linear")
    net.softmax = True
    w = open_window(qtbot, net)
    live = w.live
    live.region_dock.show()
    choose(live.panel.dataset, "gauss-3")
    region = live.region
    plot_height = region.plot.height()
    shown = [c for c in region.controls if c.isVisible()]
    assert region.discretize in shown and region.show_lines in shown  # the controls a figure leaves out
    target = tmp_path / "region.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    w.actions["export_region_svg"].trigger()
    texts = " ".join("".join(e.itertext()) for e in ET.parse(target).iter() if e.tag.endswith("text"))
    for output in ("y1", "y2", "y3"):
        assert f"{output} (class" in texts  # the class key…
    assert "Most likely class" in texts and "train\xa0250" in texts  # …the title and the points' legend
    assert "Discretize" not in texts and "z = 0" not in texts  # not the check boxes
    assert all(c.isVisible() for c in shown) and region.plot.height() == plot_height  # the window as it was


@pytest.mark.parametrize("platform", ["xcb", ""])
def test_png_export_from_the_command_line_needs_no_display_whatever_qt_is_told(tmp_path, platform):
    """``QT_QPA_PLATFORM=xcb`` (or empty) without a display: Qt aborted the export, exit 134."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = platform
    png = tmp_path / "fig.png"
    done = subprocess.run(
        [sys.executable, "-m", "designer", "export", str(EXAMPLES / "xor-step.json"), "--to", "png", "-o", str(png)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_an_export_onto_the_networks_own_file_is_refused(tmp_path, monkeypatch, xor_window, dialogs):
    """Save dialogs keep an existing name: PyTorch code could be written into the open xor.json."""
    from PySide6.QtWidgets import QFileDialog

    own = tmp_path / "xor.json"
    w = xor_window
    w.files._write(own)
    before = own.read_bytes()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(own), ""))
    w.actions["export_pytorch"].trigger()
    assert dialogs.shown[-1][:2] == ("warning", "Not exported") and "this network's own file" in dialogs.shown[-1][2]
    assert own.read_bytes() == before


def test_network_menu_collapses_linear_layers_and_ctrl_z_brings_them_back(qtbot, xor_window):
    """The collapse was only a button at the bottom of the Math dock: the Network menu, where a student
    looks for it, had no entry (and nothing said when there was nothing to collapse)."""
    from tests.ui.menus import choose_from_menu_bar

    w = xor_window
    before = set(w.document.network.neurons)
    choose_from_menu_bar(qtbot, w, "Network", "Collapse Linear Layers")  # step units: nothing to do
    assert set(w.document.network.neurons) == before and w.document.undo_stack.count() == 0
    assert w.statusBar().currentMessage().startswith("Cannot collapse: no hidden linear neurons")
    w.document.replace(two_two_one("linear", 0.5), path=None)
    choose_from_menu_bar(qtbot, w, "Network", "Collapse Linear Layers")
    assert set(w.document.network.neurons) == {"y"}
    w.activateWindow()
    qtbot.waitUntil(lambda: w.isActiveWindow())
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert set(w.document.network.neurons) == {"h1", "h2", "y"}


@pytest.mark.parametrize("weight", [1e200, 1e160])
def test_a_collapse_whose_weights_no_number_holds_is_refused_in_one_line(qtbot, xor_window, weight):
    """x→h→y at 1e200 each: the collapsed weight 1e400 raised OverflowError (exact sums: float(Fraction));
    many such paths summed as floats made an infinite weight. Network ▸ Collapse Linear Layers and the
    Math dock, which shows the collapse, went to the internal-error dialog."""
    from designer.model import Connection, InputNode, Network, Neuron
    from tests.ui.menus import choose_from_menu_bar

    w = xor_window
    net = Network()
    inputs = [f"x{i}" for i in range(1 if weight == 1e200 else 40)]
    hidden = [f"h{i}" for i in range(1 if weight == 1e200 else 40)]
    for x in inputs:
        net.inputs[x] = InputNode(x)
    for h in hidden:
        net.neurons[h] = Neuron(h, "linear")
        for x in inputs:
            net.connections[(x, h)] = Connection(x, h, weight)
    net.neurons["y"] = Neuron("y", "sigmoid")
    for h in hidden:
        net.connections[(h, "y")] = Connection(h, "y", weight)
    net.outputs = ["y"]
    math = w.exports.math_dock
    math.toggleViewAction().trigger()
    w.document.replace(net, path=None)
    qtbot.waitUntil(lambda: "too large" in math.collapse_label.text())
    assert math.collapse_label.text().startswith("Linear collapse not possible:") and not math.replace.isVisible()
    choose_from_menu_bar(qtbot, w, "Network", "Collapse Linear Layers")
    assert set(w.document.network.neurons) == {*hidden, "y"}  # nothing replaced
    message = w.statusBar().currentMessage()
    assert message.startswith("Cannot collapse:") and "too large" in message and "\n" not in message


def test_an_export_onto_a_drills_answers_file_is_refused(qtbot, tmp_path, monkeypatch, xor_window, dialogs):
    """Refused for the network's own file only: File ▸ Export ▸ PyTorch code choosing the open drill's
    week3.json (the dialog keeps an existing name) wrote Python over the student's answers."""

    from designer.exercises import read_answers
    from tests.ui.menus import choose_from_menu_bar
    from tests.ui.test_chainrule_panel import drill_answers_saved

    chain, answers, before = drill_answers_saved(qtbot, xor_window, tmp_path, monkeypatch)
    choose_from_menu_bar(qtbot, xor_window, "File", "Export", "PyTorch code…")
    assert dialogs.shown[-1] == (
        "warning",
        "Not exported",
        "week3.json is the open chain-rule answers file: export to another name.",
    )
    assert answers.read_bytes() == before and read_answers(answers).entries == {"da:f3": "1"}
