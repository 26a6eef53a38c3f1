"""Where the loss landscape's readout goes: under the plot, or beside it where the view is wide and low.

A job of its own besides computing and drawing: the presentation stage asks a view how much height it
needs at a width before it gives it a size (``needed_height``, ``least_height``), and the view moves
its readout and "log colours" between the row under the plot and the column beside it as it is resized.
:class:`ReadoutPlacement` is a base of :class:`~designer.ui.live.landscape_view.LandscapeView`, which
provides the widgets and layouts named in its annotations.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QScrollArea, QWidget

from designer.ui.live.readout import Readout

READOUT_LINES = 3  # the readout's room, however short its text now
#: the readout and "log colours" go beside the plot where the view is at least this many times as wide as
#: it is high: a tab on a 1280×720 stage (816×328 px under the step's text and the loss curves) left the
#: plot 90 px high with the readout under it cut at the panel's edge
BESIDE_ASPECT = 2.0
BESIDE_SHARE = 0.45  # of the view's width, for the readout beside the plot
BESIDE_LINES = 5  # the readout's room beside the plot, narrower than under it (its longest text: 5 lines)


QWIDGETSIZE_MAX = 16_777_215


def _least(widget: QWidget) -> QSize:
    """The least size a layout gives ``widget``: its minimum size where set, else its minimum size hint."""
    hint, least = widget.minimumSizeHint(), widget.minimumSize()
    return QSize(least.width() or hint.width(), least.height() or hint.height())


class ReadoutPlacement:
    """The readout under the plot or beside it, and the heights the view needs either way."""

    readout: Readout
    log: QCheckBox
    side: QWidget  # the column beside the plot
    scroll: QScrollArea
    picker: QWidget
    plot: QWidget
    beside: bool
    _options: QHBoxLayout  # the row under the plot
    _row: QHBoxLayout  # the plot and the side column

    def _place_readout(self) -> None:
        """The readout and "log colours" under the plot, or beside it (:attr:`beside`)."""
        self.readout.lines = BESIDE_LINES if self.beside else READOUT_LINES
        self.readout.updateGeometry()
        # taken out of the old layout first (Qt deletes the old layout item, which a view never laid out yet
        # kept otherwise), the stretch under them stays in the side column
        side = self.side.layout()
        for widget in (self.readout, self.log):
            (self._options if self.beside else side).removeWidget(widget)
        if self.beside:
            side.insertWidget(0, self.readout)  # over the stretch
            side.insertWidget(1, self.log)
        else:
            self._options.addWidget(self.readout, 1)
            self._options.addWidget(self.log)
        self.side.setVisible(self.beside)
        self.scroll.updateGeometry()  # its size hints are the body's, which just changed: the stage measures them

    def resizeEvent(self, event) -> None:
        """Wide and low, the readout goes beside the plot, which keeps the height it would lose under it."""
        super().resizeEvent(event)
        size = event.size()
        beside = self.beside_at(size.width(), size.height())
        if beside:
            self.side.setFixedWidth(round(size.width() * BESIDE_SHARE))
        if beside != self.beside:
            self.beside = beside
            self._place_readout()

    def beside_at(self, width: int, height: int) -> bool:
        """Whether the readout goes beside the plot in a view this big: where it is wide and low (in a
        narrow dock beside the plot the readout took another line when the mouse came over the plot)."""
        return width >= BESIDE_ASPECT * height

    def heights(self, width: int) -> tuple[int, int]:
        """The least height the view shows whole in at ``width``, with the readout under the plot and
        beside it (whichever it has now: the stage asks before it gives a view its size, and the view that
        had the readout under its plot said it needed 436 px at 511 px wide where beside it needed 368)."""
        column = self.scroll.widget().layout()
        margins = column.contentsMargins()
        inner = width - margins.left() - margins.right()
        top = margins.top() + margins.bottom() + _least(self.picker).height() + column.spacing()
        plot = _least(self.plot)
        log = _least(self.log)
        gap = self._options.spacing()
        readout = self.readout.height_at(inner - log.width() - gap, READOUT_LINES)
        under = top + plot.height() + column.spacing() + max(readout, log.height())
        side = round(width * BESIDE_SHARE)
        if inner - side - self._row.spacing() < plot.width():
            return under, QWIDGETSIZE_MAX  # no room for the plot beside the readout
        side_column = self.readout.height_at(side, BESIDE_LINES) + self.side.layout().spacing() + log.height()
        return under, top + max(plot.height(), side_column)

    def needed_height(self, width: int) -> int:
        """The least height the view shows whole in at ``width``, in the arrangement it would take there:
        beside the plot where that height is low enough for it to go beside, else under the plot."""
        under, beside = self.heights(width)
        return beside if self.beside_at(width, beside) and beside < under else under

    def least_height(self) -> int:
        """Lower than this the view never shows whole, however wide (the picker and the plot's minimum)."""
        column = self.scroll.widget().layout()
        margins = column.contentsMargins()
        fixed = _least(self.picker).height() + column.spacing() + _least(self.plot).height()
        return margins.top() + margins.bottom() + fixed
