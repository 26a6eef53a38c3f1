"""The line a picture draws for a 1-input target: the target as its file defines it, jumps upright.

The checked points leave out what ``sample.exclude`` drops (the bump's points within 0.01 of x = 1 and
x = 3): a line through them cut each jump's corner, a slant with a notch partway up the edge. Here the
target is evaluated over the input's whole range, and where it jumps between two neighbouring values
the jump is found by bisection and drawn as an upright edge.
"""

from __future__ import annotations

import numpy as np

from designer.exercises.exercise import Exercise
from designer.exercises.targets import target_values

#: values along the range: smooth targets (sin x) look smooth at any plot width
LINE_POINTS = 1601
#: halvings of a step that holds a jump: its edge is then upright at any zoom a plot allows
BISECTIONS = 48
#: a step whose values differ by more than this share of the target's range may hold a jump
JUMP_SHARE = 0.02
#: more steps than this that may hold a jump (noise, a very fast sine): drawn as sampled
MOST_JUMPS = 200


def target_line(exercise: Exercise, output: int = 0) -> tuple[np.ndarray, np.ndarray] | None:
    """(x, y) of the target's ``output`` over its one input's range, each jump an upright edge; None for
    targets that are only their cases (datasets) or with other than one input."""
    if len(exercise.inputs) != 1:
        return None
    spec = exercise.inputs[0]

    def values(x: np.ndarray) -> np.ndarray:
        return target_values(exercise, x[:, None])[:, output]

    x = np.linspace(spec.low, spec.high, LINE_POINTS)
    if target_values(exercise, x[:2, None]) is None:
        return None
    y = values(x)
    finite = y[np.isfinite(y)]
    if not len(finite):
        return x, y
    share = JUMP_SHARE * max(float(finite.max() - finite.min()), 1e-12)
    with np.errstate(invalid="ignore"):
        steps = np.flatnonzero(np.abs(np.diff(y)) > share)
    if not len(steps) or len(steps) > MOST_JUMPS:
        return x, y
    lo, hi = x[steps].copy(), x[steps + 1].copy()
    y_lo, y_hi = y[steps].copy(), y[steps + 1].copy()
    for _ in range(BISECTIONS):  # keep the half whose ends differ more: the jump stays inside it
        mid = (lo + hi) / 2
        y_mid = values(mid)
        left = np.abs(y_mid - y_lo) >= np.abs(y_hi - y_mid)
        hi = np.where(left, mid, hi)
        y_hi = np.where(left, y_mid, y_hi)
        lo = np.where(left, lo, mid)
        y_lo = np.where(left, y_lo, y_mid)
    jumps = np.abs(y_hi - y_lo) > share  # still apart: a jump (a steep but continuous stretch closed up)
    xs = np.concatenate([x, lo[jumps], hi[jumps]])
    ys = np.concatenate([y, y_lo[jumps], y_hi[jumps]])
    order = np.argsort(xs, kind="stable")
    return xs[order], ys[order]
