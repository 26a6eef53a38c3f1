"""The live session's data: a named dataset for the current network, an exercise's own points, points
painted on the map or read from a file, and the dataset that fits a network whose inputs changed.

Apart from compiling and evaluating because the data change on their own clock (the Training panel,
an exercise, painting) and each change bumps ``data_version``, which the trainer, the curves and the
feature check key on. :class:`SessionData` is a base of :class:`~designer.ui.live.session.Session`,
which provides ``network``, ``data``, ``options`` and the signals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from designer.engine import data as dm
from designer.model import Network


@dataclass
class Painting:
    """The Training panel's "Paint points" tool, which clicks on the region map use."""

    active: bool = False
    cls: int = 1  # the class a left click adds (a right click adds class 0)
    target: float = 1.0  # on a regression plane, the target a left click adds (a right click adds 0)


class SessionData:
    """Making, replacing and painting the data the views show and training uses."""

    def _fitting_name(self, net: Network) -> str:
        """The dataset for a network the shown one no longer fits. Building from an empty network passes
        through one input: the lesson's "and" became "bump" at x₁ and "xor" at x₂, and the AND neuron
        was then judged on XOR points. A 2-D dataset given up for one input comes back at two."""
        name = self.options.name
        if name in dm.NAMED and name not in dm.FUNCTIONS:
            self._last_plane = name
        if len(net.inputs) == 2 and self._last_plane:
            return self._last_plane
        return dm.default_name(net)

    def _make_data(self) -> None:
        try:
            if self.options.name == dm.EXERCISE and self.exercise_data is not None:
                self.data = self.exercise_data(self.network)
                self.options = self.data.options  # its own noise, split and seed
            else:
                self.data = dm.make(self.network, self.options)
        except dm.DatasetError as exc:
            self.data = dm.empty(len(self.network.inputs), max(len(self.network.outputs), 1))
            self.data.problem = str(exc)
        self.data_version += 1

    def regenerate(self, options: dm.DataOptions | None = None) -> None:
        """A named dataset (with noise, split and seed) for the current network."""
        if options is not None:
            self.options = options
        self._make_data()
        self.set_probe(None)
        self.data_changed.emit()
        self.schedule()

    def show_exercise(self, make: Callable[[Network], dm.Data] | None, objective: str | None = None) -> None:
        """Show and train on an exercise's own points (``make(network)``), or, with None, leave them
        for the network's default dataset. The exercise's points stay one choice of the dataset list.
        ``objective``: the exercise's own loss (a chain-rule drill's), for the backward pass."""
        self.exercise_data = make
        self.exercise_objective = objective if make is not None else None
        if make is not None:
            self.options = dm.DataOptions(dm.EXERCISE, train_ratio=1.0)
        elif self.options.name == dm.EXERCISE:
            self.options = dm.DataOptions(dm.default_name(self.network))
        else:
            return
        self.regenerate()

    @property
    def showing_exercise(self) -> bool:
        """True while the data are the exercise's own points (not a dataset picked since)."""
        return self.exercise_data is not None and self.options.name == dm.EXERCISE

    @property
    def shown_objective(self) -> str | None:
        """The shown exercise's own objective while its points are shown, else None."""
        return self.exercise_objective if self.showing_exercise else None

    def set_data(self, data: dm.Data) -> None:
        self.data = data
        self.data_version += 1
        self.data_changed.emit()
        self.schedule()

    def add_point(self, x: np.ndarray, y: np.ndarray, bits: bool = False) -> None:
        """A painted point; ``bits``: its targets are separate 0/1 questions (not a one-hot class)."""
        base = (
            self.data
            if dm.compatible(self.data, self.network) and not self.data.problem
            else dm.empty(len(self.network.inputs), max(len(self.network.outputs), 1), self.data.rect)
        )
        self.set_data(base.with_points(x[None, :], y[None, :], bits=bits))

    def clear_points(self) -> None:
        self.options = dm.DataOptions(dm.CUSTOM)
        self.set_data(dm.empty(len(self.network.inputs), max(len(self.network.outputs), 1), self.data.rect))

    @property
    def rect(self) -> tuple[float, float, float, float]:
        return self.data.rect
