"""The shipped example networks carry the experiment their descriptions promise: ``nn-designer train
EXAMPLE.json`` without options (the file's own data and settings, seed 0) does what the description says,
and twice gives the same bytes."""

import csv
import io
import math

import pytest

from designer.model import load
from tests.cli.test_experiment_cli import _report, run
from tests.conftest import EXAMPLES

#: examples whose descriptions say what training does (the others promise no training: see the next test)
DEMOS = (
    "perceptron",
    "logistic-regression",
    "step-start",
    "sigmoid-start",
    "regression-1-8-1",
    "mlp-2-3-3-1",
    "linear-layers",
    "towers-sin",
    "xor-stuck",
)


def train(capsys, tmp_path, name, *options):
    """``train`` on the shipped example ``name``: its report and the trained network."""
    out = tmp_path / f"{name}.out.json"
    code, text, err = run(capsys, "train", EXAMPLES / f"{name}.json", "-o", out, *options)
    assert code == 0, err
    return _report(text), out


def outputs(capsys, path, points):
    code, text, err = run(capsys, "eval", path, "--points", ";".join(",".join(map(str, p)) for p in points))
    assert code == 0, err
    return [float(row["y"]) for row in csv.DictReader(io.StringIO(text))]


def trainable(path):
    net = load(path)
    return [c.weight for c in net.connections.values()], [n.bias for n in net.neurons.values()]


def test_every_example_that_promises_training_names_its_data_and_a_stop():
    for path in sorted(EXAMPLES.glob("*.json")):
        section = load(path).training
        if path.stem in DEMOS:
            assert section is not None and section.dataset and section.epochs > 0, path.name
        else:  # the startup's XOR and the activations: the data the app picks (xor, bump) are theirs
            assert section is None, path.name


@pytest.mark.parametrize("name", DEMOS)
def test_training_with_the_files_settings_is_reproducible(capsys, tmp_path, name):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    first, first_out = train(capsys, tmp_path / "a", name)
    second, second_out = train(capsys, tmp_path / "b", name)
    assert first == second and first_out.read_bytes() == second_out.read_bytes()


def test_xor_stuck_stays_stuck_two_rows_right_two_at_one_half(capsys, tmp_path):
    report, out = train(capsys, tmp_path, "xor-stuck")
    y00, y01, y10, y11 = outputs(capsys, out, [(0, 0), (0, 1), (1, 0), (1, 1)])
    assert y00 < 0.05 and y10 > 0.95  # right
    assert abs(y01 - 0.5) < 0.01 and abs(y11 - 0.5) < 0.01  # stuck at 0.5
    assert abs(report["train"][0] - math.log(2) / 2) < 0.005 and report["train"][1] == 0.5


def test_the_good_xor_is_right_on_all_four_rows_and_training_keeps_it(capsys, tmp_path):
    report, out = train(capsys, tmp_path, "xor-step", "--dataset", "xor")
    assert report["train"] == (0.0, 1.0)
    assert outputs(capsys, out, [(0, 0), (0, 1), (1, 0), (1, 1)]) == [0, 1, 1, 0]


@pytest.mark.parametrize("name", ["perceptron", "step-start"])
def test_a_step_unit_does_not_move(capsys, tmp_path, name):
    report, out = train(capsys, tmp_path, name)
    assert trainable(out) == trainable(EXAMPLES / f"{name}.json")  # step' = 0
    expected = 1.0 if name == "perceptron" else 0.504  # the right line; at right angles: about half right
    assert report["train"][1] == expected


def test_the_sigmoid_from_the_bad_start_turns_onto_the_blobs(capsys, tmp_path):
    before, _ = train(capsys, tmp_path, "sigmoid-start", "--epochs", "0")
    report, _ = train(capsys, tmp_path, "sigmoid-start")
    assert before["train"][1] < 0.6 and report["train"][1] == 1.0


@pytest.mark.parametrize("name", ["logistic-regression", "mlp-2-3-3-1"])
def test_the_classifiers_get_every_point_right(capsys, tmp_path, name):
    report, _ = train(capsys, tmp_path, name)
    assert report["train"][1] == 1.0 and report["test"][1] == 1.0


def test_the_1_8_1_network_learns_sin(capsys, tmp_path):
    before, _ = train(capsys, tmp_path, "regression-1-8-1", "--epochs", "0")
    report, _ = train(capsys, tmp_path, "regression-1-8-1")
    assert before["train"][0] > 2 and report["train"][0] < 0.001 and report["test"][0] < 0.001


def test_the_towers_draw_sin_and_training_only_rescales_them(capsys, tmp_path):
    report, out = train(capsys, tmp_path, "towers-sin")
    assert 0.03 < report["train"][0] < 0.05
    net, old = load(out), load(EXAMPLES / "towers-sin.json")
    hidden = [n for n in old.neurons if n != "y"]
    assert [net.neurons[n].bias for n in hidden] == [old.neurons[n].bias for n in hidden]


def test_the_linear_layers_train_without_diverging(capsys, tmp_path):
    report, _ = train(capsys, tmp_path, "linear-layers")
    assert report["train"][1] > 0.9


def test_the_linear_layers_diverge_at_the_default_rate(capsys, tmp_path):
    """Why the file carries a small rate: 0.03 (the default) blows up from these weights."""
    code, _, err = run(capsys, "train", EXAMPLES / "linear-layers.json", "--lr", "0.03", "-o", tmp_path / "o.json")
    assert code == 1 and "diverged" in err
