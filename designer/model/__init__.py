"""The network as plain Python data: no Qt, no numpy."""

from designer.model.commands import (
    AddConnection,
    AddNode,
    Command,
    CommandError,
    Macro,
    MoveNodes,
    RemoveConnection,
    RemoveNode,
    ReplaceNetwork,
    SetConnectionField,
    SetNetworkField,
    SetNodeField,
    SetOutputs,
    SetValues,
    connection_refusal,
)
from designer.model.experiment import EmbeddedData, TrainingSection
from designer.model.fileformat import FormatError, dumps, load, loads, save
from designer.model.formula import FormulaError
from designer.model.network import ACTIVATIONS, Connection, FeatureNode, InputNode, Network, Neuron
from designer.model.validation import validate

__all__ = [
    "ACTIVATIONS",
    "AddConnection",
    "AddNode",
    "Command",
    "CommandError",
    "Connection",
    "EmbeddedData",
    "FeatureNode",
    "FormatError",
    "FormulaError",
    "InputNode",
    "Macro",
    "MoveNodes",
    "Network",
    "Neuron",
    "RemoveConnection",
    "RemoveNode",
    "ReplaceNetwork",
    "SetConnectionField",
    "SetNetworkField",
    "SetNodeField",
    "SetOutputs",
    "SetValues",
    "TrainingSection",
    "connection_refusal",
    "dumps",
    "load",
    "loads",
    "save",
    "validate",
]
