"""Hostile CSV data, --points and options for eval, grad and train: exit 2 and one line, or a sane result."""

from __future__ import annotations

import json
import random

import pytest

from designer.model import load
from tests.conftest import EXAMPLES
from tests.reliability.helpers import run_cli, with_activation

XOR = str(EXAMPLES / "xor-step.json")
GOOD = "x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n"
_rng = random.Random(8)

#: name -> (CSV content, expected: one fragment of the error for every command, or a dict per command;
#: None means exit 0 with a result).
CSV_CASES: dict[str, tuple[bytes | str, str | dict[str, str | None] | None]] = {
    "good": (GOOD, None),
    "empty": ("", "the CSV file is empty"),
    "blank-lines": ("\n\n \n", "the CSV file is empty"),
    "header-only": ("x1,x2,y\n", "no data rows"),
    "no-header-just-numbers": ("0,0,0\n1,1,0\n", "CSV header lacks columns x1, x2"),
    "semicolons": ("x1;x2;y\n0;0;0\n", "CSV header lacks columns x1, x2"),
    "missing-target-column": (
        "x1,x2\n0,0\n",
        {"eval": None, "grad": "CSV header lacks column y", "train": "lacks column y"},
    ),
    "missing-input-column": ("x1,y\n0,0\n", "CSV header lacks column x2"),
    "non-numeric": ("x1,x2,y\n0,zero,0\n", "CSV line 2, column x2: not a number: 'zero'"),
    "fraction-text": ("x1,x2,y\n1/2,0,0\n", "not a number: '1/2'"),
    "empty-cell": ("x1,x2,y\n0,,0\n", "CSV line 2, column x2: not a number: ''"),
    "nan": ("x1,x2,y\n0,nan,0\n", "CSV contains a non-finite number"),
    "inf": ("x1,x2,y\ninf,0,0\n", "CSV contains a non-finite number"),
    "minus-1e400": ("x1,x2,y\n-1e400,0,0\n", "CSV contains a non-finite number"),
    "nan-target-only": ("x1,x2,y\n0,0,NaN\n", {"eval": None, "grad": "non-finite", "train": "non-finite"}),
    "ragged-short": ("x1,x2,y\n0,0,0\n1,1\n", "CSV line 3: 2 fields, header has 3"),
    "ragged-long": ("x1,x2,y\n0,0,0,0\n", "CSV line 2: 4 fields, header has 3"),
    "unterminated-quote": ('x1,x2,y\n"0,0,0\n1,1,0\n', "fields, header has 3"),
    "field-over-csv-limit": ("x1,x2,y\n" + "1" * 200_000 + ",0,0\n", "unreadable CSV: field larger than field limit"),
    "huge-header-missing-columns": (",".join(f"c{i}" for i in range(50_000)) + "\n", "CSV header lacks columns x1, x2"),
    "binary": (bytes(_rng.randrange(256) for _ in range(500)), "not UTF-8 text"),
    "utf-16": (GOOD.encode("utf-16"), "UTF-16 text: save it as UTF-8"),
    "nul-bytes": ("x1,x2,y\n0,\x000,0\n", "not a number"),
    "utf8-bom": (b"\xef\xbb\xbf" + GOOD.encode(), None),
    "crlf": (GOOD.replace("\n", "\r\n"), None),
    "quoted-numbers-and-spaces": ('x1 , x2,y\n" 0 ",0, 1 \n1,1,0\n', None),
    "columns-reordered-and-extra": ("y,junk,x2,x1\n0,abc,0,0\n1,def,1,0\n", None),
    "duplicate-column": ("x1,x1,x2,y\n0,5,0,0\n", None),
    # round 2 (issue 12): the app's number rules (ASCII digits, no separators), the line cap
    "arabic-indic-digits": ("x1,x2,y\n\u0661,0,0\n", "CSV line 2, column x1: not a number: '\u0661'"),
    "full-width-digits": ("x1,x2,y\n0,\uff11,0\n", "CSV line 2, column x2: not a number: '\uff11'"),
    "underscore-thousands": ("x1,x2,y\n1_000,0,0\n", "not a number: '1_000'"),
    "hex": ("x1,x2,y\n0x10,0,0\n", "not a number: '0x10'"),
    "superscript-digit": ("x1,x2,y\n\u00b2,0,0\n", "not a number"),
    "infinity-word": ("x1,x2,y\n0,Infinity,0\n", "CSV contains a non-finite number (nan or inf): line 2, column x2"),
    "nan-after-blank-lines": ("x1,x2,y\n0,0,0\n\n\n0,nan,0\n", "line 5, column x2"),
    "line-over-1-mib": ("x1,x2,y\n" + "0," * 600_000 + "0\n", "CSV line 2 is longer than 1,048,576 characters"),
    "unicode-minus-and-exponents": ("x1,x2,y\n\u22121,+1e-3,1E0\n\u00a00\u00a0,\t1\t,0\n", None),
    "huge-finite-values": (
        "x1,x2,y\n1e300,1e300,1e300\n",
        {"eval": None, "grad": "the loss or a gradient is not a finite number", "train": None},
    ),
}


