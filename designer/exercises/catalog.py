"""Find exercises: the built-in set shipped in designer/resources/exercises/ and teachers' files given by path."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from designer.exercises.chainrule import GROUP as CHAIN_RULE_GROUP
from designer.exercises.chainrule import KIND as CHAIN_RULE
from designer.exercises.chainrule import ChainRuleExercise
from designer.exercises.exercise import GROUPS, Exercise, ExerciseError
from designer.exercises.loader import ID_PATTERN, load_exercise_file
from designer.model.jsonread import one_line
from designer.resources import EXERCISES, damaged, resource_file, resource_files

EXERCISES_DIR = EXERCISES

#: The built-in ids (a public contract), in the order the browser lists them.
BUILTIN_IDS: tuple[str, ...] = (
    "and",
    "or",
    "nand",
    "xor",
    "xor-relu",
    "abs-relu",
    "bump",
    "approx-sin",
    "half-plane",
    "triangle",
    "two-regions",
    "disk",
    "circle-one-neuron",
    "linear-collapse",
    "spiral",
    "chain-1-1-1",
    "chain-2-2-1-sigmoid",
    "chain-relu-off",
)
#: The groups in the order listings show them: the design exercises' groups, then chain-rule practice.
LISTED_GROUPS: tuple[str, ...] = (*GROUPS, CHAIN_RULE_GROUP)


#: What a listing shows by default: network designs (the exercise browser's kind).
DESIGN = "design"


@dataclass(frozen=True)
class ExerciseInfo:
    id: str
    title: str
    group: str
    path: Path
    kind: str = DESIGN  # "design" or "chain_rule"


def builtin_path(exercise_id: str) -> Path:
    return EXERCISES_DIR / f"{exercise_id}.json"


def list_exercises(kind: str | None = DESIGN) -> list[ExerciseInfo]:
    """The built-in exercises of one ``kind`` ("design", "chain_rule"; None: all), grouped
    (GROUPS order, chain-rule practice last), in BUILTIN_IDS order within a group.

    Any other valid file in the shipped exercises folder follows the listed ones, by id. A built-in
    exercise that is missing or unreadable means a damaged installation: InstallationError names
    the file (never a shorter or empty list).
    """
    found: list[ExerciseInfo] = []
    for path in resource_files("exercises"):
        try:
            exercise = load_exercise_file(path)
        except ExerciseError as exc:
            reason = str(exc).removeprefix(f"{path}: ")
            raise damaged(f"exercises/{path.name}", f"cannot be read ({reason})") from None
        found_kind = CHAIN_RULE if isinstance(exercise, ChainRuleExercise) else DESIGN
        if kind is None or kind == found_kind:
            found.append(ExerciseInfo(exercise.id, exercise.title, exercise.group, path, found_kind))
    for exercise_id in BUILTIN_IDS:
        resource_file("exercises", f"{exercise_id}.json")  # raises for a missing built-in
    rank = {exercise_id: i for i, exercise_id in enumerate(BUILTIN_IDS)}
    return sorted(found, key=lambda e: (LISTED_GROUPS.index(e.group), rank.get(e.id, len(rank)), e.id))


def is_shipped(exercise: Exercise | ChainRuleExercise) -> bool:
    """Whether ``exercise`` was read from the shipped exercises folder: a teacher's file that keeps a
    built-in's id (``"id": "xor"``) is another exercise, solved or not on its own."""
    if exercise.source is None:
        return False
    try:
        return Path(exercise.source).resolve().parent == EXERCISES_DIR.resolve()
    except (OSError, RuntimeError, ValueError):  # a link loop, a name the system refuses
        return False


def _looks_like_path(text: str) -> bool:
    return text.lower().endswith(".json") or any(sep in text for sep in ("/", os.sep, os.altsep or "/"))


def load_exercise(id_or_path: str | os.PathLike[str]) -> Exercise | ChainRuleExercise:
    """A built-in exercise by id, or an exercise file by path (ending in .json or containing a /).

    A network design gives an :class:`Exercise`; chain-rule practice a :class:`ChainRuleExercise`
    (``kind == "chain_rule"``), checked with :func:`designer.exercises.answers.check_answers`.

    Raises ExerciseError (a FormatError): unknown id, unreadable or invalid file; one line.
    """
    text = os.fspath(id_or_path)
    if isinstance(id_or_path, os.PathLike) or _looks_like_path(text):
        return load_exercise_file(text)
    path = builtin_path(text)
    # os.path.isfile, not Path.is_file: that raises for a name too long ("a" * 5000)
    if ID_PATTERN.fullmatch(text) and os.path.isfile(path):
        exercise = load_exercise_file(path)
        if exercise.id != text:
            raise ExerciseError(f"{path}: id '{exercise.id}' does not match the file name")
        return exercise
    if os.path.isfile(text):
        return load_exercise_file(text)
    known = ", ".join(info.id for info in list_exercises(None)) or "none installed"
    shown = " ".join(text.split())[:60]
    nearby = f"{text}.json"  # ``--exercise hat`` beside the teacher's hat.json: the path is what was meant
    meant = f": did you mean {shown}.json?" if ID_PATTERN.fullmatch(text) and os.path.isfile(nearby) else ""
    raise ExerciseError(
        f"unknown exercise '{shown}' (known: {known}; or give the path of an exercise .json file{meant})"
    )


def drill_for_answers(
    exercise_id: str | None,
    shown: Exercise | ChainRuleExercise | None = None,
    open_first: str = "File ▸ Open Exercise…",
) -> ChainRuleExercise:
    """The chain-rule drill an answers file names: ``shown`` when it has that id (a teacher's drill,
    opened from its file), else a built-in by id (never a path: a file could point anywhere with it).

    Raises ExerciseError with why not, one line: the same whether the file comes through File ▸ Open
    or ``nn-designer ANSWERS.json`` (``open_first``: how the user gives a teacher's drill there)."""
    if exercise_id is None:
        raise ExerciseError('it names no exercise (its "exercise" is missing)')
    quoted = one_line(exercise_id, 40)
    if shown is not None and shown.id == exercise_id:
        exercise = shown
    elif exercise_id in BUILTIN_IDS:
        exercise = load_exercise(exercise_id)
    else:
        raise ExerciseError(
            f"it holds answers for '{quoted}', which is no built-in exercise: open that exercise first ({open_first})"
        )
    if not isinstance(exercise, ChainRuleExercise):
        raise ExerciseError(f"it holds answers for '{quoted}', which is not a chain-rule exercise")
    return exercise
