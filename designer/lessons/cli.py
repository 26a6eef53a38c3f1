"""``nn-designer lessons``: list the shipped lessons, or check one lesson file and list its steps."""

from __future__ import annotations

import argparse

from designer.exercises.grading import safe_text
from designer.lessons.catalog import list_lessons, load_lesson


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("lessons", help="list the lessons (id, title, steps), or check one lesson and list its steps")
    p.add_argument(
        "lesson",
        nargs="?",
        metavar="ID_OR_PATH",
        help="a lesson id or lesson .json file: check it strictly and list its steps",
    )
    p.set_defaults(func=cmd_lessons)


def cmd_lessons(args: argparse.Namespace) -> int:
    if args.lesson is not None:
        lesson = load_lesson(args.lesson)  # LessonError: one line, exit 2
        print(f"{safe_text(lesson.id)}  {safe_text(lesson.title)}  ({_steps(len(lesson.steps))})")
        width = len(str(len(lesson.steps)))
        for number, step in enumerate(lesson.steps, start=1):
            print(f"{number:>{width}}. {safe_text(step.title)}")
        return 0
    infos = list_lessons()
    id_width = max((len(info.id) for info in infos), default=0)
    title_width = max((len(info.title) for info in infos), default=0)
    for info in infos:
        print(f"{info.id:<{id_width}}  {safe_text(info.title):<{title_width}}  {_steps(info.steps)}")
    return 0


def _steps(count: int) -> str:
    return f"{count} step{'s' if count != 1 else ''}"
