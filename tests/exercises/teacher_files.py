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
