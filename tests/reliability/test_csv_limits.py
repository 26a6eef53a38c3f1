"""The one CSV reader: streaming with caps on lines, values and bytes, and the app's own number rules.

``train``/``eval``/``grad --csv`` and the Training dock (``engine.data.load_csv``) read CSV through
``designer.engine.csvfile``: memory is bounded by the caps, never by the file, and a cell is a number
exactly when the typed-number parser's NUMBER rule says so.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import tracemalloc

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import designer.engine.csvfile as csvfile
from designer.engine import DatasetError
from designer.engine import data as dm
from designer.model import load
from designer.model.expressions import parse_number, plain_number
from designer.model.jsonread import foreign_encoding
from tests.conftest import EXAMPLES, ROOT
from tests.reliability.helpers import CASES, check_one_line, run_cli
from tests.reliability.test_hostile_inputs import CSV_CASES

XOR = str(EXAMPLES / "xor-step.json")


def _peak_while(call) -> tuple[object, int]:
    """``call()``'s result (or exception) and the peak of Python memory allocated meanwhile."""
    tracemalloc.start()
    try:
        try:
            result: object = call()
        except Exception as exc:  # the caller checks what was raised
            result = exc
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="peak memory from /proc (Linux)")
def test_33_million_blank_lines_are_refused_in_bounded_memory(tmp_path):
    """Issue 12's file (2.5 GB to say "no data rows"): refused after the first million lines, in a child
    process that reports its own peak memory (``VmHWM``: unlike ``ru_maxrss`` it starts afresh at exec,
    not at the size of the pytest process that forked it)."""
    path = tmp_path / "blank.csv"
    with open(path, "wb") as handle:
        handle.write(b"x1,x2,y\n")
        for _ in range(33):
            handle.write(b"\n" * 1_000_000)
    probe = (
        "from designer.cli import main; "
        f"code = main(['grad', {XOR!r}, '--csv', {str(path)!r}, '--loss', 'mse']); "
        "peak = [line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM')][0]; "
        "print(code, peak)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    CASES["cli subprocess (CSV limits)"] += 1
    code, max_rss_kb = map(int, result.stdout.split())
    assert code == 2 and "more than 1,000,000 lines in the CSV file" in result.stderr
    assert max_rss_kb < 400 * 1024, f"{max_rss_kb / 1024:.0f} MB"


def test_blank_lines_and_rows_beyond_the_line_cap_cost_no_memory_of_their_own(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(csvfile, "MAX_CSV_LINES", 100_000)
    blank = tmp_path / "blank.csv"
    blank.write_bytes(b"x1,x2,y\n" + b"\n" * 330_000)
    (code, _, err), peak = _peak_while(lambda: run_cli(capsys, ["grad", XOR, "--csv", str(blank), "--loss", "mse"]))
    assert code == 2 and "more than 100,000 lines in the CSV file" in err
    assert peak < 6 * 1024 * 1024, f"{peak / 1e6:.1f} MB for blank lines"  # read buffers, not lines
    rows = tmp_path / "rows.csv"
    rows.write_bytes(b"x1,x2,y\n" + b"0,1,1\n" * 150_000)
    (code, _, err), peak = _peak_while(lambda: run_cli(capsys, ["grad", XOR, "--csv", str(rows), "--loss", "mse"]))
    assert code == 2 and "more than 100,000 lines" in err
    assert peak < 8 * 1024 * 1024, f"{peak / 1e6:.1f} MB"  # 100,000 rows kept as 3 floats, not lists of strings


def test_the_values_cap_counts_rows_times_needed_columns(tmp_path, monkeypatch):
    monkeypatch.setattr(csvfile, "MAX_CSV_VALUES", 30)
    path = tmp_path / "d.csv"
    path.write_text("x1,x2,junk,y\n" + "0,1,zzz,1\n" * 10, encoding="utf-8")
    x, y = csvfile.read_csv_file(path, ["x1", "x2"], ["y"])
    assert x.shape == (10, 2) and y.shape == (10, 1)
    path.write_text("x1,x2,junk,y\n" + "0,1,zzz,1\n" * 11, encoding="utf-8")
    with pytest.raises(DatasetError, match="too many rows: more than 10 of 3 column"):
        csvfile.read_csv_file(path, ["x1", "x2"], ["y"])


def test_the_byte_cap_holds_for_csv_too(tmp_path, monkeypatch):
    monkeypatch.setattr(csvfile, "MAX_CSV_BYTES", 1000)
    path = tmp_path / "d.csv"
    path.write_text("x1,y\n" + "0,1\n" * 400, encoding="utf-8")
    with pytest.raises(DatasetError, match="file too large"):
        csvfile.read_csv_file(path, ["x1"], ["y"])
    with pytest.raises(DatasetError, match="file too large"):
        csvfile.read_csv_text(path.read_text(encoding="utf-8"), ["x1"], ["y"])


def _outcome(call) -> object:
    try:
        x, y = call()
    except DatasetError as exc:
        check_one_line(str(exc), 500)
        return str(exc)
    return (x.tolist(), y.tolist())


@pytest.mark.parametrize("case", sorted(CSV_CASES))
def test_file_text_and_gui_readers_agree_on_every_case(case, tmp_path):
    """One reader: the file reader (CLI), the text reader and the GUI's load_csv give the same result."""
    content, _ = CSV_CASES[case]
    raw = content.encode("utf-8") if isinstance(content, str) else content
    path = tmp_path / "d.csv"
    path.write_bytes(raw)
    CASES["csv readers agree"] += 1
    from_file = _outcome(lambda: csvfile.read_csv_file(path, ["x1", "x2"], ["y"]))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        assert from_file == (foreign_encoding(raw[:4]) or "not UTF-8 text")
        return
    assert _outcome(lambda: csvfile.read_csv_text(text, ["x1", "x2"], ["y"])) == from_file
    network = load(XOR)
    try:
        data = dm.load_csv(network, path, 1.0, 0)
    except DatasetError as exc:
        assert str(exc) == from_file or (from_file[0] == [] and "no data rows" in str(exc))
    else:
        assert (data.x_train.tolist(), data.y_train.tolist()) == from_file


CELL = st.one_of(
    st.text(max_size=12),
    st.from_regex(r"\A[+-]?[0-9]{1,3}(_[0-9]{3}){1,2}(\.[0-9]+)?\Z"),  # separators, which float() reads
    st.from_regex(r"\A\s*[+-]?[0-9\u0660-\u0669\uff10-\uff19]+(\.[0-9]*)?\s*\Z"),  # other scripts' digits
    st.text(alphabet="0123456789.eE+-_ \t\u2212\u00a0\u0661\uff11xn", max_size=10),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers().map(str),
)


@settings(max_examples=1500, derandomize=True, deadline=None)
@given(CELL)
@example("1_000")
@example("\u0661\u0662")
@example("\uff11")
@example(" -1.5e3 ")
def test_csv_cells_follow_the_typed_number_rule(cell):
    """Fast path and rule agree on every text; an accepted cell is what the typed-number parser reads."""
    CASES["csv numbers (hypothesis)"] += 1
    try:
        expected: object = plain_number(cell)
    except ValueError:
        expected = None
    try:
        got: object = csvfile._numbers([cell], ["c"], 2)[0]
    except DatasetError as exc:
        check_one_line(str(exc), 500)
        got = None
    if got is not None and not math.isfinite(got):  # float() read 1e400: refused after the loop
        got = None
    assert got == expected or (got is None and expected is None)
    if expected is not None and len(cell) <= 200:
        assert parse_number(cell.replace(",", "")) == expected
    if expected is not None:  # never another script's digits, never a separator
        assert not any(ch.isdigit() and not ch.isascii() for ch in cell) and "_" not in cell


@pytest.mark.parametrize(("encoding", "name"), [("utf-16", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")])
def test_a_utf16_or_utf32_csv_is_named_as_such(encoding, name, tmp_path, capsys):
    data = tmp_path / "data.csv"
    data.write_bytes("x1,x2\n0,1\n".encode(encoding))
    with pytest.raises(DatasetError, match=f"^{name} text: save it as UTF-8$"):
        csvfile.read_csv_file(data, ["x1", "x2"])
    code, out, err = run_cli(capsys, ["eval", str(EXAMPLES / "xor-step.json"), "--csv", str(data)], kind="cli")
    assert (
        code == 2
        and out == ""
        and err.startswith("nn-designer: error: ")
        and err.endswith(f"data.csv: {name} text: save it as UTF-8\n")
    )
