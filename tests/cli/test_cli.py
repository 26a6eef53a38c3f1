"""The CLI contract: outputs, exit codes 0/1/2, one line on stderr, no tracebacks."""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from designer.cli import main
from designer.model import dumps, load
from tests.conftest import EXAMPLES, ROOT

XOR = str(EXAMPLES / "xor-step.json")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_eval_points_prints_csv_with_full_precision(capsys):
    code, out, err = run(capsys, "eval", XOR, "--points", "0,0;0,1;1,0;1,1")
    assert code == 0 and err == ""
    assert out.splitlines() == ["x1,x2,y", "0.0,0.0,0.0", "0.0,1.0,1.0", "1.0,0.0,1.0", "1.0,1.0,0.0"]


@pytest.mark.parametrize("argv", [["--points", "-2,0;1,-3"], ["--points=-2,0;1,-3"], ["--points", "-.5,0;1,-3"]])
def test_eval_points_may_start_with_a_minus(capsys, argv):
    code, out, err = run(capsys, "eval", XOR, *argv)
    assert code == 0 and err == ""
    first = "-0.5" if "-.5" in argv[-1] else "-2.0"
    assert out.splitlines() == ["x1,x2,y", f"{first},0.0,0.0", "1.0,-3.0,0.0"]


def test_eval_points_still_refuses_a_missing_value_and_real_options(capsys):
    code, _, err = run(capsys, "eval", XOR, "--points", "--csv", "x.csv")
    assert code == 2 and "argument --points: expected one argument" in err
    code, _, err = run(capsys, "eval", XOR, "--points", "-2,0", "--bogus")
    assert code == 2 and "unrecognized arguments: --bogus" in err


@pytest.mark.parametrize("point", ["1_000,2", "\u0661,\u0662", "1,\uff12"])
def test_eval_points_are_plain_numbers_as_typed_elsewhere(capsys, point):
    """Python's float() read 1_000 and Arabic-Indic or full-width digits, which no number field takes."""
    code, out, err = run(capsys, "eval", XOR, "--points", point)
    assert code == 2 and out == "" and "is not comma-separated numbers" in err


def test_eval_csv_keeps_row_order_and_repr_floats(capsys, tmp_path):
    net = load(XOR)
    for n in net.neurons.values():
        n.activation = "sigmoid"
    from designer.model import save

    path = tmp_path / "sig.json"
    save(net, path)
    data = tmp_path / "in.csv"
    data.write_text("x2,x1\n0.1,0.3\n1,1\n")
    code, out, _ = run(capsys, "eval", str(path), "--csv", str(data))
    rows = out.splitlines()
    assert code == 0 and rows[0] == "x1,x2,y"
    x1, x2, y = (float(v) for v in rows[1].split(","))
    assert (x1, x2) == (0.3, 0.1)
    assert repr(y) == rows[1].split(",")[2]


def test_grad_json_matches_a_hand_computation(capsys, tmp_path):
    # one linear neuron y = w·x + b, sse on one point: dL/dw = 2(y - t)x, dL/db = 2(y - t)
    doc = {
        "format": "nn-designer",
        "version": 1,
        "inputs": [{"id": "x"}],
        "neurons": [{"id": "y", "activation": "linear", "bias": 0.5}],
        "connections": [{"source": "x", "target": "y", "weight": 2.0}],
        "outputs": ["y"],
    }
    net = tmp_path / "lin.json"
    net.write_text(json.dumps(doc))
    data = tmp_path / "d.csv"
    data.write_text("x,y\n3,1\n")
    code, out, _ = run(capsys, "grad", str(net), "--csv", str(data), "--loss", "sse")
    result = json.loads(out)
    assert code == 0
    assert result == {
        "loss": 30.25,
        "connections": [{"source": "x", "target": "y", "grad": 33.0}],
        "biases": {"y": 11.0},
    }


def test_validate_ok(capsys):
    assert run(capsys, "validate", XOR)[:2] == (0, "ok\n")


