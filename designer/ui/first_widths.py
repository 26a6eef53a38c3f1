"""At a first start the side columns leave the canvas a fair share of a small window's width.

The side panels ask for fixed widths (the Exercise panel 360 px, the right column some 400 px), which
suit a 1680 px window. A 1920×1080 laptop at 200 % scaling is a 960×540 logical screen: there the
canvas got 250 px (its least, the loss curves' under it) while the Exercise panel had 337 px where it
needs 314 and the right column 361 where it needs 208. Where the canvas would get less than
``CANVAS_SHARE`` of the window, each side column gives up part of what it has above its least width,
in proportion to that surplus, until the canvas has its share (or the columns are at their least).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

from designer.ui.dock_list import dock_widgets

AREA = Qt.DockWidgetArea
CANVAS_SHARE = 0.4  # of the window's width, the least the canvas is left at a first start
SIDES = (AREA.LeftDockWidgetArea, AREA.RightDockWidgetArea)


def share_width(window: QMainWindow) -> None:
    """Narrow the side columns (never below their least width) until the canvas has its fair share."""
    central = window.centralWidget()
    if central is None:
        return
    window.layout().activate()  # the widths the docks were just asked for (a panel shown), as laid out
    columns = [column for area in SIDES if (column := _column(window, area))]
    lacking = round(window.width() * CANVAS_SHARE) - central.width()
    if not columns or lacking <= 0:
        return
    surplus = [max(0, _width(column) - _least(column)) for column in columns]
    spare = sum(surplus)
    if spare <= 0:
        return
    given = min(lacking, spare)
    widths = [_width(column) - round(given * extra / spare) for column, extra in zip(columns, surplus, strict=True)]
    window.resizeDocks([column[0] for column in columns], widths, Qt.Orientation.Horizontal)
    view = getattr(window, "view", None)
    if view is not None:  # the network fitted into the wider canvas, once it is laid out
        QTimer.singleShot(0, view, view.zoom_to_fit)


def _column(window: QMainWindow, area: Qt.DockWidgetArea) -> list[QDockWidget]:
    """The docks in ``area``, on screen or behind a tab there (the front ones first)."""
    shown = [
        d for d in dock_widgets(window) if d.isVisible() and not d.isFloating() and window.dockWidgetArea(d) == area
    ]
    return sorted(shown, key=lambda d: d.visibleRegion().isEmpty())


def _width(column: list[QDockWidget]) -> int:
    return column[0].width()


def _least(column: list[QDockWidget]) -> int:
    """The column's least width: its widest panel's least (a tab behind counts, Qt keeps it too)."""
    return max(d.minimumSizeHint().width() for d in column)
