"""The one CSV reader of NN Designer (``train``/``eval``/``grad --csv`` and the Training dock's Load CSV).

Streaming: the file is read through the safe reader (:mod:`designer.model.safefile`: regular files
only, never blocking, at most :data:`MAX_CSV_BYTES`) one line at a time, and only the needed
columns are kept, as float64 in a compact buffer. Whatever the file holds, the work and memory
are bounded by the caps below, each refused with a one-line :class:`DatasetError`:

- :data:`MAX_CSV_BYTES` bytes (the network file limit, 32 MiB);
- :data:`MAX_CSV_LINES` records, blank lines included (33 million blank lines are refused after
  the first million instead of being collected);
- :data:`MAX_LINE_CHARS` characters per physical line and the ``csv`` module's field limit (131,072), so one
  row cannot become millions of fields; :data:`MAX_CSV_COLUMNS` columns;
- :data:`MAX_CSV_VALUES` kept numbers (rows × needed columns, 80 MB).

Cells are numbers by the app's own rule (:func:`designer.model.expressions.plain_number`): an
optional sign and ASCII digits, spaces around allowed; ``1_000``, Arabic-Indic or full-width
digits, ``1/2``, ``nan`` and ``inf`` are refused, naming the line and the column.
"""

from __future__ import annotations

import csv
import io
import os
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple, TextIO

import numpy as np

from designer.engine.errors import DatasetError
from designer.model.experiment import SPLIT_COLUMN  # also the column of ``nn-designer data`` output (train/test)
from designer.model.expressions import plain_number
from designer.model.jsonread import MAX_FILE_BYTES, FormatError, foreign_encoding, known_binary
from designer.model.safefile import open_regular

MAX_CSV_BYTES = MAX_FILE_BYTES
MAX_CSV_LINES = 1_000_000
MAX_CSV_COLUMNS = 100_000
MAX_CSV_VALUES = 10_000_000
MAX_LINE_CHARS = 1 << 20

CsvError = DatasetError  # every refusal is the engine's one-line data error


class CsvTable(NamedTuple):
    """What a CSV file holds for a network: inputs (N, k), targets (N, m), and the split column if any."""

    x: np.ndarray
    y: np.ndarray
    split: np.ndarray | None  # True for rows marked train, False for test; None without a split column


def read_csv_file(
    path: str | os.PathLike[str], input_ids: Sequence[str], output_ids: Sequence[str] = ()
) -> tuple[np.ndarray, np.ndarray]:
    """Columns ``input_ids`` (and ``output_ids``, the targets) of the CSV file at ``path``, streamed.

    Raises CsvError for everything: unreadable, not a regular file, too large, not UTF-8, bad cells.
    """
    table = read_table_file(path, input_ids, output_ids)
    return table.x, table.y


def read_table_file(path: str | os.PathLike[str], input_ids: Sequence[str], output_ids: Sequence[str] = ()) -> CsvTable:
    """:func:`read_csv_file` plus the ``split`` column (``nn-designer data`` output)."""
    try:
        with open_regular(path, MAX_CSV_BYTES) as raw:
            head = raw.peek(8)[:8]
            foreign = known_binary(head) or foreign_encoding(head[:4])
            if foreign:
                raise CsvError(foreign)
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
            return read_table_lines(_lines(text), input_ids, output_ids)
    except UnicodeDecodeError:
        raise CsvError("not UTF-8 text") from None
    except FormatError as exc:  # not a regular file, too large, cannot read: the safe reader's one line
        raise CsvError(str(exc)) from None


def read_csv_text(text: str, input_ids: Sequence[str], output_ids: Sequence[str] = ()) -> tuple[np.ndarray, np.ndarray]:
    """The same reader on text already in memory (pasted data, tests); the same caps."""
    table = read_table_text(text, input_ids, output_ids)
    return table.x, table.y


def read_table_text(text: str, input_ids: Sequence[str], output_ids: Sequence[str] = ()) -> CsvTable:
    """:func:`read_csv_text` plus the ``split`` column."""
    if len(text) > MAX_CSV_BYTES:
        raise CsvError(f"file too large: {len(text)} characters (limit {MAX_CSV_BYTES} bytes)")
    return read_table_lines(_lines(io.StringIO(text.removeprefix("\ufeff"), newline="")), input_ids, output_ids)


def _lines(stream: TextIO) -> Iterator[str]:
    """Physical lines, each at most MAX_LINE_CHARS long (a 30 MB line is refused, not split into fields)."""
    number = 0
    while True:
        line = stream.readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_CHARS:
            raise CsvError(f"CSV line {number} is longer than {MAX_LINE_CHARS:,} characters")
        yield line


