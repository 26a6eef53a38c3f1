"""Writes the hostile file corpus next to this script, and ``expected.json``.

Run ``python tests/data/hostile/make_corpus.py`` after changing it; the files are committed.
``expected.json`` maps every file name to a part of the one-line FormatError message that
``designer.model.loads`` must give, or to null for files that must load (odd but valid).
Huge files (40 MB, 100,000 real neurons, 50 MB strings) are made by the tests at run time.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

XOR: dict[str, Any] = {
    "format": "nn-designer",
    "version": 1,
    "name": "XOR from step units",
    "inputs": [{"id": "x1", "label": "x₁", "position": [0, 0]}, {"id": "x2", "position": [0, 120]}],
    "neurons": [
        {"id": "h1", "label": "OR", "activation": "step", "bias": -0.5, "position": [200, 0]},
        {"id": "h2", "activation": "step", "bias": -1.5, "position": [200, 120]},
        {"id": "y", "activation": "step", "bias": -0.5, "position": [400, 60]},
    ],
    "connections": [
        {"source": "x1", "target": "h1", "weight": 1},
        {"source": "x2", "target": "h1", "weight": 1},
        {"source": "x1", "target": "h2", "weight": 1},
        {"source": "x2", "target": "h2", "weight": 1},
        {"source": "h1", "target": "y", "weight": 1},
        {"source": "h2", "target": "y", "weight": -1},
    ],
    "outputs": ["y"],
}

FILES: dict[str, bytes] = {}
EXPECTED: dict[str, str | None] = {}


def text(doc: Any) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1)


def add(name: str, data: bytes | str, expected: str | None) -> None:
    assert name not in FILES, name
    FILES[name] = data.encode("utf-8") if isinstance(data, str) else data
    EXPECTED[name] = expected


def variant(name: str, change: Callable[[dict[str, Any]], Any], expected: str | None) -> None:
    """The XOR document changed by ``change`` (which edits it in place)."""
    doc = copy.deepcopy(XOR)
    change(doc)
    add(name, text(doc), expected)


def with_raw(placeholder_change: Callable[[dict[str, Any]], Any], placeholder: str, raw: str) -> str:
    """XOR text where the string ``"@RAW@"`` placed by ``placeholder_change`` becomes raw JSON text."""
    doc = copy.deepcopy(XOR)
    placeholder_change(doc)
    return text(doc).replace(json.dumps(placeholder), raw)


def put(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change setting ``doc[a][b]...`` for a path like ``neurons.0.bias``."""

    def change(doc: dict[str, Any]) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        target: Any = doc
        for p in parents:
            target = target[p]
        target[last] = value

    return change


def drop(path: str) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        target: Any = doc
        for p in parents:
            target = target[p]
        del target[last]

    return change


def raw_at(path: str, raw: str) -> str:
    return with_raw(put(path, "@RAW@"), "@RAW@", raw)


