"""Where a lesson step's layout views go in the window so that the window fits the screen.

Side by side to the right of the canvas is the first choice. Where their minimum widths, with the
Lesson dock's and the canvas's, are more than the window has (three views at 1000×720 made the
window 1094 px wide, past a 1024×768 screen), the views go one above the other, then into tabs
(the step's main view on top), and last the views that live under the canvas (Math, PyTorch, loss
curves) go back there. The first arrangement that keeps the window within its size and the screen
and leaves the canvas the width the network needs is kept; failing that, the one that keeps the
window within bounds with the widest canvas.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow

from designer.ui.dock_list import dock_widgets

AREA = Qt.DockWidgetArea
ROW, COLUMN, TABS, HOME = "row", "column", "tabs", "home"
#: the arrangements tried, in order of preference
ARRANGEMENTS = (ROW, COLUMN, TABS, HOME)
SEPARATOR = 6  # pixels between docks, about (the style's separator width and the dock frames)


def room(window: QMainWindow) -> QSize:
    """The size the window must keep within: its own, and never more than the screen has."""
    screen = window.screen() or QApplication.primaryScreen()
    size = window.size()
    if screen is None:
        return size
    available = screen.availableGeometry().size()
    frame = window.frameGeometry().size() - window.size()  # a window manager's title bar and borders
    return size.boundedTo(available - frame)


def place(window: QMainWindow, docks: list[QDockWidget], how: str, homes: dict[QDockWidget, AREA]) -> None:
    """Put the layout's ``docks`` (the main view first for a column or tabs) as ``how`` says, and show them."""
    for dock in docks:  # out of any tab group or split first: a dock moved within one left gaps behind
        window.removeDockWidget(dock)
    if how == HOME:
        below = [d for d in docks if homes.get(d) == AREA.BottomDockWidgetArea]
        right = [d for d in docks if d not in below]
        _side_by_side(window, below, AREA.BottomDockWidgetArea)
        _tabbed(window, right)
    elif how == ROW:
        _side_by_side(window, docks, AREA.RightDockWidgetArea)
    elif how == COLUMN:
        for i, dock in enumerate(docks):
            if i == 0:
                window.addDockWidget(AREA.RightDockWidgetArea, dock)
            else:
                window.splitDockWidget(docks[i - 1], dock, Qt.Orientation.Vertical)
    else:
        _tabbed(window, docks)
    for dock in docks:
        dock.show()
    if how in (TABS, HOME) and docks:
        docks[0].raise_()  # the main view's tab on top


def _side_by_side(window: QMainWindow, docks: list[QDockWidget], area: AREA) -> None:
    for i, dock in enumerate(docks):
        if i == 0:
            window.addDockWidget(area, dock)
        else:
            window.splitDockWidget(docks[i - 1], dock, Qt.Orientation.Horizontal)


def _tabbed(window: QMainWindow, docks: list[QDockWidget]) -> None:
    for i, dock in enumerate(docks):
        if i == 0:
            window.addDockWidget(AREA.RightDockWidgetArea, dock)
        else:
            window.tabifyDockWidget(docks[0], dock)


def canvas_room(window: QMainWindow, limit: QSize, columns: list[QDockWidget], column_width: int) -> int:
    """How wide the canvas can be with every dock at its minimum width and each of the layout's
    ``columns`` at least ``column_width`` (the window's minimum width is the docks' columns plus the
    centre's, which is the canvas's or that of a dock under it)."""
    centre = [window.view.minimumSizeHint().width()]
    for dock in dock_widgets(window):
        area = window.dockWidgetArea(dock)
        if dock.isVisible() and not dock.isFloating() and area in (AREA.TopDockWidgetArea, AREA.BottomDockWidgetArea):
            centre.append(dock.minimumSizeHint().width())
    wider = sum(max(0, column_width - dock.minimumSizeHint().width()) for dock in columns)
    return limit.width() - (window.minimumSizeHint().width() - max(centre)) - wider


def within(window: QMainWindow, limit: QSize) -> bool:
    need = window.minimumSizeHint()
    return need.width() <= limit.width() and need.height() <= limit.height()


def arrange(
    window: QMainWindow,
    docks: list[QDockWidget],
    main: QDockWidget | None,
    homes: dict[QDockWidget, AREA],
    canvas_need: float,
    column_width: int,
) -> str:
    """Place the layout's ``docks`` (left to right as the lesson lists them) in the first arrangement that
    fits, each of its columns at least ``column_width`` wide; ``main`` comes first in a column or tabs.
    The arrangement's name."""
    if not docks:
        return ROW
    limit = room(window)
    first = [main] if main in docks else []
    main_first = first + [d for d in docks if d not in first]
    below = any(homes.get(d) == AREA.BottomDockWidgetArea for d in docks)
    choices = [how for how in ARRANGEMENTS if how != HOME or below]
    if len(docks) == 1:
        choices = [how for how in choices if how in (ROW, HOME)]
    tried: dict[str, int] = {}
    placed = ""
    for how in choices:
        place(window, docks if how == ROW else main_first, how, homes)
        placed = how
        if within(window, limit):
            width = canvas_room(window, limit, _columns(window, docks, how), column_width)
            if width >= canvas_need:
                return how
            tried[how] = width
    best = max(tried, key=tried.get) if tried else placed
    if best != placed:
        place(window, docks if best == ROW else main_first, best, homes)
    return best


def _columns(window: QMainWindow, docks: list[QDockWidget], how: str) -> list[QDockWidget]:
    """The layout's docks that stand side by side at the right (one for a column or tabs: the widest)."""
    right = [d for d in docks if window.dockWidgetArea(d) == AREA.RightDockWidgetArea]
    if how == ROW or not right:
        return right
    return [max(right, key=lambda d: d.minimumSizeHint().width())]
