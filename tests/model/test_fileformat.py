"""File format v1: canonical round trip, strict reading, one-line errors, atomic saves."""

import json
import math
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from designer.model import FormatError, dumps, load, loads, save
from designer.model.fileformat import FORMAT_VERSION, MIGRATIONS, to_document
from tests.conftest import EXAMPLES
from tests.netgen import random_dag

XOR = EXAMPLES / "xor-step.json"


def _doc() -> dict:
    return json.loads(XOR.read_text(encoding="utf-8"))


def test_documented_example_loads_and_saves_canonically():
    text = XOR.read_text(encoding="utf-8")
    net = load(XOR)
    assert net.name == "XOR from step units"
    assert net.inputs["x1"].label == "x₁"
    assert dumps(net) == text


finite = st.floats(allow_nan=False, allow_infinity=False, width=64)
labels = st.one_of(st.none(), st.text(min_size=1, max_size=20))


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    weights=st.lists(finite, min_size=1, max_size=40),
    name=st.text(max_size=30),
    label=labels,
    frozen=st.booleans(),
    softmax=st.booleans(),
    extra=st.dictionaries(st.sampled_from(["notes", "view", "exercise"]), st.integers() | st.text()),
)
def test_round_trip_of_generated_networks(seed, weights, name, label, frozen, softmax, extra):
    net = random_dag(seed, n_hidden=seed % 7, n_outputs=1 + seed % 3, softmax=softmax)
    for i, c in enumerate(net.connections.values()):
        c.weight = weights[i % len(weights)]
        c.trainable = not (frozen and i % 2)
    first = next(iter(net.neurons.values()))
    first.label = label
    first.trainable = not frozen
    net.name = name
    net.extras = extra
    text = dumps(net)
    again = loads(text)
    assert again == net
    assert dumps(again) == text


def test_float_precision_round_trips():
    net = load(XOR)
    net.connections[("x1", "h1")].weight = 0.1 + 0.2
    net.neurons["h1"].bias = -1e-300
    again = loads(dumps(net))
    assert again.connections[("x1", "h1")].weight == 0.1 + 0.2
    assert again.neurons["h1"].bias == -1e-300


def test_neurons_and_connections_in_any_order_and_positions_optional():
    doc = _doc()
    doc["neurons"].reverse()
    doc["connections"].reverse()
    for item in doc["inputs"] + doc["neurons"]:
        del item["position"]
    net = loads(json.dumps(doc))
    assert net.neurons["y"].position[0] > net.neurons["h1"].position[0] > net.inputs["x1"].position[0]


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d.update(version=3), "made by a newer NN Designer (format version 3; this one reads up to 2)"),
        (lambda d: d.pop("format"), 'not an NN Designer network file (no "format": "nn-designer")'),
        (lambda d: d.pop("outputs"), 'missing required "outputs"'),
        (lambda d: d.update(version="1"), '"version": expected a whole number'),
        (lambda d: d["neurons"][0].update(bias="0.5"), "neurons[0].bias: expected a number, got a string"),
        (lambda d: d["neurons"][1].pop("activation"), 'neurons[1]: missing "activation"'),
        (lambda d: d["connections"][0].update(weight=None), "connections[0].weight: expected a number, got null"),
        (lambda d: d.update(name=5), "file.name: expected a string, got a number"),
        (lambda d: d["connections"][0].pop("weight"), 'connections[0]: missing "weight"'),
        (lambda d: d["connections"].append({"source": "x1", "target": "", "weight": 1}), "unknown target ''"),
        (lambda d: d["outputs"].append(5), "outputs[1]: expected a neuron id string, got a number"),
        (lambda d: d["connections"][0].pop("source"), 'connections[0]: missing "source"'),
        (lambda d: d["connections"][1].pop("target"), 'connections[1]: missing "target"'),
        (lambda d: d["inputs"][0].update(position=[1]), "inputs[0].position: expected [x, y] numbers"),
        (lambda d: d["inputs"][0].update(position=[True, 0]), "inputs[0].position: expected [x, y] numbers"),
        (lambda d: d["neurons"][0].update(position=[0, "1"]), "neurons[0].position: expected [x, y] numbers"),
        (lambda d: d.update(neurons={}), '"neurons": expected a list, got an object'),
        (lambda d: d["connections"].append({"source": "y", "target": "h1", "weight": 1}), "cycle: "),
        (lambda d: d["connections"].append({"source": "x1", "target": "zz", "weight": 1}), "unknown target 'zz'"),
        (lambda d: d["neurons"][0].update(activation="gelu"), "unknown activation 'gelu'"),
        (lambda d: d["outputs"].append("x1"), "output 'x1' is an input"),
        (lambda d: d["neurons"][0].update(trainable="no"), "neurons[0].trainable: expected true or false"),
    ],
)
def test_bad_documents_give_one_precise_line(mutate, message):
    doc = _doc()
    mutate(doc)
    with pytest.raises(FormatError) as info:
        loads(json.dumps(doc))
    text = str(info.value)
    assert message in text
    assert "\n" not in text


