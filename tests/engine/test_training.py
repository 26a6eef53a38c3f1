"""Training: losses as defined, convergence, frozen values, divergence, determinism, datasets (the
optimisers against hand-computed values and torch.optim are in test_math*.py)."""

import numpy as np
import pytest

from designer.engine import Trainer, TrainingSettings, compile_network, loss_value, make_dataset, randomize
from designer.engine.datasets import DATASETS, DatasetError, read_csv
from tests.netgen import layered, random_dag


def test_loss_definitions():
    p = np.array([[0.2], [0.9]])
    y = np.array([[0.0], [1.0]])
    assert loss_value("mse", p, y) == pytest.approx((0.04 + 0.01) / 2)
    assert loss_value("sse", p, y) == pytest.approx(0.05)
    assert loss_value("cross_entropy", p, y) == pytest.approx(-(np.log(0.8) + np.log(0.9)) / 2)
    # log 0 is never taken
    assert np.isfinite(loss_value("cross_entropy", np.array([[0.0], [1.0]]), np.array([[1.0], [0.0]])))


def _xor_trainer(optimizer="adam", lr=0.05, batch_size=None, seed=0, dtype=np.float64):
    net = layered([2, 4, 1], ["tanh", "sigmoid"], seed=seed)
    compiled = compile_network(net, dtype)
    randomize(compiled, seed)
    ds = make_dataset("xor-quadrants", n=200, seed=seed)
    settings = TrainingSettings(
        loss="cross_entropy", optimizer=optimizer, learning_rate=lr, batch_size=batch_size, seed=seed
    )
    return Trainer(compiled, ds.x_train, ds.y_train, settings), ds


@pytest.mark.parametrize("optimizer, lr", [("sgd", 0.5), ("momentum", 0.1), ("adam", 0.05)])
def test_training_lowers_the_loss(optimizer, lr):
    trainer, ds = _xor_trainer(optimizer, lr, batch_size=10)
    before = trainer.evaluate(ds.x_train, ds.y_train).loss
    for _ in trainer.iterate(60):
        pass
    after = trainer.evaluate(ds.x_train, ds.y_train)
    assert after.loss < before * 0.5
    assert after.accuracy > 0.9


def test_deterministic_for_a_seed():
    a, _ = _xor_trainer(batch_size=7, seed=3)
    b, _ = _xor_trainer(batch_size=7, seed=3)
    for _ in range(50):
        a.step()
        b.step()
    assert np.array_equal(a.net.theta, b.net.theta)


def test_frozen_weights_and_biases_stay_bit_identical():
    net = random_dag(4, n_hidden=5)
    keys = list(net.connections)
    net.connections[keys[0]].trainable = False
    net.connections[keys[0]].weight = 0.1 + 0.2
    frozen_neuron = next(iter(net.neurons.values()))
    frozen_neuron.trainable = False
    frozen_neuron.bias = 1 / 3
    compiled = compile_network(net)
    randomize(compiled, 1)
    x = np.random.default_rng(0).normal(size=(40, 2))
    y = np.random.default_rng(1).normal(size=(40, 1))
    trainer = Trainer(compiled, x, y, TrainingSettings(optimizer="adam", learning_rate=0.1, l1=0.01, l2=0.01))
    for _ in range(100):
        trainer.step()
    assert compiled.weights()[keys[0]] == 0.1 + 0.2
    assert compiled.biases()[frozen_neuron.id] == 1 / 3
    moved = compiled.weights()[keys[1]] != net.connections[keys[1]].weight
    assert moved


def test_divergence_is_reported_and_weights_stay_finite():
    net = layered([2, 8, 1], ["relu", "linear"])
    compiled = compile_network(net)
    x = np.random.default_rng(0).normal(0, 100, (50, 2))
    y = np.random.default_rng(1).normal(0, 100, (50, 1))
    trainer = Trainer(compiled, x, y, TrainingSettings(loss="sse", learning_rate=1e3))
    results = list(trainer.iterate(1000))
    assert results[-1].diverged
    assert "diverged" in results[-1].message
    assert np.all(np.isfinite(compiled.theta))
    before = compiled.theta.copy()
    assert trainer.step().diverged
    assert np.array_equal(compiled.theta, before)


