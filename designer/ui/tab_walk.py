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

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QMenu,
    QMenuBar,
    QStatusBar,
    QTabBar,
    QToolBar,
    QWidget,
)

from designer.ui.dock_list import dock_widgets

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


def in_window(widget: QWidget, window: QMainWindow) -> bool:
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
        and in_window(widget, window)
        and not parked(widget, window)
    )


#: the window's parts in the order they are seen (a rank each)
MENU_BAR, TOP, LEFT, CENTRE, RIGHT, BOTTOM, STATUS_BAR, FLOATING = range(8)
_DOCK_RANKS = {
    Qt.DockWidgetArea.TopDockWidgetArea: TOP,
    Qt.DockWidgetArea.LeftDockWidgetArea: LEFT,
    Qt.DockWidgetArea.RightDockWidgetArea: RIGHT,
    Qt.DockWidgetArea.BottomDockWidgetArea: BOTTOM,
}
_TOOLBAR_RANKS = {
    Qt.ToolBarArea.TopToolBarArea: TOP,
    Qt.ToolBarArea.LeftToolBarArea: LEFT,
    Qt.ToolBarArea.RightToolBarArea: RIGHT,
    Qt.ToolBarArea.BottomToolBarArea: BOTTOM,
}


def part_of(widget: QWidget, window: QMainWindow) -> QWidget:
    """The child of the window ``widget`` is in: a panel, a toolbar, the canvas, a dock tab bar…"""
    part = widget
    while part.parentWidget() is not None and part.parentWidget() is not window:
        part = part.parentWidget()
    return part


def _rank_by_place(rect: QRect, window: QMainWindow) -> int:
    """Where a part without a dock area (a dock tab bar) is, beside the canvas."""
    central = window.centralWidget()
    middle = central.geometry() if central is not None else window.rect()
    centre = rect.center()
    if centre.x() < middle.left():
        return LEFT
    if centre.x() > middle.right():
        return RIGHT
    return TOP if centre.y() < middle.top() else BOTTOM if centre.y() > middle.bottom() else CENTRE


def _rank(part: QWidget, window: QMainWindow) -> int:
    if isinstance(part, QDockWidget):
        return FLOATING if part.isFloating() else _DOCK_RANKS.get(window.dockWidgetArea(part), FLOATING)
    if isinstance(part, QToolBar):
        return _TOOLBAR_RANKS.get(window.toolBarArea(part), TOP)
    if isinstance(part, QMenuBar):
        return MENU_BAR
    if isinstance(part, QStatusBar):
        return STATUS_BAR
    return CENTRE if part is window.centralWidget() else _rank_by_place(part.geometry(), window)


def _seen_order(part: QWidget, window: QMainWindow) -> tuple[int, int, int]:
    """The part's place on screen: its rank, then top to bottom in a column (left to right along the
    top and the bottom)."""
    rank = _rank(part, window)
    where = part.geometry().topLeft() if part.isWindow() else part.mapTo(window, part.rect().topLeft())
    along_a_row = rank in (TOP, BOTTOM)
    return (rank, where.x(), where.y()) if along_a_row else (rank, where.y(), where.x())


def tab_stops(window: QMainWindow) -> list[QWidget]:
    """The window's Tab stops in the order Tab walks them: by part as seen, each in the chain's order."""
    stops = []
    widget = window.nextInFocusChain()
    while widget is not None and widget is not window and len(stops) <= 10_000:
        if takes_tab(widget, window):
            stops.append(widget)
        widget = widget.nextInFocusChain()
    places = {id(part): _seen_order(part, window) for part in {part_of(stop, window) for stop in stops}}
    return sorted(stops, key=lambda stop: places[id(part_of(stop, window))])


def _next_in_chain(start: QWidget, window: QMainWindow, forward: bool) -> QWidget | None:
    """Qt's own next stop from ``start`` (not a stop itself: a widget that took the focus otherwise)."""
    widget = start
    while True:
        widget = widget.nextInFocusChain() if forward else widget.previousInFocusChain()
        if widget is None or widget is start:
            return None
        if takes_tab(widget, window):
            return widget


def next_tab_stop(window: QMainWindow, forward: bool) -> QWidget | None:
    """The widget Tab (``forward``) or Shift+Tab gives the focus to, in the order the window is seen."""
    _hold_tab_bars(window)
    stops = tab_stops(window)
    if not stops:
        return None
    start = QApplication.focusWidget()
    if start is None or not in_window(start, window):
        return stops[0] if forward else stops[-1]
    if start not in stops:
        return _next_in_chain(start, window, forward)
    return stops[(stops.index(start) + (1 if forward else -1)) % len(stops)]


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


def focus_panels_the_view_menu_opens(window: QMainWindow, menu: QMenu) -> None:
    """A panel its entry in ``menu`` (View) opens by a key takes the focus: Alt+V, X showed the Exercise
    panel and left the focus on the canvas, its list four Tab presses away (eleven with a neuron
    selected: through the Inspector and the Decision Regions), which a student without a mouse had to
    find out. Chosen with the mouse, the focus stays: in the Training panel's Dataset box, the tool key
    N would pick a data set by its first letter."""
    chosen = KeyChosen(menu)
    for dock in dock_widgets(window):
        action = dock.toggleViewAction()
        action.triggered.connect(
            lambda checked, d=dock: checked and chosen.by_key() and _focus_once_laid_out(window, d)
        )


class KeyChosen(QObject):
    """Whether the entry a menu just gave was chosen by a key (Enter, its letter) rather than a click."""

    def __init__(self, menu: QMenu) -> None:
        super().__init__(menu)
        self._key = False
        menu.installEventFilter(self)
        menu.aboutToShow.connect(self._forget)  # (not on the menu's triggered: Qt sends it before ours)

    def _forget(self) -> None:
        self._key = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            self._key = True
        elif event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            self._key = False
        return False

    def by_key(self) -> bool:
        """Once per choice: an entry triggered later by code (a lesson, a test) is not the key's."""
        key, self._key = self._key, False
        return key


def _focus_once_laid_out(window: QMainWindow, dock: QDockWidget) -> None:
    """After the layout passes that show the panel (a tab is raised, a lazy panel built): before, its
    controls are still parked outside the window."""
    QTimer.singleShot(0, dock, lambda: QTimer.singleShot(0, dock, lambda: focus_into(window, dock)))


def focus_into(window: QMainWindow, dock: QDockWidget) -> None:
    """The focus on the first Tab stop of ``dock`` (none: it stays where it is)."""
    _hold_tab_bars(window)
    first = next((stop for stop in tab_stops(window) if dock.isAncestorOf(stop)), None)
    if first is not None:
        first.setFocus(Qt.FocusReason.TabFocusReason)
