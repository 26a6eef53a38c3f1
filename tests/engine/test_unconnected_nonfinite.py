"""A source a neuron does not read contributes nothing, even when it is infinite or NaN.

The compiled engine multiplies whole blocks, where a missing link is a 0 weight: 0 · ∞ would be NaN
there (``nn-designer eval --csv`` once gave y = nan where ``--points`` gave 0.731). Checked against
the plain-Python evaluator, closed forms, central finite differences and PyTorch autograd, in
float32 and float64, on batches, grids and training steps.
"""

import math

import numpy as np
import pytest

from designer.engine import Trainer, TrainingSettings, compile_network, gradients
from designer.engine.masked import masked_product
from designer.engine.pointwise import PointwiseNetwork
from designer.model.fileformat import network_from_document
from tests.torchref import TorchNetwork, require_torch

#: the tester's file: "big" overflows to inf; y does not read it, only the output o2 does
OVERFLOW = {
    "format": "nn-designer",
    "version": 1,
    "inputs": [{"id": "x1"}, {"id": "x2"}],
    "neurons": [
        {"id": "big", "activation": "linear", "bias": 1e308},
        {"id": "g", "activation": "linear", "bias": 0},
        {"id": "y", "activation": "sigmoid", "bias": 0},
        {"id": "o2", "activation": "linear", "bias": 0},
    ],
    "connections": [
        {"source": "x1", "target": "big", "weight": 1e308},
        {"source": "x2", "target": "g", "weight": 1},
        {"source": "g", "target": "y", "weight": 1},
        {"source": "big", "target": "o2", "weight": 1},
    ],
    "outputs": ["y", "o2"],
}


def _overflow(outputs=("y", "o2"), big=1e308):
    """``big`` = weight and bias of "big": 3e38 overflows float32 (at x1 > 0.14) without overflowing the cast."""
    net = network_from_document({**OVERFLOW, "outputs": list(outputs)})
    net.neurons["big"].bias = net.connections[("x1", "big")].weight = big
    return net


def _reciprocal(weight_h=0.5):
    """Feature r = 1/x1 (infinite at x1 = 0) read by h only; y reads x2 and h: y = σ(x2 + w·tanh(1/x1))."""
    return network_from_document(
        {
            "format": "nn-designer",
            "version": 2,
            "inputs": [{"id": "x1"}, {"id": "x2"}],
            "features": [{"id": "r", "expression": "1/x1"}, {"id": "q", "expression": "x1^-8"}],
            "neurons": [
                {"id": "h", "activation": "tanh", "bias": 0.25},
                {"id": "y", "activation": "sigmoid", "bias": -0.5},
            ],
            "connections": [
                {"source": "r", "target": "h", "weight": 1},
                {"source": "x2", "target": "y", "weight": 1.5},
                {"source": "h", "target": "y", "weight": weight_h},
            ],
            "outputs": ["y"],
        }
    )


def _reciprocal_reference(x):
    with np.errstate(divide="ignore"):
        h = np.tanh(1.0 / x[:, 0] + 0.25)
    return 1.0 / (1.0 + np.exp(-(1.5 * x[:, 1] + 0.5 * h - 0.5)))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_an_infinite_neuron_does_not_reach_a_neuron_that_does_not_read_it(dtype):
    net = _overflow(outputs=("y",), big=3e38 if dtype == np.float32 else 1e308)
    x = np.array([[1.0, 1.0], [2.0, -3.0], [0.0, 0.5]])
    compiled = compile_network(net, dtype)
    assert np.isinf(compiled.forward_all(x)[1][compiled.index["big"], :2]).all()
    expected = [PointwiseNetwork(net).output(p)[0] for p in x.tolist()]
    assert expected[0] == pytest.approx(1 / (1 + math.exp(-1)))
    got = compiled.forward(x)[:, 0]
    assert np.allclose(got, expected, rtol=1e-6 if dtype == np.float32 else 1e-15)


def test_eval_points_and_engine_agree_with_an_infinite_output_beside():
    net = _overflow()
    x = np.array([[1.0, 1.0]])
    engine = compile_network(net).forward(x)[0]
    plain = PointwiseNetwork(net).output([1.0, 1.0])
    assert engine[0] == plain[0] == pytest.approx(0.7310585786300049)
    assert engine[1] == plain[1] == math.inf


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_an_infinite_feature_on_a_grid_reaches_only_its_readers(dtype):
    net = _reciprocal()
    axis = np.linspace(-1.0, 1.0, 21)  # has x1 = 0 exactly: r = 1/0 = inf, q = 0^-8 = inf
    x = np.stack(np.meshgrid(axis, axis, indexing="ij"), axis=-1).reshape(-1, 2)
    compiled = compile_network(net, dtype)
    _, a = compiled.forward_all(x, keep_z=True)
    assert np.isinf(a[compiled.index["r"]]).sum() == 21
    assert np.isfinite(a[compiled.index["y"]]).all()
    tolerance = 1e-6 if dtype == np.float32 else 1e-15
    assert np.allclose(compiled.forward(x)[:, 0], _reciprocal_reference(x), rtol=tolerance, atol=tolerance)


