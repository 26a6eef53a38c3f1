"""Structured mutations of valid documents (hypothesis): the loader and CLI contracts hold for every one.

A mutation deletes, retypes, duplicates or inserts keys and values at random places, nests values deeply,
duplicates JSON keys, then maybe damages the bytes (truncation, flipped or inserted bytes, other encodings).
Deterministic (``derandomize=True``): CI runs the same cases every time. ``NN_DESIGNER_LONG=1`` adds a long,
randomised form (``pytest -m slow tests/reliability``).
"""

from __future__ import annotations

import copy
import json
import math
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designer.model.fileformat import to_document
from tests.conftest import EXAMPLES
from tests.netgen import layered, random_dag
from tests.reliability.helpers import check_loads, run_cli

LONG = os.environ.get("NN_DESIGNER_LONG") == "1"


def _bases() -> list[dict[str, Any]]:
    xor = json.loads((EXAMPLES / "xor-step.json").read_text(encoding="utf-8"))
    dag = random_dag(3, n_hidden=4, n_outputs=2, softmax=True)
    dag.extras = {"training": {"lr": 0.03, "epochs": [1, 2, {"a": None}]}, "exercise": "xor"}
    next(iter(dag.neurons.values())).trainable = False
    next(iter(dag.connections.values())).trainable = False
    no_positions = to_document(layered([2, 3, 1], ["relu", "sigmoid"]))
    for node in no_positions["inputs"] + no_positions["neurons"]:
        del node["position"]
    empty = {"format": "nn-designer", "version": 1, "inputs": [], "neurons": [], "connections": [], "outputs": []}
    return [xor, to_document(dag), no_positions, empty]


BASES = _bases()
KEYS = (
    "format",
    "version",
    "name",
    "description",
    "inputs",
    "neurons",
    "connections",
    "outputs",
    "softmax",
    "id",
    "label",
    "position",
    "activation",
    "bias",
    "trainable",
    "source",
    "target",
    "weight",
)
HOSTILE = (
    None,
    True,
    False,
    0,
    1,
    2,
    -1,
    10**30,
    -(10**400),
    10**4000,
    0.5,
    -0.0,
    1e308,
    5e-324,
    math.nan,
    math.inf,
    -math.inf,
    "",
    " ",
    "x1",
    "x2",
    "h1",
    "y",
    "linear",
    "sigmoid",
    "softplus",
    "nn-designer",
    "\ud800",
    "\x00\x1b[2J",
    "a\nb\u2028c",
    "é" * 10_001,
    '<img src="/dev/zero">',
    "<h1>PASSED</h1><a href='https://attacker.invalid'>x</a>",
    [],
    {},
    [0, 0],
    [1, 2, 3],
    {"id": "x1"},
    {"id": "y", "activation": "linear"},
    {"source": "x1", "target": "y", "weight": 1},
    {"source": "y", "target": "y", "weight": 1},
)
SCALARS = st.one_of(
    st.sampled_from(HOSTILE),
    st.sampled_from(KEYS),
    st.text(max_size=6),
    st.integers(),
    st.floats(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)


def fresh(draw: st.DrawFn) -> Any:
    """A drawn value the mutations may change in place (never one of the shared constants above)."""
    return copy.deepcopy(draw(VALUES))


class Pairs:
    """A JSON object written with duplicate keys (a dict cannot hold them)."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        self.pairs = pairs


def encode(value: Any) -> str:
    if isinstance(value, (dict, Pairs)):
        pairs = value.pairs if isinstance(value, Pairs) else value.items()
        return "{" + ", ".join(f"{json.dumps(k)}: {encode(v)}" for k, v in pairs) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(encode(v) for v in value) + "]"
    return json.dumps(value)  # NaN, Infinity, big integers as digits, "\ud800" as an escape


def _places(doc: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) of ``doc``, the document itself as (None, None)."""
    places: list[tuple[Any, Any]] = [(None, None)]
    stack = [doc]
    while stack:
        item = stack.pop()
        keys = list(item) if isinstance(item, dict) else range(len(item)) if isinstance(item, list) else []
        for key in keys:
            places.append((item, key))
            stack.append(item[key])
    return places


OPS = ("delete", "replace", "replace", "duplicate", "insert", "copy", "nest", "duplicate key", "swap")


@st.composite
def mutated_documents(draw: st.DrawFn) -> bytes:
    doc: Any = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 4))):
        places = _places(doc)
        parent, key = places[draw(st.integers(0, len(places) - 1))]
        target = doc if parent is None else parent[key]
        op = draw(st.sampled_from(OPS))
        if op == "delete" and parent is not None:
            del parent[key]
        elif op == "replace":
            value = fresh(draw)
            if parent is None:
                doc = value
            else:
                parent[key] = value
        elif op == "duplicate" and isinstance(target, list) and target:
            i = draw(st.integers(0, len(target) - 1))
            target.insert(draw(st.integers(0, len(target))), copy.deepcopy(target[i]))
        elif op == "insert" and isinstance(target, dict):
            target[draw(st.sampled_from(KEYS) | st.text(max_size=4))] = fresh(draw)
        elif op == "insert" and isinstance(target, list):
            target.insert(draw(st.integers(0, len(target))), fresh(draw))
        elif op == "copy" and parent is not None:
            other_parent, other_key = places[draw(st.integers(0, len(places) - 1))]
            if other_parent is not None:
                parent[key] = copy.deepcopy(other_parent[other_key])
        elif op == "nest" and parent is not None:
            depth = draw(st.sampled_from((1, 2, 99, 100, 101, 150)))
            value = target
            for _ in range(depth):
                value = [value] if draw(st.booleans()) else {"k": value}
            parent[key] = value
        elif op == "swap" and isinstance(target, list) and len(target) > 1:
            i, j = draw(st.integers(0, len(target) - 1)), draw(st.integers(0, len(target) - 1))
            target[i], target[j] = target[j], target[i]
        elif op == "duplicate key" and isinstance(target, dict) and target:
            pairs = list(target.items())
            k, v = pairs[draw(st.integers(0, len(pairs) - 1))]
            pairs.insert(draw(st.integers(0, len(pairs))), (k, copy.deepcopy(draw(VALUES | st.just(v)))))
            text = encode(Pairs(pairs))
            marker = f"@@pairs{id(target)}@@"
            if parent is None:
                return _damage(draw, text)
            parent[key] = marker
            return _damage(draw, encode(doc).replace(json.dumps(marker), text))
    return _damage(draw, encode(doc))


