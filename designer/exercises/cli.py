"""Subcommands for course staff: ``exercises`` (list, verify) and ``check`` (one file or a batch)."""

from __future__ import annotations

import argparse
import os
import sys

from designer.exercises.answers import AnswersResult, check_answers, exact_text
from designer.exercises.catalog import BUILTIN_IDS, is_shipped, list_exercises, load_exercise
from designer.exercises.chainrule import ChainRuleExercise
from designer.exercises.checker import CheckResult, check
from designer.exercises.exercise import Exercise
from designer.exercises.grading import (
    HIDDEN_REASON,
    LINKED_FOLDER_REASON,
    UNREADABLE_FOLDER_REASON,
    file_cell,
    find_submissions,
    format_score,
    grade_all,
    judge,
    read_submission,
    reasons_of,
    renamed_submissions,
    safe_text,
    write_report,
)
from designer.model import FormatError
from designer.model.atomic import names_stdout
from designer.model.safefile import naming_the_file, same_file, shown_path


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("exercises", help="list the built-in exercises (ids and titles)")
    p.add_argument(
        "--verify",
        metavar="ID_OR_PATH",
        help="load an exercise strictly and check that its reference solutions pass and its starter does not",
    )
    p.set_defaults(func=cmd_exercises)

    p = sub.add_parser("check", help="check network (or answers) files against an exercise: PASS or FAIL with reasons")
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILES_OR_DIRS",
        help="network .json files (answers files for chain-rule exercises) or folders of them",
    )
    p.add_argument("--exercise", required=True, metavar="ID_OR_PATH", help="an exercise id or exercise .json file")
    p.add_argument("--report", metavar="GRADES.csv", help="write one CSV row per file: file, passed, score, reasons")
    p.set_defaults(func=cmd_check)


def cmd_exercises(args: argparse.Namespace) -> int:
    if args.verify:
        exercise = load_exercise(args.verify)
        _note_a_borrowed_id(exercise)
        return _verify(exercise)
    infos = list_exercises(kind=None)
    width = max((len(info.id) for info in infos), default=0)
    for info in infos:
        print(f"{info.id:<{width}}  {info.title}")
    return 0


def _note_a_borrowed_id(exercise: Exercise | ChainRuleExercise) -> None:
    """A teacher's file with a built-in's id (``"id": "xor"``): a network saved from it names only that
    id, so the app reopens it with the built-in exercise, and its grades say nothing of the mix-up."""
    if exercise.id in BUILTIN_IDS and not is_shipped(exercise):
        sys.stderr.write(
            f"nn-designer: note: '{exercise.id}' is the id of a built-in exercise: a network saved from this file "
            "reopens with the built-in one; give this exercise an id of its own\n"
        )


def _verify(exercise: Exercise | ChainRuleExercise) -> int:
    if isinstance(exercise, ChainRuleExercise):
        return _verify_chain_rule(exercise)
    failed = 0
    for i, solution in enumerate(exercise.solutions):
        result = check(solution, exercise)
        failed += not result.passed
        _print_block(f"solutions[{i}]", result)
    starter = check(exercise.starter, exercise)
    print(f"starter: {'passes already (is that intended?)' if starter.passed else 'fails, as it should'}")
    return 1 if failed else 0


def _verify_chain_rule(exercise: ChainRuleExercise) -> int:
    """The answer key (the engine's exact values); it must pass its own check."""
    key = exercise.answer_key()
    width = max(len(q.id) for q in exercise.quantities)
    for q in exercise.quantities:
        print(f"{q.id:<{width}}  {exact_text(key[q.id]):>10}  {safe_text(q.label)}")
    result = check_answers(exercise, {k: repr(v) for k, v in key.items()})
    blank = check_answers(exercise, {})
    print(f"answer key: {'passes' if result.passed else 'FAILS (please report this)'}; empty answers: {blank.summary}")
    return 0 if result.passed else 1


def _print_block(name: str, result: CheckResult | AnswersResult) -> None:
    """A verdict and its reasons; ``name`` is already one safe line (``file_cell`` for files)."""
    verdict = "PASS" if result.passed else "FAIL"
    print(f"{verdict}  {name}  score {format_score(result.score)}  ({result.summary})")
    for reason in result.reasons:
        print(f"  - {safe_text(reason)}")


def _refuse_a_report_over_its_input(report: str, exercise: str, paths: list[str]) -> None:
    """``--report`` naming a hand-in or the exercise file would replace it with the grades."""
    if same_file(report, exercise):
        raise FormatError(f"--report {shown_path(report)} is the exercise file: give another file")
    if any(same_file(report, path) for path in paths):
        raise FormatError(f"--report {shown_path(report)} is one of the files being checked: give another file")


