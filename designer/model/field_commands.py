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
