"""An exercise's mistakes circled on the Decision Regions plot: the truth-table rows the network
gets wrong, or the points it misclassifies.

Kept apart from ``exercise_panel.py``, which decides *when* there are marks (an exercise being
solved, its own points on show); this module draws them where the plot's two axes put them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pyqtgraph as pg

from designer.exercises.checker import CheckResult
from designer.exercises.exercise import Exercise
from designer.model import Network

if TYPE_CHECKING:
    from designer.ui.live.region import RegionView

FAIL_COLOR = "#c0392b"


def mark_size(points: int) -> tuple[float, float]:
    """Circle size and pen width for wrong points: bold for a truth table, fine for a grid of
    a thousand points (bold circles there would cover the whole map)."""
    if points <= 40:
        return 22.0, 3.0
    return (14.0, 2.0) if points <= 400 else (9.0, 1.2)


class RegionMarks:
    """The circles, made on the plot the first time there are any (``region()`` gives the view)."""

    def __init__(self, region: Callable[[], RegionView]) -> None:
        self.region = region
        self.item: pg.ScatterPlotItem | None = None

    def clear(self) -> None:
        if self.item is not None:
            self.item.setData([], [])

    def show(self, result: CheckResult, exercise: Exercise, network: Network, axes: tuple[int, int]) -> None:
        """Circle what ``result`` found wrong, where the plot shows the inputs numbered ``axes``
        (nothing when it shows inputs the exercise does not have)."""
        if self.item is None:
            self.item = pg.ScatterPlotItem(size=22, pen=pg.mkPen(FAIL_COLOR, width=3), brush=None)
            self.item.setZValue(50)
            self.item.setObjectName("exerciseMarks")
            self.region().plot.addItem(self.item)
        wrong = [row.index for row in result.wrong_rows] if exercise.is_truth_table else result.wrong_points
        ids = exercise.input_ids
        plotted = list(network.inputs)
        if len(plotted) < 2 or not result.evaluated or not wrong or any(plotted[a] not in ids for a in axes):
            self.item.setData([], [])
            return
        x = exercise.cases.x[wrong]
        size, width = mark_size(len(exercise.cases))
        scale = self.region().scene.theme.scale
        self.item.setData(
            x[:, ids.index(plotted[axes[0]])],
            x[:, ids.index(plotted[axes[1]])],
            size=size * scale,
            pen=pg.mkPen(FAIL_COLOR, width=width * scale),
        )
