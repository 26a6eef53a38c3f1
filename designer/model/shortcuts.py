"""One-click edits the app offers, as ordinary undoable commands: TensorFlow Playground's feature
nodes (x₁², x₂², x₁x₂, sin x₁, sin x₂) and the softmax toggle of a classifier's output layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from designer.model.commands import AddNode, Command, CommandError, Macro, RemoveNode, SetNetworkField, SetNodesField
from designer.model.formula import FEATURE, FormulaError, parse_unchecked
from designer.model.layout import ROW_SPACING
from designer.model.network import FeatureNode, Network, Position

_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


@dataclass(frozen=True)
class FeaturePreset:
    """A palette button: what it shows and the formula it adds."""

    text: str  # x₁², sin x₂
    expression: str  # x1^2, sin(x2)


def _shown(input_id: str, label: str | None) -> str:
    if label:
        return label
    return input_id.translate(_SUBSCRIPTS) if input_id[:1].isalpha() and input_id[1:].isdigit() else input_id


def feature_presets(network: Network) -> list[FeaturePreset]:
    """Playground's features for the first two inputs (one input: x², sin x); none without inputs."""
    ids = list(network.inputs)[:2]
    if not ids:
        return []
    names = [_shown(i, network.inputs[i].label) for i in ids]
    presets = [FeaturePreset(f"{n}²", f"{i}^2") for i, n in zip(ids, names, strict=True)]
    if len(ids) == 2:
        presets.append(FeaturePreset(f"{names[0]}{names[1]}", f"{ids[0]}*{ids[1]}"))
    presets += [FeaturePreset(f"sin {n}", f"sin({i})") for i, n in zip(ids, names, strict=True)]
    return presets


def find_feature(network: Network, expression: str) -> str | None:
    """The feature node computing ``expression`` (same formula, however it is spelt: x1^2 = x1**2), or None."""
    try:
        wanted = parse_unchecked(expression, FEATURE)
    except FormulaError:
        return None
    for feature in network.features.values():
        try:
            if parse_unchecked(feature.expression, FEATURE) == wanted:
                return feature.id
        except FormulaError:
            continue
    return None


def feature_position(network: Network) -> Position:
    """Below the input column (inputs and features), at its x."""
    column = [*network.inputs.values(), *network.features.values()]
    if not column:
        return (0.0, 0.0)
    x = min(n.position[0] for n in column)
    return (x, max(n.position[1] for n in column) + ROW_SPACING)


def add_feature(
    network: Network, expression: str, label: str | None = None, position: Position | None = None
) -> AddNode:
    """The command adding a feature node with a fresh id (f1, f2, …) below the input column.

    ``do`` raises CommandError with the reason if the formula is not allowed.
    """
    where = feature_position(network) if position is None else position
    return AddNode(FeatureNode(network.fresh_id("f"), expression, label, where))


def toggle_feature(network: Network, expression: str) -> Command:
    """A palette click: adds the feature, or removes it (with its connections) if the network has it."""
    existing = find_feature(network, expression)
    if existing is not None:
        return Macro([RemoveNode(existing)], text=f"remove feature {existing}")
    return add_feature(network, expression)


@dataclass
class SetSoftmax(Command):
    """Make the outputs a softmax classifier (outputs become linear, as softmax needs), or plain outputs again.

    One undo step. Turning it on needs at least two outputs (CommandError with the reason otherwise).
    """

    on: bool
    _done: Macro | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.text = "softmax outputs" if self.on else "no softmax"

    def do(self, network: Network) -> None:
        if self.on and len(network.outputs) < 2:
            raise CommandError("softmax needs at least two output neurons (one per class)")
        commands: list[Command] = []
        if self.on:
            linear = {o: "linear" for o in network.outputs if network.neurons[o].activation != "linear"}
            commands += [SetNodesField("activation", linear)] if linear else []  # one event for them all
        commands.append(SetNetworkField("softmax", self.on))
        self._done = Macro(commands, text=self.text)
        self._done.do(network)

    def undo(self, network: Network) -> None:
        assert self._done is not None
        self._done.undo(network)
