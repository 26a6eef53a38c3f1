"""Feature nodes in the engine: rows from the raw inputs, forward and backward, against hand-written
numpy, central finite differences and PyTorch autograd; softmax classifiers trained end to end."""

import numpy as np
import pytest

from designer.engine import Trainer, TrainingSettings, compile_network, gradients, make_dataset, randomize
from designer.model import AddNode, Connection, FeatureNode, Network
from designer.model.graph import topological_order
from tests.engine.test_gradients import _finite_difference
from tests.featuregen import POOL, add_features, points_away_from_poles
from tests.netgen import random_dag
from tests.torchref import require_torch

SEEDS = range(10)


def _net(seed, softmax=False, n_outputs=1):
    net = random_dag(seed, n_inputs=2, n_hidden=4, n_outputs=n_outputs, softmax=softmax)
    return add_features(net, seed, count=2 + seed % 3)


def _columns(x):
    return {"x1": x[:, 0], "x2": x[:, 1]}


def _reference_forward(net, x):
    """Every node's value by hand: features from the pool's numpy versions, neurons one by one."""
    value = _columns(x)
    for fid, feature in net.features.items():
        value[fid] = POOL[feature.expression][0](_columns(x))
    g = {
        "linear": lambda z: z,
        "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
        "tanh": np.tanh,
        "relu": lambda z: np.maximum(z, 0),
        "step": lambda z: (z >= 0).astype(float),
    }
    for nid in topological_order(net):
        neuron = net.neurons[nid]
        z = neuron.bias + sum(c.weight * value[c.source] for c in net.incoming(nid))
        value[nid] = g[neuron.activation](z + 0 * x[:, 0])
    out = np.stack([value[o] for o in net.outputs], axis=1)
    if net.softmax:
        out = np.exp(out - out.max(axis=1, keepdims=True))
        out /= out.sum(axis=1, keepdims=True)
    return value, out


@pytest.mark.parametrize("seed", SEEDS)
def test_forward_computes_feature_rows_from_the_raw_inputs(seed):
    net = _net(seed, softmax=seed % 2 == 0, n_outputs=1 + seed % 3)
    x = points_away_from_poles(50, seed)
    compiled = compile_network(net)
    assert compiled.n_inputs == 2 and compiled.input_ids == ["x1", "x2"]
    assert compiled.feature_ids == list(net.features) and compiled.n_sources == 2 + len(net.features)
    values, expected = _reference_forward(net, x)
    np.testing.assert_allclose(compiled.forward(x), expected, rtol=1e-12, atol=1e-12)
    z, a = compiled.forward_all(x)
    for j, fid in enumerate(compiled.feature_ids):
        row = compiled.index[fid]
        assert row == compiled.n_inputs + j  # the documented layout: raw inputs, then features in order
        np.testing.assert_allclose(a[row], values[fid], rtol=1e-12)
        np.testing.assert_array_equal(z[row], a[row])  # z of a feature is its value, like an input's


def test_float32_rows_stay_float32_and_agree():
    net = _net(3)
    x = points_away_from_poles(40, 3)
    c64, c32 = compile_network(net), compile_network(net, np.float32)
    _, a32 = c32.forward_all(x, keep_z=False)
    assert a32.dtype == np.float32
    np.testing.assert_allclose(c32.forward(x), c64.forward(x), rtol=2e-4, atol=2e-5)


def test_large_batches_are_chunked_with_features():
    net = _net(1)
    x = points_away_from_poles(70_000, 1)
    compiled = compile_network(net)
    np.testing.assert_allclose(compiled.forward(x), _reference_forward(net, x)[1], rtol=1e-10, atol=1e-12)


def _loss(net, x, y, loss):
    return gradients(net, x, y, loss).loss


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
def test_gradients_with_features_match_finite_differences(seed, loss):
    softmax = loss == "cross_entropy"
    model = _net(seed, softmax=softmax, n_outputs=3 if softmax else 1)
    compiled = compile_network(model)
    x = points_away_from_poles(6, seed + 1)
    rng = np.random.default_rng(seed)
    y = np.eye(3)[rng.integers(0, 3, len(x))] if softmax else rng.normal(0, 1, (len(x), 1))
    g = gradients(compiled, x, y, loss)
    h = 1e-6
    for key in [k for k in g.connections if k[0] in model.features] + list(g.connections)[:4]:
        i = compiled.connection_index[compiled.connection_keys.index(key)]
        numeric = _finite_difference(compiled, x, y, loss, i, h)
        assert g.connections[key] == pytest.approx(numeric, rel=1e-5, abs=1e-8), key
    # dL/dx of the raw inputs, carried back through the features by the chain rule
    for sample in range(len(x)):
        for column, input_id in enumerate(("x1", "x2")):
            moved = x.copy()
            moved[sample, column] += h
            up = _loss(compiled, moved, y, loss)
            moved[sample, column] -= 2 * h
            down = _loss(compiled, moved, y, loss)
            numeric = (up - down) / (2 * h)
            assert g.grad_a[input_id][sample] == pytest.approx(numeric, rel=1e-5, abs=1e-8), (input_id, sample)


