"""The backward walk asks for the factors of at most 40 lines a level (more would cover the canvas): on a
2-45-1 network's last level, the lines from h41 … h45 into y had no factors and the legend said nothing of
them. It now counts them, and hovering one of them shows its box."""

from __future__ import annotations

from PySide6.QtCore import Qt

from designer.ui.live.backward import MAX_LABELS
from tests.ui import gui
from tests.ui.live_gui import mlp, sized_window


def placed(w) -> set:
    """The lines whose factor boxes the canvas shows now."""
    w.view.viewport().repaint()
    return {p.request.key for p in w.scene.labels.last.placed if p.request.kind == "factor"}


def test_the_legend_counts_the_lines_past_the_levels_boxes_and_hovering_one_shows_its_own(qtbot):
    w = sized_window(qtbot, mlp([2, 45, 1]), (1280, 720))
    w.view.zoom_to_fit()
    w.actions["backward_pass"].trigger()
    walk, legend = w.live.backward, w.live.gradients.legend
    assert walk.active and walk.level == 2 and len(walk.factors) == 45
    said = f"factors drawn on {MAX_LABELS} of these 45 lines only ({MAX_LABELS} a level)"
    assert any(line.startswith(said) for line in legend.lines), legend.lines
    assert legend.isVisible() and legend.text().count("hover a line to see its own") == 1
    last = list(walk.factors)[-1]  # h45 → y, past the first 40
    assert last not in placed(w)
    layer = w.scene.connections
    i = layer.position_of[last]
    start, end = layer.start[i], layer.end[i]
    gui.move(w.view, tuple(start + (end - start) * 0.15), buttons=Qt.MouseButton.NoButton)  # near h45
    hovered = layer.hovered  # (h44's line runs close by at this zoom)
    assert hovered in list(walk.factors)[MAX_LABELS:]
    assert hovered in placed(w)  # its box, as the legend says
    qtbot.keyClick(w.view, Qt.Key.Key_Left)  # level 1: two lines into each of 45 neurons, 90 in all
    assert len(walk.factors) == 90
    qtbot.waitUntil(lambda: f"factors drawn on {MAX_LABELS} of these 90 lines only" in legend.text())


def test_a_level_with_no_more_lines_than_its_boxes_says_nothing_of_them(qtbot):
    w = sized_window(qtbot, mlp([2, 40, 1]), (1280, 720))
    w.actions["backward_pass"].trigger()
    walk, legend = w.live.backward, w.live.gradients.legend
    assert walk.active and len(walk.factors) == MAX_LABELS
    assert "lines only" not in legend.text()
