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


def follow_view_actions(window: QMainWindow) -> None:
    """Make room (or a tab) for every dock its View menu action shows."""
    for dock in window.findChildren(QDockWidget):
        dock.toggleViewAction().triggered.connect(lambda checked, d=dock: checked and make_room(window, d))


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
    if room / (len(stacked) + 1) >= LEGIBLE_PX:
        return
    neighbours = [d for d in stacked if d.objectName() not in KEPT_APART] or stacked
    size = (lambda d: d.height()) if vertical else (lambda d: d.width())
    neighbour = max(neighbours, key=size)
    window.tabifyDockWidget(neighbour, dock)
    dock.show()
    dock.raise_()


def _tall_enough(window: QMainWindow, dock: QDockWidget) -> None:
    """Once laid out: a panel under (or over) the canvas at least ``LEGIBLE_PX`` high, where the
    canvas keeps as much."""
    central = window.centralWidget()
    room = dock.height() + (central.height() if central is not None else 0)
    if dock.isVisible() and dock.height() < LEGIBLE_PX and room >= 2 * LEGIBLE_PX:
        window.resizeDocks([dock], [LEGIBLE_PX], Qt.Orientation.Vertical)


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
