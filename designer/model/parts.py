"""The network's parts as plain records: input, feature and neuron nodes, connections, where a node
may stand, and field-by-field copies (:class:`designer.model.network.Network` holds them and
re-exports them).
"""

from __future__ import annotations

import math

from designer.model.jsonread import one_line
from designer.model.limits import POSITION_LIMIT
from designer.model.record import Record

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs every command's start 2 ms (issue 14): only the type checker reads it
    from typing import Any

#: Activation names, in the order a user meets them in the lecture.
ACTIVATIONS: tuple[str, ...] = ("linear", "sigmoid", "step", "relu", "tanh")

Position = tuple[float, float]
ConnectionKey = tuple[str, str]


def _beyond_text(value: float) -> str:
    """A coordinate as short as it stays true: 1000001 is not shown as "1e+06", which is within the limit."""
    short = f"{value:g}"
    return short if abs(float(short)) > POSITION_LIMIT or abs(value) <= POSITION_LIMIT else f"{value:.17g}"


def position_problem(node_id: str, position: Position) -> str | None:
    """Why a node cannot stand at ``position`` (not finite, or beyond the limit), or None."""
    if not all(isinstance(v, (int, float)) and math.isfinite(v) for v in position):
        return f"node '{one_line(node_id)}': position {list(position)} is not a pair of finite numbers"
    if any(abs(v) > POSITION_LIMIT for v in position):
        shown = ", ".join(_beyond_text(v) for v in position)
        return f"node '{one_line(node_id)}': position [{shown}] is beyond ±{POSITION_LIMIT:,.0f} canvas units"
    return None


def clamp_position(position: Position) -> Position:
    """``position`` moved onto the allowed square (drags, keyboard moves, layouts stop at its edge)."""
    x, y = (0.0 if math.isnan(v) else max(-POSITION_LIMIT, min(float(v), POSITION_LIMIT)) for v in position)
    return (x, y)


class _Shown(Record):
    """What every node shows as its name: the label when set, else the id."""

    __slots__ = ()
    id: str
    label: str | None

    @property
    def display_label(self) -> str:
        return self.label if self.label else self.id


# Plain records, not dataclasses (model/record.py says why); the fields keep a dataclass's order.
class InputNode(_Shown):
    __slots__ = ("id", "label", "position", "extras")

    def __init__(
        self, id: str, label: str | None = None, position: Position = (0.0, 0.0), extras: dict[str, Any] | None = None
    ) -> None:
        self.id = id
        self.label = label
        self.position = position
        self.extras = {} if extras is None else extras


class Neuron(_Shown):
    __slots__ = ("id", "activation", "bias", "label", "position", "trainable", "extras")

    def __init__(
        self,
        id: str,
        activation: str = "sigmoid",
        bias: float = 0.0,
        label: str | None = None,
        position: Position = (0.0, 0.0),
        trainable: bool = True,
        extras: dict[str, Any] | None = None,
    ) -> None:
        self.id = id
        self.activation = activation
        self.bias = bias
        self.label = label
        self.position = position
        self.trainable = trainable
        self.extras = {} if extras is None else extras


class FeatureNode(_Shown):
    """An engineered input: a fixed formula of the raw inputs (``x1^2``, ``sin(x2)``), no trainable values.

    It sits in the input column and feeds neurons like an input; nothing connects into it. The
    expression is checked by :mod:`designer.model.formula` (the FEATURE dialect).
    """

    __slots__ = ("id", "expression", "label", "position", "extras")

    def __init__(
        self,
        id: str,
        expression: str,
        label: str | None = None,
        position: Position = (0.0, 0.0),
        extras: dict[str, Any] | None = None,
    ) -> None:
        self.id = id
        self.expression = expression
        self.label = label
        self.position = position
        self.extras = {} if extras is None else extras


Node = InputNode | FeatureNode | Neuron


class Connection(Record):
    __slots__ = ("source", "target", "weight", "trainable", "extras")

    def __init__(
        self,
        source: str,
        target: str,
        weight: float = 0.0,
        trainable: bool = True,
        extras: dict[str, Any] | None = None,
    ) -> None:
        self.source = source
        self.target = target
        self.weight = weight
        self.trainable = trainable
        self.extras = {} if extras is None else extras

    @property
    def key(self) -> ConnectionKey:
        return (self.source, self.target)


def copy_extras(extras: dict[str, Any]) -> dict[str, Any]:
    if not extras:
        return {}
    import copy  # here: copy (with weakref) is 0.5 ms of every command's start (issue 14)

    return copy.deepcopy(extras)


def copy_position(position: Position) -> Position:
    if type(position) is tuple:
        return position
    import copy

    return copy.deepcopy(position)


# Field by field rather than copy.deepcopy: a network of 109,000 connections (a 784-128-64 MLP) took
# 1.5 s to copy, and every undo snapshot of a whole network copies it (0.17 s now).
def copy_input(n: InputNode) -> InputNode:
    return InputNode(n.id, n.label, copy_position(n.position), copy_extras(n.extras))


def copy_neuron(n: Neuron) -> Neuron:
    return Neuron(n.id, n.activation, n.bias, n.label, copy_position(n.position), n.trainable, copy_extras(n.extras))


def copy_connection(c: Connection) -> Connection:
    return Connection(c.source, c.target, c.weight, c.trainable, copy_extras(c.extras))
