"""grades.csv identifies each file: names are escaped reversibly, never collapsed; hidden files are listed.

Two files used to share a row when their names differed only in control characters (both became
spaces) or in bytes that are not UTF-8. Now ``file_cell`` escapes like a URL (``%0A``, ``%FF``,
``%25`` for ``%`` itself) and ``file_from_cell`` gives the name back.
"""

from __future__ import annotations

import csv
import io
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from designer.cli import main
from designer.exercises import load_exercise
from designer.exercises.grading import HIDDEN_REASON, file_cell, file_from_cell
from designer.model import save
from tests.reliability.helpers import CASES

NAMES = [
    "plain.json",
    "a\nb.json",
    "a b.json",
    "a\tb.json",
    "a\rb.json",
    "a\x1b[31mb.json",
    "a\u2028b.json",
    "a\u202eb.json",  # right-to-left override
    "a\u200bb.json",  # zero-width space
    "100%.json",
    "100%25.json",
    "=cmd.json",
    "-1.json",
    "+1.json",
    "@x.json",
    "＝full.json",
    "é à.json",
    "\udcff\udcfe.json",  # bytes FF FE: not UTF-8 (os.fsdecode's surrogate escape)
    "\udcc3(.json",  # byte C3 then "(": an invalid UTF-8 sequence
]


def test_every_name_gets_its_own_cell_and_comes_back():
    cells = [file_cell(name) for name in NAMES]
    assert len(set(cells)) == len(NAMES)
    for name, cell in zip(NAMES, cells, strict=True):
        assert cell.isprintable() and "\n" not in cell
        assert not cell.startswith(("=", "+", "-", "@", "＝"))
        assert file_from_cell(cell) == name
    assert file_cell("a\nb.json") == "a%0Ab.json" and file_cell("100%.json") == "100%25.json"
    assert file_cell("é à.json") == "é à.json" and file_cell("=cmd.json") == "%3Dcmd.json"
    assert file_cell("\udcff.json") == "%FF.json"


PATHS = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from("%\n\t\x1b=\udcff\udc80"), max_size=30
)


@settings(max_examples=800, derandomize=True, deadline=None)
@given(PATHS, PATHS)
def test_escaping_is_reversible_and_injective(a, b):
    CASES["grades file names (hypothesis)"] += 1
    assert file_from_cell(file_cell(a)) == a
    assert (file_cell(a) == file_cell(b)) == (a == b)
    assert file_cell(a).isprintable()


@pytest.mark.skipif(os.name != "posix", reason="arbitrary bytes in file names")
def test_a_graded_folder_of_such_names_has_one_row_per_file(tmp_path, capsys):
    folder = tmp_path / "subs"
    folder.mkdir()
    solution = load_exercise("xor").solutions[0]
    names = [n for n in NAMES if n.lower().endswith(".json")] + [".hidden.json", "._mac.json"]
    for name in names:
        save(solution, os.fsdecode(os.path.join(os.fsencode(folder), os.fsencode(name))))
    report = tmp_path / "grades.csv"
    code = main(["check", str(folder), "--exercise", "xor", "--report", str(report)])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""  # every graded file passes; hidden ones do not count
    assert out.startswith(f"{len(NAMES)} files checked against xor: {len(NAMES)} passed, 0 failed, 2 hidden skipped")
    rows = list(csv.reader(io.StringIO(report.read_text(encoding="utf-8"))))[1:]
    files = [file_from_cell(r[0]) for r in rows]
    assert len(files) == len(set(files)) == len(names)
    assert {os.path.basename(f) for f in files} == set(names)
    hidden = {os.path.basename(file_from_cell(r[0])): r for r in rows if r[3] == HIDDEN_REASON}
    assert set(hidden) == {".hidden.json", "._mac.json"} and all(r[1] == "false" for r in hidden.values())


def test_a_hidden_file_named_on_the_command_line_is_graded(tmp_path, capsys):
    path = tmp_path / ".homework.json"
    save(load_exercise("xor").solutions[0], path)
    code = main(["check", str(path), str(tmp_path), "--exercise", "xor", "--report", str(tmp_path / "g.csv")])
    out, _ = capsys.readouterr()
    assert code == 0 and out.startswith("1 file checked against xor: 1 passed, 0 failed;")
