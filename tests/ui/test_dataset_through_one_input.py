"""A network built input by input passes through one input: the 2-D dataset chosen before (a lesson's
"and") was replaced by "bump" at x₁ and by the default "xor" at x₂, so the AND neuron built next was
judged on XOR points without a word."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from designer.model import AddNode, InputNode
from designer.model.templates import empty
from tests.ui import gui
from tests.ui.live_gui import choose, open_window


def test_the_dataset_chosen_for_two_inputs_comes_back_when_the_second_input_is_added(qtbot):
    w = open_window(qtbot, empty())
    live = w.live
    choose(live.panel.dataset, "and")
    for node_id, y in (("x1", 0.0), ("x2", 120.0)):
        w.document.push(AddNode(InputNode(node_id, position=(0.0, y))))
        live.session.ensure_fresh()  # as the views' next frame does
        if node_id == "x1":
            assert live.session.options.name == "bump"  # one input: a 1-D set meanwhile
    assert live.session.options.name == "and"
    QApplication.processEvents()
    assert live.panel.dataset.currentData() == "and"


def test_an_input_deleted_and_undone_keeps_the_dataset(qtbot, xor_window):
    w = xor_window
    live = w.live
    choose(live.panel.dataset, "circle")
    gui.click(w.view, gui.node_pos(w, "x2"))
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    live.session.ensure_fresh()
    assert len(w.document.network.inputs) == 1 and live.session.options.name == "bump"
    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    live.session.ensure_fresh()
    assert len(w.document.network.inputs) == 2
    assert live.session.options.name == "circle" and live.panel.dataset.currentData() == "circle"


def test_a_one_input_file_without_an_experiment_names_the_bump_points_it_shows(qtbot, tmp_path, monkeypatch):
    """A 1-input network opened on its own trains on the documented default, ``bump`` (docs/format.md): its
    points are drawn over the curve, so the plot's legend names them (they are no target of the file's)."""
    from designer.model import dumps
    from tests.ui.live_gui import mlp
    from tests.ui.test_experiment_file import open_file

    path = tmp_path / "one-input.json"
    path.write_text(dumps(mlp([1, 3, 1], "relu", "linear")), encoding="utf-8")
    w = open_window(qtbot, mlp([2, 3, 1]))
    w.live.build_plots()
    open_file(qtbot, w, path, monkeypatch)
    w.live.session.flush()
    assert w.live.session.options.name == "bump" and w.live.panel.dataset.currentText() == "bump (1 input)"
    legend = w.live.region.points.legend
    assert legend.text().endswith("<i>bump</i>") and "Data: bump" in legend.toolTip()
