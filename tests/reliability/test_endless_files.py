"""Files that never end: FIFOs, devices, sockets, folders and links to them, through every way a file is read.

Every reader (network files, exercise files, CSV, recovery files) goes through
``designer.model.safefile``: only regular files are read, checked after opening on the opened
descriptor, nothing blocks on open, and the size cap holds while reading, whatever ``st_size``
says. A hang would be caught by the watchdog (SIGALRM) instead of freezing the suite.
"""

from __future__ import annotations

import csv
import io
import os
import signal
import socket
import stat

import pytest

import designer.model.safefile as safefile
from designer.engine import DatasetError
from designer.engine import data as dm
from designer.engine.csvfile import read_csv_file
from designer.exercises import ExerciseError, load_exercise_file
from designer.model import FormatError, load
from designer.model.jsonread import MAX_FILE_BYTES
from tests.conftest import EXAMPLES, RESOURCES
from tests.reliability.helpers import CASES, check_one_line, run_cli

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")

XOR = str(EXAMPLES / "xor-step.json")
XOR_EXERCISE = str(RESOURCES / "exercises" / "xor.json")
KINDS = ("fifo", "fifo-link", "dev-zero-link", "dev-null", "dev-urandom", "dev-tty-link", "socket", "folder")
EXPECTED = {
    "fifo": "is a FIFO (named pipe), not a regular file",
    "fifo-link": "is a FIFO (named pipe), not a regular file",
    "dev-zero-link": "is a character device, not a regular file",
    "dev-null": "is a character device, not a regular file",
    "dev-urandom": "is a character device, not a regular file",
    "dev-tty-link": "is a character device, not a regular file",
    "socket": "is a socket, not a regular file",
    "folder": "is a folder, not a file",
}


@pytest.fixture(autouse=True)
def watchdog():
    """Fail (TimeoutError) instead of hanging: a blocking open or an endless read is the bug."""

    def expire(signum, frame):
        raise TimeoutError("blocked: a read or an open did not return within 20 s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def endless(tmp_path):
    """name -> a path of that kind, each with a .json/.csv-looking name."""
    made: dict[str, str] = {}
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    made["fifo"] = str(fifo)
    (tmp_path / "fifo-link.json").symlink_to(fifo)
    made["fifo-link"] = str(tmp_path / "fifo-link.json")
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    made["dev-zero-link"] = str(tmp_path / "zero.json")
    made["dev-null"] = "/dev/null"
    made["dev-urandom"] = "/dev/urandom"
    (tmp_path / "tty.json").symlink_to("/dev/tty")
    made["dev-tty-link"] = str(tmp_path / "tty.json")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(tmp_path / "s.json"))
    made["socket"] = str(tmp_path / "s.json")
    (tmp_path / "folder.json").mkdir()
    made["folder"] = str(tmp_path / "folder.json")
    yield made
    sock.close()


def _refused(call, fragment: str, error=FormatError) -> str:
    CASES["endless files"] += 1
    with pytest.raises(error) as info:
        call()
    message = str(info.value)
    check_one_line(message)
    assert fragment in message, message
    return message


@pytest.mark.parametrize("kind", KINDS)
def test_the_safe_reader_refuses_what_is_not_a_regular_file(kind, endless):
    _refused(lambda: safefile.read_file_bytes(endless[kind]), EXPECTED[kind])
    _refused(lambda: load(endless[kind]), EXPECTED[kind])
    with pytest.raises(FormatError, match="not a regular file|not a file"):
        with safefile.open_regular(endless[kind]):
            pass


@pytest.mark.parametrize("kind", KINDS)
def test_every_cli_reader_refuses_it_with_one_line(kind, endless, capsys, tmp_path):
    path = endless[kind]
    out = tmp_path / "out.json"
    for argv in (
        ["validate", path],
        ["eval", path, "--points", "0,0"],
        ["export", path, "--to", "latex"],
        ["eval", XOR, "--csv", path],
        ["grad", XOR, "--csv", path, "--loss", "mse"],
        ["train", XOR, "--csv", path, "-o", str(out)],
        ["exercises", "--verify", path],
        ["check", XOR, "--exercise", path],
        *([["check", path, "--exercise", "xor"]] if kind != "folder" else []),  # a folder is graded: below
    ):
        code, _, err = run_cli(capsys, argv, kind="cli in-process (endless files)")
        assert code == 2 and EXPECTED[kind] in err, (argv, err)
    assert not out.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_csv_and_exercise_readers_refuse_it(kind, endless):
    path = endless[kind]
    _refused(lambda: read_csv_file(path, ["x1"], ["y"]), EXPECTED[kind], DatasetError)
    _refused(lambda: dm.load_csv(load(XOR), path, 1.0, 0), EXPECTED[kind], DatasetError)
    _refused(lambda: load_exercise_file(path), EXPECTED[kind], ExerciseError)


