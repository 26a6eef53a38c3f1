"""The training path's mathematics against independent references, without torch.

Every gradient here is the one a real ``Trainer.step`` applies (tests/engine/trainpath.py), compared
with central finite differences of the lecture's definitions evaluated in plain Python
(tests/engine/reference.py): every activation (relu and step just below and just above z = 0),
every loss with and without softmax, L1 and L2, frozen values; and every optimiser's first
steps against values computed by hand in this file.
"""

from __future__ import annotations

import numpy as np
import pytest

from designer.engine import Trainer, TrainingSettings, compile_network, gradients
from designer.model import ACTIVATIONS, Connection, InputNode, Network, Neuron
from tests.engine import reference
from tests.engine.cases import (
    LOSS_CASES,
    TARGETS,
    Z_VALUES,
    X,
    away_from_kinks,
    chain,
    classifier,
    one_weight,
    penalised_net,
)
from tests.engine.trainpath import step_gradient, trajectory
from tests.netgen import random_dag

DTYPES = {"float64": (np.float64, 1e-6, 1e-9), "float32": (np.float32, 2e-3, 2e-5)}  # dtype, rel, abs


def assert_gradients(trained: dict, numeric: dict, rel: float, abs_: float, where: str = "") -> None:
    assert trained.keys() == numeric.keys()
    for parameter, value in numeric.items():
        assert trained[parameter] == pytest.approx(value, rel=rel, abs=abs_), f"{where} d/d{parameter}"


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("z", Z_VALUES)
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_every_activation_matches_finite_differences_in_hidden_and_output_neurons(activation, z, dtype):
    net, x = chain(activation, z_hidden=z, z_out=-z / 2)
    y = [[0.3, -0.4]]
    zs, _ = reference.pre_activations(net, x[0])
    assert zs["h"] == pytest.approx(z) and zs["y"] == pytest.approx(-z / 2)
    kind, rel, abs_ = DTYPES[dtype]
    value, trained = step_gradient(net, x, y, "sse", dtype=kind)
    assert value == pytest.approx(reference.objective(net, x, y, "sse"), rel=rel)
    assert_gradients(trained, reference.numeric_gradient(net, x, y, "sse"), rel, abs_, f"{activation} at z={z}")


@pytest.mark.parametrize("z", Z_VALUES)
@pytest.mark.parametrize("activation", ["relu", "step"])
def test_kinked_activations_pass_exactly_the_right_gradient_through(activation, z):
    """relu' = 1 for z ≥ 0 and 0 below (however close); step' = 0 everywhere: exact, no tolerance."""
    net, x = chain(activation, z_hidden=z, z_out=1.0)
    _, trained = step_gradient(net, x, [[0.0, 0.0]], "sse")
    # dL/db_h = dL/da_h · g'(z_h); dL/da_h = 2(y − 0)·w_hy·g'(z_y) + 2(v − 0)·w_hv
    _, a = reference.pre_activations(net, x[0])
    slope_y = {"relu": 1.0, "step": 0.0}[activation]
    upstream = 2 * a["y"] * 0.8 * slope_y + 2 * a["v"] * -1.2
    slope_h = 1.0 if activation == "relu" and z >= 0 else 0.0
    assert trained["h"] == pytest.approx(upstream * slope_h, abs=1e-15)
    assert (trained["h"] == 0.0) is (slope_h == 0.0)


def test_relu_slope_at_exactly_zero_is_one_and_step_slope_is_zero():
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
    value, g = step_gradient(net, [[0.0]], [[0.0]], "sse")
    shown = gradients(compile_network(net), np.array([[0.0]]), np.array([[0.0]]), "sse")  # the gradient view's
    assert shown.biases | shown.connections == g and shown.loss == value
    # y = relu(0) + step(0) = 0 + 1 = 1; dL/dy = 2
    assert value == 1.0
    assert g["r"] == 2.0  # relu'(0) = 1
    assert g["s"] == 0.0 and g[("x", "s")] == 0.0  # step' = 0
    assert g["y"] == 2.0 and g[("s", "y")] == 2.0 and g[("r", "y")] == 0.0


