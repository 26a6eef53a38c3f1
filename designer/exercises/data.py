"""An exercise's own points and plane, as the data the live views show and training uses.

While a student solves an exercise, the Decision Regions view shows what is being solved: the
AND truth table's four points, the triangle's whole plane, the spiral's train/test split, not
whatever dataset was picked before. Samples are given in the network's input order (matched by
id); a network whose inputs are not the exercise's still gets the points, with ``problem`` saying
why it cannot train on them.
"""

from __future__ import annotations

import numpy as np

from designer.engine import data as dm
from designer.engine import make_dataset
from designer.exercises.chainrule import ChainRuleExercise, compute_values
from designer.exercises.exercise import Exercise
from designer.model import Network

TABLE_PAD = 0.5  # a truth table's 0/1 corners sit well inside the plot
PAD = 0.05  # other ranges: 5 % on each side, so points on the edge stay visible


def exercise_data(exercise: Exercise, network: Network) -> dm.Data:
    """The exercise's samples for ``network``: every case to train on (datasets: their own split)."""
    x_train, y_train, x_test, y_test = _samples(exercise)
    columns, problem = _columns(exercise, network)
    n_out = max(len(network.outputs), 1)
    y_train, p1 = dm.fit_targets(y_train, n_out)
    y_test, p2 = dm.fit_targets(y_test, n_out)
    data = dm.Data(
        f"{dm.EXERCISE}: {exercise.title}",
        _reorder(x_train, columns),
        y_train,
        _reorder(x_test, columns),
        y_test,
        _rect(exercise, columns, np.concatenate([x_train, x_test]), np.concatenate([y_train, y_test])),
        problem or p1 or p2,
        _options(exercise),
    )
    return data


def drill_data(drill: ChainRuleExercise, network: Network) -> dm.Data:
    """A chain-rule drill's one sample for ``network`` (its own, loaded by "Load its network"): the
    sample's inputs with its target, or for the objective J = the output, the output at the sample.
    The plotted plane reaches from 0 to past the sample (and its target), so the worked-through
    values are on show, not another exercise's points or an unrelated dataset."""
    values = drill.values or compute_values(drill)
    x = np.array([[drill.inputs.get(i, 0.0) for i in network.inputs]])
    if drill.targets:
        y = np.array([[drill.targets.get(o, 0.0) for o in network.outputs]])
    else:
        y = np.array([[values.a.get(o, 0.0) for o in network.outputs]])
    y, problem = dm.fit_targets(y, max(len(network.outputs), 1))
    x0, x1 = _around(float(x[0, 0]) if x.size else 0.0)
    if x.shape[1] > 1:
        y0, y1 = _around(float(x[0, 1]))
    else:
        y0, y1 = _around(float(y[0, 0]))
    options = dm.DataOptions(dm.EXERCISE, 0.0, 1.0, 0)
    return dm.Data(f"{dm.EXERCISE}: {drill.title}", x, y, x[:0], y[:0], (x0, x1, y0, y1), problem, options)


def _around(value: float) -> tuple[float, float]:
    """A range holding 0 and ``value`` with room on both sides (half its distance from 0, at least 1)."""
    pad = max(abs(value) / 2, 1.0)
    return min(value, 0.0) - pad, max(value, 0.0) + pad


def _options(exercise: Exercise) -> dm.DataOptions:
    """What the Training panel shows for these points: a dataset's own noise, split and seed."""
    spec = exercise.target.dataset
    if exercise.target.kind == "dataset" and spec is not None:
        return dm.DataOptions(dm.EXERCISE, spec.noise, spec.train_ratio, spec.seed, spec.points)
    return dm.DataOptions(dm.EXERCISE, 0.0, 1.0, 0)


def _samples(exercise: Exercise) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    spec = exercise.target.dataset
    cases = exercise.cases
    if exercise.target.kind == "dataset" and spec is not None:  # train on the split the check leaves out
        d = make_dataset(spec.name, n=spec.points, noise=spec.noise, seed=spec.seed, train_ratio=spec.train_ratio)
        return d.x_train, d.y_train, d.x_test, d.y_test
    empty_x, empty_y = cases.x[:0], cases.y[:0]
    return np.array(cases.x), np.array(cases.y), np.array(empty_x), np.array(empty_y)


def _columns(exercise: Exercise, network: Network) -> tuple[list[int | None], str]:
    """For each network input, the exercise column it takes its values from (None: no such input)."""
    ids = exercise.input_ids
    columns = [ids.index(node_id) if node_id in ids else None for node_id in network.inputs]
    missing = [node_id for node_id in ids if node_id not in network.inputs]
    extra = [node_id for node_id in network.inputs if node_id not in ids]
    if not missing and not extra:
        return columns, ""
    needs = ", ".join(ids)
    what = f"input {', '.join(missing)} missing" if missing else f"input {', '.join(extra)} is not used"
    return columns, f"the exercise needs the inputs {needs} ({what})"


def _reorder(x: np.ndarray, columns: list[int | None]) -> np.ndarray:
    out = np.zeros((len(x), len(columns)))
    for i, c in enumerate(columns):
        if c is not None:
            out[:, i] = x[:, c]
    return out


def _span(low: float, high: float, table: bool) -> tuple[float, float]:
    pad = TABLE_PAD if table else PAD * (high - low)
    return float(low - pad), float(high + pad)


def _reach(low: float, high: float, values: np.ndarray) -> tuple[float, float]:
    """The declared range widened to every given point: a teacher's point outside its input's range
    is still shown (and graded), so the plot must not cut it off."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return low, high
    return min(low, float(finite.min())), max(high, float(finite.max()))


def _rect(
    exercise: Exercise, columns: list[int | None], x: np.ndarray, y: np.ndarray
) -> tuple[float, float, float, float]:
    """The plotted plane: the exercise's input ranges on the first two plotted inputs (1-D: x and the
    targets), widened to hold every point of the exercise."""
    table = exercise.is_truth_table
    plotted = [c for c in columns if c is not None] or list(range(len(exercise.inputs)))
    first = exercise.inputs[plotted[0]]
    x0, x1 = _span(*_reach(first.low, first.high, x[:, plotted[0]]), table)
    if len(plotted) > 1 and len(columns) > 1:
        second = exercise.inputs[plotted[1]]
        y0, y1 = _span(*_reach(second.low, second.high, x[:, plotted[1]]), table)
    else:
        low = float(np.nanmin(y, initial=0.0)) if y.size else 0.0
        high = float(np.nanmax(y, initial=1.0)) if y.size else 1.0
        y0, y1 = _span(low, max(high, low + 1e-9), False)
    return (x0, x1, y0, y1)