def cmd_check(args: argparse.Namespace) -> int:
    exercise = load_exercise(args.exercise)
    files: list[str] = args.files
    if len(files) == 1 and args.report is None and not os.path.isdir(files[0]):
        try:
            submission = read_submission(files[0], exercise)
        except FormatError as exc:
            raise FormatError(naming_the_file(files[0], exc)) from None
        result = judge(submission, exercise)
        _print_block(file_cell(files[0]), result)
        return 0 if result.passed else 1
    paths, skipped_rows = find_submissions(files)
    if not paths:  # nothing to grade: not "all passed" (hidden files alone exited 0 as if every hand-in passed)
        links = sum(reason == LINKED_FOLDER_REASON for _, reason in skipped_rows)
        hidden = sum(reason == HIDDEN_REASON for _, reason in skipped_rows)
        notes = [f"{links} link{'s' if links != 1 else ''} to a folder, not followed"] if links else []
        if hidden:
            files_word = "hidden file" if hidden == 1 else "hidden files"
            notes.append(f"{hidden} {files_word}, graded only when named on the command line")
        notes += [
            f"{shown_path(path)}: {reason.removeprefix('skipped: ')}"
            for path, reason in skipped_rows
            if reason.startswith(UNREADABLE_FOLDER_REASON)
        ]
        renamed = renamed_submissions(files)
        notes += [_renamed_note(renamed)] if renamed else []
        note = f" ({'; '.join(notes)})" if notes else ""
        raise FormatError(f"no .json files found in {', '.join(shown_path(f) for f in files)}{note}")
    if args.report is not None and not os.path.isdir(os.path.dirname(args.report) or "."):
        raise FormatError(f"cannot write the report: no folder {shown_path(os.path.dirname(args.report))}")
    if args.report is not None:
        _refuse_a_report_over_its_input(args.report, args.exercise, paths)
    _note_renamed_submissions(files, paths)
    grades = grade_all(paths, exercise, skipped_rows)
    graded = [g for g in grades if not g.skipped]
    passed = sum(g.passed for g in graded)
    skipped = _skipped_summary(skipped_rows)
    if args.report is not None:
        write_report(args.report, grades)
        print(
            f"{len(graded)} file{'s' if len(graded) != 1 else ''} checked against {exercise.id}: "
            f"{passed} passed, {len(graded) - passed} failed{skipped}; report written to {shown_path(args.report)}",
            file=sys.stderr if names_stdout(args.report) else sys.stdout,  # not a stray last row of the CSV
        )
    else:
        for grade in grades:
            if grade.result is not None:
                _print_block(file_cell(grade.file), grade.result)
            else:
                verdict = "SKIP" if grade.skipped else "FAIL"
                print(f"{verdict}  {file_cell(grade.file)}  score 0.00")
                for reason in reasons_of(grade):
                    print(f"  - {safe_text(reason)}")
    sys.stdout.flush()
    return 0 if passed == len(graded) else 1


def _note_renamed_submissions(files: list[str], graded: list[str]) -> None:
    """A note on stderr naming the renamed hand-ins the folders hold (``alice.json.txt``) and the command
    line does not: they get no row, so without it a student's file vanished from the grades and the
    summary counted one file less."""
    named = {os.path.realpath(path) for path in graded}  # ./subs/a.json.txt is the subs/a.json.txt named
    left_out = [path for path in renamed_submissions(files) if os.path.realpath(path) not in named]
    if left_out:
        sys.stderr.write(f"nn-designer: note: {_renamed_note(left_out)}\n")


def _renamed_note(renamed: list[str]) -> str:
    """ "left out 1 file whose name does not end in .json: sub/a.json.txt; …" (at most five named)."""
    shown = ", ".join(file_cell(path) for path in renamed[:5]) + (" …" if len(renamed) > 5 else "")
    one = len(renamed) == 1
    return (
        f"left out {len(renamed)} file{'' if one else 's'} whose name does not end in .json: {shown}; "
        f"rename {'it' if one else 'them'} to end in .json or name {'it' if one else 'them'} on the command "
        f"line to grade {'it' if one else 'them'}"
    )


def _skipped_summary(skipped_rows: list[tuple[str, str]]) -> str:
    """ ", 2 hidden skipped, 1 folder skipped" for the summary line ("" when nothing was skipped)."""
    hidden = sum(reason == HIDDEN_REASON for _, reason in skipped_rows)
    folders = len(skipped_rows) - hidden
    parts = [f"{hidden} hidden skipped"] if hidden else []
    if folders:
        parts.append(f"{folders} folder{'s' if folders != 1 else ''} skipped")
    return "".join(f", {part}" for part in parts)
