"""The NN Designer file format, version 2 (a public contract: see docs/format.md): reading.

Reading is strict and every fault becomes a one-line :class:`FormatError`; writing
(:mod:`designer.model.filewrite`, re-exported here) is canonical and atomic.

Version 2 adds feature nodes (``"features"``) and the experiment (``"training"``). A network that
uses neither is written as version 1, byte for byte as before, so files that need nothing new
stay readable by older versions of the app; version-1 files are read through ``MIGRATIONS[1]``.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from designer.model.atomic import STALE_TEMP_SECONDS, atomic_write_bytes, atomic_write_text
from designer.model.experiment import training_from_document
from designer.model.filewrite import (
    BASE_VERSION,
    FORMAT_NAME,
    FORMAT_VERSION,
    TOP_KEYS,
    V1_RENAMED,
    dumps,
    save,
    to_document,
    uses_version_2,
)
from designer.model.graph import levels
from designer.model.jsonread import (
    MAX_FILE_BYTES,
    MAX_NESTING,
    FormatError,
    check_kept_value,
    json_number,
    one_line,
    parse_json,
    type_name,
)
from designer.model.limits import MAX_CONNECTIONS, MAX_DESCRIPTION, MAX_NODES, MAX_TEXT
from designer.model.network import (
    Connection,
    FeatureNode,
    InputNode,
    Network,
    Neuron,
    clamp_position,
    position_problem,
)
from designer.model.safefile import read_file_bytes
from designer.model.validation import validate

TYPE_CHECKING = False  # not typing's: importing typing costs every command's start 2 ms (issue 14)
if TYPE_CHECKING:
    from typing import Any

#: the file format's public names, including those re-exported from jsonread and atomic
__all__ = [
    "MAX_CONNECTIONS",
    "MAX_FILE_BYTES",
    "MAX_NESTING",
    "MAX_NODES",
    "beyond_file_limits",
    "MAX_TEXT",
    "STALE_TEMP_SECONDS",
    "BASE_VERSION",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "FormatError",
    "atomic_write_bytes",
    "atomic_write_text",
    "dumps",
    "load",
    "loads",
    "network_from_document",
    "one_line",
    "parse_document",
    "parse_json",
    "read_file_bytes",
    "save",
    "to_document",
    "type_name",
    "uses_version_2",
]

#: Documented limits (designer/model/limits.py); larger files are refused at once instead of hanging the app.


def beyond_file_limits(nodes: int, connections: int) -> str:
    """Why a network this big could be saved but not opened again ("": it could be opened)."""
    if nodes > MAX_NODES:
        return f"{nodes:,} nodes; a network file holds at most {MAX_NODES:,}"
    if connections > MAX_CONNECTIONS:
        return f"{connections:,} connections; a network file holds at most {MAX_CONNECTIONS:,}"
    return ""


def _v1_to_v2(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 1 to 2: nothing changes meaning; sections named like version 2's new keys are set aside."""
    migrated = {V1_RENAMED.get(k, k): v for k, v in doc.items()}
    migrated["version"] = 2
    return migrated


#: Migrations: MIGRATIONS[n] turns a version-n document into a version-(n+1) one.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


_INPUT_KEYS = ("id", "label", "position")
_FEATURE_KEYS = ("id", "label", "expression", "position")
_NEURON_KEYS = ("id", "label", "activation", "bias", "position", "trainable")
_REQUIRED = ("format", "version", "inputs", "neurons", "connections", "outputs")


