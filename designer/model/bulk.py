"""Commands that remove many nodes or links as one action (a selected layer and Delete, a neuron's
"Disconnect all incoming"): one pass over the network's keys for all of them, one event per kind of
change, and one merge to put them back. The single-item commands are in ``commands.py``."""

from __future__ import annotations

from dataclasses import dataclass, field

from designer.model.commands import Command, CommandError, feature_readers, read_by_features
from designer.model.network import Connection, ConnectionKey, Network, Node, framed


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
