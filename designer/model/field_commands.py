"""Commands that change values, not structure: a node's or connection's field, the outputs, the
network's own fields, many trained values at once, or the whole content (a template, a starter)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from designer.model.command_base import Command, CommandError
from designer.model.experiment import training_problems
from designer.model.jsonread import one_line
from designer.model.limits import text_too_long
from designer.model.network import ACTIVATIONS, ConnectionKey, Network
from designer.model.node_commands import node_kind, source_names
from designer.model.validation import feature_problem

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
        if reason := node_field_refusal(network, self.node_id, self.name, self.value):
            raise CommandError(reason)
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


def node_field_refusal(network: Network, node_id: str, name: str, value: Any) -> str | None:
    """Why ``name`` of ``node_id`` cannot become ``value`` (one line), or None: a node that is not
    there, a field its kind has not, an unknown activation, a bad formula, a label naming another
    source twice, a text too long."""
    if not network.has_node(node_id):
        return f"no node '{node_id}'"
    kind = node_kind(network.node(node_id))
    if name not in EDITABLE_FIELDS[kind]:
        return f"{kind} '{node_id}' has no {name} to set"
    if name == "activation" and value not in ACTIVATIONS:
        return f"unknown activation '{value}' (known: {', '.join(ACTIVATIONS)})"
    if name == "expression":
        reason = feature_problem(network, value) if isinstance(value, str) else "expected text"
        if reason:
            return reason
    if name == "label" and kind != "neuron" and isinstance(value, str):
        unchanged = value == network.node(node_id).label  # a file may hold such twins already
        other = source_names(network, besides=node_id).get(value.strip())
        if not unchanged and other:
            return (
                f"'{one_line(value.strip(), 40)}' already names {other}: two sources shown alike would be "
                "mistaken for each other in the probe, the maps and the formulas"
            )
    return text_too_long(name, value)


#: The fields SetNodesField sets on many nodes at once: each value stands alone (a label or formula is
#: checked against the other nodes', which the same action may change too).
BULK_FIELDS = ("activation", "bias", "trainable")


@dataclass
class SetNodesField(Command):
    """One field of many nodes as one change (one NODES_CHANGED event): Set Activation on a selected
    layer, Softmax Outputs making the outputs linear. A Macro of one SetNodeField per node sent an event
    per node, and the canvas, the live session and every view followed each."""

    name: str
    values: dict[str, Any]
    text: str = ""
    _old: dict[str, Any] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.values = dict(self.values)
        self.text = self.text or f"set {self.name} of {len(self.values)} nodes"

    def do(self, network: Network) -> None:
        if self.name not in BULK_FIELDS:
            raise CommandError(f"{self.name} is set one node at a time")
        for node_id, value in self.values.items():
            if reason := node_field_refusal(network, node_id, self.name, value):
                raise CommandError(reason)
        if self.name == "bias":
            self.values = {node_id: float(value) for node_id, value in self.values.items()}
        self._old = network.set_nodes_field(self.name, self.values)

    def undo(self, network: Network) -> None:
        network.set_nodes_field(self.name, self._old)


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
