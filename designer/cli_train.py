"""``nn-designer train``: one training run from the command line (the loop, its progress bar,
checkpoints, what Ctrl-C leaves, the final report). Its options are parsed by
:mod:`designer.cli_network`, which loads this module only when ``train`` runs.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, Any, TextIO

from designer.cli_network import load_network, write_output
from designer.model.atomic import names_stdout, stream_kind
from designer.model.experiment import MAX_EPOCHS, MAX_RATE, TrainingSection
from designer.model.fileformat import FormatError, dumps, one_line
from designer.model.network import Network
from designer.model.safefile import shown_path

if TYPE_CHECKING:
    import numpy as np

    from designer.engine import data as dm
    from designer.engine.compiled import CompiledNetwork
    from designer.engine.training import Trainer


#: train's options and the "training" settings they override (docs/format.md)
_OVERRIDES = (
    ("noise", "noise"),
    ("seed", "seed"),
    ("train_ratio", "train_ratio"),
    ("points", "points"),
    ("loss", "loss"),
    ("optimizer", "optimizer"),
    ("lr", "learning_rate"),
    ("batch_size", "batch_size"),
    ("l1", "l1"),
    ("l2", "l2"),
    ("epochs", "epochs"),
)


def effective_training(args: argparse.Namespace, net: Network) -> TrainingSection:
    """The file's training section (or the defaults) with every option given on the command line applied."""
    updates: dict[str, Any] = {field: getattr(args, option) for option, field in _OVERRIDES}
    updates = {k: v for k, v in updates.items() if v is not None}
    if args.dataset:
        updates.update(dataset=args.dataset, data=None)
    return (net.training or TrainingSection()).replace(**updates)


def _csv_train_ratio(args: argparse.Namespace, net: Network, section: TrainingSection) -> float:
    """The share of ``--csv`` rows (without a split column) trained on: ``--train-ratio``, else the file's
    training section's, as the app's Training dock keeps it when a CSV is loaded there; 1 (all rows)
    for a file without one."""
    if args.train_ratio is not None or net.training is not None:
        return section.train_ratio
    return 1.0


def _training_data(args: argparse.Namespace, net: Network, section: TrainingSection) -> dm.Data:
    """Train and test samples, prepared by the same rules as the app's Training dock."""
    from designer.engine import data as dm
    from designer.engine.datasets import DatasetError
    from designer.engine.experiment import prepare_data

    if args.csv:
        try:
            data = dm.load_csv(net, args.csv, _csv_train_ratio(args, net, section), section.seed)
        except DatasetError as exc:
            raise FormatError(f"{args.csv}: {exc}") from None
    else:
        try:
            prepared = prepare_data(net, section)
        except DatasetError as exc:
            raise FormatError(f"{args.network}: training: {exc}") from None
        if prepared is None:
            raise FormatError(
                f'{args.network} names no training data: give --csv or --dataset (or save it with a "training" section)'
            )
        data = prepared
        if data.problem:
            raise FormatError(data.problem)
    if data.n_train == 0:
        raise FormatError(_no_training_points(args, section, data))
    return data


def _no_training_points(args: argparse.Namespace, section: TrainingSection, data: dm.Data) -> str:
    """Why the split left nothing to train on, named after what set it: the --train-ratio given, or
    the file's own settings (a user who gave no flag must not read of one). A CSV's split column
    without a train row is refused by the reader."""
    total = data.n_train + len(data.x_test)
    if args.train_ratio is not None:
        return f"--train-ratio {args.train_ratio:g} leaves no training points (of {total})"
    return (
        f"{args.network}: training: train_ratio {section.train_ratio:g} of {total} point{'s' if total != 1 else ''} "
        'leaves no training points: raise "points" or "train_ratio" (or give --points, --train-ratio)'
    )


def cmd_train(args: argparse.Namespace) -> int:
    import numpy as np

    from designer.engine.compiled import beyond_float32, compile_network
    from designer.engine.experiment import training_settings
    from designer.engine.training import Trainer, randomize

    if args.epochs is not None and not 0 <= args.epochs <= MAX_EPOCHS:
        raise FormatError(f"--epochs must be 0 to {MAX_EPOCHS:,}, got {args.epochs}")
    if args.batch_size is not None and args.batch_size < 1:
        raise FormatError("--batch-size must be at least 1")
    if args.lr is not None and not 0 < args.lr <= MAX_RATE:  # NaN fails too; the file format's limits
        raise FormatError(f"--lr must be a positive number, at most {MAX_RATE:,.0f}, got {args.lr:g}")
    if args.checkpoint_every and (kind := stream_kind(args.output)):
        raise FormatError(
            f"--checkpoint-every writes {args.output} again every {args.checkpoint_every} epochs, and it is {kind}, "
            "where the copies would pile up: give a file to -o (or leave --checkpoint-every out)"
        )
    net = load_network(args.network)
    section = effective_training(args, net)
    data = _training_data(args, net, section)
    x_train, y_train, x_test, y_test = data.x_train, data.y_train, data.x_test, data.y_test
    dtype = np.dtype(args.dtype)
    if dtype == np.float32 and (too_big := beyond_float32(net)):
        raise FormatError(f"--dtype float32 cannot hold {too_big} (its largest is 3.4e38): use --dtype float64")
    compiled = compile_network(net, dtype)
    if args.randomize:
        randomize(compiled, section.seed)
    trainer = Trainer(compiled, x_train, y_train, training_settings(section))
    run = _Run(args, net, compiled, trainer, section.epochs)
    try:
        status = run.train()
    except KeyboardInterrupt:
        raise FormatError(run.interrupted()) from None
    run.write()
    # the summary goes beside what was written, not into it (``-o /dev/stdout | jq``)
    _report(trainer, x_train, y_train, x_test, y_test, sys.stderr if names_stdout(args.output) else sys.stdout)
    if section.epochs == 0 and args.epochs is None:  # the app saves "no stop" as 0: nothing was trained
        sys.stderr.write("nn-designer: note: the file's runs have no stop epoch (0): give --epochs N to train\n")
    return status


