"""The panels' sizes come back when the window, made smaller, is made as large again.

Qt gives a window's lost room first from the canvas, then from the side columns (down to their least
widths), and gives room it gains to the canvas only: at 1280×720 a window made 900 px wide and then
as wide as before kept the Training panel 46 px and the Inspector and Decision Regions 76 px narrower
for good. The layout before the window first shrank is kept, and put back once the window is at least
that large again, unless panels were opened or closed in between.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

from designer.ui.dock_list import dock_widgets
from designer.ui.dock_room import put_back, shown_sizes


class SizesThroughResize(QObject):
    """Follows the window's resizes and its panels' sizes between them (a separator moved, a panel
    opened): the panels are resized before the window's own resize event arrives."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        #: the window's size and its panels' sizes, as last laid out at that size
        self._last: tuple[QSize, dict[QDockWidget, QSize]] = (QSize(), {})
        #: the same, from before the window first shrank
        self._kept: tuple[QSize, dict[QDockWidget, QSize], set[QDockWidget]] | None = None
        window.installEventFilter(self)
        for dock in dock_widgets(window):
            dock.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Resize:
            return False
        if obj is self.window:
            self._resized(event.oldSize(), event.size())
        elif self.window.size() == self._last[0]:  # a panel resized within the same window
            self._last = (QSize(self.window.size()), shown_sizes(self.window))
        return False

    def _resized(self, old: QSize, new: QSize) -> None:
        window = self.window
        last_size, last_sizes = self._last
        self._last = (QSize(new), shown_sizes(window))
        if not window.isVisible() or window.isFullScreen() or last_size != old:
            self._kept = None  # before the first show, presenting, or not followed: nothing to keep
            return
        if self._kept is not None and self._kept[2] != open_panels(window):
            self._kept = None  # panels opened, closed or undocked since: that layout no longer applies
        if self._kept is None:
            if new.width() < old.width() or new.height() < old.height():
                self._kept = (QSize(old), last_sizes, open_panels(window))
            return
        size, sizes, _ = self._kept
        if new.width() >= size.width() and new.height() >= size.height():
            self._kept = None
            QTimer.singleShot(0, window, lambda: put_back(window, sizes))


def open_panels(window: QMainWindow) -> set[QDockWidget]:
    """The docked panels not closed (in front of their tabs or behind)."""
    return {d for d in dock_widgets(window) if d.toggleViewAction().isChecked() and not d.isFloating()}
