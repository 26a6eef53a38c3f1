"""How a run of training reaches the model: ONE undoable command (:class:`TrainingRun`) holding the
values the run moved, and the curves and counters (:class:`Progress`) that undo and redo bring back.

Kept apart from ``training.py``, which runs the steps frame by frame and decides *when* a run is
committed; this module is *what* is committed and how undo, redo and merging treat it.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from designer.model import Command, SetValues

Values = tuple[dict[tuple[str, str], float], dict[str, float]]


@dataclass
class Progress:
    """Where training stood: its records (the curves) and counters; undo and redo of a run bring it back."""

    history: tuple[np.ndarray, float, int]
    trainer: weakref.ref | None  # which trainer counted (weak: the undo history keeps no data alive)
    epoch: int  # the trainer's own counters (the epoch and steps shown add the history's offsets)
    steps: int
    data_version: int


@dataclass
class TrainingRun(SetValues):
    """The values a run of training reached; undo restores the values it started from, and the
    curves and counters where the run started (redo: where it ended).

    Consecutive runs merge into one undo step (play, pause, play again).
    """

    text: str = "train"
    before: Progress | None = field(default=None, compare=False, repr=False)
    after: Progress | None = field(default=None, compare=False, repr=False)
    follow: Callable[[Progress], None] | None = field(default=None, compare=False, repr=False)
    _redo: bool = field(default=False, init=False, compare=False, repr=False)  # the first do is the run itself
    merge_key = "training-run"

    def do(self, network) -> None:
        super().do(network)
        if self._redo and self.follow is not None and self.after is not None:
            self.follow(self.after)
        self._redo = True

    def undo(self, network) -> None:
        super().undo(network)
        if self.follow is not None and self.before is not None:
            self.follow(self.before)

    def merge(self, later: Command) -> bool:
        if not isinstance(later, TrainingRun) or self._old is None or later._old is None:
            return False
        self.weights = {**self.weights, **later.weights}
        self.biases = {**self.biases, **later.biases}
        self.after = later.after
        # undo goes back to the values before the first run (a value only the later run moved: before it)
        self._old = ({**later._old[0], **self._old[0]}, {**later._old[1], **self._old[1]})
        return True


def moved_values(now: Values, start: Values) -> Values:
    """The values training moved, to a finite number. The rest stay as the model has them: the run
    holds float32 copies, which round the model's numbers and make a bias of 1e300 infinite."""
    (w_now, b_now), (w_start, b_start) = now, start
    return (
        {k: v for k, v in w_now.items() if v != w_start.get(k) and math.isfinite(v)},
        {k: v for k, v in b_now.items() if v != b_start.get(k) and math.isfinite(v)},
    )
