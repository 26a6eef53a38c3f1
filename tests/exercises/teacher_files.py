"""A teacher's own exercise and lesson files, written from docs/exercises.md and docs/lessons.md alone:
the majority of three inputs (a truth table on three inputs, no starter of its own)."""

from __future__ import annotations

import json
from itertools import product
from pathlib import Path


def network(neurons: list[dict], connections: list[tuple[str, str, float]], inputs=("x1", "x2", "x3"), **extra) -> dict:
    """A version-1 network document with output ``y``."""
    return {
        "format": "nn-designer",
        "version": 1,
        "inputs": [{"id": i} for i in inputs],
        "neurons": neurons,
        "connections": [{"source": s, "target": t, "weight": w} for s, t, w in connections],
        "outputs": ["y"],
        **extra,
    }


def majority_solution(**extra) -> dict:
    """One step unit counting the ones: y = step(x1 + x2 + x3 - 1.5)."""
    y = {"id": "y", "activation": "step", "bias": -1.5}
    return network([y], [(x, "y", 1) for x in ("x1", "x2", "x3")], **extra)


def majority_exercise() -> dict:
    """The truth table of the majority of three, without a "starter" (the docs: just the inputs)."""
    rows = [{"inputs": list(r), "output": int(sum(r) >= 2)} for r in product((0, 1), repeat=3)]
    return {
        "format": "nn-designer-exercise",
        "version": 1,
        "id": "majority3",
        "title": "Majority of three",
        "group": "logic gates",
        "prompt": "Output 1 when at least two of x1, x2, x3 are 1.",
        "inputs": [{"id": x, "range": [0, 1]} for x in ("x1", "x2", "x3")],
        "target": {"kind": "truth_table", "rows": rows},
        "pass": {"rule": "classify", "threshold": 0.5},
        "constraints": {"max_hidden": 0},
        "solutions": [majority_solution()],
    }


def half_adder_solution() -> dict:
    """The sum bit s = OR and not AND, the carry c = AND: outputs s, c."""
    step = [{"id": n, "activation": "step", "bias": b} for n, b in (("o", -0.5), ("c", -1.5), ("s", -0.5))]
    wires = [("a", "o", 1), ("b", "o", 1), ("a", "c", 1), ("b", "c", 1), ("o", "s", 1), ("c", "s", -1)]
    return {**network(step, wires, inputs=("a", "b")), "outputs": ["s", "c"]}


def half_adder_exercise() -> dict:
    """A truth table with two outputs: [a XOR b, a AND b]."""
    rows = [{"inputs": [a, b], "output": [a ^ b, a & b]} for a in (0, 1) for b in (0, 1)]
    return {
        **majority_exercise(),
        "id": "half-adder",
        "title": "Half adder",
        "prompt": "The sum bit s = a XOR b and the carry c = a AND b.",
        "inputs": [{"id": "a", "range": [0, 1]}, {"id": "b", "range": [0, 1]}],
        "target": {"kind": "truth_table", "rows": rows},
        "constraints": {},
        "solutions": [half_adder_solution()],
    }


def lesson(exercise_file: str) -> dict:
    """One step: the exercise, its starter network, no data of its own (so its own points are shown)."""
    step = {"title": "Majority", "text": "Count the ones.", "exercise": exercise_file, "network": "starter"}
    return {"format": "nn-designer-lesson", "version": 1, "id": "week-2", "title": "Week 2", "steps": [step]}


def write(path: Path, document: dict) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def majority_with_starter() -> dict:
    """The exercise with a starter that has an output neuron (what a lesson step's "starter" needs)."""
    doc = majority_exercise()
    y = {"id": "y", "activation": "step", "bias": 0}
    doc["starter"] = network([y], [])
    return doc
