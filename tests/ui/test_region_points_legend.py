"""The decision-region view's points and legend as a new user met them: a 50 % split's test squares hid
the train dots, and the data set's name, cut by count, still wrapped onto a second line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QTextDocument

from tests.ui.live_gui import choose, mlp, open_window, shown_text
from tests.ui.test_chainrule_panel import open_drill


@pytest.mark.parametrize("dataset", ["gauss", "spiral"])
def test_train_dots_are_drawn_over_hollow_test_squares_and_show(qtbot, dataset):
    """gauss and spiral at the default 50 % split: filled test squares were drawn over the train dots."""
    w = open_window(qtbot, mlp([2, 3, 1], "tanh", "sigmoid"))
    panel = w.live.panel
    assert panel.train_ratio.value() == 50
    choose(panel.dataset, dataset)
    region = w.live.region
    points = region.points
    data = w.session.data
    qtbot.waitUntil(lambda: len(points.train.data) == len(data.x_train) > 0 and len(points.test.data) > 0)
    assert points.train.zValue() > points.test.zValue()  # the dots on top
    test_spots, train_spots = points.test.points(), points.train.points()
    hollow = [s.brush().style() == Qt.BrushStyle.NoBrush or s.brush().color().alpha() == 0 for s in test_spots]
    assert all(hollow)  # what is under them shows
    assert max(s.size() for s in test_spots) < min(s.size() for s in train_spots)  # and smaller
    classes = {s.brush().color().name() for s in train_spots}
    assert {s.pen().color().name() for s in test_spots} == classes  # a test square's edge: its class colour
    legend = shown_text(region.legend)
    assert f"● train {len(data.x_train)}" in legend and f"□ test {len(data.x_test)}" in legend


def shown_lines(label) -> list[str]:
    """The lines of a word-wrapped rich-text label as laid out at its width (as QLabel lays it out)."""
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(label.font())
    doc.setHtml(label.text())
    doc.setTextWidth(label.contentsRect().width())
    doc.size()  # (laid out only when asked)
    lines = []
    block = doc.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            lines.append(text[line.textStart() : line.textStart() + line.textLength()].replace("\xa0", " "))
        block = block.next()
    return lines


def name_shown(legend) -> str:
    return shown_text(legend).rsplit("  ", 1)[-1].split("\n")[-1].strip().strip("\u2068\u2069")


def test_the_data_sets_name_is_elided_to_one_line_at_any_width_with_the_whole_name_in_its_tooltip(qtbot, xor_window):
    """A drill's name ("Chain rule: a ch…ree functions", cut at 40 characters) still wrapped onto a second
    line under the regions; in a wide dock the cut wasted room."""
    w = xor_window
    chain = open_drill(qtbot, w, "chain-1-1-1")
    qtbot.mouseClick(chain.load_button, Qt.MouseButton.LeftButton)
    name = w.session.data.name
    assert len(name) > 30
    region = w.live.region
    legend = region.legend
    dock = w.live.region_dock
    dock.setFloating(True)
    italic = QFont(legend.font())
    italic.setItalic(True)
    for width, elided in ((300, True), (1200, False)):
        dock.resize(width, 420)
        qtbot.waitUntil(lambda width=width: abs(legend.width() - (width - 20)) < 40, timeout=2000)
        shown = name_shown(legend)
        assert ("…" in shown) is elided and (shown == name) is not elided
        if elided:
            head, tail = shown.split("…")
            assert name.startswith(head) and name.endswith(tail) and len(head) > 5
        assert QFontMetricsF(italic).horizontalAdvance(shown) <= legend.contentsRect().width()
        lines = shown_lines(legend)
        assert any(shown in line for line in lines), lines  # the name on one line (beside the counts or below)
        assert len(lines) <= (2 if elided else 1), lines
        assert name in legend.toolTip() and "<i>" not in legend.toolTip()


def test_the_test_mark_stays_a_square_while_no_output_is_marked(qtbot):
    """A network built from an empty canvas has no output until the student presses O: the plot is empty
    ("mark a neuron as output") and its legend read "○ test 0"; marked, "□ test 0"."""
    from tests.ui import gui

    w = open_window(qtbot, mlp([2, 3, 1], "tanh", "sigmoid"))
    region = w.live.region
    assert "□ test" in shown_text(region.legend)
    gui.click(w.view, gui.node_pos(w, "y"))
    qtbot.keyClick(w.view, Qt.Key.Key_O)  # unmarked: no output, no plot
    assert w.document.network.outputs == []
    qtbot.waitUntil(lambda: w.session.mode == "none")
    legend = shown_text(region.legend)
    assert "□ test" in legend and "○" not in legend, legend


def test_a_tanh_outputs_crosses_are_the_points_the_accuracy_counts_wrong(qtbot):
    """A 2-3-1 network with a tanh output on circle (0/1 targets), trained a while: the map decided a tanh
    output at 0, so every class-0 point with an output a little above 0 was crossed ("✕ misclassified
    227") while the curves' accuracy (and the plateau note, which counts from it) said 70 were wrong."""
    import numpy as np

    w = open_window(qtbot, mlp([2, 3, 1], "tanh", "tanh"))
    panel, training = w.live.panel, w.live.training
    choose(panel.dataset, "circle")
    panel.stop_epochs_on.setChecked(False)
    qtbot.mouseClick(panel.buttons["train_randomize"], Qt.MouseButton.LeftButton)  # (h1_1 and h1_3 alike)
    qtbot.mouseClick(panel.buttons["train_play"], Qt.MouseButton.LeftButton)
    assert training.running, w.statusBar().currentMessage()
    for _ in range(60):
        training.tick()
    qtbot.mouseClick(panel.buttons["train_play"], Qt.MouseButton.LeftButton)
    assert not training.running
    data, history = w.session.data, training.history
    outputs = w.session.compiled.forward(np.concatenate([data.x_train, data.x_test]))[:, 0]
    assert np.any((outputs > 0) & (outputs < 0.5))  # points the two thresholds judge apart
    wrong = round((1 - history.last("train_acc")) * len(data.x_train))
    wrong += round((1 - history.last("test_acc")) * len(data.x_test))
    points = w.live.region.points
    qtbot.waitUntil(lambda: points.misclassified == wrong, timeout=2000)
    assert len(points.errors.getData()[0]) == wrong
    assert f"✕ misclassified {wrong}" in shown_text(w.live.region.legend)