@pytest.fixture(scope="module")
def sigmoid_net(tmp_path_factory):
    """XOR with sigmoid units, so that gradients are not all zero."""
    return with_activation(tmp_path_factory, "sigmoid")


def _argv(command: str, net: str, data: str, out: str) -> list[str]:
    return {
        "eval": ["eval", net, "--csv", data],
        "grad": ["grad", net, "--csv", data, "--loss", "mse"],
        "train": ["train", net, "--csv", data, "--epochs", "5", "--lr", "0.5", "-o", out],
    }[command]


@pytest.mark.parametrize("command", ["eval", "grad", "train"])
@pytest.mark.parametrize("case", sorted(CSV_CASES))
def test_hostile_csv(case, command, capsys, tmp_path, sigmoid_net):
    content, expected = CSV_CASES[case]
    want = expected.get(command) if isinstance(expected, dict) else expected
    data = tmp_path / "data.csv"
    data.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    out = tmp_path / "out.json"
    code, stdout, err = run_cli(capsys, _argv(command, sigmoid_net, str(data), str(out)), kind="cli in-process (CSV)")
    if want is not None:
        assert code == 2 and want in err
        assert not out.exists()
        return
    assert code in (0, 1) and (code == 0 or "diverged" in err)
    if command == "eval":
        rows = stdout.splitlines()
        assert rows[0] == "x1,x2,y" and len(rows) >= 2
    elif command == "grad":
        assert set(json.loads(stdout)) == {"loss", "connections", "biases"}
    else:
        assert load(out) is not None  # written, valid, finite


def test_hostile_csv_paths(capsys, tmp_path):
    for path, fragment in ((tmp_path, "is a folder, not a file"), (tmp_path / "missing.csv", "no such file")):
        code, _, err = run_cli(capsys, ["eval", XOR, "--csv", str(path)], kind="cli in-process (CSV)")
        assert code == 2 and fragment in err
    big = tmp_path / "big.csv"
    with open(big, "wb") as handle:
        handle.truncate(40 * 1024 * 1024)
    code, _, err = run_cli(capsys, ["grad", XOR, "--csv", str(big), "--loss", "mse"], kind="cli in-process (CSV)")
    assert code == 2 and "file too large" in err


POINTS = {
    "": "no points given",
    ";;": "no points given",
    "a,b": "is not comma-separated numbers",
    "1": "needs 2 finite numbers",
    "1,2,3": "needs 2 finite numbers",
    "nan,0": "needs 2 finite numbers",
    "1e400,0": "needs 2 finite numbers",
    "0,0;1": "point 2 needs 2 finite numbers",
    "1/2,0": "is not comma-separated numbers",
    "0\n,1": None,
    " 0 , 1 ;": None,
}


@pytest.mark.parametrize("points", sorted(POINTS))
def test_hostile_points(points, capsys):
    code, out, err = run_cli(capsys, ["eval", XOR, "--points", points], kind="cli in-process (options)")
    if POINTS[points] is None:
        assert code == 0 and out.splitlines()[1] == "0.0,1.0,1.0"
    else:
        assert code == 2 and POINTS[points] in err


