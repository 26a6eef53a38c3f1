"""Linear collapse: an all-linear network is exactly one linear layer."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from designer.engine import compile_network
from designer.export import CollapseError, affine_map, collapse_linear, collapsible_neurons, is_all_linear
from designer.export.collapse import EXACT_BUDGET
from designer.model import Connection, InputNode, Network, Neuron, ReplaceNetwork, load, validate
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


def relative_difference(a, b, x) -> float:
    """max |b(x) − a(x)| / max |a(x)| over the points ``x`` (float64 forward passes)."""
    before, after = compile_network(a).forward(x), compile_network(b).forward(x)
    return float(np.max(np.abs(after - before)) / np.max(np.abs(before)))


@pytest.mark.parametrize(
    ("sizes", "links"),
    [([784, 128, 64, 10], 7_840), ([300, 2, 300], 90_000)],
    ids=["MNIST-sized 784-128-64-10", "300-2-300"],
)
def test_realistic_linear_mlps_collapse_exactly_enough_and_undo(sizes, links):
    # 784-128-64-10 takes 7 million multiply-adds: refused above 1,000,000, and one at a time in Python it froze 20 s
    net = layered(sizes, ["linear"] * (len(sizes) - 1), seed=5)
    original = net.copy()
    history = History(net)
    history.push(ReplaceNetwork(collapse_linear(net), "collapse linear layers"))
    assert set(net.neurons) == set(original.outputs) and len(net.connections) == links
    assert all(c.trainable for c in net.connections.values())
    x = np.random.default_rng(5).uniform(-1, 1, (100, sizes[0]))
    assert relative_difference(original, net, x) < 1e-12
    assert history.undo() and net == original
    assert history.redo() and len(net.connections) == links
    assert relative_difference(original, net, x) < 1e-12


def test_the_products_are_one_per_pair_of_levels_not_one_per_neuron(monkeypatch):
    """Counted, not timed: 784-128-64-10 is two products (784×128 by 128×64, then by 64×10) whose
    multiply-adds the plan counts before any is done."""
    from designer.engine import collapse as engine

    products = []
    real = engine._Pair.add_product
    monkeypatch.setattr(
        engine._Pair, "add_product", lambda self, a, b: products.append(b.values.shape) or real(self, a, b)
    )
    net = layered([784, 128, 64, 10], ["linear", "linear", "sigmoid"], seed=1)
    chosen = collapsible_neurons(net)
    plan = engine.plan(net, chosen)
    assert plan.work == 784 * 128 * 64 + 784 * 64 * 10
    assert plan.held == 784 * (128 + 64 + 10) + 128 * 64 + 64 * 10
    flat = collapse_linear(net)
    assert products == [(128, 64), (64, 10)]
    assert relative_difference(net, flat, np.random.default_rng(2).uniform(-1, 1, (50, 784))) < 1e-12


@pytest.mark.parametrize("seed", range(24))
def test_the_float_products_make_the_links_flags_and_values_of_exact_elimination(monkeypatch, seed):
    net = random_dag(
        seed,
        n_inputs=1 + seed % 4,
        n_hidden=3 + seed % 10,
        n_outputs=1 + seed % 3,
        activations=("linear", "linear", "relu"),
    )
    if seed % 3 == 1:  # a linear output feeding another: kept, bypassed
        net.connections[("y1", "y2")] = Connection("y1", "y2", -0.75)
    net.connections[next(iter(net.connections))].trainable = False
    exact = collapse_linear(net)
    monkeypatch.setattr("designer.export.collapse.EXACT_BUDGET", -1)
    products = collapse_linear(net)
    assert list(products.neurons) == list(exact.neurons)
    assert set(products.connections) == set(exact.connections)
    assert {k: c.trainable for k, c in products.connections.items()} == {
        k: c.trainable for k, c in exact.connections.items()
    }
    assert {k: n.trainable for k, n in products.neurons.items()} == {k: n.trainable for k, n in exact.neurons.items()}
    for key, c in exact.connections.items():
        assert products.connections[key].weight == pytest.approx(c.weight, rel=1e-12, abs=1e-12)


def test_links_whose_products_cancel_or_underflow_stay(monkeypatch):
    monkeypatch.setattr("designer.export.collapse.EXACT_BUDGET", -1)
    net = layered([1, 2, 1], ["linear", "linear"])
    net.connections[("x1", "l1n1")].weight = net.connections[("x1", "l1n2")].weight = 1e-300
    net.connections[("l1n1", "y1")].weight, net.connections[("l1n2", "y1")].weight = 1e-300, -1e-300
    flat = collapse_linear(net)
    assert flat.connections[("x1", "y1")].weight == 0.0


def test_a_collapse_that_holds_too_many_numbers_is_refused_before_it_starts():
    from designer.export.collapse import MAX_HELD

    net = layered([3000, 1, 3000], ["linear", "linear"])  # every input reaches every output: 9 million links on the way
    net.neurons["z"] = Neuron("z", "sigmoid")
    for j in range(3000):
        net.connections[(f"y{j + 1}", "z")] = Connection(f"y{j + 1}", "z", 1.0)
    net.outputs = ["z"]
    with pytest.raises(CollapseError, match=f"it holds more than {MAX_HELD:,} numbers at once"):
        collapse_linear(net)


def test_dense_blocks_between_levels_count_among_the_numbers_held():
    """Ten levels of 700 linear neurons, each reading one neuron of the level before, and one link from the
    first level to each level from the third on: 7,008 links, but 17 dense 700 × 700 blocks (8.3 million
    numbers) on the way."""
    from designer.export.collapse import MAX_HELD

    net = Network(name="wide chains")
    net.inputs["x"] = InputNode("x")
    for d in range(10):
        for i in range(700):
            net.neurons[f"h{d}_{i}"] = Neuron(f"h{d}_{i}", "linear")
            source = "x" if d == 0 else f"h{d - 1}_{i}"
            net.connections[(source, f"h{d}_{i}")] = Connection(source, f"h{d}_{i}", 1.0)
        if d > 1:
            net.connections[("h0_0", f"h{d}_1")] = Connection("h0_0", f"h{d}_1", 1.0)
    net.outputs = [f"h9_{i}" for i in range(700)]
    with pytest.raises(CollapseError, match=f"it holds more than {MAX_HELD:,} numbers at once"):
        collapse_linear(net)
