"""How big and how often the loss landscape recomputes its surface while training runs.

Qt-free arithmetic kept apart from the view that draws: the grid sizes, the training budget and the
refresh rule decide how much of the machine the landscape takes, and tests and benchmarks read them
without building a widget.
"""

from __future__ import annotations

import math

GRID_2D = 61  # values per parameter for a surface (61×61)
GRID_1D = 241  # values for a curve
TRAINING_REFRESH_MS = 200  # the surface while training runs, at most this often (the point and path follow its frames)
#: while training runs, a surface is recomputed in at most about this time: on a coarser grid where the full
#: one costs more (61×61 for 2-64-64-1 on 500 points took 0.3 s, every 0.2 s: more than the whole machine,
#: and the canvas fell from 60 to 23 frames a second); the full grid again when training pauses
TRAINING_BUDGET_S = 0.006
TRAINING_SHARE = 0.1  # and the recomputes take at most this share of the time (they wait longer when dear)
LEAST_GRID_2D, LEAST_GRID_1D = 15, 61  # values per parameter while training, at least


def training_grid(full: int, cost_per_value: float, dimensions: int, least: int) -> int:
    """Values per parameter for a surface (or curve) recomputed while training: as many as fit in
    TRAINING_BUDGET_S at ``cost_per_value`` seconds each, between ``least`` and ``full``."""
    if cost_per_value <= 0:
        return full
    fitting = int((TRAINING_BUDGET_S / cost_per_value) ** (1 / dimensions))
    return max(least, min(full, fitting))


def training_refresh_ms(cost: float) -> int:
    """Milliseconds until the next recompute while training: TRAINING_REFRESH_MS, longer where one took
    ``cost`` seconds, so that the recomputes take at most TRAINING_SHARE of the time."""
    return max(TRAINING_REFRESH_MS, math.ceil(1000 * cost / TRAINING_SHARE))


def grid_values(parameters: int, running: bool, cost_per_value: float) -> int:
    """Values per parameter of the next surface (two parameters) or curve (one): the full grid, coarser
    while training where it costs more than TRAINING_BUDGET_S (see ``training_grid``)."""
    two = parameters == 2
    full = GRID_2D if two else GRID_1D
    if not running:
        return full
    return training_grid(full, cost_per_value, 2 if two else 1, LEAST_GRID_2D if two else LEAST_GRID_1D)
