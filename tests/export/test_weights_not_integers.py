"""A weight or bias in a formula never reads as an integer it is not (0.99996 read "1")."""

from __future__ import annotations

import pytest

from designer.export import neuron_formula
from designer.formatting import LATEX, format_weight
from designer.model import load
from tests.conftest import EXAMPLES


@pytest.mark.parametrize(
    ("value", "text", "latex"),
    [
        (0.99996, "0.99996", "0.99996"),
        (-1.00004, "−1.00004", "-1.00004"),
        (2.71828, "2.718", "2.718"),  # short where 4 digits do not make an integer of it
        (0.5, "0.5", "0.5"),
        (3.0, "3", "3"),
        (0.00004, "4·10⁻⁵", r"4 \cdot 10^{-5}"),
        (1 - 1e-12, "≈1", r"\approx 1"),  # past what the digits can tell
    ],
)
def test_format_weight(value, text, latex):
    assert format_weight(value) == text
    assert format_weight(value, LATEX) == latex


def test_a_formula_shows_a_trained_weight_of_0_99996_as_itself():
    xor = load(EXAMPLES / "xor-step.json")
    xor.connections[("x1", "h1")].weight = 0.99996
    xor.neurons["h1"].bias = -1.00002
    assert neuron_formula(xor, "h1") == "OR = step(0.99996·x₁ + 1·x₂ − 1.00002)"
