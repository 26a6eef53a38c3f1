"""The shipped lesson in the normal window on a 1280×720 screen (the app opens at 1152×680 there).

Steps 12–15 split the left column half and half between the Lesson and the Exercise dock: the
exercise's verdict ("✗ not yet — 1 of 4 rows right") and its truth table were below the fold, so the
student had to scroll to see whether the answer was right.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QSize, Qt

from designer.lessons import load_lesson
from designer.ui.lesson import arrange
from designer.ui.live.line import points_under_corners
from tests.ui.live_gui import sized_window
from tests.ui.test_landscape_view import small_net

SCREEN = QSize(1280, 720)
WINDOW = (1152, 680)
EXERCISE_STEPS = (12, 13, 14, 15)  # and, xor, triangle, approx-sin: the check under the lesson text
LOW_REGION_DOCK = 190  # pixels: the Decision Regions dock of step 6 as Xvfb's fonts leave it
LOW_PLOT = 115  # pixels: its plot then
TRUTH_TABLES = (12, 13)  # and, xor: a four-row truth table under the verdict (14, 15: a target picture)


@pytest.fixture
def screen_720(qtbot, monkeypatch):
    """The app's window at 1152×680 on a 1280×720 screen (the offscreen screen has another size)."""
    monkeypatch.setattr(arrange, "room", lambda window: window.size().boundedTo(SCREEN))
    return sized_window(qtbot, small_net(), WINDOW)


def _shown(widget) -> int:
    """How many pixel rows of ``widget`` are on screen (not clipped by a scroll area or the window)."""
    return widget.visibleRegion().boundingRect().height()


def test_the_exercise_verdict_and_table_are_in_view_in_steps_12_to_15(qtbot, screen_720):
    w = screen_720
    assert w.lessons.open(load_lesson("neural-networks"), EXERCISE_STEPS[0] - 1)
    next_button = w.lessons.panel.next
    for number in EXERCISE_STEPS:
        if number != EXERCISE_STEPS[0]:
            qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
        assert w.lessons.panel.steps.currentRow() == number - 1
        panel = w.exercise.panel
        status, table = panel.status, panel.picture
        qtbot.waitUntil(lambda s=status: s.text() != "", timeout=5000)  # the live check has run
        qtbot.waitUntil(lambda s=status: _shown(s) == s.height(), timeout=5000)  # the whole verdict
        if number in TRUTH_TABLES:
            qtbot.waitUntil(lambda t=table: _shown(t) == t.height(), timeout=5000)  # all four rows
        assert next_button.visibleRegion().boundingRect().size() == next_button.size()  # the lesson goes on
        assert (w.width(), w.height()) == WINDOW


def test_step_5_keeps_the_window_on_the_screen_its_other_view_behind_a_tab(qtbot, screen_720):
    """Step 5's activation view, decision regions and Inspector one above another asked for 701 px (723
    under Xvfb) of the 680 px window: it grew past the 720 px screen and stayed so for every later step."""
    w = screen_720
    assert w.lessons.open(load_lesson("neural-networks"), 3)  # step 4, then Next as a student clicks
    qtbot.mouseClick(w.lessons.panel.next, Qt.MouseButton.LeftButton)
    assert w.lessons.panel.steps.currentRow() == 4
    activation, regions = w.live.activation_dock, w.live.region_dock
    qtbot.waitUntil(lambda: not activation.visibleRegion().isEmpty(), timeout=5000)  # the step's main view
    assert w.minimumSizeHint().height() <= WINDOW[1]
    assert regions in w.tabifiedDockWidgets(activation)  # the regions a tab away
    qtbot.mouseClick(w.lessons.panel.next, Qt.MouseButton.LeftButton)  # and on: the window never grew
    assert (w.width(), w.height()) == WINDOW


def test_step_6_legend_covers_no_curve_on_a_low_plot(qtbot, screen_720):
    """Step 6 (a 1-8-1 tanh network learns sin x) under Xvfb's fonts: a 110 px plot, its band above the
    data capped at 44 px, and the two-line legend sat over the contributions' curves."""
    w = screen_720
    assert w.lessons.open(load_lesson("neural-networks"), 5)
    session = w.live.session
    qtbot.waitUntil(lambda: not session.training.running, timeout=60000)  # the step's own training ends
    region, vb, line = w.live.region_dock, w.live.region.vb, w.live.region.line
    w.resizeDocks([region], [LOW_REGION_DOCK], Qt.Orientation.Vertical)  # the plot as low as under Xvfb
    qtbot.waitUntil(lambda: vb.boundingRect().height() <= LOW_PLOT, timeout=3000)
    line.refresh()
    w.live.region.plot.viewport().grab()
    (x0, x1), (y0, y1) = vb.viewRange()
    curves = (line.output, *[c for c in line.contributions if c.isVisible()])
    xs = np.concatenate([c.getData()[0] for c in curves])
    ys = np.concatenate([c.getData()[1] for c in curves])
    size, box = line.legend.boundingRect(), vb.boundingRect()
    covered = points_under_corners(xs, ys, (x0, x1, y0, y1), (box.width(), box.height()), (size.width(), size.height()))
    assert covered[line.legend.corner] == 0, (covered, box.height())
    shown = line.legend.mapRectToItem(vb, line.legend.boundingRect())
    assert box.contains(shown)  # the whole legend inside the plot
