"""The ``nn-designer`` command (a public contract: course staff script it).

Exit codes: 0 ok, 1 a check failed, 2 bad input (one line on stderr, never a traceback).

This module is every command's first: it holds only the dispatch and the error handling. The grammar
(argparse, 4 ms of a start) is in :mod:`designer.cli_args`, loaded unless the subcommand reads its
line itself (``quick_args``: ``eval NET --points P``, issue 14's 2.5 empty Python starts).
"""

from __future__ import annotations

import codecs
import os
import sys
import warnings

from designer.engine.errors import DatasetError, EngineError
from designer.model.jsonread import FormatError, one_line
from designer.model.safefile import shown_path

TYPE_CHECKING = False  # not typing's: importing typing costs every command's start 2 ms (issue 14)
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any

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


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    utf8_when_redirected((sys.stdout, sys.stderr))
    if not argv or (argv[0] not in SUBCOMMANDS and argv[0] not in ("-h", "--help", "--version")):
        from designer.cli_args import run_gui

        return _guarded(lambda: run_gui(argv, SUBCOMMANDS))
    if sys.stdout is None:  # started with `>&-`: every subcommand prints something
        _error("stdout is closed: nothing can be printed (use > /dev/null to throw the output away)")
        return EXIT_BAD_INPUT
    args = _quick_args(argv)
    if args is None:
        from designer.cli_args import parse_command_line

        args = parse_command_line(argv)
        if isinstance(args, int):  # --help, --version, or a usage error already reported in one line
            return args
    return _guarded(lambda: args.func(args))


def _quick_args(argv: Sequence[str]) -> Any:
    """The subcommand's own reading of its everyday spelling (its module's ``quick_args``), or None:
    then argparse reads the line, with its help and messages."""
    if argv[0] not in SUBCOMMANDS:
        return None
    module = __import__(SUBCOMMANDS[argv[0]], fromlist=["register"])  # importlib itself is 0.4 ms more
    quick = getattr(module, "quick_args", None)
    return quick(argv) if quick is not None else None


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
