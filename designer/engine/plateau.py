"""Is a training run on a plateau? Read from the curves the run draws anyway (no forward pass).

A 2-2-1 sigmoid network on XOR with SGD at learning rate 0.03 sits at loss 0.25, accuracy 0.5, for tens
of thousands of epochs: every output near 0.5, the gradient almost 0, and a new user sees nothing
happen. The app says so once (``designer/ui/live/plateau_note.py``) when all of these hold over the
last half of the run (at least :data:`MIN_WINDOW` epochs: the window grows with the run, so a slow but
steady descent is never taken for a plateau):

- the training loss stayed within :data:`FLAT` of its value (its lowest and highest point there);
- the training accuracy got no better than it was before the window (for class targets);
- the gradient is tiny: its length below :data:`TINY` times the loss (the same ratio for a mean and
  a summed loss; a run bouncing at a too large rate has a flat mean loss but a steep gradient);
- the network does not fit yet: some training points are wrong (class targets) and the loss is above
  :data:`FITS` times the loss of the best constant output, what a network that ignores its inputs
  gets (a run that has converged has a flat loss and a tiny gradient too).

:class:`PlateauWatch` tells a plateau once, and again only after the loss has left it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from designer.engine import losses

#: epochs the flat stretch spans at least (and the run is at least as long)
MIN_WINDOW = 250
#: the loss moves by less than this share of its value over the window
FLAT = 0.01
#: the gradient's length is below this share of the loss
TINY = 0.05
#: a loss at most this share of the constant output's counts as fitting
FITS = 0.25
#: the loss has left a plateau once it moved this share away from where it was told
LEFT = 0.1


@dataclass(frozen=True)
class Plateau:
    """A flat stretch at the end of a run's curves."""

    epochs: float  # how long the loss has stayed flat (the window looked at)
    loss: float  # the training loss now
    accuracy: float  # the training accuracy now (NaN for regression targets)


def find_plateau(
    epochs: np.ndarray,
    train_loss: np.ndarray,
    train_acc: np.ndarray,
    gradient_norm: float,
    constant_loss: float,
) -> Plateau | None:
    """The plateau the run is on, or None. ``epochs``, ``train_loss`` and ``train_acc`` are the curves'
    points in order (accuracy NaN for regression targets); ``gradient_norm`` the length of the gradient
    now; ``constant_loss`` what the best constant output would lose (:func:`constant_output_loss`)."""
    n = len(epochs)
    if n < 2 or not (math.isfinite(gradient_norm) and math.isfinite(constant_loss)):
        return None
    last_epoch = float(epochs[-1])
    window = max(MIN_WINDOW, last_epoch / 2)
    start = last_epoch - window
    if epochs[0] > start:  # the curves do not reach back that far yet
        return None
    first = max(int(np.searchsorted(epochs, start, side="right")) - 1, 0)  # the last point at or before it
    loss = float(train_loss[-1])
    flat = train_loss[first:]
    if not (np.all(np.isfinite(flat)) and float(flat.max() - flat.min()) <= FLAT * loss):
        return None
    if gradient_norm > TINY * loss or loss <= FITS * constant_loss:
        return None
    accuracy = float(train_acc[-1])
    if math.isfinite(accuracy) and (accuracy >= 1.0 or _better_inside(train_acc, first)):
        return None
    return Plateau(window, loss, accuracy)


def _better_inside(accuracy: np.ndarray, first: int) -> bool:
    """Did the accuracy after point ``first`` beat its best up to there (the run still learns)?"""
    return float(accuracy[first + 1 :].max()) > float(accuracy[: first + 1].max())


def constant_output_loss(y: np.ndarray, loss: str, softmax: bool = False) -> float:
    """The loss of the best constant output on targets ``y`` (N, n_outputs): each output the mean of its
    targets (a class's share, for class targets), whatever the inputs. NaN without targets."""
    if not len(y):
        return math.nan
    y = np.asarray(y, dtype=np.float64)
    mean = y.mean(axis=0, keepdims=True)
    if loss == "cross_entropy" and not softmax:
        mean = np.clip(mean, 1e-12, 1 - 1e-12)  # the loss of an output that is exactly 0 or 1 where it is right
    return losses.loss_value(loss, np.broadcast_to(mean, y.shape), y, softmax)


class PlateauWatch:
    """Finds a plateau once: :meth:`check` returns it the first time only, and another only after the
    loss left that one (moved by :data:`LEFT` of its value) or the run started over (:meth:`clear`)."""

    def __init__(self) -> None:
        self.told: float | None = None  # the loss of the plateau told, while the run is still on it

    def clear(self) -> None:
        self.told = None

    def check(
        self,
        epochs: np.ndarray,
        train_loss: np.ndarray,
        train_acc: np.ndarray,
        gradient_norm: float,
        constant_loss: float,
    ) -> Plateau | None:
        if self.told is not None:
            if not len(train_loss) or abs(float(train_loss[-1]) - self.told) <= LEFT * self.told:
                return None
            self.told = None  # it left the plateau: the next one is told again
        found = find_plateau(epochs, train_loss, train_acc, gradient_norm, constant_loss)
        if found is not None:
            self.told = found.loss
        return found
