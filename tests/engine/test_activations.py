"""Activations: one table of kernels for g and g', used by training, the forward pass and the
derivative table alike; sigmoid through exp stays exact in its tails and silent for huge |z|."""

import math
import warnings

import numpy as np
import pytest

from designer.engine import Trainer, TrainingSettings, compile_network
from designer.engine.activations import KERNELS, apply, derivative, evaluate
from designer.engine.backprop import Workspace
from designer.model import ACTIVATIONS
from tests.netgen import layered

Z = np.array([-1e308, -800.0, -100.0, -50.0, -3.0, -1e-9, 0.0, 1e-9, 2.5, 40.0, 100.0, 800.0, 1e308])


def test_every_activation_of_the_model_has_one_kernel():
    assert set(KERNELS) == set(ACTIVATIONS)


def test_sigmoid_is_right_in_both_tails():
    z = np.array([-700.0, -100.0, -50.0, -20.0, 0.0, 20.0, 50.0])
    expected = [1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v)) for v in z]
    # ½ + ½·tanh(z/2) rounded everything below about -37 to 0; through exp the tiny values survive
    np.testing.assert_allclose(evaluate("sigmoid", z), expected, rtol=1e-14, atol=0)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_no_nan_and_no_floating_point_signal_for_huge_inputs(name, dtype):
    z = Z.astype(dtype) if dtype == np.float64 else np.clip(Z, -3e38, 3e38).astype(dtype)
    with np.errstate(all="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")
        g = evaluate(name, z)
        d = derivative(name, z, dtype)
    assert not np.isnan(g).any() and not np.isnan(d).any()
    if name == "sigmoid":
        assert g[0] == 0.0 and g[-1] == 1.0 and d[0] == 0.0 and d[-1] == 0.0


def _single_layer(activation):
    return layered([1, 1, 1], [activation, "linear"])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_derivative_table_is_what_training_computes(name, dtype):
    """The slope row the training forward pass fills equals :func:`derivative`, bit for bit."""
    net = compile_network(_single_layer(name), dtype)
    net.theta[:] = 0.0
    net.theta[net.connection_index[0]] = 1.0  # hidden z = x
    z = np.linspace(-9, 9, 37, dtype=dtype)
    ws = Workspace(net, len(z), "mse")
    ws.inputs[0] = z
    ws.forward()
    row = net.index["l1n1"]
    assert np.array_equal(ws.z[row], z)
    assert np.array_equal(ws.slope[row], derivative(name, z, dtype))
    g = np.empty_like(z)
    apply(name, z, g)
    assert np.array_equal(ws.a[row], g)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "linear"])
def test_derivative_matches_central_differences(name):
    z = np.array([-6.0, -2.0, -0.3, 0.4, 1.7, 5.0])
    h = 1e-6
    numeric = (evaluate(name, z + h) - evaluate(name, z - h)) / (2 * h)
    np.testing.assert_allclose(derivative(name, z), numeric, rtol=1e-7, atol=1e-9)


def test_float32_sigmoid_agrees_with_float64():
    z = np.linspace(-80, 80, 2001).astype(np.float32)
    g32 = np.empty_like(z)
    apply("sigmoid", z, g32)
    np.testing.assert_allclose(g32, evaluate("sigmoid", z), rtol=1e-6, atol=1e-37)
    # g(1 - g) loses e^-z once g rounds to 1 in float32: the slope is then off by at most 1e-7
    np.testing.assert_allclose(derivative("sigmoid", z, np.float32), derivative("sigmoid", z), rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_training_on_saturating_sigmoids_stays_finite_and_silent(dtype):
    net = compile_network(layered([2, 4, 1], ["sigmoid", "sigmoid"]), dtype)
    net.theta[:] = 500.0  # every z is huge: e^-z overflows for the negative ones
    x = np.array([[-3.0, -2.0], [1.0, 2.0], [-1.0, 3.0]])
    y = np.array([[0.0], [1.0], [1.0]])
    trainer = Trainer(net, x, y, TrainingSettings(loss="cross_entropy", learning_rate=0.1))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = trainer.step()
        out = net.forward(x)
    assert not result.diverged and np.isfinite(result.loss)
    assert np.all(np.isfinite(net.theta)) and np.all((out >= 0) & (out <= 1))
