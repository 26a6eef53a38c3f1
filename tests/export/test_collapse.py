"""Linear collapse: an all-linear network is exactly one linear layer."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from designer.engine import compile_network
from designer.export import CollapseError, affine_map, collapse_linear, collapsible_neurons, is_all_linear
from designer.export.collapse import EXACT_BUDGET
from designer.model import Connection, ReplaceNetwork, load, validate
from tests.conftest import EXAMPLES
from tests.export.helpers import safe_points, sample_inputs, skip_network
from tests.model.history import History
from tests.netgen import layered, random_dag


def assert_same_function(a, b, x, tol=1e-9):
    np.testing.assert_allclose(compile_network(b).forward(x), compile_network(a).forward(x), rtol=tol, atol=tol)


@pytest.mark.parametrize("seed", range(30))
def test_random_all_linear_dags_collapse_to_one_layer(seed):
    net = random_dag(
        seed, n_inputs=1 + seed % 4, n_hidden=3 + seed % 10, n_outputs=1 + seed % 3, activations=("linear",)
    )
    if seed % 3 == 1:  # two outputs: let one feed the other
        net.connections[("y1", "y2")] = Connection("y1", "y2", -0.75)
        assert "y1" in collapsible_neurons(net)
    assert is_all_linear(net)
    flat = collapse_linear(net)
    assert validate(flat) == []
    assert set(flat.neurons) == set(net.outputs) and flat.outputs == net.outputs
    assert all(s in flat.inputs and t in flat.neurons for s, t in flat.connections)
    assert collapsible_neurons(flat) == []
    x = np.random.default_rng(seed).uniform(-5, 5, (64, len(net.inputs)))
    assert_same_function(net, flat, x)
    w, b = affine_map(net)
    np.testing.assert_allclose(x @ np.array(w).T + np.array(b), compile_network(net).forward(x), rtol=1e-9, atol=1e-9)


def test_deep_linear_chain_is_one_layer_and_keeps_nodes():
    net = layered([2, 6, 5, 4, 2], ["linear"] * 4, seed=3)
    net.neurons["y1"].label = "first"
    flat = collapse_linear(net)
    assert list(flat.inputs) == ["x1", "x2"] and [n.position for n in flat.inputs.values()] == [
        n.position for n in net.inputs.values()
    ]
    assert list(flat.neurons) == ["y1", "y2"] and flat.neurons["y1"].label == "first"
    assert flat.neurons["y2"].position == net.neurons["y2"].position
    assert len(flat.connections) == 4 and flat.name == net.name
    assert_same_function(net, flat, np.random.default_rng(0).uniform(-3, 3, (50, 2)))


def test_large_networks_use_float64_and_still_match():
    net = layered([3, 80, 80, 2], ["linear"] * 3, seed=1)
    assert sum(1 for _ in net.connections) * 80 > EXACT_BUDGET
    flat = collapse_linear(net)
    assert_same_function(net, flat, np.random.default_rng(1).uniform(-3, 3, (50, 3)))


def test_exact_arithmetic_rounds_once():
    # y = 0.1·(0.1·(0.1·x)): in exact arithmetic the weight is 0.1³ of the binary 0.1, rounded once
    net = layered([1, 1, 1, 1], ["linear"] * 3)
    for c in net.connections.values():
        c.weight = 0.1
    for n in net.neurons.values():
        n.bias = 0.0
    w, _ = affine_map(net)
    assert w[0][0] == float(Fraction(0.1) ** 3)


def test_linear_chains_inside_a_nonlinear_net_are_removed():
    net = random_dag(11, n_inputs=2, n_hidden=12, n_outputs=2, activations=("linear", "relu", "tanh", "step"))
    removed = collapsible_neurons(net)
    assert removed
    flat = collapse_linear(net)
    outputs = set(net.outputs)
    assert all(n.activation != "linear" or n.id in outputs for n in flat.neurons.values())
    assert all(n not in flat.neurons for n in removed if n not in outputs)
    x = sample_inputs(net, seed=2)
    x = x[safe_points(flat, x)]  # away from step thresholds in both networks
    assert len(x) > 50
    assert_same_function(net, flat, x)


def test_only_the_chosen_neurons_are_collapsed_and_flags_follow():
    net = layered([2, 3, 3, 1], ["linear", "linear", "sigmoid"], seed=2)
    net.connections[("l2n1", "y1")].trainable = False  # untouched: stays frozen
    net.connections[("x1", "l1n1")].trainable = False  # merged away
    flat = collapse_linear(net, ["l1n1", "l1n2", "l1n3"])
    assert set(flat.neurons) == {"l2n1", "l2n2", "l2n3", "y1"}
    assert not flat.connections[("l2n1", "y1")].trainable
    assert flat.connections[("x1", "l2n1")].trainable
    assert_same_function(net, flat, np.random.default_rng(3).uniform(-3, 3, (40, 2)))


def test_refusals():
    net = skip_network()
    with pytest.raises(CollapseError, match="relu"):
        collapse_linear(net, ["h1"])
    with pytest.raises(CollapseError, match="not a neuron"):
        collapse_linear(net, ["x1"])
    with pytest.raises(CollapseError, match="every neuron must be linear"):
        affine_map(net)
    net.connections[("y", "h1")] = Connection("y", "h1", 1.0)
    with pytest.raises(CollapseError, match="cycle"):
        collapse_linear(net)


def test_nothing_to_collapse_gives_an_equal_network():
    net = load(EXAMPLES / "xor-step.json")
    assert collapsible_neurons(net) == []
    assert collapse_linear(net) == net


def test_replace_is_one_undoable_edit():
    net = layered([2, 4, 1], ["linear", "linear"])
    original = net.copy()
    history = History(net)
    history.push(ReplaceNetwork(collapse_linear(net), "collapse linear layers"))
    assert set(net.neurons) == {"y1"}
    assert history.undo()
    assert net == original
    assert history.redo() and set(net.neurons) == {"y1"}
