"""Subcommands on one network file: eval, grad, train, validate (their options, and all but train's
run, which lives in :mod:`designer.cli_train`).

Training, gradients and data preparation are imported inside the commands that use them, so
``eval`` and ``validate`` start fast (see docs/performance.md, CLI start-up).
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
from collections.abc import Iterator, Sequence
from types import SimpleNamespace

from designer.engine.errors import EngineError
from designer.model.experiment import LOSS_NAMES as LOSSES
from designer.model.experiment import MAX_EPOCHS, MAX_RATE, MAX_SEED
from designer.model.experiment import OPTIMIZER_NAMES as OPTIMIZERS
from designer.model.fileformat import (
    FormatError,
    atomic_write_text,
    network_from_document,
    one_line,
    parse_document,
    parse_json,
    read_file_bytes,
)
from designer.model.network import Network
from designer.model.safefile import naming_the_file, shown_path
from designer.model.validation import validate

TYPE_CHECKING = False  # not typing's: importing typing costs every command's start 2 ms (issue 14)
if TYPE_CHECKING:
    import argparse
    from typing import Any

    import numpy as np

    from designer.engine.compiled import CompiledNetwork


#: ``train --dtype`` (numpy dtype names): float32 is what the app's live training uses (faster); float64 is exact.
DTYPES: tuple[str, ...] = ("float32", "float64")


class _DatasetNames:
    """The built-in dataset names as argparse choices, loaded (with numpy) only when argparse asks:
    registering ``train`` must not slow down ``eval`` and ``validate``."""

    def _names(self) -> tuple[str, ...]:
        from designer.engine.datasets import DATASETS

        return DATASETS

    def __contains__(self, name: object) -> bool:
        return name in self._names()

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())


#: ``eval``'s two sources of points (argparse's exclusive group).
_EVAL_SOURCES = ("--csv", "--points")


def quick_args(argv: Sequence[str]) -> SimpleNamespace | None:
    """``eval NET --points P``, ``eval NET --csv F`` (either order, or ``--points=P``) and ``validate NET``
    read without argparse, whose import and parser building are a fifth of what issue 14 gives
    ``eval``'s start.

    Only spellings argparse reads the same way are taken (a test compares the two); anything else —
    help, abbreviations, a repeated or missing source, a value argparse would take for an option —
    gives None, and argparse reads the line, with its own messages.
    """
    if len(argv) == 2 and argv[0] == "validate" and not argv[1].startswith("-"):
        return SimpleNamespace(command="validate", network=argv[1], func=cmd_validate)
    if not argv or argv[0] != "eval":
        return None
    network = source = value = None
    rest = list(argv[1:])
    while rest:
        token = rest.pop(0)
        name, equals, inline = token.partition("=")
        if name in _EVAL_SOURCES and source is None:
            if equals and inline:
                value = inline
            elif not equals and rest and _a_value_to_argparse(rest[0]):
                value = rest.pop(0)
            else:
                return None
            source = name
        elif token.startswith("-") or network is not None:
            return None
        else:
            network = token
    if network is None or source is None:
        return None
    csv_path, points = (value, None) if source == "--csv" else (None, value)
    return SimpleNamespace(command="eval", network=network, csv=csv_path, points=points, func=cmd_eval)


def _a_value_to_argparse(token: str) -> bool:
    """Does argparse surely take ``token`` as an option's value? Yes when it does not start with "-",
    or is a number list (``accept_negative_points``); other tokens starting with "-" go to argparse."""
    return not token.startswith("-") or bool(_POINTS_VALUE.match(token))


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("eval", help="evaluate a network on input points; CSV on stdout")
    p.add_argument("network", metavar="NET.json")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--csv", metavar="IN.csv", help="CSV whose header names the network's input ids")
    src.add_argument(
        "--points",
        metavar='"0,0;0,1"',
        help="points separated by ';', values by ','; may start with a minus: --points \"-2,0\" or --points=-2,0",
    )
    accept_negative_points(p)
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("grad", help="loss and exact gradients on data; JSON on stdout")
    p.add_argument("network", metavar="NET.json")
    p.add_argument("--csv", metavar="DATA.csv", required=True, help="columns for the input ids and the output ids")
    p.add_argument("--loss", choices=LOSSES, required=True)
    p.set_defaults(func=cmd_grad)

    p = sub.add_parser(
        "train",
        help="train a network and write the result",
        description="Train with the file's \"training\" settings; every option given overrides the file's value.",
    )
    p.add_argument("network", metavar="NET.json")
    data = p.add_mutually_exclusive_group()
    data.add_argument("--csv", metavar="DATA.csv", help="columns for the input ids and the output ids")
    data.add_argument("--dataset", choices=_DatasetNames(), help="a built-in dataset (default: the file's)")
    p.add_argument("--noise", type=_noise, default=None, help="dataset noise, 0-0.5 or 0%%-50%% (default 0)")
    p.add_argument("--seed", type=_seed, default=None, help="seed for data, shuffling and --randomize (default 0)")
    p.add_argument("--train-ratio", type=_ratio, default=None, help="share of data used for training (0-1]")
    p.add_argument("--points", type=_count, default=None, help="number of dataset points (default 500)")
    p.add_argument("--loss", choices=LOSSES, default=None, help="(default mse)")
    p.add_argument("--optimizer", choices=OPTIMIZERS, default=None, help="(default sgd)")
    p.add_argument("--lr", type=float, default=None, help="learning rate (default 0.03)")
    p.add_argument("--epochs", type=int, default=None, help=f"0 to {MAX_EPOCHS:,} (default 100)")
    p.add_argument(
        "--checkpoint-every",
        type=_count,
        metavar="N",
        default=None,
        help="also write OUT (atomically) every N epochs, so that an interrupted long run keeps its progress",
    )
    p.add_argument("--batch-size", type=int, default=None, help="mini-batch size (default: full batch)")
    p.add_argument("--l1", type=_penalty, default=None, help="L1 penalty on weights (default 0)")
    p.add_argument("--l2", type=_penalty, default=None, help="L2 penalty on weights (default 0)")
    p.add_argument("--randomize", action="store_true", help="start from random weights (seeded) instead of the file's")
    p.add_argument(
        "--dtype",
        choices=DTYPES,
        default="float64",
        help="arithmetic: float32 trains faster (as the app does), float64 is exact (default)",
    )
    p.add_argument("-o", "--output", metavar="OUT.json", required=True)
    p.set_defaults(func=_train)

    p = sub.add_parser("validate", help='check a network file; prints "ok" or its problems')
    p.add_argument("network", metavar="NET.json")
    p.set_defaults(func=cmd_validate)


# ------------------------------------------------------------------ helpers
#: What argparse must read as a value, not an option: a number list such as "-2,0;1,-3" or "-.5, 1".
_POINTS_VALUE = re.compile(r"^-[0-9.]")


def _bad_value(message: str) -> Exception:
    """argparse's error for a value its converter refuses (argparse is loaded: only it calls them)."""
    import argparse

    return argparse.ArgumentTypeError(message)


