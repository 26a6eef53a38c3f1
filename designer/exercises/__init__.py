"""Exercises: the lecture's design problems, their files, and the checker (no Qt here).

- :func:`load_exercise` / :func:`list_exercises`: built-in ids or a teacher's file.
- :func:`check`: judge a network against an exercise (the GUI's live status and the CLI grader).
- :func:`target_values`: the target at any points (to draw the target region or function).
- Chain-rule practice (``kind == "chain_rule"``): :class:`ChainRuleExercise` lists the asked
  :class:`Quantity` items; :func:`check_answers` judges typed answers, each with a hint.
"""

from designer.exercises.answers import AnswersResult, Entry, check_answers, read_answers
from designer.exercises.catalog import BUILTIN_IDS, EXERCISES_DIR, ExerciseInfo, list_exercises, load_exercise
from designer.exercises.chainrule import ChainRuleExercise, Quantity
from designer.exercises.checker import CheckResult, ErrorAt, RowResult, Violation, check, structure_violations
from designer.exercises.exercise import (
    GROUPS,
    Cases,
    Constraints,
    Exercise,
    ExerciseError,
    InputSpec,
    PassRule,
    Target,
)
from designer.exercises.loader import exercise_from_document, load_exercise_file, parse_exercise
from designer.exercises.targets import target_values

__all__ = [
    "BUILTIN_IDS",
    "AnswersResult",
    "ChainRuleExercise",
    "Entry",
    "Quantity",
    "check_answers",
    "read_answers",
    "EXERCISES_DIR",
    "GROUPS",
    "Cases",
    "CheckResult",
    "Constraints",
    "ErrorAt",
    "Exercise",
    "ExerciseError",
    "ExerciseInfo",
    "InputSpec",
    "PassRule",
    "RowResult",
    "Target",
    "Violation",
    "check",
    "exercise_from_document",
    "list_exercises",
    "load_exercise",
    "load_exercise_file",
    "parse_exercise",
    "structure_violations",
    "target_values",
]
