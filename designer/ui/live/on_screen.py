"""Whether a live view is where the user can see it, so that it does a training frame's work only then."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget


def on_screen(widget: QWidget) -> bool:
    """Visible, and not in a dock behind another tab: Qt keeps such a dock "visible" (``isVisible()`` is
    True) and only moves it off its window, so a Loss Landscape tab behind the Decision Regions went on
    recomputing its surface every 0.2 s while training (0.3 s of CPU each for 2-64-64-1). (Not
    ``visibleRegion()``: that leaves out the view's own children, which cover it.)"""
    if not widget.isVisible():
        return False
    window = widget.window()
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()).intersects(window.rect())