def accept_negative_points(parser: argparse.ArgumentParser) -> None:
    """Let ``--points "-2,0"`` through: argparse takes only plain negative numbers ("-2") for values.

    Python 3.13 widened argparse's own pattern to this one; before that it is a parser attribute.
    """
    parser._negative_number_matcher = _POINTS_VALUE  # type: ignore[attr-defined]


def _noise(text: str) -> float:
    value = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    if not 0 <= value <= 0.5:
        raise _bad_value(f"noise must be 0-0.5 (or 0%-50%), got {text}")
    return value


def _ratio(text: str) -> float:
    value = float(text)
    if not 0 < value <= 1:
        raise _bad_value(f"must be in (0, 1], got {text}")
    return value


def _seed(text: str) -> int:
    value = int(text)
    if not 0 <= value <= MAX_SEED:  # what files, lessons and exercises hold
        raise _bad_value(f"must be 0 to {MAX_SEED:,}, got {one_line(text, 30)}")
    return value


MAX_POINTS = 1_000_000


def _count(text: str) -> int:
    value = int(text)
    if not 1 <= value <= MAX_POINTS:
        raise _bad_value(f"must be 1 to {MAX_POINTS:,}, got {text}")
    return value


def _penalty(text: str) -> float:
    value = float(text)
    if not 0 <= value <= MAX_RATE:  # NaN fails too; the file format's limits
        raise _bad_value(f"must be a number from 0 to {MAX_RATE:,.0f}, got {one_line(text, 30)}")
    return value


def write_output(path: str, text: str) -> None:
    """Write atomically or raise FormatError naming the file (missing folder, a folder, no permission)."""
    try:
        atomic_write_text(path, text)
    except OSError as exc:
        raise FormatError(f"cannot write {shown_path(path)}: {exc.strerror or exc}") from None


def load_network(path: str) -> Network:
    """Load or raise FormatError naming the file."""
    try:
        return network_from_document(parse_json(read_file_bytes(path)))
    except FormatError as exc:
        raise FormatError(naming_the_file(path, exc)) from None


def _plain_float(text: str) -> float:
    """A number as a user types it: Python's ``float`` also reads ``1_000`` and Arabic-Indic digits (``١``),
    which no other number field of the app takes."""
    if "_" in text or not text.isascii():
        raise ValueError(text)
    return float(text)


