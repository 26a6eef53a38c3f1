"""``datasets``, ``data`` and ``train`` with the experiment saved in the file (format version 2)."""

import csv
import io
import json

import numpy as np
import pytest

from designer.cli import main
from designer.engine import compile_network, make_dataset
from designer.engine.datasets import DATASETS
from designer.model import EmbeddedData, FeatureNode, TrainingSection, load, save
from tests.netgen import layered


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _softmax_net(n_hidden=8, seed=0):
    net = layered([2, n_hidden, 3], ["tanh", "linear"], seed=seed)
    net.softmax = True
    return net


def _report(out):
    """{'train': (loss, accuracy), 'test': …} from train's report lines."""
    found = {}
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] in ("train", "test"):
            accuracy = float(parts[4].rstrip("%")) / 100 if len(parts) > 4 else None
            found[parts[0]] = (float(parts[2]), accuracy)
    return found


def test_datasets_lists_every_builtin_one_per_line(capsys):
    code, out, err = run(capsys, "datasets")
    assert code == 0 and err == ""
    rows = [line.split(None, 4) for line in out.splitlines()]
    assert [r[0] for r in rows] == list(DATASETS)
    table = {r[0]: r[1:] for r in rows}
    assert table["gauss-3"][:3] == ["2", "3", "classification"]
    assert table["spiral-3"][:3] == ["2", "3", "classification"]
    assert table["reg-plane"][:3] == ["2", "1", "regression"]
    assert table["reg-gauss"][:3] == ["2", "1", "regression"]
    assert table["sin"][:3] == ["1", "1", "regression"] and table["xor"][:3] == ["2", "1", "classification"]
    assert all(r[4].strip() for r in rows)


def test_data_writes_the_dataset_as_training_sees_it(capsys, tmp_path):
    path = tmp_path / "d.csv"
    code, out, err = run(capsys, "data", "gauss-3", "--points", 30, "--seed", 4, "--noise", "10%", "-o", path)
    assert code == 0 and out == err == ""
    rows = list(csv.reader(io.StringIO(path.read_text())))
    assert rows[0] == ["x1", "x2", "y1", "y2", "y3", "split"]
    ds = make_dataset("gauss-3", n=30, seed=4, noise=0.1, train_ratio=0.5)
    body = rows[1:]
    assert [r[-1] for r in body] == ["train"] * 15 + ["test"] * 15
    values = np.array([[float(v) for v in r[:-1]] for r in body])
    np.testing.assert_array_equal(values[:15], np.concatenate([ds.x_train, ds.y_train], axis=1))
    np.testing.assert_array_equal(values[15:], np.concatenate([ds.x_test, ds.y_test], axis=1))
    assert np.all(values[:, 2:].sum(axis=1) == 1)  # one-hot classes


