"""Backprop against central finite differences and against PyTorch autograd (float64)."""

import numpy as np
import pytest

from designer.engine import compile_network, gradients
from designer.engine.compiled import CompiledNetwork
from designer.model.graph import topological_order
from tests.netgen import random_dag

SEEDS = range(12)


def _data(net, seed, n=7, classification=False):
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1.5, (n, len(net.inputs)))
    k = len(net.outputs)
    if net.softmax:
        y = np.eye(k)[rng.integers(0, k, n)]
    elif classification:
        y = rng.integers(0, 2, (n, k)).astype(float)
    else:
        y = rng.normal(0, 1, (n, k))
    return x, y


def _loss_at(net: CompiledNetwork, x, y, loss):
    return gradients(net, x, y, loss).loss


def _finite_difference(net: CompiledNetwork, x, y, loss, index, h=1e-6):
    old = net.theta[index]
    net.theta[index] = old + h
    up = _loss_at(net, x, y, loss)
    net.theta[index] = old - h
    down = _loss_at(net, x, y, loss)
    net.theta[index] = old
    return (up - down) / (2 * h)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("loss", ["mse", "sse", "cross_entropy"])
def test_gradients_match_finite_differences(seed, loss):
    acts = ("linear", "sigmoid", "tanh") if loss != "cross_entropy" else ("linear", "sigmoid", "tanh")
    softmax = loss == "cross_entropy" and seed % 3 == 0
    net_model = random_dag(seed, n_inputs=3, n_hidden=6, n_outputs=2, activations=acts, softmax=softmax)
    if loss == "cross_entropy" and not softmax:
        for o in net_model.outputs:
            net_model.neurons[o].activation = "sigmoid"
    net = compile_network(net_model)
    x, y = _data(net_model, seed, classification=loss == "cross_entropy")
    g = gradients(net, x, y, loss)
    for key, value in g.connections.items():
        idx = net.connection_index[net.connection_keys.index(key)]
        assert value == pytest.approx(_finite_difference(net, x, y, loss, idx), rel=1e-5, abs=1e-7), key
    for nid, value in g.biases.items():
        idx = net.bias_index[net.neuron_ids.index(nid)]
        assert value == pytest.approx(_finite_difference(net, x, y, loss, idx), rel=1e-5, abs=1e-7), nid


def test_relu_derivative_at_zero_is_one_and_step_has_zero_gradient():
    from designer.model import Connection, InputNode, Network, Neuron

    net = Network(
        inputs={"x": InputNode("x")},
        neurons={"r": Neuron("r", "relu", 0.0), "s": Neuron("s", "step", 0.0), "y": Neuron("y", "linear", 0.0)},
        connections={
            ("x", "r"): Connection("x", "r", 1.0),
            ("x", "s"): Connection("x", "s", 1.0),
            ("r", "y"): Connection("r", "y", 1.0),
            ("s", "y"): Connection("s", "y", 1.0),
        },
        outputs=["y"],
    )
    g = gradients(compile_network(net), np.array([[0.0]]), np.array([[0.0]]), "sse")
    # y = relu(0) + step(0) = 0 + 1 = 1; dL/dy = 2
    assert g.loss == 1.0
    assert g.biases["r"] == 2.0  # relu'(0) = 1
    assert g.biases["s"] == 0.0  # step' = 0
    assert g.connections[("x", "s")] == 0.0


def _torch_reference(net_model, x, y, loss):
    torch = pytest.importorskip("torch")
    t = torch.float64
    params = {}
    value = {}
    for i, nid in enumerate(net_model.inputs):
        value[nid] = torch.tensor(x[:, i], dtype=t)
    for key, c in net_model.connections.items():
        params[key] = torch.tensor(c.weight, dtype=t, requires_grad=True)
    for nid, n in net_model.neurons.items():
        params[nid] = torch.tensor(n.bias, dtype=t, requires_grad=True)
    fns = {
        "linear": lambda z: z,
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "relu": torch.relu,
    }
    for nid in topological_order(net_model):
        n = net_model.neurons[nid]
        z = params[nid] + sum(params[c.key] * value[c.source] for c in net_model.incoming(nid))
        value[nid] = fns[n.activation](z * torch.ones(len(x), dtype=t))
    out = torch.stack([value[o] for o in net_model.outputs], dim=1)
    target = torch.tensor(y, dtype=t)
    if net_model.softmax:
        if loss == "cross_entropy":
            lv = -(target * torch.log_softmax(out, dim=1)).sum(dim=1).mean()
        else:
            p = torch.softmax(out, dim=1)
            lv = ((p - target) ** 2).mean() if loss == "mse" else ((p - target) ** 2).sum()
    elif loss == "cross_entropy":
        lv = torch.nn.functional.binary_cross_entropy(out, target)
    elif loss == "mse":
        lv = ((out - target) ** 2).mean()
    else:
        lv = ((out - target) ** 2).sum()
    lv.backward()
    grads = {k: 0.0 if p.grad is None else float(p.grad) for k, p in params.items()}
    return float(lv.detach()), grads


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize("loss", ["mse", "sse", "cross_entropy"])
def test_gradients_match_torch_autograd(seed, loss):
    pytest.importorskip("torch")
    softmax = loss != "sse" and seed % 4 == 0
    net_model = random_dag(
        seed + 100, n_inputs=2 + seed % 3, n_hidden=3 + seed % 7, n_outputs=1 + seed % 3, softmax=softmax
    )
    if loss == "cross_entropy" and not softmax:
        for o in net_model.outputs:
            net_model.neurons[o].activation = "sigmoid"
    x, y = _data(net_model, seed, n=9, classification=loss == "cross_entropy")
    g = gradients(compile_network(net_model), x, y, loss)
    ref_loss, ref = _torch_reference(net_model, x, y, loss)
    assert g.loss == pytest.approx(ref_loss, abs=1e-9, rel=1e-9)
    for key, value in g.connections.items():
        assert value == pytest.approx(ref[key], abs=1e-9, rel=1e-9), key
    for nid, value in g.biases.items():
        assert value == pytest.approx(ref[nid], abs=1e-9, rel=1e-9), nid