def read_table_lines(lines: Iterable[str], input_ids: Sequence[str], output_ids: Sequence[str] = ()) -> CsvTable:
    """Parse CSV lines with a header: (N, len(input_ids)) inputs, (N, len(output_ids)) targets, the split."""
    wanted = [*input_ids, *output_ids]
    reader = csv.reader(lines, strict=False)
    records = _records(reader)
    header = next(records, None)
    if header is None:
        raise CsvError("the CSV file is empty")
    header = [h.strip() for h in header]
    if len(header) > MAX_CSV_COLUMNS:
        raise CsvError(f"the CSV header has {len(header):,} columns (limit {MAX_CSV_COLUMNS:,})")
    columns = _columns(header, wanted)
    split_at = header.index(SPLIT_COLUMN) if SPLIT_COLUMN in header and SPLIT_COLUMN not in wanted else None
    split = array("b")
    values = array("d")
    lines = array("q")  # the line of each row, for messages about a value found later
    max_rows = MAX_CSV_VALUES // max(len(wanted), 1)
    for row in records:
        if len(row) != len(header):
            raise CsvError(f"CSV line {reader.line_num}: {len(row)} fields, header has {len(header)}")
        if len(lines) >= max_rows:
            limit = f"limit {MAX_CSV_VALUES:,} values"
            raise CsvError(f"too many rows: more than {max_rows:,} of {len(wanted)} column(s) ({limit})")
        cells = [row[col] for col in columns]
        values.extend(_numbers(cells, [header[col] for col in columns], reader.line_num))
        if split_at is not None:
            split.append(_split_cell(row[split_at], reader.line_num))
        lines.append(reader.line_num)
    data = (np.frombuffer(values, dtype=np.float64) if lines else np.empty(0)).reshape(len(lines), len(wanted))
    _check_finite(data, lines, wanted)
    k = len(input_ids)
    chosen = None if split_at is None or not lines else np.frombuffer(split, dtype=np.int8) != 0
    if chosen is not None and not chosen.any():
        raise CsvError("CSV column split: no row is marked train")
    return CsvTable(data[:, :k], data[:, k:], chosen)


def _split_cell(text: str, line: int) -> int:
    value = text.strip().lower()
    if value not in ("train", "test"):
        raise CsvError(f"CSV line {line}, column split: expected train or test, got {value[:20]!r}")
    return value == "train"


#: What remains of a plain number's text once these are deleted is nothing (fast path below).
_NUMBER_CHARS = str.maketrans("", "", "0123456789.eE+- \t")


def _numbers(cells: list[str], names: list[str], line: int) -> list[float]:
    """The row's cells as numbers by :func:`plain_number`'s rule.

    Fast path: text made only of ASCII digits, ``.eE+-``, spaces and tabs is a plain number exactly
    when ``float`` accepts it (``float``'s other extras, ``_``, words and non-ASCII digits, are
    excluded by the character set), so ``float`` decides; anything else goes to ``plain_number``.
    """
    joined = "".join(cells)
    if joined.isascii() and not joined.translate(_NUMBER_CHARS):
        try:
            return [float(cell) for cell in cells]
        except ValueError:
            pass
    return [_cell(cell, name, line) for cell, name in zip(cells, names, strict=True)]


def _check_finite(data: np.ndarray, lines: array, wanted: Sequence[str]) -> None:
    """Refuse values that became infinite (``1e400``), naming the first one's line and column."""
    bad = ~np.isfinite(data)
    if bad.any():
        row, col = np.argwhere(bad)[0]
        where = f"line {lines[row]}, column {wanted[col][:40]}"
        raise CsvError(f"CSV contains a non-finite number (nan or inf): {where}")


def _records(reader: Iterator[list[str]]) -> Iterator[list[str]]:
    """Non-blank records, counting every record (blank ones too) against MAX_CSV_LINES."""
    count = 0
    try:
        for row in reader:
            count += 1
            if count > MAX_CSV_LINES:
                raise CsvError(f"more than {MAX_CSV_LINES:,} lines in the CSV file (limit {MAX_CSV_LINES:,})")
            if row and any(cell.strip() for cell in row):
                yield row
    except csv.Error as exc:  # e.g. a field over the field limit
        raise CsvError(f"unreadable CSV: {exc}") from None


def _columns(header: list[str], wanted: Sequence[str]) -> list[int]:
    missing = [c for c in wanted if c not in header]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        shown = ", ".join(header)
        shown = shown if len(shown) <= 200 else shown[:199] + "…"
        raise CsvError(f"CSV header lacks column{plural} {', '.join(missing)[:200]} (header: {shown})")
    return [header.index(c) for c in wanted]


def _cell(text: str, column: str, line: int) -> float:
    try:
        return plain_number(text)
    except ValueError as exc:
        shown = repr(text[:40])
        if str(exc) == "not a finite number" or text.strip().lower().lstrip("+-") in _NON_FINITE_WORDS:
            where = f"line {line}, column {column[:40]}"
            raise CsvError(f"CSV contains a non-finite number (nan or inf): {where}: {shown}") from None
        raise CsvError(f"CSV line {line}, column {column[:40]}: not a number: {shown}") from None


_NON_FINITE_WORDS = frozenset({"nan", "inf", "infinity"})
