"""The NN Designer file format, version 1 (a public contract: see docs/format.md).

Reading is strict and every fault becomes a one-line :class:`FormatError`;
writing is canonical (fixed key order, floats that round-trip) and atomic.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from designer.model.atomic import STALE_TEMP_SECONDS, atomic_write_bytes, atomic_write_text
from designer.model.graph import levels
from designer.model.jsonread import (
    MAX_FILE_BYTES,
    MAX_NESTING,
    FormatError,
    check_encodable,
    check_kept_value,
    one_line,
    parse_json,
    type_name,
)
from designer.model.network import Connection, InputNode, Network, Neuron
from designer.model.validation import validate

#: the file format's public names, including those re-exported from jsonread and atomic
__all__ = [
    "MAX_CONNECTIONS",
    "MAX_FILE_BYTES",
    "MAX_NESTING",
    "MAX_NODES",
    "MAX_TEXT",
    "STALE_TEMP_SECONDS",
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
]

FORMAT_NAME = "nn-designer"
FORMAT_VERSION = 1

#: Documented limits; larger files are refused at once instead of hanging the app.
MAX_NODES = 10_000
MAX_CONNECTIONS = 200_000
MAX_TEXT = 10_000  # characters in an id, label or name
MAX_DESCRIPTION = 100_000

#: Migrations: MIGRATIONS[n] turns a version-n document into a version-(n+1) one.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}

_TOP_KEYS = ("format", "version", "name", "description", "inputs", "neurons", "connections", "outputs", "softmax")
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
        try:
            return float(value)
        except OverflowError:
            return math.inf if value > 0 else -math.inf

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
        return (self.number_of(value[0]), self.number_of(value[1]))

    @staticmethod
    def number_of(value: int | float) -> float:
        try:
            return float(value)
        except OverflowError:
            return math.inf if value > 0 else -math.inf

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


def _check_header(doc: Any) -> dict[str, Any]:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise FormatError(f'not an NN Designer network file (no "format": "{FORMAT_NAME}")')
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
    if len(inputs_raw) + len(neurons_raw) > MAX_NODES:
        raise FormatError(f"too many nodes: {len(inputs_raw) + len(neurons_raw)} (limit {MAX_NODES})")
    connections_raw = _list(doc, "connections", MAX_CONNECTIONS)
    outputs_raw = _list(doc, "outputs", MAX_NODES)

    problems: list[str] = []
    network = Network(
        name=top.text("name") or "",
        description=top.text("description", limit=MAX_DESCRIPTION) or "",
        softmax=top.flag("softmax", False),
        extras=top.extras(_TOP_KEYS),
    )
    unplaced: list[str] = []
    for i, raw in enumerate(inputs_raw):
        r = _Reader(raw, f"inputs[{i}]")
        node = InputNode(
            id=r.text("id", required=True) or "", label=r.text("label"), extras=r.extras(("id", "label", "position"))
        )
        _place(node, r, unplaced)
        _add_unique(network.inputs, node.id, node, "input", problems)
    for i, raw in enumerate(neurons_raw):
        r = _Reader(raw, f"neurons[{i}]")
        neuron = Neuron(
            id=r.text("id", required=True) or "",
            activation=r.text("activation", required=True) or "",
            bias=r.number("bias", 0.0),
            label=r.text("label"),
            trainable=r.flag("trainable", True),
            extras=r.extras(("id", "label", "activation", "bias", "position", "trainable")),
        )
        _place(neuron, r, unplaced)
        _add_unique(network.neurons, neuron.id, neuron, "neuron", problems)
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


def _place(node: InputNode | Neuron, reader: _Reader, unplaced: list[str]) -> None:
    position = reader.position()
    if position is None:
        unplaced.append(node.id)
    else:
        node.position = position


def _add_unique(table: dict[str, Any], node_id: str, node: Any, kind: str, problems: list[str]) -> None:
    if node_id in table:
        problems.append(f"duplicate {kind} id '{one_line(node_id)}'")
    else:
        table[node_id] = node


def layout_missing_positions(network: Network, doc: dict[str, Any]) -> None:
    """Give nodes saved without a position a place by layer (hand-written files)."""
    missing = {
        item["id"]
        for key in ("inputs", "neurons")
        for item in doc[key]
        if isinstance(item, dict) and "position" not in item
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
            network.node(node_id).position = (200.0 * d, 120.0 * row)


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


def read_file_bytes(path: str | os.PathLike[str]) -> bytes:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FormatError(f"file too large: {size} bytes (limit {MAX_FILE_BYTES})")
        return p.read_bytes()
    except FileNotFoundError:
        raise FormatError(f"no such file: {p}") from None
    except IsADirectoryError:
        raise FormatError(f"{p} is a folder, not a file") from None
    except OSError as exc:
        raise FormatError(f"cannot read {p}: {exc.strerror or exc}") from None


def load(path: str | os.PathLike[str]) -> Network:
    return loads(read_file_bytes(path))


# ------------------------------------------------------------------ writing
def to_document(network: Network) -> dict[str, Any]:
    """The canonical document: fixed key order, optional keys only when set."""
    doc: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
    if network.name:
        doc["name"] = network.name
    if network.description:
        doc["description"] = network.description
    doc["inputs"] = [_input_doc(n) for n in network.inputs.values()]
    doc["neurons"] = [_neuron_doc(n) for n in network.neurons.values()]
    doc["connections"] = [_connection_doc(c) for c in network.connections.values()]
    doc["outputs"] = list(network.outputs)
    if network.softmax:
        doc["softmax"] = True
    for key in sorted(network.extras):
        doc[key] = network.extras[key]
    return doc


def _input_doc(node: InputNode) -> dict[str, Any]:
    d: dict[str, Any] = {"id": node.id}
    if node.label:
        d["label"] = node.label
    d["position"] = [float(node.position[0]), float(node.position[1])]
    return {**d, **{k: node.extras[k] for k in sorted(node.extras)}}


def _neuron_doc(n: Neuron) -> dict[str, Any]:
    d: dict[str, Any] = {"id": n.id}
    if n.label:
        d["label"] = n.label
    d["activation"] = n.activation
    d["bias"] = float(n.bias)
    d["position"] = [float(n.position[0]), float(n.position[1])]
    if not n.trainable:
        d["trainable"] = False
    return {**d, **{k: n.extras[k] for k in sorted(n.extras)}}


def _connection_doc(c: Connection) -> dict[str, Any]:
    d: dict[str, Any] = {"source": c.source, "target": c.target, "weight": float(c.weight)}
    if not c.trainable:
        d["trainable"] = False
    return {**d, **{k: c.extras[k] for k in sorted(c.extras)}}


def dumps(network: Network) -> str:
    """Canonical text: one node or connection per line, like the documented example."""
    doc = to_document(network)

    def compact(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))

    lines = []
    for key, value in doc.items():
        if key in ("inputs", "neurons", "connections") and value:
            body = ",\n    ".join(compact(item) for item in value)
            lines.append(f'  "{key}": [\n    {body}\n  ]')
        elif key in _TOP_KEYS:
            lines.append(f"  {json.dumps(key)}: {compact(value)}")
        else:
            nested = json.dumps(value, ensure_ascii=False, allow_nan=False, indent=2).replace("\n", "\n  ")
            lines.append(f"  {json.dumps(key, ensure_ascii=False)}: {nested}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def save(network: Network, path: str | os.PathLike[str]) -> None:
    """Validate, then write atomically; an invalid network is refused, never written."""
    problems = validate(network)
    if problems:
        raise FormatError(f"not saved: {problems[0]}")
    try:
        text = dumps(network)
    except ValueError as exc:
        raise FormatError(f"not saved: {exc}") from None
    check_encodable(text, "not saved: the network")
    atomic_write_text(path, text)
