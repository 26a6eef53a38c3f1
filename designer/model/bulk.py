"""Commands that add or remove many nodes or links as one action (a paste, a selected layer and Delete,
a neuron's "Disconnect all incoming"): one pass over the network's keys for all of them, one event per
kind of change, and one merge to put them back. The single-item commands are in ``commands.py``."""

from __future__ import annotations

from dataclasses import dataclass, field

from designer.model.commands import Command, CommandError, feature_readers, read_by_features
from designer.model.graph import find_cycle
from designer.model.network import (
    ACTIVATIONS,
    Connection,
    ConnectionKey,
    FeatureNode,
    Network,
    Neuron,
    Node,
    clamp_position,
    framed,
)
from designer.model.validation import feature_problem


@dataclass
class AddNodes(Command):
    """Add several nodes and the links among them as one action (a paste), after the existing ones:
    one event for the nodes and one for the links, and one pass to take them out again. A macro of one
    AddNode or AddConnection per item sent an event per item (100,480 for a pasted 784-128-1 net, each
    followed by the canvas), and its undo popped them one by one from a dict that keeps its popped
    slots: quadratic, 4.5 s for those links in the model alone."""

    nodes: list[Node]
    connections: list[Connection]
    text: str = "paste"

    def do(self, network: Network) -> None:
        self._check_nodes(network)
        placed, sizes = [], {}
        for node in self.nodes:
            table = network._table_of(node)
            index = sizes.setdefault(table, len(getattr(network, table)))
            sizes[table] = index + 1
            node.position = clamp_position(node.position)  # a new column right of one at the edge
            placed.append((node, index))
        start = len(network.connections)
        with framed(network, bool(self.nodes) + bool(self.connections)):
            network.insert_nodes(placed)
            reason = self._feature_problem(network) or self._connection_problem(network)
            if not reason:
                network.insert_connections([(c, start + i) for i, c in enumerate(self.connections)])
                cycle = find_cycle(network) if self.connections else None
                if cycle:
                    network.pop_connections(c.key for c in self.connections)
                    reason = f"the links would make a cycle: {' → '.join(cycle[:4])}{' → …' if len(cycle) > 4 else ''}"
            if reason:
                network.pop_nodes(node.id for node in self.nodes)
                raise CommandError(reason)

    def undo(self, network: Network) -> None:
        with framed(network, bool(self.nodes) + bool(self.connections)):
            network.pop_connections(c.key for c in self.connections)
            network.pop_nodes(node.id for node in self.nodes)

    def _check_nodes(self, network: Network) -> None:
        """What AddNode refuses, for each node (before anything changes)."""
        seen: set[str] = set()
        for node in self.nodes:
            if not node.id or not node.id.strip():
                raise CommandError("a node needs a non-empty id")
            if network.has_node(node.id) or node.id in seen:
                raise CommandError(f"id '{node.id}' is already used")
            seen.add(node.id)
            if isinstance(node, Neuron) and node.activation not in ACTIVATIONS:
                raise CommandError(f"unknown activation '{node.activation}'")

    def _feature_problem(self, network: Network) -> str | None:
        """A feature's formula that does not read (checked with the pasted inputs in the network)."""
        for node in self.nodes:
            if isinstance(node, FeatureNode) and (reason := feature_problem(network, node.expression)):
                return reason
        return None

    def _connection_problem(self, network: Network) -> str | None:
        """What AddConnection refuses but a cycle (looked for once, with all the links in)."""
        keys: set[ConnectionKey] = set()
        for c in self.connections:
            source, target = c.key
            if not network.has_node(source) or not network.has_node(target):
                return f"no node '{target if network.has_node(source) else source}'"
            if target in network.inputs or target in network.features:
                return f"cannot connect into '{target}': it is an input or a feature"
            if source == target:
                return f"cannot connect '{source}' to itself"
            if c.key in network.connections or c.key in keys:
                return f"'{source}' is already connected to '{target}'"
            keys.add(c.key)
        return None


@dataclass
class RemoveNodes(Command):
    """Remove several nodes with all their connections and output marks as one action (a selected layer
    and Delete). The links' places are found in one pass over the network's keys for all the nodes, and
    put back with one merge: a Macro of one RemoveNode per node passed over every key once per node (128
    passes over 109,184 keys for a layer of a 784-128-64-10 net)."""

    node_ids: list[str]
    _nodes: list[tuple[Node, int]] = field(default_factory=list, init=False)
    _connections: list[tuple[Connection, int]] = field(default_factory=list, init=False)
    _outputs: list[str] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.node_ids = list(dict.fromkeys(self.node_ids))
        self.text = f"delete {len(self.node_ids)} nodes"

    def do(self, network: Network) -> None:
        going = frozenset(self.node_ids)
        readers_of = feature_readers(network) if network.features else {}
        for node_id in self.node_ids:
            if not network.has_node(node_id):
                raise CommandError(f"no node '{node_id}'")
            if reason := read_by_features(network, node_id, going, readers_of):
                raise CommandError(reason)
        keys = dict.fromkeys(key for node_id in self.node_ids for key in network.attached_keys(node_id))
        kept = [o for o in network.outputs if o not in going]
        marked = len(kept) != len(network.outputs)
        self._outputs = None
        with framed(network, bool(keys) + bool(self.node_ids) + marked):  # views redraw once, at its end
            if marked:
                self._outputs = network.set_outputs(kept)
            self._connections = network.pop_connections(keys)
            self._nodes = network.pop_nodes(self.node_ids)

    def undo(self, network: Network) -> None:
        with framed(network, bool(self._connections) + bool(self._nodes) + (self._outputs is not None)):
            network.insert_nodes(self._nodes)
            network.insert_connections(self._connections)
            if self._outputs is not None:
                network.set_outputs(self._outputs)


@dataclass
class RemoveConnections(Command):
    """Remove several connections as one action (a neuron's "Disconnect all incoming"): their places are
    found in one pass over the keys and put back with one merge, not one list search per connection."""

    keys: list[ConnectionKey]
    text: str = "disconnect"
    _removed: list[tuple[Connection, int]] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self.keys = list(dict.fromkeys(self.keys))

    def do(self, network: Network) -> None:
        missing = next((key for key in self.keys if key not in network.connections), None)
        if missing is not None:
            raise CommandError(f"no connection {missing[0]} → {missing[1]}")
        self._removed = network.pop_connections(self.keys)

    def undo(self, network: Network) -> None:
        network.insert_connections(self._removed)