def test_single_point_and_constant_targets_train_without_nan():
    net = layered([2, 3, 1], ["sigmoid", "sigmoid"])
    compiled = compile_network(net)
    trainer = Trainer(
        compiled, np.zeros((1, 2)), np.ones((1, 1)), TrainingSettings(loss="cross_entropy", learning_rate=5)
    )
    for _ in trainer.iterate(200):
        pass
    assert np.all(np.isfinite(compiled.theta))


@pytest.mark.parametrize("name", DATASETS)
def test_datasets_are_deterministic_and_labelled(name):
    a = make_dataset(name, noise=0.2, seed=5)
    b = make_dataset(name, noise=0.2, seed=5)
    assert np.array_equal(a.x_train, b.x_train) and np.array_equal(a.y_test, b.y_test)
    assert np.all(np.isfinite(a.x)) and len(a.x) > 0


def test_playground_sets_are_in_range_and_balanced():
    for name in ("circle", "xor-quadrants", "gauss", "spiral"):
        ds = make_dataset(name, n=500, noise=0.0, train_ratio=0.5, seed=1)
        assert len(ds.x_train) == 250 and len(ds.x_test) == 250
        assert np.abs(ds.x).max() <= 6.5
        assert 0.35 < ds.y.mean() < 0.65


def test_csv_reading_and_errors():
    x, y = read_csv("a,x1,x2,y\n9,0,1,1\n9,1,1,0\n", ["x1", "x2"], ["y"])
    assert x.tolist() == [[0, 1], [1, 1]] and y.tolist() == [[1], [0]]
    with pytest.raises(DatasetError, match="lacks column y"):
        read_csv("x1,x2\n0,1\n", ["x1", "x2"], ["y"])
    with pytest.raises(DatasetError, match="line 2, column x2: not a number"):
        read_csv("x1,x2\n0,abc\n", ["x1", "x2"])


def test_randomize_is_glorot_uniform_with_relu_biases_at_0_1():
    net = layered([3, 40, 2], ["relu", "sigmoid"])
    net.neurons["l1n1"].trainable = False
    frozen_bias = net.neurons["l1n1"].bias
    compiled = compile_network(net)
    randomize(compiled, 7)
    weights, biases = compiled.weights(), compiled.biases()
    first = [w for (s, _), w in weights.items() if s.startswith("x")]
    second = [w for (s, _), w in weights.items() if not s.startswith("x")]
    limit1, limit2 = np.sqrt(6 / (3 + 2)), np.sqrt(6 / (40 + 0))  # fan-in + fan-out of the target neuron
    assert max(map(abs, first)) <= limit1 and max(map(abs, first)) > 0.9 * limit1
    assert max(map(abs, second)) <= limit2 and max(map(abs, second)) > 0.9 * limit2
    assert min(first) < -0.5 * limit1 and max(first) > 0.5 * limit1  # both signs: uniform on (-limit, limit)
    assert abs(np.mean(first)) < 0.2 * limit1
    assert biases["l1n1"] == frozen_bias and {biases[f"l1n{j}"] for j in range(2, 41)} == {0.1}
    assert biases["y1"] == biases["y2"] == 0.0
    again = compile_network(net)
    randomize(again, 7)
    assert np.array_equal(again.theta, compiled.theta)


def test_randomize_a_network_without_connections():
    from designer.model import Network, Neuron

    net = Network(neurons={"y": Neuron("y", "relu", 0.7)}, outputs=["y"])
    compiled = compile_network(net)
    randomize(compiled, 0)
    assert compiled.biases() == {"y": 0.1}
