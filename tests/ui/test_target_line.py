"""The bump's target picture is the target its file defines: upright edges at x = 1 and x = 3.

The picture drew its line through the checked points, and the points within 0.01 of 1 and of 3 are
excluded from the check: the edges slanted from x = 0.98 to 1.01 and from 2.98 to 3.01, a notch partway
up each. It is evaluated over the whole range now, each jump found and drawn upright.
"""

from __future__ import annotations

import numpy as np
import pytest

from designer.exercises import load_exercise
from designer.exercises.target_line import target_line
from tests.ui.test_exercise_panel import click_exercise


def test_the_bump_exercise_shows_its_target_with_upright_edges(qtbot, xor_window):
    w = xor_window
    w.exercise.show()
    panel = w.exercise.panel
    click_exercise(qtbot, panel, "bump")  # shown, as a student browsing the exercises sees it
    picture = panel.picture
    assert picture.isVisible() and picture.currentWidget() is picture.plot
    xs, ys = picture.target_curve.getData()
    at = [0.985, 0.995, 0.9999, 1.0001, 1.005, 2.995, 2.9999, 3.0001, 3.005]
    assert np.interp(at, xs, ys) == pytest.approx([0, 0, 0, 1, 1, 1, 1, 0, 0], abs=1e-6)
    assert xs.min() == -2 and xs.max() == 6  # the whole range of x


def test_a_smooth_target_gains_no_edges():
    exercise = load_exercise("approx-sin")
    xs, ys = target_line(exercise)
    assert len(xs) == len(np.unique(xs)) and np.all(np.abs(np.diff(ys)) < 0.05)