@pytest.mark.parametrize(("count", "more"), [(1, ""), (2, " (and 1 more problem)"), (3, " (and 2 more problems)")])
def test_the_first_problem_is_shown_with_how_many_more_there_are(count, more):
    doc = _doc()
    doc["connections"] += [{"source": "x1", "target": f"z{i}", "weight": 1} for i in range(count)]
    with pytest.raises(FormatError) as info:
        loads(json.dumps(doc))
    assert str(info.value) == f"connection x1 → z0: unknown target 'z0'{more}"


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "the file is empty"),
        (b'{"format": "nn-designer", "vers', "not valid JSON"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image, not a text file"),
        (b"PK\x03\x04\x14\x00\x00", "a ZIP archive"),
        (b"%PDF-1.7\n", "a PDF document, not a text file"),
        (b"hello", "not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"format": "nn-designer", "format": "x"}', "duplicate key 'format'"),
        (b"[1, 2]", "not an NN Designer network file"),
    ],
)
def test_unreadable_bytes(raw, message):
    with pytest.raises(FormatError, match=message):
        loads(raw)


def test_nan_and_huge_numbers_are_refused():
    text = XOR.read_text(encoding="utf-8")
    for bad in ("NaN", "Infinity", "1e400"):
        with pytest.raises(FormatError, match="not a finite number"):
            loads(text.replace('"bias": -1.5', f'"bias": {bad}'))


def test_an_integer_of_too_many_digits_is_named_with_its_place(tmp_path, capsys):
    """A bias of 5,000 digits (Python converts at most 4,300): the reason was Python's own words cut at 60
    characters in mid-word ("Exceeds the limit (4300 digits) for integer string conversi…"). A string of
    digits before it is no number and is passed over."""
    from designer.cli import main

    text = XOR.read_text(encoding="utf-8").replace('"bias": -1.5', '"bias": ' + "9" * 5_000)
    text = text.replace('"name": "XOR from step units"', '"name": "' + "1" * 5_000 + '"')
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if "9" * 5_000 in row)
    column = text.splitlines()[line - 1].index("9" * 5_000) + 1
    reason = f"not valid JSON: a number of 5,000 digits at line {line} column {column} (at most 4,300)"
    with pytest.raises(FormatError) as caught:
        loads(text)
    assert str(caught.value) == reason
    (tmp_path / "big.json").write_text(text, encoding="utf-8")
    assert main(["validate", str(tmp_path / "big.json")]) == 2
    assert capsys.readouterr().err == f"nn-designer: error: {tmp_path / 'big.json'}: {reason}\n"


def test_bom_is_accepted():
    assert loads(b"\xef\xbb\xbf" + XOR.read_bytes()).name == "XOR from step units"


def test_save_is_atomic_and_keeps_old_file_on_failure(tmp_path: Path, monkeypatch):
    target = tmp_path / "net.json"
    net = load(XOR)
    save(net, target)
    original = target.read_bytes()
    net.name = "changed"

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        save(net, target)
    assert target.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == ["net.json"]  # temp file cleaned up


