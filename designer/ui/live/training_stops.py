"""When a training run stops by itself: at the stop epoch or at the target training loss (the Training
panel's "Stop at epoch" and "Stop at loss"), and what it says then.

The rules, apart from the timer loop that runs the steps (``training.py``): they depend on the steps
alone, never on where a frame ends, so a demo played again stops at the same step; and Play refuses to
start past a stop (it ran one step past it, so a demo played again drifted from where it had stopped).
"""

from __future__ import annotations

from collections.abc import Callable

from designer.formatting import format_number


def already_stopped(stop_epochs: int | None, stop_loss: float | None, epoch: int, loss: Callable[[], float]) -> str:
    """Why Play would stop before its first step ("" if it would not): the stop epoch or the target loss
    is reached already. ``loss`` computes the training loss now (asked only when a target is set)."""
    if stop_epochs is not None and epoch >= stop_epochs:
        return f"Already at the stop epoch {stop_epochs}: raise it or untick Stop at epoch to train on"
    if stop_loss is not None:
        now = loss()  # after any edit since the last step
        if now <= stop_loss:
            return (
                f"The training loss {format_number(now)} is at the target {format_number(stop_loss)} already: "
                "lower it or untick Stop at loss to train on"
            )
    return ""


def epoch_stop(stop_epochs: int | None, epoch: int) -> str:
    """Why the run stops after a step that completed ``epoch`` epochs, or ""."""
    if stop_epochs is not None and epoch >= stop_epochs:
        return f"Stopped at epoch {stop_epochs}"
    return ""


def loss_stop(stop_loss: float | None, loss: float) -> str:
    """Why the run stops at a training loss of ``loss`` (the target is reached), or ""."""
    if stop_loss is None or not loss <= stop_loss:
        return ""
    return f"Stopped: training loss {format_number(loss)} reached the target {format_number(stop_loss)}"
