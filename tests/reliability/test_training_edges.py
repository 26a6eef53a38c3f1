"""Training edge cases: never NaN or infinity in the weights, divergence reported once, nothing trains what cannot.

Engine (``Trainer``) over networks x data x learning rates x optimisers x losses, and the CLI's ``train -o``.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from designer.engine import EngineError, Trainer, TrainingSettings, compile_network, gradients
from designer.model import Connection, InputNode, Network, Neuron, load, save
from tests.conftest import EXAMPLES
from tests.netgen import layered
from tests.reliability.helpers import CASES, check_error_line, check_one_line, run_cli


def _net(neurons: list[tuple[str, str, float]], connections: list[tuple[str, str, float]], **kw) -> Network:
    net = Network(**kw)
    for name in ("x1", "x2"):
        net.inputs[name] = InputNode(name)
    for nid, act, bias in neurons:
        net.neurons[nid] = Neuron(nid, act, bias=bias)
    for s, t, w in connections:
        net.connections[(s, t)] = Connection(s, t, w)
    net.outputs = kw.pop("outputs", None) or [neurons[-1][0]]
    return net


def _networks() -> dict[str, Network]:
    nets = {
        "no hidden, linear": _net([("y", "linear", 0.1)], [("x1", "y", 0.5), ("x2", "y", -0.5)]),
        "no hidden, sigmoid": _net([("y", "sigmoid", 0.1)], [("x1", "y", 0.5), ("x2", "y", -0.5)]),
        "relu mlp": layered([2, 4, 1], ["relu", "linear"], seed=1),
        "tanh-sigmoid mlp": layered([2, 3, 1], ["tanh", "sigmoid"], seed=2),
        "output without incoming": _net(
            [("h", "relu", 0.0), ("y", "sigmoid", 0.3)], [("x1", "h", 1.0), ("x2", "h", 1.0)], outputs=["y"]
        ),
        "step only": load(EXAMPLES / "xor-step.json"),
        "saturated sigmoid": _net(
            [("h", "sigmoid", 40.0), ("y", "sigmoid", -60.0)], [("x1", "h", 80.0), ("h", "y", 90.0)]
        ),
        "softmax, 1 output": _net([("y", "linear", 0.2)], [("x1", "y", 1.5)], softmax=True),
        "softmax, 2 outputs": _net(
            [("a", "linear", 0.0), ("b", "linear", 0.0)],
            [("x1", "a", 1.0), ("x2", "b", -1.0)],
            softmax=True,
            outputs=["a", "b"],
        ),
        "all frozen": layered([2, 2, 1], ["sigmoid", "sigmoid"], seed=3),
    }
    for item in [*nets["all frozen"].neurons.values(), *nets["all frozen"].connections.values()]:
        item.trainable = False
    return nets


NETWORKS = _networks()
#: Networks whose every gradient is 0 (or that have nothing trainable): training must change nothing.
CONSTANT = {"step only", "softmax, 1 output", "all frozen"}


def _data(kind: str, net: Network) -> tuple[np.ndarray, np.ndarray]:
    """Inputs and targets; with softmax, one-hot targets (except for one output, where any target is allowed)."""
    k = len(net.outputs)
    x = {
        "all-zero inputs": np.zeros((6, 2)),
        "constant targets": np.array([[0, 0], [0, 1], [1, 0], [1, 1], [3, -2]], dtype=float),
        "single point": np.array([[1.0, -1.0]]),
        "large inputs": np.array([[1e3, -1e3], [-5e2, 2e3]]),
    }[kind]
    n = len(x)
    if kind == "large inputs":
        y = (
            np.eye(max(k, 2))[np.arange(n) % 2][:, :k]
            if net.softmax and k > 1
            else np.arange(n)[:, None] % 2 * np.ones(k)
        )
    else:
        y = np.tile(np.eye(k)[0] if net.softmax else np.ones(k), (n, 1))
    return x, y


DATA = ("all-zero inputs", "constant targets", "single point", "large inputs")
LOSSES = ("mse", "sse", "cross_entropy")


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
@pytest.mark.parametrize("lr", [0.1, 1e6, 1e300])
@pytest.mark.parametrize("name", sorted(NETWORKS))
def test_training_never_produces_non_finite_weights(name, lr, optimizer):
    model = NETWORKS[name]
    for data in DATA:
        for loss in LOSSES:
            CASES["training runs"] += 1
            net = compile_network(model)
            start = net.theta.copy()
            x, y = _data(data, model)
            trainer = Trainer(net, x, y, TrainingSettings(loss=loss, optimizer=optimizer, learning_rate=lr))
            diverged = 0
            for result in trainer.iterate(15):
                assert np.all(np.isfinite(net.theta)), (data, loss)
                if result.diverged:
                    diverged += 1
                    check_one_line(result.message)
                    before = net.theta.copy()
            assert diverged <= 1  # reported once: iterate stops
            if diverged:
                assert np.array_equal(net.theta, before)  # the last finite weights, untouched by the bad step
            if name in CONSTANT:
                assert np.array_equal(net.theta, start), f"{name} changed with {data}, {loss}"
                assert not diverged or lr == 1e300
            if lr == 0.1 and "large" not in data:
                assert not diverged, (data, loss)


def test_one_softmax_output_has_zero_gradient():
    """Softmax over one output is constantly 1: -Σ y log 1 = 0 whatever the targets, so every gradient is 0
    (targets outside [0, 1] are refused: cross-entropy compares probabilities)."""
    net = compile_network(NETWORKS["softmax, 1 output"])
    x = np.array([[1.0, 2.0], [-1.0, 0.5]])
    for y in (0.0, 0.3, 1.0):
        g = gradients(net, x, np.full((2, 1), y), "cross_entropy")
        assert g.loss == 0 and all(v == 0 for v in [*g.connections.values(), *g.biases.values()])
    with pytest.raises(EngineError, match="cross-entropy needs targets between 0 and 1"):
        gradients(net, x, np.full((2, 1), 2.0), "cross_entropy")


def test_softmax_gradient_is_exact_for_targets_that_do_not_sum_to_one():
    net = compile_network(NETWORKS["softmax, 2 outputs"])
    x, y = np.array([[1.0, 2.0], [0.5, -1.0]]), np.array([[0.5, 0.0], [0.2, 0.3]])

    def loss() -> float:
        return float(-(y * np.log(net.forward(x))).sum() / len(x))

    g = gradients(net, x, y, "cross_entropy")
    for nid, value in g.biases.items():
        i = net.bias_index[net.neuron_ids.index(nid)]
        old = net.theta[i]
        net.theta[i] = old + 1e-6
        up = loss()
        net.theta[i] = old - 1e-6
        down = loss()
        net.theta[i] = old
        assert value == pytest.approx((up - down) / 2e-6, rel=1e-6)


# ------------------------------------------------------------------------------------------------ CLI
@pytest.fixture
def files(tmp_path):
    net = tmp_path / "net.json"
    save(NETWORKS["relu mlp"], net)
    data = tmp_path / "data.csv"
    data.write_text("x1,x2,y1\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n", encoding="utf-8")
    return net, data, tmp_path / "out.json"


def _values(path) -> list[float]:
    doc = json.loads(path.read_text(encoding="utf-8"))  # strict JSON: no NaN or Infinity tokens would survive
    return [n["bias"] for n in doc["neurons"]] + [c["weight"] for c in doc["connections"]]


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
@pytest.mark.parametrize("lr", ["1e5", "1e6"])  # 1e6 is the most files and --lr allow
def test_cli_divergence_exit_1_one_line_and_last_finite_weights(files, optimizer, lr, capsys):
    net, data, out = files
    argv = ["train", str(net), "--csv", str(data), "--loss", "sse", "--optimizer", optimizer, "--lr", lr]
    code, stdout, err = run_cli(capsys, [*argv, "--epochs", "200", "-o", str(out)], kind="cli in-process (training)")
    values = _values(out)
    assert all(math.isfinite(v) for v in values)
    if code == 0:  # adam need not diverge: its steps are at most ~lr per weight
        assert optimizer == "adam"
        return
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("nn-designer: training diverged") and "(epoch " in err
    # the weights written are the engine's last finite ones: replay the same training on the engine
    model = load(net)
    engine = compile_network(model)
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    trainer = Trainer(
        engine, x, np.array([[0], [1], [1], [0]], dtype=float), TrainingSettings("sse", optimizer, float(lr))
    )
    for result in trainer.iterate(200):
        if result.diverged:
            break
    expected = [engine.biases()[n] for n in model.neurons] + [engine.weights()[k] for k in model.connections]
    assert values == expected
    if lr == "1e300":
        assert values == _values(net)  # the very first step diverged: nothing changed
    assert f"epochs {trainer.epoch}" in stdout


@pytest.mark.parametrize(
    "name", ["step only", "softmax, 1 output", "all frozen", "output without incoming", "no hidden, linear"]
)
def test_cli_train_edge_networks_writes_finite_values(name, tmp_path, capsys):
    net = tmp_path / "net.json"
    save(NETWORKS[name], net)
    data = tmp_path / "data.csv"
    header = ",".join([*NETWORKS[name].inputs, *NETWORKS[name].outputs])
    targets = ",1" * len(NETWORKS[name].outputs)
    data.write_text(f"{header}\n0,0{targets}\n", encoding="utf-8")  # a single data point, all-zero inputs
    out = tmp_path / "out.json"
    for loss in LOSSES:
        argv = ["train", str(net), "--csv", str(data), "--loss", loss, "--lr", "1e6", "--epochs", "20", "-o", str(out)]
        code, _, err = run_cli(capsys, argv, kind="cli in-process (training)")
        assert all(math.isfinite(v) for v in _values(out))
        if code == 1:
            check_error_line(err.replace("nn-designer: training", "nn-designer: error: training"))
        if name in CONSTANT:
            assert code == 0 and _values(out) == _values(net)


def test_forward_in_bounded_chunks_equals_one_pass(monkeypatch):
    """``forward`` splits big inputs so its buffers stay bounded (a 10,000-node network on a big CSV)."""
    import designer.engine.compiled as compiled

    net = compile_network(layered([2, 8, 8, 3], ["relu", "tanh", "sigmoid"], seed=4))
    x = np.random.default_rng(0).normal(size=(1000, 2))
    whole = net.forward(x)
    monkeypatch.setattr(compiled, "MAX_BUFFER_ENTRIES", 10 * net.n_rows)  # chunks of 10 samples
    sizes = []
    real = net.forward_all
    monkeypatch.setattr(net, "forward_all", lambda x, **kw: sizes.append(len(x)) or real(x, **kw))
    np.testing.assert_allclose(net.forward(x), whole, rtol=1e-12)  # BLAS may round a 10-column product differently
    assert max(sizes) == 10 and sum(sizes) == 1000
