"""How far the canvas scrolls: over what is drawn now with a margin, and over what the view shows now.

A QGraphicsScene left to itself scrolls over every area its items ever took, and never less: the text
boxes' layer reaches 240 beyond the nodes, so a fitted network still had scroll bars, and a deleted
layer's empty space stayed scrollable. The view sets its range from the content instead, each time
the content changes, placed so that setting it never moves the view (an edit far out, the end of a
drag, a zoom out beyond the content). Along an axis on which the view shows the whole content, the
range lies within the view's own extent: no scroll bar, and the margin brings none either (beside a
horizontal bar, a vertical one for the margin alone narrowed the view under a dragged node); along
the others it holds what the view shows and reaches the content and its margin."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize

SHAVE_PX = 1e-3  # how much narrower than the viewport a range is that must bring no scroll bar
NUDGE_PX = 1e-6  # far above the rounding error of a scene coordinate times the zoom, far below a pixel


def in_view(seen: float, port_px: float, scale: float, low: float, high: float) -> bool:
    """Whether the content from ``low`` to ``high`` (NaN: none) lies in ``port_px`` pixels from ``seen`` on."""
    return math.isnan(low) or (low >= seen and high <= seen + port_px / scale)


def centred_range(seen: float, port_px: int, room_px: int, scale: float) -> tuple[float, float]:
    """A range within the ``port_px`` pixels the view shows along an axis from ``seen`` on, placed so that
    the view stays there: Qt centres such a range at ``room_px // 2`` (the whole viewport's, even while
    the other axis's bar takes some of it: the view jumped 7 px at a drag's end) and scrolls to
    ``int(centre·scale − room_px // 2)`` pixels, truncated, so the centre is a hair away from zero (else
    116.99999999999999 became 116, and the view crept a pixel at every edit). Beside the other axis's
    bar that centre is off the view's own by half the bar: the range reaches from it only as far as the
    nearer edge (a range the view's width stuck out half a bar beyond what is shown, after a delete)."""
    scrolled = round(seen * scale)
    scrolled += math.copysign(NUDGE_PX, scrolled)
    centre = (scrolled + room_px // 2) / scale
    half = (min(room_px // 2, port_px - room_px // 2) - SHAVE_PX) / scale
    return centre - half, centre + half


def scroll_range(seen: QRectF, room: QSize, bar_px: int, scale: float, content: QRectF, margin: float) -> QRectF:
    """The scroll range of a view that shows ``seen`` from its top-left corner at ``scale``, in a viewport
    of ``room`` without scroll bars (``bar_px`` wide each), for ``content`` (null: none) and ``margin``
    around it. The margin is scrolled to where the content is not all in view; it brings no bar of its own."""
    nan = math.nan
    xs = (nan, nan) if content.isNull() else (content.left(), content.right())
    ys = (nan, nan) if content.isNull() else (content.top(), content.bottom())
    bar_x = not in_view(seen.left(), room.width(), scale, *xs)
    bar_y = not in_view(seen.top(), room.height() - (bar_px if bar_x else 0), scale, *ys)
    bar_x = bar_x or not in_view(seen.left(), room.width() - (bar_px if bar_y else 0), scale, *xs)
    port_w, port_h = room.width() - (bar_px if bar_y else 0), room.height() - (bar_px if bar_x else 0)
    if bar_x:
        x0, x1 = min(seen.left(), xs[0] - margin), max(seen.left() + port_w / scale, xs[1] + margin)
    else:
        x0, x1 = centred_range(seen.left(), port_w, room.width(), scale)
    if bar_y:
        y0, y1 = min(seen.top(), ys[0] - margin), max(seen.top() + port_h / scale, ys[1] + margin)
    else:
        y0, y1 = centred_range(seen.top(), port_h, room.height(), scale)
    return QRectF(x0, y0, x1 - x0, y1 - y0)
