"""The data training uses, prepared by one set of rules for the app and the ``train`` and ``data``
commands: a named dataset, painted points, a CSV file or rows embedded in the network file.

Samples are stored in the network's raw input order (feature nodes are computed from them by the
engine) and matched to its outputs: a 0/1 label becomes one-hot targets when the network has
several outputs (class c → output c); a dataset of k classes needs k outputs.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field

import numpy as np

from designer.engine import datasets as ds
from designer.engine.csvfile import SPLIT_COLUMN, CsvTable, read_table_file, read_table_text
from designer.formatting import format_number
from designer.model import Network

CUSTOM = "custom"
EXERCISE = "exercise"  # an exercise's own points (designer.exercises.data), not a named dataset
TABLES = ds.TABLES
NAMED = ds.DATASETS
FUNCTIONS = tuple(ds.FUNCTIONS)
DatasetError = ds.DatasetError
CSV = "csv"


@dataclass
class DataOptions:
    name: str = "xor"
    noise: float = 0.0  # 0 … 0.5
    train_ratio: float = 0.5
    seed: int = 0
    n: int | None = None


@dataclass
class Data:
    """Samples (N, n_inputs) and targets (N, n_outputs), split into train and test."""

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    rect: tuple[float, float, float, float] = (-6.0, 6.0, -6.0, 6.0)  # plotted domain (x0, x1, y0, y1)
    problem: str = ""  # why this data cannot train the network ("" when it can)
    options: DataOptions = field(default_factory=DataOptions)
    #: A file's rows in file order (CSV, embedded data), before the split: what a saved experiment embeds.
    rows: tuple[np.ndarray, np.ndarray] | None = None
    #: The target columns are separate 0/1 questions (points painted so, a half adder's s and c), never
    #: one-hot classes, even while every row painted so far happens to have one 1.
    bits: bool = False

    @property
    def n_train(self) -> int:
        return len(self.x_train)

    @property
    def classification(self) -> bool:
        y = np.concatenate([self.y_train, self.y_test])
        return bool(y.size) and bool(np.all((y == 0) | (y == 1)))

    @property
    def one_hot(self) -> bool:
        """Several 0/1 target columns with exactly one 1 in every row: each row is one class. Not so for
        independent bits (a half adder's sum and carry: rows 00 and 11), which are separate questions."""
        if self.bits:
            return False
        y = np.concatenate([self.y_train, self.y_test])
        return y.ndim == 2 and y.shape[1] > 1 and self.classification and bool(np.all(y.sum(axis=1) == 1))

    def labels(self, y: np.ndarray) -> np.ndarray:
        """Class index per sample (argmax for one-hot targets, y ≥ 0.5 for one output)."""
        if y.shape[1] > 1:
            return np.argmax(y, axis=1)
        return (y[:, 0] >= 0.5).astype(int)

    def with_points(self, x: np.ndarray, y: np.ndarray, name: str = CUSTOM, bits: bool = False) -> Data:
        """These samples added to the training split; ``bits``: their targets are separate 0/1 questions."""
        return Data(
            name,
            np.concatenate([self.x_train, x]),
            np.concatenate([self.y_train, y]),
            self.x_test,
            self.y_test,
            self.rect,
            self.problem,
            self.options,
            bits=self.bits or bits,
        )

    @property
    def target_range(self) -> tuple[float, float]:
        """Smallest and largest target (both splits): the colour range of a regression map; (0, 1) when empty."""
        return self.column_range(None)

    def column_range(self, column: int | None) -> tuple[float, float]:
        """:attr:`target_range` of one output's targets (``None``: of all): the map of that output alone."""
        y = np.concatenate([self.y_train, self.y_test])
        if column is not None and column < y.shape[1]:
            y = y[:, column]
        if not y.size:
            return (0.0, 1.0)
        lo, hi = float(y.min()), float(y.max())
        return (lo, hi) if hi > lo else (lo - 0.5, hi + 0.5)

    @property
    def n_classes(self) -> int:
        """Classes of classification data (2 for one 0/1 column, k for k one-hot columns); 0 for regression."""
        if not self.classification:
            return 0
        return max(self.y_train.shape[1], 2)


def empty(n_inputs: int, n_outputs: int, rect: tuple[float, float, float, float] = (-6.0, 6.0, -6.0, 6.0)) -> Data:
    z = np.zeros((0, n_inputs))
    t = np.zeros((0, n_outputs))
    return Data(CUSTOM, z, t, z.copy(), t.copy(), rect)


def default_name(network: Network) -> str:
    """The dataset a fresh window starts with: the truth table for 2 inputs, a bump for 1."""
    n_in = len(network.inputs)
    if n_in == 1:
        return "bump"
    if n_in == 2:
        return "xor"
    return CUSTOM


def domain(name: str, x: np.ndarray) -> tuple[float, float, float, float]:
    if name in TABLES:
        return (-0.5, 1.5, -0.5, 1.5)
    if name in ds.CLASSIFICATION or name in ds.MULTICLASS or name in ds.REGRESSION:
        return (-6.0, 6.0, -6.0, 6.0)
    if name in ds.FUNCTIONS:
        lo, hi = ds.FUNCTIONS[name][1]
        pad = 0.05 * (hi - lo)
        return (lo - pad, hi + pad, -1.0, 1.0)
    return bounds(x)


PLOT_LIMIT = 1e300


def bounds(x: np.ndarray) -> tuple[float, float, float, float]:
    """A padded box around the first two columns (±6 when there is nothing to frame)."""
    if len(x) == 0 or x.shape[1] == 0:
        return (-6.0, 6.0, -6.0, 6.0)
    # within ±1e300, so that the span and its padding stay finite numbers a plot can show (values of
    # ±1e308 gave a span of ∞ and the plot refused its range); points beyond are off the plot
    lo = np.clip(x.min(axis=0), -PLOT_LIMIT, PLOT_LIMIT)
    hi = np.clip(x.max(axis=0), -PLOT_LIMIT, PLOT_LIMIT)
    span = np.maximum(hi - lo, 1.0)
    lo, hi = lo - 0.1 * span, hi + 0.1 * span
    y0, y1 = (float(lo[1]), float(hi[1])) if x.shape[1] > 1 else (-1.0, 1.0)
    return (float(lo[0]), float(hi[0]), y0, y1)


def fit_targets(y: np.ndarray, n_outputs: int) -> tuple[np.ndarray, str]:
    """Targets shaped for the network's outputs, or a reason why they do not fit."""
    if y.shape[1] == n_outputs:
        return y, ""
    if y.shape[1] == 1 and n_outputs > 1 and np.all((y == 0) | (y == 1)):
        onehot = np.zeros((len(y), n_outputs))
        onehot[np.arange(len(y)), y[:, 0].astype(int)] = 1.0
        return onehot, ""
    return np.zeros(
        (len(y), n_outputs)
    ), f"the data has {y.shape[1]} target column(s) but the network has {n_outputs} outputs"


def make(network: Network, options: DataOptions) -> Data:
    """Build a named dataset for this network's inputs and outputs."""
    n_in, n_out = len(network.inputs), max(len(network.outputs), 1)
    if options.name == CUSTOM:
        return empty(n_in, n_out)
    d = ds.make_dataset(
        options.name,
        n=options.n,
        noise=options.noise,
        train_ratio=options.train_ratio,
        seed=options.seed,
        input_ids=list(network.inputs) or ["x1", "x2"],
        output_ids=list(network.outputs) or ["y"],
    )
    problem = ""
    width = d.x_train.shape[1]
    if width != n_in:
        problem = f"dataset '{options.name}' has {width} input(s) but the network has {n_in}"
    elif options.name in ds.MULTICLASS and n_out != d.y_train.shape[1]:
        k = d.y_train.shape[1]
        problem = f"dataset '{options.name}' has {k} classes: the network needs {k} outputs (softmax), it has {n_out}"
    y_tr, p1 = fit_targets(d.y_train, n_out)
    y_te, p2 = fit_targets(d.y_test, n_out)
    problem = problem or p1 or p2
    data = Data(options.name, d.x_train, y_tr, d.x_test, y_te, domain(options.name, d.x_train), problem, options)
    if problem:  # keep the points for display (first columns), but do not train on them
        data.x_train, data.x_test = _widen(d.x_train, n_in), _widen(d.x_test, n_in)
    return data


def _widen(x: np.ndarray, n: int) -> np.ndarray:
    out = np.zeros((len(x), n))
    k = min(n, x.shape[1])
    out[:, :k] = x[:, :k]
    return out


def split_rows(
    x: np.ndarray, y: np.ndarray, train_ratio: float, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Rows of a file into train and test: all of them, in file order, for a ratio of 1; otherwise
    shuffled (seeded) and cut at ``train_ratio``, keeping at least one training row."""
    if train_ratio >= 1.0 or len(x) < 2:
        return x, y, x[:0], y[:0]
    order = np.random.default_rng(seed).permutation(len(x))
    cut = max(1, math.floor(len(x) * train_ratio))
    return x[order[:cut]], y[order[:cut]], x[order[cut:]], y[order[cut:]]


def from_csv(network: Network, text: str, name: str, train_ratio: float, seed: int) -> Data:
    """Columns named like the network's raw inputs and outputs; raises DatasetError with a reason.

    A column ``split`` whose values are ``train`` and ``test`` (as ``nn-designer data`` writes)
    decides the split; otherwise ``train_ratio`` and ``seed`` do (see :func:`split_rows`).
    """
    return _csv_data(read_table_text(text, list(network.inputs), list(network.outputs)), name, train_ratio, seed)


def regression_note(data: Data) -> str:
    """Why targets that are almost all 0 and 1 are read as numbers to predict, not as classes (a few
    other values, a typing slip in one row, made the whole set regression without a word); "" when
    they are classes, or numbers throughout."""
    y = np.concatenate([data.y_train, data.y_test])
    not_class = (y != 0) & (y != 1)
    odd_rows = int(np.any(not_class, axis=1).sum())
    if not odd_rows or odd_rows > 0.1 * len(y):
        return ""
    first = format_number(float(y[not_class][0]))
    rows = "one row" if odd_rows == 1 else f"{odd_rows} rows"
    return f"read as numbers to predict, not classes: {rows} with a target not 0 or 1 ({first})"


def load_csv(network: Network, path: str | os.PathLike[str], train_ratio: float, seed: int) -> Data:
    """The CSV file at ``path`` as training data for ``network`` (the Training dock's Load CSV, ``train --csv``).

    Streamed through the one CSV reader (:mod:`designer.engine.csvfile`): regular files only, never
    blocking, capped in bytes, lines and values, the app's number rules; the ``split`` column as in
    :func:`from_csv`. Every problem is one DatasetError line (not a file, too large, not UTF-8, a
    missing column, a bad cell).
    """
    table = read_table_file(path, list(network.inputs), list(network.outputs))
    return _csv_data(table, os.path.basename(os.fspath(path)), train_ratio, seed)


def _csv_data(table: CsvTable, name: str, train_ratio: float, seed: int) -> Data:
    x, y, chosen = table
    if len(x) == 0:
        raise DatasetError("the CSV file has a header but no data rows")
    if chosen is not None:
        x_tr, y_tr, x_te, y_te = x[chosen], y[chosen], x[~chosen], y[~chosen]
        train_ratio = 1.0 if chosen.all() else float(chosen.mean())
    else:
        x_tr, y_tr, x_te, y_te = split_rows(x, y, train_ratio, seed)
    data = Data(
        f"{CSV}: {name}", x_tr, y_tr, x_te, y_te, _rows_rect(x, y), "", DataOptions(CSV, 0.0, train_ratio, seed)
    )
    data.rows = (x, y)
    return data


def _rows_rect(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float, float]:
    rect = bounds(x)
    if x.shape[1] == 1:
        low, high = (float(np.clip(v, -PLOT_LIMIT, PLOT_LIMIT)) for v in (y.min(initial=0), y.max(initial=1)))
        rect = (rect[0], rect[1], low, high)
    return rect


def from_rows(
    network: Network, columns: list[str], values: np.ndarray, name: str, train_ratio: float, seed: int
) -> Data:
    """Rows of numbers under named columns (embedded in a network file), split like a CSV file's.

    A ``split`` column (1: training row, 0: test row) fixes the split, as ``split`` does in a CSV file.
    """
    wanted = [*network.inputs, *network.outputs]
    missing = [c for c in wanted if c not in columns]
    if missing:
        shown = ", ".join(columns)
        raise DatasetError(
            f"the embedded data lacks column{'s' if len(missing) > 1 else ''} {', '.join(missing)[:200]} "
            f"(columns: {shown[:200]})"
        )
    if len(values) == 0:
        raise DatasetError("the embedded data has no rows")
    picked = values[:, [columns.index(c) for c in wanted]]
    x, y = picked[:, : len(network.inputs)], picked[:, len(network.inputs) :]
    if SPLIT_COLUMN in columns and SPLIT_COLUMN not in wanted:
        marks = values[:, columns.index(SPLIT_COLUMN)]
        odd = marks[(marks != 0) & (marks != 1)]
        if odd.size:
            raise DatasetError(
                f"the embedded data's {SPLIT_COLUMN} column holds {format_number(float(odd[0]))}: "
                "1 marks a training row, 0 a test row"
            )
        chosen = marks != 0
        x_tr, y_tr, x_te, y_te = x[chosen], y[chosen], x[~chosen], y[~chosen]
    else:
        x_tr, y_tr, x_te, y_te = split_rows(x, y, train_ratio, seed)
    kind = CSV if name != CUSTOM else CUSTOM
    label = f"{CSV}: {name}" if kind == CSV else CUSTOM
    data = Data(label, x_tr, y_tr, x_te, y_te, _rows_rect(x, y), "", DataOptions(kind, 0.0, train_ratio, seed))
    if SPLIT_COLUMN not in columns:
        data.rows = (x, y)
    return data


def compatible(data: Data, network: Network) -> bool:
    return data.x_train.shape[1] == len(network.inputs) and data.y_train.shape[1] == max(len(network.outputs), 1)
