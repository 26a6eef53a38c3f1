"""The experiment around a network: the file's ``"training"`` section (format version 2) as plain data.

It says what data the network is trained on (a built-in dataset by name, or rows embedded in the
file), how (loss, optimizer, learning rate, batch size, L1/L2, epochs, seed) and what the app
shows (open views, steps per frame), so a lecturer can hand out "this demo" and have it replay:
``nn-designer train NET.json -o OUT.json`` trains with these settings, the app restores them.

Reading is strict (types and ranges, one-line :class:`FormatError` naming the key); unknown keys
are kept, like everywhere in the file. Whether a dataset name exists or the data's columns fit
the network is the engine's question (``designer.engine.data``), asked when the data is built.
"""

from __future__ import annotations

import math

from designer.formatting import format_number
from designer.model.jsonread import FormatError, check_kept_value, json_number, one_line, type_name
from designer.model.record import Record

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs every command's start 2 ms (issue 14): only the type checker reads these
    from collections.abc import Collection
    from typing import Any

#: Names the engine knows (``designer.engine.LOSSES`` / ``OPTIMIZERS``; a test keeps them equal).
LOSS_NAMES: tuple[str, ...] = ("mse", "sse", "cross_entropy")
OPTIMIZER_NAMES: tuple[str, ...] = ("sgd", "momentum", "adam")
#: The app's views a file may ask to open (others are kept and ignored by this version).
VIEW_NAMES: tuple[str, ...] = ("regions", "curves", "training", "maps", "gradients", "math", "pytorch", "exercise")

#: Documented limits (docs/format.md).
MAX_DATA_VALUES = 100_000  # numbers in embedded rows
MAX_COLUMNS = 1_000
MAX_POINTS = 1_000_000
MAX_EPOCHS = 10_000_000
MAX_STEPS_PER_FRAME = 10_000
MAX_SEED = 2**32 - 1
#: learning rate, L1 and L2 at most (in files and on the command line)
MAX_RATE = 1e6
MAX_STOP_LOSS = 1e300
MAX_NAME = 200
MAX_SOURCE = 10_000
MAX_VIEWS = 50
#: The embedded data's column that fixes the split (1: training row, 0: test row), as in a CSV file.
SPLIT_COLUMN = "split"

KEYS = (
    "dataset",
    "data",
    "noise",
    "seed",
    "train_ratio",
    "points",
    "loss",
    "optimizer",
    "learning_rate",
    "momentum",
    "batch_size",
    "l1",
    "l2",
    "epochs",
    "stop_loss",
    "steps_per_frame",
    "views",
)


# Plain records, not dataclasses (model/record.py says why): ``section.replace(...)`` as dataclasses.replace.
class EmbeddedData(Record):
    """Rows of numbers kept in the file (a small CSV, or points painted in the app)."""

    __slots__ = ("columns", "rows", "source")

    def __init__(
        self, columns: tuple[str, ...], rows: tuple[tuple[float, ...], ...], source: str | None = None
    ) -> None:
        self.columns = columns  # like a CSV header: the input ids, then the output ids
        self.rows = rows
        self.source = source  # where the rows came from, e.g. the CSV's file name (shown, never opened)


class TrainingSection(Record):
    """Everything ``"training"`` holds; the defaults are the app's and the CLI's."""

    __slots__ = KEYS + ("extras",)

    def __init__(
        self,
        dataset: str | None = None,
        data: EmbeddedData | None = None,
        noise: float = 0.0,
        seed: int = 0,
        train_ratio: float = 0.5,
        points: int | None = None,
        loss: str = "mse",
        optimizer: str = "sgd",
        learning_rate: float = 0.03,
        momentum: float = 0.9,
        batch_size: int | None = None,
        l1: float = 0.0,
        l2: float = 0.0,
        epochs: int = 100,
        stop_loss: float | None = None,
        steps_per_frame: int | None = None,
        views: tuple[str, ...] = (),
        extras: dict[str, Any] | None = None,
    ) -> None:
        self.dataset = dataset  # a built-in dataset name (``nn-designer datasets``)
        self.data = data  # or rows in the file (at most one of the two)
        self.noise = noise  # 0 … 0.5
        self.seed = seed  # data, shuffling
        self.train_ratio = train_ratio  # (0, 1]
        self.points = points  # dataset size; None: the dataset's default
        self.loss = loss
        self.optimizer = optimizer
        self.learning_rate = learning_rate
        self.momentum = momentum  # for the momentum optimizer
        self.batch_size = batch_size  # None: full batch
        self.l1 = l1
        self.l2 = l2
        self.epochs = epochs  # what one run trains (the CLI's --epochs, the app's stop-at-epoch)
        self.stop_loss = stop_loss  # the app stops a run when the training loss falls below this
        self.steps_per_frame = steps_per_frame  # app: training steps between two redraws; None: auto
        self.views = views  # app: views open (VIEW_NAMES)
        self.extras: dict[str, Any] = {} if extras is None else extras  # unknown keys, kept as they are


