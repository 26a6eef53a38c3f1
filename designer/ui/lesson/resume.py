"""Where a student left each lesson: opened again from Help ▸ Lessons or File ▸ Open Lesson, it goes
on at that step (it started at step 1 again, and the homework's place had to be found in the list).

Kept in the settings (``lessons/last-steps``) as ``STEP KEY`` strings, newest first: the key is a
shipped lesson's id, or a lesson file's id and absolute path (a file that keeps a shipped lesson's id
does not move its place). Only the step is kept: a step's edits live as long as the lesson is open.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from designer.ui.identity import settings
from designer.ui.remembered import path_to_store
from designer.ui.settings_values import read_strings

if TYPE_CHECKING:
    from designer.lessons import Lesson

KEY = "lessons/last-steps"
KEPT = 20  # lessons remembered
MAX_STEP_DIGITS = 6  # no lesson has a million steps: a longer number was edited in (int() refuses 4,301 digits)


def lesson_key(asked: str, lesson_id: str) -> str:
    """How the lesson opened as ``asked`` (a shipped lesson's id, or a file's path) is remembered: a path
    that is not UTF-8 by its bytes (Qt dropped its lone surrogates: ``\\xff.json`` kept ``.json``'s place)."""
    return lesson_id if asked == lesson_id else f"{lesson_id}@{path_to_store(os.path.abspath(asked))}"


def is_shipped(lesson: Lesson) -> bool:
    """Whether ``lesson`` is a shipped one (opened again by its id)."""
    from designer.resources import LESSONS

    return lesson.source is not None and Path(lesson.source).resolve().parent == Path(LESSONS).resolve()


def key_of(lesson: Lesson) -> str:
    """The key ``lesson`` as read (``--lesson ID_OR_PATH``) is remembered under: the same as Help ▸ Lessons
    (its id) or File ▸ Open Lesson… (its file) give it, so each goes on where the other left off."""
    if is_shipped(lesson) or not lesson.source:
        return lesson.id
    return lesson_key(lesson.source, lesson.id)


def _entries() -> list[tuple[int, str]]:
    entries = []
    for text in read_strings(KEY):
        step, _, key = text.partition(" ")
        # (an entry edited into something else is left out; isdecimal, not isdigit: int() refuses a "²")
        if step.isdecimal() and len(step) <= MAX_STEP_DIGITS and key:
            entries.append((int(step), key))
    return entries


def remembered_step(key: str, steps: int) -> int:
    """The step (0-based) last shown of the lesson ``key`` with ``steps`` steps; 0 when none."""
    step = next((s for s, k in _entries() if k == key), 0)
    return step if step < steps else 0


def remember_step(key: str, index: int) -> None:
    entries = [(index, key)] + [(s, k) for s, k in _entries() if k != key]
    settings().setValue(KEY, [f"{s} {k}" for s, k in entries[:KEPT]])