BAD_FILES = {
    "truncated.json": '{"format": "nn-designer", "version": 1, "inputs": [',
    "not-json.json": "this is not json",
    "wrong-types.json": '{"format": "nn-designer", "version": 1, "inputs": {}, "neurons": [], '
    '"connections": [], "outputs": []}',
    "newer.json": '{"format": "nn-designer", "version": 99, "inputs": [], "neurons": [], '
    '"connections": [], "outputs": []}',
    "nan.json": None,
    "cycle.json": None,
    "dangling.json": None,
}


def _bad_file(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    text = BAD_FILES[name]
    if text is None:
        doc = json.loads(Path(XOR).read_text(encoding="utf-8"))
        if name == "nan.json":
            doc["neurons"][0]["bias"] = float("nan")
        elif name == "cycle.json":
            doc["connections"].append({"source": "y", "target": "h1", "weight": 1})
        else:
            doc["connections"].append({"source": "ghost", "target": "y", "weight": 1})
        text = json.dumps(doc)
    path.write_text(text)
    return path


@pytest.mark.parametrize("name", BAD_FILES)
@pytest.mark.parametrize("command", ["validate", "eval", "grad", "train"])
def test_bad_files_exit_2_with_one_line(capsys, tmp_path, name, command):
    path = str(_bad_file(tmp_path, name))
    data = tmp_path / "d.csv"
    data.write_text("x1,x2,y\n0,0,0\n")
    extra = {
        "validate": [],
        "eval": ["--points", "0,0"],
        "grad": ["--csv", str(data), "--loss", "mse"],
        "train": ["--csv", str(data), "--epochs", "1", "-o", str(tmp_path / "out.json")],
    }[command]
    code, _, err = run(capsys, command, path, *extra)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("nn-designer: error: ")
    assert "Traceback" not in err
    assert not (tmp_path / "out.json").exists()


def test_train_on_dataset_writes_output_and_reports(capsys, tmp_path):
    from designer.model import save
    from tests.netgen import layered

    net = layered([2, 4, 1], ["tanh", "sigmoid"])

    src = tmp_path / "net.json"
    save(net, src)
    out_path = tmp_path / "trained.json"
    code, out, err = run(
        capsys,
        "train",
        str(src),
        "--dataset",
        "xor-quadrants",
        "--noise",
        "0",
        "--seed",
        "1",
        "--loss",
        "cross_entropy",
        "--optimizer",
        "adam",
        "--lr",
        "0.05",
        "--epochs",
        "150",
        "--batch-size",
        "10",
        "--randomize",
        "-o",
        str(out_path),
    )
    assert code == 0, err
    assert "train loss" in out and "test loss" in out and "accuracy" in out
    trained = load(out_path)
    assert trained.connections[("x1", "l1n1")].weight != net.connections[("x1", "l1n1")].weight
    acc = float(out.split("test loss")[1].split("accuracy")[1].strip().rstrip("%"))
    assert acc > 90


def test_train_in_place_overwrites_atomically(capsys, tmp_path):
    src = tmp_path / "net.json"
    src.write_text(Path(XOR).read_text(encoding="utf-8"))
    data = tmp_path / "d.csv"
    data.write_text("x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n")
    code, _, _ = run(capsys, "train", str(src), "--csv", str(data), "--epochs", "3", "-o", str(src))
    assert code == 0
    assert load(src).name == "XOR from step units"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.csv", "net.json"]


def train_on(capsys, tmp_path, network: dict, csv_text: str, *options: str) -> tuple[int, str, str]:
    """``nn-designer train`` on ``network`` (a file's document) and CSV data, output to o.json."""
    src = tmp_path / "net.json"
    src.write_text(json.dumps({"format": "nn-designer", "outputs": ["y"], **network}))
    data = tmp_path / "d.csv"
    data.write_text(csv_text)
    return run(capsys, "train", str(src), "--csv", str(data), *options, "-o", str(tmp_path / "o.json"))


def test_divergence_exit_1_and_finite_weights_written(capsys, tmp_path):
    network = {
        "version": 1,
        "inputs": [{"id": "x"}],
        "neurons": [{"id": "y", "activation": "linear", "bias": 0}],
        "connections": [{"source": "x", "target": "y", "weight": 1}],
    }
    options = ("--loss", "sse", "--lr", "10", "--epochs", "500")
    code, _, err = train_on(capsys, tmp_path, network, "x,y\n1000,1\n-2000,5\n", *options)
    assert code == 1 and "diverged" in err
    assert load(tmp_path / "o.json").connections[("x", "y")].weight < float("inf")


def test_divergence_from_a_feature_infinite_on_the_data_names_the_feature_not_the_learning_rate(capsys, tmp_path):
    """1/x1 at x1 = 0 makes every step NaN: "try a smaller learning rate" sent users the wrong way."""
    network = {
        "version": 2,
        "inputs": [{"id": "x1"}, {"id": "x2"}],
        "features": [{"id": "r", "expression": "1/x1"}],
        "neurons": [{"id": "y", "activation": "sigmoid", "bias": 0}],
        "connections": [{"source": "r", "target": "y", "weight": 0.5}, {"source": "x2", "target": "y", "weight": 1}],
    }
    csv_text = "x1,x2,y\n1,0,0\n0,1,1\n2,0,1\n"
    code, _, err = train_on(capsys, tmp_path, network, csv_text, "--train-ratio", "1", "--epochs", "5")
    assert code == 1 and err.count("\n") == 1
    assert "feature 1/x1 is not a finite number on training point" in err and "x1=0, x2=1" in err
    assert "learning rate" not in err


def test_validate_notes_a_network_without_outputs_that_the_other_commands_refuse(capsys, tmp_path):
    src = tmp_path / "noout.json"
    document = {"format": "nn-designer", "version": 1, "inputs": [{"id": "x"}]}
    document |= {"neurons": [{"id": "h", "activation": "tanh", "bias": 0}], "connections": [], "outputs": []}
    src.write_text(json.dumps(document))
    code, out, err = run(capsys, "validate", str(src))
    assert (code, out) == (0, "ok\n")  # a valid file (work in progress can be saved and opened)
    assert (
        err
        == "nn-designer: note: the network has no output neuron: eval, grad, train and the PyTorch export need one\n"
    )
    code, out, err = run(capsys, "validate", XOR)
    assert (code, out, err) == (0, "ok\n", "")


def test_every_subcommands_help_says_what_it_does_and_the_main_help_names_the_apps_options(capsys):
    from designer.cli import SUBCOMMANDS

    for command in SUBCOMMANDS:
        code, out, _ = run(capsys, command, "--help")
        assert code == 0 and out.split("\n\n")[1].strip(), command  # a description under the usage
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "--lesson" in out and "--exercise" in out and "Exit codes" in out


def test_data_writes_no_negative_zero(capsys):
    code, out, _ = run(capsys, "data", "spiral-3")
    assert code == 0 and "-0.0," not in out and ",0.0," in out


def test_unknown_option_is_one_line_exit_2(capsys):
    code, _, err = run(capsys, "eval", XOR, "--bogus")
    assert code == 2 and err.count("\n") == 1


def test_console_script_and_python_m_agree(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "designer", "eval", XOR, "--points", "1,1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0 and result.stdout.splitlines()[1] == "1.0,1.0,0.0"
    result = subprocess.run(
        [sys.executable, "-m", "designer", "validate", str(tmp_path / "missing.json")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().endswith("no such file: " + str(tmp_path / "missing.json"))


@pytest.mark.parametrize("target", ["2", "-0.5"])
@pytest.mark.parametrize("command", [["grad"], ["train", "--epochs", "1"]])
def test_cross_entropy_against_targets_outside_0_1_is_bad_input(capsys, tmp_path, command, target):
    """It gave a negative loss and exit 0 (a new user's CSV had a target of 2)."""
    data = tmp_path / "d.csv"
    data.write_text(f"x1,x2,y\n0,0,{target}\n1,1,0\n")
    out = ["-o", str(tmp_path / "t.json")] if command[0] == "train" else []
    code, stdout, err = run(capsys, *command, XOR, "--csv", str(data), "--loss", "cross_entropy", *out)
    assert code == 2 and stdout == "" and err.count("\n") == 1
    shown = target.replace("-", "−")  # numbers in messages use the minus sign
    assert f"cross-entropy needs targets between 0 and 1 (this data has {shown})" in err
    assert not (tmp_path / "t.json").exists()
    data.write_text("x1,x2,y\n0,0,1\n1,1,0\n")  # the same with targets that are probabilities
    assert run(capsys, *command, XOR, "--csv", str(data), "--loss", "cross_entropy", *out)[0] == 0


@pytest.mark.parametrize(
    ("field", "described"), [("weight", "the weight x1 → a1 = 1e+300"), ("bias", "the bias of a1")]
)
def test_train_float32_refuses_values_it_cannot_hold(capsys, tmp_path, field, described):
    """float32 made 1e300 infinite: the run ended in 'internal error (ValueError: Out of range float
    values…)' with nothing written."""
    net = load(EXAMPLES / "mlp-2-3-3-1.json")
    if field == "weight":
        net.connections[("x1", "a1")].weight = 1e300
    else:
        net.neurons["a1"].bias = -1e300
    path, out = tmp_path / "big.json", tmp_path / "out.json"
    path.write_text(dumps(net), encoding="utf-8")
    argv = ["train", str(path), "--dataset", "xor", "--epochs", "1", "-o", str(out)]
    code, _, err = run(capsys, *argv, "--dtype", "float32")
    assert code == 2 and err.count("\n") == 1 and not out.exists()
    assert f"--dtype float32 cannot hold {described}" in err and "use --dtype float64" in err
    assert run(capsys, *argv, "--dtype", "float64")[0] == 0 and out.exists()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (a device that is always full)")
@pytest.mark.parametrize("argv", [["eval", XOR, "--points", "0,0"], ["data", "spiral"], ["validate", XOR]])
def test_standard_output_on_a_full_disk_is_one_line_exit_2(argv):
    """It was 'internal error (OSError: [Errno 28] …); please report this'."""
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "designer", *argv], stdout=full, stderr=subprocess.PIPE, text=True, cwd=ROOT
        )
    assert result.returncode == 2
    assert result.stderr == "nn-designer: error: cannot write the output: No space left on device\n"


def test_data_refuses_a_network_with_an_input_or_output_named_split(capsys, tmp_path):
    """Its column and the train/test column had the same name: the CSV could not be read back."""
    doc = json.loads(dumps(load(EXAMPLES / "xor-step.json")).replace('"y"', '"split"'))
    path = tmp_path / "split.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = run(capsys, "data", "xor", "--network", str(path))
    assert code == 2 and out == "" and "an input or output is named 'split'" in err and err.count("\n") == 1


def test_data_never_writes_over_the_network_it_takes_its_columns_from(capsys, tmp_path):
    """``data xor --network self.json -o self.json`` turned the network file into CSV."""
    path = tmp_path / "self.json"
    path.write_bytes((EXAMPLES / "xor-step.json").read_bytes())
    code, out, err = run(capsys, "data", "xor", "--network", str(path), "-o", str(path))
    assert code == 2 and out == "" and "is the network whose columns are used: give another file" in err
    assert path.read_bytes() == (EXAMPLES / "xor-step.json").read_bytes()


@pytest.mark.parametrize("mark", [0.5, 2, -1])
def test_embedded_split_marks_other_than_0_and_1_are_refused(capsys, tmp_path, mark):
    """They were silently taken as training rows."""
    doc = json.loads(dumps(load(EXAMPLES / "xor-step.json")))
    doc["version"] = 2
    rows = [[0, 0, 0, 1], [0, 1, 1, 1], [1, 0, 1, 0], [1, 1, 0, mark]]
    doc["training"] = {"data": {"columns": ["x1", "x2", "y", "split"], "rows": rows}}
    path = tmp_path / "weird.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = run(capsys, "train", str(path), "--epochs", "1", "-o", str(tmp_path / "o.json"))
    shown = str(mark).replace("-", "−")
    assert code == 2 and f"split column holds {shown}: 1 marks a training row, 0 a test row" in err


def test_a_file_whose_runs_have_no_stop_epoch_trains_nothing_and_says_how_to_train(capsys, tmp_path):
    """The app saves "no stop" as epochs 0: `train` printed "epochs 0 steps 0" and nothing else."""
    doc = json.loads(dumps(load(EXAMPLES / "xor-step.json")))
    doc["version"] = 2
    doc["training"] = {"dataset": "xor", "epochs": 0}
    path = tmp_path / "no-stop.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = run(capsys, "train", str(path), "-o", str(tmp_path / "o.json"))
    assert code == 0 and out.startswith("epochs 0  steps 0\n")
    assert err == "nn-designer: note: the file's runs have no stop epoch (0): give --epochs N to train\n"
    code, _, err = run(capsys, "train", str(path), "--epochs", "0", "-o", str(tmp_path / "o.json"))
    assert code == 0 and err == ""  # asked for: no note


@pytest.mark.parametrize("argv", [["evl", XOR], ["trian", XOR, "--epochs", "3"]])
def test_a_mistyped_subcommand_before_its_arguments_is_named_as_such(capsys, argv):
    """`evl xor-step.json` said "unrecognized arguments: xor-step.json" (the app's parser read evl as a file)."""
    code, _, err = run(capsys, *argv)
    assert code == 2 and err.count("\n") == 1
    assert f"'{argv[0]}' is neither a subcommand nor a file (did you mean '" in err


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["eval", "--points", "0,0"],
        ["check", "--exercise", "xor"],
        pytest.param([], marks=pytest.mark.skipif(importlib.util.find_spec("PySide6") is None, reason="the app: Qt")),
    ],
)
def test_a_file_that_is_not_readable_is_named_once(command, capsys, tmp_path):
    """`x.json: x.json is a FIFO …` named the file twice; each command names it once."""
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    argv = [command[0], str(fifo), *command[1:]] if command else [str(fifo)]
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count(str(fifo)) == 1 and err.endswith("fifo.json is a FIFO (named pipe), not a regular file\n")


