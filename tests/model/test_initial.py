"""Starting weights of new layers (Glorot / He uniform, seeded) and the check for neurons that stay copies."""

import math

import pytest

from designer.model import Connection, InputNode, Network, Neuron
from designer.model.initial import copies, layer_weights, limit, scheme


@pytest.mark.parametrize(("activation", "name"), [("relu", "He"), ("sigmoid", "Glorot"), ("tanh", "Glorot")])
def test_relu_gets_he_and_the_others_glorot(activation, name):
    assert scheme(activation) == name


def test_the_ranges_are_the_textbook_ones():
    assert limit("relu", 6, 100) == pytest.approx(1.0)  # He: √(6 / fan_in)
    assert limit("relu", 24, 1) == pytest.approx(0.5)
    assert limit("sigmoid", 2, 4) == pytest.approx(1.0)  # Glorot: √(6 / (fan_in + fan_out))
    assert limit("linear", 20, 4) == pytest.approx(0.5)
    assert limit("relu", 0, 3) == pytest.approx(math.sqrt(6.0))  # no sources yet: as for one
    assert limit("step", 0, 0) == pytest.approx(math.sqrt(6.0))


def test_layer_weights_cover_the_whole_symmetric_range_rounded_to_three_digits():
    sources = [f"x{i}" for i in range(6)]
    targets = [f"h{i}" for i in range(200)]
    weights = layer_weights(sources, targets, "relu", seed=5)  # He bound √(6/6) = 1
    assert list(weights) == [(s, t) for t in targets for s in sources]
    values = list(weights.values())
    assert all(-1.0 <= w <= 1.0 and round(w, 3) == w for w in values)
    assert min(values) < -0.95 and max(values) > 0.95
    assert abs(sum(values) / len(values)) < 0.05
    assert len(set(values)) > 500  # no copies: distinct numbers


def test_layer_weights_are_repeatable_by_seed():
    first = layer_weights(["x1", "x2"], ["h1", "h2"], "tanh", seed=3)
    assert layer_weights(["x1", "x2"], ["h1", "h2"], "tanh", seed=3) == first
    assert layer_weights(["x1", "x2"], ["h1", "h2"], "tanh", seed=4) != first
    glorot = layer_weights(["x1", "x2"], ["h1", "h2"], "tanh", seed=3).values()
    assert all(abs(w) <= math.sqrt(6.0 / 4) for w in glorot)


def _two_hidden(**second) -> Network:
    net = Network(name="copies")
    net.inputs["x"] = InputNode("x")
    net.neurons["a"] = Neuron("a", "sigmoid", 0.5)
    net.neurons["b"] = Neuron("b", second.get("activation", "sigmoid"), second.get("bias", 0.5))
    net.neurons["b"].trainable = second.get("trainable", True)
    net.neurons["y"] = Neuron("y", "linear", 0.0)
    for h in ("a", "b"):
        net.connections[("x", h)] = Connection("x", h, 1.0, trainable=second.get("in_trainable", True) or h == "a")
        net.connections[(h, "y")] = Connection(h, "y", second.get("out", 2.0) if h == "b" else 2.0)
    net.outputs = ["y"]
    return net


def test_hidden_neurons_with_the_same_values_are_copies():
    assert copies(_two_hidden()) == [["a", "b"]]


@pytest.mark.parametrize(
    "difference",
    [
        {"activation": "tanh"},
        {"bias": 0.25},
        {"trainable": False},
        {"in_trainable": False},
        {"out": 3.0},
    ],
)
def test_any_difference_or_lock_makes_them_not_copies(difference):
    assert copies(_two_hidden(**difference)) == []


def test_outputs_and_neurons_without_inputs_or_outputs_are_never_copies():
    net = _two_hidden()
    net.outputs = ["y", "a", "b"]
    assert copies(net) == []
    unfed = _two_hidden()
    del unfed.connections[("x", "a")], unfed.connections[("x", "b")]
    assert copies(unfed) == []
    dead_ends = _two_hidden()
    del dead_ends.connections[("a", "y")], dead_ends.connections[("b", "y")]
    assert copies(dead_ends) == []
    two_outputs = _two_hidden()
    two_outputs.neurons["z"] = Neuron("z", "linear", 0.0)
    two_outputs.outputs = ["y", "z"]
    assert copies(two_outputs) == [["a", "b"]]
