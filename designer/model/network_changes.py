"""The network's low-level changes, each one event (user-level edits are commands built on them), and the
batch that frames many changes as one action. A part of :class:`designer.model.network.Network` (its
base class), kept apart from the network's content and its link queries."""

from __future__ import annotations

from collections.abc import Iterable

from designer.model.events import (
    BATCH_BEGIN,
    BATCH_END,
    CONNECTION_ADDED,
    CONNECTION_CHANGED,
    CONNECTION_REMOVED,
    CONNECTIONS_ADDED,
    CONNECTIONS_REMOVED,
    NETWORK_CHANGED,
    NODE_ADDED,
    NODE_CHANGED,
    NODE_REMOVED,
    NODES_ADDED,
    NODES_CHANGED,
    NODES_REMOVED,
    OUTPUTS_CHANGED,
    VALUES_CHANGED,
    Emitter,
    Event,
)
from designer.model.network_links import NodeLinks
from designer.model.ordered import insert_at, merged_in, positions_of
from designer.model.parts import FeatureNode, InputNode

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs every command's start 2 ms (issue 14): only the type checker reads it
    from typing import Any

    from designer.model.parts import Connection, ConnectionKey, Neuron, Node


def framed(network: Changes, changes: int) -> _Batch:
    """``network.batch()`` when an action makes more than one change: views redraw once at its end."""
    return _Batch(network, framing=changes > 1)


class _Batch:
    """``with network.batch():`` — a class rather than contextlib's generator: contextlib is 0.4 ms of
    every command's start (issue 14), and the frame is two calls. ``framing=False``: no frame at all
    (:func:`framed`, for an action of one change)."""

    __slots__ = ("network", "framing")

    def __init__(self, network: Changes, framing: bool = True) -> None:
        self.network = network
        self.framing = framing

    def __enter__(self) -> None:
        if self.framing:
            self.network._enter_batch()

    def __exit__(self, *exc_info: object) -> None:
        if self.framing:
            self.network._leave_batch()