def test_eval_and_grad_name_the_csv_they_could_not_use(capsys, tmp_path):
    """ "CSV header lacks column x1" did not say which file (a TA's loop over many CSVs)."""
    data = tmp_path / "points.csv"
    data.write_text("X1,x2\n1,2\n", encoding="utf-8")
    xor = str(EXAMPLES / "xor-step.json")
    for argv in (["eval", xor, "--csv", str(data)], ["grad", xor, "--csv", str(data), "--loss", "mse"]):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == "" and err.startswith(f"nn-designer: error: {data}: CSV header lacks column")


def test_eval_of_a_network_without_outputs_names_the_file(capsys, tmp_path):
    net = load(EXAMPLES / "xor-step.json")
    net.outputs = []
    path = tmp_path / "no-output.json"
    path.write_text(dumps(net), encoding="utf-8")
    code, out, err = run(capsys, "eval", str(path), "--points", "0,0")
    assert code == 2 and out == "" and err.startswith(f"nn-designer: error: {path}: ") and "no output" in err
    data = tmp_path / "d.csv"
    data.write_text("x1,x2,y\n0,0,0\n", encoding="utf-8")
    code, out, err = run(capsys, "grad", str(path), "--csv", str(data), "--loss", "mse")
    assert code == 2 and out == "" and err.startswith(f"nn-designer: error: {path}: ") and "no output" in err


