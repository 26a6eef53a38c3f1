"""The hostile file corpus (tests/data/hostile/) and the size limits, through the loader and every CLI subcommand.

Loader: a valid network that round-trips, or a one-line FormatError naming the fault, never another exception.
CLI (validate, eval, grad, train): exit 2 with exactly one ``nn-designer: error:`` line, no traceback.
"""

from __future__ import annotations

import json

import pytest

import designer.model.fileformat as fileformat
import designer.model.safefile as safefile
from designer.model import FormatError, Network, load, loads
from designer.model.fileformat import MAX_CONNECTIONS, MAX_FILE_BYTES, MAX_NODES, MAX_TEXT
from tests.conftest import ROOT
from tests.reliability.helpers import CASES, check_loads, check_one_line, run_cli

CORPUS = ROOT / "tests" / "data" / "hostile"
EXPECTED: dict[str, str | None] = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
COMMANDS = ("validate", "eval", "grad", "train")


def test_corpus_is_complete_and_small():
    files = {p.name for p in CORPUS.iterdir() if p.name not in ("expected.json", "make_corpus.py", "README.md")}
    assert files == set(EXPECTED)
    assert len(files) >= 150
    assert sum((CORPUS / name).stat().st_size for name in files) < 2_000_000
    assert sum(v is None for v in EXPECTED.values()) >= 15  # odd but valid files must keep loading


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_loader_on_corpus(name):
    result = check_loads((CORPUS / name).read_bytes())
    want = EXPECTED[name]
    if want is None:
        assert isinstance(result, Network), result
    else:
        assert isinstance(result, str), f"loaded, but should be refused with {want!r}"
        assert want in result


@pytest.fixture(scope="module")
def data_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("data") / "data.csv"
    path.write_text("x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n", encoding="utf-8")
    return str(path)


def _argv(command: str, net: str, data: str, out: str) -> list[str]:
    return {
        "validate": ["validate", net],
        "eval": ["eval", net, "--points", "0,0;1,1"],
        "grad": ["grad", net, "--csv", data, "--loss", "mse"],
        "train": ["train", net, "--csv", data, "--epochs", "3", "-o", out],
    }[command]


NO_OUTPUT_NOTE = (
    "nn-designer: note: the network has no output neuron: eval, grad, train and the PyTorch export need one\n"
)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cli_on_corpus(name, command, capsys, tmp_path, data_csv):
    out = tmp_path / "out.json"
    code, stdout, err = run_cli(capsys, _argv(command, str(CORPUS / name), data_csv, str(out)))
    want = EXPECTED[name]
    if want is None:
        if command == "validate":  # valid: ok (a network without outputs gets a note that eval etc. need one)
            assert (code, stdout) == (0, "ok\n") and err in ("", NO_OUTPUT_NOTE)
        return  # eval/grad/train may refuse valid-but-odd networks (no outputs, no inputs): run_cli checked how
    assert code == 2
    assert want in err
    assert not out.exists(), "a refused file must not produce an output file"


# --------------------------------------------------------------------------- size limits
@pytest.fixture
def construction_counter(monkeypatch):
    """Counts nodes and connections the loader builds and validations it runs."""
    counts = {"nodes": 0, "connections": 0, "validate": 0, "json": 0}

    def counting(cls, key):
        def make(*args, **kwargs):
            counts[key] += 1
            return cls(*args, **kwargs)

        return make

    monkeypatch.setattr(fileformat, "Neuron", counting(fileformat.Neuron, "nodes"))
    monkeypatch.setattr(fileformat, "InputNode", counting(fileformat.InputNode, "nodes"))
    monkeypatch.setattr(fileformat, "Connection", counting(fileformat.Connection, "connections"))
    monkeypatch.setattr(fileformat, "validate", counting(fileformat.validate, "validate"))
    real_loads = json.loads
    monkeypatch.setattr(
        json, "loads", lambda *a, **k: counts.__setitem__("json", counts["json"] + 1) or real_loads(*a, **k)
    )
    return counts


def _doc(**changes) -> dict:
    doc = {"format": "nn-designer", "version": 1, "inputs": [], "neurons": [], "connections": [], "outputs": []}
    doc.update(changes)
    return doc


def _refused(data: bytes | str, fragment: str) -> str:
    CASES["loader (limits)"] += 1
    with pytest.raises(FormatError) as info:
        loads(data)
    message = str(info.value)
    check_one_line(message)
    assert fragment in message
    return message


def test_100000_neurons_are_refused_before_any_is_built(construction_counter):
    neurons = [{"id": f"n{i}", "activation": "relu", "bias": 0.5, "position": [i, 0]} for i in range(100_000)]
    data = json.dumps(_doc(neurons=neurons)).encode()
    assert len(data) < MAX_FILE_BYTES
    _refused(data, f"too many neurons: 100000 (this version handles up to {MAX_NODES})")
    assert construction_counter["nodes"] == 0 and construction_counter["validate"] == 0


