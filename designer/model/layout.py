"""Positions for nodes: arrange by layers, place new columns, snap to columns."""

from __future__ import annotations

from designer.model.graph import levels
from designer.model.network import Network, Position

COLUMN_SPACING = 220.0
ROW_SPACING = 120.0


def arrange_by_layers(network: Network) -> dict[str, Position]:
    """Inputs in column 0, each neuron in the column of its depth level, rows centred.

    Outputs at the deepest level share the last column. Order within a column keeps the
    current vertical order so the user's arrangement is respected as far as possible.
    """
    depth = levels(network)
    columns: dict[int, list[str]] = {}
    for node_id in network.node_ids():
        columns.setdefault(depth.get(node_id, 1), []).append(node_id)
    tallest = max((len(c) for c in columns.values()), default=0)
    positions: dict[str, Position] = {}
    for d, ids in columns.items():
        ids.sort(key=lambda n: network.node(n).position[1])
        top = (tallest - len(ids)) * ROW_SPACING / 2
        for row, node_id in enumerate(ids):
            positions[node_id] = (d * COLUMN_SPACING, top + row * ROW_SPACING)
    return positions


def column_positions(network: Network) -> list[float]:
    """Distinct x positions of existing nodes, left to right."""
    return sorted({round(network.node(n).position[0], 3) for n in network.node_ids()})


def next_column(network: Network) -> tuple[float, list[str]]:
    """x for a new column right of everything, and the ids in the current last column."""
    columns = column_positions(network)
    if not columns:
        return 0.0, []
    last = columns[-1]
    ids = [n for n in network.node_ids() if abs(network.node(n).position[0] - last) < 1e-6]
    return last + COLUMN_SPACING, ids


def column_of_new_nodes(count: int, x: float, centre_y: float = 60.0) -> list[Position]:
    top = centre_y - (count - 1) * ROW_SPACING / 2
    return [(x, top + i * ROW_SPACING) for i in range(count)]


def snap_x(x: float, columns: list[float], tolerance: float = 40.0) -> float:
    """Snap to the nearest existing column within ``tolerance``, else keep x."""
    best = min(columns, key=lambda c: abs(c - x), default=None)
    return best if best is not None and abs(best - x) <= tolerance else x
