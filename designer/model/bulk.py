"""Commands that add or remove many nodes or links as one change (Add Layer, paste, Connect to many; a
selected layer and Delete, a neuron's "Disconnect all incoming"): one event per kind of change with all
the ids or keys, one pass over the network's keys for all of them, one merge to put them back. The
single-item commands are in ``node_commands.py`` and ``link_commands.py``."""

from __future__ import annotations

from dataclasses import dataclass, field

from designer.model.command_base import Command, CommandError
from designer.model.link_commands import cycle_refusal, ends_refusal
from designer.model.network import (
    Connection,
    ConnectionKey,
    InputNode,
    Network,
    Node,
    clamp_position,
    framed,
)
from designer.model.node_commands import feature_readers, node_refusal, read_by_features


@dataclass
class AddNodes(Command):
    """Add several nodes as one change (one NODES_ADDED event), each appended to its table: a pasted
    selection, a new layer. One AddNode per node sent one event per node, and each view followed each."""

    nodes: list[Node]
    text: str = ""

    def __post_init__(self) -> None:
        self.text = self.text or f"add {len(self.nodes)} nodes"

    def do(self, network: Network) -> None:
        new_inputs: list[str] = []
        seen: set[str] = set()
        for node in self.nodes:
            reason = node_refusal(network, node, new_inputs)
            if reason is None and node.id in seen:
                reason = f"id '{node.id}' is already used"
            if reason:
                raise CommandError(reason)
            seen.add(node.id)
            if isinstance(node, InputNode):
                new_inputs.append(node.id)
        sizes = {"inputs": len(network.inputs), "features": len(network.features), "neurons": len(network.neurons)}
        placed: list[tuple[Node, int]] = []
        for node in self.nodes:
            node.position = clamp_position(node.position)  # a new column right of one at the edge
            table = network.table_of(node)
            placed.append((node, sizes[table]))
            sizes[table] += 1
        network.insert_nodes(placed)

    def undo(self, network: Network) -> None:
        network.pop_nodes([node.id for node in self.nodes])


@dataclass
class AddConnections(Command):
    """Add several connections as one change (one CONNECTIONS_ADDED event), appended in the order given:
    a layer fully connected, a pasted selection's links, Connect to many. Cycles are looked for once for
    all of them, in what the new links' targets reach, not once per link over the whole network."""

    connections: list[Connection]
    text: str = ""

    def __post_init__(self) -> None:
        self.text = self.text or f"connect {len(self.connections)} links"

    def do(self, network: Network) -> None:
        seen: set[ConnectionKey] = set()
        for connection in self.connections:
            source, target = connection.key
            reason = ends_refusal(network, source, target)
            if reason is None and connection.key in seen:
                reason = f"'{source}' is already connected to '{target}'"
            if reason:
                raise CommandError(reason)
            seen.add(connection.key)
        if closing := closing_link(network, [c.key for c in self.connections]):
            raise CommandError(cycle_refusal(*closing))
        start = len(network.connections)
        network.insert_connections([(c, start + i) for i, c in enumerate(self.connections)])

    def undo(self, network: Network) -> None:
        network.pop_connections([c.key for c in self.connections])


def closing_link(network: Network, keys: list[ConnectionKey]) -> ConnectionKey | None:
    """A link of ``keys`` that would close a cycle were they all added (the network itself has none), or
    None. A cycle through a new link lies within what its target reaches: one depth-first walk over the
    nodes the new targets reach, along old and new links, each node visited once."""
    new: dict[str, list[str]] = {}
    for source, target in keys:
        new.setdefault(source, []).append(target)
    state: dict[str, int] = {}  # 1: on the walk's path, 2: done
    for root in dict.fromkeys(target for _, target in keys):
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter([*network.successors(root), *new.get(root, ())]))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                path = [n for n, _ in stack]
                return _new_link_on(path[path.index(child) :] + [child], set(keys))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter([*network.successors(child), *new.get(child, ())])))
    return None


def _new_link_on(cycle: list[str], keys: set[ConnectionKey]) -> ConnectionKey:
    """The first new link along ``cycle`` (first node repeated at the end); the network had no cycle, so
    there is one."""
    return next(key for key in zip(cycle, cycle[1:], strict=False) if key in keys)


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
