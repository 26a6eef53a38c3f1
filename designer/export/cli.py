"""``nn-designer export NET.json --to FORMAT [-o FILE]``: write a network as code, math or a figure."""

from __future__ import annotations

import argparse
import sys

from designer.export.collapse import CollapseError
from designer.export.formats import ExportFormat, available_formats, format_named_by, get_format
from designer.export.notation import NOTATIONS, lecture_latex_document
from designer.export.pytorch import ExportError
from designer.model import FormatError
from designer.model.fileformat import atomic_write_bytes, atomic_write_text
from designer.model.safefile import same_file, shown_path


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    formats = available_formats()
    p = sub.add_parser("export", help=f"write a network as {', '.join(formats)}")
    p.add_argument("network", metavar="NET.json")
    p.add_argument("--to", required=True, choices=formats, help="output format")
    p.add_argument(
        "-o", "--output", metavar="FILE", default="-", help="output file (default or '-': stdout; png needs a file)"
    )
    p.add_argument(
        "--notation",
        choices=NOTATIONS,
        help="with --to latex: 'numbers' (default: every neuron with its values), 'lecture' (layers, "
        "w_{d,i,j}, bias as w_{d-1,0,j}, h_w(x) in symbols) or 'both' (the symbols beside the numbers)",
    )
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from designer.cli_network import load_network  # the CLI's loader: errors name the file

    if args.notation is not None and args.to != "latex":
        raise FormatError(f"--notation applies to --to latex only, not --to {args.to}")
    fmt = _format_named(args.to)
    network = load_network(args.network)
    try:
        content = lecture_latex_document(network, args.notation) if args.notation else fmt.export(network)
    except (ExportError, CollapseError) as exc:
        raise FormatError(f"{args.network}: {exc}") from None
    if args.output == "-":
        if isinstance(content, bytes):
            raise FormatError(f"--to {args.to} writes binary data: give a file with -o")
        sys.stdout.write(content)
        return 0
    if same_file(args.output, args.network):
        raise FormatError(f"-o {shown_path(args.output)} is the network being exported: give another file")
    try:
        if isinstance(content, bytes):
            atomic_write_bytes(args.output, content)
        else:
            atomic_write_text(args.output, content)
    except OSError as exc:
        raise FormatError(f"{args.output}: cannot write ({exc.strerror or exc})") from None
    _note_a_mismatched_name(args.output, args.to)  # after the write: an error stays the one line on stderr
    return 0


def _format_named(name: str) -> ExportFormat:
    """The ``--to`` format; its module failing to import is one line, not an internal error.

    png and svg load Qt (designer.ui.figures), which fails where a system library of Qt's is
    missing (libEGL.so.1 on a minimal Linux, docs/install.md): the user can fix that.
    """
    try:
        return get_format(name)
    except ImportError as exc:
        raise FormatError(f"--to {name} needs Qt, which cannot be loaded (PySide6): {exc}") from None


def _note_a_mismatched_name(output: str, chosen: str) -> None:
    """A note on stderr when the file's name says another format (``--to svg -o fig.png``): the file
    is still written as asked, the user may mean it."""
    named = "a network file" if output.lower().endswith(".json") else format_named_by(output)
    if named is not None and named != chosen:
        print(
            f"nn-designer: note: writing {chosen} into {shown_path(output)}, whose name says {named}", file=sys.stderr
        )
