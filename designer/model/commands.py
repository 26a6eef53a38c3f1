"""Edit commands with do/undo, each touching only the model (the views follow its events).

A command is created with its arguments, then ``do(network)`` applies it and remembers what it needs
for ``undo(network)``. Commands that may merge (a weight nudged by the scroll wheel many times) expose
``merge_key``. They live by job, and every name is importable from here:

- ``command_base.py``: :class:`Command`, :class:`CommandError`, :class:`Macro` (several as one undo step);
- ``node_commands.py``: one node added or removed, nodes moved, and the checks nodes share;
- ``link_commands.py``: one connection added or removed, and :func:`connection_refusal`;
- ``field_commands.py``: values, outputs, the network's own fields, the whole content replaced;
- ``bulk.py``: many nodes or connections added or removed as one change (one event per kind of change).
"""

from __future__ import annotations

from designer.model.bulk import AddConnections as AddConnections
from designer.model.bulk import AddNodes as AddNodes
from designer.model.bulk import RemoveConnections as RemoveConnections
from designer.model.bulk import RemoveNodes as RemoveNodes
from designer.model.command_base import Command as Command
from designer.model.command_base import CommandError as CommandError
from designer.model.command_base import Macro as Macro
from designer.model.field_commands import EDITABLE_FIELDS as EDITABLE_FIELDS
from designer.model.field_commands import ReplaceNetwork as ReplaceNetwork
from designer.model.field_commands import SetConnectionField as SetConnectionField
from designer.model.field_commands import SetNetworkField as SetNetworkField
from designer.model.field_commands import SetNodeField as SetNodeField
from designer.model.field_commands import SetNodesField as SetNodesField
from designer.model.field_commands import SetOutputs as SetOutputs
from designer.model.field_commands import SetValues as SetValues
from designer.model.link_commands import AddConnection as AddConnection
from designer.model.link_commands import RemoveConnection as RemoveConnection
from designer.model.link_commands import connection_refusal as connection_refusal
from designer.model.node_commands import AddNode as AddNode
from designer.model.node_commands import MoveNodes as MoveNodes
from designer.model.node_commands import RemoveNode as RemoveNode
from designer.model.node_commands import feature_readers as feature_readers
from designer.model.node_commands import node_kind as node_kind
from designer.model.node_commands import read_by_features as read_by_features
from designer.model.node_commands import source_names as source_names
