"""The canvas's repaint during training draws again only what changed: it counts the work (boxes drawn,
fonts measured), never time. Training frames are run one by one (``Training.tick``), as the timer does,
and the canvas is repainted after each, as the window does when the lines' colours move."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest
from PySide6.QtCore import Qt

from designer.engine import data as dm
from designer.ui.canvas import bias_label as bias_module
from designer.ui.canvas import labels as labels_module
from designer.ui.canvas.bias_label import fit_bias
from tests.ui.live_gui import mlp, open_window
from tests.ui.test_live_views_frame_work import run_frames, start_training


class Calls:
    """Calls of a module's function or class (replaced by a counting stand-in for the test)."""

    def __init__(self, monkeypatch, module, name: str) -> None:
        self.count = 0
        original = getattr(module, name)

        def counted(*args, **kwargs):
            self.count += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)


@pytest.fixture
def window(qtbot):
    w = open_window(qtbot, mlp([2, 4, 4, 1], "tanh", "sigmoid"))
    w.live.session.regenerate(dm.DataOptions("xor", 0.0, 1.0, 0))
    w.actions["train_randomize"].trigger()  # no two neurons alike: Play starts without advice first
    w.live.session.flush()
    return w


def repaint(w) -> None:
    """The canvas painted now (the window's repaint after a frame), not at the next turn of the loop."""
    w.view.viewport().repaint()


def grab(w):
    return w.view.viewport().grab().toImage()


def test_a_pinned_probes_boxes_are_drawn_again_only_when_its_values_move(qtbot, window, monkeypatch):
    w = window
    w.live.session.set_probe(np.array([0.3, -0.2]), pinned=True)  # a click on the plot pins it
    labels = w.scene.labels
    qtbot.waitUntil(lambda: len(labels.last.placed) > 5)
    start_training(w)
    run_frames(w, 1, view_every=1)
    repaint(w)
    drawn = Calls(monkeypatch, labels_module, "draw_text")  # one call a box drawn
    boxes, shown, frames = len(labels.layout().placed), 0, 0
    while shown < 2 or not w.live.training.clock.views_due:
        shown += run_frames(w, 1, view_every=3)
        frames += 1
        repaint(w)
    assert frames > shown > 0
    # every repaint drew every box before (131 boxes: 7 ms of each repaint of a 2-64-64-1 canvas); now the
    # boxes are drawn on the frames whose values moved, and their picture is shown between
    assert drawn.count == shown * boxes
    texts = {placed.request.key: placed.lines for placed in labels.last.placed}
    assert texts == {k: v.split("\n") for k, v in w.live.probe.texts().items() if k in texts}
    seen = grab(w)
    labels.picture.clear()  # drawn afresh: what the picture showed was no stale one
    assert grab(w) == seen


def test_boxes_are_drawn_again_when_the_view_zooms(qtbot, window, monkeypatch):
    w = window
    w.actions["show_weights"].setChecked(True)  # W
    labels = w.scene.labels
    qtbot.waitUntil(lambda: any(p.request.kind == "weight" for p in labels.layout().placed))
    repaint(w)
    drawn = Calls(monkeypatch, labels_module, "draw_text")
    repaint(w)
    assert drawn.count == 0  # nothing moved: the picture
    qtbot.keyClick(w.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)  # Ctrl + zooms in
    repaint(w)
    assert drawn.count == len(labels.last.placed) > 0
    seen = grab(w)
    labels.picture.clear()
    assert grab(w) == seen


def test_presenting_measures_a_bias_circles_fonts_once(qtbot, window, monkeypatch):
    w = window
    qtbot.keyClick(w, Qt.Key.Key_F5)
    assert w.presentation.active
    start_training(w)
    run_frames(w, 1, view_every=1)
    repaint(w)
    measured = Calls(monkeypatch, bias_module, "QFontMetricsF")
    for _ in range(4):
        run_frames(w, 1, view_every=1)
        repaint(w)  # every neuron's bias moved: each is fitted again
    # each bias was measured in every size at every frame (presentation's text floor makes them one font:
    # 40 measures a neuron, 17 ms of a presented 2-8-8-1 repaint); the circle's fonts are measured once now
    assert measured.count == 0
    theme = w.scene.theme
    for item in w.scene.node_items.values():
        label = item.bias_label
        if label is None:
            continue
        bias = w.live.session.bias_of(item.node_id)
        room = partial(label._room, r=item.radius, is_output=item.is_output)
        expected = fit_bias(bias, theme.font, room, overflow=False)  # measured afresh, every size
        assert (label.text(), label.font()) == (expected[0], theme.font(expected[1]))
    w.presentation.leave()


def test_new_numbers_search_places_again_only_from_the_first_box_that_changed_width(qtbot, window, monkeypatch):
    w = window
    w.actions["show_weights"].setChecked(True)  # W, as presenting with the weights
    labels = w.scene.labels
    qtbot.waitUntil(lambda: any(p.request.kind == "weight" for p in labels.layout().placed))
    start_training(w)
    run_frames(w, 1, view_every=1)
    repaint(w)
    tests = Calls(monkeypatch, labels_module.CollisionGrid, "hits")  # one a place tried
    searched, whole = [], []
    for _ in range(8):
        before, placements = tests.count, labels.placements
        run_frames(w, 1, view_every=1)  # the numbers move
        repaint(w)
        if labels.placements > placements:
            searched.append(tests.count - before)
            mark = tests.count
            assert labels_module.place(*labels._asked) == labels._chosen  # the same places as a whole search
            whole.append(tests.count - mark)
    assert len(searched) >= 2
    # every box tried its places again at every new set of numbers; now from the first whose width moved
    assert all(s <= f for s, f in zip(searched, whole, strict=True)) and sum(searched) < sum(whole)
    seen = grab(w)
    labels._asked = labels._made_from = None  # placed afresh, every box searched, and drawn afresh
    labels.picture.clear()
    assert grab(w) == seen