def test_data_with_a_network_names_and_shapes_the_columns(capsys, tmp_path):
    net = layered([2, 3, 2], ["tanh", "linear"])
    net.softmax = True
    save(net, tmp_path / "n.json")
    code, out, _ = run(capsys, "data", "circle", "--points", 10, "--network", tmp_path / "n.json")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0] == ["x1", "x2", "y1", "y2", "split"]
    assert all(float(r[2]) + float(r[3]) == 1.0 for r in rows[1:])  # a 0/1 label as two one-hot columns
    save(layered([2, 3, 1], ["tanh", "sigmoid"]), tmp_path / "one.json")
    code, out, err = run(capsys, "data", "spiral-3", "--network", tmp_path / "one.json")
    assert code == 2 and out == ""
    assert "has 3 classes: the network needs 3 outputs (softmax), it has 1" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    "argv", [["data", "nope"], ["data", "xor", "--noise", "0.9"], ["data", "xor", "--points", "0"]]
)
def test_data_refuses_bad_options_with_one_line(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and err.count("\n") == 1


def test_train_on_data_written_by_data_keeps_its_split(capsys, tmp_path):
    save(_softmax_net(4), tmp_path / "n.json")
    run(capsys, "data", "gauss-3", "--points", 40, "--train-ratio", 0.25, "-o", tmp_path / "d.csv")
    code, out, _ = run(
        capsys, "train", tmp_path / "n.json", "--csv", tmp_path / "d.csv", "--epochs", 0, "-o", tmp_path / "o.json"
    )
    assert code == 0
    report = _report(out)
    assert set(report) == {"train", "test"}  # the split column, not --train-ratio's default of all rows
    net = compile_network(load(tmp_path / "n.json"))
    ds = make_dataset("gauss-3", n=40, train_ratio=0.25)
    expected = -np.mean(np.sum(ds.y_test * np.log(net.forward(ds.x_test)), axis=1))
    code, out, _ = run(
        capsys,
        "train",
        tmp_path / "n.json",
        "--csv",
        tmp_path / "d.csv",
        "--epochs",
        0,
        "--loss",
        "cross_entropy",
        "-o",
        tmp_path / "o.json",
    )
    assert _report(out)["test"][0] == pytest.approx(expected, rel=1e-5)


@pytest.mark.parametrize("dataset", ["gauss-3", "spiral-3"])
def test_a_2_8_3_softmax_network_trained_from_its_file_reaches_90_percent(capsys, tmp_path, dataset):
    net = _softmax_net(8, seed=1)
    net.training = TrainingSection(
        dataset=dataset, seed=3, loss="cross_entropy", optimizer="adam", learning_rate=0.03, epochs=400
    )
    save(net, tmp_path / "n.json")
    code, out, err = run(capsys, "train", tmp_path / "n.json", "-o", tmp_path / "o.json")
    assert code == 0 and err == "" and "epochs 400" in out
    assert _report(out)["test"][1] >= 0.9
    trained = load(tmp_path / "o.json")
    assert trained.training == net.training  # the experiment travels with the result
    ds = make_dataset(dataset, seed=3, train_ratio=0.5)  # independent check of the written weights
    predicted = np.argmax(compile_network(trained).forward(ds.x_test), axis=1)
    assert np.mean(predicted == np.argmax(ds.y_test, axis=1)) >= 0.9


def test_training_from_the_file_is_reproducible_byte_for_byte(capsys, tmp_path):
    net = _softmax_net(5)
    net.features["r2"] = FeatureNode("r2", "x1^2 + x2^2", position=(0.0, 300.0))
    net.connections[("r2", "l1n1")] = net.connections[("x1", "l1n1")].__class__("r2", "l1n1", 0.1)
    net.training = TrainingSection(
        dataset="spiral-3", noise=0.2, seed=9, loss="cross_entropy", optimizer="momentum", batch_size=10, epochs=20
    )
    save(net, tmp_path / "n.json")
    outputs = []
    for name in ("a.json", "b.json"):
        assert run(capsys, "train", tmp_path / "n.json", "-o", tmp_path / name)[0] == 0
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1] and outputs[0] != (tmp_path / "n.json").read_bytes()
    run(capsys, "train", tmp_path / "n.json", "--seed", 10, "-o", tmp_path / "c.json")
    assert (tmp_path / "c.json").read_bytes() != outputs[0]  # the seed is really used


@pytest.mark.parametrize("through_exp", [True, False], ids=("tanh-through-exp", "numpy-tanh"))
def test_float32_training_is_reproducible_byte_for_byte(capsys, tmp_path, monkeypatch, through_exp):
    """The float32 step's ways (tanh's, the first layer's dL/dW by rows or not, pre-scaled weights) are
    fixed for the process, never timed: two runs write the same bytes."""
    from designer.engine import activations

    monkeypatch.setitem(activations.FLOAT32_USES_ALTERNATIVE, "tanh", through_exp)
    save(layered([2, 64, 64, 1], ["tanh", "tanh", "sigmoid"], seed=2), tmp_path / "n.json")
    argv = ["train", tmp_path / "n.json", "--dataset", "circle", "--points", 300, "--epochs", 12, "--dtype", "float32"]
    outputs = []
    for name in ("a.json", "b.json"):
        assert run(capsys, *argv, "--loss", "cross_entropy", "--lr", 0.3, "-o", tmp_path / name)[0] == 0
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1] and outputs[0] != (tmp_path / "n.json").read_bytes()


