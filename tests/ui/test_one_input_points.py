"""The data points of the 1-input view (targets over x: sin, abs, a step, a truth table on one input).
Test points were hollow squares, 6 px (10.5 px presenting) wherever they crowded: the rows of targets at
y = 0 and 1 were rows of overlapping squares that read as a ruler, while the legend showed a filled ■."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.live_gui import choose, mlp, open_window, shown_text

OLD_SIZE = 6.0  # px, what a point over one input was in the window, however crowded


def drawn(scatter) -> tuple[str, bool, float]:
    """(symbol, filled, size in px) of a scatter's points as drawn."""
    point = scatter.points()[0]
    return point.symbol(), point.brush().style() != Qt.BrushStyle.NoBrush, point.size()


def legend_marks(region) -> dict[str, str]:
    """The legend's mark for each set: {"train": "●", "test": "○"}."""
    words = shown_text(region.legend).split()
    return {words[i + 1]: words[i] for i in range(len(words) - 1) if words[i + 1] in ("train", "test")}


def check_points(region, scale: float) -> None:
    points = region.points
    train, test = drawn(points.train), drawn(points.test)
    assert train[:2] == ("o", True) and test[:2] == ("o", False)  # dots and rings, no squares
    assert legend_marks(region) == {"train": "●", "test": "○"}  # the legend as drawn
    assert max(train[2], test[2]) < OLD_SIZE * scale  # 200 targets in a row: smaller, apart
    assert min(train[2], test[2]) >= 4 * scale  # still seen from the back of the room


@pytest.mark.parametrize("dataset", ["step", "sin"])
def test_one_input_targets_are_dots_and_rings_as_the_legend_shows(qtbot, monkeypatch, dataset):
    w = open_window(qtbot, mlp([1, 3, 1]))
    live = w.live
    live.region_dock.show()
    choose(live.panel.dataset, dataset)
    region = live.region
    qtbot.waitUntil(lambda: region.points.map_area > 0 and len(region.points.test.points()) == 100)
    check_points(region, 1.0)

    monkeypatch.setattr(w, "showFullScreen", lambda: w.resize(1280, 720))
    w.actions["present"].setChecked(True)
    qtbot.waitUntil(lambda: w.presentation.active and w.width() == 1280)
    qtbot.waitUntil(lambda: drawn(region.points.train)[2] >= 4 * 1.75)  # presenting: points grow by 1.75
    check_points(region, 1.75)
