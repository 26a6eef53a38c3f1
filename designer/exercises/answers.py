"""Check hand-computed gradients of a chain-rule exercise, and say which factor a wrong one misses.

Typed answers are numbers or small expressions such as ``-3/8`` (read by
:func:`designer.model.expressions.parse_number`, never evaluated as Python). Each is compared with
the engine's exact value within the exercise's tolerance. A wrong one gets the hint of the slip it
matches, or the rule for that kind of quantity (``answer_hints.py``). The answers file a student's
entries come in is read and written by ``answers_file.py``; its names are re-exported here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from designer.exercises.answer_hints import HINT_LETTERS as HINT_LETTERS
from designer.exercises.answer_hints import Letters as Letters
from designer.exercises.answer_hints import Slip as Slip
from designer.exercises.answer_hints import exact_text as exact_text
from designer.exercises.answer_hints import hint_for as hint_for
from designer.exercises.answer_hints import letters as letters
from designer.exercises.answers_file import ANSWERS_FORMAT as ANSWERS_FORMAT
from designer.exercises.answers_file import ANSWERS_VERSION as ANSWERS_VERSION
from designer.exercises.answers_file import MAX_ENTRIES as MAX_ENTRIES
from designer.exercises.answers_file import Answers as Answers
from designer.exercises.answers_file import answers_from_document as answers_from_document
from designer.exercises.answers_file import answers_text as answers_text
from designer.exercises.answers_file import is_answers as is_answers
from designer.exercises.answers_file import read_answers as read_answers
from designer.exercises.chainrule import ChainRuleExercise, Quantity
from designer.model.expressions import parse_number
from designer.model.jsonread import json_number, one_line

RIGHT, WRONG, MISSING, UNREADABLE = "right", "wrong", "missing", "unreadable"


@dataclass(frozen=True)
class Entry:
    """The verdict on one asked quantity."""

    quantity: Quantity
    status: str  # right, wrong, missing, unreadable
    text: str  # what the student typed ("" when missing)
    value: float | None  # the number read from it
    expected: float
    hint: str = ""  # why it is wrong, for wrong and unreadable entries

    @property
    def right(self) -> bool:
        return self.status == RIGHT


@dataclass
class AnswersResult:
    """Like :class:`designer.exercises.CheckResult`: ``passed``, ``score``, ``reasons``, ``summary``."""

    passed: bool
    score: float
    reasons: list[str]
    summary: str
    entries: list[Entry] = field(default_factory=list)

    @property
    def wrong_entries(self) -> list[Entry]:
        return [e for e in self.entries if not e.right]


def read_value(typed: str | float | None) -> tuple[str, float | None, str]:
    """(text as typed, its value or None, why it cannot be read or "")."""
    if typed is None or (isinstance(typed, str) and not typed.strip()):
        return "", None, ""
    if isinstance(typed, (int, float)) and not isinstance(typed, bool):
        number = json_number(typed)  # an integer beyond any float (10**400) is infinite, like 1e400
        return repr(typed), number if math.isfinite(number) else None, "" if math.isfinite(number) else "not finite"
    text = str(typed)
    try:
        return text, parse_number(text), ""
    except ValueError as exc:
        return text, None, str(exc)


def check_answers(exercise: ChainRuleExercise, answers: Mapping[str, str | float | None]) -> AnswersResult:
    """Judge typed answers (quantity id → text or number); entries not asked are named in ``reasons``."""
    typed = {q.id: read_value(answers.get(q.id)) for q in exercise.quantities}
    given = {qid: value for qid, (_, value, _) in typed.items() if value is not None}
    entries = []
    for q in exercise.quantities:
        text, value, problem = typed[q.id]
        expected = exercise.exact(q)
        if problem:
            entries.append(Entry(q, UNREADABLE, text, None, expected, f"cannot read '{one_line(text, 30)}': {problem}"))
        elif value is None:
            entries.append(Entry(q, MISSING, "", None, expected, "no answer"))
        elif exercise.tolerance.close(value, expected):
            entries.append(Entry(q, RIGHT, text, value, expected))
        else:
            entries.append(Entry(q, WRONG, text, value, expected, hint_for(exercise, q, value, given)))
    right = sum(e.right for e in entries)
    total = len(entries)
    reasons = [f"{e.quantity.label}: {e.text or 'missing'} is wrong: {e.hint}" for e in entries if e.status == WRONG]
    reasons += [f"{e.quantity.label}: {e.hint}" for e in entries if e.status in (MISSING, UNREADABLE)]
    asked = {q.id for q in exercise.quantities}
    extra = [key for key in answers if key not in asked]
    if extra:
        reasons.append(f"not asked: {', '.join(one_line(k, 30) for k in extra[:5])}{' …' if len(extra) > 5 else ''}")
    summary = f"{right} of {total} entries right"
    return AnswersResult(right == total, right / total if total else 0.0, reasons, summary, entries)
