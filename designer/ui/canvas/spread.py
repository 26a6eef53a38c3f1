"""How far presentation mode spreads a layout so that enlarged nodes do not crowd each other.

Presentation's scale (1×–3×) enlarges nodes, their maps and their text. Distances between nodes
come from the user's layout, so at 2× the maps would cover the node above and labels would have
nowhere to go. The scene therefore shows node (x, y) at (fx·x, fy·y) while presenting, with the
smallest stretch per axis that keeps every pair of node footprints (body, name, map) apart; the
view then fits the spread network, which so grows on screen wherever the layout had room.
"""

from __future__ import annotations

import numpy as np

MAX_SPREAD = 6.0
MAX_NODES = 600  # beyond this the pair test would cost too much: no spread
TOUCHING = 1.0  # nodes closer than this on both axes are stacked on purpose: left as they are


def spread_for(points: np.ndarray, width: float, height: float) -> tuple[float, float]:
    """(fx, fy) ≥ 1 such that no two ``width`` × ``height`` boxes centred on the stretched points overlap.

    Each overlapping pair is resolved along the axis that needs the smaller stretch (nodes of one
    column spread vertically, nodes of one row horizontally); vertical first, then horizontal for
    the pairs the vertical stretch left overlapping.
    """
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    n = len(points)
    if n < 2 or n > MAX_NODES or width <= 0 or height <= 0:
        return 1.0, 1.0
    i, j = np.triu_indices(n, 1)
    dx = np.abs(points[i, 0] - points[j, 0])
    dy = np.abs(points[i, 1] - points[j, 1])
    stacked = (dx < TOUCHING) & (dy < TOUCHING)
    with np.errstate(divide="ignore"):
        need_x = np.where(dx > 0, width / dx, np.inf)
        need_y = np.where(dy > 0, height / dy, np.inf)
    overlap = (need_x > 1.0) & (need_y > 1.0) & ~stacked
    vertical = overlap & (need_y <= need_x)
    fy = float(np.clip(np.max(need_y[vertical], initial=1.0), 1.0, MAX_SPREAD))
    left = overlap & ~vertical & (dy * fy < height)
    fx = float(np.clip(np.max(need_x[left], initial=1.0), 1.0, MAX_SPREAD))
    return fx, fy
