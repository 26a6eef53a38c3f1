"""A plot drawn to one scale on both axes, shaped like its data: the plot item's margins take the room
the locked aspect would leave empty inside the plot.

A ViewBox with a locked aspect in a wide, low place (the decision regions above the loss curves on a
presentation stage) showed a square map on a seventh of its area and axes running to ±20 around data
in ±6; margins around the plot centre it instead, its axes and colour bar beside the map.
"""

from __future__ import annotations

MIN_CHANGE = 2  # pixels: less is left as it is (the tick labels' widths move a little with the size)


class AspectFit:
    """Keeps ``item``'s ViewBox as wide for its height as the data shown (``set_aspect``; None: any shape)."""

    def __init__(self, item, margins: tuple[int, int, int, int]) -> None:
        self.item = item
        self.vb = item.getViewBox()
        self.margins = margins  # the item's own contents margins (left, top, right, bottom)
        self.aspect: float | None = None  # data width / data height, drawn to one scale
        self.extra = (0, 0)  # pixels given to the margins, across and up
        item.setContentsMargins(*margins)
        self.vb.sigResized.connect(self.fit)

    def set_aspect(self, aspect: float | None) -> None:
        self.aspect = aspect if aspect is not None and aspect > 0 else None
        self.fit()

    def wanted_extra(self) -> tuple[int, int]:
        """The room the plot would have without the extra margins, less what the data's shape fills."""
        size = self.vb.size()
        across, up = self._given()
        width, height = size.width() + across, size.height() + up
        if self.aspect is None or width <= 0 or height <= 0:
            return 0, 0
        if width > height * self.aspect:
            return int(width - height * self.aspect), 0
        return 0, int(height - width / self.aspect)

    def _given(self) -> tuple[float, float]:
        """The extra margins the item has now (as laid out, not as last asked for)."""
        left, top, right, bottom = self.item.getContentsMargins()
        base_left, base_top, base_right, base_bottom = self.margins
        return left + right - base_left - base_right, top + bottom - base_top - base_bottom

    def fit(self) -> None:
        across, up = self.wanted_extra()
        if abs(across - self.extra[0]) < MIN_CHANGE and abs(up - self.extra[1]) < MIN_CHANGE:
            return
        self.extra = (across, up)
        left, top, right, bottom = self.margins
        self.item.setContentsMargins(
            left + across // 2, top + up // 2, right + across - across // 2, bottom + up - up // 2
        )

    def width_for_height(self, outer, height: int) -> int | None:
        """How wide ``outer`` (the widget holding the plot) is where, ``height`` pixels high, its map drawn
        to scale fills the plot: a wider view only adds margins beside the map (None: not laid out yet, or
        any shape). Measured from the current layout: the axes, colour bar, title and legend keep their
        room whatever the size."""
        size = self.vb.size()
        if self.aspect is None or size.width() <= 0 or size.height() <= 0 or not outer.isVisible():
            return None
        across, up = self._given()
        beside = outer.width() - size.width() - across  # axes, colour bar, the item's own margins
        around = outer.height() - size.height() - up  # title, axis below, legend
        return max(round((height - around) * self.aspect + beside), 0)