def test_a_graded_folder_reports_such_entries_as_failed_rows_and_grades_the_rest(endless, tmp_path, capsys):
    folder = tmp_path / "subs"
    folder.mkdir()
    (folder / "good.json").write_bytes(open(XOR, "rb").read())
    os.mkfifo(folder / "fifo.json")
    (folder / "zero.json").symlink_to("/dev/zero")
    (folder / "urandom.json").symlink_to("/dev/urandom")
    big = folder / "big.json"
    with open(big, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    report = tmp_path / "grades.csv"
    code, out, err = run_cli(capsys, ["check", str(folder), "--exercise", "xor", "--report", str(report)])
    assert code == 1 and err == ""
    assert out.startswith("5 files checked against xor: 1 passed, 4 failed;")
    rows = {os.path.basename(r[0]): r for r in csv.reader(io.StringIO(report.read_text(encoding="utf-8")))}
    assert rows["good.json"][1] == "true"
    assert rows["fifo.json"][3].startswith("unreadable: a FIFO (named pipe)")  # the row names the file once
    assert all(rows[name][3].startswith("unreadable: a character device") for name in ("zero.json", "urandom.json"))
    assert "file too large" in rows["big.json"][3]


def test_the_cap_holds_while_reading_whatever_the_size_says(tmp_path, monkeypatch):
    """A regular file whose reported size is 0 (as in /proc) but that holds more than the cap."""
    path = tmp_path / "liar.json"
    with open(path, "wb") as handle:
        handle.truncate(3 * 1024 * 1024)
    real_fstat = os.fstat

    def zero_size(fd):
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, *st[1:6], 0, *st[7:]))

    monkeypatch.setattr(safefile.os, "fstat", zero_size)
    reads = []
    real_read = os.read
    monkeypatch.setattr(safefile.os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    limit = 1024 * 1024
    _refused(lambda: safefile.read_file_bytes(path, limit), f"file too large: more than {limit} bytes")
    assert sum(reads) <= limit + 1  # never more than the cap (+1 byte to know it is over) was asked for
    with pytest.raises(safefile.FileTooLarge):
        with safefile.open_regular(path, limit) as stream:
            while stream.read(65536):
                pass


def test_a_file_swapped_for_a_fifo_after_the_check_is_caught_on_the_descriptor(tmp_path, monkeypatch):
    """The path is checked, then opened; the opened descriptor is checked again (no race)."""
    path = tmp_path / "swap.json"
    path.write_text("{}", encoding="utf-8")
    real_stat = os.stat
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)

    def stat_then_swap(p, *args, **kwargs):
        result = real_stat(p, *args, **kwargs)
        if str(p) == str(path) and stat.S_ISREG(result.st_mode):
            os.replace(fifo, path)  # between the check and the open
        return result

    monkeypatch.setattr(safefile.os, "stat", stat_then_swap)
    _refused(lambda: safefile.read_file_bytes(path), "is a FIFO (named pipe)")


def test_regular_files_read_as_before(tmp_path):
    assert safefile.read_file_bytes(XOR) == open(XOR, "rb").read()
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    assert safefile.read_file_bytes(empty) == b""
    exact = tmp_path / "exact"
    exact.write_bytes(b"x" * 1000)
    assert safefile.read_file_bytes(exact, 1000) == b"x" * 1000
    _refused(lambda: safefile.read_file_bytes(exact, 999), "file too large: 1000 bytes (limit 999)")
    _refused(lambda: safefile.read_file_bytes(tmp_path / "nul\0.json"), "contains a NUL character")
    _refused(lambda: safefile.read_file_bytes(tmp_path / "missing.json"), "no such file")
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    _refused(lambda: safefile.read_file_bytes(loop), "cannot read")
