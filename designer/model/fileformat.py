"""The NN Designer file format, version 1 (a public contract: see docs/format.md).

Reading is strict and every fault becomes a one-line :class:`FormatError`;
writing is canonical (fixed key order, floats that round-trip) and atomic.
"""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from designer.model.graph import levels
from designer.model.network import Connection, InputNode, Network, Neuron
from designer.model.validation import validate

FORMAT_NAME = "nn-designer"
FORMAT_VERSION = 1

#: Documented limits; larger files are refused at once instead of hanging the app.
MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_NODES = 10_000
MAX_CONNECTIONS = 200_000
MAX_TEXT = 10_000  # characters in an id, label or name
MAX_DESCRIPTION = 100_000
MAX_NESTING = 100  # levels of lists/objects inside a kept unknown key (deeper ones could not be saved again)

#: Migrations: MIGRATIONS[n] turns a version-n document into a version-(n+1) one.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}

_TOP_KEYS = ("format", "version", "name", "description", "inputs", "neurons", "connections", "outputs", "softmax")
_REQUIRED = ("format", "version", "inputs", "neurons", "connections", "outputs")


class FormatError(ValueError):
    """A file that cannot be read as a network; ``str()`` is one line for the user."""


# ------------------------------------------------------------------ reading
class _DuplicateKey(Exception):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def parse_json(data: bytes | str) -> Any:
    """Bytes or text to JSON values, with every failure as a FormatError."""
    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            raise FormatError(f"file too large: {len(data)} bytes (limit {MAX_FILE_BYTES})")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise FormatError(f"not UTF-8 text (bad byte at position {exc.start})") from None
    else:
        text = data
        if len(text) > MAX_FILE_BYTES:
            raise FormatError(f"file too large: {len(text)} characters (limit {MAX_FILE_BYTES} bytes)")
        _check_encodable(text, "the text")
    if not text.strip():
        raise FormatError("the file is empty")
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except _DuplicateKey as exc:
        raise FormatError(f"duplicate key '{one_line(str(exc))}' in a JSON object") from None
    except RecursionError:
        raise FormatError("JSON nested too deeply") from None
    except json.JSONDecodeError as exc:
        where = "end of file (truncated?)" if exc.pos >= len(text.rstrip()) else f"line {exc.lineno} column {exc.colno}"
        msg = exc.msg.removesuffix(" at")
        raise FormatError(f"not valid JSON: {msg} at {where}") from None
    except ValueError as exc:  # e.g. integer string too long to convert
        raise FormatError(f"not valid JSON: {one_line(str(exc))}") from None
    if _SURROGATE_ESCAPE.search(text):  # "\ud800" alone reads fine but could never be written as UTF-8
        _check_strings(doc)
    return doc


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _check_encodable(text: str, where: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise FormatError(
            f"{where} contains an unpaired surrogate (\\u{ord(text[exc.start]):04x}), which is not a character"
        ) from None


def _walk(value: Any, path: str) -> Any:
    """Every nested value with its depth and a function naming its place (iterative: no recursion limit)."""
    stack: list[tuple[Any, Any, int]] = [(value, path, 0)]
    while stack:
        item, where, depth = stack.pop()
        yield item, depth, lambda where=where: _path_text(where)
        if isinstance(item, dict):
            stack.extend((v, (where, k), depth + 1) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((v, (where, i), depth + 1) for i, v in enumerate(item))


def _path_text(where: Any) -> str:
    parts: list[str] = []
    while isinstance(where, tuple):
        where, key = where
        parts.append(f"[{key}]" if isinstance(key, int) else f".{one_line(key, 40)}")
    text = (where + "".join(reversed(parts))).removeprefix(".")
    return one_line(text, 80) if text else "the file"


def _check_strings(doc: Any) -> None:
    """Every key and string of ``doc`` must be encodable as UTF-8."""
    for item, _, where in _walk(doc, ""):
        if isinstance(item, str):
            _check_encodable(item, where())
        elif isinstance(item, dict):
            for key in item:
                _check_encodable(key, f"a key in {where()}")


def _check_kept_value(value: Any, path: str) -> None:
    """A value kept as it is (an unknown key) must be writable again: finite numbers, bounded nesting."""
    for item, depth, where in _walk(value, path):
        if isinstance(item, float) and not math.isfinite(item):
            raise FormatError(f"{where()}: {item} is not a finite number")
        if depth >= MAX_NESTING and isinstance(item, (dict, list)):
            raise FormatError(f"{where()}: nested too deeply (limit {MAX_NESTING} levels)")


_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def one_line(text: str, limit: int = 60) -> str:
    """One printable line: line breaks become spaces, other control characters escapes, at most ``limit``."""
    if not text.isprintable():
        text = "".join(
            ch if ch.isprintable() else " " if ch in _LINE_BREAKS else ch.encode("unicode_escape").decode("ascii")
            for ch in text
        )
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


class _Reader:
    """Typed access to one JSON object, naming the path of any fault."""

    def __init__(self, obj: Any, path: str) -> None:
        if not isinstance(obj, dict):
            raise FormatError(f"{path}: expected an object, got {_type_name(obj)}")
        self.obj = obj
        self.path = path

    def _fail(self, key: str, expected: str) -> FormatError:
        return FormatError(f"{self.path}.{key}: expected {expected}, got {_type_name(self.obj[key])}")

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
            _check_kept_value(value, f"{self.path}.{one_line(key, 40)}")
        return kept


def _list(doc: dict[str, Any], key: str, limit: int) -> list[Any]:
    value = doc[key]
    if not isinstance(value, list):
        raise FormatError(f'"{key}": expected a list, got {_type_name(value)}')
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
            raise FormatError(f"outputs[{i}]: expected a neuron id string, got {_type_name(out)}")
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


#: Temp files of a save killed before its rename are removed by a later save once they are this old.
STALE_TEMP_SECONDS = 600


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write via a temp file in the same folder, fsync, then rename over ``path``.

    A crash at any point leaves either the old file or the new one, never half.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _remove_stale_temps(folder, target.name)
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _remove_stale_temps(folder: Path, name: str) -> None:
    """Delete this file's temp files left by saves killed before their rename, once they are old.

    Young ones are kept: they may belong to a save still running in another process.
    """
    pattern = re.compile(re.escape(f".{name}.") + r"[a-z0-9_]{8}\.tmp")
    limit = time.time() - STALE_TEMP_SECONDS
    try:
        candidates = [p for p in folder.iterdir() if pattern.fullmatch(p.name)]
    except OSError:
        return
    for path in candidates:
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """UTF-8 text with Unix newlines, written atomically (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"))


def save(network: Network, path: str | os.PathLike[str]) -> None:
    """Validate, then write atomically; an invalid network is refused, never written."""
    problems = validate(network)
    if problems:
        raise FormatError(f"not saved: {problems[0]}")
    try:
        text = dumps(network)
    except ValueError as exc:
        raise FormatError(f"not saved: {exc}") from None
    _check_encodable(text, "not saved: the network")
    atomic_write_text(path, text)