def _damage(draw: st.DrawFn, text: str) -> bytes:
    how = draw(st.sampled_from(("none", "none", "none", "truncate", "flip", "insert", "cut", "utf-16", "bom", "raw")))
    data = text.encode("utf-8")
    if how == "raw":  # not escaped: raw UTF-8, surrogates as (invalid) UTF-8 bytes
        data = json.loads(json.dumps(text)).encode("utf-8", "surrogatepass")
    elif how == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif how == "flip" and data:
        i = draw(st.integers(0, len(data) - 1))
        data = data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1 :]
    elif how == "insert":
        i = draw(st.integers(0, len(data)))
        data = data[:i] + draw(st.binary(min_size=1, max_size=4)) + data[i:]
    elif how == "cut" and data:
        i = draw(st.integers(0, len(data) - 1))
        data = data[:i] + data[i + draw(st.integers(1, 20)) :]
    elif how == "utf-16":
        data = text.encode("utf-16", "surrogatepass")
    elif how == "bom":
        data = b"\xef\xbb\xbf" + data
    return data


def _settings(examples: int, *checks: HealthCheck, derandomize: bool = True):
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=derandomize,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, *checks],
    )


@_settings(1500)
@given(data=mutated_documents())
def test_loader_on_mutated_documents(data):
    check_loads(data, kind="loader (mutations)")


@pytest.mark.slow
@pytest.mark.skipif(not LONG, reason="long form: set NN_DESIGNER_LONG=1")
@_settings(50_000, derandomize=False)
@given(data=mutated_documents())
def test_loader_on_mutated_documents_long(data):
    check_loads(data, kind="loader (mutations, long)")


@_settings(300)
@given(data=st.binary(max_size=400))
def test_loader_on_random_bytes(data):
    check_loads(data, kind="loader (random bytes)")


@_settings(200)
@given(value=VALUES)
def test_loader_on_random_json(value):
    check_loads(encode(value).encode(), kind="loader (random JSON)")


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "data.csv").write_text("x1,x2,y,y1,y2\n0,0,0,0,1\n1,1,1,1,0\n", encoding="utf-8")
    return folder


@_settings(300, HealthCheck.function_scoped_fixture)  # capsys is read after every example; the files are rewritten
@given(data=mutated_documents(), command=st.sampled_from(("validate", "eval", "grad", "train")))
def test_cli_on_mutated_documents(data, command, fuzz_dir, capsys):
    net = fuzz_dir / "net.json"
    out = fuzz_dir / "out.json"
    net.write_bytes(data)
    out.unlink(missing_ok=True)
    argv = {
        "validate": ["validate", str(net)],
        "eval": ["eval", str(net), "--points", "0,0;1,1"],
        "grad": ["grad", str(net), "--csv", str(fuzz_dir / "data.csv"), "--loss", "sse"],
        "train": ["train", str(net), "--csv", str(fuzz_dir / "data.csv"), "--epochs", "2", "-o", str(out)],
    }[command]
    code, _, _ = run_cli(capsys, argv, kind="cli in-process (mutations)")
    if command == "train" and code != 2:
        check_loads(out.read_bytes())  # what train writes always loads again
