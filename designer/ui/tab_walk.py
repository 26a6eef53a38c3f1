"""Tab and Shift+Tab in the main window go only to widgets a person can see.

Qt (6.11) does not hide the panel behind a dock tab, nor the dock tab bars it keeps for later: it
parks them outside the window, still "visible". Qt's own Tab walk therefore went through every
control of the Training panel while the Exercise tab was in front (and three empty tab bars after
the last field): about 25 presses with the focus nowhere on screen, while a screen reader read
controls that were not there. The walk here is Qt's (the same focus chain, policy, proxy and
visibility rules) with parked widgets left out.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QTabBar, QWidget

#: the window → its dock tab bars' Python wrappers, kept alive (see :func:`_hold_tab_bars`)
_HELD_TAB_BARS: weakref.WeakKeyDictionary[QMainWindow, list[QTabBar]] = weakref.WeakKeyDictionary()


def _hold_tab_bars(window: QMainWindow) -> None:
    """Keep the Python wrappers of the window's dock tab bars while the window lives: with PySide
    6.11, a wrapper the walk made and then dropped crashed Qt later, when a panel was filled in
    (a segmentation fault in ``QTabBar::minimumSizeHint``)."""
    _HELD_TAB_BARS[window] = window.findChildren(QTabBar)


def parked(widget: QWidget, window: QMainWindow) -> bool:
    """``widget`` is inside a docked panel, or is a dock tab bar, that Qt moved out of the window."""
    part = widget
    while part is not None and part is not window:
        docked = isinstance(part, QDockWidget) and not part.isFloating()
        dock_tabs = isinstance(part, QTabBar) and part.parentWidget() is window
        if (docked or dock_tabs) and not window.rect().intersects(part.geometry()):
            return True
        part = part.parentWidget()
    return False


def _in_window(widget: QWidget, window: QMainWindow) -> bool:
    """Part of the window itself or of one of its floating panels (not a dialog it opened)."""
    top = widget.window()
    return top is window or (isinstance(top, QDockWidget) and top.parentWidget() is window)


def takes_tab(widget: QWidget, window: QMainWindow) -> bool:
    """Qt's rule for a Tab stop (Tab focus, no focus proxy, shown, enabled), on screen."""
    return (
        widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
        and widget.focusProxy() is None
        and widget.isVisibleTo(window)
        and widget.isEnabled()
        and _in_window(widget, window)
        and not parked(widget, window)
    )


def next_tab_stop(window: QMainWindow, forward: bool) -> QWidget | None:
    """The widget Tab (``forward``) or Shift+Tab gives the focus to, following the focus chain."""
    _hold_tab_bars(window)
    start = QApplication.focusWidget()
    if start is None or not _in_window(start, window):
        start = window
    widget = start
    while True:
        widget = widget.nextInFocusChain() if forward else widget.previousInFocusChain()
        if widget is None or widget is start:
            return None
        if takes_tab(widget, window):
            return widget


def move_focus(window: QMainWindow, forward: bool) -> bool | None:
    """For ``QMainWindow.focusNextPrevChild``: True when the focus moved; None when Qt's own walk
    should move it. That is when the focused widget is being hidden (Qt moves the focus off it,
    maybe while deleting it): wrappers made for widgets on their way out broke PySide's layouts."""
    current = QApplication.focusWidget()
    if current is not None and not current.isVisible():
        return None
    target = next_tab_stop(window, forward)
    if target is None:
        return False
    target.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
    return True
