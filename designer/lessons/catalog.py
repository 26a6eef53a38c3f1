"""Find lessons: the ones shipped in designer/resources/lessons/ and teachers' files given by path."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from designer.exercises.loader import ID_PATTERN
from designer.lessons.lesson import Lesson, LessonError
from designer.lessons.loader import load_lesson_file
from designer.resources import LESSONS, resource_files


@dataclass(frozen=True)
class LessonInfo:
    id: str
    title: str
    steps: int
    path: Path


def list_lessons() -> list[LessonInfo]:
    """The shipped lessons, by id. An installation without lessons raises InstallationError."""
    found = []
    for path in resource_files("lessons"):
        lesson = load_lesson_file(path, shipped=True)
        found.append(LessonInfo(lesson.id, lesson.title, len(lesson.steps), path))
    return sorted(found, key=lambda info: info.id)


def _looks_like_path(text: str) -> bool:
    return text.lower().endswith(".json") or any(sep in text for sep in ("/", os.sep, os.altsep or "/"))


def load_lesson(id_or_path: str | os.PathLike[str]) -> Lesson:
    """A shipped lesson by id, or a lesson file by path (ending in .json or containing a /).

    Raises LessonError (a FormatError): unknown id, unreadable or invalid file; one line.
    """
    text = os.fspath(id_or_path)
    if isinstance(id_or_path, os.PathLike) or _looks_like_path(text):
        return load_lesson_file(text)
    path = LESSONS / f"{text}.json"
    # os.path.isfile, not Path.is_file: that raises for a name too long ("a" * 5000)
    if ID_PATTERN.fullmatch(text) and os.path.isfile(path):
        lesson = load_lesson_file(path, shipped=True)
        if lesson.id != text:
            raise LessonError(f"{path}: id '{lesson.id}' does not match the file name")
        return lesson
    if os.path.isfile(text):
        return load_lesson_file(text)
    known = ", ".join(info.id for info in list_lessons()) or "none installed"
    shown = " ".join(text.split())[:60]
    raise LessonError(f"unknown lesson '{shown}' (known: {known}; or give the path of a lesson .json file)")
