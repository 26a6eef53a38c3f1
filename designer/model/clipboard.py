"""Copy and paste of a selection with its inner connections (plain JSON, no Qt)."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from designer.model.bulk import AddConnections, AddNodes
from designer.model.command_base import Command, CommandError, Macro
from designer.model.fileformat import (
    FormatError,
    beyond_file_limits,
    one_line,
    parse_document,
    parse_json,
    to_document,
)
from designer.model.formula import FEATURE, FormulaError, parse_unchecked
from designer.model.formula_tree import referenced_names, rename, to_source
from designer.model.limits import MAX_TEXT, POSITION_LIMIT
from designer.model.network import Connection, FeatureNode, InputNode, Network, Node, clamp_position
from designer.model.node_commands import source_names
from designer.model.validation import validate

MIME_TYPE = "application/x-nn-designer-fragment"


def copy_fragment(network: Network, node_ids: list[str]) -> dict[str, Any]:
    """A network document holding the chosen nodes and the connections among them."""
    chosen = set(node_ids)
    # the network's own nodes and links, not copies: the document is written from them at once, and a
    # deep copy of each made Ctrl+C on a 784-128-64-10 net take 3 s
    fragment = Network(
        inputs={k: v for k, v in network.inputs.items() if k in chosen},
        features={k: v for k, v in network.features.items() if k in chosen},
        neurons={k: v for k, v in network.neurons.items() if k in chosen},
        connections={k: c for k, c in network.connections.items() if c.source in chosen and c.target in chosen},
        outputs=[o for o in network.outputs if o in chosen],
    )
    return to_document(fragment)


def read_fragment(data: bytes | str) -> Any:
    """Clipboard text as a JSON document, read by File ▸ Open's loader (:func:`parse_json`).

    The same size cap, duplicate keys, unpaired surrogates and nesting limits as a file; a
    one-line FormatError otherwise. :func:`paste_command` then checks the structure and the
    values like a file's.
    """
    return parse_json(data)


def paste_command(
    network: Network,
    document: Any,
    offset: tuple[float, float] = (40.0, 40.0),
    *,
    at: tuple[float, float] | None = None,
) -> tuple[Command, list[str]]:
    """A macro adding the fragment with fresh ids, shifted by ``offset`` (or with its top-left
    corner at ``at``); and the new ids.

    Raises FormatError if ``document`` is not a fragment this version can read, holds a link from or to
    a node it does not hold (File ▸ Open refuses that link; it was dropped without a word), or if the network
    after pasting would not pass File ▸ Open's validation (a NaN bias, a node beyond ±1,000,000
    canvas units): nothing gets in that could not be saved and opened again. A pasted feature reads the
    pasted inputs (renamed with them) or, for inputs not in the fragment, the inputs of ``network``
    with the same ids; the command fails with the reason if such an input is missing.
    """
    fragment, problems = parse_document(document)
    if problems:
        raise FormatError(problems[0])
    _check_links(fragment)
    _check_size(network, fragment)
    if at is not None:
        offset = _offset_to(fragment, at)
    offset = _kept_inside(fragment, offset)
    renamed: dict[str, str] = {}
    fresh = FreshIds(network.node_ids())
    nodes: list[Node] = []
    #: what the sources are shown as: a pasted input or feature must not look like one of them
    shown = set(source_names(network))
    for node in [*fragment.inputs.values(), *fragment.features.values(), *fragment.neurons.values()]:
        new_id = fresh.take(node.id)
        renamed[node.id] = new_id
        moved = copy.deepcopy(node)
        moved.id = new_id
        # within the limit: the shift keeps the whole group inside (a float sum may still be an ulp out)
        moved.position = clamp_position((node.position[0] + offset[0], node.position[1] + offset[1]))
        if isinstance(moved, FeatureNode):
            moved.expression = _reading_renamed(moved.expression, renamed, fragment)
        if isinstance(moved, (InputNode, FeatureNode)):
            if moved.label and moved.label.strip() in shown:
                moved.label = None  # shown by its new id: a copy of x₁ labelled x₁ would be a second x₁ in the probe
            shown |= {moved.id, moved.display_label}
        nodes.append(moved)
    links = [
        Connection(renamed[c.source], renamed[c.target], c.weight, c.trainable) for c in fragment.connections.values()
    ]
    # one command per kind of change: the views are told of the nodes once and of the links once
    commands: list[Command] = [AddNodes(nodes)] + ([AddConnections(links)] if links else [])
    macro = Macro(commands, text=f"paste {len(renamed)} node{'s' if len(renamed) != 1 else ''}")
    _check_result(network, macro)
    return macro, list(renamed.values())


def _check_links(fragment: Network) -> None:
    """Refuse a link from or to a node the fragment does not hold, in File ▸ Open's words: such a link was
    left out without a word (a copy holds only the links among its nodes; this is hand-made text)."""
    for c in fragment.connections.values():
        for end, node_id in (("source", c.source), ("target", c.target)):
            if not fragment.has_node(node_id):
                raise FormatError(one_line(f"connection {c.source} → {c.target}: unknown {end} '{node_id}'", 200))


def _check_size(network: Network, fragment: Network) -> None:
    """Refuse at once a paste after which the network could not be opened again (File ▸ Open's limits)."""
    nodes = sum(map(len, (network.inputs, network.features, network.neurons)))
    nodes += sum(map(len, (fragment.inputs, fragment.features, fragment.neurons)))
    if too_big := beyond_file_limits(nodes, len(network.connections) + len(fragment.connections)):
        raise FormatError(f"pasting would make {too_big}")


def _kept_inside(fragment: Network, offset: tuple[float, float]) -> tuple[float, float]:
    """``offset``, shortened on each axis so that the whole group lands within ±POSITION_LIMIT: pasted
    next to nodes at the edge it keeps its shape there (nodes pushed onto the edge one by one piled up
    on it). The fragment's own positions are within the limit (else refused above), so it always fits."""
    nodes = [*fragment.inputs.values(), *fragment.features.values(), *fragment.neurons.values()]
    if not nodes:
        return offset
    kept = []
    for axis, shift in enumerate(offset):
        low = min(n.position[axis] for n in nodes)
        high = max(n.position[axis] for n in nodes)
        kept.append(min(max(shift, -POSITION_LIMIT - low), POSITION_LIMIT - high))
    return kept[0], kept[1]


def _offset_to(fragment: Network, at: tuple[float, float]) -> tuple[float, float]:
    nodes = [*fragment.inputs.values(), *fragment.features.values(), *fragment.neurons.values()]
    if not nodes:
        return at
    return (at[0] - min(n.position[0] for n in nodes), at[1] - min(n.position[1] for n in nodes))


def _check_result(network: Network, macro: Macro) -> None:
    """Refuse a paste after which the network would fail validation (problems it did not have before)."""
    trial = network.copy()
    try:
        macro.do(trial)
    except CommandError:
        return  # pushing it is refused with the same reason (a feature reading a missing input, …)
    before = set(validate(network))
    added = [p for p in validate(trial) if p not in before]
    if added:
        raise FormatError(one_line(added[0], 200))


def _reading_renamed(expression: str, renamed: dict[str, str], fragment: Network) -> str:
    """The feature's formula reading the pasted inputs' new ids (unchanged text if no input was renamed)."""
    mapping = {old: new for old, new in renamed.items() if old in fragment.inputs and old != new}
    try:
        tree = parse_unchecked(expression, FEATURE)
    except FormulaError:
        return expression  # AddNodes refuses it with the reason
    if not mapping.keys() & set(referenced_names(tree)):
        return expression
    return to_source(rename(tree, mapping))


class FreshIds:
    """Ids for pasted nodes: the node's own id while it is free, else its stem (the id without its
    trailing digits) with the smallest free number from 1 (h3 → h1, h2, … whichever is free).

    Ids are only ever added while pasting, so the smallest free number of a stem never goes down:
    one cursor per stem resumes where the last search stopped, and pasting n nodes beside m costs
    O(n + m) look-ups, not a search from 1 for every node (Select All + Duplicate of 5,000 neurons).
    """

    def __init__(self, taken: Iterable[str]) -> None:
        self.taken = set(taken)
        self._next: dict[str, int] = {}

    def take(self, node_id: str) -> str:
        """A free id for ``node_id``, marked as taken; never longer than a file's id may be."""
        if node_id in self.taken:
            stem = node_id.rstrip("0123456789") or "n"
            i = self._next.get(stem, 1)
            while _numbered(stem, i) in self.taken:
                i += 1
            self._next[stem] = i + 1
            node_id = _numbered(stem, i)
        self.taken.add(node_id)
        return node_id


def _numbered(stem: str, number: int) -> str:
    """``stem`` and ``number``, the stem cut so that the id keeps to File ▸ Open's limit: a copy of a node
    whose id had the most characters a file takes got one more, and the saved file could not be opened."""
    digits = str(number)
    return stem[: MAX_TEXT - len(digits)] + digits