def test_options_override_the_files_settings(capsys, tmp_path):
    net = _softmax_net(3)
    net.training = TrainingSection(dataset="gauss-3", loss="cross_entropy", epochs=50, learning_rate=0.1)
    save(net, tmp_path / "n.json")
    code, out, _ = run(capsys, "train", tmp_path / "n.json", "--epochs", 0, "-o", tmp_path / "o.json")
    assert code == 0 and "epochs 0" in out
    assert load(tmp_path / "o.json") == load(tmp_path / "n.json")  # no epoch: the weights are unchanged
    code, out, _ = run(
        capsys, "train", tmp_path / "n.json", "--epochs", 2, "--batch-size", 50, "-o", tmp_path / "o.json"
    )
    assert "epochs 2  steps 10" in out  # 250 training points in batches of 50
    code, out, err = run(capsys, "train", tmp_path / "n.json", "--dataset", "reg-plane", "-o", tmp_path / "o.json")
    assert code == 2 and "the data has 1 target column(s) but the network has 3 outputs" in err


def test_embedded_rows_train_like_a_csv_file(capsys, tmp_path):
    net = layered([2, 2, 1], ["tanh", "sigmoid"])
    rows = ((0.0, 0.0, 0.0), (0.0, 1.0, 1.0), (1.0, 0.0, 1.0), (1.0, 1.0, 0.0))
    net.training = TrainingSection(
        data=EmbeddedData(("y1", "x1", "x2"), tuple((r[2], r[0], r[1]) for r in rows), source="xor.csv"),
        train_ratio=1.0,
        epochs=3,
    )
    save(net, tmp_path / "n.json")
    data = tmp_path / "xor.csv"
    data.write_text("x1,x2,y1\n" + "".join(f"{a},{b},{c}\n" for a, b, c in rows))
    code, from_file, _ = run(capsys, "train", tmp_path / "n.json", "-o", tmp_path / "a.json")
    code2, from_csv, _ = run(capsys, "train", tmp_path / "n.json", "--csv", data, "-o", tmp_path / "b.json")
    assert code == code2 == 0 and from_file == from_csv
    assert load(tmp_path / "a.json") == load(tmp_path / "b.json")


@pytest.mark.parametrize(
    ("training", "message"),
    [
        (None, "names no training data: give --csv or --dataset"),
        (TrainingSection(dataset="no-such-set"), "training: unknown dataset 'no-such-set' (known: and, or"),
        (TrainingSection(data=EmbeddedData(("x1", "y"), ((0.0, 1.0),))), "data lacks columns x2, y1 (columns: x1, y)"),
    ],
)
def test_missing_or_unknown_data_is_one_line(capsys, tmp_path, training, message):
    net = layered([2, 2, 1], ["tanh", "sigmoid"])
    net.training = training
    save(net, tmp_path / "n.json")
    code, out, err = run(capsys, "train", tmp_path / "n.json", "-o", tmp_path / "o.json")
    assert code == 2 and out == "" and message in err and err.count("\n") == 1
    assert not (tmp_path / "o.json").exists()


def test_validate_reports_a_bad_training_section(capsys, tmp_path):
    net = layered([2, 2, 1], ["tanh", "sigmoid"])
    save(net, tmp_path / "n.json")
    doc = json.loads((tmp_path / "n.json").read_text())
    doc.update(version=2, training={"learning_rate": "fast"})
    (tmp_path / "bad.json").write_text(json.dumps(doc))
    code, out, err = run(capsys, "validate", tmp_path / "bad.json")
    assert code == 2 and "training.learning_rate: expected a number, got a string" in err


