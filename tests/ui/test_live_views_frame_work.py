"""The newer live views keep to the frame budget while training: they count their work (recomputes,
redraws), never time. Training frames are run one by one here (``Training.tick``), as the timer does."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTabBar

from designer.engine import data as dm
from designer.formatting import format_weight
from designer.ui.live import landscape_view
from designer.ui.live.landscape_view import GRID_2D, LEAST_GRID_2D, TRAINING_REFRESH_MS, training_refresh_ms
from designer.ui.live.on_screen import on_screen
from tests.ui.live_gui import mlp, open_window


class Counter:
    """Calls of one method of one object (the instance attribute shadows the class's)."""

    def __init__(self, owner, name: str) -> None:
        self.count = 0
        original = getattr(owner, name)

        def counted(*args, **kwargs):
            self.count += 1
            return original(*args, **kwargs)

        setattr(owner, name, counted)


@pytest.fixture
def window(qtbot):
    w = open_window(qtbot, mlp([2, 4, 1], "tanh", "sigmoid"))
    w.live.session.regenerate(dm.DataOptions("xor", 0.0, 1.0, 0))
    w.actions["train_randomize"].trigger()  # no two neurons alike: Play starts without advice first
    w.live.session.flush()
    return w


def start_training(w) -> None:
    """Play, then frames only when a test runs them (the timer's next frame is stopped)."""
    training = w.live.training
    w.actions["train_play"].trigger()
    assert training.running
    training._timer.stop()


def run_frames(w, count: int, view_every: int | None = None) -> int:
    """``count`` training frames; how many of them updated the views (every n-th, as the budget chose)."""
    training = w.live.training
    shown = 0
    for _ in range(count):
        if view_every is not None:
            training.clock.view_every = view_every
            training.clock._good = 0  # no "room for more" yet: it stays
        training.tick()
        training._timer.stop()
        shown += training.clock.views_due
    return shown


def tab_bar_with(w, title: str) -> tuple[QTabBar, int] | None:
    """The shown tab bar with a tab named ``title`` (the main window keeps unused ones hidden)."""
    for bar in w.findChildren(QTabBar):
        for i in range(bar.count() if bar.isVisible() else 0):
            if bar.tabText(i) == title:
                return bar, i
    return None


def click_tab(qtbot, w, title: str, content) -> None:
    """Clicks on the dock's tab, as a user brings it to the front, until ``content`` is on screen (the
    window lays its tabs out again after a change: a click on a tab bar about to be replaced is lost)."""

    def in_front() -> bool:
        found = tab_bar_with(w, title)
        if found is not None and not on_screen(content):
            bar, i = found
            QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, bar.tabRect(i).center())
        return on_screen(content)

    qtbot.waitUntil(in_front)


def tab_behind_regions(qtbot, w, dock, view) -> None:
    """``dock`` in a tab behind the Decision Regions (once the window has placed its panels)."""
    qtbot.waitUntil(lambda: w.live.region_dock.widget() is w.live.region and on_screen(view))
    w.tabifyDockWidget(w.live.region_dock, dock)
    click_tab(qtbot, w, "Decision Regions", w.live.region)
    qtbot.waitUntil(lambda: not on_screen(view))


def open_landscape(qtbot, w):
    """The Loss Landscape shown over the output's two weights, its first surface computed."""
    w.live.landscape_dock.show()
    view = w.live.landscape
    view.set_parameters(["w:h1_1->y", "w:h1_2->y"])
    qtbot.waitUntil(lambda: view.landscape is not None)
    return view


def open_landscape_behind_regions(qtbot, w):
    view = open_landscape(qtbot, w)
    tab_behind_regions(qtbot, w, w.live.landscape_dock, view)
    return view


def test_a_landscape_behind_another_tab_computes_nothing_while_training_and_catches_up_in_front(qtbot, window):
    w = window
    view = open_landscape_behind_regions(qtbot, w)
    computes, draws = Counter(view, "compute"), Counter(view, "_draw_point_and_path")
    start_training(w)
    run_frames(w, 12, view_every=1)
    qtbot.wait(3 * TRAINING_REFRESH_MS)  # the surface's refresh timer would have fired
    assert (computes.count, draws.count) == (0, 0)  # it went on every 0.2 s behind the tab
    path = len(view.path)
    assert path > 12  # the path takes each step all the same: it shows whole when the tab comes back
    click_tab(qtbot, w, "Loss Landscape", view)
    qtbot.waitUntil(lambda: computes.count == 1)
    assert draws.count >= 1
    assert len(view.path_line.getData()[0]) == len(view.path)


def test_the_landscape_path_is_drawn_on_the_frames_that_update_the_views(qtbot, window):
    w = window
    view = open_landscape(qtbot, w)
    draws = Counter(view, "_draw_point_and_path")
    start_training(w)
    shown = run_frames(w, 16, view_every=4)
    assert 0 < shown < 16
    assert draws.count == shown  # at every frame before, with a repaint of the plot each time


