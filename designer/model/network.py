"""The network as plain data: inputs, feature nodes, neurons, connections, outputs, training settings.

Mutations go through the few low-level methods at the bottom so that every
change emits exactly one event; user-level edits are commands (``commands.py``)
built on them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

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
    RESET,
    VALUES_CHANGED,
    Emitter,
    Event,
)
from designer.model.experiment import TrainingSection
from designer.model.link_index import LinkIndex
from designer.model.ordered import insert_at, merged_in, positions_of

# The parts, re-exported (``X as X``): the model's users import them from here.
from designer.model.parts import ACTIVATIONS as ACTIVATIONS
from designer.model.parts import Connection as Connection
from designer.model.parts import ConnectionKey as ConnectionKey
from designer.model.parts import FeatureNode as FeatureNode
from designer.model.parts import InputNode as InputNode
from designer.model.parts import Neuron as Neuron
from designer.model.parts import Node as Node
from designer.model.parts import Position as Position
from designer.model.parts import clamp_position as clamp_position
from designer.model.parts import copy_connection, copy_input, copy_neuron
from designer.model.parts import position_problem as position_problem

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs every command's start 2 ms (issue 14): only the type checker reads it
    from typing import Any


def framed(network: Network, changes: int) -> _Batch:
    """``network.batch()`` when an action makes more than one change: views redraw once at its end."""
    return _Batch(network, framing=changes > 1)


class _Batch:
    """``with network.batch():`` — a class rather than contextlib's generator: contextlib is 0.4 ms of
    every command's start (issue 14), and the frame is two calls. ``framing=False``: no frame at all
    (:func:`framed`, for an action of one change)."""

    __slots__ = ("network", "framing")

    def __init__(self, network: Network, framing: bool = True) -> None:
        self.network = network
        self.framing = framing

    def __enter__(self) -> None:
        if self.framing:
            self.network._enter_batch()

    def __exit__(self, *exc_info: object) -> None:
        if self.framing:
            self.network._leave_batch()


def _second(pair: tuple[Any, Any]) -> Any:
    return pair[1]


#: The network's content, as ``__init__`` takes it (``replace_with`` takes each over).
NETWORK_FIELDS = (
    "name",
    "description",
    "inputs",
    "neurons",
    "connections",
    "outputs",
    "softmax",
    "extras",
    "features",
    "training",
)


class Network:
    """The whole network; its content is the fields named in :data:`NETWORK_FIELDS`."""

    def __init__(
        self,
        name: str = "",
        description: str = "",
        inputs: dict[str, InputNode] | None = None,
        neurons: dict[str, Neuron] | None = None,
        connections: dict[ConnectionKey, Connection] | None = None,
        outputs: list[str] | None = None,
        softmax: bool = False,
        extras: dict[str, Any] | None = None,
        features: dict[str, FeatureNode] | None = None,
        training: TrainingSection | None = None,
    ) -> None:
        self.name = name
        self.description = description
        self.inputs: dict[str, InputNode] = {} if inputs is None else inputs
        self.neurons: dict[str, Neuron] = {} if neurons is None else neurons
        self.connections: dict[ConnectionKey, Connection] = {} if connections is None else connections
        self.outputs: list[str] = [] if outputs is None else outputs
        self.softmax = softmax
        self.extras: dict[str, Any] = {} if extras is None else extras
        self.features: dict[str, FeatureNode] = {} if features is None else features
        #: The experiment around the network (file format v2 "training"); None: the app's defaults.
        self.training = training
        self.events = Emitter()
        #: Bumped on changes that need the engine to recompile / refill arrays.
        self.structure_version = 0
        self.values_version = 0
        self._links: LinkIndex | None = None
        self._batch_depth = 0
        #: connections put back during a batch, appended for now: each group (ascending indices) goes
        #: to its place when the batch ends, all groups in one pass (Undo of deleting a layer)
        self._unplaced: list[list[tuple[Connection, int]]] = []

    def __repr__(self) -> str:
        return (
            f"Network(name={self.name!r}, {len(self.inputs)} inputs, {len(self.features)} features, "
            f"{len(self.neurons)} neurons, {len(self.connections)} connections, outputs={self.outputs!r})"
        )

    # ----------------------------------------------------------------- queries
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Network):
            return NotImplemented
        return self._state() == other._state()

    def _state(self) -> tuple[Any, ...]:
        self._place_unplaced()
        return (
            self.name,
            self.description,
            list(self.inputs.values()),
            list(self.neurons.values()),
            list(self.connections.values()),
            self.outputs,
            self.softmax,
            self.extras,
            list(self.features.values()),
            self.training,
        )

    def copy(self) -> Network:
        """A deep copy without listeners (for undo snapshots, exercises, export)."""
        import copy

        self._place_unplaced()
        return Network(
            name=self.name,
            description=self.description,
            inputs={k: copy_input(n) for k, n in self.inputs.items()},
            neurons={k: copy_neuron(n) for k, n in self.neurons.items()},
            connections={k: copy_connection(c) for k, c in self.connections.items()},
            outputs=list(self.outputs),
            softmax=self.softmax,
            extras=copy.deepcopy(self.extras),
            features=copy.deepcopy(self.features),
            training=copy.deepcopy(self.training),
        )

    def node(self, node_id: str) -> Node:
        if node_id in self.inputs:
            return self.inputs[node_id]
        if node_id in self.features:
            return self.features[node_id]
        return self.neurons[node_id]

    def has_node(self, node_id: str) -> bool:
        return node_id in self.inputs or node_id in self.neurons or node_id in self.features

    def node_ids(self) -> Iterator[str]:
        """Inputs, then feature nodes, then neurons (the engine's row order)."""
        yield from self.inputs
        yield from self.features
        yield from self.neurons

    def is_source(self, node_id: str) -> bool:
        """True for inputs and feature nodes: the input column, which receives no connections."""
        return node_id in self.inputs or node_id in self.features

    def incoming(self, node_id: str) -> list[Connection]:
        """The connections into ``node_id`` in the model's order, from the link index: as many steps as
        the node has links (the Inspector's table scanned all 109,184 links of a big net for one neuron)."""
        index = self._ordered_index(node_id, index_of_target=True)
        connections = self.connections
        return [connections[(source, node_id)] for source in index.sources.get(node_id, ())]

    def outgoing(self, node_id: str) -> list[Connection]:
        """The connections out of ``node_id`` in the model's order, from the link index."""
        index = self._ordered_index(node_id, index_of_target=False)
        connections = self.connections
        return [connections[(node_id, target)] for target in index.targets.get(node_id, ())]

    def _ordered_index(self, node_id: str, index_of_target: bool) -> LinkIndex:
        """The link index with ``node_id``'s sources (or targets) in the model's order: put in order by
        one scan if a link of it was put back in the middle since (rare: an undo), else as it is."""
        self._place_unplaced()
        index = self._link_index()
        unordered = index.unordered_targets if index_of_target else index.unordered_sources
        if node_id in unordered:
            unordered.discard(node_id)
            if index_of_target:
                index.sources[node_id] = {s: None for s, t in self.connections if t == node_id}
            else:
                index.targets[node_id] = {t: None for s, t in self.connections if s == node_id}
        return index

    def attached(self, node_id: str) -> list[Connection]:
        """The connections leaving or entering ``node_id`` in the model's order (the node menu's Disconnect
        entries), from the link index: its links out and in merged by their stamps, as many steps as the
        node has links (a pass over all 109,184 links of a big net each time the menu opened). After a
        link was put back in the middle (an undo) the index is made again once, in the model's order."""
        self._place_unplaced()
        index = self._link_index()
        if not index.stamped:
            index = self._links = LinkIndex(self.connections)
        stamped = [((node_id, t), stamp) for t, stamp in index.targets.get(node_id, {}).items()]
        stamped += [((s, node_id), stamp) for s, stamp in index.sources.get(node_id, {}).items() if s != node_id]
        stamped.sort(key=_second)  # two runs, each in order: one merge
        connections = self.connections
        return [connections[key] for key, _ in stamped]

    def _link_index(self) -> LinkIndex:
        index = self._links
        if index is None or index.of is not self.connections or index.count != len(self.connections):
            index = self._links = LinkIndex(self.connections)  # first use, or the dict was filled or replaced by hand
        return index

    def successors(self, node_id: str) -> list[str]:
        """The targets of ``node_id``'s connections (an index: cycle checks stay linear while a layer is built)."""
        return list(self._link_index().targets.get(node_id, ()))

    def predecessors(self, node_id: str) -> list[str]:
        """The sources of ``node_id``'s connections, from the index (the connect menus' walk upstream)."""
        return list(self._link_index().sources.get(node_id, ()))

    def attached_keys(self, node_id: str) -> list[ConnectionKey]:
        """The keys of the connections leaving or entering ``node_id``, from the index: as many steps as
        the node has links, not one per connection of the network (deleting a neuron of a big net)."""
        index = self._link_index()
        out = [(node_id, t) for t in index.targets.get(node_id, ())]
        return out + [(s, node_id) for s in index.sources.get(node_id, ())]

    def hidden_neurons(self) -> list[Neuron]:
        outs = set(self.outputs)
        return [n for n in self.neurons.values() if n.id not in outs]

    def fresh_id(self, prefix: str) -> str:
        """The first unused id of the form ``prefix1``, ``prefix2``, …"""
        i = 1
        while self.has_node(f"{prefix}{i}"):
            i += 1
        return f"{prefix}{i}"

    # ------------------------------------------------------ low-level mutation
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

    def _follow_connections(self) -> None:
        """The dict of connections was made again by the network itself: its link index stays valid."""
        if self._links is not None:
            self._links.follow(self.connections)

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

    def replace_with(self, other: Network) -> None:
        """Take over another network's content (file load, undo of a big edit)."""
        state = other.copy()
        for name in NETWORK_FIELDS:  # every field is content
            setattr(self, name, getattr(state, name))
        self._links = None
        self._unplaced = []  # what the old content still had to put in order is gone with it
        self._emit(Event(RESET))
