"""A weight or bias shown (on its line, on the neuron, in the Math view) never reads as an integer it is not.

Found training towards a weight of 1: at 0.99996 Show Weights on Lines wrote "1" on the line, and the
Math view "w = 1", in 4 significant digits; a student took the weight for exactly 1. They now read
"0.99996" (as the live readings do), or "≈1" where a neuron's circle has no room for the digits; the
Inspector's fields keep the exact value, as before.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from designer.ui.code_docks import math_lines
from tests.ui.menus import choose_from_menu_bar
from tests.ui.test_inspector import _select_connection, _select_neuron, _type


def test_a_weight_of_0_99996_and_a_bias_of_1_00004_read_as_themselves(qtbot, xor_window):
    w = xor_window
    _select_connection(qtbot, w, ("h2", "y"))
    _type(qtbot, w.findChild(QLineEdit, "weightField"), "0.99996")
    assert w.document.network.connections[("h2", "y")].weight == 0.99996
    _select_neuron(qtbot, w, "h1")
    _type(qtbot, w.findChild(QLineEdit, "biasField"), "1.00004")
    assert w.document.network.neurons["h1"].bias == 1.00004
    assert w.findChild(QLineEdit, "biasField").text() == "1.00004"  # the field: the exact value
    choose_from_menu_bar(qtbot, w, "View", "Show Weights on Lines")
    assert w.actions["show_weights"].isChecked()
    shown = {request.owners: request.lines for request in w.scene.connections.weight_labels()}
    assert shown[("h2", "y")] == ["0.99996"]
    assert w.scene.node_items["h1"].bias_label.text() in ("b 1.00004", "b ≈1")  # the circle's room
    math = "\n".join(math_lines(w.document.network, "lecture"))
    assert "0.99996" in math and "1.00004" in math