# ------------------------------------------------------------------ reading
class _Section:
    def __init__(self, obj: Any, path: str) -> None:
        if not isinstance(obj, dict):
            raise FormatError(f"{path}: expected an object, got {type_name(obj)}")
        self.obj = obj
        self.path = path

    def at(self, key: str) -> str:
        return f"{self.path}.{key}"

    def number(self, key: str, default: float, low: float, high: float, *, above_low: bool = False) -> float:
        if key not in self.obj:
            return default
        value = self.obj[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise FormatError(f"{self.at(key)}: expected a number, got {type_name(value)}")
        number = json_number(value)
        inside = (low < number if above_low else low <= number) and number <= high
        if not (math.isfinite(number) and inside):
            opening = "above" if above_low else "from"
            raise FormatError(
                f"{self.at(key)}: expected a number {opening} {low:g} to {high:g}, got {one_line(str(value), 30)}"
            )
        return number

    def optional_number(self, key: str, low: float, high: float) -> float | None:
        if self.obj.get(key, None) is None:
            return None
        return self.number(key, 0.0, low, high)

    def whole(self, key: str, default: int | None, low: int, high: int) -> int | None:
        if key not in self.obj or (default is None and self.obj[key] is None):
            return default
        value = self.obj[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            got = (
                one_line(str(value), 30) if isinstance(value, int) and not isinstance(value, bool) else type_name(value)
            )
            raise FormatError(f"{self.at(key)}: expected a whole number from {low:,} to {high:,}, got {got}")
        return value

    def name(
        self, key: str, default: str | None, choices: tuple[str, ...] | None = None, limit: int = MAX_NAME
    ) -> str | None:
        if key not in self.obj:
            return default
        value = self.obj[key]
        if not isinstance(value, str) or not value.strip():
            raise FormatError(f"{self.at(key)}: expected a name, got {type_name(value)}")
        if len(value) > limit:
            raise FormatError(f"{self.at(key)}: name too long ({len(value)} characters, limit {limit})")
        if choices is not None and value not in choices:
            raise FormatError(f"{self.at(key)}: unknown {key} '{one_line(value, 40)}' (known: {', '.join(choices)})")
        return value


def training_from_document(obj: Any, path: str = "training") -> TrainingSection:
    """The ``"training"`` object of a file, checked; raises FormatError (one line) on a fault."""
    r = _Section(obj, path)
    if "dataset" in obj and "data" in obj:
        raise FormatError(f'{path}: give either "dataset" or "data", not both')
    section = TrainingSection(
        dataset=r.name("dataset", None),
        data=_data(obj["data"], r.at("data")) if "data" in obj else None,
        noise=r.number("noise", 0.0, 0.0, 0.5),
        seed=r.whole("seed", 0, 0, MAX_SEED) or 0,
        train_ratio=r.number("train_ratio", 0.5, 0.0, 1.0, above_low=True),
        points=r.whole("points", None, 1, MAX_POINTS),
        loss=r.name("loss", "mse", LOSS_NAMES) or "mse",
        optimizer=r.name("optimizer", "sgd", OPTIMIZER_NAMES) or "sgd",
        learning_rate=r.number("learning_rate", 0.03, 0.0, MAX_RATE, above_low=True),
        momentum=r.number("momentum", 0.9, 0.0, 1.0),
        batch_size=r.whole("batch_size", None, 1, MAX_POINTS),
        l1=r.number("l1", 0.0, 0.0, MAX_RATE),
        l2=r.number("l2", 0.0, 0.0, MAX_RATE),
        epochs=r.whole("epochs", 100, 0, MAX_EPOCHS) or 0,
        stop_loss=r.optional_number("stop_loss", 0.0, MAX_STOP_LOSS),
        steps_per_frame=r.whole("steps_per_frame", None, 1, MAX_STEPS_PER_FRAME),
        views=_views(obj.get("views", []), r.at("views")),
        extras={k: v for k, v in obj.items() if k not in KEYS},
    )
    for key, value in section.extras.items():
        check_kept_value(value, f"{path}.{one_line(key, 40)}")
    return section


def _views(value: Any, path: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise FormatError(f"{path}: expected a list of view names, got {type_name(value)}")
    if len(value) > MAX_VIEWS:
        raise FormatError(f"{path}: too many views ({len(value)}, limit {MAX_VIEWS})")
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item or len(item) > MAX_NAME:
            raise FormatError(f"{path}[{i}]: expected a view name such as {VIEW_NAMES[0]}, got {type_name(item)}")
    return tuple(dict.fromkeys(value))


def _data(obj: Any, path: str) -> EmbeddedData:
    r = _Section(obj, path)
    for key in obj:
        if key not in ("columns", "rows", "source"):
            raise FormatError(f"{path}: unknown key '{one_line(key, 40)}' (allowed: columns, rows, source)")
    for key in ("columns", "rows"):
        if key not in obj:
            raise FormatError(f'{path}: missing "{key}"')
    columns = obj["columns"]
    if not isinstance(columns, list) or not columns or len(columns) > MAX_COLUMNS:
        raise FormatError(f"{r.at('columns')}: expected a list of 1 to {MAX_COLUMNS:,} column names")
    for i, name in enumerate(columns):
        if not isinstance(name, str) or not name.strip() or len(name) > 10_000:
            raise FormatError(f"{r.at('columns')}[{i}]: expected a column name (an input or output id)")
    if len(set(columns)) != len(columns):
        twice = next(c for c in columns if columns.count(c) > 1)
        raise FormatError(f"{r.at('columns')}: column '{one_line(twice, 40)}' is listed twice")
    rows = obj["rows"]
    if not isinstance(rows, list):
        raise FormatError(f"{r.at('rows')}: expected a list of rows, got {type_name(rows)}")
    if len(rows) * len(columns) > MAX_DATA_VALUES:
        raise FormatError(
            f"{r.at('rows')}: too much embedded data ({len(rows):,} rows of {len(columns)}; "
            f"limit {MAX_DATA_VALUES:,} numbers): train from the CSV file instead"
        )
    parsed = []
    for i, row in enumerate(rows):
        if not isinstance(row, list) or len(row) != len(columns):
            raise FormatError(f"{r.at('rows')}[{i}]: expected a list of {len(columns)} numbers, one per column")
        values = []
        for value in row:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise FormatError(f"{r.at('rows')}[{i}]: expected numbers, got {type_name(value)}")
            number = json_number(value)
            if not math.isfinite(number):
                raise FormatError(f"{r.at('rows')}[{i}]: {one_line(str(value), 30)} is not a finite number")
            values.append(number)
        parsed.append(tuple(values))
    source = r.name("source", None, limit=MAX_SOURCE)
    return EmbeddedData(tuple(columns), tuple(parsed), source)


# ------------------------------------------------------------------ writing
def training_to_document(section: TrainingSection) -> dict[str, Any]:
    """The canonical ``"training"`` object: every setting written out (a file says exactly what it trains)."""
    doc: dict[str, Any] = {}
    if section.dataset is not None:
        doc["dataset"] = section.dataset
    if section.data is not None:
        data: dict[str, Any] = {}
        if section.data.source is not None:
            data["source"] = section.data.source
        data["columns"] = list(section.data.columns)
        data["rows"] = [[float(v) for v in row] for row in section.data.rows]
        doc["data"] = data
    doc["noise"] = float(section.noise)
    doc["seed"] = int(section.seed)
    doc["train_ratio"] = float(section.train_ratio)
    if section.points is not None:
        doc["points"] = int(section.points)
    doc["loss"] = section.loss
    doc["optimizer"] = section.optimizer
    doc["learning_rate"] = float(section.learning_rate)
    doc["momentum"] = float(section.momentum)
    if section.batch_size is not None:
        doc["batch_size"] = int(section.batch_size)
    doc["l1"] = float(section.l1)
    doc["l2"] = float(section.l2)
    doc["epochs"] = int(section.epochs)
    if section.stop_loss is not None:
        doc["stop_loss"] = float(section.stop_loss)
    if section.steps_per_frame is not None:
        doc["steps_per_frame"] = int(section.steps_per_frame)
    doc["views"] = list(section.views)
    for key in sorted(section.extras):
        doc[key] = section.extras[key]
    return doc


def training_problems(section: TrainingSection, *, rows: bool = False) -> list[str]:
    """Faults of a section built in code (files are checked when read): the same rules, as messages.

    The embedded rows are checked only with ``rows`` (they may be many; a command setting a new
    section checks them once, :func:`designer.model.validate` does not on every edit).
    """
    if not isinstance(section, TrainingSection):
        return [f"training: expected a TrainingSection, got {type(section).__name__}"]
    try:  # a field of the wrong type (noise="10%") fails already while being written out
        training_from_document(training_to_document(_without_rows(section) if not rows else section))
    except FormatError as exc:
        return [str(exc)]
    except (TypeError, ValueError) as exc:
        return [f"training: {one_line(str(exc), 200)}"]
    return []


def split_problem(section: TrainingSection, data_ids: Collection[str]) -> str | None:
    """A ``split`` column holding anything but 0 and 1, in the words training refuses it with.

    ``data_ids`` are the network's input and output ids: a column one of them names is data, not the split.
    """
    data = section.data
    if data is None or SPLIT_COLUMN not in data.columns or SPLIT_COLUMN in data_ids:
        return None
    at = data.columns.index(SPLIT_COLUMN)
    odd = next((row[at] for row in data.rows if row[at] not in (0, 1)), None)
    if odd is None:
        return None
    return (
        f"training: the embedded data's {SPLIT_COLUMN} column holds {format_number(odd)}: "
        "1 marks a training row, 0 a test row"
    )


def _without_rows(section: TrainingSection) -> TrainingSection:
    if section.data is None:
        return section
    return section.replace(data=section.data.replace(rows=()))
