"""Feature nodes on the canvas until the feature palette exists: a file with them opens, they are drawn
in the input column with their formula, and a double-click edits the formula (refusals say why)."""

import pytest
from PySide6.QtCore import QPointF

from designer.exercises import load_exercise
from tests.ui import gui


@pytest.fixture
def circle_window(qtbot):
    from tests.ui.conftest import _window

    return _window(qtbot, load_exercise("circle-one-neuron").solutions[0])


def test_features_are_drawn_like_inputs_with_their_formula(circle_window):
    w = circle_window
    item = w.scene.node_items["x1sq"]
    assert item.is_input and item._source_text() == "x₁²"
    w.view.viewport().grab()  # paints every node (a feature has no activation or bias to draw)
    assert "feature x1sq = x1^2: computed from the inputs" in w.scene.tooltip_for("x1sq")


def test_double_click_edits_the_formula_with_undo(qtbot, circle_window):
    w = circle_window
    net = w.document.network
    gui.double_click(w.view, gui.node_pos(w, "x1sq"))
    gui.type_into_editor(qtbot, w, "sin(x1)")
    assert net.features["x1sq"].expression == "sin(x1)"
    assert w.scene.node_items["x1sq"]._source_text() == "sin x₁"
    w.actions["undo"].trigger()
    assert net.features["x1sq"].expression == "x1^2"
    gui.double_click(w.view, gui.node_pos(w, "x1sq"))
    gui.type_into_editor(qtbot, w, "log(x1)")
    assert net.features["x1sq"].expression == "x1^2"
    assert "unknown function 'log'" in w.statusBar().currentMessage()


def test_nothing_connects_into_a_feature(circle_window):
    w = circle_window
    before = dict(w.document.network.connections)
    gui.drag(w.view, gui.port_pos(w, "y"), gui.node_pos(w, "x2sq") + QPointF(1, 1))
    assert w.document.network.connections == before
