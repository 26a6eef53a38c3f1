"""How a lesson step's stage splits its width between the canvas and one view beside it.

A decision-region map is drawn to scale, so on a wide, low stage the region view's column left most of
its half empty beside a square map while the canvas beside it was cramped: the backward walk's legend
then took a band under the canvas and left the network a strip (step 2 at 1280×720: 24 px). The view
gets the width its map uses at the stage's height, never less than its minimum, and the canvas the rest
within :data:`CANVAS_SHARES`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from designer.ui.live.aspect import AspectFit
from designer.ui.presentation.room import needed_width

#: the canvas's least and largest share of the width beside one view (the least: what every step had; at the
#: largest, 1280×720 leaves the region view its least width and the canvas room for the walk's legend beside
#: the network)
CANVAS_SHARES = (0.48, 0.68)


def canvas_share(view: QWidget, width: int, height: int) -> float:
    """The canvas's share of ``width`` beside ``view``, the stage ``height`` pixels high: the view gets
    what a map drawn to scale uses (views without one: the least share of the canvas)."""
    least, most = CANVAS_SHARES
    shape = getattr(view, "shape", None)
    if not isinstance(shape, AspectFit) or width <= 0:
        return least
    widest = round(width * (1 - least))
    wanted = shape.width_for_height(view, height + unwrapped(view, widest))
    if wanted is None:
        return least
    wanted = max(wanted, needed_width(view))
    return min(max(1 - wanted / width, least), most)


def unwrapped(view: QWidget, width: int) -> int:
    """The height ``view``'s wrapped labels would give back were it ``width`` wide: the map's room is
    reckoned at the view's widest, whatever its width now (reckoned at its width now, a narrower view's
    labels took more lines, left the map less, and the view was made narrower still: lesson step 14's
    map was 186 px or 215 px by what the test before had left)."""
    grow = width - view.width()
    return sum(
        max(label.height() - label.heightForWidth(max(label.width() + grow, 1)), 0)
        for label in view.findChildren(QLabel)
        if label.wordWrap() and label.isVisibleTo(view) and label.heightForWidth(1) >= 0
    )
