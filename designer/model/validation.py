"""Validation: every fault a network can have, each with a precise message."""

from __future__ import annotations

import math

from designer.model.experiment import split_problem, training_problems
from designer.model.graph import find_cycle
from designer.model.network import ACTIVATIONS, Network, position_problem


def _finite_problems(network: Network) -> list[str]:
    problems = []
    for node in [*network.inputs.values(), *network.features.values(), *network.neurons.values()]:
        if problem := position_problem(node.id, node.position):
            problems.append(problem)
    for neuron in network.neurons.values():
        if not math.isfinite(neuron.bias):
            problems.append(f"neuron '{neuron.id}': bias {neuron.bias!r} is not a finite number")
    for c in network.connections.values():
        if not math.isfinite(c.weight):
            problems.append(f"connection {c.source} → {c.target}: weight {c.weight!r} is not a finite number")
    return problems


def _id_problems(network: Network) -> list[str]:
    problems = []
    for node_id in network.node_ids():
        if not node_id or not node_id.strip():
            problems.append("a node has an empty id")
    for node_id in set(network.inputs) & set(network.neurons):
        problems.append(f"duplicate id '{node_id}': used by an input and a neuron")
    for node_id in set(network.features) & (set(network.inputs) | set(network.neurons)):
        other = "an input" if node_id in network.inputs else "a neuron"
        problems.append(f"duplicate id '{node_id}': used by a feature and {other}")
    return problems


def feature_problem(network: Network, expression: str, more_inputs: list[str] | None = None) -> str | None:
    """Why ``expression`` cannot be a feature of this network (its names must be raw inputs), or None.
    ``more_inputs``: inputs added in the same step (a paste), which it may read too."""
    # imported here: most networks have no features, and the parser's import is a third of `eval`'s start
    from designer.model.formula import FEATURE, FormulaError, parse

    try:
        parse(expression, [*network.inputs, *(more_inputs or ())], FEATURE)
    except FormulaError as exc:
        return str(exc)
    return None


def _feature_problems(network: Network) -> list[str]:
    problems = []
    for feature in network.features.values():
        reason = feature_problem(network, feature.expression)
        if reason:
            problems.append(f"feature '{feature.id}': {reason}")
    return problems


def _connection_problems(network: Network) -> list[str]:
    problems = []
    for c in network.connections.values():
        for end, node_id in (("source", c.source), ("target", c.target)):
            if not network.has_node(node_id):
                problems.append(f"connection {c.source} → {c.target}: unknown {end} '{node_id}'")
        if c.target in network.inputs:
            problems.append(f"connection {c.source} → {c.target}: an input cannot receive a connection")
        elif c.target in network.features:
            problems.append(
                f"connection {c.source} → {c.target}: a feature is computed from the inputs, it receives no connection"
            )
        if c.source == c.target:
            problems.append(f"connection {c.source} → {c.target}: a neuron cannot connect to itself")
    return problems


def _output_problems(network: Network) -> list[str]:
    problems = []
    seen: set[str] = set()
    for out in network.outputs:
        if out in seen:
            problems.append(f"output '{out}' is listed twice")
        seen.add(out)
        if out in network.inputs:
            problems.append(f"output '{out}' is an input; outputs must be neurons")
        elif out in network.features:
            problems.append(f"output '{out}' is a feature; outputs must be neurons")
        elif out not in network.neurons:
            problems.append(f"output '{out}' is not a neuron of this network")
    if network.softmax:
        for out in network.outputs:
            neuron = network.neurons.get(out)
            if neuron is not None and neuron.activation != "linear":
                problems.append(
                    f"output '{out}' uses {neuron.activation}; with softmax the output neurons must be linear"
                )
    return problems


def validate(network: Network) -> list[str]:
    """All problems of ``network`` (empty list: it can be evaluated)."""
    problems = _id_problems(network)
    for neuron in network.neurons.values():
        if neuron.activation not in ACTIVATIONS:
            problems.append(
                f"neuron '{neuron.id}': unknown activation '{neuron.activation}' (known: {', '.join(ACTIVATIONS)})"
            )
    problems += _finite_problems(network)
    problems += _feature_problems(network)
    problems += _connection_problems(network)
    problems += _output_problems(network)
    cycle = find_cycle(network)
    if cycle is not None:
        problems.append("cycle: " + " → ".join(cycle))
    if network.training is not None:
        problems += training_problems(network.training)
        odd_split = split_problem(network.training, {*network.inputs, *network.outputs})
        if odd_split is not None:
            problems.append(odd_split)
    return problems