def build() -> None:
    good = text(XOR)
    rng = random.Random(8)

    # ---------------------------------------------------------------- bytes and encodings
    add("empty.json", b"", "the file is empty")
    add("whitespace-only.json", b" \n\t\r\n ", "the file is empty")
    add("not-json.txt", "This is my homework, please grade it.\n", "not valid JSON")
    add("csv-instead-of-json.json", "x1,x2,y\n0,0,0\n1,1,0\n", "not valid JSON")
    add("python-instead-of-json.json", "{'format': 'nn-designer', 'version': 1}", "not valid JSON")
    add("javascript-comment.json", "// my net\n" + good, "not valid JSON")
    add("trailing-comma.json", good.rstrip().rstrip("}").rstrip() + ",\n}", "not valid JSON")
    add("two-documents.json", good + good, "not valid JSON")
    add("trailing-garbage.json", good + "garbage", "not valid JSON")
    for share in (1, 10, 50, 90, 99):
        cut = len(good.encode()) * share // 100
        add(f"truncated-{share:02d}pct.json", good.encode()[:cut], "not valid JSON")
    add("truncated-after-brace.json", "{", "not valid JSON")
    add("truncated-mid-number.json", good[: good.index('"bias": -0.5') + len('"bias": -0.')], "not valid JSON")
    add("truncated-mid-escape.json", '{"format": "nn-designer", "name": "\\u00', "not valid JSON")
    add("binary-zeros.bin", bytes(512), "not valid JSON")
    add("binary-random.bin", bytes(rng.randrange(256) for _ in range(2048)), "not UTF-8")
    add(
        "binary-png.png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(200)),
        "a PNG image, not a text file",
    )
    add(
        "binary-zip.zip",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(rng.randrange(256) for _ in range(200)),
        "a ZIP archive (or an .xlsx or .docx file, which are ZIP archives), not a text file",
    )
    add("latin1-label.json", text(XOR).replace("x₁", "Müller").encode("latin-1"), "not UTF-8")
    add("utf16-le-bom.json", good.encode("utf-16"), "not UTF-8")
    add("utf16-be-no-bom.json", good.encode("utf-16-be"), "not UTF-8")
    add("utf32.json", good.encode("utf-32"), "not UTF-8")
    add("overlong-utf8-slash.json", good.encode().replace(b'"y"', b'"\xc0\xaf"'), "not UTF-8")
    add("utf8-encoded-surrogate.json", good.encode().replace(b'"OR"', b'"\xed\xa0\x80"'), "not UTF-8")
    add("ok-utf8-bom.json", b"\xef\xbb\xbf" + good.encode(), None)
    add("double-bom.json", b"\xef\xbb\xbf\xef\xbb\xbf" + good.encode(), "not valid JSON")
    add("ok-crlf-line-ends.json", good.replace("\n", "\r\n"), None)
    add("raw-nul-in-string.json", good.replace('"OR"', '"O\x00R"'), "not valid JSON")
    add("raw-newline-in-string.json", good.replace('"OR"', '"O\nR"'), "not valid JSON")
    add("ok-escaped-nul-and-controls-in-label.json", good.replace('"OR"', '"O\\u0000R\\u001b[2J\\t"'), None)
    add("lone-surrogate-in-label.json", good.replace('"OR"', '"\\ud800OR"'), "unpaired surrogate")
    add("lone-low-surrogate-in-name.json", good.replace('"XOR from', '"\\udfffXOR from'), "unpaired surrogate")
    add("lone-surrogate-in-key.json", good.replace('"outputs"', '"\\udbff": 1, "outputs"'), "unpaired surrogate")
    add("ok-surrogate-pair-escape.json", good.replace('"OR"', '"\\ud83d\\ude00 OR"'), None)

    # ------------------------------------------------------------------- top level
    add("top-array.json", "[]", "not an NN Designer network file")
    add("top-array-of-network.json", "[" + good + "]", "not an NN Designer network file")
    add("top-string.json", '"nn-designer"', "not an NN Designer network file")
    add("top-number.json", "1", "not an NN Designer network file")
    add("top-null.json", "null", "not an NN Designer network file")
    add("top-true.json", "true", "not an NN Designer network file")
    add("top-nan.json", "NaN", "not an NN Designer network file")
    add("top-empty-object.json", "{}", "not an NN Designer network file")
    variant("format-missing.json", drop("format"), "not an NN Designer network file")
    variant("format-other-program.json", put("format", "keras"), "not an NN Designer network file")
    variant("format-list.json", put("format", ["nn-designer"]), "not an NN Designer network file")
    variant("format-null.json", put("format", None), "not an NN Designer network file")
    variant("version-missing.json", drop("version"), "expected a whole number")
    variant("version-string.json", put("version", "1"), "expected a whole number")
    variant("version-float.json", put("version", 1.0), "expected a whole number")
    variant("version-true.json", put("version", True), "expected a whole number")
    variant("version-null.json", put("version", None), "expected a whole number")
    variant("version-newer.json", put("version", 3), "made by a newer NN Designer (format version 3;")
    variant("version-huge-4000-digits.json", put("version", 10**4000), "made by a newer NN Designer")
    variant("version-zero.json", put("version", 0), "unknown format version 0")
    variant("version-negative-huge.json", put("version", -(10**4000)), "unknown format version")
    add("version-5000-digits.json", raw_at("version", "9" * 5000), "not valid JSON")
    for key in ("inputs", "neurons", "connections", "outputs"):
        variant(f"missing-{key}.json", drop(key), f'missing required "{key}"')
    add("only-header.json", '{"format": "nn-designer", "version": 1}', 'missing required "inputs", "neurons"')
    variant("inputs-object.json", put("inputs", {"x1": {}}), '"inputs": expected a list, got an object')
    variant("neurons-string.json", put("neurons", "h1,h2,y"), '"neurons": expected a list, got a string')
    variant("connections-null.json", put("connections", None), '"connections": expected a list, got null')
    variant("outputs-string.json", put("outputs", "y"), '"outputs": expected a list, got a string')
    variant("outputs-item-number.json", put("outputs", [1]), "outputs[0]: expected a neuron id string, got a number")
    variant("outputs-item-null.json", put("outputs", ["y", None]), "outputs[1]: expected a neuron id string, got null")
    variant("outputs-item-object.json", put("outputs", [{"id": "y"}]), "outputs[0]: expected a neuron id string")
    variant("name-number.json", put("name", 42), "file.name: expected a string, got a number")
    variant("description-list.json", put("description", ["a"]), "file.description: expected a string, got a list")
    variant("softmax-string.json", put("softmax", "yes"), "file.softmax: expected true or false, got a string")
    variant("softmax-number.json", put("softmax", 1), "file.softmax: expected true or false, got a number")
    variant("softmax-with-step-output.json", put("softmax", True), "with softmax the output neurons must be linear")

    def null_everywhere(doc: dict[str, Any]) -> None:
        for key in list(doc):
            doc[key] = None

    variant("null-everywhere.json", null_everywhere, "not an NN Designer network file")

    def null_but_header(doc: dict[str, Any]) -> None:
        for key in list(doc):
            if key not in ("format", "version"):
                doc[key] = None

    variant("null-everywhere-but-header.json", null_but_header, '"inputs": expected a list, got null')

    def null_in_every_node(doc: dict[str, Any]) -> None:
        for item in doc["inputs"] + doc["neurons"] + doc["connections"]:
            for key in item:
                item[key] = None

    variant("null-in-every-node-field.json", null_in_every_node, "inputs[0].id: expected a string, got null")

    def lists_for_objects(doc: dict[str, Any]) -> None:
        doc["connections"] = [[c["source"], c["target"], c["weight"]] for c in doc["connections"]]

    variant("connections-as-arrays.json", lists_for_objects, "connections[0]: expected an object, got a list")
    variant("inputs-as-strings.json", put("inputs", ["x1", "x2"]), "inputs[0]: expected an object, got a string")
    variant("neuron-as-number.json", put("neurons.1", 7), "neurons[1]: expected an object, got a number")

    # ----------------------------------------------------------------- node fields
    variant("input-missing-id.json", drop("inputs.0.id"), 'inputs[0]: missing "id"')
    variant("input-id-number.json", put("inputs.1.id", 2), "inputs[1].id: expected a string, got a number")
    variant("neuron-id-list.json", put("neurons.0.id", ["h1"]), "neurons[0].id: expected a string, got a list")
    variant("neuron-missing-activation.json", drop("neurons.2.activation"), 'neurons[2]: missing "activation"')
    variant("neuron-activation-unknown.json", put("neurons.0.activation", "softplus"), "unknown activation 'softplus'")
    variant("neuron-activation-case.json", put("neurons.0.activation", "ReLU"), "unknown activation 'ReLU'")
    variant("neuron-activation-null.json", put("neurons.0.activation", None), "activation: expected a string, got null")
    variant(
        "neuron-bias-string.json", put("neurons.0.bias", "-0.5"), "neurons[0].bias: expected a number, got a string"
    )
    variant(
        "neuron-bias-boolean.json", put("neurons.0.bias", True), "neurons[0].bias: expected a number, got a boolean"
    )
    variant("neuron-bias-null.json", put("neurons.0.bias", None), "neurons[0].bias: expected a number, got null")
    variant("neuron-bias-object.json", put("neurons.0.bias", {"value": 1}), "bias: expected a number, got an object")
    add("neuron-bias-nan.json", raw_at("neurons.0.bias", "NaN"), "bias nan is not a finite number")
    add("neuron-bias-infinity.json", raw_at("neurons.1.bias", "Infinity"), "bias inf is not a finite number")
    add("neuron-bias-minus-infinity.json", raw_at("neurons.1.bias", "-Infinity"), "bias -inf is not a finite number")
    add("neuron-bias-1e400.json", raw_at("neurons.0.bias", "1e400"), "bias inf is not a finite number")
    add("neuron-bias-minus-1e400.json", raw_at("neurons.0.bias", "-1e400"), "bias -inf is not a finite number")
    add("neuron-bias-1e10000-as-digits.json", raw_at("neurons.0.bias", "1" + "0" * 4000), "bias inf is not a finite")
    add("neuron-bias-minus-huge-int.json", raw_at("neurons.0.bias", "-" + "9" * 400), "bias -inf is not a finite")
    add("ok-neuron-bias-1e-400-underflows-to-0.json", raw_at("neurons.0.bias", "1e-400"), None)
    add("ok-extreme-finite-numbers.json", raw_at("neurons.0.bias", "1.7976931348623157e308"), None)
    add("ok-smallest-subnormal.json", raw_at("neurons.0.bias", "-5e-324"), None)
    add("ok-int-weight-300-digits.json", raw_at("connections.0.weight", "1" + "0" * 300), None)
    add("weight-nan.json", raw_at("connections.2.weight", "NaN"), "weight nan is not a finite number")
    add("weight-infinity.json", raw_at("connections.2.weight", "Infinity"), "weight inf is not a finite number")
    variant("weight-string.json", put("connections.0.weight", "1/2"), "weight: expected a number, got a string")
    variant("weight-null.json", put("connections.0.weight", None), "weight: expected a number, got null")
    variant("weight-list.json", put("connections.0.weight", [1]), "weight: expected a number, got a list")
    variant("weight-missing.json", drop("connections.0.weight"), 'connections[0]: missing "weight"')
    variant("connection-source-number.json", put("connections.0.source", 1), "source: expected a string, got a number")
    variant("connection-target-missing.json", drop("connections.0.target"), 'connections[0]: missing "target"')
    variant("position-one-number.json", put("neurons.0.position", [1]), "neurons[0].position: expected [x, y] numbers")
    variant("position-three-numbers.json", put("inputs.0.position", [1, 2, 3]), "position: expected [x, y] numbers")
    variant("position-object.json", put("neurons.0.position", {"x": 1, "y": 2}), "position: expected [x, y] numbers")
    variant("position-strings.json", put("neurons.0.position", ["1", "2"]), "position: expected [x, y] numbers")
    variant("position-booleans.json", put("neurons.0.position", [True, False]), "position: expected [x, y] numbers")
    add("position-nan.json", raw_at("neurons.0.position", "[NaN, 0]"), "is not a pair of finite numbers")
    add("position-1e400.json", raw_at("inputs.0.position", "[0, -1e400]"), "is not a pair of finite numbers")
    variant("trainable-string.json", put("neurons.0.trainable", "no"), "trainable: expected true or false")
    variant("trainable-number.json", put("connections.0.trainable", 0), "trainable: expected true or false")
    variant("label-number.json", put("neurons.0.label", 1), "neurons[0].label: expected a string, got a number")
    variant("id-empty.json", put("neurons.0.id", ""), "a node has an empty id")
    variant("id-whitespace.json", put("inputs.0.id", "  "), "a node has an empty id")
    variant("id-too-long.json", put("neurons.0.id", "h" * 10_001), "text too long (10001 characters, limit 10000)")
    variant("label-too-long.json", put("neurons.0.label", "é" * 10_001), "neurons[0].label: text too long")
    variant("name-too-long.json", put("name", "n" * 10_001), "file.name: text too long")
    variant("description-too-long.json", put("description", "d" * 100_001), "file.description: text too long")

    # ------------------------------------------------------------- duplicates
    add(
        "duplicate-key-format.json",
        good.replace('"version": 1', '"version": 1, "format": "nn-designer"'),
        "duplicate key 'format'",
    )
    add("duplicate-key-bias.json", good.replace('"bias": -1.5', '"bias": -1.5, "bias": 3'), "duplicate key 'bias'")
    add(
        "duplicate-key-outputs.json",
        good.replace('"version": 1,', '"version": 1, "outputs": [],'),
        "duplicate key 'outputs'",
    )
    variant("duplicate-input-id.json", put("inputs.1.id", "x1"), "duplicate input id 'x1'")
    variant("duplicate-neuron-id.json", put("neurons.1.id", "h1"), "duplicate neuron id 'h1'")
    variant(
        "input-and-neuron-same-id.json", put("neurons.0.id", "x1"), "duplicate id 'x1': used by an input and a neuron"
    )
    variant(
        "duplicate-connection.json",
        lambda d: d["connections"].append(dict(d["connections"][0])),
        "duplicate connection x1 → h1",
    )

    def dup_ids_with_escapes(doc: dict[str, Any]) -> None:
        doc["neurons"][0]["id"] = doc["neurons"][1]["id"] = "h\n\u2028\x1b[31m\u202eevil"
        doc["neurons"][2]["id"] = "y"

    variant("duplicate-id-with-line-breaks-and-escapes.json", dup_ids_with_escapes, "duplicate neuron id 'h")

    # ------------------------------------------------------------- graph faults
    variant("dangling-source.json", put("connections.0.source", "ghost"), "unknown source 'ghost'")
    variant("dangling-target.json", put("connections.5.target", "nowhere"), "unknown target 'nowhere'")
    variant("connection-into-input.json", put("connections.0.target", "x2"), "an input cannot receive a connection")
    variant(
        "self-loop.json",
        lambda d: d["connections"].append({"source": "h1", "target": "h1", "weight": 1}),
        "cannot connect to itself",
    )
    variant(
        "cycle-two-neurons.json",
        lambda d: d["connections"].append({"source": "y", "target": "h1", "weight": 1}),
        "cycle: ",
    )

    def long_cycle(doc: dict[str, Any]) -> None:
        ids = [f"c{i}" for i in range(300)]
        doc["neurons"] += [{"id": i, "activation": "relu"} for i in ids]
        doc["connections"] += [
            {"source": a, "target": b, "weight": 1} for a, b in zip(ids, ids[1:] + ids[:1], strict=True)
        ]

    variant("cycle-300-neurons.json", long_cycle, "cycle: ")
    variant("output-is-input.json", put("outputs", ["x1"]), "output 'x1' is an input; outputs must be neurons")
    variant("output-dangling.json", put("outputs", ["z"]), "output 'z' is not a neuron of this network")
    variant("output-listed-twice.json", put("outputs", ["y", "y"]), "output 'y' is listed twice")
    variant(
        "output-pointing-to-input-and-self-loop.json",
        lambda d: (d.update(outputs=["x1"]), d["connections"].append({"source": "y", "target": "y", "weight": 1})),
        "problem",
    )

    # ------------------------------------------------------ kept unknown keys
    add(
        "extra-key-nan.json",
        good.replace('"outputs"', '"view": {"zoom": NaN}, "outputs"'),
        "view.zoom: nan is not a finite number",
    )
    add(
        "extra-key-infinity-in-node.json",
        good.replace('"id": "h2"', '"id": "h2", "note": [1, -Infinity]'),
        "neurons[1].note[1]: -inf is not a finite",
    )
    add(
        "extra-key-1e400.json",
        good.replace('"outputs"', '"training": {"lr": 1e400}, "outputs"'),
        "training.lr: inf is not a finite",
    )
    add(
        "extra-key-nested-101.json",
        good.replace('"outputs"', '"view": ' + "[" * 101 + "]" * 101 + ', "outputs"'),
        "nested too deeply (limit 100 levels)",
    )
    add(
        "extra-key-nested-900.json",
        good.replace('"outputs"', '"view": ' + '{"a": ' * 900 + "1" + "}" * 900 + ', "outputs"'),
        "nested too deeply",
    )
    add(
        "ok-extra-key-nested-100.json",
        good.replace('"outputs"', '"view": ' + "[" * 100 + "]" * 100 + ', "outputs"'),
        None,
    )
    add(
        "ok-unknown-keys-everywhere.json",
        good.replace('"id": "h2"', '"id": "h2", "colour": "red", "notes": {"a": [1, null, true]}').replace(
            '"outputs"', '"exercise": "xor", "zzz": null, "": 0, "outputs"'
        ),
        None,
    )

    # ---------------------------------------------------------------- nesting and sizes
    add("deeply-nested-arrays-100000.json", "[" * 100_000, "JSON nested too deeply")
    add("deeply-nested-closed-arrays-20000.json", "[" * 20_000 + "]" * 20_000, "JSON nested too deeply")
    add("deeply-nested-objects-20000.json", '{"a":' * 20_000 + "1" + "}" * 20_000, "JSON nested too deeply")
    add("deeply-nested-in-neurons.json", raw_at("neurons", "[" * 50_000 + "]" * 50_000), "JSON nested too deeply")
    add(
        "neurons-100000-empty-objects.json",
        raw_at("neurons", "[" + ",".join(["{}"] * 100_000) + "]"),
        "too many neurons: 100000 (this version handles up to 10000)",
    )
    nodes = '{"format": "nn-designer", "version": 1, "inputs": [%s], "neurons": [%s], "connections": [], "outputs": []}'
    add("nodes-10001.json", nodes % (",".join(["{}"] * 5_001), ",".join(["{}"] * 5_000)), "too many nodes: 10001")

    # ---------------------------------------------------------------- odd but valid
    add(
        "ok-minimal-empty-network.json",
        '{"format":"nn-designer","version":1,"inputs":[],"neurons":[],"connections":[],"outputs":[]}',
        None,
    )
    variant("ok-no-outputs.json", put("outputs", []), None)
    variant("ok-no-positions.json", lambda d: [n.pop("position") for n in d["inputs"] + d["neurons"]], None)
    variant("ok-output-without-incoming-connection.json", lambda d: d.update(connections=d["connections"][:4]), None)
    variant(
        "ok-neuron-without-any-connection.json",
        lambda d: d["neurons"].append({"id": "lonely", "activation": "tanh"}),
        None,
    )
    variant(
        "ok-unicode-ids.json",
        lambda d: (
            d["inputs"][0].update(id="ξ₁ 🙂"),
            [c.update(source="ξ₁ 🙂") for c in d["connections"] if c["source"] == "x1"],
        ),
        None,
    )
    variant("ok-rtl-and-combining-label.json", put("neurons.0.label", "שלום e\u0301\u200d"), None)
    variant(
        "ok-frozen-everything.json",
        lambda d: [x.update(trainable=False) for x in d["neurons"] + d["connections"]],
        None,
    )
    variant(
        "ok-softmax-linear-outputs.json",
        lambda d: (d.update(softmax=True), d["neurons"][2].update(activation="linear")),
        None,
    )
    variant(
        "ok-id-max-length.json",
        lambda d: (
            d["neurons"][0].update(id="h" * 10_000),
            [c.update(source="h" * 10_000) for c in d["connections"] if c["source"] == "h1"],
            [c.update(target="h" * 10_000) for c in d["connections"] if c["target"] == "h1"],
        ),
        None,
    )

    # ------------------------------------------ round 2 (issue 12): text that looks like markup, far positions
    for name, value in MARKUP.items():
        variant(f"ok-markup-label-{name}.json", put("neurons.0.label", value), None)
    variant("ok-markup-name-fake-verdict.json", put("name", MARKUP["fake-verdict"]), None)
    variant("ok-markup-description-huge-headings.json", put("description", "<h1>" * 20_000), None)
    variant(
        "duplicate-id-img-markup.json",
        lambda d: [n.update(id='<img src="/dev/zero">') for n in d["neurons"][:2]],
        "duplicate neuron id '<img src=\"/dev/zero\">'",
    )
    variant("position-1e300.json", put("neurons.2.position", [1e300, -1e300]), "is beyond ±1,000,000 canvas units")
    variant("position-1e12.json", put("neurons.2.position", [1e12, 60]), "node 'y': position [1e+12, 60] is beyond")
    variant("ok-position-20000.json", put("neurons.2.position", [20000, 20000]), None)


