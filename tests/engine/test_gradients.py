"""``engine.gradients`` (what the gradient view and ``nn-designer grad`` show) against central finite
differences and PyTorch autograd (float64), on random DAGs with all five activations."""

import warnings

import numpy as np
import pytest

from designer.engine import compile_network, gradients
from designer.engine.backprop import BatchGradient
from designer.engine.compiled import CompiledNetwork
from designer.model import ACTIVATIONS
from designer.model.templates import two_two_one
from tests.engine.cases import away_from_kinks
from tests.netgen import random_dag
from tests.torchref import TorchNetwork, require_torch

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
    softmax = loss != "sse" and seed % 3 == 0
    net_model = random_dag(seed, n_inputs=3, n_hidden=6, n_outputs=2, activations=ACTIVATIONS, softmax=softmax)
    if loss == "cross_entropy" and not softmax:
        for o in net_model.outputs:
            net_model.neurons[o].activation = "sigmoid"
    net = compile_network(net_model)
    x, y = _data(net_model, seed, n=12, classification=loss == "cross_entropy")
    keep = away_from_kinks(net_model, x)  # relu and step neurons: no sample within ±h of their kink
    x, y = x[keep], y[keep]
    assert len(x) >= 3
    g = gradients(net, x, y, loss)
    for key, value in g.connections.items():
        idx = net.connection_index[net.connection_keys.index(key)]
        assert value == pytest.approx(_finite_difference(net, x, y, loss, idx), rel=1e-5, abs=1e-7), key
    for nid, value in g.biases.items():
        idx = net.bias_index[net.neuron_ids.index(nid)]
        assert value == pytest.approx(_finite_difference(net, x, y, loss, idx), rel=1e-5, abs=1e-7), nid


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize("loss", ["mse", "sse", "cross_entropy"])
def test_gradients_match_torch_autograd(seed, loss):
    require_torch()
    softmax = loss != "sse" and seed % 4 == 0
    net_model = random_dag(
        seed + 100, n_inputs=2 + seed % 3, n_hidden=3 + seed % 7, n_outputs=1 + seed % 3, softmax=softmax
    )
    if loss == "cross_entropy" and not softmax:
        for o in net_model.outputs:
            net_model.neurons[o].activation = "sigmoid"
    x, y = _data(net_model, seed, n=9, classification=loss == "cross_entropy")
    g = gradients(compile_network(net_model), x, y, loss)
    ref_loss, ref = TorchNetwork(net_model).gradients(x, y, loss)
    assert g.loss == pytest.approx(ref_loss, abs=1e-9, rel=1e-9)
    for key, value in g.connections.items():
        assert value == pytest.approx(ref[key], abs=1e-9, rel=1e-9), key
    for nid, value in g.biases.items():
        assert value == pytest.approx(ref[nid], abs=1e-9, rel=1e-9), nid


@pytest.mark.parametrize("activation", ["relu", "linear"])
def test_a_diverging_network_gives_non_finite_numbers_without_a_warning(activation):
    net = two_two_one(activation, weight=1e200)  # z overflows to inf, inf - inf is nan: callers check for them
    x, y = np.array([[1.0, -3.0], [2.0, 5.0]]), np.array([[1.0, 0.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss, grad = BatchGradient(compile_network(net), "mse").compute(x, y)
    assert not (np.isfinite(loss) and np.all(np.isfinite(grad)))
