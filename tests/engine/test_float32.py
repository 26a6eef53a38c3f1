"""The float32 training path: tanh in both of its float32 ways (numpy's, and through exp where
numpy's is slow), and training's in-place dL/dz buffers, against the exact float64 path."""

import warnings

import numpy as np
import pytest

from designer.engine import TrainingSettings, activations, compile_network
from designer.engine.activations import apply, derivative, float32_way, kernel, numpy_simd_target
from designer.engine.backprop import Workspace
from tests.engine.trainpath import trajectory
from tests.netgen import layered, random_dag

WAYS = (False, True)  # numpy's float32 tanh, tanh through exp


@pytest.fixture(params=WAYS, ids=("numpy-tanh", "tanh-through-exp"))
def tanh_way(request, monkeypatch):
    """Runs a test with float32 tanh forced to one way (whatever this CPU would choose)."""
    monkeypatch.setitem(activations.FLOAT32_USES_ALTERNATIVE, "tanh", request.param)
    assert float32_way("tanh") == ("alternative" if request.param else "numpy")
    return request.param


def test_tanh_through_exp_is_within_two_float32_units_of_tanh(tanh_way):
    z = np.concatenate([np.linspace(-60, 60, 24001), [-3e38, -1e4, -44.5, -44.0, 44.0, 1e4, 3e38]])
    z32 = z.astype(np.float32)
    g = np.empty_like(z32)
    with np.errstate(all="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")
        apply("tanh", z32, g)
    exact = np.tanh(z32.astype(np.float64))
    assert np.max(np.abs(g - exact)) <= 2.4e-7
    assert g[-7] == -1.0 and g[-1] == 1.0 and np.all(np.abs(g) <= 1.0)
    special = np.array([np.nan, -np.inf, np.inf], np.float32)
    out = np.empty_like(special)
    apply("tanh", special, out)
    assert np.isnan(out[0]) and out[1] == -1.0 and out[2] == 1.0


def test_float32_tanh_slope_matches_central_differences_of_float64(tanh_way):
    z = np.array([-6.0, -2.0, -0.3, 0.4, 1.7, 5.0])
    h = 1e-6
    numeric = (np.tanh(z + h) - np.tanh(z - h)) / (2 * h)
    np.testing.assert_allclose(derivative("tanh", z, np.float32), numeric, rtol=2e-6, atol=1e-6)


def test_float64_always_uses_numpy_tanh(monkeypatch):
    monkeypatch.setitem(activations.FLOAT32_USES_ALTERNATIVE, "tanh", True)
    assert kernel("tanh", np.float64).value is activations.KERNELS["tanh"].value
    assert kernel("tanh", np.float32).value is not activations.KERNELS["tanh"].value


def test_the_choice_follows_numpys_simd_target(monkeypatch):
    """Decided from what numpy reports, never timed: the same machine always trains the same way."""
    monkeypatch.setattr(activations.platform, "machine", lambda: "x86_64")
    for target, exp_form in [("X86_V3", True), ("AVX2", True), ("X86_V4", False), ("AVX512_SKX", False), ("", False)]:
        monkeypatch.setattr(activations, "numpy_simd_target", lambda *_, t=target: t)
        assert activations._alternative_wins("tanh") is exp_form, target
    assert not activations._alternative_wins("sigmoid")
    monkeypatch.setattr(activations.platform, "machine", lambda: "arm64")
    monkeypatch.setattr(activations, "numpy_simd_target", lambda *_: "X86_V3")
    assert not activations._alternative_wins("tanh")


def test_numpy_reports_a_target_for_float32_tanh():
    if not hasattr(np.lib, "introspect"):
        pytest.skip("numpy too old to report its SIMD targets")
    assert numpy_simd_target("tanh", "float32")
    assert numpy_simd_target("no_such_ufunc", "float32") == ""


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_float32_training_follows_the_float64_trajectory(tanh_way, optimizer):
    """25 steps of a tanh net in float32 (the app's training) stay on the exact path's trajectory,
    itself checked against PyTorch and finite differences (test_math_torch, test_math)."""
    net = layered([2, 6, 5, 1], ["tanh", "tanh", "sigmoid"], seed=3)
    rng = np.random.default_rng(0)
    x = rng.normal(0, 1.5, (40, 2))
    y = (x[:, :1] * x[:, 1:] > 0).astype(float)
    settings = TrainingSettings(loss="mse", optimizer=optimizer, learning_rate=0.05)
    exact = trajectory(net, x, y, settings, 25)
    single = trajectory(net, x, y, settings, 25, dtype=np.float32)
    for step, (a, b) in enumerate(zip(single, exact, strict=True), start=1):
        for parameter, value in b.items():
            assert a[parameter] == pytest.approx(value, rel=1e-4, abs=1e-5), f"step {step} {parameter}"


@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
@pytest.mark.parametrize("seed", range(4))
def test_training_workspace_writes_dz_over_da_and_gets_the_same_gradient(seed, loss):
    """Training's workspace (dL/dz written over dL/da) gives the per-node workspace's gradient bit
    for bit, also on its second and third batch (rows it must zero again every step)."""
    model = random_dag(seed, n_inputs=3, n_hidden=7, n_outputs=2, activations=("tanh", "relu", "sigmoid"))
    if loss == "cross_entropy":
        for o in model.outputs:
            model.neurons[o].activation = "sigmoid"
    net = compile_network(model)
    rng = np.random.default_rng(seed)
    training = Workspace(net, 9, loss, per_node=False)
    assert training.grad_z is training.grad_a
    for _ in range(3):
        x = rng.normal(0, 1.5, (3, 9))
        y = rng.integers(0, 2, (2, 9)).astype(float)
        reference = Workspace(net, 9, loss)
        for ws in (training, reference):
            ws.inputs[...] = x
            ws.forward()
        assert training.backward(y) == reference.backward(y)
        assert np.array_equal(training.grad, reference.grad)


@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
def test_per_sample_gradients_of_a_float32_network_are_float32(loss):
    from designer.engine import gradients
    from designer.model.templates import two_two_one

    net = compile_network(two_two_one("sigmoid", seed=3), np.float32)
    x, y = np.array([[0.0, 1.0], [1.0, 0.0], [0.5, 0.5]]), np.array([[1.0], [0.0], [1.0]])
    g = gradients(net, x, y, loss)
    assert {a.dtype for a in [*g.grad_z.values(), *g.grad_a.values()]} == {np.dtype(np.float32)}
    exact = gradients(compile_network(two_two_one("sigmoid", seed=3)), x, y, loss)
    for n in g.grad_z:
        assert g.grad_z[n] == pytest.approx(exact.grad_z[n], rel=1e-5, abs=1e-6)