@pytest.mark.parametrize(
    ("to", "name", "note"), [("latex", "fig.png", "png"), ("latex", "fig.py", "pytorch"), ("pytorch", "model.PY", None)]
)
def test_export_notes_a_file_name_that_says_another_format(to, name, note, capsys, tmp_path):
    """`--to svg -o fig.png` silently wrote SVG into a .png; it still does, with a note on stderr."""
    out_file = tmp_path / name
    code, out, err = run(capsys, "export", str(EXAMPLES / "xor-step.json"), "--to", to, "-o", str(out_file))
    assert code == 0 and out == "" and out_file.stat().st_size > 0
    if note is None:
        assert err == ""
    else:
        assert err == f"nn-designer: note: writing {to} into {out_file}, whose name says {note}\n"


@pytest.mark.parametrize("name", ["net", "x", "JSON", "line"])
def test_a_file_whose_name_occurs_in_the_message_is_still_named(name, capsys, tmp_path, monkeypatch):
    """A file called `net` was not named by "the network has no output neuron", nor `x` or `JSON`
    by "not valid JSON: …" (the name was looked for anywhere in the message)."""
    monkeypatch.chdir(tmp_path)
    Path(name).write_text("{bad", encoding="utf-8")
    code, _, err = run(capsys, "validate", name)
    assert code == 2 and err.startswith(f"nn-designer: error: {name}: not valid JSON")


