"""The ``nn-designer`` command (a public contract: course staff script it).

Exit codes: 0 ok, 1 a check failed, 2 bad input (one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import codecs
import importlib
import os
import sys
import warnings
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from designer import __version__
from designer.engine.errors import DatasetError, EngineError
from designer.model.jsonread import FormatError, one_line
from designer.model.safefile import shown_path

if TYPE_CHECKING:
    from designer.lessons import Lesson

EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT = 0, 1, 2

#: Each subcommand → the module that adds it: ``register(subparsers) -> None`` sets ``func`` on its
#: parser (a callable taking the parsed args, returning an exit code). Only the invoked subcommand's
#: module is imported (``nn-designer eval`` must not pay for the exercises or the exporters, and the
#: app pays for none); ``--help`` imports them all, in this order. To add a subcommand, add its name here.
SUBCOMMANDS: dict[str, str] = {
    "eval": "designer.cli_network",
    "grad": "designer.cli_network",
    "train": "designer.cli_network",
    "validate": "designer.cli_network",
    "datasets": "designer.cli_data",
    "data": "designer.cli_data",
    "export": "designer.export.cli",
    "exercises": "designer.exercises.cli",
    "check": "designer.exercises.cli",
    "lessons": "designer.lessons.cli",
}
#: The modules above, each once, in order.
SUBCOMMAND_MODULES: tuple[str, ...] = tuple(dict.fromkeys(SUBCOMMANDS.values()))


class CliError(Exception):
    """Bad input from the user: printed as one line, exit code 2."""


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


def run_gui(argv: Sequence[str], commands: Collection[str] = ()) -> int:
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
    return run(args.file, exercise=args.exercise, lesson=lesson, lesson_step=step)


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


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    utf8_when_redirected((sys.stdout, sys.stderr))
    if not argv or (argv[0] not in SUBCOMMANDS and argv[0] not in ("-h", "--help", "--version")):
        return _guarded(lambda: run_gui(argv, SUBCOMMANDS))
    if sys.stdout is None:  # started with `>&-`: every subcommand prints something
        _error("stdout is closed: nothing can be printed (use > /dev/null to throw the output away)")
        return EXIT_BAD_INPUT
    parser = build_parser(None if argv[0] in ("-h", "--help") else argv[0])
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error already reported in one line
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    return _guarded(lambda: args.func(args))


def utf8_when_redirected(streams: Sequence[object]) -> None:
    """Pipes and files get UTF-8 whatever the locale says (Windows' code page has no '→' or '≥').

    A terminal keeps its encoding, and so does a stream whose encoding PYTHONIOENCODING chose.
    """
    if os.environ.get("PYTHONIOENCODING"):
        return
    for stream in streams:
        reconfigure, isatty = getattr(stream, "reconfigure", None), getattr(stream, "isatty", None)
        encoding = getattr(stream, "encoding", None) or "utf-8"
        if reconfigure and isatty and not isatty() and codecs.lookup(encoding).name != "utf-8":
            reconfigure(encoding="utf-8")


def _guarded(action: Callable[[], int]) -> int:
    """Run a command; turn every failure into one line on stderr and an exit code.

    numpy's RuntimeWarnings (overflow in a matmul on huge data) never reach the user: the commands
    check their results and say what went wrong in their one line.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            code = action()
        sys.stdout.flush()  # a full disk under `> file` is reported here, in one line, not at exit
        return code
    except (CliError, FormatError, EngineError, DatasetError) as exc:
        _error(str(exc))
    except KeyboardInterrupt:
        _error("interrupted")
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # e.g. standard output on a full disk (files named with -o say so themselves)
        _error(f"{shown_path(exc.filename) if exc.filename else 'cannot write the output'}: {exc.strerror or exc}")
    except MemoryError:
        _error("out of memory")
    except Exception as exc:  # a bug: still no traceback for the user, but say what it was
        _error(f"internal error ({type(exc).__name__}: {exc}); please report this")
    return EXIT_BAD_INPUT


def _error(message: str) -> None:
    line = " ".join(one_line(str(message), 2000).split())  # a hostile id must not become escape codes or lines
    if sys.stderr is not None:  # closed (`2>&-`): the exit code is all that can be said
        sys.stderr.write(f"nn-designer: error: {line}\n")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
