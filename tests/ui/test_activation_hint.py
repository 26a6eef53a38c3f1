"""The Activation view's hint names what Decision Regions shows: over one input an output curve, not a map.

With a 1-input network the readout said "Hover the decision-region map", while the regions view drew
the output over x: there is no map to look for.
"""

from __future__ import annotations

from tests.ui import gui
from tests.ui.live_gui import mlp, open_window
from tests.ui.menus import choose_from_menu_bar


def activation_readout(qtbot, sizes: list[int]) -> str:
    """The readout of View ▸ Activation for the output y, selected on the canvas, no point probed."""
    w = open_window(qtbot, mlp(sizes))
    w.live.build_plots()
    choose_from_menu_bar(qtbot, w, "View", "Activation")
    activation = w.live.activation
    qtbot.waitUntil(activation.isVisible)
    gui.click(w.view, gui.node_pos(w, "y"))
    qtbot.waitUntil(lambda: activation.neuron == "y")
    assert w.live.session.probe_value("y") is None  # nothing probed: the hint is shown
    return activation.readout.text()


def test_over_one_input_the_hint_points_at_the_output_curve(qtbot):
    readout = activation_readout(qtbot, [1, 2, 1])
    assert "output curve" in readout and "map" not in readout, readout


def test_over_two_inputs_the_hint_points_at_the_map(qtbot):
    readout = activation_readout(qtbot, [2, 2, 1])
    assert "decision-region map" in readout and "curve" not in readout, readout


def test_without_inputs_the_hint_says_there_is_nothing_to_probe(qtbot):
    readout = activation_readout(qtbot, [0, 1])
    assert "No point to probe" in readout and "Hover" not in readout, readout
