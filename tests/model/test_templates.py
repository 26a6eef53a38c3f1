"""File ▸ New's starting networks: valid, the documented shape, seeded starting weights."""

import pytest

from designer.model import TrainingSection, validate
from designer.model.initial import copies, layer_weights
from designer.model.templates import TEMPLATES, empty, single_neuron, two_two_one, xor_starter


@pytest.mark.parametrize("key", list(TEMPLATES))
def test_every_template_is_a_valid_network(key):
    title, build = TEMPLATES[key]
    assert title and validate(build()) == []


def test_the_empty_network_is_untitled_and_empty():
    net = empty()
    assert net.name == "Untitled" and list(net.node_ids()) == [] and net.outputs == []


def test_the_single_neuron_is_the_lectures_perceptron_with_unit_weights():
    net = single_neuron()
    assert net.name == "Single neuron"  # the title of the unsaved window, the saved file's "name"
    assert [(i.id, i.label) for i in net.inputs.values()] == [("x1", "x₁"), ("x2", "x₂")]
    assert net.neurons["y"].activation == "sigmoid" and net.neurons["y"].bias == 0.0 and net.outputs == ["y"]
    assert {k: c.weight for k, c in net.connections.items()} == {("x1", "y"): 1.0, ("x2", "y"): 1.0}


def test_two_two_one_is_two_inputs_two_hidden_one_output_fully_connected():
    net = two_two_one()
    assert net.name == "2-2-1 network" and list(net.inputs) == ["x1", "x2"]
    assert list(net.neurons) == ["h1", "h2", "y"] and net.outputs == ["y"]
    assert all(net.neurons[n].id == n and net.neurons[n].activation == "sigmoid" for n in net.neurons)
    assert list(net.connections) == [("x1", "h1"), ("x2", "h1"), ("x1", "h2"), ("x2", "h2"), ("h1", "y"), ("h2", "y")]
    assert copies(net) == []  # seeded random weights: the two hidden neurons can learn different things


@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_two_two_one_starts_from_the_activations_initialisation(activation):
    net = two_two_one(activation, seed=7)
    expected = layer_weights(["x1", "x2"], ["h1", "h2"], activation, 7)
    expected.update(layer_weights(["h1", "h2"], ["y"], activation, 8))
    assert {k: c.weight for k, c in net.connections.items()} == expected
    assert {n.activation for n in net.neurons.values()} == {activation}


def test_two_two_one_with_a_weight_gives_the_hidden_neurons_opposite_signs():
    net = two_two_one("tanh", weight=1.5)
    weights = {k: c.weight for k, c in net.connections.items()}
    assert weights == {
        ("x1", "h1"): 1.5,
        ("x2", "h1"): 1.5,
        ("x1", "h2"): -1.5,
        ("x2", "h2"): -1.5,
        ("h1", "y"): 1.5,
        ("h2", "y"): 1.5,
    }


def test_the_xor_starter_is_step_units_with_every_number_at_zero():
    net = xor_starter()
    assert net.name == "XOR starter" and "XOR" in net.description
    assert list(net.inputs) == ["x1", "x2"] and list(net.neurons) == ["h1", "h2", "y"]
    assert {n.activation for n in net.neurons.values()} == {"step"}
    assert len(net.connections) == 6 and all(c.weight == 0.0 for c in net.connections.values())
    assert all(n.bias == 0.0 for n in net.neurons.values())


def test_file_new_2_2_1_carries_training_settings_that_learn_xor():
    """With the app's first settings (SGD at 0.03) File ▸ New ▸ 2-2-1 sat at loss 0.25 on XOR for minutes:
    the template carries its experiment, Adam at 0.03 to epoch 1000 (tests/cli/test_template_training.py
    trains it), as a shipped example does."""
    title, build = TEMPLATES["2-2-1"]
    net = build()
    assert title == "2-2-1 network" and net.name == "2-2-1 network"
    assert net.training == TrainingSection(
        dataset="xor", optimizer="adam", learning_rate=0.03, batch_size=10, epochs=1000
    )
    plain = two_two_one()
    assert [c.weight for c in net.connections.values()] == [c.weight for c in plain.connections.values()]
    assert build().training is not net.training  # each new network its own section
    for plain in (two_two_one(), xor_starter(), single_neuron(), empty()):
        assert plain.training is None  # the other templates, and two_two_one() itself, stay plain designs