TRAIN = ["train", XOR, "--dataset", "xor", "--epochs", "2"]
OPTIONS = {
    "lr-inf": (["--lr", "1e309"], "--lr must be a positive number"),
    "lr-nan": (["--lr", "nan"], "--lr must be a positive number"),
    "lr-negative": (["--lr", "-1"], "--lr must be a positive number"),
    "lr-text": (["--lr", "fast"], "invalid float value"),
    "epochs-negative": (["--epochs", "-1"], "--epochs must be 0 to 10,000,000, got -1"),
    "epochs-billion": (["--epochs", "1000000000"], "--epochs must be 0 to 10,000,000, got 1000000000"),
    "batch-zero": (["--batch-size", "0"], "--batch-size must be at least 1"),
    "seed-negative": (["--seed", "-1"], "--seed: must be 0 to 4,294,967,295, got -1"),
    "seed-2-to-32": (["--seed", "4294967296"], "--seed: must be 0 to 4,294,967,295, got 4294967296"),
    "seed-huge": (["--seed", "99999999999999999999"], "--seed: must be 0 to 4,294,967,295, got 9999"),
    "lr-beyond-files": (["--lr", "1e7"], "--lr must be a positive number, at most 1,000,000, got 1e+07"),
    "points-zero": (["--points", "0"], "--points: must be 1 to 1,000,000"),
    "points-negative": (["--points", "-5"], "--points: must be 1 to 1,000,000"),
    "points-billion": (["--points", "1000000000"], "--points: must be 1 to 1,000,000"),
    "l2-inf": (["--l2", "inf"], "--l2: must be a number from 0 to 1,000,000, got inf"),
    "l1-nan": (["--l1", "nan"], "--l1: must be a number from 0 to 1,000,000, got nan"),
    "l2-negative": (["--l2", "-0.1"], "--l2: must be a number from 0 to 1,000,000"),
    "l2-beyond-files": (["--l2", "2e6"], "--l2: must be a number from 0 to 1,000,000, got 2e6"),
    "l1-beyond-files": (["--l1", "1e300"], "--l1: must be a number from 0 to 1,000,000, got 1e300"),
    "noise-too-big": (["--noise", "2"], "noise must be 0-0.5"),
    "train-ratio-zero": (["--train-ratio", "0"], "must be in (0, 1]"),
    "loss-unknown": (["--loss", "hinge"], "invalid choice: 'hinge'"),
    "loss-with-newline": (["--loss", "a\nb\x1b[2J"], "invalid choice"),
    "dataset-shape": (["--dataset", "sin"], "dataset 'sin' has 1 input(s)"),
}


@pytest.mark.parametrize("case", sorted(OPTIONS))
def test_hostile_train_options(case, capsys, tmp_path):
    extra, fragment = OPTIONS[case]
    argv = [*TRAIN, *extra, "-o", str(tmp_path / "o.json")]
    if case == "dataset-shape":
        argv.remove("xor")
        argv.remove("--dataset")
    code, _, err = run_cli(capsys, argv, kind="cli in-process (options)")
    assert code == 2 and fragment in err
    assert not (tmp_path / "o.json").exists()


def test_no_training_points_names_the_files_setting_when_no_option_was_given(capsys, tmp_path):
    """The file says points 1 (train_ratio 0.5 by default): no --train-ratio was given, so none is named."""
    doc = json.loads((EXAMPLES / "xor-step.json").read_text(encoding="utf-8"))
    doc["version"], doc["training"] = 2, {"dataset": "spiral", "points": 1, "epochs": 3}
    net = tmp_path / "one-point.json"
    net.write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / "o.json"
    code, _, err = run_cli(capsys, ["train", str(net), "-o", str(out)], kind="cli in-process (options)")
    assert code == 2 and err.count("\n") == 1 and "--train-ratio leaves" not in err
    assert f"{net}: training: train_ratio 0.5 of 1 point leaves no training points" in err
    code, _, err = run_cli(capsys, ["train", str(net), "--train-ratio", "0.1", "-o", str(out)], kind="cli in-process")
    assert code == 2 and "--train-ratio 0.1 leaves no training points (of 1)" in err
    assert not out.exists()


@pytest.mark.parametrize("where", ["missing-folder", "a-folder"])
def test_train_output_that_cannot_be_written_is_one_line(where, capsys, tmp_path):
    out = tmp_path / "no" / "such" / "folder" / "o.json" if where == "missing-folder" else tmp_path
    code, _, err = run_cli(capsys, [*TRAIN, "-o", str(out)], kind="cli in-process (options)")
    assert code == 2 and f"cannot write {out}" in err
