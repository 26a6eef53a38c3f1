"""Positions for nodes: arrange by layers, place new columns, snap to columns."""

from __future__ import annotations

from dataclasses import dataclass, field

from designer.model.graph import levels
from designer.model.network import Network, Position

COLUMN_SPACING = 220.0
ROW_SPACING = 120.0
SNAP_TOLERANCE = 40.0  # a node this close to a column belongs to it


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


@dataclass
class LayerSlot:
    """Where Add Layer puts a new column: at ``x``, fed by ``sources``; ``outputs`` is an output column
    the new layer goes in front of (those nodes move one column right), or empty."""

    x: float
    sources: list[str]
    outputs: list[str] = field(default_factory=list)


def _last_column(network: Network, ids: list[str]) -> tuple[float, list[str]]:
    """The rightmost x among ``ids`` and every id within the snapping distance of it."""
    last = max(network.node(n).position[0] for n in ids)
    return last, [n for n in ids if last - network.node(n).position[0] <= SNAP_TOLERANCE]


def layer_slot(network: Network, before_outputs: bool) -> LayerSlot:
    """A new column right of everything, or (``before_outputs``, when the last column holds only
    output neurons) between the column before it and the outputs: a hidden layer where it belongs."""
    ids = list(network.node_ids())
    if not ids:
        return LayerSlot(0.0, [])
    last, column = _last_column(network, ids)
    rest = [n for n in ids if n not in column]
    if before_outputs and rest and all(n in network.outputs for n in column):
        _, previous = _last_column(network, rest)
        return LayerSlot(last, previous, column)
    return LayerSlot(last + COLUMN_SPACING, column)


def column_of_new_nodes(count: int, x: float, centre_y: float = 60.0) -> list[Position]:
    top = centre_y - (count - 1) * ROW_SPACING / 2
    return [(x, top + i * ROW_SPACING) for i in range(count)]


def snap_x(x: float, columns: list[float], tolerance: float = SNAP_TOLERANCE) -> float:
    """Snap to the nearest existing column within ``tolerance``, else keep x."""
    best = min(columns, key=lambda c: abs(c - x), default=None)
    return best if best is not None and abs(best - x) <= tolerance else x


def canvas_order(network: Network, ids: list[str]) -> list[str]:
    """``ids`` in reading order on the canvas: column by column (left to right), each top to bottom.

    Nodes within half a column spacing of each other count as one column, so a slightly dragged
    node keeps its place in the column."""
    return sorted(
        ids, key=lambda n: (round(network.node(n).position[0] / COLUMN_SPACING), network.node(n).position[1], n)
    )


def outputs_toggled(network: Network, ids: list[str]) -> list[str]:
    """The output list after toggling ``ids``: outputs among them leave, the others are appended in
    canvas order, so a layer marked at once gives classes 0, 1, 2… from the top neuron down (the
    order in which the selection was made, e.g. by a rubber band, does not matter)."""
    outputs = [n for n in network.outputs if n not in ids]
    added = [n for n in dict.fromkeys(ids) if n not in network.outputs]
    return outputs + canvas_order(network, added)
