"""F5 covers the projector also where no window manager honours the full-screen state.

On an X11 session without a window manager (a kiosk lecture-hall PC; Xvfb, where a teacher checks
the slides) Qt's full-screen state changes nothing: the window stayed 1200×700 in a corner of the
1920×1080 screen, the rest black. Such a platform is imitated by a ``showFullScreen`` that does nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.test_presentation import activate


def test_f5_covers_the_screen_when_nothing_makes_the_window_full_screen(qtbot, xor_window, monkeypatch):
    w = xor_window
    w.resize(700, 500)
    qtbot.wait(30)
    before = w.geometry()
    monkeypatch.setattr(w, "showFullScreen", lambda: None)  # a window manager that is not there
    activate(qtbot, w)
    qtbot.keyClick(w, Qt.Key.Key_F5)
    assert w.presentation.active
    screen = w.screen().geometry()
    assert w.geometry() == screen
    qtbot.waitUntil(lambda: w.presentation.stage.size() == screen.size(), timeout=2000)  # the stage fills it
    qtbot.keyClick(w.view, Qt.Key.Key_F5)
    assert not w.presentation.active
    qtbot.waitUntil(lambda: w.geometry() == before, timeout=2000)  # and leaving gives the window its size back
