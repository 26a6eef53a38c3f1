"""A lesson as plain data: an ordered list of steps, each a state of the app and a few lines of text.

The file format is described in docs/lessons.md; :mod:`designer.lessons.loader` reads it and
resolves every step completely (a step that leaves something out has the previous step's), so
the player only sets what a step says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from designer.exercises import ChainRuleExercise, Exercise
from designer.lessons.training import TrainingSpec
from designer.model import FormatError, Network

LESSON_FORMAT = "nn-designer-lesson"
LESSON_VERSION = 1

#: The views a step can open (a public contract, like the file format).
VIEWS: tuple[str, ...] = (
    "canvas",  # the network editor
    "regions",  # the output over the input plane (or the curve for one input)
    "math",  # every neuron's equation and the nested h(x)
    "pytorch",  # the design as PyTorch code
    "activation",  # g(z) and g'(z) of the selected neuron, its z marked
    "landscape",  # the training loss over one or two weights/biases
    "training",  # dataset and training settings
    "curves",  # loss and accuracy curves
    "exercise",  # a design exercise's live check
    "chainrule",  # chain-rule practice: the asked derivatives to fill in
)
#: At most this many views side by side on the stage (``layout``).
MAX_STAGE = 3
#: What the math view shows (``designer.export.notation``).
NOTATIONS: tuple[str, ...] = ("numbers", "lecture", "both")
#: Most actions one step does (one after the other, e.g. pick the landscape's parameters, then train).
MAX_ACTIONS = 4
#: What a step may do when it is shown (``action.kind``).
ACTIONS: tuple[str, ...] = ("train", "forward", "backward", "collapse", "select", "landscape", "restarts")


class LessonError(FormatError):
    """A lesson file that cannot be used; ``str()`` is one line naming the place."""

    def __init__(self, message: str) -> None:
        printable = "".join(ch if ch.isprintable() else " " for ch in str(message))
        super().__init__(" ".join(printable.split()))


@dataclass(frozen=True)
class Action:
    """What a step does when it is shown; only the fields of its ``kind`` are set.

    - ``train``: train ``epochs`` epochs with the step's training settings;
    - ``forward`` / ``backward``: walk the forward or backward pass level by level, at ``point``
      (the probe; None: the view's current one);
    - ``collapse``: replace the hidden linear layers by the single equivalent layer;
    - ``select``: select ``neuron`` (its formula, activation view and map);
    - ``landscape``: show the loss over ``parameters`` (``w:SOURCE->TARGET`` or ``b:NEURON``),
      each over its ``ranges`` entry (None: around the current value);
    - ``restarts``: train ``runs`` random initialisations for ``epochs`` epochs each, side by side.
    """

    kind: str
    epochs: int | None = None
    runs: int | None = None
    point: tuple[float, ...] | None = None
    neuron: str | None = None
    parameters: tuple[str, ...] = ()
    ranges: tuple[tuple[float, float], ...] | None = None


@dataclass
class Step:
    """One step, resolved: everything the player sets is here, inherited values included."""

    title: str
    text: str  # Markdown-lite (designer.lessons.markup): render it, never show it as HTML
    network: Network  # shared by the steps that keep it and fresh per load: copy before editing
    network_from: int  # index of the step whose network this is (itself, or an earlier one it keeps)
    training: TrainingSpec
    views: tuple[str, ...]  # open views (VIEWS), stage views first
    layout: tuple[str, ...]  # the views side by side on the stage, left to right
    notation: str = "numbers"  # the math view's notation (NOTATIONS)
    exercise: Exercise | ChainRuleExercise | None = None
    actions: tuple[Action, ...] = ()  # done in this order when the step is shown
    #: the map shows the exercise's own points: the step names an exercise and no data of its own
    #: (data kept from an earlier step belong to that step's task, not to this one)
    exercise_data: bool = False


@dataclass
class Lesson:
    id: str
    title: str
    steps: list[Step]
    description: str = ""
    source: str | None = None  # the file it was read from
    extras: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.steps)
