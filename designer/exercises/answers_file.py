"""An answers file (JSON): one student's entries for a chain-rule exercise, read and written.

``{"format": "nn-designer-answers", "version": 1, "exercise": "chain-1-1-1", "answers": {"dz:h1": "-3/4"}}``;
checked by :func:`designer.exercises.answers.check_answers`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from designer.exercises.strict import check_header
from designer.model import FormatError
from designer.model.fileformat import parse_json, read_file_bytes, type_name
from designer.model.jsonread import one_line

ANSWERS_FORMAT = "nn-designer-answers"
ANSWERS_VERSION = 1
MAX_ENTRIES = 1000


@dataclass(frozen=True)
class Answers:
    """One answers file: the exercise it names (if any), the typed entries by quantity id and the
    ``student`` field as written (free text; None when absent), kept for a save back."""

    exercise: str | None
    entries: dict[str, str | float]
    student: Any = None


def is_answers(document: object) -> bool:
    """Whether a JSON document says it is an answers file (File ▸ Open and the command line take those too)."""
    return isinstance(document, dict) and document.get("format") == ANSWERS_FORMAT


def answers_from_document(doc: Any) -> Answers:
    """A parsed answers file; FormatError (one line) if it is not one."""
    check_header(doc, ANSWERS_FORMAT, ANSWERS_VERSION, "answers", FormatError)
    allowed = ("format", "version", "exercise", "answers", "student")
    unknown = [k for k in doc if k not in allowed]
    if unknown:
        raise FormatError(f"unknown key '{one_line(unknown[0], 40)}' (allowed: {', '.join(allowed)})")
    exercise = doc.get("exercise")
    if exercise is not None and not isinstance(exercise, str):
        raise FormatError(f'"exercise": expected an exercise id, got {type_name(exercise)}')
    raw = doc.get("answers")
    if not isinstance(raw, dict):
        raise FormatError(f'"answers": expected an object of quantity id → value, got {type_name(raw)}')
    if len(raw) > MAX_ENTRIES:
        raise FormatError(f'"answers": {len(raw)} entries, at most {MAX_ENTRIES}')
    for key, value in raw.items():
        if isinstance(value, bool) or not isinstance(value, (str, int, float)) or value is None:
            expected = 'a number or a text such as "-3/8"'
            raise FormatError(f"answers.{one_line(key, 40)}: expected {expected}, got {type_name(value)}")
    return Answers(exercise, dict(raw), doc.get("student"))


def answers_text(exercise_id: str, entries: Mapping[str, str | float], student: Any = None) -> str:
    """An answers file's text: what Save answers… writes and what crash recovery autosaves."""
    document: dict[str, Any] = {"format": ANSWERS_FORMAT, "version": ANSWERS_VERSION, "exercise": exercise_id}
    if student is not None:
        document["student"] = student
    document["answers"] = dict(entries)
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def read_answers(path: str | os.PathLike[str]) -> Answers:
    """An answers file from disk (the same safe reader as network files)."""
    return answers_from_document(parse_json(read_file_bytes(path)))
