"""Edit commands with do/undo. Each touches only the model (the view follows events).

A command is created with its arguments, then ``do(network)`` applies it and
remembers what it needs for ``undo(network)``. Commands that may merge (a
weight nudged by the scroll wheel many times) expose ``merge_key``. The
commands removing many nodes or links as one action are in ``bulk.py``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from designer.model.experiment import training_problems
from designer.model.formula import FEATURE, FormulaError, parse_unchecked
from designer.model.formula_tree import referenced_names
from designer.model.graph import would_create_cycle
from designer.model.jsonread import one_line
from designer.model.limits import text_too_long
from designer.model.network import (
    ACTIVATIONS,
    Connection,
    ConnectionKey,
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


class CommandError(ValueError):
    """An edit that would make the network invalid; the message says why."""


class Command:
    text = "edit"
    #: Commands with equal non-None merge keys may be merged into one undo step.
    merge_key: Any = None

    def do(self, network: Network) -> None:
        raise NotImplementedError

    def undo(self, network: Network) -> None:
        raise NotImplementedError

    def merge(self, later: Command) -> bool:
        """Absorb ``later`` (already done) into self; True if it did."""
        return False


# --------------------------------------------------------------------- nodes
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


@dataclass
class AddNode(Command):
    node: Node
    index: int | None = None

    def __post_init__(self) -> None:
        self.text = f"add {node_kind(self.node)} {self.node.id}"

    def do(self, network: Network) -> None:
        if not self.node.id or not self.node.id.strip():
            raise CommandError("a node needs a non-empty id")
        if network.has_node(self.node.id):
            raise CommandError(f"id '{self.node.id}' is already used")
        if isinstance(self.node, Neuron) and self.node.activation not in ACTIVATIONS:
            raise CommandError(f"unknown activation '{self.node.activation}'")
        if isinstance(self.node, FeatureNode):
            reason = feature_problem(network, self.node.expression)
            if reason:
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
        self._old = {}
        with network.batch():
            for node_id, pos in self.positions.items():
                self._old[node_id] = network.set_node_field(node_id, "position", clamp_position(pos))

    def undo(self, network: Network) -> None:
        with network.batch():
            for node_id, pos in self._old.items():
                network.set_node_field(node_id, "position", pos)


# ------------------------------------------------------------- connections
def connection_refusal(network: Network, source: str, target: str) -> str | None:
    """Why source→target may not be added, or None if it may."""
    if not network.has_node(source):
        return f"no node '{source}'"
    if not network.has_node(target):
        return f"no node '{target}'"
    if target in network.inputs:
        return f"cannot connect into input '{target}': inputs receive no connections"
    if target in network.features:
        return f"cannot connect into feature '{target}': a feature is computed from the inputs"
    if source == target:
        return f"cannot connect '{source}' to itself"
    if (source, target) in network.connections:
        return f"'{source}' is already connected to '{target}'"
    if would_create_cycle(network, source, target):
        return f"connecting '{source}' to '{target}' would make a cycle"
    return None


@dataclass
class AddConnection(Command):
    connection: Connection
    index: int | None = None

    def __post_init__(self) -> None:
        self.text = f"connect {self.connection.source} → {self.connection.target}"

    def do(self, network: Network) -> None:
        reason = connection_refusal(network, self.connection.source, self.connection.target)
        if reason:
            raise CommandError(reason)
        network.insert_connection(self.connection, self.index)

    def undo(self, network: Network) -> None:
        network.pop_connection(self.connection.key)


@dataclass
class RemoveConnection(Command):
    key: ConnectionKey
    _removed: tuple[Connection, int] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.text = f"disconnect {self.key[0]} → {self.key[1]}"

    def do(self, network: Network) -> None:
        if self.key not in network.connections:
            raise CommandError(f"no connection {self.key[0]} → {self.key[1]}")
        self._removed = network.pop_connection(self.key)

    def undo(self, network: Network) -> None:
        assert self._removed is not None
        network.insert_connection(*self._removed)


# -------------------------------------------------------------- attributes
#: The fields SetNodeField may change, per kind of node.
EDITABLE_FIELDS = {
    "input": ("label", "position"),
    "feature": ("label", "position", "expression"),
    "neuron": ("label", "position", "activation", "bias", "trainable"),
}


@dataclass
class SetNodeField(Command):
    """Set a node attribute: a neuron's activation, bias, label, trainable; a feature's expression or label."""

    node_id: str
    name: str
    value: Any
    _old: Any = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.text = f"set {self.name} of {self.node_id}"
        if self.name == "bias":
            self.merge_key = ("bias", self.node_id)

    def do(self, network: Network) -> None:
        if not network.has_node(self.node_id):
            raise CommandError(f"no node '{self.node_id}'")
        kind = node_kind(network.node(self.node_id))
        if self.name not in EDITABLE_FIELDS[kind]:
            raise CommandError(f"{kind} '{self.node_id}' has no {self.name} to set")
        if self.name == "activation" and self.value not in ACTIVATIONS:
            raise CommandError(f"unknown activation '{self.value}' (known: {', '.join(ACTIVATIONS)})")
        if self.name == "expression":
            reason = feature_problem(network, self.value) if isinstance(self.value, str) else "expected text"
            if reason:
                raise CommandError(reason)
        if self.name == "label" and kind != "neuron" and isinstance(self.value, str):
            unchanged = self.value == network.node(self.node_id).label  # a file may hold such twins already
            other = source_names(network, besides=self.node_id).get(self.value.strip())
            if not unchanged and other:
                raise CommandError(
                    f"'{one_line(self.value.strip(), 40)}' already names {other}: two sources shown alike would be "
                    "mistaken for each other in the probe, the maps and the formulas"
                )
        if too_long := text_too_long(self.name, self.value):
            raise CommandError(too_long)
        if self.name == "bias":
            self.value = float(self.value)
        self._old = network.set_node_field(self.node_id, self.name, self.value)

    def undo(self, network: Network) -> None:
        network.set_node_field(self.node_id, self.name, self._old)

    def merge(self, later: Command) -> bool:
        if isinstance(later, SetNodeField) and later.merge_key == self.merge_key and self.merge_key:
            self.value = later.value
            return True
        return False


@dataclass
class SetConnectionField(Command):
    """Set a connection attribute: weight or trainable."""

    key: ConnectionKey
    name: str
    value: Any
    _old: Any = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.text = f"set {self.name} of {self.key[0]} → {self.key[1]}"
        if self.name == "weight":
            self.merge_key = ("weight", self.key)

    def do(self, network: Network) -> None:
        if self.key not in network.connections:
            raise CommandError(f"no connection {self.key[0]} → {self.key[1]}")
        if self.name == "weight":
            self.value = float(self.value)
        self._old = network.set_connection_field(self.key, self.name, self.value)

    def undo(self, network: Network) -> None:
        network.set_connection_field(self.key, self.name, self._old)

    def merge(self, later: Command) -> bool:
        if isinstance(later, SetConnectionField) and later.merge_key == self.merge_key and self.merge_key:
            self.value = later.value
            return True
        return False


@dataclass
class SetOutputs(Command):
    outputs: list[str]
    _old: list[str] = field(default_factory=list, init=False)
    text = "set outputs"

    def do(self, network: Network) -> None:
        for out in self.outputs:
            if out not in network.neurons:
                raise CommandError(f"'{out}' is not a neuron, so it cannot be an output")
        self._old = network.set_outputs(self.outputs)

    def undo(self, network: Network) -> None:
        network.set_outputs(self._old)


@dataclass
class SetNetworkField(Command):
    """Set name, description, softmax, the training section (a TrainingSection or None) or an extra section."""

    name: str
    value: Any
    _old: Any = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.text = f"set {self.name}"

    def do(self, network: Network) -> None:
        if self.name == "training" and self.value is not None:
            problems = training_problems(self.value, rows=True)
            if problems:
                raise CommandError(problems[0])
        if too_long := text_too_long(self.name, self.value):
            raise CommandError(too_long)
        self._old = network.set_network_field(self.name, self.value)

    def undo(self, network: Network) -> None:
        network.set_network_field(self.name, self._old)


@dataclass
class SetValues(Command):
    """Many weights and biases at once, e.g. the result of a training run."""

    weights: dict[ConnectionKey, float]
    biases: dict[str, float]
    text: str = "train"
    _old: tuple[dict[ConnectionKey, float], dict[str, float]] | None = field(default=None, init=False)

    def do(self, network: Network) -> None:
        self._old = network.set_values(self.weights, self.biases)

    def undo(self, network: Network) -> None:
        assert self._old is not None
        network.set_values(*self._old)


@dataclass
class ReplaceNetwork(Command):
    """Replace the whole content (templates, auto-layout of everything, exercise starters)."""

    new: Network
    text: str = "replace network"
    _old: Network | None = field(default=None, init=False)

    def do(self, network: Network) -> None:
        self._old = network.copy()
        network.replace_with(self.new)

    def undo(self, network: Network) -> None:
        assert self._old is not None
        network.replace_with(self._old)


@dataclass
class Macro(Command):
    """Several commands as one undo step; if one fails, the done ones are undone."""

    commands: list[Command]
    text: str = "edit"

    def do(self, network: Network) -> None:
        done: list[Command] = []
        with network.batch():
            try:
                for command in self.commands:
                    command.do(network)
                    done.append(command)
            except Exception:
                for command in reversed(done):
                    command.undo(network)
                raise

    def undo(self, network: Network) -> None:
        """Each run of added links (or nodes) goes in one pass: Add Layer's 100,352 AddConnection after 784
        inputs sent as many events, and popping them one by one from a dict that keeps its popped slots
        made every "is it the last one?" skip all those before it (10 s, quadratic in the links)."""
        with network.batch():
            for kind, run in itertools.groupby(reversed(self.commands), key=_added_kind):
                run = list(run)
                if kind == "links" and len(run) > 1:
                    network.pop_connections(command.connection.key for command in run)
                elif kind == "nodes" and len(run) > 1:
                    network.pop_nodes(command.node.id for command in run)
                else:
                    for command in run:
                        command.undo(network)


def _added_kind(command: Command) -> str | int:
    """What a run of commands undone together adds: "links", "nodes", or a kind of its own."""
    if type(command) is AddConnection:
        return "links"
    if type(command) is AddNode:
        return "nodes"
    return id(command)


def __getattr__(name: str) -> Any:
    """The bulk deletions moved to ``bulk.py`` (which builds on this module); imports from here still work."""
    if name in ("RemoveNodes", "RemoveConnections"):
        from designer.model import bulk

        return getattr(bulk, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
