"""Writing the NN Designer file format (docs/format.md): the canonical document and text, atomic saves.

Canonical means a fixed key order, optional keys only when set, floats that read back exactly,
one node or connection per line. A network that uses nothing added after version 1 is written as
version 1 (byte for byte as before), anything else as version 2 (:func:`uses_version_2`).
Reading is :mod:`designer.model.fileformat`, which also re-exports these names.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable

from designer.model.atomic import atomic_write_text
from designer.model.experiment import training_to_document
from designer.model.jsonread import FormatError, check_encodable
from designer.model.network import Connection, FeatureNode, InputNode, Network, Neuron
from designer.model.validation import validate

TYPE_CHECKING = False  # not typing's: importing typing costs every command's start 2 ms (issue 14)
if TYPE_CHECKING:
    from typing import Any

FORMAT_NAME = "nn-designer"
FORMAT_VERSION = 2
#: The version written for networks that use nothing added after version 1.
BASE_VERSION = 1

#: Top-level keys that version 2 gave a meaning; in a version-1 file they were unknown sections, kept
#: under these names so that they still load (and are written back under their old name as version 1).
V1_RENAMED = {"features": "v1_features", "training": "v1_training"}
#: The top-level keys in the order they are written.
TOP_KEYS = (
    "format",
    "version",
    "name",
    "description",
    "inputs",
    "features",
    "neurons",
    "connections",
    "outputs",
    "softmax",
    "training",
)


def _v2_to_v1(doc: dict[str, Any]) -> dict[str, Any]:
    """A version-2 document that uses nothing new, written as version 1 (the inverse of ``MIGRATIONS[1]``)."""
    back = {v: k for k, v in V1_RENAMED.items()}
    return {back.get(k, k): (BASE_VERSION if k == "version" else v) for k, v in doc.items()}


def uses_version_2(network: Network) -> bool:
    """True if the network needs format version 2 to be saved (feature nodes or a training section)."""
    return bool(network.features) or network.training is not None


def to_document(network: Network) -> dict[str, Any]:
    """The canonical document: fixed key order, optional keys only when set.

    Version 1 when nothing of version 2 is used (see :func:`uses_version_2`), else version 2.
    """
    doc: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
    if network.name:
        doc["name"] = network.name
    if network.description:
        doc["description"] = network.description
    doc["inputs"] = [_input_doc(n) for n in network.inputs.values()]
    if network.features:
        doc["features"] = [_feature_doc(f) for f in network.features.values()]
    doc["neurons"] = [_neuron_doc(n) for n in network.neurons.values()]
    doc["connections"] = [_connection_doc(c) for c in network.connections.values()]
    doc["outputs"] = list(network.outputs)
    if network.softmax:
        doc["softmax"] = True
    if network.training is not None:
        doc["training"] = training_to_document(network.training)
    for key in sorted(network.extras):
        doc[key] = network.extras[key]
    return doc if uses_version_2(network) else _v2_to_v1(doc)


def _feature_doc(node: FeatureNode) -> dict[str, Any]:
    d: dict[str, Any] = {"id": node.id}
    if node.label:
        d["label"] = node.label
    d["expression"] = node.expression
    d["position"] = [float(node.position[0]), float(node.position[1])]
    return {**d, **{k: node.extras[k] for k in sorted(node.extras)}}


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

    # in a version-1 document "features" and "training" are kept unknown sections, written as such
    known = TOP_KEYS if doc["version"] == FORMAT_VERSION else tuple(k for k in TOP_KEYS if k not in V1_RENAMED)
    lines = []
    for key, value in doc.items():
        if key in ("inputs", "features", "neurons", "connections") and key in known and value:
            body = ",\n    ".join(compact(item) for item in value)
            lines.append(f'  "{key}": [\n    {body}\n  ]')
        elif key == "training" and key in known:
            lines.append(f'  "training": {_training_text(value, compact)}')
        elif key in known:
            lines.append(f"  {json.dumps(key)}: {compact(value)}")
        else:
            nested = json.dumps(value, ensure_ascii=False, allow_nan=False, indent=2).replace("\n", "\n  ")
            lines.append(f"  {json.dumps(key, ensure_ascii=False)}: {nested}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _training_text(section: dict[str, Any], compact: Callable[[Any], str]) -> str:
    """One setting per line; embedded data one row per line."""
    lines = []
    for key, value in section.items():
        if key == "data":
            parts = [f"      {json.dumps(k)}: {compact(v)}" for k, v in value.items() if k != "rows"]
            rows = ",\n        ".join(compact(row) for row in value["rows"])
            parts.append(f'      "rows": [\n        {rows}\n      ]' if rows else '      "rows": []')
            lines.append('    "data": {\n' + ",\n".join(parts) + "\n    }")
        else:
            lines.append(f"    {json.dumps(key, ensure_ascii=False)}: {compact(value)}")
    return "{\n" + ",\n".join(lines) + "\n  }" if lines else "{}"


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
