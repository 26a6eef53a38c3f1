"""Datasets: the lecture's truth tables, TensorFlow Playground's 2-D sets, 3-class sets, 2-D
regression, 1-D targets, CSV. :data:`CATALOG` describes every built-in one.

``xor`` is the lecture's truth table; Playground's "xor" (quadrants) is ``xor-quadrants``.

Two-class labels are 1/0 (Playground's ±1 mapped for sigmoid outputs), one target column;
three-class sets have one-hot targets (one column per class, for a softmax network); regression
targets are numbers (Playground's ``reg-plane`` and ``reg-gauss`` lie in about [-1, 1]).
Every generator is deterministic for a seed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from designer.engine.errors import DatasetError
from designer.model.jsonread import one_line


@dataclass
class Dataset:
    name: str
    input_ids: list[str]
    output_ids: list[str]
    x_train: np.ndarray  # (N, n_inputs)
    y_train: np.ndarray  # (N, n_outputs)
    x_test: np.ndarray
    y_test: np.ndarray

    @property
    def x(self) -> np.ndarray:
        return np.concatenate([self.x_train, self.x_test])

    @property
    def y(self) -> np.ndarray:
        return np.concatenate([self.y_train, self.y_test])


# ------------------------------------------------------------ truth tables
_TABLES = {
    "and": (0, 0, 0, 1),
    "or": (0, 1, 1, 1),
    "nand": (1, 1, 1, 0),
    "xor": (0, 1, 1, 0),
}
_ROWS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)


def is_truth_table(name: str) -> bool:
    """The lecture's 4-row tables: every row trains; noise, split and seed change nothing."""
    return name in _TABLES


def truth_table(name: str) -> tuple[np.ndarray, np.ndarray]:
    return _ROWS.copy(), np.array(_TABLES[name], dtype=float)[:, None]