def test_the_documented_version_2_example_trains_the_circle_with_one_neuron(capsys, tmp_path):
    from tests.conftest import ROOT

    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    block = text.split("### Version-2 example", 1)[1].split("```json\n", 1)[1].split("```", 1)[0]
    (tmp_path / "demo.json").write_text(block, encoding="utf-8")
    assert load(tmp_path / "demo.json").training.dataset == "circle"
    code, out, err = run(capsys, "train", tmp_path / "demo.json", "-o", tmp_path / "out.json")
    assert code == 0 and err == ""
    assert _report(out)["test"][1] == 1.0  # x1² and x2² make the disk one straight cut
    from designer.model import dumps

    assert dumps(load(tmp_path / "demo.json")) == block  # the example is what the app writes


def test_eval_grad_and_check_read_raw_inputs_and_compute_features(capsys, tmp_path):
    from designer.exercises import load_exercise

    solution = load_exercise("circle-one-neuron").solutions[1]  # sigmoid(−4·(x1² + x2²) + 25)
    save(solution, tmp_path / "c.json")
    code, out, _ = run(capsys, "eval", tmp_path / "c.json", "--points", "0,0;3,4")
    assert code == 0 and out.splitlines()[0] == "x1,x2,y"  # raw inputs only: no feature column
    values = [float(line.split(",")[2]) for line in out.splitlines()[1:]]
    assert values == pytest.approx([1 / (1 + np.exp(-25.0)), 1 / (1 + np.exp(75.0))], rel=1e-12)
    (tmp_path / "d.csv").write_text("x1,x2,y\n1,2,0\n")
    code, out, _ = run(capsys, "grad", tmp_path / "c.json", "--csv", tmp_path / "d.csv", "--loss", "sse")
    result = json.loads(out)
    p = 1 / (1 + np.exp(-(25.0 - 4 * 5)))
    dz = 2 * p * p * (1 - p)  # d(p - 0)²/dz
    assert result["connections"] == [{"source": "r2", "target": "y", "grad": pytest.approx(dz * 5, rel=1e-9)}]
    assert result["biases"]["y"] == pytest.approx(dz, rel=1e-9)
    code, out, _ = run(capsys, "check", tmp_path / "c.json", "--exercise", "circle-one-neuron")
    assert code == 0 and out.startswith("PASS")
    code, out, _ = run(capsys, "check", tmp_path / "c.json", "--exercise", "disk")
    assert code == 1 and "1 feature node (x1^2 + x2^2), none allowed in this exercise" in out


def _embedded_split(tmp_path, marks, columns=("x1", "x2", "y1", "split")):
    net = layered([2, 2, 1], ["tanh", "sigmoid"])
    save(net, tmp_path / "n.json")
    doc = json.loads((tmp_path / "n.json").read_text())
    rows = [[0, 0, 0, mark] for mark in marks]
    doc.update(version=2, training={"data": {"columns": list(columns), "rows": rows}, "epochs": 1})
    path = tmp_path / "split.json"
    path.write_text(json.dumps(doc))
    return path


def test_validate_refuses_a_split_value_train_refuses_in_the_same_words(capsys, tmp_path):
    path = _embedded_split(tmp_path, [1, 2, 0])
    said = "training: the embedded data's split column holds 2: 1 marks a training row, 0 a test row"
    code, out, err = run(capsys, "validate", path)
    assert (code, out) == (2, said + "\n") and said in err
    code, out, err = run(capsys, "train", path, "-o", tmp_path / "o.json")
    assert code == 2 and said in err


def test_validate_takes_a_split_of_zeros_and_ones_or_one_the_network_reads_as_data(capsys, tmp_path):
    assert run(capsys, "validate", _embedded_split(tmp_path, [1, 0, 1]))[:2] == (0, "ok\n")
    path = _embedded_split(tmp_path, [2, 0.5], columns=("x1", "y1", "x3", "x2"))
    path.write_text(path.read_text().replace('"x2"', '"split"'))  # the input x2 renamed split
    assert '"columns": ["x1", "y1", "x3", "split"]' in path.read_text()
    assert run(capsys, "validate", path)[:2] == (0, "ok\n")  # its column is data: any number goes
