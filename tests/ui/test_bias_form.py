"""Every neuron writes its bias in the same form, "b" and the number: a bias of −0.284 dropped its "b"
(the number alone fitted the circle) beside a neuron showing "b 1.762"."""

from __future__ import annotations

from tests.ui import gui


def _type_bias(qtbot, w, neuron: str, text: str) -> None:
    gui.double_click(w.view, gui.node_pos(w, neuron))
    gui.type_into_editor(qtbot, w, text)


def test_a_long_bias_keeps_its_b_like_its_neighbour(qtbot, xor_window):
    w = xor_window
    net = w.document.network
    _type_bias(qtbot, w, "h1", "-0.284")
    _type_bias(qtbot, w, "h2", "1.762")
    _type_bias(qtbot, w, "y", "-12.57")
    assert (net.neurons["h1"].bias, net.neurons["h2"].bias, net.neurons["y"].bias) == (-0.284, 1.762, -12.57)
    w.view.viewport().repaint()
    shown = {n: w.scene.node_items[n].bias_label.text() for n in ("h1", "h2", "y")}
    assert shown["h1"] == "b −0.284" and shown["h2"] == "b 1.762", shown  # shrunk, not cut
    assert shown["y"].startswith("b −12."), shown  # an output's ring leaves less room: fewer digits, still "b"
