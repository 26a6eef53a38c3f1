"""Theme and scale for the pyqtgraph plots: background, axis pens, tick and label fonts, titles.

Fonts come from the theme (:meth:`Theme.screen_font`), so presentation mode's scale and its
text floor reach the plots the way they reach the canvas. Called when a plot is built and
again whenever the canvas's theme changes (never per frame).
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontInfo, QFontMetrics, QFontMetricsF

from designer.ui.theme import Theme

TICK_POINTS = 9.0  # the application's default size, what pyqtgraph used before
LABEL_POINTS = 9.0
TITLE_POINTS = 9.0


class RoomyAxis(pg.AxisItem):
    """An axis whose tick labels never run together.

    pyqtgraph spaces the major ticks by the axis length alone, and always labels them: on a narrow
    plot "0 2000 4000 6000 8000" ran into "2000400060008000", on a low one (the loss curves under a
    presented lesson step) "1.0 0.8 0.6 0.4 0.2 0" were drawn over each other. Here the major step
    grows through the 1-2-5 sequence until a label and a gap fit between two ticks (its width
    across a horizontal axis, its height along a vertical one); the old step stays as the minor
    ticks. A horizontal axis labels only the major ticks (pyqtgraph also labelled a minor tick
    where it thought there was room, "40 50 60" running into "405060"); a vertical one, whose
    labels stack, keeps pyqtgraph's labels of minor ticks where they fit ("1.5 1 0.5 0").

    A horizontal axis's end labels are moved inside its ends (:func:`flush_ends`): centred on their
    ticks they left the axis and pyqtgraph dropped them (the Loss Landscape's "−2" and "4", the
    Activation view's "−6", in the window and presented at 1280×720). Past the left end they would run
    into the vertical axis's lowest label, past the right end off the widget or into a colour bar.
    """

    def __init__(self, orientation: str, **kwargs) -> None:
        super().__init__(orientation, **kwargs)
        self._laying_out = False  # generateDrawSpecs is at work: boundingRect lets the end labels through
        if orientation in ("bottom", "top"):
            self.setStyle(maxTextLevel=0)  # (a vertical axis labels a minor tick only where its height has room)

    def updateAutoSIPrefix(self) -> None:
        """No SI scaling while the prefix is off: pyqtgraph's ``enableAutoSIPrefix(False)`` scaled the ticks
        once more where the axis had a title (the compact loss curves' "Loss", at a restyle: a loss of 0.4
        read "400", and the "(x0.001)" that would say so is not shown with the prefix off)."""
        if self.autoSIPrefix:
            super().updateAutoSIPrefix()
            return
        self.autoSIPrefixScale = 1.0
        self.labelUnitPrefix = ""
        self._updateLabel()

    def boundingRect(self):
        """With a grid too, the room past the ends that an int ``hideOverlappingLabels`` gives its labels.

        pyqtgraph adds that room only to an axis without a grid, and hides every label that leaves the
        rectangle: the activation view's gridded g(z) axis lost tanh's −1 and 1 whatever the style said.
        """
        rect = super().boundingRect()
        if self._laying_out:  # every label whose tick is on the axis is kept: flush_ends moves it inside
            width = self.geometry().width()
            return rect.adjusted(-width, 0, width, 0)
        margin = self.style["hideOverlappingLabels"]
        if self.grid is False or isinstance(margin, bool):
            return rect
        if self.orientation in ("left", "right"):
            return rect.adjusted(0, -margin, 0, margin)
        return rect.adjusted(-margin, 0, margin, 0)

    def generateDrawSpecs(self, p):
        """pyqtgraph's layout of the axis, a horizontal axis's end labels moved inside its ends."""
        if self.orientation in ("left", "right"):
            return super().generateDrawSpecs(p)
        self._laying_out = True
        try:
            specs = super().generateDrawSpecs(p)
        finally:
            self._laying_out = False
        if specs is None:
            return None
        axis, ticks, texts = specs
        bounds = self.mapRectFromParent(self.geometry())
        gap = QFontMetricsF(self.style["tickFont"] or self.font()).horizontalAdvance("0")
        return axis, ticks, flush_ends(texts, bounds.left(), bounds.right(), gap)

    def tickSpacing(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, float]]:
        levels = super().tickSpacing(minVal, maxVal, size)
        span = abs(maxVal - minVal)
        if not levels or not 0 < size < 1e6 or not 0 < span < math.inf:
            return levels
        major = levels[0][0]
        metrics = QFontMetricsF(self.style["tickFont"] or self.font())
        if self.orientation in ("bottom", "top"):
            labels = self.tickStrings([minVal, maxVal, minVal + major, maxVal - major], self.scale, major)
            room = max(metrics.horizontalAdvance(text) for text in labels) + 2 * metrics.horizontalAdvance("0")
        else:
            room = 1.15 * metrics.height()
        step = major
        while step / span * size < room and step < span and step < 1e300:
            mantissa = round(step / 10 ** math.floor(math.log10(step)), 6)
            step *= 2.5 if mantissa == 2 else 2
        return levels if step == major else [(step, 0), (major, 0)]


def flush_ends(texts: list, left: float, right: float, gap: float) -> list:
    """Tick labels (pyqtgraph's ``(rect, flags, text)``) of a horizontal axis from ``left`` to ``right``,
    the first and last moved inside where they reach past an end (as Vega-Lite's ``labelFlush``).

    A moved end label that comes within ``gap`` of its neighbour keeps its place and the neighbour
    goes (the ends say the range shown); one wider than the axis goes.
    """
    texts = sorted(texts, key=lambda spec: spec[0].center().x())
    kept = []
    for rect, flags, text in texts:
        rect = QRectF(rect)
        if rect.width() > right - left:
            continue
        if rect.left() < left:
            rect.moveLeft(left)
        elif rect.right() > right:
            rect.moveRight(right)
        kept.append((rect, flags, text))
    if len(kept) >= 3 and kept[1][0].left() < kept[0][0].right() + gap:
        del kept[1]
    if len(kept) >= 3 and kept[-2][0].right() > kept[-1][0].left() - gap:
        del kept[-2]
    if len(kept) == 2 and kept[0][0].right() + gap > kept[1][0].left():
        del kept[1]
    return kept


def plot_widget(theme: Theme) -> pg.PlotWidget:
    """A pyqtgraph plot whose axes keep their tick labels apart (:class:`RoomyAxis`)."""
    widget = pg.PlotWidget(
        background=theme.background, axisItems={"bottom": RoomyAxis("bottom"), "left": RoomyAxis("left")}
    )
    no_tab_stop_plot(widget)
    return widget


def no_tab_stop_plot(widget: pg.PlotWidget) -> None:
    """A click focuses the plot (its zoom keys), Tab passes it by: it draws no focus mark and takes no
    key a student uses, so as a Tab stop each press there seemed to do nothing."""
    widget.setFocusPolicy(Qt.FocusPolicy.ClickFocus)


def text_px(theme: Theme, points: float, bold: bool = False) -> int:
    """The pixel size of the theme's screen font of ``points`` (scale and floor applied)."""
    return QFontInfo(theme.screen_font(points, bold)).pixelSize()


def css_px(theme: Theme, points: float, bold: bool = False) -> str:
    """A CSS font size for pyqtgraph's rich-text labels, e.g. ``"24px"``."""
    return f"{text_px(theme, points, bold)}px"


def style_title(item: pg.PlotItem, title: str, theme: Theme) -> None:
    """A plot title in the theme's colour and size, with a title row tall enough for it."""
    item.setTitle(title, color=theme.text, size=css_px(theme, TITLE_POINTS))
    height = max(30, round(1.6 * text_px(theme, TITLE_POINTS)))
    item.titleLabel.setMaximumHeight(height)
    item.layout.setRowFixedHeight(0, height)


def style_axes(item: pg.PlotItem, theme: Theme, names: tuple[str, ...] = ("left", "bottom")) -> None:
    """Axis lines, tick labels and axis titles of ``item`` in the theme's colours and sizes."""
    tick = theme.screen_font(TICK_POINTS)
    style = {"color": theme.text, "font-size": css_px(theme, LABEL_POINTS)}
    for name in names:
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen(theme.muted_text, width=max(1.0, theme.scale)))
        axis.setTextPen(pg.mkPen(theme.text))
        axis.setTickFont(tick)
        # the numbers as they are: pyqtgraph's "training loss (x0.001)" over ticks 0 to 800 was read as
        # losses of hundreds
        axis.enableAutoSIPrefix(False)
        if axis.labelText:
            axis.setLabel(axis.labelText, **style)
        else:
            axis.labelStyle = dict(style)


def let_end_labels_show(axis: pg.AxisItem, theme: Theme) -> None:
    """Tick labels at the axis's ends may reach half a line past them, into the plot's corners.

    pyqtgraph hides a label that does not fit inside its axis: tanh's −1 and 1 (range −1.1 to 1.1)
    and, while presenting at 1280×720, sigmoid's 0 and 1 were hidden, leaving the activation's
    range unlabelled.
    """
    axis.setStyle(hideOverlappingLabels=QFontMetrics(theme.screen_font(TICK_POINTS)).height() // 2 + 1)


def style_color_bar(bar: pg.ColorBarItem, theme: Theme, width: float = 12.0) -> None:
    """The colour bar's strip width and its value axis (wide enough for its tick labels)."""
    tick = theme.screen_font(TICK_POINTS)
    axis = bar.axis
    axis.enableAutoSIPrefix(False)  # unlabelled: scaled ticks (200 for 0.0002) would have no "x0.001" at all
    axis.setPen(pg.mkPen(theme.muted_text, width=max(1.0, theme.scale)))
    axis.setTextPen(pg.mkPen(theme.text))
    axis.setTickFont(tick)
    axis.setWidth(QFontMetrics(tick).horizontalAdvance("−0.00") + round(12 * theme.scale))
    bar.layout.setColumnFixedWidth(1, round(width * theme.scale))


def still_plot(name: str, theme: Theme, minimum: tuple[int, int]) -> pg.PlotWidget:
    """A plot widget that only shows: no buttons, no context menu, no mouse panning or zooming."""
    widget = plot_widget(theme)
    widget.setObjectName(name)
    widget.setMinimumSize(*minimum)
    item = widget.getPlotItem()
    item.hideButtons()
    item.setMenuEnabled(False)
    item.setMouseEnabled(False, False)
    return widget


def style_plot(widget: pg.PlotWidget, theme: Theme) -> None:
    """Background and axes of a whole plot widget."""
    widget.setBackground(theme.background)
    style_axes(widget.getPlotItem(), theme)


def in_reach(vb, x: float, y: float | None = None) -> bool:
    """Whether a marker at (x, y) lies within the plot's view widened by its own size on every side:
    what is farther is off the plot anyway, and at 1e39 or beyond Qt's coordinates overflow (a crash)."""
    (x0, x1), (y0, y1) = vb.viewRange()
    near_x = x0 - (x1 - x0) <= x <= x1 + (x1 - x0)
    return near_x and (y is None or y0 - (y1 - y0) <= y <= y1 + (y1 - y0))
