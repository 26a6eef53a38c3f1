"""How much room a lesson step's views need on the stage, side by side, one above another or in tabs.

A projector of 1366×768 at lecture-hall text sizes has no room for the step's text, the canvas and
two plots side by side with the loss curves under them: the Loss Landscape's readout then sat on its
axis and the window grew past the screen. The stage takes the first arrangement whose views all get
their minimum sizes (a wrapped text's height counted at the width it gets).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

ROW, COLUMN, TABS = "row", "column", "tabs"
#: the arrangements tried, in order of preference
ARRANGEMENTS = (ROW, COLUMN, TABS)
CANVAS_SHARE = 0.3  # of the width at least, for the canvas beside the views
HANDLE = 8  # pixels between two views (a splitter's handle, about)


@dataclass
class Room:
    """The stage's room for its views (below the step's text)."""

    width: int
    height: int
    tab_bar: int  # a tab bar's height at the stage's text size


def needed_height(widget: QWidget, width: int) -> int:
    """The least height ``widget`` shows whole in at ``width`` (wrapped text takes more lines when narrow)."""
    height = widget.minimumSizeHint().height()
    layout = widget.layout()
    if layout is not None and layout.hasHeightForWidth():
        height = max(height, layout.totalMinimumHeightForWidth(width))
    return max(height, widget.minimumHeight())


def needed_width(widget: QWidget) -> int:
    return max(widget.minimumSizeHint().width(), widget.minimumWidth())


def fits(how: str, groups: list[list[QWidget]], shares: list[float], room: Room) -> bool:
    """Whether the views fit beside the canvas arranged ``how``: ``groups`` are the columns beside the
    canvas, each a list of views one above another (tabs: every view in one tab group), ``shares``
    their shares of the width."""
    views = [view for group in groups for view in group]
    if not views:
        return True
    beside = room.width * (1 - CANVAS_SHARE)
    if how == TABS:
        width = max(max(needed_width(v) for v in views), round(room.width * shares[0]))
        return width <= beside and max(needed_height(v, width) for v in views) + room.tab_bar <= room.height
    widths = [
        max(max(needed_width(v) for v in group), round(room.width * share))
        for group, share in zip(groups, shares, strict=True)
    ]
    if sum(widths) + HANDLE * len(groups) > beside + HANDLE:
        return False
    return all(
        sum(needed_height(v, width) for v in group) + HANDLE * (len(group) - 1) <= room.height
        for group, width in zip(groups, widths, strict=True)
    )
