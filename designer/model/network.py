"""The network as plain data: inputs, feature nodes, neurons, connections, outputs, training settings.

Mutations go through the few low-level methods of its base class (``network_changes.py``) so that
every change emits exactly one event; user-level edits are commands (``commands.py``) built on them.
A node's links are read from the link index (``network_links.py``).
"""

from __future__ import annotations

from collections.abc import Iterator

from designer.model.events import RESET, Emitter, Event
from designer.model.experiment import TrainingSection
from designer.model.link_index import LinkIndex

# The network's parts (its changes, its link queries) and the batch, re-exported: imported from here.
from designer.model.network_changes import Changes
from designer.model.network_changes import framed as framed

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


class Network(Changes):
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

    def hidden_neurons(self) -> list[Neuron]:
        outs = set(self.outputs)
        return [n for n in self.neurons.values() if n.id not in outs]

    def fresh_id(self, prefix: str) -> str:
        """The first unused id of the form ``prefix1``, ``prefix2``, …"""
        i = 1
        while self.has_node(f"{prefix}{i}"):
            i += 1
        return f"{prefix}{i}"

    def replace_with(self, other: Network) -> None:
        """Take over another network's content (file load, undo of a big edit)."""
        state = other.copy()
        for name in NETWORK_FIELDS:  # every field is content
            setattr(self, name, getattr(state, name))
        self._links = None
        self._unplaced = []  # what the old content still had to put in order is gone with it
        self._emit(Event(RESET))
