"""Turn an exercise's target into the points and expected values the checker judges on."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from designer.engine import DatasetError, EngineError, compile_network, make_dataset
from designer.exercises.exercise import Cases, DatasetSpec, Exercise, ExerciseError, InputSpec, Sample, Target
from designer.exercises.expressions import Compiled, ExpressionError, compiled, evaluate
from designer.model import Network

#: Most points a target may be checked on (keeps a check well under a millisecond per 1000 points).
MAX_POINTS = 100_000
#: Most work computing a target may take: points × (1 + margin probes) × operations per point, where
#: an expression's operations are its syntax-tree nodes and a given network's are its neurons plus
#: connections. 20 million keeps loading any accepted file well under 2 s even for the slowest
#: operations (sin, %, hypot: about 40 ns per value); beyond it the file is refused with one line.
MAX_WORK = 20_000_000
#: Points evaluated at once: bounds the temporary arrays whatever the sample size.
CHUNK_POINTS = 65_536


def sample_points(inputs: Sequence[InputSpec], sample: Sample) -> np.ndarray:
    """The sample's points, (N, len(inputs)), before any exclusion."""
    d = len(inputs)
    if sample.grid is not None:
        if sample.grid**d > MAX_POINTS:
            raise ExerciseError(f"target.sample.grid: {sample.grid}^{d} points, limit {MAX_POINTS}")
        axes = [np.linspace(spec.low, spec.high, sample.grid) for spec in inputs]
        mesh = np.meshgrid(*axes, indexing="ij")
        return np.stack([m.ravel() for m in mesh], axis=1)
    if sample.random is not None:
        rng = np.random.default_rng(sample.seed)
        lows = np.array([spec.low for spec in inputs])
        highs = np.array([spec.high for spec in inputs])
        with np.errstate(over="ignore", invalid="ignore"):  # a range too wide is refused by the caller
            return lows + (highs - lows) * rng.random((sample.random, d))
    return np.array(sample.points, dtype=np.float64).reshape(-1, d)


def _columns(x: np.ndarray, ids: Sequence[str]) -> dict[str, np.ndarray]:
    return {node_id: x[:, i] for i, node_id in enumerate(ids)}


def _compile_all(expressions: Sequence[str], ids: Sequence[str], where: str) -> list[Compiled]:
    result = []
    for text in expressions:
        try:
            result.append(compiled(text, tuple(ids)))
        except ExpressionError as exc:
            raise ExerciseError(f"{where}: {exc}") from None
    return result


def _evaluate_all(expressions: Sequence[Compiled], x: np.ndarray, ids: Sequence[str]) -> np.ndarray:
    """(N, len(expressions)) values, vectorised over chunks of at most CHUNK_POINTS points."""
    out = np.empty((len(x), len(expressions)))
    for start in range(0, len(x), CHUNK_POINTS):
        part = x[start : start + CHUNK_POINTS]
        values = _columns(part, ids)
        for j, expression in enumerate(expressions):
            out[start : start + len(part), j] = evaluate(expression.evaluate, values, len(part))
    return out


def check_work(points: int, probes: int, operations: int, once: int = 0) -> None:
    """Refuse a target whose computation would exceed MAX_WORK, before any of it is done.

    Work = points × ((1 + probes) × operations + once): ``operations`` run at every point and
    every margin probe around it, ``once`` (the exclude expression) at the points only.
    """
    work = points * ((1 + probes) * operations + once)
    if work > MAX_WORK:
        probed = f", {probes} margin probes each" if probes else ""
        raise ExerciseError(
            f"target: too much work to compute ({points:,} points{probed}, {operations + once:,} operations "
            f"per point: {work:.2g}, limit {MAX_WORK:.0e}); use fewer points or shorter expressions"
        )


def probe_offsets(d: int, margin: float) -> np.ndarray:
    """Offsets of length ``margin`` around a point: 2 in 1-D, 16 in 2-D, axes and corners above."""
    if d == 1:
        return np.array([[-margin], [margin]])
    if d == 2:
        angles = np.arange(16) * (2 * math.pi / 16)
        return margin * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    axes = np.concatenate([np.eye(d), -np.eye(d)])
    if d > 4:
        return margin * axes
    corners = np.array(np.meshgrid(*[[-1.0, 1.0]] * d, indexing="ij")).reshape(d, -1).T / math.sqrt(d)
    return margin * np.concatenate([axes, corners])


def _describe(x: np.ndarray, ids: Sequence[str]) -> str:
    return ", ".join(f"{node_id}={value:.6g}" for node_id, value in zip(ids, x.tolist(), strict=True))


