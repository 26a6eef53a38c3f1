"""A step's dataset and training settings: the same keys as the network file's ``"training"`` object.

Issue 16 adds that object to the network format (format version 2) at the same time; until its
reader lands, :func:`training_from_document` validates the keys lessons use, and is the one
function to swap for the format's own reader then (the lesson loader merges a step's keys over the
previous step's as plain JSON before reading them, so any reader of one object fits).

Keys: ``dataset`` (a built-in name), ``noise``, ``seed``, ``train_ratio``, ``points``, ``loss``,
``optimizer``, ``learning_rate``, ``momentum``, ``batch_size``, ``l1``, ``l2``, ``epochs``. Embedded
``data`` rows are not read here yet.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from typing import Any

from designer.engine import DATASETS, LOSSES, OPTIMIZERS, TrainingSettings
from designer.engine.data import DataOptions
from designer.model import FormatError
from designer.model.fileformat import type_name

KEYS: tuple[str, ...] = (
    "dataset",
    "noise",
    "seed",
    "train_ratio",
    "points",
    "loss",
    "optimizer",
    "learning_rate",
    "momentum",
    "batch_size",
    "l1",
    "l2",
    "epochs",
)
MAX_POINTS = 1_000_000
MAX_EPOCHS = 1_000_000


@dataclass(frozen=True)
class TrainingSpec:
    """Dataset and training settings; the defaults are the app's (and TensorFlow Playground's)."""

    dataset: str = "xor"
    noise: float = 0.0
    seed: int = 0
    train_ratio: float = 0.5
    points: int | None = None  # None: the dataset's own default
    loss: str = "mse"
    optimizer: str = "sgd"
    learning_rate: float = 0.03
    momentum: float = 0.9
    batch_size: int | None = None  # None: full batch
    l1: float = 0.0
    l2: float = 0.0
    epochs: int | None = None  # where training stops; None: it runs until paused

    def data_options(self) -> DataOptions:
        """For :func:`designer.engine.data.make`."""
        return DataOptions(self.dataset, self.noise, self.train_ratio, self.seed, n=self.points)

    def settings(self) -> TrainingSettings:
        """For :class:`designer.engine.Trainer`."""
        return TrainingSettings(
            loss=self.loss,
            optimizer=self.optimizer,
            learning_rate=self.learning_rate,
            batch_size=self.batch_size,
            l1=self.l1,
            l2=self.l2,
            seed=self.seed,
            momentum=self.momentum,
        )


def training_from_document(doc: Any, where: str = "training") -> TrainingSpec:
    """A ``"training"`` object; keys it leaves out have the defaults. FormatError (one line) otherwise."""
    if not isinstance(doc, dict):
        raise FormatError(f"{where}: expected an object, got {type_name(doc)}")
    for key in doc:
        if key not in KEYS:
            if key == "data":
                raise FormatError(f"{where}.data: embedded data is not read in lessons yet; name a dataset")
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(KEYS)})"
            raise FormatError(f"{where}.{str(key)[:40]}: unknown key{hint}")
    values = {key: check(doc[key], f"{where}.{key}") for key, check in _CHECKS.items() if key in doc}
    return TrainingSpec(**values)


def _choice(options: tuple[str, ...]) -> Any:
    def check(value: Any, where: str) -> str:
        if value not in options:
            shown = value[:40] if isinstance(value, str) else type_name(value)
            raise FormatError(f"{where}: expected one of {', '.join(options)}, got '{shown}'")
        return str(value)

    return check


def _number(low: float, high: float, *, open_low: bool = False) -> Any:
    def check(value: Any, where: str) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise FormatError(f"{where}: expected a number, got {type_name(value)}")
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
        if not math.isfinite(number) or number > high or number < low or (open_low and number == low):
            bracket = "(" if open_low else "["
            raise FormatError(f"{where}: {value!r} is outside {bracket}{low:g}, {high:g}]"[:200])
        return number

    return check


def _integer(low: int, high: int, *, nullable: bool = False) -> Any:
    def check(value: Any, where: str) -> int | None:
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            got = value if isinstance(value, int) and not isinstance(value, bool) else type_name(value)
            extra = " or null" if nullable else ""
            raise FormatError(f"{where}: expected a whole number from {low} to {high:,}{extra}, got {got}"[:200])
        return value

    return check


_CHECKS = {
    "dataset": _choice(DATASETS),
    "noise": _number(0.0, 0.5),
    "seed": _integer(0, 2**32 - 1),
    "train_ratio": _number(0.0, 1.0, open_low=True),
    "points": _integer(1, MAX_POINTS, nullable=True),
    "loss": _choice(LOSSES),
    "optimizer": _choice(OPTIMIZERS),
    "learning_rate": _number(0.0, 100.0, open_low=True),
    "momentum": _number(0.0, 0.999),
    "batch_size": _integer(1, MAX_POINTS, nullable=True),
    "l1": _number(0.0, 1e6),
    "l2": _number(0.0, 1e6),
    "epochs": _integer(0, MAX_EPOCHS, nullable=True),
}
