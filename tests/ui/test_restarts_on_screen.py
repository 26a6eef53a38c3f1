"""The restarts window opens on the screen even where the main window reaches below it.

On a 1280×720 screen without a window manager the main window went to y 741; the restarts window at
its lower left opened at y 381 with 360 px, its lower part (the Use these weights button) off the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect

from tests.ui.live_gui import mlp, open_window


def test_the_restarts_window_stays_on_the_screen(qtbot):
    w = open_window(qtbot, mlp([2, 2, 1]))
    screen = w.screen().availableGeometry()
    w.resize(screen.width() - 40, screen.height())
    w.move(screen.left() + 20, screen.top() + 60)  # its lower 60 px below the screen's edge
    qtbot.waitUntil(lambda: w.geometry().bottom() > screen.bottom())
    w.live.panel.restarts_k.setValue(2)
    w.live.panel.restarts_epochs.setValue(2)
    w.actions["train_restarts"].trigger()  # Train ▸ Several restarts…
    dialog = w.live.restarts_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert screen.contains(dialog.frameGeometry()), (dialog.frameGeometry(), screen)
    assert QRect(w.mapToGlobal(w.rect().topLeft()), w.size()).contains(dialog.frameGeometry().topLeft())
    qtbot.waitUntil(lambda: dialog.use.isEnabled(), timeout=10_000)
    dialog.close()
