"""Where a page read beside the app goes (Getting Started, Keyboard Shortcuts): clear of the canvas,
as a tutorial side panel.

Help ▸ Getting Started opened centred over the main window and, as its child, always in front of it:
at 1366×768 it covered the canvas, and the student had to drag it aside before step 1. It goes beside
the main window where the screen has room; else at the screen's side, narrower, over a dock but not
the canvas (the right one first: the left docks hold what the steps click, Exercise and Training).
Over the right docks it stops above the Decision Regions view: at 1366×768 and 1280×720 it covered it,
and step 1's "the Decision Regions view now shows the line x₁ + x₂ = 1.5" could not be seen.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

#: narrower than this the page wraps almost every line: it then covers part of the canvas instead
MIN_WIDTH = 400
#: lower than this the page shows too few lines to follow a step: it then covers the view below it
MIN_HEIGHT = 240


def beside_canvas(window: QMainWindow, size: tuple[int, int]) -> QRect:
    """The frame for a page of ``size`` (wanted width; its height is the screen's) beside ``window``."""
    canvas: QWidget = window.view
    shown = QRect(canvas.mapToGlobal(QPoint(0, 0)), canvas.size())
    frame = side_panel_frame(window.screen().availableGeometry(), window.frameGeometry(), shown, size[0])
    return above(frame, regions_on_screen(window))


def regions_on_screen(window: QMainWindow) -> QRect | None:
    """Where the Decision Regions view is on the screen, docked in the window and shown; else None."""
    live = getattr(window, "live", None)
    dock: QDockWidget | None = getattr(live, "region_dock", None)
    if dock is None or not dock.isVisible() or dock.isFloating() or dock.visibleRegion().isEmpty():
        return None
    return QRect(dock.mapToGlobal(QPoint(0, 0)), dock.size())


def above(frame: QRect, kept: QRect | None) -> QRect:
    """``frame`` ending above ``kept`` where it would cover it and keep MIN_HEIGHT; else ``frame``."""
    if kept is None or not frame.intersects(kept) or kept.top() - frame.top() < MIN_HEIGHT:
        return frame
    return QRect(frame.left(), frame.top(), frame.width(), kept.top() - frame.top())


def side_panel_frame(screen: QRect, main: QRect, canvas: QRect, wanted: int) -> QRect:
    """A frame as tall as ``screen`` and at most ``wanted`` wide, next to ``main`` (the main window's
    frame) where a side has MIN_WIDTH, else next to ``canvas``; where neither side of it has, MIN_WIDTH
    wide at the screen's right edge."""
    right, left = screen.right() - main.right(), main.left() - screen.left()
    if max(right, left) < MIN_WIDTH:  # no room beside the window: beside its canvas, over a dock
        right, left = screen.right() - canvas.right(), canvas.left() - screen.left()
    if right >= MIN_WIDTH:
        width, x = min(wanted, right), screen.right() + 1 - right
    elif left >= MIN_WIDTH:
        width = min(wanted, left)
        x = screen.left() + left - width
    else:
        width = min(MIN_WIDTH, screen.width())
        x = screen.right() + 1 - width
    return QRect(x, screen.top(), width, screen.height())
