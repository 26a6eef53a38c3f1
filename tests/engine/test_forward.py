"""Forward pass: the lecture's examples, activations, and agreement with a per-neuron reference."""

import math

import numpy as np
import pytest

from designer.engine import EngineError, compile_network
from designer.engine.activations import derivative, evaluate
from designer.model import Connection, InputNode, Network, Neuron, load
from designer.model.graph import topological_order
from tests.conftest import EXAMPLES
from tests.netgen import random_dag

TABLE = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)


def test_hand_designed_xor_gives_0110():
    net = compile_network(load(EXAMPLES / "xor-step.json"))
    assert net.forward(TABLE)[:, 0].tolist() == [0.0, 1.0, 1.0, 0.0]


def _single(activation, bias, w1=1.0, w2=1.0):
    return Network(
        inputs={"x1": InputNode("x1"), "x2": InputNode("x2")},
        neurons={"y": Neuron("y", activation, bias)},
        connections={("x1", "y"): Connection("x1", "y", w1), ("x2", "y"): Connection("x2", "y", w2)},
        outputs=["y"],
    )


def test_and_with_bias_exactly_minus_two_uses_step_of_zero_is_one():
    out = compile_network(_single("step", -2.0)).forward(TABLE)[:, 0]
    assert out.tolist() == [0.0, 0.0, 0.0, 1.0]


def test_activation_values_and_derivatives_follow_the_lecture():
    z = np.array([-2.0, 0.0, 3.0])
    assert evaluate("step", z).tolist() == [0.0, 1.0, 1.0]
    assert derivative("step", z).tolist() == [0.0, 0.0, 0.0]
    assert evaluate("relu", z).tolist() == [0.0, 0.0, 3.0]
    assert derivative("relu", z).tolist() == [0.0, 1.0, 1.0]
    g = 1 / (1 + np.exp(-z))
    assert evaluate("sigmoid", z) == pytest.approx(g, abs=1e-15)
    assert derivative("sigmoid", z) == pytest.approx(g * (1 - g), abs=1e-15)
    assert derivative("tanh", z) == pytest.approx(1 - np.tanh(z) ** 2)
    assert derivative("linear", z).tolist() == [1.0, 1.0, 1.0]


def test_evaluate_takes_any_numbers_and_names_an_unknown_activation():
    values = evaluate("sigmoid", [0, 2])  # integers in, float64 out
    assert values.dtype == np.float64 and values.tolist() == pytest.approx([0.5, 1 / (1 + np.exp(-2))])
    with pytest.raises(ValueError, match="unknown activation 'swish'"):
        evaluate("swish", [0.0])


def test_sigmoid_is_stable_for_huge_inputs():
    with np.errstate(all="raise"):
        out = evaluate("sigmoid", np.array([-1e308, -800.0, 800.0, 1e308]))
    assert out.tolist() == [0.0, 0.0, 1.0, 1.0]


def _reference(net, x):
    """One neuron at a time in plain Python floats: an independent implementation."""
    fns = {
        "linear": lambda z: z,
        "sigmoid": lambda z: 1 / (1 + math.exp(-z)) if z > -700 else 0.0,
        "step": lambda z: 1.0 if z >= 0 else 0.0,
        "relu": lambda z: max(0.0, z),
        "tanh": math.tanh,
    }
    out = []
    for row in x:
        value = dict(zip(net.inputs, row, strict=True))
        for nid in topological_order(net):
            n = net.neurons[nid]
            z = n.bias + sum(c.weight * value[c.source] for c in net.incoming(nid))
            value[nid] = fns[n.activation](z)
        outs = [value[o] for o in net.outputs]
        if net.softmax:
            m = max(outs)
            e = [math.exp(v - m) for v in outs]
            outs = [v / sum(e) for v in e]
        out.append(outs)
    return np.array(out)


@pytest.mark.parametrize("seed", range(15))
def test_random_dags_match_per_neuron_reference(seed):
    acts = ("linear", "sigmoid", "step", "relu", "tanh")
    net = random_dag(
        seed, n_inputs=1 + seed % 3, n_hidden=seed % 9, n_outputs=1 + seed % 3, activations=acts, softmax=seed % 4 == 0
    )
    x = np.random.default_rng(seed).normal(0, 2, (25, len(net.inputs)))
    assert compile_network(net).forward(x) == pytest.approx(_reference(net, x), abs=1e-12)


def test_grid_with_every_neuron_map_in_chunks_equals_unchunked():
    net = random_dag(3, n_hidden=8)
    compiled = compile_network(net)
    x = np.random.default_rng(0).uniform(-6, 6, (1000, 2))
    z1, a1 = compiled.forward_all(x)
    z2, a2 = compiled.forward_all(x, chunk=77)
    assert a1 == pytest.approx(a2, abs=1e-12) and z1 == pytest.approx(z2, abs=1e-12)
    h = compiled.index["h1"]
    assert a1[h].shape == (1000,)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_forward_in_chunks_gives_the_networks_dtype_and_no_z_unless_asked(dtype):
    net = compile_network(load(EXAMPLES / "xor-step.json"), dtype)
    x = np.tile(TABLE, (5, 1))
    z, a = net.forward_all(x, chunk=3)
    assert z.dtype == a.dtype == dtype and a[net.index["y"]].tolist() == [0.0, 1.0, 1.0, 0.0] * 5
    z, a2 = net.forward_all(x, keep_z=False, chunk=3)
    assert z is None and np.array_equal(a2, a)


def test_value_edits_update_in_place_without_recompiling():
    model = load(EXAMPLES / "xor-step.json")
    net = compile_network(model)
    net.set_bias("h2", -2.5)  # h2 never fires: y = OR
    assert net.forward(TABLE)[:, 0].tolist() == [0.0, 1.0, 1.0, 1.0]
    model.neurons["h2"].bias = -1.5
    net.load_values(model)
    assert net.forward(TABLE)[:, 0].tolist() == [0.0, 1.0, 1.0, 0.0]


def test_set_weight_and_set_bias_change_exactly_that_value():
    model = load(EXAMPLES / "xor-step.json")
    net = compile_network(model)
    weights, biases = net.weights(), net.biases()
    net.set_weight(("x1", "h1"), 0.25)
    net.set_bias("h2", -2.5)
    assert net.weights() == {**weights, ("x1", "h1"): 0.25}
    assert net.biases() == {**biases, "h2": -2.5}


def test_network_without_output_cannot_be_compiled():
    net = _single("step", 0)
    net.outputs = []
    with pytest.raises(EngineError, match="no output neuron"):
        compile_network(net)


def test_float32_matches_float64_closely():
    net = random_dag(5, n_hidden=8)
    x = np.random.default_rng(1).normal(size=(50, 2))
    assert compile_network(net, np.float32).forward(x) == pytest.approx(compile_network(net).forward(x), abs=1e-5)


def test_data_beyond_float32_become_inf_without_a_warning_and_are_named():
    """Training data of 1e300 in a float32 network: numpy warned "overflow encountered in cast" (an
    error under -W error, raised out of the landscape view's refresh); the value is ±inf as before, and
    ``first_beyond`` names the first one a view can say."""
    import warnings

    from designer.engine.compiled import first_beyond

    net = compile_network(load(EXAMPLES / "xor-step.json"), np.float32)
    x = np.array([[0.0, 1.0], [2e300, -3e300]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        xt = net.as_node_major(x)
    assert xt[:, 1].tolist() == [math.inf, -math.inf]
    assert first_beyond(x, np.float32) == (1, 0, 2e300)
    assert first_beyond(x, np.float64) is None and first_beyond(np.array([[1.0, math.inf]]), np.float32) is None
