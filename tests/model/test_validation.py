"""Every fault a network can have gets its own precise message."""

import math

from designer.model import Connection, InputNode, Network, Neuron, validate
from designer.model.fileformat import parse_document, to_document
from designer.model.graph import find_cycle


def _base() -> Network:
    return Network(
        inputs={"x1": InputNode("x1"), "x2": InputNode("x2")},
        neurons={"h": Neuron("h", "relu", 0.5), "y": Neuron("y", "sigmoid", 0.0)},
        connections={
            ("x1", "h"): Connection("x1", "h", 1.0),
            ("x2", "h"): Connection("x2", "h", 1.0),
            ("h", "y"): Connection("h", "y", 1.0),
        },
        outputs=["y"],
    )


def test_valid_network_has_no_problems():
    assert validate(_base()) == []


def test_cycle_names_its_nodes():
    net = _base()
    net.neurons["g"] = Neuron("g", "relu")
    net.connections[("y", "g")] = Connection("y", "g", 1.0)
    net.connections[("g", "h")] = Connection("g", "h", 1.0)
    (problem,) = validate(net)
    assert problem.startswith("cycle: ")
    nodes = problem.removeprefix("cycle: ").split(" → ")
    assert nodes[0] == nodes[-1] and set(nodes) == {"h", "y", "g"}


def test_connection_to_unknown_node():
    net = _base()
    net.connections[("x1", "ghost")] = Connection("x1", "ghost", 1.0)
    assert validate(net) == ["connection x1 → ghost: unknown target 'ghost'"]


def test_connection_into_input():
    net = _base()
    net.connections[("h", "x1")] = Connection("h", "x1", 1.0)
    problems = validate(net)
    assert "connection h → x1: an input cannot receive a connection" in problems


def test_output_that_is_not_a_neuron():
    net = _base()
    net.outputs = ["x1", "nope"]
    problems = validate(net)
    assert "output 'x1' is an input; outputs must be neurons" in problems
    assert "output 'nope' is not a neuron of this network" in problems


def test_non_finite_numbers():
    net = _base()
    net.neurons["h"].bias = math.nan
    net.connections[("h", "y")].weight = math.inf
    problems = validate(net)
    assert "neuron 'h': bias nan is not a finite number" in problems
    assert "connection h → y: weight inf is not a finite number" in problems


def test_unknown_activation_lists_known_ones():
    net = _base()
    net.neurons["h"].activation = "swish"
    assert validate(net) == ["neuron 'h': unknown activation 'swish' (known: linear, sigmoid, step, relu, tanh)"]


def test_empty_and_duplicate_ids():
    net = _base()
    net.neurons[""] = Neuron("", "relu")
    net.neurons["x1"] = Neuron("x1", "relu")
    problems = validate(net)
    assert "a node has an empty id" in problems
    assert "duplicate id 'x1': used by an input and a neuron" in problems


def test_duplicates_found_while_parsing():
    doc = to_document(_base())
    doc["neurons"].append(dict(doc["neurons"][0]))
    doc["connections"].append(dict(doc["connections"][0]))
    _, problems = parse_document(doc)
    assert problems == ["duplicate neuron id 'h'", "duplicate connection x1 → h"]


def test_softmax_needs_linear_outputs():
    net = _base()
    net.softmax = True
    assert validate(net) == ["output 'y' uses sigmoid; with softmax the output neurons must be linear"]


def test_a_cycle_through_a_later_successor_is_found():
    net = Network(name="c")
    net.inputs["x"] = InputNode("x")
    for n in "abc":
        net.neurons[n] = Neuron(n, "linear")
    for s, t in [("x", "a"), ("a", "b"), ("a", "c"), ("c", "a")]:  # a's second successor leads back to a
        net.connections[(s, t)] = Connection(s, t, 1.0)
    net.outputs = ["b"]
    assert find_cycle(net) == ["a", "c", "a"]
    assert validate(net) == ["cycle: a → c → a"]
