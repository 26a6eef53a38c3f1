"""The plateau note: a run started with Play whose loss stays flat while the network does not fit yet is
said once in the status bar, with what to try (the rule is ``designer/engine/plateau.py``).

A 2-2-1 sigmoid network on XOR with SGD at 0.03 sat at loss 0.25 and accuracy 0.5 for minutes and
nothing said why. The note reads what each frame has anyway: the curves' points, the trainer's gradient
length, and the best constant output's loss (once per data and loss); no forward pass of its own.
Runs a lesson plays by itself (lesson 18 gets stuck on purpose) are not watched.
"""

from __future__ import annotations

import math

from designer.engine.plateau import Plateau, PlateauWatch, constant_output_loss
from designer.formatting import format_number


class PlateauNote:
    """Watches the runs the user starts with Play (:meth:`watch_run`) for a plateau, told once each."""

    def __init__(self, report, session, training) -> None:
        """``report`` shows a line in the status bar (and has a screen reader say it)."""
        self.report = report
        self.session = session
        self.training = training
        self.watch = PlateauWatch()
        self.watching = False
        self._last_epoch = math.inf  # the curves' last epoch at the last check: an earlier one is a new run
        self._constant: tuple[tuple, float] = ((), math.nan)  # (data version, loss, softmax), its loss
        training.stepped.connect(self._check)
        training.running_changed.connect(self._running_changed)

    def watch_run(self) -> None:
        """The user pressed Play and the run started: it is watched until it pauses."""
        self.watching = True

    def _running_changed(self, running: bool) -> None:
        if not running:
            self.watching = False

    def _check(self) -> None:
        """After a frame: a plateau found for the first time is said (a few array reductions a frame)."""
        history = self.training.history
        if not len(history):
            self.watch.clear()
            return
        epochs = history.column("epoch")
        if epochs[-1] < self._last_epoch:  # new weights, new data, an undone run: the curves start over
            self.watch.clear()
        self._last_epoch = float(epochs[-1])
        trainer = self.training.trainer
        if not (self.watching and self.training.running) or trainer is None:
            return
        found = self.watch.check(
            epochs,
            history.column("train_loss"),
            history.column("train_acc"),
            trainer.gradient_norm,
            self._constant_loss(),
        )
        if found is not None:
            self.report(self.text(found))

    def _constant_loss(self) -> float:
        st = self.session
        softmax = bool(st.network.softmax)
        key = (st.data_version, self.training.settings.loss, softmax)
        if self._constant[0] != key:
            self._constant = (key, constant_output_loss(st.data.y_train, key[1], softmax))
        return self._constant[1]

    def text(self, plateau: Plateau) -> str:
        """The note in plain words, short enough for the status bar of a small window: where the run is,
        why it barely moves, what to try first. The count is of the training points (the accuracy the
        curves plot), named so when the Decision Regions legend's "misclassified" also counts test points."""
        data = self.session.data
        n = data.n_train
        if math.isfinite(plateau.accuracy):
            # the map's legend counts the test points too: with some, say whose count this is
            points = "training points" if len(data.x_test) else "points"
            state = f"{round((1.0 - plateau.accuracy) * n)} of {n} {points} wrong"
        else:
            state = "the fit still poor"
        tries = "a larger learning rate or Randomize"
        if self.training.settings.optimizer != "adam":
            tries = "Adam, " + tries
        return (
            f"On a plateau (loss flat at {format_number(plateau.loss)} for {round(plateau.epochs):,} epochs, "
            f"{state}, gradient ≈ 0): try {tries}."
        )