def _sampled_cases(inputs: Sequence[InputSpec], target: Target, given: Network | None) -> Cases:
    assert target.sample is not None
    sample = target.sample
    ids = [spec.id for spec in inputs]
    x = sample_points(inputs, sample)
    if not np.isfinite(x).all():  # a check or a plot at inf or NaN means nothing
        point = _describe(x[np.argmax(~np.isfinite(x).all(axis=1))], ids)
        raise ExerciseError(f"target.sample: a sample point is not finite ({point}); narrow the input ranges")
    exclude = _compile_all([sample.exclude], ids, "target.sample.exclude") if sample.exclude is not None else []
    offsets = probe_offsets(len(ids), sample.margin) if target.kind == "region" and sample.margin > 0 else None
    if target.kind == "network":
        assert given is not None
        check_work(len(x), 0, len(given.neurons) + len(given.connections), _cost(exclude))
        y = network_values(given, x, ids)
        expressions: list[Compiled] = []
    else:
        expressions = _compile_all(target.expressions, ids, "target.expression")
        probes = 0 if offsets is None else len(offsets)
        check_work(len(x), probes, _cost(expressions), _cost(exclude))
        y = _evaluate_all(expressions, x, ids)
    keep = np.ones(len(x), dtype=bool)
    if exclude:
        keep &= _evaluate_all(exclude, x, ids)[:, 0] == 0
    if target.kind == "region":
        if not np.all((y == 0) | (y == 1)):
            raise ExerciseError("target.expression: a region needs a condition (true/false), e.g. x1**2 + x2**2 < 4")
        if offsets is not None:
            keep &= _same_around(expressions, x, y, offsets, ids)
    x, y = x[keep], y[keep]
    bad = ~np.all(np.isfinite(y), axis=1)
    if bad.any():
        point = _describe(x[np.argmax(bad)], ids)
        raise ExerciseError(f"target: not a finite number at {point} (exclude such points with sample.exclude)")
    if len(x) == 0:
        raise ExerciseError("target.sample: no points left to check (all excluded)")
    return Cases(np.ascontiguousarray(x), np.ascontiguousarray(y), excluded=int((~keep).sum()))


def _cost(expressions: Sequence[Compiled]) -> int:
    return sum(e.cost for e in expressions)


def _same_around(
    expressions: Sequence[Compiled], x: np.ndarray, y: np.ndarray, offsets: np.ndarray, ids: Sequence[str]
) -> np.ndarray:
    """Per point: whether the region's label is the same at every probe around it (margin).

    All probes of a chunk of points are evaluated in one vectorised call: (points × probes) rows.
    """
    n_probes = len(offsets)
    step = max(1, CHUNK_POINTS // n_probes)
    same = np.empty(len(x), dtype=bool)
    for start in range(0, len(x), step):
        part = x[start : start + step]
        probes = (part[:, None, :] + offsets[None, :, :]).reshape(-1, x.shape[1])
        labels = _evaluate_all(expressions, probes, ids).reshape(len(part), n_probes, -1)
        same[start : start + len(part)] = np.all(labels == y[start : start + len(part), None, :], axis=(1, 2))
    return same


def network_values(network: Network, x: np.ndarray, ids: Sequence[str]) -> np.ndarray:
    """The engine's outputs of ``network`` at points ``x`` whose columns are the inputs ``ids``."""
    order = [list(ids).index(node_id) for node_id in network.inputs]
    with np.errstate(all="ignore"):
        return compile_network(network).forward(x[:, order])


def _dataset_cases(inputs: Sequence[InputSpec], spec: DatasetSpec) -> Cases:
    try:
        ds = make_dataset(spec.name, n=spec.points, noise=spec.noise, seed=spec.seed, train_ratio=spec.train_ratio)
    except DatasetError as exc:
        raise ExerciseError(f"target: {exc}") from None
    x, y = {"test": (ds.x_test, ds.y_test), "train": (ds.x_train, ds.y_train), "all": (ds.x, ds.y)}[spec.split]
    if x.shape[1] != len(inputs):
        raise ExerciseError(
            f"target: dataset '{spec.name}' has {x.shape[1]} input(s); the exercise lists {len(inputs)}"
        )
    if len(x) == 0:
        raise ExerciseError(f"target: the {spec.split} split of '{spec.name}' is empty (change train_ratio)")
    return Cases(np.array(x, dtype=np.float64), np.array(y, dtype=np.float64))


def build_cases(inputs: Sequence[InputSpec], target: Target, given: Network | None = None) -> Cases:
    """Points and expected outputs for ``target`` (raises ExerciseError naming the fault)."""
    try:
        if target.kind == "truth_table":
            x = np.array([row[0] for row in target.rows], dtype=np.float64)
            y = np.array([row[1] for row in target.rows], dtype=np.float64)
            return Cases(x, y)
        if target.kind == "dataset":
            assert target.dataset is not None
            return _dataset_cases(inputs, target.dataset)
        return _sampled_cases(inputs, target, given)
    except EngineError as exc:
        raise ExerciseError(f"given: {exc}") from None
    except MemoryError:
        raise ExerciseError("target: too many points to compute") from None


def target_values(exercise: Exercise, x: np.ndarray) -> np.ndarray | None:
    """The target at any points ``x`` (N, n_inputs; exercise input order), e.g. a plot's grid.

    For pictures of the target: (N, n_outputs), regions as 0/1. None for truth tables and
    datasets, whose only values are their cases.
    """
    ids = exercise.input_ids
    x = np.asarray(x, dtype=np.float64).reshape(-1, len(ids))
    if exercise.target.kind in ("function", "region"):
        return _evaluate_all(_compile_all(exercise.target.expressions, ids, "target.expression"), x, ids)
    if exercise.target.kind == "network" and exercise.given is not None:
        return network_values(exercise.given, x, ids)
    return None
