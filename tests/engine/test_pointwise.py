"""The plain-Python evaluation (``eval --points``) against the compiled engine in float64."""

import math
import random
import warnings

import numpy as np
import pytest

from designer.engine import EngineError, compile_network
from designer.engine.pointwise import ACTIVATION, MAX_WORK, PointwiseNetwork, fits
from designer.model import ACTIVATIONS, FeatureNode, load
from tests.conftest import EXAMPLES
from tests.netgen import layered, random_dag

#: Within a few float64 units: BLAS may sum in another order or with fused multiply-adds.
REL = 1e-12
ABS = 1e-12


def _points(seed: int, n: int, n_inputs: int, scale: float = 3.0) -> list[list[float]]:
    rng = random.Random(seed)
    return [[rng.uniform(-scale, scale) for _ in range(n_inputs)] for _ in range(n)]


def _both(net, points):
    ours = np.array(PointwiseNetwork(net).forward(points), dtype=float)
    engine = compile_network(net).forward(np.array(points, dtype=float))
    return ours, engine


def _agree(ours: np.ndarray, engine: np.ndarray) -> None:
    assert ours.shape == engine.shape
    assert np.array_equal(np.isnan(ours), np.isnan(engine))
    finite = ~np.isnan(engine)
    np.testing.assert_allclose(ours[finite], engine[finite], rtol=REL, atol=ABS)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_each_activation_matches_the_engine_including_both_sides_of_zero(activation):
    """One neuron z = x (weight 1, bias 0) shows g itself, at 0, ±0, just below/above 0, far out, inf, NaN."""
    net = layered([1, 1], [activation])
    net.connections[("x1", "y1")].weight = 1.0
    net.neurons["y1"].bias = 0.0
    zs = [0.0, -0.0, -1e-300, 1e-300, -0.25, 0.25, -3.0, 3.0, -800.0, 800.0, -1e308, 1e308]
    ours, engine = _both(net, [[z] for z in zs])
    _agree(ours, engine)
    assert np.array_equal(np.signbit(ours), np.signbit(engine))  # relu(-0.0) is 0.0 in both
    assert ACTIVATION[activation](math.inf) == pytest.approx(float(compile_network(net).forward([[math.inf]])[0, 0]))


def test_step_and_relu_at_zero_follow_the_lecture():
    assert ACTIVATION["step"](0.0) == 1.0 and ACTIVATION["step"](-1e-300) == 0.0
    assert ACTIVATION["relu"](-1e-300) == 0.0 and ACTIVATION["relu"](2.5) == 2.5
    assert math.isnan(ACTIVATION["relu"](math.nan)) and ACTIVATION["step"](math.nan) == 0.0
    assert ACTIVATION["sigmoid"](-1000.0) == 0.0 and ACTIVATION["sigmoid"](1000.0) == 1.0


@pytest.mark.parametrize("seed", range(12))
def test_random_networks_with_skip_connections_and_mixed_activations(seed):
    net = random_dag(seed, n_inputs=3, n_hidden=7, n_outputs=2, activations=ACTIVATIONS)
    _agree(*_both(net, _points(seed, 40, 3)))


@pytest.mark.parametrize("seed", range(4))
def test_softmax_outputs_match_and_sum_to_one(seed):
    net = random_dag(seed, n_inputs=2, n_hidden=5, n_outputs=3, softmax=True)
    ours, engine = _both(net, _points(seed, 30, 2, scale=50.0))
    _agree(ours, engine)
    np.testing.assert_allclose(ours.sum(axis=1), 1.0, rtol=1e-12)


def test_overflowing_values_are_not_finite_where_the_engines_are():
    """inf − inf may come out as NaN here and ±inf from BLAS (its order of operations): both say "overflow"."""
    net = layered([2, 3, 2], ["linear", "linear"], seed=1)
    for c in net.connections.values():
        c.weight = 1e200
    points = [[1e200, -1e200], [1e200, 1e200], [0.0, 0.0], [1e-200, 1e-200]]
    for softmax in (False, True):
        net.softmax = softmax
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # overflow is in the numbers, not in warnings
            ours, engine = _both(net, points)
        assert np.array_equal(np.isfinite(ours), np.isfinite(engine))
        assert not np.isfinite(ours[:2]).any() and np.isfinite(ours[2:]).all()
        np.testing.assert_allclose(ours[2:], engine[2:], rtol=REL, atol=ABS)


@pytest.mark.parametrize("name", ["xor-step", "perceptron", "logistic-regression", "mlp-2-3-3-1", "linear-layers"])
def test_shipped_examples_match(name):
    net = load(EXAMPLES / f"{name}.json")
    _agree(*_both(net, _points(7, 25, len(net.inputs))))


def test_xor_gives_its_truth_table_exactly():
    net = load(EXAMPLES / "xor-step.json")
    assert PointwiseNetwork(net).forward([[0, 0], [0, 1], [1, 0], [1, 1]]) == [[0.0], [1.0], [1.0], [0.0]]


def test_invalid_networks_are_refused_with_the_engines_message():
    net = layered([2, 2, 1], ["relu", "sigmoid"])
    net.outputs = []
    with pytest.raises(EngineError) as ours:
        PointwiseNetwork(net)
    with pytest.raises(EngineError) as engine:
        compile_network(net)
    assert str(ours.value) == str(engine.value) and "no output" in str(ours.value)


def test_only_small_jobs_without_features_are_taken():
    net = layered([2, 8, 8, 1], ["relu", "relu", "sigmoid"])
    work_per_point = len(net.connections) + len(net.neurons)
    assert fits(net, MAX_WORK // work_per_point)
    assert not fits(net, MAX_WORK // work_per_point + 1)
    net.features["f1"] = FeatureNode("f1", "x1 * x2")
    assert not fits(net, 1)
    with pytest.raises(EngineError, match="features"):
        PointwiseNetwork(net)