def test_invalid_network_is_not_saved(tmp_path: Path):
    net = load(XOR)
    net.neurons["h1"].bias = math.nan
    with pytest.raises(FormatError, match="not saved"):
        save(net, tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists()


def test_every_older_version_has_a_migration():
    assert set(MIGRATIONS) == set(range(1, FORMAT_VERSION))


def test_migrations_run_in_order_for_older_versions(monkeypatch):
    """A file of the current version, read by a future one with two more versions, is migrated step by step."""
    from designer.model import fileformat

    seen = []
    text = json.dumps(to_document(load(XOR)))
    name = load(XOR).name

    def migrate(version, change):
        def step(doc):
            seen.append((version, doc["version"]))
            doc = {**doc, **change(doc)}
            return doc

        return step

    monkeypatch.setattr(fileformat, "FORMAT_VERSION", FORMAT_VERSION + 2)
    monkeypatch.setitem(MIGRATIONS, FORMAT_VERSION, migrate(FORMAT_VERSION, lambda d: {"name": d["name"] + " (v+1)"}))
    monkeypatch.setitem(
        MIGRATIONS, FORMAT_VERSION + 1, migrate(FORMAT_VERSION + 1, lambda d: {"name": d["name"] + " (v+2)"})
    )
    net = loads(text)
    assert seen == [(FORMAT_VERSION, FORMAT_VERSION), (FORMAT_VERSION + 1, FORMAT_VERSION)]
    assert net.name == name + " (v+1) (v+2)"


def test_versions_below_1_and_above_the_current_one_are_refused():
    doc = to_document(load(XOR))
    doc["version"] = 0
    with pytest.raises(FormatError, match="unknown format version 0"):
        loads(json.dumps(doc))
    doc["version"] = FORMAT_VERSION + 1
    with pytest.raises(FormatError, match="made by a newer NN Designer"):
        loads(json.dumps(doc))


def test_size_limits_refuse_quickly():
    doc = _doc()
    doc["neurons"] = [{"id": f"n{i}", "activation": "relu", "bias": 0} for i in range(100_000)]
    with pytest.raises(FormatError, match="too many neurons: 100000"):
        loads(json.dumps(doc))


def test_a_description_may_be_longer_than_a_name_up_to_its_own_limit():
    from designer.model.fileformat import MAX_DESCRIPTION, MAX_TEXT

    doc = _doc()
    doc["description"] = "d" * MAX_DESCRIPTION
    assert loads(json.dumps(doc)).description == "d" * MAX_DESCRIPTION
    doc["name"] = "n" * (MAX_TEXT + 1)
    with pytest.raises(FormatError, match=r"file\.name: text too long \(10001 characters, limit 10000\)"):
        loads(json.dumps(doc))


def test_a_feature_without_an_id_is_named():
    doc = _doc()
    doc["version"] = 2
    doc["features"] = [{"expression": "x1*x2"}]
    with pytest.raises(FormatError, match=r'features\[0\]: missing "id"'):
        loads(json.dumps(doc))


@pytest.mark.parametrize("far", [1e12, -1.797e308, 1_000_000.5])
@pytest.mark.parametrize("axis", [0, 1])
def test_a_node_beyond_the_canvas_is_refused_in_one_line_naming_it(far, axis):
    """A neuron at x = 1e12 hung the canvas's grid, one at 1.797e308 crashed its scroll bars."""
    doc = _doc()
    doc["neurons"][-1]["position"][axis] = far
    name = doc["neurons"][-1]["id"]
    with pytest.raises(FormatError, match=rf"^node '{name}': position \[.*\] is beyond ±1,000,000 canvas units$"):
        loads(json.dumps(doc))


def test_a_node_at_the_canvas_edge_loads_and_a_far_one_is_not_saved(tmp_path: Path):
    doc = _doc()
    doc["neurons"][-1]["position"] = [-1_000_000, 1_000_000.0]
    net = loads(json.dumps(doc))
    assert net.neurons[doc["neurons"][-1]["id"]].position == (-1_000_000, 1_000_000.0)
    net.inputs["x1"].position = (0.0, 2e6)
    with pytest.raises(FormatError, match="node 'x1': position \\[0, 2e\\+06\\] is beyond ±1,000,000 canvas units"):
        save(net, tmp_path / "x.json")


def test_nodes_laid_out_for_a_file_without_positions_stay_on_the_canvas():
    doc = {"format": "nn-designer", "version": 1, "inputs": [{"id": "x"}], "connections": [], "outputs": []}
    doc["neurons"] = [{"id": f"n{i}", "activation": "relu"} for i in range(6000)]
    doc["connections"] = [{"source": "x", "target": "n0", "weight": 1}]
    doc["connections"] += [{"source": f"n{i}", "target": f"n{i + 1}", "weight": 1} for i in range(5999)]
    net = loads(json.dumps(doc))
    assert max(n.position[0] for n in net.neurons.values()) == 1_000_000.0


@pytest.mark.parametrize(
    ("x", "shown"), [(1_000_001, "1000001"), (1_000_000.0000001, "1000000.0000001"), (-2e6, "-2e+06")]
)
def test_a_position_just_beyond_the_limit_is_shown_beyond_it(x, shown):
    """1000001 was reported as "position [1e+06, 0] is beyond ±1,000,000", which reads as within it."""
    doc = _doc()
    doc["neurons"][-1]["position"] = [x, 0]
    with pytest.raises(FormatError, match=rf"position \[{re.escape(shown)}, 0\] is beyond"):
        loads(json.dumps(doc))