def _torch_gradients(model, x, y, loss):
    torch = require_torch()
    t = torch.float64
    xt = torch.tensor(x, dtype=t, requires_grad=True)
    columns = {"x1": xt[:, 0], "x2": xt[:, 1]}
    value = dict(columns)
    for fid, feature in model.features.items():
        value[fid] = POOL[feature.expression][1](columns)
    params = {k: torch.tensor(c.weight, dtype=t, requires_grad=True) for k, c in model.connections.items()}
    params.update({n: torch.tensor(v.bias, dtype=t, requires_grad=True) for n, v in model.neurons.items()})
    fns = {"linear": lambda z: z, "sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu}
    for nid in topological_order(model):
        z = params[nid] + sum(params[c.key] * value[c.source] for c in model.incoming(nid))
        value[nid] = fns[model.neurons[nid].activation](z * torch.ones(len(x), dtype=t))
    out = torch.stack([value[o] for o in model.outputs], dim=1)
    target = torch.tensor(y, dtype=t)
    if loss == "cross_entropy":
        lv = -(target * torch.log_softmax(out, dim=1)).sum(dim=1).mean()
    else:
        lv = ((out - target) ** 2).mean()
    lv.backward()
    grads = {k: 0.0 if p.grad is None else float(p.grad) for k, p in params.items()}
    return float(lv.detach()), grads, xt.grad.numpy()


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
def test_gradients_with_features_match_torch(seed, loss):
    softmax = loss == "cross_entropy"
    model = _net(seed + 40, softmax=softmax, n_outputs=3 if softmax else 1 + seed % 2)
    x = points_away_from_poles(9, seed)
    rng = np.random.default_rng(seed)
    k = len(model.outputs)
    y = np.eye(k)[rng.integers(0, k, len(x))] if softmax else rng.normal(0, 1, (len(x), k))
    g = gradients(compile_network(model), x, y, loss)
    ref_loss, ref, ref_x = _torch_gradients(model, x, y, loss)
    assert g.loss == pytest.approx(ref_loss, rel=1e-10, abs=1e-12)
    for key, value in g.connections.items():
        assert value == pytest.approx(ref[key], rel=1e-9, abs=1e-10), key
    for nid, value in g.biases.items():
        assert value == pytest.approx(ref[nid], rel=1e-9, abs=1e-10), nid
    np.testing.assert_allclose(np.stack([g.grad_a["x1"], g.grad_a["x2"]], axis=1), ref_x, rtol=1e-8, atol=1e-10)


def _circle_neuron(with_features: bool) -> Network:
    net = Network(name="one neuron")
    from designer.model import InputNode, Neuron

    for i in (1, 2):
        net.inputs[f"x{i}"] = InputNode(f"x{i}")
    net.neurons["y"] = Neuron("y", "sigmoid")
    for i in (1, 2):
        net.connections[(f"x{i}", "y")] = Connection(f"x{i}", "y", 0.0)
    if with_features:
        for i in (1, 2):
            AddNode(FeatureNode(f"x{i}sq", f"x{i}^2")).do(net)
            net.connections[(f"x{i}sq", "y")] = Connection(f"x{i}sq", "y", 0.0)
    net.outputs = ["y"]
    return net


def test_one_neuron_learns_the_circle_only_with_squared_features():
    ds = make_dataset("circle", noise=0.0, seed=2)
    scores = {}
    for with_features in (False, True):
        compiled = compile_network(_circle_neuron(with_features))
        randomize(compiled, 2)
        settings = TrainingSettings(loss="cross_entropy", optimizer="adam", learning_rate=0.1, seed=2)
        trainer = Trainer(compiled, ds.x_train, ds.y_train, settings)
        for _ in trainer.iterate(300):
            pass
        scores[with_features] = trainer.evaluate(ds.x_test, ds.y_test).accuracy
    assert scores[True] == 1.0
    assert scores[False] < 0.8  # a straight line cannot separate a disk from its ring
