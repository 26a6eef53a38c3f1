"""Copy and paste of a selection with its inner connections (plain JSON, no Qt)."""

from __future__ import annotations

import copy
from typing import Any

from designer.model.commands import AddConnection, AddNode, Command, Macro
from designer.model.fileformat import FormatError, parse_document, to_document
from designer.model.formula import FEATURE, FormulaError, parse_unchecked, referenced_names, rename, to_source
from designer.model.network import Connection, FeatureNode, Network

MIME_TYPE = "application/x-nn-designer-fragment"


def copy_fragment(network: Network, node_ids: list[str]) -> dict[str, Any]:
    """A network document holding the chosen nodes and the connections among them."""
    chosen = set(node_ids)
    fragment = Network(
        inputs={k: copy.deepcopy(v) for k, v in network.inputs.items() if k in chosen},
        features={k: copy.deepcopy(v) for k, v in network.features.items() if k in chosen},
        neurons={k: copy.deepcopy(v) for k, v in network.neurons.items() if k in chosen},
        connections={
            k: copy.deepcopy(c) for k, c in network.connections.items() if c.source in chosen and c.target in chosen
        },
        outputs=[o for o in network.outputs if o in chosen],
    )
    return to_document(fragment)


def paste_command(
    network: Network, document: Any, offset: tuple[float, float] = (40.0, 40.0)
) -> tuple[Command, list[str]]:
    """A macro adding the fragment with fresh ids, shifted by ``offset``; and the new ids.

    Raises FormatError if ``document`` is not a fragment this version can read. A pasted feature
    reads the pasted inputs (renamed with them) or, for inputs not in the fragment, the inputs of
    ``network`` with the same ids; the command fails with the reason if such an input is missing.
    """
    fragment, problems = parse_document(document)
    if problems:
        raise FormatError(problems[0])
    renamed: dict[str, str] = {}
    taken = set(network.node_ids())
    commands: list[Command] = []
    for node in [*fragment.inputs.values(), *fragment.features.values(), *fragment.neurons.values()]:
        new_id = _fresh(node.id, taken)
        taken.add(new_id)
        renamed[node.id] = new_id
        moved = copy.deepcopy(node)
        moved.id = new_id
        moved.position = (node.position[0] + offset[0], node.position[1] + offset[1])
        if isinstance(moved, FeatureNode):
            moved.expression = _reading_renamed(moved.expression, renamed, fragment)
        commands.append(AddNode(moved))
    for c in fragment.connections.values():
        if c.source in renamed and c.target in renamed:
            commands.append(AddConnection(Connection(renamed[c.source], renamed[c.target], c.weight, c.trainable)))
    return Macro(commands, text=f"paste {len(renamed)} node{'s' if len(renamed) != 1 else ''}"), list(renamed.values())


def _reading_renamed(expression: str, renamed: dict[str, str], fragment: Network) -> str:
    """The feature's formula reading the pasted inputs' new ids (unchanged text if no input was renamed)."""
    mapping = {old: new for old, new in renamed.items() if old in fragment.inputs and old != new}
    try:
        tree = parse_unchecked(expression, FEATURE)
    except FormulaError:
        return expression  # AddNode refuses it with the reason
    if not mapping.keys() & set(referenced_names(tree)):
        return expression
    return to_source(rename(tree, mapping))


def _fresh(node_id: str, taken: set[str]) -> str:
    if node_id not in taken:
        return node_id
    stem = node_id.rstrip("0123456789") or "n"
    i = 1
    while f"{stem}{i}" in taken:
        i += 1
    return f"{stem}{i}"
