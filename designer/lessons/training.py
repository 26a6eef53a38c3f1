"""A step's dataset and training settings: the network file's ``"training"`` object (docs/format.md).

The keys are read by the format's own reader (:func:`designer.model.experiment.training_from_document`:
the same types, ranges and messages as in a network file), with the lesson rules on top:

- unknown keys are errors, with "did you mean" (a teacher's typo must not pass silently); the app's
  own keys ``steps_per_frame``, ``stop_loss`` and ``views`` belong to the step, not here;
- ``dataset`` must be a built-in name; embedded ``data`` rows are not used in lessons;
- without ``epochs`` (or with ``"epochs": null``) training runs until paused.

The lesson loader merges a step's keys over the previous step's as plain JSON before reading them.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from designer.engine import DATASETS, TrainingSettings
from designer.engine.data import DataOptions
from designer.engine.experiment import data_options, training_settings
from designer.model import FormatError, TrainingSection
from designer.model.experiment import KEYS as FILE_KEYS
from designer.model.experiment import training_from_document as read_section
from designer.model.fileformat import type_name

#: The keys a lesson step's "training" may hold.
KEYS: tuple[str, ...] = tuple(k for k in FILE_KEYS if k not in ("data", "stop_loss", "steps_per_frame", "views"))


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

    def section(self) -> TrainingSection:
        """The same settings as a network file's training section (epochs 0 when it runs until paused)."""
        values = {key: getattr(self, key) for key in KEYS}
        return TrainingSection(**{**values, "epochs": self.epochs or 0})

    def data_options(self) -> DataOptions:
        """For :func:`designer.engine.data.make`."""
        return data_options(self.section())

    def settings(self) -> TrainingSettings:
        """For :class:`designer.engine.Trainer`."""
        return training_settings(self.section())


def training_from_document(doc: Any, where: str = "training") -> TrainingSpec:
    """A ``"training"`` object; keys it leaves out have the defaults. FormatError (one line) otherwise."""
    if not isinstance(doc, dict):
        raise FormatError(f"{where}: expected an object, got {type_name(doc)}")
    for key in doc:
        if key not in KEYS:
            if key == "data":
                raise FormatError(f"{where}.data: embedded data is not read in lessons; name a dataset")
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(KEYS)})"
            raise FormatError(f"{where}.{str(key)[:40]}: unknown key{hint}")
    dataset = doc.get("dataset", TrainingSpec.dataset)
    if dataset not in DATASETS:
        shown = dataset[:40] if isinstance(dataset, str) else type_name(dataset)
        raise FormatError(f"{where}.dataset: expected one of {', '.join(DATASETS)}, got '{shown}'")
    epochs = doc.get("epochs")
    section = read_section({k: v for k, v in doc.items() if k != "epochs" or v is not None}, where)
    values = {key: getattr(section, key) for key in KEYS}
    return TrainingSpec(**{**values, "dataset": dataset, "epochs": None if epochs is None else section.epochs})
