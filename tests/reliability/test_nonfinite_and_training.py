"""Non-finite values and long training runs.

- Exported PyTorch code writes ``float("inf")``/``float("nan")`` where NN Designer's own outputs
  overflowed, and its self-check accepts them (it used to write ``inf`` and die with NameError).
- numpy's RuntimeWarnings never reach the user of ``eval``/``grad``/``train``.
- A NaN output is a wrong answer: ``train`` never reports 100 % accuracy next to a NaN loss.
- ``--epochs`` has an upper bound; Ctrl-C during ``train -o`` writes nothing and says so, and
  ``--checkpoint-every N`` keeps the progress of long runs (written atomically).
"""

from __future__ import annotations

import math
import os
import subprocess
import sys

import numpy as np
import pytest

from designer.engine import Trainer, losses
from designer.export import codegen
from designer.export.pytorch import to_pytorch
from designer.model import load
from tests.conftest import EXAMPLES, ROOT
from tests.reliability.helpers import CASES, run_cli, with_activation
from tests.torchref import require_torch

XOR = str(EXAMPLES / "xor-step.json")


@pytest.fixture(scope="module")
def linear_net(tmp_path_factory):
    """XOR's graph with linear units: huge inputs overflow to inf, and h1 − h2 of two infs is NaN."""
    return with_activation(tmp_path_factory, "linear")


def test_number_literals_for_every_float():
    for value in (0.0, -0.0, 1.5, 1e300, 5e-324, math.inf, -math.inf, math.nan):
        text = codegen.number(value)
        back = eval(text, {"__builtins__": {"float": float}})  # what the generated file does
        assert (math.isnan(back) and math.isnan(value)) or (
            back == value and math.copysign(1, back) == math.copysign(1, value)
        )
    assert codegen.number(math.inf) == 'float("inf")' and codegen.number(math.nan) == 'float("nan")'


