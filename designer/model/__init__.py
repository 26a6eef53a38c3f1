"""The network as plain Python data: no Qt, no numpy.

The names below load their module on first use (PEP 562), as in ``designer.engine``: reading and
checking a file (``nn-designer eval``, ``validate``) does not import the edit commands.
"""

from __future__ import annotations

from designer.lazy import lazy_exports

TYPE_CHECKING = False  # not typing's: importing typing costs every command's start 2 ms (issue 14)

if TYPE_CHECKING:
    from designer.model.bulk import AddConnections, AddNodes, RemoveConnections, RemoveNodes
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
        SetNodesField,
        SetOutputs,
        SetValues,
        connection_refusal,
    )
    from designer.model.experiment import EmbeddedData, TrainingSection
    from designer.model.fileformat import FormatError, dumps, load, loads, save
    from designer.model.formula import FormulaError
    from designer.model.network import ACTIVATIONS, Connection, FeatureNode, InputNode, Network, Neuron
    from designer.model.validation import validate

_HOME = {
    "designer.model.commands": (
        "AddConnection",
        "AddNode",
        "Command",
        "CommandError",
        "Macro",
        "MoveNodes",
        "RemoveConnection",
        "RemoveNode",
        "ReplaceNetwork",
        "SetConnectionField",
        "SetNetworkField",
        "SetNodeField",
        "SetNodesField",
        "SetOutputs",
        "SetValues",
        "connection_refusal",
    ),
    "designer.model.bulk": ("AddConnections", "AddNodes", "RemoveConnections", "RemoveNodes"),
    "designer.model.experiment": ("EmbeddedData", "TrainingSection"),
    "designer.model.fileformat": ("FormatError", "dumps", "load", "loads", "save"),
    "designer.model.formula": ("FormulaError",),
    "designer.model.network": ("ACTIVATIONS", "Connection", "FeatureNode", "InputNode", "Network", "Neuron"),
    "designer.model.validation": ("validate",),
}

__all__ = [
    "ACTIVATIONS",
    "AddConnection",
    "AddConnections",
    "AddNode",
    "AddNodes",
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
    "RemoveConnections",
    "RemoveNode",
    "RemoveNodes",
    "ReplaceNetwork",
    "SetConnectionField",
    "SetNetworkField",
    "SetNodeField",
    "SetNodesField",
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


__getattr__, __dir__ = lazy_exports(__name__, globals(), _HOME)