def parse_points(text: str, n_inputs: int) -> list[list[float]]:
    rows = []
    for i, chunk in enumerate(p for p in text.split(";") if p.strip()):
        try:
            values = [_plain_float(v) for v in chunk.split(",")]
        except ValueError:
            raise FormatError(f"--points: point {i + 1} ({chunk.strip()!r}) is not comma-separated numbers") from None
        if len(values) != n_inputs or not all(math.isfinite(v) for v in values):
            raise FormatError(f"--points: point {i + 1} needs {n_inputs} finite numbers, got {chunk.strip()!r}")
        rows.append(values)
    if not rows:
        raise FormatError("--points: no points given")
    return rows


def _csv_data(path: str, net: Network, with_targets: bool) -> tuple[np.ndarray, np.ndarray]:
    from designer.engine.csvfile import CsvError, read_csv_file

    try:
        x, y = read_csv_file(path, list(net.inputs), list(net.outputs) if with_targets else [])
    except CsvError as exc:
        raise CsvError(naming_the_file(path, exc)) from None
    if len(x) == 0:
        raise FormatError(f"{shown_path(path)}: no data rows")
    return x, y


# ----------------------------------------------------------------- commands
def _train(args: argparse.Namespace) -> int:
    from designer.cli_train import cmd_train  # the training run (loop, progress, checkpoints): only for `train`

    return cmd_train(args)


def cmd_eval(args: argparse.Namespace) -> int:
    net = load_network(args.network)
    x, y = _evaluated(args, net)
    out = sys.stdout
    csv.writer(out, lineterminator="\n").writerow([*net.inputs, *net.outputs])  # ids with "," or '"' get quoted
    for xi, yi in zip(x, y, strict=True):
        out.write(",".join(repr(float(v)) for v in (*xi, *yi)) + "\n")
    return 0


def _evaluated(args: argparse.Namespace, net: Network) -> tuple[list[list[float]], list[list[float]]]:
    """Points and outputs: a few typed points in plain Python (no numpy to load), the rest by the engine."""
    from designer.engine.pointwise import PointwiseNetwork, evaluation_problem, fits

    problem = evaluation_problem(net)
    if problem:
        raise EngineError(naming_the_file(args.network, problem))
    if not args.csv:
        points = parse_points(args.points, len(net.inputs))
        if fits(net, len(points)):
            return points, PointwiseNetwork(net).forward(points)
    import numpy as np

    from designer.engine.compiled import compile_network

    x = _csv_data(args.csv, net, with_targets=False)[0] if args.csv else np.array(points, dtype=float)
    return x.tolist(), compile_network(net).forward(x).tolist()


def _why_not_finite(csv_path: str, net: Network, compiled: CompiledNetwork, x: np.ndarray, loss: float) -> str:
    """The reason for a loss or gradient that is not finite: the first feature some neuron reads that
    is infinite or NaN on a row (1/x1 or x1^-8 at x1 = 0), named with that row; else huge values."""
    from designer.engine.features import first_not_finite

    bad = first_not_finite(net, compiled, x)
    if bad is not None:
        return (
            f"feature {one_line(bad.feature_id, 40)} = {one_line(bad.expression, 60)} is not a finite number "
            f"on data row {bad.row + 1} of {shown_path(csv_path)} ({bad.point}): "
            "leave such rows out or change the feature"
        )
    return f"the loss or a gradient is not a finite number (loss {loss}): are data or weights huge?"


def cmd_grad(args: argparse.Namespace) -> int:
    from designer.engine.backprop import parameter_gradients
    from designer.engine.pointwise import evaluation_problem

    net = load_network(args.network)
    problem = evaluation_problem(net)
    if problem:
        raise EngineError(naming_the_file(args.network, problem))
    x, y = _csv_data(args.csv, net, with_targets=True)
    from designer.engine.compiled import compile_network

    compiled = compile_network(net)
    loss, connections, biases = parameter_gradients(compiled, x, y, args.loss)
    if not (math.isfinite(loss) and all(map(math.isfinite, [*connections.values(), *biases.values()]))):
        raise FormatError(_why_not_finite(args.csv, net, compiled, x, loss))
    result: dict[str, Any] = {
        "loss": loss,
        "connections": [{"source": s, "target": t, "grad": v} for (s, t), v in connections.items()],
        "biases": biases,
    }
    sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    try:
        network, problems = parse_document(parse_json(read_file_bytes(args.network)))
    except FormatError as exc:
        raise FormatError(naming_the_file(args.network, exc)) from None
    problems += validate(network)
    if not problems:
        print("ok")
        if not network.outputs:  # a valid file, an unfinished network: a script that screens with validate is told
            sys.stderr.write(
                "nn-designer: note: the network has no output neuron: "
                "eval, grad, train and the PyTorch export need one\n"
            )
        return 0
    for problem in problems:
        print(one_line(problem, 1000))  # one line each, whatever the ids contain
    n = len(problems)
    raise FormatError(
        f"{shown_path(args.network)}: {n} problem{'s' if n > 1 else ''}, first: {one_line(problems[0], 200)}"
    )