@pytest.mark.parametrize("seed", range(6))
def test_random_networks_mixing_all_five_activations_match_finite_differences(seed):
    net = random_dag(seed, n_inputs=3, n_hidden=7, n_outputs=2, activations=ACTIVATIONS)
    x = np.random.default_rng(seed).normal(0, 1.5, (12, 3))
    x = x[away_from_kinks(net, x)]
    assert len(x) >= 4
    y = np.random.default_rng(seed + 50).normal(0, 1, (len(x), 2))
    value, trained = step_gradient(net, x, y, "mse")
    assert value == pytest.approx(reference.objective(net, x, y, "mse"), rel=1e-12)
    assert_gradients(trained, reference.numeric_gradient(net, x, y, "mse"), 1e-6, 1e-9, f"seed {seed}")


# ------------------------------------------------------------------ losses
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("loss, outputs, softmax, targets", LOSS_CASES)
def test_every_loss_with_and_without_softmax_matches_finite_differences(loss, outputs, softmax, targets, dtype):
    net = classifier(outputs, softmax)
    y = TARGETS[targets]
    p = [reference.outputs(net, s) for s in X]
    assert all(0 < v < 1 for row in p for v in row)  # cross-entropy is defined without clipping here
    kind, rel, abs_ = DTYPES[dtype]
    value, trained = step_gradient(net, X, y, loss, dtype=kind)
    assert value == pytest.approx(reference.objective(net, X, y, loss), rel=rel)
    numeric = reference.numeric_gradient(net, X, y, loss)
    assert_gradients(trained, numeric, rel, abs_, f"{loss}, {outputs} outputs, softmax={softmax}, {targets}")


def test_softmax_cross_entropy_pulls_the_right_output_up():
    """The sign, readably: with a one-hot target on y1, training raises z of y1 and lowers the others."""
    net = classifier("linear", softmax=True)
    _, g = step_gradient(net, X[:1], [[1.0, 0.0, 0.0]], "cross_entropy")
    # dL/dz = p − y for one sample: negative for the target (a step raises its bias), positive otherwise
    p = reference.outputs(net, X[0])
    assert g["y1"] == pytest.approx(p[0] - 1.0) and g["y1"] < 0
    assert g["y2"] == pytest.approx(p[1]) and g["y3"] == pytest.approx(p[2]) and g["y2"] > 0


# ------------------------------------------------------------- penalties
@pytest.mark.parametrize("l1, l2", [(0.05, 0.0), (0.0, 0.2), (0.05, 0.2), (0.5, 3.0)])
def test_l1_and_l2_penalties_match_finite_differences(l1, l2):
    net = penalised_net()
    x = np.random.default_rng(1).normal(size=(6, 2))
    y = np.random.default_rng(2).normal(size=(6, 1))
    value, trained = step_gradient(net, x, y, "mse", l1=l1, l2=l2)
    assert value == pytest.approx(reference.objective(net, x, y, "mse"))  # the reported loss is the data loss
    numeric = reference.numeric_gradient(net, x, y, "mse", l1=l1, l2=l2)
    frozen = [k for k, c in net.connections.items() if not c.trainable] + [
        n for n, neuron in net.neurons.items() if not neuron.trainable
    ]
    for parameter in frozen:
        assert trained[parameter] == 0.0, parameter
        numeric[parameter] = 0.0
    assert_gradients(trained, numeric, 1e-6, 1e-9, f"l1={l1}, l2={l2}")


def test_penalties_shrink_weights_and_leave_biases_alone():
    """Zero data gradient (targets equal the outputs): only the penalties act, on weights only."""
    net = penalised_net()
    x = np.random.default_rng(1).normal(size=(3, 2))
    y = [reference.outputs(net, s) for s in x]
    _, g = step_gradient(net, x, y, "sse", l1=0.1, l2=0.5)
    for key, c in net.connections.items():
        expected = (0.1 * np.sign(c.weight) + 0.5 * c.weight) if c.trainable else 0.0
        assert g[key] == pytest.approx(expected, abs=1e-12), key
    for n in net.neurons:
        assert g[n] == pytest.approx(0.0, abs=1e-12), n


# ------------------------------------------------------------ optimisers
def _run(optimizer: str, lr: float, steps: int = 3) -> list[tuple[float, float]]:
    net, x, y = one_weight()
    states = trajectory(net, x, y, TrainingSettings(loss="sse", optimizer=optimizer, learning_rate=lr), steps)
    return [(s[("x", "y")], s["y"]) for s in states]


