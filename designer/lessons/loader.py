"""Read lesson files strictly: every fault is one :class:`LessonError` line naming the place.

Each step is resolved completely: what it leaves out comes from the step before, its network is
checked to compile, its dataset to fit the network, its exercise to exist and its action to name
things that are there (its views: ``step_views.py``; its actions: ``step_actions.py``). Networks,
exercises and the lesson itself are read with the same safe reader as every other file
(``designer.model.fileformat.read_file_bytes``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from designer.engine import EngineError, compile_network
from designer.engine import data as engine_data
from designer.exercises import ChainRuleExercise, Exercise, load_exercise
from designer.exercises.loader import ID_PATTERN
from designer.exercises.strict import StrictObject, check_header
from designer.lessons.lesson import (
    LESSON_FORMAT,
    LESSON_VERSION,
    NOTATIONS,
    Lesson,
    LessonError,
    Step,
)
from designer.lessons.step_actions import MAX_EPOCHS as MAX_EPOCHS
from designer.lessons.step_actions import MAX_RUNS as MAX_RUNS
from designer.lessons.step_actions import step_actions
from designer.lessons.step_views import step_views
from designer.lessons.training import TrainingSpec, training_from_document
from designer.model import FormatError, Network
from designer.model.fileformat import network_from_document, parse_json, read_file_bytes, type_name
from designer.model.jsonread import clipped
from designer.model.safefile import shown_path, without_the_file
from designer.resources import resource_file

MAX_STEPS = 200
MAX_TITLE = 200
MAX_TEXT = 4000
#: What all the steps of a lesson may hold together: lessons are for small networks, and a short file
#: must not make the reader load one huge network or dataset step after step (a hang, gigabytes).
MAX_LESSON_NODES = 50_000
MAX_LESSON_CONNECTIONS = 500_000
MAX_LESSON_POINTS = 2_000_000
#: ``"network": "starter"``: the step's exercise's own network (a design's starter, a drill's network).
STARTER = "starter"
_STEP_REQUIRED = ("title", "text")
_STEP_OPTIONAL = ("network", "training", "views", "layout", "notation", "exercise", "action")
_EXAMPLE_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _without_experiment(network: Network) -> Network:
    """The network without its file's ``"training"`` section: a step's data and settings are the step's
    ``training`` (over the previous step's), never the network file's. Kept, the section came back in the
    window as the step opened (its stop loss, speed and views stayed over the step's) and quitting the
    lesson asked to save settings the lesson had set."""
    network.training = None
    return network


def _looks_like_path(text: str) -> bool:
    return text.lower().endswith(".json") or "/" in text or os.sep in text


class _Reader:
    """Reads one lesson document; ``folder`` resolves relative paths (None: shipped names only)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.training_keys: dict[str, Any] = {}  # the "training" keys so far: a step keeps what it leaves out
        #: nodes, connections and data points of the steps read so far (the MAX_LESSON_* budget)
        self.held = {"nodes": 0, "connections": 0, "points": 0}
        #: network files already read, by the text naming them: a file named by many steps is read and
        #: compiled once, and its steps share the network (never changed: the player shows copies)
        self.files: dict[str, Network] = {}

    def path(self, text: str, where: str) -> Path:
        if self.folder is None:
            raise LessonError(f"{where}: a shipped lesson names shipped files only, not '{clipped(text, 60)}'")
        return self.folder / text

    # ------------------------------------------------------------- lesson
    def lesson(self, doc: Any, source: str | None) -> Lesson:
        check_header(doc, LESSON_FORMAT, LESSON_VERSION, "lesson", LessonError)
        top = StrictObject(doc, "", ("format", "version", "id", "title", "steps"), ("description",))
        lesson_id = top.text("id", 64)
        if not ID_PATTERN.fullmatch(lesson_id):
            raise LessonError(f"id: '{clipped(lesson_id, 40)}' must be lower-case letters and digits joined by '-'")
        steps: list[Step] = []
        for i, raw in enumerate(top.items("steps", MAX_STEPS)):
            steps.append(self.step(raw, i, steps[-1] if steps else None))
        description = top.text("description", MAX_TEXT) if top.has("description") else ""
        return Lesson(lesson_id, top.text("title", MAX_TITLE), steps, description, source)

    # --------------------------------------------------------------- step
    def step(self, raw: Any, i: int, previous: Step | None) -> Step:
        where = f"steps[{i}]"
        r = StrictObject(raw, where, _STEP_REQUIRED, _STEP_OPTIONAL)
        exercise = self.exercise(r.raw("exercise"), r.at("exercise")) if r.has("exercise") else None
        network, network_from = self.network(r, i, previous, exercise)
        training = self.training(r)
        exercise_data = exercise is not None and not self.names_data(r)
        self.hold(where, network, self.data_points(where, network, training, exercise if exercise_data else None))
        views, layout = step_views(r, previous, exercise)
        notation = r.text("notation", 20) if r.has("notation") else "numbers"
        if notation not in NOTATIONS:
            raise LessonError(
                f"{r.at('notation')}: expected one of {', '.join(NOTATIONS)}, got '{clipped(notation, 20)}'"
            )
        actions = step_actions(r.raw("action"), r.at("action"), network) if r.has("action") else ()
        return Step(
            title=r.text("title", MAX_TITLE),
            text=r.text("text", MAX_TEXT),
            network=network,
            network_from=network_from,
            training=training,
            views=views,
            layout=layout,
            notation=notation,
            exercise=exercise,
            actions=actions,
            exercise_data=exercise_data,
        )

    @staticmethod
    def data_points(
        where: str, network: Network, training: TrainingSpec, shown: Exercise | ChainRuleExercise | None
    ) -> int:
        """How many points the step shows. A step showing its exercise's own points (``shown``: its
        "training" names no data) never makes the dataset it inherits, so that one need not fit the
        network (three inputs after the default two-input xor); otherwise the dataset must fit."""
        if isinstance(shown, Exercise):
            return len(shown.cases.x)
        if shown is not None:
            return 1  # a drill's one sample
        data = engine_data.make(network, training.data_options())
        if data.problem:
            raise LessonError(f"{where}.training: {data.problem}")
        return len(data.x_train) + len(data.x_test)

    @staticmethod
    def names_data(r: StrictObject) -> bool:
        """Whether the step's own "training" says what data to use (a dataset or embedded rows)."""
        raw = r.raw("training") if r.has("training") else None
        return isinstance(raw, dict) and ("dataset" in raw or "data" in raw)

    def hold(self, where: str, network: Network, points: int) -> None:
        """Count a step's network and data against the lesson's budget; LessonError once it is spent."""
        held = self.held
        held["nodes"] += len(network.inputs) + len(network.features) + len(network.neurons)
        held["connections"] += len(network.connections)
        held["points"] += points
        limits = {"nodes": MAX_LESSON_NODES, "connections": MAX_LESSON_CONNECTIONS, "points": MAX_LESSON_POINTS}
        for name, limit in limits.items():
            if held[name] > limit:
                raise LessonError(
                    f"{where}: the lesson's steps hold more than {limit:,} {name} in all (lessons are for small "
                    "networks and datasets)"
                )

    def training(self, r: StrictObject) -> TrainingSpec:
        """The step's own keys over the previous step's (the first step: over the defaults)."""
        if r.has("training"):
            raw = r.raw("training")
            if not isinstance(raw, dict):
                raise LessonError(f"{r.at('training')}: expected an object, got {type_name(raw)}")
            self.training_keys = {**self.training_keys, **raw}
        return training_from_document(self.training_keys, r.at("training"))

    def exercise(self, raw: Any, where: str) -> Exercise | ChainRuleExercise:
        if not isinstance(raw, str) or not raw.strip():
            raise LessonError(f"{where}: expected an exercise id or the path of an exercise file, got {type_name(raw)}")
        target: str | Path = self.path(raw, where) if _looks_like_path(raw) else raw
        try:
            return load_exercise(target)
        except FormatError as exc:
            raise LessonError(f"{where}: {exc}") from None

    def network(
        self, r: StrictObject, i: int, previous: Step | None, exercise: Exercise | ChainRuleExercise | None
    ) -> tuple[Network, int]:
        where = r.at("network")
        drill = isinstance(exercise, ChainRuleExercise)
        if not r.has("network") and not drill:
            if previous is None:
                raise LessonError(f'steps[{i}]: missing "network" (the first step must give one)')
            network = previous.network  # shared, never changed: the player shows a copy
            self.fits(network, exercise, where)
            return network, previous.network_from
        raw = r.raw("network") if r.has("network") else STARTER
        if drill and raw != STARTER:
            raise LessonError(
                f'{where}: a chain-rule step shows its exercise\'s network: leave it out or write "starter"'
            )
        if raw == STARTER:
            if exercise is None:
                raise LessonError(f'{where}: "starter" is the network of the step\'s exercise, and this step has none')
            network = exercise.network if isinstance(exercise, ChainRuleExercise) else exercise.starter
            network = network.copy()
        elif isinstance(raw, str):
            if raw in self.files:  # read, checked and compiled for an earlier step; shared like an inherited one
                network = self.files[raw]
                self.fits(network, exercise, where)
                return network, i
            network = self.network_file(raw, where)
        elif isinstance(raw, dict):
            try:
                network = _without_experiment(network_from_document(raw))
            except FormatError as exc:
                raise LessonError(f"{where}: {exc}") from None
        else:
            expected = 'an example name, a path, "starter" or a network'
            raise LessonError(f"{where}: expected {expected}, got {type_name(raw)}")
        try:
            compile_network(network)
        except EngineError as exc:
            if raw == STARTER and exercise is not None:
                raise LessonError(f"{where}: {self.starter_problem(exercise, exc)}") from None
            raise LessonError(f"{where}: {exc}") from None
        self.fits(network, exercise, where)
        return network, i

    @staticmethod
    def starter_problem(exercise: Exercise | ChainRuleExercise, exc: EngineError) -> str:
        """Why "starter" cannot be the step's network, naming the exercise: an exercise file without a
        "starter" starts from its inputs alone, which has no output neuron for the step's views."""
        problem = f"the starter network of the exercise '{exercise.id}' cannot be shown: {exc}"
        if isinstance(exercise, Exercise) and not exercise.starter.neurons:
            problem += (
                '; the exercise file has no "starter" (it starts from its inputs alone): give it one, '
                "or give the step a network"
            )
        return problem

    @staticmethod
    def fits(network: Network, exercise: Exercise | ChainRuleExercise | None, where: str) -> None:
        """A design exercise is checked on the canvas: the network must have its inputs."""
        if isinstance(exercise, Exercise) and sorted(network.inputs) != sorted(exercise.input_ids):
            have = ", ".join(network.inputs) or "none"
            raise LessonError(
                f"{where}: the network's inputs ({have}) are not the inputs of the exercise '{exercise.id}' "
                f"({', '.join(exercise.input_ids)})"
            )

    def network_file(self, text: str, where: str) -> Network:
        if _looks_like_path(text):
            path = self.path(text, where)
        elif _EXAMPLE_NAME.fullmatch(text):
            try:
                path = resource_file("examples", f"{text}.json")
            except FormatError:
                raise LessonError(f"{where}: no shipped example '{text}'") from None
        else:
            raise LessonError(f"{where}: '{clipped(text, 40)}' is neither a shipped example name nor a .json path")
        try:
            network = self.files[text] = _without_experiment(network_from_document(parse_json(read_file_bytes(path))))
        except FormatError as exc:  # (the file named once: "x: x is a FIFO", "x: no such file: x" read it twice)
            raise LessonError(f"{where}: {_naming_once(os.fspath(path), exc)}") from None
        return network


# --------------------------------------------------------------------- entry
def lesson_from_document(doc: Any, source: str | None = None, folder: Path | None = None) -> Lesson:
    """A parsed JSON document to a Lesson; relative paths in it are read from ``folder``."""
    try:
        return _Reader(folder).lesson(doc, source)
    except LessonError:
        raise
    except FormatError as exc:  # the strict reader's and the exercises' one-line errors
        raise LessonError(str(exc)) from None
    except (MemoryError, RecursionError):
        raise LessonError("the lesson is too large or nested too deeply") from None


def parse_lesson(data: bytes | str, source: str | None = None, folder: Path | None = None) -> Lesson:
    try:
        doc = parse_json(data)
    except FormatError as exc:
        raise LessonError(str(exc)) from None
    return lesson_from_document(doc, source, folder)


def load_lesson_file(path: str | os.PathLike[str], *, shipped: bool = False) -> Lesson:
    """Read a lesson file; errors name the file. A shipped lesson may name shipped files only."""
    text = os.fspath(path)
    try:
        return parse_lesson(read_file_bytes(path), text, None if shipped else Path(text).resolve().parent)
    except FormatError as exc:
        raise LessonError(_naming_once(text, exc)) from None


def _naming_once(path: str, exc: Exception) -> str:
    """``exc``'s message with the file named once ("x: x is a FIFO" read it twice): "x is a FIFO…" as
    every other reader says it, else led by the file ("x: no such file", "x: not valid JSON…")."""
    where, message = shown_path(path), str(exc)
    if message.startswith(f"{where} is "):
        return message
    return f"{where}: {without_the_file(path, message)}"