class _Reader:
    """Typed access to one JSON object, naming the path of any fault."""

    def __init__(self, obj: Any, path: str) -> None:
        if not isinstance(obj, dict):
            raise FormatError(f"{path}: expected an object, got {type_name(obj)}")
        self.obj = obj
        self.path = path

    def _fail(self, key: str, expected: str) -> FormatError:
        return FormatError(f"{self.path}.{key}: expected {expected}, got {type_name(self.obj[key])}")

    def text(self, key: str, *, required: bool = False, limit: int = MAX_TEXT) -> str | None:
        if key not in self.obj:
            if required:
                raise FormatError(f'{self.path}: missing "{key}"')
            return None
        value = self.obj[key]
        if not isinstance(value, str):
            raise self._fail(key, "a string")
        if len(value) > limit:
            raise FormatError(f"{self.path}.{key}: text too long ({len(value)} characters, limit {limit})")
        return value

    def number(self, key: str, default: float | None = None) -> float:
        if key not in self.obj:
            if default is None:
                raise FormatError(f'{self.path}: missing "{key}"')
            return default
        value = self.obj[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self._fail(key, "a number")
        return json_number(value)

    def flag(self, key: str, default: bool) -> bool:
        if key not in self.obj:
            return default
        value = self.obj[key]
        if not isinstance(value, bool):
            raise self._fail(key, "true or false")
        return value

    def position(self) -> tuple[float, float] | None:
        if "position" not in self.obj:
            return None
        value = self.obj["position"]
        if (
            not isinstance(value, list)
            or len(value) != 2
            or any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in value)
        ):
            raise FormatError(f"{self.path}.position: expected [x, y] numbers")
        return (json_number(value[0]), json_number(value[1]))

    def extras(self, known: tuple[str, ...]) -> dict[str, Any]:
        kept = {k: v for k, v in self.obj.items() if k not in known}
        for key, value in kept.items():
            check_kept_value(value, f"{self.path}.{one_line(key, 40)}")
        return kept


def _list(doc: dict[str, Any], key: str, limit: int) -> list[Any]:
    value = doc[key]
    if not isinstance(value, list):
        raise FormatError(f'"{key}": expected a list, got {type_name(value)}')
    if len(value) > limit:
        raise FormatError(f"too many {key}: {len(value)} (this version handles up to {limit})")
    return value


#: The formats of NN Designer's files, by what they are: a file given where another kind belongs (an
#: exercise file as a hand-in, a hand-in as ``--exercise``) is named as what it is, not as a foreign one.
FILE_KINDS = {
    FORMAT_NAME: "a network file",
    "nn-designer-exercise": "an exercise file",
    "nn-designer-lesson": "a lesson file",
    "nn-designer-answers": "a chain-rule answers file",
}


def not_this_format(doc: Any, format_name: str, what: str) -> str:
    """Why ``doc`` is not a ``what`` file (its "format" is not ``format_name``), saying what it is when it
    is another of NN Designer's files."""
    reason = f'not an NN Designer {what} file (no "format": "{format_name}")'
    kind = FILE_KINDS.get(doc.get("format")) if isinstance(doc, dict) and isinstance(doc.get("format"), str) else None
    return f"{reason}: it is {kind}" if kind else reason


def _check_header(doc: Any) -> dict[str, Any]:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise FormatError(not_this_format(doc, FORMAT_NAME, "network"))
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise FormatError('"version": expected a whole number')
    shown = one_line(str(version), 20)  # a 4,000-digit version number must not become a 4,000-character message
    if version > FORMAT_VERSION:
        raise FormatError(
            f"made by a newer NN Designer (format version {shown}; this one reads up to {FORMAT_VERSION})"
        )
    if version < 1:
        raise FormatError(f"unknown format version {shown}")
    while version < FORMAT_VERSION:
        doc = MIGRATIONS[version](doc)
        version += 1
    missing = [k for k in _REQUIRED if k not in doc]
    if missing:
        raise FormatError("missing required " + ", ".join(f'"{k}"' for k in missing))
    return doc


def parse_document(doc: Any) -> tuple[Network, list[str]]:
    """A JSON document to a Network plus the problems that do not stop parsing.

    Structural faults (wrong types, missing fields, newer version) raise
    FormatError; duplicates are reported in the list (the later one dropped),
    semantic faults are left to :func:`validate`.
    """
    doc = _check_header(doc)
    top = _Reader(doc, "file")
    inputs_raw = _list(doc, "inputs", MAX_NODES)
    neurons_raw = _list(doc, "neurons", MAX_NODES)
    features_raw = _list(doc, "features", MAX_NODES) if "features" in doc else []
    n_nodes = len(inputs_raw) + len(neurons_raw) + len(features_raw)
    if n_nodes > MAX_NODES:
        raise FormatError(f"too many nodes: {n_nodes} (limit {MAX_NODES})")
    connections_raw = _list(doc, "connections", MAX_CONNECTIONS)
    outputs_raw = _list(doc, "outputs", MAX_NODES)

    problems: list[str] = []
    network = Network(
        name=top.text("name") or "",
        description=top.text("description", limit=MAX_DESCRIPTION) or "",
        softmax=top.flag("softmax", False),
        extras=top.extras(TOP_KEYS),
        training=training_from_document(doc["training"]) if "training" in doc else None,
    )
    unplaced: list[str] = []
    _read_nodes(inputs_raw, "inputs", _input_node, network.inputs, unplaced, problems)
    _read_nodes(features_raw, "features", _feature_node, network.features, unplaced, problems)
    _read_nodes(neurons_raw, "neurons", _neuron, network.neurons, unplaced, problems)
    for i, raw in enumerate(connections_raw):
        r = _Reader(raw, f"connections[{i}]")
        c = Connection(
            source=r.text("source", required=True) or "",
            target=r.text("target", required=True) or "",
            weight=r.number("weight"),
            trainable=r.flag("trainable", True),
            extras=r.extras(("source", "target", "weight", "trainable")),
        )
        if c.key in network.connections:
            problems.append(f"duplicate connection {c.source} → {c.target}")
        else:
            network.connections[c.key] = c
    for i, out in enumerate(outputs_raw):
        if not isinstance(out, str):
            raise FormatError(f"outputs[{i}]: expected a neuron id string, got {type_name(out)}")
    network.outputs = list(outputs_raw)
    return network, problems


