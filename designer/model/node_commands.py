"""Commands that add, remove or move one node (or move many in one step), and the checks they share
with the bulk commands of ``bulk.py``."""

from __future__ import annotations

from dataclasses import dataclass, field

from designer.model.command_base import Command, CommandError
from designer.model.formula import FEATURE, FormulaError, parse_unchecked
from designer.model.formula_tree import referenced_names
from designer.model.network import (
    ACTIVATIONS,
    Connection,
    FeatureNode,
    InputNode,
    Network,
    Neuron,
    Node,
    Position,
    clamp_position,
    framed,
)
from designer.model.validation import feature_problem


def node_kind(node: Node) -> str:
    """'input', 'feature' or 'neuron' (for undo texts and messages)."""
    return "input" if isinstance(node, InputNode) else "feature" if isinstance(node, FeatureNode) else "neuron"


def source_names(network: Network, besides: str = "") -> dict[str, str]:
    """Every name an input or feature is shown by (its id and its label) → which source it is ("input
    x2"); ``besides``: leave that node out. Two sources must not share one (the probe, the maps and the
    formulas would show them alike)."""
    names: dict[str, str] = {}
    for kind, nodes in (("input", network.inputs), ("feature", network.features)):
        for node_id, node in nodes.items():
            if node_id != besides:
                for name in (node_id, node.display_label):
                    names.setdefault(name, f"{kind} {node_id}")
    return names


def feature_readers(network: Network) -> dict[str, list[str]]:
    """Each name a feature's formula reads → the feature nodes reading it: each formula parsed once
    (deleting 784 inputs parsed every formula once per input)."""
    readers: dict[str, list[str]] = {}
    for feature in network.features.values():
        try:
            names = referenced_names(parse_unchecked(feature.expression, FEATURE))
        except FormulaError:
            continue
        for name in names:
            readers.setdefault(name, []).append(feature.id)
    return readers


def node_refusal(network: Network, node: Node, more_inputs: list[str] | None = None) -> str | None:
    """Why ``node`` may not be added to ``network``, or None. ``more_inputs``: inputs added in the same
    step, which a feature may read (a paste)."""
    if not node.id or not node.id.strip():
        return "a node needs a non-empty id"
    if network.has_node(node.id):
        return f"id '{node.id}' is already used"
    if isinstance(node, Neuron) and node.activation not in ACTIVATIONS:
        return f"unknown activation '{node.activation}'"
    if isinstance(node, FeatureNode):
        return feature_problem(network, node.expression, more_inputs)
    return None


@dataclass
class AddNode(Command):
    node: Node
    index: int | None = None

    def __post_init__(self) -> None:
        self.text = f"add {node_kind(self.node)} {self.node.id}"

    def do(self, network: Network) -> None:
        if reason := node_refusal(network, self.node):
            raise CommandError(reason)
        self.node.position = clamp_position(self.node.position)  # a new column right of one at the edge
        network.insert_node(self.node, self.index)

    def undo(self, network: Network) -> None:
        network.pop_node(self.node.id)


def read_by_features(
    network: Network, node_id: str, going: frozenset[str] = frozenset(), readers_of: dict[str, list[str]] | None = None
) -> str | None:
    """Why the input ``node_id`` may not go (features read it; those in ``going`` go with it), or None.
    ``readers_of``: :func:`feature_readers` of the network, when many inputs are asked about."""
    if node_id not in network.inputs:
        return None
    readers_of = feature_readers(network) if readers_of is None else readers_of
    readers = [f for f in readers_of.get(node_id, ()) if f not in going]
    if not readers:
        return None
    shown = ", ".join(readers[:3]) + (" …" if len(readers) > 3 else "")
    plural, them = ("s", "them") if len(readers) > 1 else ("", "it")
    return f"input '{node_id}' is used by feature{plural} {shown}: delete or change {them} first"


@dataclass
class RemoveNode(Command):
    """Remove a node with its attached connections and its output mark."""

    node_id: str
    _node: Node | None = field(default=None, init=False)
    _index: int = field(default=0, init=False)
    _connections: list[tuple[Connection, int]] = field(default_factory=list, init=False)
    _outputs: list[str] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.text = f"delete {self.node_id}"

    def do(self, network: Network) -> None:
        if not network.has_node(self.node_id):
            raise CommandError(f"no node '{self.node_id}'")
        if reason := read_by_features(network, self.node_id):
            raise CommandError(reason)
        self._outputs = None
        keys = network.attached_keys(self.node_id)
        output = self.node_id in network.outputs
        with framed(network, bool(keys) + 1 + output):  # one action: views redraw once, at its end
            if output:
                self._outputs = network.set_outputs([o for o in network.outputs if o != self.node_id])
            self._connections = network.pop_connections(keys)
            self._node, self._index = network.pop_node(self.node_id)

    def undo(self, network: Network) -> None:
        assert self._node is not None
        with framed(network, bool(self._connections) + 1 + (self._outputs is not None)):
            network.insert_node(self._node, self._index)
            network.insert_connections(self._connections)
            if self._outputs is not None:
                network.set_outputs(self._outputs)


@dataclass
class MoveNodes(Command):
    """Move nodes to new positions: one undo step for a whole drag. ``by_keys``: an arrow key's step;
    the presses in a row that move the same nodes merge into one undo step (held down, an arrow
    repeats some 30 times a second: as many steps to undo one placement)."""

    positions: dict[str, Position]
    _old: dict[str, Position] = field(default_factory=dict, init=False)
    by_keys: bool = False
    text = "move"

    def __post_init__(self) -> None:
        if self.by_keys:
            self.merge_key = ("move by keys", frozenset(self.positions))

    def merge(self, later: Command) -> bool:
        """A later arrow-key step of the same nodes: this step now ends where that one did."""
        if isinstance(later, MoveNodes) and self.merge_key is not None and later.merge_key == self.merge_key:
            self.positions = dict(later.positions)
            return True
        return False

    def do(self, network: Network) -> None:
        with network.batch():  # one action: the lines of the moved nodes follow once, at its end
            clamped = {node_id: clamp_position(pos) for node_id, pos in self.positions.items()}
            self._old = network.set_nodes_field("position", clamped)  # one event for them all

    def undo(self, network: Network) -> None:
        with network.batch():
            network.set_nodes_field("position", self._old)
