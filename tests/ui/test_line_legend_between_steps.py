"""A resize that comes between a lesson step's network and its recompile leaves the 1-D plot alone.

In lesson step 4, Ctrl+N, Ctrl+PgDown (step 5, 1-D data), Ctrl+PgUp: on the way back the plot was
resized inside the step change, before the session had recompiled; its stale mode still said "line"
while the data (step 4's emptied network) had no input column, and placing the 1-D plot's legend
raised IndexError (x_train[:, 0] of a (250, 0) array). pytest-qt fails the test on such an exception.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from designer.lessons import load_lesson
from tests.ui.live_gui import mlp, sized_window


def test_stepping_back_to_an_emptied_step_places_no_legend_over_stale_data(qtbot):
    w = sized_window(qtbot, mlp([2, 2, 1]), (1366, 740))
    w.lessons.open(load_lesson("neural-networks"), 3)
    session = w.live.session
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(w.view, Qt.Key.Key_N, ctrl)
    qtbot.waitUntil(lambda: session.fresh and session.mode == "none")
    qtbot.keyClick(w.view, Qt.Key.Key_PageDown, ctrl)
    qtbot.waitUntil(lambda: session.fresh and session.mode == "line")  # step 5: 1-D data
    qtbot.keyClick(w.view, Qt.Key.Key_PageUp, ctrl)
    qtbot.waitUntil(lambda: session.fresh)
    assert session.mode == "none" and session.data.x_train.shape[1] == 0  # step 4 as the user left it
    assert not w.live.region.line.visible