def test_a_present_link_still_follows_ieee_arithmetic():
    """A connected source that is infinite is read: w·∞ = ±∞, and 0·∞ is NaN as in the plain evaluator."""
    weights = np.array([[2.0, 0.0, 1.0], [-1.0, 0.0, 0.0], [0.0, 3.0, 0.0], [1.0, 1.0, 0.0]])
    present = np.array([[True, False, True], [True, True, False], [True, True, False], [True, True, True]])
    sources = np.array([[np.inf, 1.0], [np.nan, 2.0], [5.0, -np.inf]])
    out = np.empty((4, 2))
    masked_product(weights, present, sources, out)
    expected = [
        [2.0 * np.inf + 5.0, 2.0 + 1.0 * -np.inf],
        [-np.inf + 0.0 * np.nan, -1.0 + 0.0 * 2.0],
        [0.0 * np.inf + 3.0 * np.nan, 0.0 + 6.0],
        [np.nan, 1.0 + 2.0 + 0.0 * -np.inf],
    ]
    np.testing.assert_array_equal(out, expected)  # NaN == NaN here; ±∞ exactly


def _finite_difference(compiled, x, y, index, h=1e-6):
    old = compiled.theta[index]
    losses = []
    for value in (old + h, old - h):
        compiled.theta[index] = value
        losses.append(gradients(compiled, x, y, "mse").loss)
    compiled.theta[index] = old
    return (losses[0] - losses[1]) / (2 * h)


def test_gradients_ignore_an_infinite_feature_nobody_downstream_reads():
    net = _reciprocal()
    x = np.array([[0.0, 0.3], [0.5, -1.0], [-2.0, 0.7]])
    y = np.array([[1.0], [0.0], [1.0]])
    compiled = compile_network(net)
    result = gradients(compiled, x, y, "mse")
    assert math.isfinite(result.loss)
    for key, value in result.connections.items():
        if key == ("r", "h"):
            continue  # reads the infinite column: its true dL/dw has ∞ · 0 in it
        flat = compiled.connection_index[compiled.connection_keys.index(key)]
        assert value == pytest.approx(_finite_difference(compiled, x, y, flat), rel=1e-6, abs=1e-9), key
    for neuron_id, value in result.biases.items():
        flat = compiled.bias_index[compiled.neuron_ids.index(neuron_id)]
        assert value == pytest.approx(_finite_difference(compiled, x, y, flat), rel=1e-6, abs=1e-9)
    assert np.isfinite(result.grad_a["x2"]).all()


def test_backward_through_a_level_beside_an_infinite_output_matches_torch():
    """o2 = ∞ makes dL/do2 infinite; g is not read by o2, so its gradients come through y alone."""
    torch = require_torch()
    net = _overflow()
    x = np.array([[1.0, 1.0], [0.5, -2.0]])
    y = np.array([[1.0, 0.0], [0.0, 0.0]])
    result = gradients(compile_network(net), x, y, "sse")
    reference = TorchNetwork(net)
    loss = reference.data_loss(x, y, "sse")
    loss.backward()
    for key in [("x2", "g"), ("g", "y")]:
        expected = reference.params[key].grad.item()
        assert math.isfinite(expected)
        assert result.connections[key] == pytest.approx(expected, rel=1e-12)
    for neuron_id in ("g", "y"):
        assert result.biases[neuron_id] == pytest.approx(reference.params[neuron_id].grad.item(), rel=1e-12)
    assert torch.isinf(loss) and result.loss == math.inf


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_training_beside_an_infinite_feature_takes_the_gradient_step(dtype):
    """h's link from r = 1/x1 is frozen (its own gradient has ∞ · 0 in it at x1 = 0); everything else
    trains: one SGD step is θ − lr · dL/dθ, missing links stay exactly 0, nothing diverges."""
    net = _reciprocal()
    net.connections[("r", "h")].trainable = False
    x = np.array([[0.0, 0.3], [0.5, -1.0], [-2.0, 0.7], [1.0, 1.0]])
    y = np.array([[1.0], [0.0], [1.0], [0.0]])
    compiled = compile_network(net, dtype)
    expected = gradients(compile_network(net), x, y, "mse")
    before = compiled.theta.copy()
    absent = np.ones(compiled.theta.shape, dtype=bool)
    absent[compiled.connection_index] = absent[compiled.bias_index] = False
    trainer = Trainer(compiled, x, y, TrainingSettings(loss="mse", optimizer="sgd", learning_rate=0.5, seed=0))
    result = trainer.step()
    assert not result.diverged
    assert np.isfinite(compiled.theta).all() and not compiled.theta[absent].any()
    tolerance = 1e-6 if dtype == np.float32 else 1e-15
    for key, grad in expected.connections.items():
        change = compiled.weights()[key] - before[compiled.connection_index[compiled.connection_keys.index(key)]]
        assert change == pytest.approx(0.0 if key == ("r", "h") else -0.5 * grad, abs=tolerance), key
    trainer.step()
    assert np.isfinite(compiled.theta).all()