def test_sgd_first_steps_by_hand():
    # e = 1.5 → g = (6, 3) → θ = (1, 0.5) − 0.05·(6, 3) = (0.7, 0.35); then e = 0.75, g = (3, 1.5) → (0.55, 0.275);
    # then e = 0.375, g = (1.5, 0.75) → (0.475, 0.2375)
    expected = [(0.7, 0.35), (0.55, 0.275), (0.475, 0.2375)]
    assert _run("sgd", 0.05) == [pytest.approx(e, abs=1e-15) for e in expected]


def test_momentum_first_steps_by_hand():
    # μ = 0.9, lr = 0.05. v₁ = g₁ = (6, 3) → θ₁ = (0.7, 0.35); e = 0.75, g₂ = (3, 1.5),
    # v₂ = 0.9·(6, 3) + (3, 1.5) = (8.4, 4.2) → θ₂ = (0.7 − 0.42, 0.35 − 0.21) = (0.28, 0.14);
    # e = −0.3, g₃ = (−1.2, −0.6), v₃ = (7.56 − 1.2, 3.78 − 0.6) = (6.36, 3.18) → θ₃ = (−0.038, −0.019)
    expected = [(0.7, 0.35), (0.28, 0.14), (-0.038, -0.019)]
    assert _run("momentum", 0.05) == [pytest.approx(e, abs=1e-14) for e in expected]


def test_adam_first_steps_by_hand():
    # β₁ = 0.9, β₂ = 0.999, ε = 1e-8, lr = 0.1. Step 1: m̂ = g, v̂ = g², so θ −= 0.1·g/(|g| + ε):
    # w = 1 − 0.1·6/(6 + 1e-8), b = 0.5 − 0.1·3/(3 + 1e-8).
    # Step 2: e = 1.2 (+2/3·1e-9), g = (4.8, 2.4); m_w = 0.9·0.6 + 0.1·4.8 = 1.02, v_w = 0.999·0.036 + 0.001·23.04
    # = 0.059004; m̂ = 1.02/0.19, v̂ = 0.059004/0.001999; w −= 0.1·m̂/(√v̂ + ε) (b likewise with half of m, a
    # quarter of v). Step 3 the same once more; values to 16 digits from that arithmetic in decimals.
    expected = [
        (0.9000000001666666664, 0.4000000003333333322),
        (0.8011874199318387817, 0.3011874202803825004),
        (0.7048712499059456954, 0.2048712504509850454),
    ]
    assert _run("adam", 0.1) == [pytest.approx(e, abs=1e-15) for e in expected]


def test_momentum_setting_is_used():
    net, x, y = one_weight()
    settings = TrainingSettings(loss="sse", optimizer="momentum", learning_rate=0.05, momentum=0.5)
    states = trajectory(net, x, y, settings, 2)
    # v₂ = 0.5·(6, 3) + (3, 1.5) = (6, 3) → θ₂ = (0.7 − 0.3, 0.35 − 0.15)
    assert (states[1][("x", "y")], states[1]["y"]) == pytest.approx((0.4, 0.2), abs=1e-15)


def test_mini_batches_step_on_batch_means_and_count_epochs():
    """Two samples, batch size 1: each step follows one sample's gradient; an epoch is two steps."""
    net, _, _ = one_weight()
    x = np.array([[2.0], [-1.0]])
    y = np.array([[1.0], [0.0]])
    compiled = compile_network(net)
    trainer = Trainer(compiled, x, y, TrainingSettings(loss="mse", optimizer="sgd", learning_rate=0.1, batch_size=1))
    first = trainer.step()
    # whichever sample came first, the step was along that sample's own gradient 2e·(x, 1)
    moved = (1.0 - compiled.weights()[("x", "y")], 0.5 - compiled.biases()["y"])
    per_sample = {(0.1 * 2 * 1.5 * 2.0, 0.1 * 2 * 1.5), (0.1 * 2 * -1.5 * -1.0, 0.1 * 2 * -1.5)}
    assert any(moved == pytest.approx(m, abs=1e-15) for m in per_sample)
    assert first.loss == pytest.approx(2.25) and first.epoch == 0
    second = trainer.step()
    assert second.epoch == 1 and second.step == 2
