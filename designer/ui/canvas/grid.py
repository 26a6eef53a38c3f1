"""The canvas's background grid: where its lines go, counted so a far-away exposed strip stays cheap.

Apart from the scene (``scene.py``), which only paints what this returns: the arithmetic is tested on
its own (``tests/ui/test_far_nodes.py``) and arrow-key moves step by the same ``GRID``.
"""

from __future__ import annotations

import math

GRID = 40.0
MAX_GRID_LINES = 2000  # per axis: a 4K screen at the densest drawn grid (12 px apart) needs 320


def grid_lines(low: float, high: float) -> list[float] | None:
    """Where the grid's lines between ``low`` and ``high`` go, or None when there would be too many.

    Counted, not stepped: far out (1e17) ``x += GRID`` no longer changes x, and an exposed strip
    that long had no end of lines; the window hung (a file with a node at 1e12 exposed such strips).
    """
    if not (math.isfinite(low) and math.isfinite(high)):
        return None
    first, last = math.floor(low / GRID), math.ceil(high / GRID)
    if last - first > MAX_GRID_LINES:
        return None
    return [(first + i) * GRID for i in range(max(last - first, 0)) if (first + i) * GRID < high]