#: Labels a Qt widget would take for rich text: device and FIFO images, links, styles, entities, tags.
MARKUP: dict[str, str] = {
    "img-dev-zero": '<img src="/dev/zero">',
    "img-fifo": '<img src="/tmp/nn-designer-hostile-fifo">',
    "img-unc": '<img src="\\\\attacker.invalid\\share\\x.png">',
    "fake-verdict": '<h1>PASSED</h1><a href="https://attacker.invalid/">your grade</a>',
    "style": '<span style="font-size:4000px;color:red">x</span>',
    "entities": "&lt;b&gt; &amp;#x202e; &nbsp;",
    "unbalanced": "<b><i><table><tr><td>",
    "qt-prefix": "<qt>rich",
}


def build_version_2() -> None:
    """Feature nodes and the training section (format version 2) gone wrong."""

    def with_feature(expression: Any, **more: Any) -> Callable[[dict[str, Any]], None]:
        def change(doc: dict[str, Any]) -> None:
            doc["version"] = 2
            doc["features"] = [{"id": "f1", "expression": expression, **more}]
            doc["connections"].append({"source": "f1", "target": "h1", "weight": 1})

        return change

    def with_training(**settings: Any) -> Callable[[dict[str, Any]], None]:
        def change(doc: dict[str, Any]) -> None:
            doc["version"] = 2
            doc["training"] = settings

        return change

    variant("v2-feature-python-call.json", with_feature("__import__('os').system('true')"), "feature 'f1'")
    variant("v2-feature-attribute.json", with_feature("x1.real"), "an attribute (.) is not allowed")
    variant("v2-feature-unknown-input.json", with_feature("x3^2"), "unknown name 'x3'")
    variant("v2-feature-huge-power.json", with_feature("x1^1000"), "a power must be a whole number")
    variant("v2-feature-too-long.json", with_feature("x1+" * 100 + "1"), "feature too long")
    variant("v2-feature-too-deep.json", with_feature("sin(" * 30 + "x1" + ")" * 30), "nested too deeply")
    variant("v2-feature-expression-number.json", with_feature(2), "features[0].expression: expected a string")
    variant("v2-feature-no-expression.json", with_feature(None), "features[0].expression: expected a string")
    variant(
        "v2-feature-as-target.json",
        lambda d: (with_feature("x1^2")(d), d["connections"].append({"source": "h1", "target": "f1", "weight": 1})),
        "a feature is computed from the inputs",
    )
    variant(
        "v2-feature-shares-input-id.json",
        lambda d: (with_feature("x1^2")(d), d["features"][0].update(id="x2")),
        "used by a feature and an input",
    )
    variant(
        "v2-features-object.json", lambda d: (d.update(version=2), d.update(features={})), '"features": expected a list'
    )
    variant(
        "v2-training-list.json", lambda d: (d.update(version=2), d.update(training=[])), "training: expected an object"
    )
    variant("v2-training-noise-string.json", with_training(noise="10%"), "training.noise: expected a number")
    variant("v2-training-noise-high.json", with_training(noise=0.9), "training.noise: expected a number from 0 to 0.5")
    variant("v2-training-lr-zero.json", with_training(learning_rate=0), "training.learning_rate")
    variant("v2-training-epochs-huge.json", with_training(epochs=10**30), "training.epochs: expected a whole number")
    variant("v2-training-loss-unknown.json", with_training(loss="hinge"), "unknown loss 'hinge'")
    variant("v2-training-both-sources.json", with_training(dataset="xor", data={}), 'give either "dataset" or "data"')
    variant(
        "v2-training-data-ragged.json",
        with_training(data={"columns": ["x1", "x2", "y"], "rows": [[0, 0, 0], [1, 1]]}),
        "training.data.rows[1]: expected a list of 3 numbers",
    )
    variant(
        "v2-training-data-nan.json",
        with_training(data={"columns": ["x1", "x2", "y"], "rows": [[0, 0, 1e400]]}),
        "is not a finite number",
    )
    variant(
        "v2-training-data-too-big.json",
        with_training(data={"columns": [f"c{i}" for i in range(1000)], "rows": [[0]] * 101}),
        "too much embedded data",
    )
    variant("v2-training-views-number.json", with_training(views=3), "training.views: expected a list")
    variant(
        "ok-v2-features-and-training.json",
        lambda d: (
            with_feature("x1^2 + sin(x2)", label="x₁² + sin x₂")(d),
            with_training(dataset="circle", epochs=5)(d),
        ),
        None,
    )
    variant("ok-v1-unknown-training-key.json", put("training", {"anything": [1, 2]}), None)


def main() -> None:
    build()
    build_version_2()
    for old in HERE.iterdir():
        if old.name not in ("make_corpus.py", "README.md") and not old.name.startswith("."):
            old.unlink()
    for name, data in FILES.items():
        (HERE / name).write_bytes(data)
    (HERE / "expected.json").write_text(json.dumps(EXPECTED, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    total = sum(len(d) for d in FILES.values())
    print(f"{len(FILES)} files, {total / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