def test_exported_code_with_overflowing_outputs_checks_itself(tmp_path):
    torch = require_torch()
    net = load(XOR)
    for neuron in net.neurons.values():
        neuron.activation = "linear"
    for connection in net.connections.values():
        connection.weight = 1e300
    net.neurons["h2"].activation = "tanh"  # finite there, infinite elsewhere
    code = to_pytorch(net)
    assert 'float("inf")' in code and "= [inf" not in code and " inf," not in code
    path = tmp_path / "model.py"
    path.write_text(code, encoding="utf-8")
    done = subprocess.run([sys.executable, str(path)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    CASES["export (non-finite)"] += 1
    assert (done.returncode, done.stdout, done.stderr) == (0, "ok\n", ""), done.stderr
    assert torch is not None


@pytest.mark.parametrize("command", ["eval", "grad", "train"])
def test_numpy_warnings_never_reach_the_user(command, linear_net, tmp_path):
    """In a real process: in-process, pytest would capture the warnings before they reach stderr."""
    data = tmp_path / "huge.csv"
    data.write_text("x1,x2,y\n1e300,1e300,1e300\n0,0,0\n", encoding="utf-8")
    argv = {
        "eval": ["eval", linear_net, "--csv", str(data)],
        "grad": ["grad", linear_net, "--csv", str(data), "--loss", "mse"],
        "train": ["train", linear_net, "--csv", str(data), "--epochs", "3", "-o", str(tmp_path / "o.json")],
    }[command]
    done = subprocess.run(
        [sys.executable, "-m", "designer", *argv],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    CASES["cli subprocess (non-finite)"] += 1
    assert "Warning" not in done.stderr and "overflow" not in done.stderr, done.stderr
    assert done.stderr.count("\n") <= 1


def test_nan_outputs_count_as_wrong():
    p = np.array([[np.nan], [0.2], [0.9], [np.nan]])
    y = np.array([[0.0], [0.0], [1.0], [1.0]])
    assert losses.accuracy(p, y) == 0.5
    soft = np.array([[np.nan, 0.1], [0.2, 0.8]])
    assert losses.accuracy(soft, np.array([[1.0, 0.0], [0.0, 1.0]]), softmax=True) == 0.5


def test_train_never_reports_100_percent_with_a_nan_loss(linear_net, tmp_path, capsys):
    data = tmp_path / "nan.csv"
    data.write_text("x1,x2,y\n1e308,1e308,0\n", encoding="utf-8")  # h1 = h2 = inf, y = inf - inf = NaN
    code, out, err = run_cli(
        capsys, ["train", linear_net, "--csv", str(data), "--epochs", "0", "-o", str(tmp_path / "o.json")]
    )
    assert code == 0, err
    assert "train loss nan  accuracy 0.0%" in out


# ---------------------------------------------------------------------------- long runs
TRAIN = ["train", XOR, "--dataset", "xor", "--lr", "0.5", "--loss", "cross_entropy", "--randomize"]


@pytest.mark.parametrize(("epochs", "ok"), [("10000000", True), ("10000001", False), ("10**9", False)])
def test_epochs_have_an_upper_bound(epochs, ok, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(Trainer, "iterate", lambda self, n: iter(()))  # the bound, not the run, is tested
    out = tmp_path / "o.json"
    code, _, err = run_cli(capsys, [*TRAIN, "--epochs", epochs, "-o", str(out)], kind="cli in-process (options)")
    if ok:
        assert code == 0 and out.exists()
    else:
        assert code == 2 and not out.exists()
        assert "--epochs must be 0 to 10,000,000" in err or "invalid int value" in err


def _interrupt_at(monkeypatch, epoch: int) -> None:
    """Ctrl-C as the trainer is about to start ``epoch`` (full batch: one step per epoch)."""
    real = Trainer.step

    def step(self):
        if self.epoch == epoch:
            raise KeyboardInterrupt
        return real(self)

    monkeypatch.setattr(Trainer, "step", step)


def test_ctrl_c_writes_nothing_and_says_so(tmp_path, capsys, monkeypatch):
    _interrupt_at(monkeypatch, 3)
    out = tmp_path / "o.json"
    code, stdout, err = run_cli(capsys, [*TRAIN, "--epochs", "10", "-o", str(out)], kind="cli in-process (options)")
    assert code == 2 and stdout == ""
    assert err == (
        f"nn-designer: error: interrupted at epoch 3 of 10: nothing written to {out} "
        "(--checkpoint-every N keeps the progress of long runs)\n"
    )
    assert not out.exists()


def test_checkpoints_keep_the_progress_of_an_interrupted_run(tmp_path, capsys, monkeypatch):
    reference = tmp_path / "four.json"
    code, _, _ = run_cli(capsys, [*TRAIN, "--epochs", "4", "-o", str(reference)])
    assert code == 0
    _interrupt_at(monkeypatch, 5)
    out = tmp_path / "o.json"
    code, _, err = run_cli(capsys, [*TRAIN, "--epochs", "10", "--checkpoint-every", "2", "-o", str(out)])
    assert code == 2 and f"interrupted at epoch 5 of 10: {out} holds the checkpoint of epoch 4" in err
    assert out.read_bytes() == reference.read_bytes()  # exactly what 4 epochs give
    assert sorted(p.name for p in tmp_path.iterdir()) == ["four.json", "o.json"]  # atomic: no temp files


def test_checkpoints_do_not_change_the_result(tmp_path, capsys):
    plain, checkpointed = tmp_path / "plain.json", tmp_path / "checkpointed.json"
    assert run_cli(capsys, [*TRAIN, "--epochs", "7", "-o", str(plain)])[0] == 0
    code, _, _ = run_cli(capsys, [*TRAIN, "--epochs", "7", "--checkpoint-every", "3", "-o", str(checkpointed)])
    assert code == 0 and plain.read_bytes() == checkpointed.read_bytes()
    code, _, err = run_cli(capsys, [*TRAIN, "--epochs", "7", "--checkpoint-every", "0", "-o", str(plain)])
    assert code == 2 and "--checkpoint-every: must be 1 to 1,000,000" in err


def test_checkpoints_into_a_fifo_are_refused_before_training(tmp_path, capsys):
    """A stream keeps every copy: checkpoints would pile several JSON documents up in it."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, out, err = run_cli(capsys, [*TRAIN, "--epochs", "7", "--checkpoint-every", "3", "-o", str(fifo)])
    assert code == 2 and out == ""
    assert f"--checkpoint-every writes {fifo} again every 3 epochs, and it is a FIFO (named pipe)" in err
    code, out, err = run_cli(capsys, [*TRAIN, "--epochs", "7", "--checkpoint-every", "3", "-o", os.devnull])
    assert code == 0, err  # /dev/null keeps nothing: no pile to refuse


def test_checkpoints_onto_stdout_are_refused_and_nothing_is_written():
    done = subprocess.run(
        [sys.executable, "-m", "designer", *TRAIN, "--epochs", "7", "--checkpoint-every", "3", "-o", "/dev/stdout"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert "again every 3 epochs, and it is standard output, where the copies would pile up" in done.stderr
    assert done.stderr.count("\n") == 1
    plain = subprocess.run(
        [sys.executable, "-m", "designer", *TRAIN, "--epochs", "7", "-o", "/dev/stdout"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert plain.returncode == 0 and plain.stdout.count('"format": "nn-designer"') == 1  # one document


FEATURE_NET = """{"format": "nn-designer", "version": 2, "name": "f", "inputs": [{"id": "x1"}, {"id": "x2"}],
"features": [{"id": "f1", "expression": "exp(exp(x1))"}, {"id": "f2", "expression": "x1^-8"},
 {"id": "unread", "expression": "1/x2"}],
"neurons": [{"id": "y", "activation": "sigmoid", "bias": 0}],
"connections": [{"source": "f1", "target": "y", "weight": 1}, {"source": "f2", "target": "y", "weight": 1}],
"outputs": ["y"]}"""


def test_grad_names_the_feature_and_row_that_is_not_finite(tmp_path, capsys):
    """x1^-8 is infinite at x1 = 0 (row 2); 1/x2 at x2 = 0 (row 1) is read by no neuron: not the cause."""
    net = tmp_path / "features.json"
    net.write_text(FEATURE_NET, encoding="utf-8")
    data = tmp_path / "data.csv"
    data.write_text("x1,x2,y\n1,0,1\n0,1,0\n10,1,0\n", encoding="utf-8")
    code, out, err = run_cli(capsys, ["grad", str(net), "--csv", str(data), "--loss", "mse"], kind="cli in-process")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert f"feature f2 = x1^-8 is not a finite number on data row 2 of {data} (x1=0, x2=1)" in err
    data.write_text("x1,x2,y\n1,1,1\n", encoding="utf-8")
    huge = FEATURE_NET.replace('"weight": 1}', '"weight": 1e308}').replace("sigmoid", "linear")
    net.write_text(huge, encoding="utf-8")
    code, _, err = run_cli(capsys, ["grad", str(net), "--csv", str(data), "--loss", "mse"], kind="cli in-process")
    assert code == 2 and "are data or weights huge?" in err and "feature" not in err
