"""A dock opened from the View menu joins a neighbour's tabs where its column has no room for it.

At 1280×720 the right column holds the Inspector and the Decision Regions; opening the Loss
Landscape or the Activation view there squeezed all three below legibility (the Inspector one row
high with a horizontal scroll bar, the regions' axis labels over their legend, the landscape's
fields and text cut). Qt splits a dock area among whatever is shown; this module decides instead:
a dock shown by its View menu action stacks only while every panel in its column keeps
``LEGIBLE_PX``; else it becomes a tab beside the largest panel there (never the Inspector) and is
raised.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

AREA = Qt.DockWidgetArea
LEGIBLE_PX = 240  # a panel's least share of its column: a plot with its axes, a form of a few rows
KEPT_APART = ("inspectorDock",)  # never hidden behind a tab for another panel
TABBED = "tabbedForRoom"  # a dock property: make_room just made it a tab (brought to the front once shown)


def follow_view_actions(window: QMainWindow) -> None:
    """Make room (or a tab) for every dock its View menu action shows."""
    for dock in window.findChildren(QDockWidget):
        # toggled comes before the dock shows itself (on triggered): the room is measured as it was, and a
        # tab is made before Qt widens a row and narrows the columns beside it. A dock shown by code
        # (a lesson, a restored layout) is visible by then and left where it is put.
        action = dock.toggleViewAction()
        action.toggled.connect(lambda checked, d=dock: checked and not d.isVisible() and make_room(window, d))
        action.triggered.connect(lambda checked, d=dock: checked and d.property(TABBED) and _in_front(d))


def make_room(window: QMainWindow, dock: QDockWidget) -> None:
    """Tab ``dock`` with its column's largest panel when stacking it would leave a panel too small; a
    panel under the canvas gets ``LEGIBLE_PX`` of height (the Math view showed four lines in 190 px)."""
    if dock.isFloating():
        return
    area = window.dockWidgetArea(dock)
    if area == AREA.NoDockWidgetArea:
        return
    vertical = area in (AREA.LeftDockWidgetArea, AREA.RightDockWidgetArea)
    if not vertical:
        QTimer.singleShot(0, dock, lambda: _tall_enough(window, dock))
    stacked = _stacked(window, area, dock)
    if not stacked:
        return
    room = _column_length(window, vertical)
    if _fits(stacked + [dock], room, vertical):
        return
    neighbours = [d for d in stacked if d.objectName() not in KEPT_APART] or stacked
    size = (lambda d: d.height()) if vertical else (lambda d: d.width())
    neighbour = max(neighbours, key=size)
    window.tabifyDockWidget(neighbour, dock)
    dock.setProperty(TABBED, True)  # once it is shown (on triggered): its tab in front


def _in_front(dock: QDockWidget) -> None:
    """Its tab current; a view that refreshes when it becomes visible hears so (the Math view's text)."""
    dock.setProperty(TABBED, False)
    dock.raise_()
    if dock.isVisible() and hasattr(dock, "refresh"):
        dock.refresh()


def _fits(docks: list[QDockWidget], room: int, vertical: bool) -> bool:
    """Whether ``docks`` side by side (or stacked) each keep ``LEGIBLE_PX`` and their own minimum: a row
    under the canvas that needs more widened it and narrowed both side columns (Math beside the loss
    curves took 100 px from the Inspector and the Decision Regions, and kept them when closed)."""
    if vertical:
        return room / len(docks) >= LEGIBLE_PX
    return sum(max(d.minimumSizeHint().width(), LEGIBLE_PX) for d in docks) <= room


def _tall_enough(window: QMainWindow, dock: QDockWidget, asked: int = LEGIBLE_PX) -> None:
    """Once laid out: a panel under (or over) the canvas at least ``LEGIBLE_PX`` high, where the
    canvas keeps as much. Asked once more for what a tab bar took from the size given."""
    central = window.centralWidget()
    room = dock.height() + (central.height() if central is not None else 0)
    if not dock.isVisible() or dock.height() >= LEGIBLE_PX or room < 2 * LEGIBLE_PX:
        return
    window.resizeDocks([dock], [asked], Qt.Orientation.Vertical)
    if asked == LEGIBLE_PX:
        QTimer.singleShot(0, dock, lambda: _tall_enough(window, dock, 2 * LEGIBLE_PX - dock.height()))


def _stacked(window: QMainWindow, area, dock: QDockWidget) -> list[QDockWidget]:
    """The other docks seen in ``area``, one per tab group (the one on top of its tabs)."""
    seen = []
    for other in window.findChildren(QDockWidget):
        if other is dock or other.isFloating() or not other.isVisible() or window.dockWidgetArea(other) != area:
            continue
        if other.visibleRegion().isEmpty():  # behind another tab
            continue
        if dock in window.tabifiedDockWidgets(other):  # it is already one of this panel's tabs
            return []
        seen.append(other)
    return seen


def _column_length(window: QMainWindow, vertical: bool) -> int:
    """The room a side column has from top to bottom (or a bottom row from left to right)."""
    central = window.centralWidget()
    if vertical:
        top = window.menuBar().height() if window.menuBar() is not None else 0
        bottom = window.statusBar().height() if window.statusBar() is not None else 0
        toolbars = central.geometry().top() - top if central is not None else 0
        return window.height() - top - bottom - max(toolbars, 0)
    return central.width() if central is not None else window.width()
