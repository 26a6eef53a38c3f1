"""Exercise files at and beyond the work limits (tests and bench/exercise_load.py build them here)."""

from __future__ import annotations

import json
from typing import Any

from designer.exercises.expressions import compiled


def balanced_sum(terms: list[str]) -> str:
    """``terms`` added as a balanced tree, so a long expression stays within the nesting limit."""
    while len(terms) > 1:
        right = [*terms[1::2], *[""] * (len(terms) % 2)]
        terms = [f"({a}+{b})" if b else a for a, b in zip(terms[::2], right, strict=True)]
    return terms[0]


def expensive_expression(ids: list[str], max_chars: int = 2000) -> str:
    """The costliest expression of at most ``max_chars``: sin and % (about 40 ns per value each)."""
    terms: list[str] = []
    while True:
        a, b = ids[len(terms) % len(ids)], ids[(len(terms) + 1) % len(ids)]
        candidate = balanced_sum([*terms, f"sin({a})%{b}"])
        if len(candidate) > max_chars:
            return balanced_sum(terms)
        terms.append(f"sin({a})%{b}")


def expression_with_cost(ids: list[str], cost: int) -> str:
    """An expression whose cost (syntax-tree nodes) is at most ``cost`` and close to it."""
    terms: list[str] = []
    while True:
        candidate = balanced_sum([*terms, f"sin({ids[len(terms) % len(ids)]})"])
        if compiled(candidate, tuple(ids)).cost > cost:
            return balanced_sum(terms) if terms else ids[0]
        terms.append(f"sin({ids[len(terms) % len(ids)]})")


def exercise(
    n_inputs: int, expressions: list[str], points: int, kind: str = "function", margin: float = 0.0
) -> dict[str, Any]:
    ids = [f"x{i + 1}" for i in range(n_inputs)]
    sample: dict[str, Any] = {"random": points, "seed": 1}
    if margin:
        sample["margin"] = margin
    expression: str | list[str] = expressions if len(expressions) > 1 else expressions[0]
    return {
        "format": "nn-designer-exercise",
        "version": 1,
        "id": "heavy",
        "title": "Heavy",
        "group": "decision boundaries",
        "prompt": "p",
        "inputs": [{"id": i, "range": [0.5, 1.5]} for i in ids],
        "target": {"kind": kind, "expression": expression, "sample": sample},
        "pass": {"rule": "max_error", "tolerance": 0.1} if kind == "function" else {"rule": "classify"},
        "constraints": {},
        "solutions": [_network(ids)],
    }


def _network(ids: list[str]) -> dict[str, Any]:
    """A network with the exercise's inputs and one linear output (a solution slot; it need not pass)."""
    return {
        "format": "nn-designer",
        "version": 1,
        "inputs": [{"id": i} for i in ids],
        "neurons": [{"id": "y", "activation": "linear", "bias": 0}],
        "connections": [{"source": ids[0], "target": "y", "weight": 1}],
        "outputs": ["y"],
    }


def the_219_second_file() -> bytes:
    """Issue 12's file: 16 inputs, 16 target expressions of 2,000 characters, 100,000 random points."""
    ids = [f"x{i + 1}" for i in range(16)]
    return json.dumps(exercise(16, [expensive_expression(ids)] * 16, 100_000)).encode()
