"""The command line's grammar (argparse): the subcommands' parsers, their help, and the app's own
arguments (``nn-designer [FILE] [--exercise …] [--lesson … [--step N]]``).

Kept apart from :mod:`designer.cli` so that a command whose line needs no argparse (``eval NET
--points P``) does not load it: argparse with its gettext and locale is 4 ms of a 20 ms start.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Collection, Sequence

from designer import __version__
from designer.cli import EXIT_BAD_INPUT, EXIT_OK, SUBCOMMAND_MODULES, SUBCOMMANDS, CliError, _error

TYPE_CHECKING = False  # not typing's: see designer/cli.py
if TYPE_CHECKING:
    from typing import NoReturn

    from designer.lessons import Lesson


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One line instead of argparse's usage block, exit 2 (the CLI contract)."""
        _error(f"{message} (see {self.prog} --help)")
        sys.exit(EXIT_BAD_INPUT)

    def _get_formatter(self) -> argparse.HelpFormatter:
        """argparse's formatter, given the terminal's width: argparse makes one for every argument
        added, and finding the width itself imports shutil (with bz2, lzma, fnmatch), 5 ms of every
        command's start on a laptop, for the help text alone."""
        return self.formatter_class(prog=self.prog, width=help_width())

    def _get_values(self, action: argparse.Action, arg_strings: list[str]) -> object:
        """``--lr=--`` is the value "--", as ``eval``'s quick reader and Python 3.13's argparse read it.

        Before 3.13, argparse dropped that "--" as if it ended the options and gave the option ``[]``,
        unconverted and unchecked (``--dataset=--`` passed its choices): each command then failed
        with an internal error. An option gets ``["--"]`` only from ``=--``: a "--" of its own ends
        the options instead.
        """
        if action.option_strings and action.nargs is None and arg_strings == ["--"]:
            value = self._get_value(action, "--")
            self._check_value(action, value)
            return value
        return super()._get_values(action, arg_strings)


def help_width(fallback: int = 80) -> int:
    """Columns for help text: $COLUMNS, else the terminal's, else ``fallback``; less 2, as argparse
    does (the rule of shutil.get_terminal_size, which argparse calls)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns if columns > 0 else fallback) - 2


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with ``command`` just what parsing that subcommand needs
    (``--version``: no subcommand at all)."""
    parser = _Parser(
        prog="nn-designer",
        description="Build neural networks neuron by neuron. Without a subcommand, opens the app.",
        epilog="The app: nn-designer [FILE] [--exercise ID_OR_FILE] [--lesson ID_OR_FILE [--step N]] "
        "(nn-designer --lesson neural-networks plays the lecture's lesson). "
        "Exit codes: 0 ok, 1 a check failed or training diverged, 2 bad input (one line on stderr).",
    )
    parser.add_argument("--version", action="version", version=f"nn-designer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", parser_class=_Parser)
    modules = SUBCOMMAND_MODULES if command is None else (SUBCOMMANDS[command],) if command in SUBCOMMANDS else ()
    for name in modules:
        importlib.import_module(name).register(sub)
    for action in sub._get_subactions():  # `nn-designer datasets --help` said nothing about what it does
        chosen = sub.choices[action.dest]
        chosen.description = chosen.description or action.help
    return parser


def parse_command_line(argv: Sequence[str]) -> argparse.Namespace | int:
    """The parsed subcommand line (its ``func`` runs it), or the exit code when argparse ended it:
    ``--help``, ``--version``, a usage error (already said in one line), no subcommand (help printed)."""
    parser = build_parser(None if argv[0] in ("-h", "--help") else argv[0])
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    return args


def run_gui(argv: Sequence[str], commands: Collection[str] = ()) -> int:
    from pathlib import Path  # the app's path only: pathlib is 2.7 ms of each command's start (issue 14)

    first = argv[0] if argv else ""
    if _looks_like_a_subcommand(first) and not Path(first).exists():  # before argparse: `evl x.json` is a
        raise CliError(_not_a_file(first, commands))  # mistyped subcommand, not "unrecognized arguments: x.json"
    gui = _Parser(prog="nn-designer", description="Open NN Designer.")
    gui.add_argument("file", nargs="?", help="a network .json to open (default: the XOR example)")
    gui.add_argument("--exercise", help="an exercise id or exercise .json file to open")
    gui.add_argument("--lesson", metavar="ID_OR_PATH", help="a lesson id or lesson .json file to play")
    gui.add_argument("--step", type=int, metavar="N", help="with --lesson: start at step N (1 is the first)")
    try:
        args = gui.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    from designer.engine.threads import import_numpy_with_app_threads

    import_numpy_with_app_threads()  # before the lesson or the app loads numpy (engine/threads.py)
    lesson, step = _lesson_and_step(args)  # checked before any window opens
    if args.exercise is not None:  # an unknown id is said as such, also where there is no display
        from designer.exercises import load_exercise

        load_exercise(args.exercise)
    if args.file and not Path(args.file).exists():
        raise CliError(_not_a_file(args.file, commands))
    from designer.ui.display import display_problem, with_package  # no Qt: Qt aborts without a display

    problem = display_problem()
    if problem:
        raise CliError(problem)
    try:
        from designer.ui.app import run  # Qt is imported only when the GUI is wanted
    except ImportError as exc:  # e.g. a system library of Qt's is missing
        raise CliError(f"cannot load Qt (PySide6): {with_package(str(exc))}") from None
    if lesson is None:
        return run(args.file, exercise=args.exercise)
    return run(args.file, exercise=args.exercise, lesson=lesson, lesson_step=step, step_asked=args.step is not None)


def _lesson_and_step(args: argparse.Namespace) -> tuple[Lesson | None, int]:
    """The lesson to play and its step index (0-based); CliError for a bad combination or step."""
    if args.lesson is None:
        if args.step is not None:
            raise CliError("--step needs --lesson")
        return None, 0
    if args.file is not None or args.exercise is not None:
        raise CliError("--lesson opens its own networks and exercises: give no FILE or --exercise with it")
    from designer.lessons import load_lesson

    lesson = load_lesson(args.lesson)
    count = len(lesson.steps)
    if args.step is not None and not 1 <= args.step <= count:
        raise CliError(f"--step {args.step}: the lesson '{lesson.id}' has steps 1 to {count}")
    return lesson, (args.step or 1) - 1


def _looks_like_a_subcommand(name: str) -> bool:
    """A word, not an option or a file name (no suffix, no folder)."""
    from pathlib import Path

    return bool(name) and not name.startswith("-") and not Path(name).suffix and not any(sep in name for sep in "/\\")


def _not_a_file(name: str, commands: Collection[str]) -> str:
    """Why ``nn-designer NAME`` cannot open NAME: a mistyped subcommand, or a file that is not there."""
    if not _looks_like_a_subcommand(name):
        from designer.model.safefile import missing_file

        return missing_file(name)
    import difflib  # only for this message: not on every command's start

    close = difflib.get_close_matches(name, sorted(commands), n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"'{name}' is neither a subcommand nor a file ({hint}subcommands: {', '.join(sorted(commands))})"