def test_export_refuses_to_write_over_the_network_it_exports(capsys, tmp_path):
    """`export self.json --to latex -o self.json` replaced the student's network with its LaTeX."""
    net = tmp_path / "self.json"
    net.write_bytes((EXAMPLES / "xor-step.json").read_bytes())
    before = net.read_bytes()
    code, out, err = run(capsys, "export", str(net), "--to", "latex", "-o", str(net))
    assert (
        code == 2
        and out == ""
        and err == f"nn-designer: error: -o {net} is the network being exported: give another file\n"
    )
    assert net.read_bytes() == before


def test_export_notes_stay_one_line_and_errors_come_alone(capsys, tmp_path):
    xor = str(EXAMPLES / "xor-step.json")
    code, _, err = run(capsys, "export", xor, "--to", "latex", "-o", str(tmp_path / "doc.json"))
    assert code == 0 and err.endswith("whose name says a network file\n") and err.count("\n") == 1
    code, _, err = run(capsys, "export", xor, "--to", "latex", "-o", str(tmp_path / "n\nl.png"))
    assert code == 0 and err.count("\n") == 1 and "whose name says png" in err
    code, _, err = run(capsys, "export", xor, "--to", "latex", "-o", str(tmp_path / "nodir" / "fig.png"))
    assert code == 2 and err.count("\n") == 1 and "cannot write" in err  # the error alone, no note before it


