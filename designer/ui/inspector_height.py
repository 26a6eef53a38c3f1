"""The Inspector's height at a first start: a neuron's whole page above Decision Regions.

A part of :class:`~designer.ui.mainwindow.MainWindow` (its base class), apart from building the
window: ``size_right_column`` asks for it once the docks are first arranged. It measures the neuron
with the most incoming weights the Inspector's table shows without scrolling. The window provides
``document``, ``inspector``, ``inspector_dock`` and ``live`` (its ``region_dock``).
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea

from designer.ui.incoming_weights import MOST_ROWS_SHOWN

#: of the window's height, for the Inspector above Decision Regions at the first start
INSPECTOR_HEIGHT_SHARE = 0.42


class InspectorHeight:
    """Give the Inspector dock its share of the right column, or what a neuron's page needs."""

    def _size_inspector_height(self) -> None:
        """The Inspector its share of the right column, or what a neuron's page needs (at 1229×691 the
        formula was below the fold), while Decision Regions keeps its least height."""
        region = self.live.region_dock
        if region.isVisible() and self.dockWidgetArea(region) == self.dockWidgetArea(self.inspector_dock):
            self.layout().activate()  # the heights the docks were last asked for, as laid out
            column = self.inspector_dock.height() + region.height()
            room = max(round(self.height() * INSPECTOR_HEIGHT_SHARE), self._neuron_page_room())
            tall = max(min(room, column - region.minimumSizeHint().height()), 0)
            self.resizeDocks([self.inspector_dock, region], [tall, column - tall], Qt.Orientation.Vertical)

    def _neuron_page_room(self) -> int:
        """The Inspector dock's height that shows a neuron's page whole (title, fields, weights, formula): of
        the neuron with the most incoming weights that its table shows without scrolling (MOST_ROWS_SHOWN);
        none: 0 (a wider page would not fit anyway, and filling a 784-row table to measure it took 0.6 s)."""
        net = self.document.network
        into = Counter(target for _source, target in net.connections)  # one pass over the keys
        counts = {n: into[n] for n in net.neurons}
        few = [n for n, count in counts.items() if count <= MOST_ROWS_SHOWN]
        if not few:
            return 0
        widest = max(few, key=counts.__getitem__)
        scroll = self.inspector_dock.widget()
        frame = self.inspector_dock.height() - (scroll.viewport().height() if isinstance(scroll, QScrollArea) else 0)
        return self.inspector.neuron_page_height(widest) + frame
