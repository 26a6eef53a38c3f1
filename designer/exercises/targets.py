"""Turn an exercise's target into the points and expected values the checker judges on."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from designer.engine import DatasetError, EngineError, compile_network, make_dataset
from designer.exercises.exercise import Cases, DatasetSpec, Exercise, ExerciseError, InputSpec, Sample, Target
from designer.exercises.expressions import ExpressionError, compile_expression, evaluate
from designer.model import Network

#: Most points a target may be checked on (keeps a check well under a millisecond per 1000 points).
MAX_POINTS = 100_000


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
        return lows + (highs - lows) * rng.random((sample.random, d))
    return np.array(sample.points, dtype=np.float64).reshape(-1, d)


def _columns(x: np.ndarray, ids: Sequence[str]) -> dict[str, np.ndarray]:
    return {node_id: x[:, i] for i, node_id in enumerate(ids)}


def _evaluate_all(expressions: Sequence[str], x: np.ndarray, ids: Sequence[str], where: str) -> np.ndarray:
    values = _columns(x, ids)
    out = np.empty((len(x), len(expressions)))
    for j, text in enumerate(expressions):
        try:
            out[:, j] = evaluate(compile_expression(text, ids), values, len(x))
        except ExpressionError as exc:
            raise ExerciseError(f"{where}: {exc}") from None
    return out


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
    if target.kind == "network":
        assert given is not None
        y = network_values(given, x, ids)
    else:
        y = _evaluate_all(target.expressions, x, ids, "target.expression")
    keep = np.ones(len(x), dtype=bool)
    if sample.exclude is not None:
        keep &= _evaluate_all([sample.exclude], x, ids, "target.sample.exclude")[:, 0] == 0
    if target.kind == "region":
        if not np.all((y == 0) | (y == 1)):
            raise ExerciseError("target.expression: a region needs a condition (true/false), e.g. x1**2 + x2**2 < 4")
        if sample.margin > 0:
            for offset in probe_offsets(len(ids), sample.margin):
                keep &= np.all(_evaluate_all(target.expressions, x + offset, ids, "target.expression") == y, axis=1)
    x, y = x[keep], y[keep]
    bad = ~np.all(np.isfinite(y), axis=1)
    if bad.any():
        point = _describe(x[np.argmax(bad)], ids)
        raise ExerciseError(f"target: not a finite number at {point} (exclude such points with sample.exclude)")
    if len(x) == 0:
        raise ExerciseError("target.sample: no points left to check (all excluded)")
    return Cases(np.ascontiguousarray(x), np.ascontiguousarray(y), excluded=int((~keep).sum()))


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
        return _evaluate_all(exercise.target.expressions, x, ids, "target.expression")
    if exercise.target.kind == "network" and exercise.given is not None:
        return network_values(exercise.given, x, ids)
    return None
