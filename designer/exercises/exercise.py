"""An exercise as plain data: what to build, how it is judged, and the networks that come with it.

The file format is described in docs/exercises.md; :mod:`designer.exercises.loader` reads it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from designer.model import ACTIVATIONS, FormatError, Network

EXERCISE_FORMAT = "nn-designer-exercise"
EXERCISE_VERSION = 1

#: The exercise browser's groups, in the order it shows them.
GROUPS: tuple[str, ...] = ("logic gates", "1-D functions", "decision boundaries", "training")
TARGET_KINDS: tuple[str, ...] = ("truth_table", "function", "region", "dataset", "network")
RULES: tuple[str, ...] = ("classify", "max_error")
#: The units the lecture's design exercises allow ("Linear, Sigmoid, Step or ReLU").
LECTURE_ACTIVATIONS: tuple[str, ...] = ("linear", "sigmoid", "step", "relu")


class ExerciseError(FormatError):
    """An exercise file that cannot be used; ``str()`` is one line naming the place.

    Text quoted from the file (ids, names) cannot break the line: control characters become spaces.
    """

    def __init__(self, message: str) -> None:
        printable = "".join(ch if ch.isprintable() else " " for ch in str(message))
        super().__init__(" ".join(printable.split()))


@dataclass(frozen=True)
class InputSpec:
    id: str
    low: float
    high: float
    label: str | None = None


@dataclass(frozen=True)
class Sample:
    """The points a function, region or network target is checked on (exactly one source)."""

    grid: int | None = None  # points per input, evenly spaced over each range, ends included
    random: int | None = None  # uniformly random points over the ranges
    seed: int = 0  # for ``random``
    points: tuple[tuple[float, ...], ...] = ()  # explicit points, in the exercise's input order
    margin: float = 0.0  # regions only: drop points closer than this to the boundary
    exclude: str | None = None  # drop points where this expression is true


@dataclass(frozen=True)
class DatasetSpec:
    """A built-in dataset of the engine (``designer.engine.make_dataset``)."""

    name: str
    points: int = 500
    noise: float = 0.0
    seed: int = 0
    train_ratio: float = 0.5
    split: str = "test"  # which part is checked: "test", "train" or "all"


@dataclass(frozen=True)
class Target:
    kind: str  # one of TARGET_KINDS
    #: truth_table: (input values, output values) per row
    rows: tuple[tuple[tuple[float, ...], tuple[float, ...]], ...] = ()
    #: function and region: one expression per output
    expressions: tuple[str, ...] = ()
    sample: Sample | None = None  # function, region, network
    dataset: DatasetSpec | None = None  # dataset


@dataclass(frozen=True)
class PassRule:
    rule: str  # "classify": (output >= threshold) must equal the label; "max_error": |output - target| <= tolerance
    threshold: float = 0.5
    min_accuracy: float = 1.0
    tolerance: float = 0.0
    #: max_error only: the tolerance for a design whose hidden neurons are all step units (a staircase
    #: of n steps cannot get closer than some bound, e.g. 2/(n+2) for sin x); None: same as ``tolerance``.
    step_only_tolerance: float | None = None

    def tolerance_for(self, hidden_activations: set[str]) -> float:
        """The max_error tolerance that applies to a design with these hidden activations."""
        if self.step_only_tolerance is not None and hidden_activations == {"step"}:
            return self.step_only_tolerance
        return self.tolerance


@dataclass(frozen=True)
class Constraints:
    hidden_activations: tuple[str, ...] = ACTIVATIONS
    output_activations: tuple[str, ...] = ACTIVATIONS
    max_hidden: int | None = None
    max_depth: int | None = None  # layers of neurons on the longest input-to-output path
    max_first_layer: int | None = None  # neurons with a connection straight from an input or a feature
    layered: bool = False  # every connection goes from one layer to the next (no skip connections)
    max_features: int | None = 0  # feature nodes (x1², sin x1, …); None: any number
    #: Marks exercises meant to be solved by training (the app may offer its Training dock). Not a
    #: rule: a submitted file's weights are judged whatever produced them.
    training_allowed: bool = False


@dataclass(frozen=True)
class Cases:
    """The points a network is judged on, computed once when the exercise is loaded.

    ``x`` is (N, n_inputs) in the exercise's input order, ``y`` (N, n_outputs); both read-only.
    The checker's point indices (``CheckResult.wrong_points``) index these rows.
    """

    x: np.ndarray
    y: np.ndarray
    excluded: int = 0  # sample points dropped by ``margin`` or ``exclude``

    def __post_init__(self) -> None:
        self.x.setflags(write=False)
        self.y.setflags(write=False)

    def __len__(self) -> int:
        return len(self.x)


@dataclass(eq=False)
class Exercise:
    """One exercise. ``starter``, ``solutions`` and ``given`` are fresh networks per load: copy before editing."""

    id: str
    title: str
    group: str
    prompt: str
    inputs: tuple[InputSpec, ...]
    target: Target
    rule: PassRule
    constraints: Constraints
    starter: Network
    solutions: list[Network]
    cases: Cases
    hints: tuple[str, ...] = ()
    solutions_visible: bool = True
    given: Network | None = None  # shown read-only (e.g. linear-collapse)
    source: str | None = None  # the file it was read from

    @property
    def input_ids(self) -> list[str]:
        return [spec.id for spec in self.inputs]

    @property
    def n_outputs(self) -> int:
        return int(self.cases.y.shape[1])

    @property
    def is_truth_table(self) -> bool:
        return self.target.kind == "truth_table"