def test_a_dear_surface_is_coarser_while_training_and_whole_when_it_pauses(qtbot, window):
    w = window
    view = open_landscape(qtbot, w)
    assert view.landscape.values.shape == (GRID_2D, GRID_2D)
    start_training(w)
    view.cost_per_value = 1e-3  # as a big network's surface measures: 61×61 values would take 3.7 s
    view.compute()
    assert view.landscape.values.shape == (LEAST_GRID_2D, LEAST_GRID_2D)
    w.actions["train_play"].trigger()  # pause
    qtbot.waitUntil(lambda: view.landscape.values.shape == (GRID_2D, GRID_2D))


def test_dear_recomputes_wait_longer_while_training():
    assert training_refresh_ms(0.001) == TRAINING_REFRESH_MS
    assert training_refresh_ms(0.05) == pytest.approx(0.05 / landscape_view.TRAINING_SHARE * 1000)


def open_activation(qtbot, w):
    live = w.live
    live.activation_dock.show()
    view = live.activation
    qtbot.waitUntil(view.isVisible)
    w.scene.select_nodes(["h1_1"])
    qtbot.waitUntil(lambda: view.neuron == "h1_1")
    w.live.session.set_probe(np.array([0.3, -0.2]), pinned=True)
    qtbot.waitUntil(lambda: view.mark() is not None)
    return view


def test_training_frames_move_the_activation_mark_and_leave_its_curves(qtbot, window):
    w = window
    view = open_activation(qtbot, w)
    curves = Counter(view.g_curve, "setData")
    marks = Counter(view.g_mark, "setData")
    start_training(w)
    shown = run_frames(w, 8, view_every=1)
    assert shown >= 4
    assert marks.count == shown  # the mark follows every frame that updates the views
    assert curves.count == 0  # g(z) of tanh stays where it was: it was computed and set again each time
    z, g = view.g_mark.getData()
    assert (z[0], g[0]) == pytest.approx(view.mark()[:2])


def test_an_activation_view_behind_another_tab_draws_nothing_while_training(qtbot, window):
    w = window
    view = open_activation(qtbot, w)
    tab_behind_regions(qtbot, w, w.live.activation_dock, view)
    marks = Counter(view.g_mark, "setData")
    start_training(w)
    run_frames(w, 8, view_every=1)
    assert marks.count == 0
    click_tab(qtbot, w, "Activation", view)
    qtbot.waitUntil(lambda: marks.count == 1)
    z, g = view.g_mark.getData()
    assert (z[0], g[0]) == pytest.approx(view.mark()[:2])


def test_a_pinned_probes_boxes_are_placed_again_only_when_its_values_move(qtbot, window):
    w = window
    w.live.session.set_probe(np.array([0.3, -0.2]), pinned=True)
    labels = w.scene.labels
    qtbot.waitUntil(lambda: len(labels.last.placed) > 3)  # every neuron's z and g(z), painted
    start_training(w)
    before = labels.placements
    made = w.live.probe._cached.made
    shown = 0
    for _ in range(8):
        shown += run_frames(w, 1, view_every=4)
        labels.layout()  # as the canvas's repaint after each frame does
    assert 0 < shown < 8
    # the weights' colours moved at every frame (a repaint of the canvas), the probe's values only on
    # the frames that updated the views: the boxes were written and placed at every repaint before
    assert w.live.probe._cached.made - made == shown
    assert labels.placements - before == shown
    texts = {placed.request.key: placed.lines for placed in labels.layout().placed}
    assert texts == {k: v.split("\n") for k, v in w.live.probe.texts().items() if k in texts}


def test_a_backward_walk_during_training_places_its_factors_once(qtbot, window):
    w = window
    labels = w.scene.labels
    start_training(w)
    w.actions["backward_pass"].trigger()  # B during training
    assert w.live.backward.active
    labels.layout()
    before = labels.placements
    run_frames(w, 6, view_every=1)
    for _ in range(6):
        labels.layout()
    assert labels.placements == before  # the walk's factors are its sample's: nothing moved them
    w.actions["walk_next"].trigger()  # ← towards the inputs: another level, placed again
    assert labels.layout().placed and labels.placements == before + 1


def test_weight_labels_while_training_follow_the_frames_that_update_the_views(qtbot, window):
    w = window
    w.actions["show_weights"].setChecked(True)  # as presenting with W
    layer, labels = w.scene.connections, w.scene.labels
    qtbot.waitUntil(lambda: any(p.request.kind == "weight" for p in labels.layout().placed))
    start_training(w)
    run_frames(w, 1)
    labels.layout()  # the run's first frame: its values are the live ones from now on
    before, frames, shown = labels.placements, 0, 0
    while shown < 2 or not w.live.training.clock.views_due:
        shown += run_frames(w, 1, view_every=4)
        frames += 1
        labels.layout()  # as the canvas's repaint after each frame does (the lines' colours moved)
    assert frames > shown
    assert labels.placements - before == shown  # at every frame before: 58 ms a repaint presenting 2-8-8-1
    live = dict(zip(layer.keys, (format_weight(float(v)) for v in layer.weights), strict=True))
    placed = {p.request.key: p.lines[0] for p in labels.layout().placed if p.request.kind == "weight"}
    assert placed and placed == {k: live[k] for k in placed}  # the numbers of the last such frame: now
    w.actions["train_play"].trigger()  # pause: a step of its own (an edit) writes them again
    assert labels.layout() is not None and labels.placements > before + shown
