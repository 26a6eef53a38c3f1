"""The backward walk on the lecture's 2-2-1 network: the two crossing lines share their middle, and the
canvas has room for one of their factor boxes only. The walk's legend names the line left out and how to
see it (hovering it brings its own box), instead of leaving one of four ∂L/∂w out without a word."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui import gui
from tests.ui.test_chainrule_panel import load_and_press


def placed(w) -> set:
    w.view.viewport().repaint()
    return {p.request.key for p in w.scene.labels.last.placed}


def test_a_factor_box_without_room_is_named_in_the_legend_and_shown_on_hover(qtbot, xor_window):
    w = xor_window
    load_and_press(qtbot, w, "chain-2-2-1-sigmoid", Qt.Key.Key_B)
    walk, legend = w.live.backward, w.live.gradients.legend
    assert walk.active
    assert {("h1", "y"), ("h2", "y")} <= placed(w)
    qtbot.wait(50)  # the legend follows the painted boxes a moment later: nothing to add here
    assert "no room" not in legend.text()  # level 2: both lines into y have their boxes
    qtbot.keyClick(w.view, Qt.Key.Key_Left)  # level 1: the four lines into h1 and h2
    assert set(walk.factors) == {("x1", "h1"), ("x2", "h1"), ("x1", "h2"), ("x2", "h2")}
    assert set(walk.factors) - placed(w) == {("x1", "h2")}
    qtbot.waitUntil(lambda: "no room" in legend.text())
    assert "no room here for the factors of x₁ → h2: hover a line to see its own" in legend.text()
    layer = w.scene.connections
    i = layer.position_of[("x1", "h2")]
    start, end = layer.start[i], layer.end[i]
    gui.move(w.view, tuple(start + (end - start) * 0.2), buttons=Qt.MouseButton.NoButton)  # off the crossing
    assert w.scene.connections.hovered == ("x1", "h2")
    assert ("x1", "h2") in placed(w)
    qtbot.wait(50)  # the hover stays, and so does what the legend says
    assert w.scene.connections.hovered == ("x1", "h2") and "factors of x₁ → h2" in legend.text()
    qtbot.keyClick(w.view, Qt.Key.Key_Right)  # back to level 2: nothing left out, no such line
    qtbot.waitUntil(lambda: "no room" not in legend.text())
