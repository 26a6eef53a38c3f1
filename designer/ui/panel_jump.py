"""Ctrl+Tab / Ctrl+Shift+Tab: the focus to the next / previous panel of the main window, from anywhere.

Only the canvas had a way out (Ctrl+Tab, on to the Inspector); from a panel a keyboard user reached
the next one only by Tab through every control between (from the Training panel's Dataset box to the
canvas: 25 presses). F6, the pane key of many programs, is Train ▸ Step here, so the canvas's Ctrl+Tab
became the window's: it goes to the first control of the next panel in the order Tab walks them
(left column, canvas, right column, bottom), and the status bar (a screen reader too) names the panel.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QTabWidget, QWidget

from designer.ui.canvas.keyboard import CANVAS_NAME
from designer.ui.tab_walk import in_window, part_of, tab_stops

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def panel_direction(event: QKeyEvent) -> bool | None:
    """True for Ctrl+Tab, False for Ctrl+Shift+Tab, None for any other key."""
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if event.key() not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) or mods & ~(CTRL | SHIFT) or not mods & CTRL:
        return None
    return event.key() == Qt.Key.Key_Tab and not mods & SHIFT


def has_tabs_of_its_own(widget: QWidget | None) -> bool:
    """Inside a tab widget Ctrl+Tab is Qt's key for its next tab (the presentation's analysis views)."""
    while widget is not None:
        if isinstance(widget, QTabWidget):
            return True
        widget = widget.parentWidget()
    return False


def panels(window: QMainWindow) -> list[tuple[QWidget, QWidget]]:
    """(panel, its first Tab stop) in Tab's order: the canvas and each dock with a stop on show
    (not a dock's tab bar, which Tab reaches inside its column)."""
    found: list[tuple[QWidget, QWidget]] = []
    for stop in tab_stops(window):
        part = part_of(stop, window)
        if (isinstance(part, QDockWidget) or part is window.centralWidget()) and part not in (p for p, _ in found):
            found.append((part, stop))
    return found


def panel_name(panel: QWidget, window: QMainWindow) -> str:
    return panel.windowTitle() if isinstance(panel, QDockWidget) else CANVAS_NAME


def jump_to_panel(window: QMainWindow, forward: bool, report: Callable[[str], None]) -> bool:
    """The focus on the next (``forward``) or previous panel's first control; False: there is no other."""
    found = panels(window)
    if not found:
        return False
    focus = QApplication.focusWidget()
    here = part_of(focus, window) if focus is not None and in_window(focus, window) else None
    places = [panel for panel, _ in found]
    if places == [here]:
        return False  # the one panel on show (the canvas while presenting): nothing to say
    if here in places:
        index = (places.index(here) + (1 if forward else -1)) % len(found)
    else:
        index = 0 if forward else len(found) - 1
    panel, stop = found[index]
    stop.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
    report(f"{panel_name(panel, window)} (Ctrl+Tab: the next panel, Ctrl+Shift+Tab: the one before)")
    return True