@pytest.mark.parametrize("argv", [["validate", "XOR"], ["--version"], ["datasets"]])
def test_a_closed_stdout_is_one_line_not_an_internal_error(argv, tmp_path):
    """`nn-designer validate x.json >&-` said "internal error (AttributeError …); please report this"."""
    argv = [str(EXAMPLES / "xor-step.json") if a == "XOR" else a for a in argv]
    command = f"exec '{sys.executable}' -m designer {' '.join(argv)} >&-"
    result = subprocess.run(
        ["sh", "-c", command], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr == (
        "nn-designer: error: stdout is closed: nothing can be printed (use > /dev/null to throw the output away)\n"
    )


def test_validate_refuses_a_node_beyond_the_canvas_in_one_line(capsys, tmp_path):
    doc = json.loads(Path(XOR).read_text(encoding="utf-8"))
    doc["neurons"][2]["position"] = [1e12, 60]
    path = tmp_path / "far.json"
    path.write_text(json.dumps(doc))
    code, out, err = run(capsys, "validate", str(path))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "node 'y': position [1e+12, 60] is beyond ±1,000,000 canvas units" in err


def test_train_csv_keeps_the_files_train_ratio(capsys, tmp_path):
    """A file whose training section says train_ratio 0.7, trained on a CSV without a split column: the
    README's rule (the option, else the file, else all rows) held for the option alone, so every row
    was trained on and no test loss came out."""
    network = {
        "version": 2,
        "inputs": [{"id": "x"}],
        "neurons": [{"id": "y", "activation": "linear", "bias": 0}],
        "connections": [{"source": "x", "target": "y", "weight": 1}],
        "training": {"dataset": "sin", "train_ratio": 0.7, "epochs": 2},
    }
    csv_text = "x,y\n" + "".join(f"{i},{2 * i}\n" for i in range(10))
    code, out, _ = train_on(capsys, tmp_path, network, csv_text)
    assert code == 0 and "test loss" in out
    del network["training"]  # no section: all rows train, as before
    code, out, _ = train_on(capsys, tmp_path, network, csv_text)
    assert code == 0 and "test loss" not in out