class Changes(NodeLinks):
    """The low-level changes of :class:`~designer.model.network.Network`: each emits exactly one event
    (a node is looked up by the network's ``node``)."""

    inputs: dict[str, InputNode]
    neurons: dict[str, Neuron]
    features: dict[str, FeatureNode]
    outputs: list[str]
    events: Emitter
    structure_version: int
    values_version: int
    _batch_depth: int
    _unplaced: list[list[tuple[Connection, int]]]

    def _emit(self, event: Event) -> None:
        if event.structural:
            self.structure_version += 1
        self.values_version += 1
        self.events.emit(event)

    def insert_node(self, node: Node, index: int | None = None) -> None:
        if isinstance(node, InputNode):
            self.inputs = insert_at(self.inputs, node.id, node, index)
        elif isinstance(node, FeatureNode):
            self.features = insert_at(self.features, node.id, node, index)
        else:
            self.neurons = insert_at(self.neurons, node.id, node, index)
        self._emit(Event(NODE_ADDED, node.id))

    def pop_node(self, node_id: str) -> tuple[Node, int]:
        """Remove a node that has no connections; returns it with its index."""
        table: dict[str, Any] = (
            self.inputs if node_id in self.inputs else self.features if node_id in self.features else self.neurons
        )
        index = list(table).index(node_id)
        node = table.pop(node_id)
        self._emit(Event(NODE_REMOVED, node_id))
        return node, index

    def table_of(self, node: Node) -> str:
        """The name of the table ``node`` goes in: "inputs", "features" or "neurons"."""
        return "inputs" if isinstance(node, InputNode) else "features" if isinstance(node, FeatureNode) else "neurons"

    def pop_nodes(self, node_ids: Iterable[str]) -> list[tuple[Node, int]]:
        """Remove many nodes that have no connections as one change (one NODES_REMOVED event); returns
        each with its index in its table before, ascending per table (what :meth:`insert_nodes` puts
        back): one pass over each table that holds one of them, not one list search per node (784 inputs
        deleted at once)."""
        wanted = set(node_ids)
        placed: list[tuple[Node, int]] = []
        for name in ("inputs", "features", "neurons"):
            table = getattr(self, name)
            if any(node_id in table for node_id in wanted):
                order = list(table)
                placed += [(table[order[i]], i) for i in positions_of(order, wanted)]
        for node, _ in placed:
            del getattr(self, self.table_of(node))[node.id]
        if placed:
            self._emit(Event(NODES_REMOVED, tuple(node.id for node, _ in placed)))
        return placed

    def insert_nodes(self, placed: list[tuple[Node, int]]) -> None:
        """Put nodes back at their indices (as :meth:`pop_nodes` returned them) as one change (one
        NODES_ADDED event): each table touched is made again once."""
        groups: dict[str, list[tuple[Node, int]]] = {}
        for node, index in placed:
            groups.setdefault(self.table_of(node), []).append((node, index))
        for name, group in groups.items():
            items = list(getattr(self, name).items())
            for node, index in sorted(group, key=lambda pair: pair[1]):  # each index counts those put before
                items.insert(index, (node.id, node))
            setattr(self, name, dict(items))
        if placed:
            self._emit(Event(NODES_ADDED, tuple(node.id for node, _ in placed)))

    def insert_connection(self, connection: Connection, index: int | None = None) -> None:
        self._place_unplaced()
        in_order = index is None or index >= len(self.connections)
        self.connections = insert_at(self.connections, connection.key, connection, index)
        self._follow_connections()
        if self._links is not None:
            self._links.add(*connection.key, in_order=in_order)
        self._emit(Event(CONNECTION_ADDED, connection.key))

    def pop_connection(self, key: ConnectionKey) -> tuple[Connection, int]:
        self._place_unplaced()
        last = next(reversed(self.connections), None)  # undoing additions pops from the end: no list to search
        index = len(self.connections) - 1 if key == last else list(self.connections).index(key)
        connection = self.connections.pop(key)
        if self._links is not None:
            self._links.remove(*key)
        self._emit(Event(CONNECTION_REMOVED, key))
        return connection, index

    def pop_connections(self, keys: Iterable[ConnectionKey]) -> list[tuple[Connection, int]]:
        """Remove many connections as one change (one CONNECTIONS_REMOVED event); returns them with
        their indices before, ascending (what :meth:`insert_connections` puts back). The indices come from
        one pass over the keys at C speed, not one list search per connection (848 searches took 1.4 s in
        a 784-128-64-10 net)."""
        self._place_unplaced()
        wanted = set(keys)
        order = list(self.connections)
        placed = [(self.connections[order[i]], i) for i in positions_of(order, wanted)]
        for connection, _ in placed:
            self.connections.pop(connection.key)
            if self._links is not None:
                self._links.remove(*connection.key)
        if placed:
            self._emit(Event(CONNECTIONS_REMOVED, tuple(connection.key for connection, _ in placed)))
        return placed

    def insert_connections(self, placed: list[tuple[Connection, int]]) -> None:
        """Put connections back at their indices as one change (one CONNECTIONS_ADDED event): the dict
        is made again once, however many there are (inserting one at a time copied the whole dict per
        connection). Inside a batch they are appended and put in order when it ends: undoing the
        deletion of 128 neurons makes the dict once, not once per neuron. Until then only the order of
        the dict is off."""
        placed = sorted(placed, key=lambda pair: pair[1])
        in_order = not placed or placed[0][1] >= len(self.connections)  # appended: each node's lists stay in order
        if self._batch_depth and (self._unplaced or not in_order):
            self._unplaced.append(placed)
            for connection, _ in placed:
                self.connections[connection.key] = connection
        elif not in_order:
            keys, values = merged_in(list(self.connections), list(self.connections.values()), placed)
            self.connections = dict(zip(keys, values, strict=True))
            self._follow_connections()
        else:
            for connection, _ in placed:
                self.connections[connection.key] = connection
        if self._links is not None:
            for connection, _ in placed:
                self._links.add(*connection.key, in_order=in_order)
        if placed:
            self._emit(Event(CONNECTIONS_ADDED, tuple(connection.key for connection, _ in placed)))

    def batch(self) -> _Batch:
        """Frame many changes as one action: listeners get BATCH_BEGIN first and BATCH_END last (once, outermost)."""
        return _Batch(self)

    def _enter_batch(self) -> None:
        self._batch_depth += 1
        if self._batch_depth == 1:
            self.events.emit(Event(BATCH_BEGIN))

    def _leave_batch(self) -> None:
        self._batch_depth -= 1
        if self._batch_depth == 0:
            self._place_unplaced()
            self.events.emit(Event(BATCH_END))

    def _place_unplaced(self) -> None:
        """Put the connections :meth:`insert_connections` appended during a batch where they belong, group
        after group as they came (each group's indices count the groups before it): done before anything
        that reads or depends on the order (a removal's indices, an insertion at an index, the batch's end)."""
        if not self._unplaced:
            return
        groups, self._unplaced = self._unplaced, []
        keys, values = list(self.connections), list(self.connections.values())
        appended = sum(len(group) for group in groups)
        keys, values = keys[: len(keys) - appended], values[: len(values) - appended]
        for group in groups:
            keys, values = merged_in(keys, values, group)
        self.connections = dict(zip(keys, values, strict=True))
        self._follow_connections()

    def set_node_field(self, node_id: str, name: str, value: Any) -> Any:
        """Set one attribute of a node; returns the old value."""
        node = self.node(node_id)
        old = getattr(node, name)
        setattr(node, name, value)
        self._emit(Event(NODE_CHANGED, node_id, name))
        return old

    def set_nodes_field(self, name: str, values: dict[str, Any]) -> dict[str, Any]:
        """Set one attribute of many nodes as one change (one NODES_CHANGED event); returns the old values."""
        old: dict[str, Any] = {}
        for node_id, value in values.items():
            node = self.node(node_id)
            old[node_id] = getattr(node, name)
            setattr(node, name, value)
        if values:
            self._emit(Event(NODES_CHANGED, tuple(values), name))
        return old

    def set_connection_field(self, key: ConnectionKey, name: str, value: Any) -> Any:
        connection = self.connections[key]
        old = getattr(connection, name)
        setattr(connection, name, value)
        self._emit(Event(CONNECTION_CHANGED, key, name))
        return old

    def set_outputs(self, outputs: Iterable[str]) -> list[str]:
        old = self.outputs
        self.outputs = list(outputs)
        self._emit(Event(OUTPUTS_CHANGED))
        return old

    def set_network_field(self, name: str, value: Any) -> Any:
        old = getattr(self, name)
        setattr(self, name, value)
        self._emit(Event(NETWORK_CHANGED, None, name))
        return old

    def set_values(
        self, weights: dict[ConnectionKey, float], biases: dict[str, float]
    ) -> tuple[dict[ConnectionKey, float], dict[str, float]]:
        """Set many weights and biases with one event (training writes back this way)."""
        old_w = {k: self.connections[k].weight for k in weights}
        old_b = {k: self.neurons[k].bias for k in biases}
        for k, w in weights.items():
            self.connections[k].weight = w
        for k, b in biases.items():
            self.neurons[k].bias = b
        self._emit(Event(VALUES_CHANGED))
        return old_w, old_b