class _Run:
    """One ``train`` run: the loop, its progress bar, checkpoints, and what an interruption left."""

    def __init__(
        self, args: argparse.Namespace, net: Network, compiled: CompiledNetwork, trainer: Trainer, epochs: int
    ):
        self.args = args
        self.net = net
        self.compiled = compiled
        self.trainer = trainer
        self.epochs = epochs
        self.progress = _Progress(epochs) if sys.stderr.isatty() else None
        self.checkpoint: int | None = None  # epoch of the last checkpoint written

    def train(self) -> int:
        every = self.args.checkpoint_every
        for result in self.trainer.iterate(self.epochs):
            if result.diverged:
                self._end_progress_line()
                sys.stderr.write(f"nn-designer: {self._why_diverged(result.message)} (epoch {self.trainer.epoch})\n")
                return 1
            if self.progress:
                self.progress.show(self.trainer.epoch, result.loss)
            epoch = self.trainer.epoch
            if every and epoch % every == 0 and epoch != self.checkpoint and epoch < self.epochs:
                self.write()
                self.checkpoint = epoch
        if self.progress:
            self.progress.done()
        return 0

    def _why_diverged(self, message: str) -> str:
        """The engine's message, or the feature that is not finite on the data: then no learning rate
        helps, and the message's advice (a smaller one) was wrong."""
        from designer.engine.features import first_not_finite

        if self.net.features and (bad := first_not_finite(self.net, self.compiled, self.trainer.x)) is not None:
            return (
                f"training diverged: feature {one_line(bad.expression, 60)} is not a finite number on training "
                f"point {bad.row + 1} ({bad.point}): change the feature or leave such points out"
            )
        return message

    def write(self) -> None:
        """The network with the current weights, written atomically to the output."""
        weights, biases = self.compiled.trainable_values()
        from designer.model.commands import SetValues

        SetValues(weights, biases).do(self.net)
        write_output(self.args.output, dumps(self.net))

    def interrupted(self) -> str:
        """The one line for Ctrl-C: where training stood and what the output file holds."""
        self._end_progress_line()
        where = f"interrupted at epoch {self.trainer.epoch} of {self.epochs}"
        if self.checkpoint is not None:
            return f"{where}: {shown_path(self.args.output)} holds the checkpoint of epoch {self.checkpoint}"
        hint = "" if self.args.checkpoint_every else " (--checkpoint-every N keeps the progress of long runs)"
        return f"{where}: nothing written to {shown_path(self.args.output)}{hint}"

    def _end_progress_line(self) -> None:
        if self.progress and self.progress.last:
            sys.stderr.write("\n")
        self.progress = None


def _report(
    trainer: Trainer, x_train: np.ndarray, y_train: np.ndarray, x_test: np.ndarray, y_test: np.ndarray, out: TextIO
) -> None:
    print(f"epochs {trainer.epoch}  steps {trainer.steps}", file=out)
    for name, x, y in (("train", x_train, y_train), ("test", x_test, y_test)):
        if len(x) == 0:
            continue
        m = trainer.evaluate(x, y)
        acc = "" if m.accuracy is None else f"  accuracy {m.accuracy:.1%}"
        print(f"{name} loss {m.loss:.6g}{acc}", file=out)


class _Progress:
    """A one-line progress bar on the terminal, redrawn at most 10 times a second."""

    def __init__(self, total: int) -> None:
        self.total = max(total, 1)
        self.last = 0.0

    def show(self, epoch: int, loss: float) -> None:
        now = time.monotonic()
        if now - self.last < 0.1 and epoch < self.total:
            return
        self.last = now
        width = 30
        filled = int(width * min(epoch, self.total) / self.total)
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\r[{bar}] epoch {epoch}/{self.total}  loss {loss:.4g}   ")
        sys.stderr.flush()

    def done(self) -> None:
        sys.stderr.write("\n")
