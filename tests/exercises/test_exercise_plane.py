"""The plane an exercise is shown on: its input ranges, widened to hold every point the teacher gave.

docs/exercises.md allows truth-table inputs of any numbers and explicit sample points; a point
outside its input's range is graded, so the Decision Regions map must not cut it off."""

from __future__ import annotations

from designer.exercises import exercise_from_document
from designer.exercises.data import exercise_data
from designer.model import Network
from designer.model.fileformat import parse_document
from tests.exercises.teacher_files import majority_exercise, network


def two_input_exercise(target: dict) -> dict:
    return {
        **majority_exercise(),
        "id": "own-points",
        "inputs": [{"id": x, "range": [0, 1]} for x in ("x1", "x2")],
        "target": target,
        "solutions": [two_input_network()],
    }


def two_input_network() -> dict:
    return network(
        [{"id": "y", "activation": "step", "bias": 0}], [("x1", "y", 1), ("x2", "y", 1)], inputs=("x1", "x2")
    )


def starter() -> Network:
    return parse_document(two_input_network())[0]


def holds(rect: tuple[float, float, float, float], x: float, y: float) -> bool:
    x0, x1, y0, y1 = rect
    return x0 < x < x1 and y0 < y < y1


def test_a_truth_table_row_outside_the_ranges_is_inside_the_plotted_plane():
    rows = [{"inputs": [0, 0], "output": 0}, {"inputs": [3, -2], "output": 1}]
    exercise = exercise_from_document(two_input_exercise({"kind": "truth_table", "rows": rows}))
    rect = exercise_data(exercise, starter()).rect
    assert holds(rect, 3, -2) and holds(rect, 0, 0)


def test_explicit_sample_points_outside_the_ranges_are_inside_the_plotted_plane():
    target = {"kind": "region", "expression": "x1 > x2", "sample": {"points": [[0.5, 0.2], [-4, 0.5], [0.5, 7]]}}
    exercise = exercise_from_document(two_input_exercise(target))
    rect = exercise_data(exercise, starter()).rect
    assert all(holds(rect, *p) for p in ((0.5, 0.2), (-4, 0.5), (0.5, 7)))


def test_points_inside_the_ranges_keep_the_declared_plane():
    rows = [{"inputs": [a, b], "output": a & b} for a in (0, 1) for b in (0, 1)]
    exercise = exercise_from_document(two_input_exercise({"kind": "truth_table", "rows": rows}))
    assert exercise_data(exercise, starter()).rect == (-0.5, 1.5, -0.5, 1.5)
