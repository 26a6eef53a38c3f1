"""Numbers of chain-rule drills that mutation testing (docs/testing.md, "Mutation check of the training
maths") showed no test pinned: the loss's own ∂L/∂a at an output (what the hints start backprop
from), also at an output of exactly 1 under cross-entropy, and the tolerance's boundary."""

from __future__ import annotations

import json

import pytest

from designer.exercises import load_exercise, parse_exercise
from designer.exercises.chainrule import Tolerance
from designer.resources import EXERCISES
from tests.engine import reference


def drill(loss: str, target: float = 1.0, constant_output: float | None = None) -> object:
    """chain-2-2-1-sigmoid with another loss and target; with ``constant_output`` its output y is a
    linear neuron that reads its inputs with weight 0 and so outputs exactly its bias."""
    doc = json.loads(EXERCISES.joinpath("chain-2-2-1-sigmoid.json").read_text(encoding="utf-8"))
    doc["loss"] = loss
    doc["sample"]["target"] = {"y": target}
    if constant_output is not None:
        for neuron in doc["network"]["neurons"]:
            if neuron["id"] == "y":
                neuron.update(activation="linear", bias=constant_output)
        for connection in doc["network"]["connections"]:
            if connection["target"] == "y":
                connection["weight"] = 0.0
    return parse_exercise(json.dumps(doc))


def own_gradient_by_differences(loss: str, a: float, target: float, h: float = 1e-6) -> float:
    """Central differences of the textbook loss (tests/engine/reference.py) in the output's a."""
    up = reference.loss(loss, [[a + h]], [[target]], softmax=False)
    down = reference.loss(loss, [[a - h]], [[target]], softmax=False)
    return (up - down) / (2 * h)


@pytest.mark.parametrize("loss", ["mse", "sse", "cross_entropy"])
def test_the_losss_own_derivative_at_the_output_matches_finite_differences(loss):
    exercise = drill(loss)
    values = exercise.values
    a = values.a["y"]
    assert 0.0 < a < 1.0
    expected = own_gradient_by_differences(loss, a, exercise.targets["y"])
    assert values.output_grad == {"y": pytest.approx(expected, rel=1e-6)}


def test_the_objective_j_equal_to_the_output_has_own_derivative_one():
    """The lecture's J = z₃: ∂J/∂z₃ = 1 exactly, the start of every backward step in chain-1-1-1."""
    assert load_exercise("chain-1-1-1").values.output_grad == {"f3": 1.0}


@pytest.mark.parametrize("output, target", [(1.0, 1.0), (1.0, 0.0), (0.0, 0.0), (0.0, 1.0)])
def test_cross_entropy_at_an_output_of_exactly_0_or_1_has_a_finite_own_derivative(output, target):
    """A linear output at exactly 0 or 1 has no log: the derivative (a − t)/(a(1 − a)) is taken at a
    clipped to [1e-12, 1 − 1e-12], as the engine's cross-entropy takes it, so the drill loads and
    the hint's ∂L/∂a equals the engine's (the output feeds nothing else: its ∂L/∂a is the loss's own)."""
    values = drill("cross_entropy", target, constant_output=output).values
    assert values.a["y"] == output
    clipped = min(max(output, 1e-12), 1 - 1e-12)
    expected = (clipped - target) / (clipped * (1 - clipped))
    assert values.output_grad["y"] == pytest.approx(expected, rel=1e-9)
    assert values.da["y"] == pytest.approx(expected, rel=1e-6)


def test_an_answer_exactly_at_the_tolerance_counts_as_right():
    """|answer − exact| ≤ max(absolute, relative·|exact|), both bounds included (0.5 and 0.25 are exact)."""
    assert Tolerance(absolute=0.5, relative=0.0).close(1.5, 1.0)
    assert not Tolerance(absolute=0.5, relative=0.0).close(1.5 + 1e-9, 1.0)
    assert Tolerance(absolute=0.0, relative=0.25).close(2.5, 2.0)
    assert not Tolerance(absolute=0.0, relative=0.25).close(2.5 + 1e-9, 2.0)
