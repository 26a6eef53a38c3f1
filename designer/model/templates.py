"""Starting points for File ▸ New: plain networks built in code."""

from __future__ import annotations

from collections.abc import Callable

from designer.model.experiment import TrainingSection
from designer.model.initial import layer_weights
from designer.model.network import Connection, InputNode, Network, Neuron


def empty() -> Network:
    return Network(name="Untitled")


def _inputs(net: Network, count: int) -> None:
    subscripts = "₁₂₃₄₅₆₇₈₉"
    for i in range(count):
        node_id = f"x{i + 1}"
        net.inputs[node_id] = InputNode(node_id, label=f"x{subscripts[i]}", position=(0.0, 120.0 * i))


def single_neuron() -> Network:
    """One sigmoid neuron on two inputs: the lecture's logistic regression / perceptron."""
    net = Network(name="Single neuron")
    _inputs(net, 2)
    net.neurons["y"] = Neuron("y", "sigmoid", 0.0, position=(220.0, 60.0))
    for x in net.inputs:
        net.connections[(x, "y")] = Connection(x, "y", 1.0)
    net.outputs = ["y"]
    return net


def two_two_one(activation: str = "sigmoid", weight: float | None = None, seed: int = 0) -> Network:
    """A 2-2-1 multilayer perceptron, fully connected: small random weights (seeded; Glorot or He by
    activation) that can learn, or ±``weight`` when given."""
    net = Network(name="2-2-1 network")
    _inputs(net, 2)
    hidden = ["h1", "h2"]
    for j, h in enumerate(hidden):
        net.neurons[h] = Neuron(h, activation, 0.0, position=(220.0, 120.0 * j))
    net.neurons["y"] = Neuron("y", activation, 0.0, position=(440.0, 60.0))
    if weight is None:
        values = layer_weights(list(net.inputs), hidden, activation, seed)
        values.update(layer_weights(hidden, ["y"], activation, seed + 1))
    else:
        values = {(x, h): weight if j == 0 else -weight for j, h in enumerate(hidden) for x in net.inputs}
        values.update({(h, "y"): weight for h in hidden})
    for (s, t), w in values.items():
        net.connections[(s, t)] = Connection(s, t, w)
    net.outputs = ["y"]
    return net


def xor_training() -> TrainingSection:
    """What File ▸ New ▸ 2-2-1 trains with: XOR, Adam at learning rate 0.03, to epoch 1000.

    From the template's weights Adam fits XOR in about 250 epochs (under a second of Play); the app's
    first settings (SGD at 0.03) sat at loss 0.25, accuracy 0.5, for 30,000 epochs, and a new user saw
    nothing happen. The other values are the app's own (batch size 10: full batch on XOR's 4 rows)."""
    return TrainingSection(dataset="xor", optimizer="adam", learning_rate=0.03, batch_size=10, epochs=1000)


def two_two_one_on_xor() -> Network:
    """File ▸ New's 2-2-1 network: :func:`two_two_one` with training settings that learn XOR."""
    net = two_two_one()
    net.training = xor_training()
    return net


def xor_starter() -> Network:
    """The XOR exercise's shape with step units and all weights at zero: fill in the numbers."""
    net = two_two_one("step", 0.0)
    net.name = "XOR starter"
    net.description = "Set the weights and biases so that y = x1 XOR x2."
    for c in net.connections.values():
        c.weight = 0.0
    return net


TEMPLATES: dict[str, tuple[str, Callable[[], Network]]] = {
    "empty": ("Empty network", empty),
    "single": ("Single neuron (2 → 1)", single_neuron),
    "2-2-1": ("2-2-1 network", two_two_one_on_xor),
    "xor-starter": ("XOR starter (step units)", xor_starter),
}