def _input_node(r: _Reader) -> InputNode:
    return InputNode(id=r.text("id", required=True) or "", label=r.text("label"), extras=r.extras(_INPUT_KEYS))


def _feature_node(r: _Reader) -> FeatureNode:
    return FeatureNode(
        id=r.text("id", required=True) or "",
        expression=r.text("expression", required=True) or "",
        label=r.text("label"),
        extras=r.extras(_FEATURE_KEYS),
    )


def _neuron(r: _Reader) -> Neuron:
    return Neuron(
        id=r.text("id", required=True) or "",
        activation=r.text("activation", required=True) or "",
        bias=r.number("bias", 0.0),
        label=r.text("label"),
        trainable=r.flag("trainable", True),
        extras=r.extras(_NEURON_KEYS),
    )


def _read_nodes(
    raws: list[Any],
    key: str,
    build: Callable[[_Reader], InputNode | FeatureNode | Neuron],
    table: dict[str, Any],
    unplaced: list[str],
    problems: list[str],
) -> None:
    """One list of nodes: each checked, placed if it has a position, kept unless its id is taken."""
    kind = {"inputs": "input", "features": "feature", "neurons": "neuron"}[key]
    for i, raw in enumerate(raws):
        reader = _Reader(raw, f"{key}[{i}]")
        node = build(reader)
        _place(node, reader, unplaced)
        _add_unique(table, node.id, node, kind, problems)


def _place(node: InputNode | FeatureNode | Neuron, reader: _Reader, unplaced: list[str]) -> None:
    position = reader.position()
    if position is None:
        unplaced.append(node.id)
        return
    if problem := position_problem(node.id, position):  # refused at once: a far node hung the canvas
        raise FormatError(problem)
    node.position = position


def _add_unique(table: dict[str, Any], node_id: str, node: Any, kind: str, problems: list[str]) -> None:
    if node_id in table:
        problems.append(f"duplicate {kind} id '{one_line(node_id)}'")
    else:
        table[node_id] = node


def layout_missing_positions(network: Network, doc: dict[str, Any]) -> None:
    """Give nodes saved without a position a place by layer (hand-written files)."""
    keys = ("inputs", "features", "neurons") if doc.get("version") == FORMAT_VERSION else ("inputs", "neurons")
    missing = {
        item["id"] for key in keys for item in doc.get(key, []) if isinstance(item, dict) and "position" not in item
    }
    if not missing:
        return
    depth = levels(network)
    rows: dict[int, int] = {}
    for node_id in network.node_ids():
        d = depth.get(node_id, 1)
        row = rows.get(d, 0)
        rows[d] = row + 1
        if node_id in missing:
            network.node(node_id).position = clamp_position((200.0 * d, 120.0 * row))  # 10,000 layers: 2e6


def network_from_document(doc: Any) -> Network:
    network, problems = parse_document(doc)
    problems += validate(network)
    if problems:
        more = f" (and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''})" if len(problems) > 1 else ""
        raise FormatError(one_line(problems[0], 200) + more)
    layout_missing_positions(network, doc)
    return network


def loads(data: bytes | str) -> Network:
    """Parse file content into a valid Network or raise a one-line FormatError."""
    return network_from_document(parse_json(data))


def load(path: str | os.PathLike[str]) -> Network:
    return loads(read_file_bytes(path))