def test_inputs_and_neurons_together_over_the_node_limit(construction_counter):
    half = MAX_NODES // 2 + 1
    doc = _doc(inputs=[{"id": f"i{i}"} for i in range(half)], neurons=[{"id": f"n{i}"} for i in range(half)])
    _refused(json.dumps(doc), f"too many nodes: {2 * half} (limit {MAX_NODES})")
    assert construction_counter["nodes"] == 0


def test_connections_over_the_limit_are_refused_before_any_is_built(construction_counter):
    connections = [{"source": "x", "target": "y", "weight": 1}] * (MAX_CONNECTIONS + 1)
    _refused(json.dumps(_doc(connections=connections)), f"too many connections: {MAX_CONNECTIONS + 1}")
    assert construction_counter["connections"] == 0 and construction_counter["nodes"] == 0


def test_40_mb_file_is_refused_from_its_size_without_reading_it(tmp_path, monkeypatch, construction_counter, capsys):
    path = tmp_path / "big.json"
    with open(path, "wb") as handle:
        handle.truncate(40 * 1024 * 1024)  # sparse: nothing is written, the size is what counts
    reads = []
    real_read = safefile.os.read
    monkeypatch.setattr(safefile.os, "read", lambda fd, n: reads.append(fd) or real_read(fd, n))
    with pytest.raises(FormatError, match=f"file too large: 41943040 bytes \\(limit {MAX_FILE_BYTES}\\)"):
        load(path)
    code, _, err = run_cli(capsys, ["validate", str(path)])
    assert code == 2 and "file too large" in err
    assert reads == [] and construction_counter["json"] == 0


def test_40_mb_of_bytes_are_refused_before_decoding(construction_counter):
    data = b'{"format": "nn-designer", "version": 1, "name": "' + b"a" * (40 * 1024 * 1024) + b'"}'
    _refused(data, f"file too large: {len(data)} bytes (limit {MAX_FILE_BYTES})")
    _refused(data.decode(), "file too large")
    assert construction_counter["json"] == 0


def test_50_mb_string_in_a_file_is_refused(tmp_path, construction_counter, capsys):
    path = tmp_path / "long-string.json"
    with open(path, "wb") as handle:
        handle.write(b'{"format": "nn-designer", "version": 1, "name": "')
        chunk = b"x" * (1 << 20)
        for _ in range(50):
            handle.write(chunk)
        handle.write(b'", "inputs": [], "neurons": [], "connections": [], "outputs": []}')
    for command in ("validate", "eval"):
        code, _, err = run_cli(capsys, _argv(command, str(path), "unused.csv", str(tmp_path / "o.json")))
        assert code == 2 and "file too large" in err
    assert construction_counter["json"] == 0


def test_20_mb_name_under_the_file_limit_is_refused_as_too_long(construction_counter):
    data = json.dumps(_doc(name="n" * 20_000_000, neurons=[{"id": "y", "activation": "relu"}]))
    _refused(data, f"file.name: text too long (20000000 characters, limit {MAX_TEXT})")
    assert construction_counter["nodes"] == 0


def test_exactly_the_node_limit_still_loads():
    neurons = [{"id": f"n{i}", "activation": "linear"} for i in range(MAX_NODES - 1)]
    result = check_loads(json.dumps(_doc(inputs=[{"id": "x"}], neurons=neurons, outputs=["n0"])))
    assert isinstance(result, Network) and len(result.neurons) == MAX_NODES - 1


def test_valid_file_whose_skip_connections_would_need_gigabytes_is_refused_by_the_engine(tmp_path, capsys):
    # 9,999 neurons in a chain, each also fed by the input: ~10^8 dense weight slots (> 2 GB per array)
    n = MAX_NODES - 1
    neurons = [{"id": f"n{i}", "activation": "linear"} for i in range(n)]
    chain = [{"source": "x" if i == 0 else f"n{i - 1}", "target": f"n{i}", "weight": 1} for i in range(n)]
    skips = [{"source": "x", "target": f"n{i}", "weight": 0.5} for i in range(1, n)]
    path = tmp_path / "chain.json"
    path.write_text(
        json.dumps(_doc(inputs=[{"id": "x"}], neurons=neurons, connections=chain + skips, outputs=[f"n{n - 1}"]))
    )
    assert isinstance(check_loads(path.read_bytes()), Network)  # a valid file...
    data = tmp_path / "x.csv"
    data.write_text("x\n1\n")
    code, _, err = run_cli(capsys, ["eval", str(path), "--csv", str(data)])
    assert code == 2 and "network too large for the engine" in err  # ...that the engine refuses instead of hanging
    # a point typed on the command line is evaluated neuron by neuron, which needs no weight matrix:
    # n0 = x = 1, then each neuron adds 0.5·x, so the last one is 1 + 0.5 · 9,998
    code, out, _ = run_cli(capsys, ["eval", str(path), "--points", "1"])
    assert code == 0 and out.splitlines()[1] == "1.0,5000.0"
