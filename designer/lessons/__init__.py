"""Lessons: the lecture as ordered steps of app states with a few lines of text (no Qt here).

- :func:`list_lessons` / :func:`load_lesson`: shipped ids or a teacher's file; every step resolved.
- :class:`Lesson`, :class:`Step`, :class:`Action`: what the player sets per step.
- :mod:`designer.lessons.markup`: the texts' Markdown-lite, rendered to escaped HTML or spans.
"""

from designer.lessons.catalog import LessonInfo, list_lessons, load_lesson
from designer.lessons.lesson import ACTIONS, NOTATIONS, VIEWS, Action, Lesson, LessonError, Step
from designer.lessons.loader import lesson_from_document, load_lesson_file, parse_lesson
from designer.lessons.markup import parse as parse_markup
from designer.lessons.markup import to_html, to_plain
from designer.lessons.training import TrainingSpec, training_from_document

__all__ = [
    "ACTIONS",
    "NOTATIONS",
    "VIEWS",
    "Action",
    "Lesson",
    "LessonError",
    "LessonInfo",
    "Step",
    "TrainingSpec",
    "lesson_from_document",
    "list_lessons",
    "load_lesson",
    "load_lesson_file",
    "parse_lesson",
    "parse_markup",
    "to_html",
    "to_plain",
    "training_from_document",
]
