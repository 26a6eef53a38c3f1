"""A keyboard-only student in the lesson: File ▸ New (Ctrl+N) on a step that shows a loss landscape,
then Ctrl+PgDown and Ctrl+PgUp back to it. Real key events on the focused widget."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from designer.lessons import load_lesson

CTRL = Qt.KeyboardModifier.ControlModifier
LANDSCAPE_STEP = 3  # step 4 of the shipped lesson: a sigmoid learns, the landscape over w(x1→y), w(x2→y)


def press(qtbot, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifiers)


def test_back_to_a_landscape_step_whose_network_was_emptied(qtbot, xor_window, dialogs):
    """The step kept the empty network as its edit; back on it, its landscape action asked for the
    weight x1 → y that was gone: a KeyError instead of the step."""
    w = xor_window
    player = w.lessons
    player.open(load_lesson("neural-networks"), LANDSCAPE_STEP)
    w.activateWindow()
    w.view.setFocus()
    qtbot.waitUntil(w.view.hasFocus)
    press(qtbot, Qt.Key.Key_N, CTRL)  # File ▸ New ▸ Empty network, kept as the step's edit
    assert not w.document.network.connections
    press(qtbot, Qt.Key.Key_PageDown, CTRL)
    qtbot.waitUntil(lambda: player.index == LANDSCAPE_STEP + 1)
    press(qtbot, Qt.Key.Key_PageUp, CTRL)
    qtbot.waitUntil(lambda: player.index == LANDSCAPE_STEP)
    assert not w.document.network.connections  # the student's edit, kept
    assert w.live.landscape.parameters == []  # nothing to show over: no weight chosen