# ------------------------------------------------ TensorFlow Playground sets
def _circle(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    radius = 5.0
    half = n // 2

    def ring(count: int, r0: float, r1: float) -> tuple[np.ndarray, np.ndarray]:
        r = rng.uniform(r0, r1, count)
        angle = rng.uniform(0, 2 * math.pi, count)
        pts = np.stack([r * np.sin(angle), r * np.cos(angle)], axis=1)
        jitter = rng.uniform(-radius, radius, (count, 2)) * noise
        label = (np.linalg.norm(pts + jitter, axis=1) < radius * 0.5).astype(float)
        return pts, label

    p1, l1 = ring(half, 0, radius * 0.5)
    p2, l2 = ring(n - half, radius * 0.7, radius)
    return np.concatenate([p1, p2]), np.concatenate([l1, l2])


def _xor(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    pts = rng.uniform(-5, 5, (n, 2))
    pts += np.where(pts > 0, 0.3, -0.3)
    jitter = rng.uniform(-5, 5, (n, 2)) * noise
    shifted = pts + jitter
    return pts, (shifted[:, 0] * shifted[:, 1] >= 0).astype(float)


def _gauss(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    variance = 0.5 + (4.0 - 0.5) * (noise / 0.5)
    half = n // 2
    p1 = rng.normal((2, 2), math.sqrt(variance), (half, 2))
    p2 = rng.normal((-2, -2), math.sqrt(variance), (n - half, 2))
    return np.concatenate([p1, p2]), np.concatenate([np.ones(half), np.zeros(n - half)])


def _spiral(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    half = n // 2

    def arm(count: int, delta: float) -> np.ndarray:
        i = np.arange(count) / count
        r = i * 5
        t = 1.75 * i * 2 * math.pi + delta
        pts = np.stack([r * np.sin(t), r * np.cos(t)], axis=1)
        return pts + rng.uniform(-1, 1, (count, 2)) * noise

    return np.concatenate([arm(half, 0), arm(n - half, math.pi)]), np.concatenate([np.ones(half), np.zeros(n - half)])


def _moons(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    half = n // 2
    t1 = rng.uniform(0, math.pi, half)
    t2 = rng.uniform(0, math.pi, n - half)
    upper = np.stack([np.cos(t1), np.sin(t1)], axis=1)
    lower = np.stack([1 - np.cos(t2), 0.5 - np.sin(t2)], axis=1)
    pts = (np.concatenate([upper, lower]) - (0.5, 0.25)) * 2.5
    pts += rng.normal(0, 1, pts.shape) * noise * 2.5
    return pts, np.concatenate([np.ones(half), np.zeros(n - half)])


def _checkerboard(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    pts = rng.uniform(-6, 6, (n, 2))
    shifted = pts + rng.uniform(-1, 1, (n, 2)) * noise * 3
    cells = np.floor(shifted / 3.0).astype(int)
    return pts, ((cells[:, 0] + cells[:, 1]) % 2 == 0).astype(float)


Generator = Callable[[int, float, np.random.Generator], tuple[np.ndarray, np.ndarray]]

CLASSIFICATION: dict[str, Generator] = {
    "circle": _circle,
    "xor-quadrants": _xor,
    "gauss": _gauss,
    "spiral": _spiral,
    "moons": _moons,
    "checkerboard": _checkerboard,
}


# ------------------------------------------------------------ many classes
def _counts(n: int, k: int) -> list[int]:
    """n points shared by k classes as evenly as possible (the first ones get the remainder)."""
    return [n // k + (1 if c < n % k else 0) for c in range(k)]


def _gauss3(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Three Gaussian blobs, centres 3 from the origin at 90°, 210° and 330°; noise widens them as in ``gauss``."""
    variance = 0.5 + (4.0 - 0.5) * (noise / 0.5)
    points, labels = [], []
    for c, count in enumerate(_counts(n, 3)):
        angle = math.pi / 2 + c * 2 * math.pi / 3
        centre = (3 * math.cos(angle), 3 * math.sin(angle))
        points.append(rng.normal(centre, math.sqrt(variance), (count, 2)))
        labels.append(np.full(count, c))
    return np.concatenate(points), np.concatenate(labels)


def _spiral3(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Three spiral arms of 3/4 turn each, 120° apart, out to radius 5; noise jitters like ``spiral``."""
    points, labels = [], []
    for c, count in enumerate(_counts(n, 3)):
        i = np.arange(count) / max(count, 1)
        r = i * 5
        t = 0.75 * i * 2 * math.pi + c * 2 * math.pi / 3
        arm = np.stack([r * np.sin(t), r * np.cos(t)], axis=1)
        points.append(arm + rng.uniform(-1, 1, (count, 2)) * noise)
        labels.append(np.full(count, c))
    return np.concatenate(points), np.concatenate(labels)


#: Sets with several classes: labels 0 … k-1, one-hot targets.
MULTICLASS: dict[str, tuple[Generator, int]] = {
    "gauss-3": (_gauss3, 3),
    "spiral-3": (_spiral3, 3),
}


# -------------------------------------------------------- 2-D regression
def _uniform_with_noise(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Points uniform in [-6, 6]² and where their label is read: the point moved by noise (as Playground)."""
    pts = rng.uniform(-6, 6, (n, 2))
    return pts, pts + rng.uniform(-6, 6, (n, 2)) * noise


def _reg_plane(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Playground's regressPlane: y = (x1 + x2) / 10 at the noisy point."""
    pts, at = _uniform_with_noise(n, noise, rng)
    return pts, (at[:, 0] + at[:, 1]) / 10


_GAUSSIANS = ((-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1))


def _reg_gauss(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Playground's regressGaussian: six bumps of ±1 falling linearly to 0 at distance 2; the largest |value| wins."""
    pts, at = _uniform_with_noise(n, noise, rng)
    label = np.zeros(n)
    for cx, cy, sign in _GAUSSIANS:
        value = sign * np.clip(1 - np.hypot(at[:, 0] - cx, at[:, 1] - cy) / 2, 0, 1)
        label = np.where(np.abs(value) > np.abs(label), value, label)
    return pts, label


REGRESSION: dict[str, Generator] = {
    "reg-plane": _reg_plane,
    "reg-gauss": _reg_gauss,
}


# ----------------------------------------------------------- 1-D functions
FUNCTIONS: dict[str, tuple[Callable[[np.ndarray], np.ndarray], tuple[float, float]]] = {
    "sin": (np.sin, (0.0, 2 * math.pi)),
    "abs": (np.abs, (-5.0, 5.0)),
    "step": (lambda x: (x >= 0).astype(float), (-3.0, 3.0)),
    "bump": (lambda x: ((x >= 1) & (x < 3)).astype(float), (-2.0, 6.0)),
    "square": (np.square, (-2.0, 2.0)),
}

TABLES: tuple[str, ...] = tuple(_TABLES)
DATASETS: tuple[str, ...] = (*_TABLES, *CLASSIFICATION, *MULTICLASS, *REGRESSION, *FUNCTIONS)
#: Points of a 2-D set when not given (TensorFlow Playground's 500), of a 1-D target (200).
DEFAULT_POINTS_2D = 500
DEFAULT_POINTS_1D = 200


@dataclass(frozen=True)
class DatasetInfo:
    """What ``nn-designer datasets`` lists about a built-in dataset."""

    name: str
    n_inputs: int
    n_outputs: int  # target columns: 1, or one per class
    kind: str  # "classification" or "regression"
    description: str


_DESCRIPTIONS = {
    "and": "truth table of x1 AND x2 (4 rows)",
    "or": "truth table of x1 OR x2 (4 rows)",
    "nand": "truth table of x1 NAND x2 (4 rows)",
    "xor": "truth table of x1 XOR x2 (4 rows)",
    "circle": "Playground: a disk of radius 2.5 inside a ring",
    "xor-quadrants": "Playground's xor: opposite quadrants share a class",
    "gauss": "Playground: two Gaussian blobs at (2, 2) and (-2, -2)",
    "spiral": "Playground: two interleaved spiral arms",
    "moons": "two interleaved half circles",
    "checkerboard": "4 x 4 squares of alternating class",
    "gauss-3": "three Gaussian blobs, one class each",
    "spiral-3": "three interleaved spiral arms, one class each",
    "reg-plane": "Playground: y = (x1 + x2) / 10 over [-6, 6] x [-6, 6]",
    "reg-gauss": "Playground: six bumps of +1 and -1",
    "sin": "y = sin(x) on [0, 2 pi]",
    "abs": "y = |x| on [-5, 5]",
    "step": "y = step(x) on [-3, 3]",
    "bump": "y = 1 on [1, 3), else 0, on [-2, 6]",
    "square": "y = x^2 on [-2, 2]",
}


def dataset_info(name: str) -> DatasetInfo:
    """Inputs, target columns, kind and a one-line description of a built-in dataset."""
    if name not in DATASETS:
        raise DatasetError(f"unknown dataset '{one_line(name, 60)}' (known: {', '.join(DATASETS)})")
    if name in FUNCTIONS:
        return DatasetInfo(name, 1, 1, "regression", _DESCRIPTIONS[name])
    if name in REGRESSION:
        return DatasetInfo(name, 2, 1, "regression", _DESCRIPTIONS[name])
    classes = MULTICLASS[name][1] if name in MULTICLASS else 1
    return DatasetInfo(name, 2, classes, "classification", _DESCRIPTIONS[name])


CATALOG: tuple[DatasetInfo, ...] = tuple(dataset_info(name) for name in DATASETS)


def split(
    x: np.ndarray, y: np.ndarray, train_ratio: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Shuffle, then the first ``train_ratio`` share is training data (as in Playground)."""
    order = rng.permutation(len(x))
    x, y = x[order], y[order]
    cut = int(math.floor(len(x) * train_ratio))
    return x[:cut], y[:cut], x[cut:], y[cut:]


def make_dataset(
    name: str,
    *,
    n: int | None = None,
    noise: float = 0.0,
    train_ratio: float = 0.5,
    seed: int = 0,
    input_ids: Sequence[str] = ("x1", "x2"),
    output_ids: Sequence[str] = ("y",),
) -> Dataset:
    """A named dataset. Noise is a fraction 0–0.5 (Playground's 0–50 %)."""
    if not 0.0 <= noise <= 0.5:  # Playground's 0-50 %, as the file format and the CLI have it
        raise DatasetError(f"noise must be between 0 and 0.5 (got {noise})")
    if not 0.0 < train_ratio <= 1.0:
        raise DatasetError(f"train ratio must be in (0, 1] (got {train_ratio})")
    rng = np.random.default_rng(seed)
    if name in _TABLES:
        x, y = truth_table(name)
        return Dataset(name, list(input_ids), list(output_ids), x, y, x[:0], y[:0])
    if name in CLASSIFICATION:
        x, labels = CLASSIFICATION[name](n or DEFAULT_POINTS_2D, noise, rng)
        y = labels[:, None]
    elif name in MULTICLASS:
        generate, classes = MULTICLASS[name]
        x, labels = generate(n or DEFAULT_POINTS_2D, noise, rng)
        y = np.eye(classes)[labels]
    elif name in REGRESSION:
        x, values = REGRESSION[name](n or DEFAULT_POINTS_2D, noise, rng)
        y = values[:, None]
    elif name in FUNCTIONS:
        fn, (lo, hi) = FUNCTIONS[name]
        x = np.linspace(lo, hi, n or DEFAULT_POINTS_1D)[:, None]
        y = fn(x) + rng.normal(0, 1, x.shape) * noise
        input_ids = input_ids[:1] if len(input_ids) > 1 else input_ids
    else:
        raise DatasetError(f"unknown dataset '{one_line(name, 60)}' (known: {', '.join(DATASETS)})")
    x_tr, y_tr, x_te, y_te = split(x, y, train_ratio, rng)
    return Dataset(name, list(input_ids), list(output_ids), x_tr, y_tr, x_te, y_te)


def read_csv(text: str, input_ids: Sequence[str], output_ids: Sequence[str] = ()) -> tuple[np.ndarray, np.ndarray]:
    """Columns named by ``input_ids`` (and ``output_ids``, the targets) from CSV text with a header.

    The one CSV reader (streaming, capped, the app's number rules) lives in :mod:`designer.engine.csvfile`.
    """
    from designer.engine.csvfile import read_csv_text  # imports this module

    return read_csv_text(text, input_ids, output_ids)
