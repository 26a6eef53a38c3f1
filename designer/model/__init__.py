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
from designer.model.fileformat import FormatError, dumps, load, loads, save
from designer.model.history import History
from designer.model.network import ACTIVATIONS, Connection, InputNode, Network, Neuron
from designer.model.validation import validate

__all__ = [
    "ACTIVATIONS",
    "AddConnection",
    "AddNode",
    "Command",
    "CommandError",
    "Connection",
    "FormatError",
    "History",
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
    "connection_refusal",
    "dumps",
    "load",
    "loads",
    "save",
    "validate",
]
