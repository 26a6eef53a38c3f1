"""Saturated neurons at the start of training (designer.engine.saturation), against g' computed here."""

from __future__ import annotations

import numpy as np

from designer.engine import compile_network
from designer.engine import data as dm
from designer.engine.backprop import parameter_gradients
from designer.engine.saturation import dead_relus, saturated_neurons
from designer.engine.training import Trainer, TrainingSettings
from designer.model import Connection, FeatureNode, InputNode, Network, Neuron


def chain(hidden: str, weight: float) -> Network:
    """x1 → h (``hidden``, weight ``weight``) → y (linear, weight 1)."""
    net = Network()
    net.inputs["x1"] = InputNode("x1")
    net.neurons["h"] = Neuron("h", hidden, 0.0)
    net.neurons["y"] = Neuron("y", "linear", 0.0)
    net.connections[("x1", "h")] = Connection("x1", "h", weight)
    net.connections[("h", "y")] = Connection("h", "y", 1.0)
    net.outputs = ["y"]
    return net


def circle_with_ones() -> tuple[Network, dm.Data]:
    """The README's circle, connections drawn by hand (weight 1): z = x₁² + x₂² − ½ on the circle data."""
    net = Network()
    for i in ("x1", "x2"):
        net.inputs[i] = InputNode(i)
    net.features["f1"] = FeatureNode("f1", "x1^2")
    net.features["f2"] = FeatureNode("f2", "x2^2")
    net.neurons["y"] = Neuron("y", "sigmoid", -0.5)
    for f in ("f1", "f2"):
        net.connections[(f, "y")] = Connection(f, "y", 1.0)
    net.outputs = ["y"]
    return net, dm.make(net, dm.DataOptions("circle", 0.0, 0.5, 0))


def test_a_hidden_sigmoid_far_from_zero_on_every_sample_is_reported_and_one_near_zero_is_not():
    x = np.linspace(2.0, 5.0, 50)[:, None]
    y = np.zeros((50, 1))
    z = 3.0 * x
    assert np.all(np.exp(-z) / (1 + np.exp(-z)) ** 2 < 0.0025)  # σ'(z) tiny on every sample: the reason
    assert saturated_neurons(compile_network(chain("sigmoid", 3.0)), x, y, "mse") == ["h"]
    assert saturated_neurons(compile_network(chain("sigmoid", 0.5)), x, y, "mse") == []
    assert saturated_neurons(compile_network(chain("tanh", 1.0)), x, y, "mse") == []  # |z| < 3 somewhere
    assert saturated_neurons(compile_network(chain("tanh", 2.0)), x, y, "mse") == ["h"]
    for activation in ("step", "relu"):
        assert saturated_neurons(compile_network(chain(activation, -100.0)), x, y, "mse") == []


def test_the_circle_drawn_with_weights_of_one_is_stuck_under_squared_error_and_said_so():
    net, data = circle_with_ones()
    compiled = compile_network(net)
    assert saturated_neurons(compiled, data.x_train, data.y_train, "mse") == ["y"]
    assert saturated_neurons(compiled, data.x_train, data.y_train, "cross_entropy") == []
    trainer = Trainer(
        compiled, data.x_train, data.y_train, TrainingSettings(loss="mse", learning_rate=0.03, batch_size=10)
    )
    for _ in range(100):
        trainer.run_epoch()
    assert trainer.evaluate(data.x_train, data.y_train).accuracy < 0.6  # what the message warns of: it stays stuck


def test_an_output_saturated_on_the_right_side_is_fine():
    net, data = circle_with_ones()
    flipped = dm.Data(data.name, data.x_train, 1 - data.y_train, data.x_test, 1 - data.y_test)
    assert saturated_neurons(compile_network(net), flipped.x_train, flipped.y_train, "mse") == []


def test_a_relu_below_zero_on_every_sample_is_dead_and_gets_no_gradient_at_all():
    """x in [0, 2π] (the sin data) and a negative weight: z < 0 everywhere, every gradient of its
    weight and bias exactly 0 (what "dead" means); z = 0 on one sample already lets a gradient through."""
    x = np.linspace(0.1, 2 * np.pi, 40)[:, None]
    y = np.sin(x)
    dead = compile_network(chain("relu", -0.5))
    assert dead_relus(dead, x) == ["h"]
    _, weight_grads, bias_grads = parameter_gradients(dead, x, y, "mse")
    assert weight_grads[("x1", "h")] == 0.0 and bias_grads["h"] == 0.0
    assert dead_relus(compile_network(chain("relu", 0.5)), x) == []
    assert dead_relus(compile_network(chain("relu", -0.5)), np.vstack([x, [[0.0]]])) == []  # relu'(0) = 1
    assert dead_relus(compile_network(chain("sigmoid", -0.5)), x) == []
    assert dead_relus(dead, x[:0]) == []
