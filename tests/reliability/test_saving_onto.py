"""Saving onto what the user has: links, devices, FIFOs, modes and owners, through every writer.

One implementation (designer/model/atomic.py) serves the GUI save and autosave, ``-o``,
``--report`` and every export: symbolic links are followed and the real file is replaced in its own
folder; FIFOs and character devices are written through like stdout; folders, block devices and
sockets are refused with one line; existing files keep their mode (and owner where allowed); new
files get the umask's mode.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import threading

import pytest

from designer.model import load, save
from designer.model.atomic import atomic_write_bytes, atomic_write_text
from tests.conftest import EXAMPLES, ROOT
from tests.reliability.helpers import CASES, run_cli

pytestmark = pytest.mark.skipif(os.name != "posix", reason="links, FIFOs and modes as on POSIX")

XOR = str(EXAMPLES / "xor-step.json")
TRAIN = ["train", XOR, "--dataset", "xor", "--epochs", "1", "-o"]
REPORT = ["check", XOR, "--exercise", "xor", "--report"]


def _child(argv: list[str], timeout: float = 120) -> subprocess.CompletedProcess:
    """A child process with this checkout on its path, counted among the reliability cases."""
    CASES["cli subprocess (saving onto)"] += 1
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=timeout)


def _writers(target: str) -> dict[str, list[str]]:
    """Every CLI writer, aimed at ``target``."""
    return {
        "train -o": [*TRAIN, target],
        "export pytorch -o": ["export", XOR, "--to", "pytorch", "-o", target],
        "export latex -o": ["export", XOR, "--to", "latex", "-o", target],
        "export png -o": ["export", XOR, "--to", "png", "-o", target],
        "export svg -o": ["export", XOR, "--to", "svg", "-o", target],
        "check --report": [*REPORT, target],
    }


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.parametrize("writer", sorted(_writers("x")))
def test_a_symlink_stays_a_link_and_its_file_is_updated(writer, tmp_path, capsys, umask_022):
    real_folder = tmp_path / "real"
    real_folder.mkdir()
    real = real_folder / "target.out"
    real.write_text("old", encoding="utf-8")
    os.chmod(real, 0o640)
    link = tmp_path / "link.out"
    link.symlink_to(real)
    code, _, err = run_cli(capsys, _writers(str(link))[writer], kind="cli in-process (saving onto)")
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() != b"old"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640  # the user's mode is kept
    assert sorted(p.name for p in real_folder.iterdir()) == ["target.out"]  # replaced in its own folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.out", "real"]


@pytest.mark.parametrize("writer", sorted(_writers("x")))
def test_dev_null_stays_a_device(writer, capsys):
    before = os.stat("/dev/null")
    code, _, err = run_cli(capsys, _writers("/dev/null")[writer], kind="cli in-process (saving onto)")
    assert code == 0, err
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino and after.st_rdev == before.st_rdev


@pytest.mark.parametrize("writer", sorted(_writers("x")))
def test_new_files_get_the_umask_mode_and_existing_files_keep_theirs(writer, tmp_path, capsys, umask_022):
    new = tmp_path / "new.out"
    code, _, err = run_cli(capsys, _writers(str(new))[writer], kind="cli in-process (saving onto)")
    assert code == 0, err
    assert stat.S_IMODE(new.stat().st_mode) == 0o644  # readable by others: a handout, not 0600
    os.chmod(new, 0o604)
    code, _, err = run_cli(capsys, _writers(str(new))[writer], kind="cli in-process (saving onto)")
    assert code == 0 and stat.S_IMODE(new.stat().st_mode) == 0o604


def test_a_fifo_with_a_reader_gets_the_bytes_and_stays_a_fifo(tmp_path, capsys):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there before the save
    try:
        code, _, err = run_cli(capsys, [*TRAIN, str(fifo)], kind="cli in-process (saving onto)")
        received = os.read(reader, 1 << 20)  # the whole file fits the pipe's buffer
    finally:
        os.close(reader)
    assert code == 0, err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received.startswith(b'{\n  "format": "nn-designer"') and received.endswith(b"}\n")


def test_a_fifo_whose_reader_comes_a_little_later_gets_the_bytes(tmp_path, capsys):
    """``mkfifo p; cat p & nn-designer … -o p``: the reader may open the FIFO after the save started."""
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Timer(0.3, lambda: received.append(open(fifo, "rb").read()))
    reader.start()
    try:
        code, _, err = run_cli(capsys, [*TRAIN, str(fifo)], kind="cli in-process (saving onto)")
    finally:
        reader.join(timeout=30)
    assert code == 0, err
    assert received and received[0].startswith(b'{\n  "format": "nn-designer"')


def test_a_fifo_nobody_reads_is_refused(tmp_path, capsys, monkeypatch):
    import designer.model.atomic as atomic

    monkeypatch.setattr(atomic, "FIFO_READER_WAIT", 0.2)
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    code, _, err = run_cli(capsys, [*TRAIN, str(fifo)], kind="cli in-process (saving onto)")
    assert code == 2 and "it is a FIFO (named pipe) that no program is reading" in err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_dev_stdout_is_written_through(tmp_path):
    """``--report /dev/stdout`` in a pipe: the report arrives on stdout, nothing is replaced."""
    result = _child([sys.executable, "-m", "designer", *REPORT, "/dev/stdout"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("file,passed,score,reasons\n") and "xor-step.json,true,1.0000," in result.stdout


#: (text writers: the Qt-free run has no figures)
WRITERS_THROUGH_STDOUT = ("train -o", "export latex -o", "export pytorch -o", "check --report")


@pytest.mark.parametrize("append", [False, True], ids=["truncating >", "appending >>"])
@pytest.mark.parametrize("writer", WRITERS_THROUGH_STDOUT)
def test_dev_stdout_into_a_log_file_keeps_the_log(writer, append, tmp_path):
    """``{ echo before; nn-designer … /dev/stdout; echo after; } > log``: /dev/stdout leads to the log
    file itself, which the shell and this program are writing; replacing it lost "before" and
    the summary (found by a TA's grading script)."""
    log = tmp_path / "log.txt"
    log.write_text("kept from an earlier run\n", encoding="utf-8")
    argv = " ".join(f"'{a}'" for a in _writers("/dev/stdout")[writer])
    mode = ">>" if append else ">"
    script = f"{{ echo before; '{sys.executable}' -m designer {argv}; echo \"after $?\"; }} {mode} '{log}'"
    assert _child(["sh", "-c", script]).returncode == 0
    text = log.read_text(encoding="utf-8")
    assert text.startswith("kept from an earlier run\nbefore\n" if append else "before\n")
    assert text.endswith("after 0\n")
    assert len(text) > 90  # the written network, code, figure or report is there between them


def test_dev_stderr_into_a_file_keeps_what_stderr_wrote_before(tmp_path):
    log = tmp_path / "err.txt"
    script = f"{{ echo before >&2; '{sys.executable}' -m designer {' '.join(REPORT)} /dev/stderr; }} 2> '{log}'"
    assert _child(["sh", "-c", script]).returncode == 0
    text = log.read_text(encoding="utf-8")
    assert text.startswith("before\nfile,passed,score,reasons\n")


def test_a_descriptor_path_writes_at_the_descriptors_position(tmp_path):
    """/proc/self/fd/N and /dev/fd/N name an open file of this process: written through N, not replaced."""
    target = tmp_path / "open.txt"
    with open(target, "w", encoding="utf-8") as handle:
        handle.write("first\n")
        handle.flush()
        for name in (f"/proc/self/fd/{handle.fileno()}", f"/dev/fd/{handle.fileno()}"):
            if os.path.exists(name):
                atomic_write_text(name, f"via {name[:8]}\n")
        inode = os.fstat(handle.fileno()).st_ino
    assert os.stat(target).st_ino == inode  # the same file, not a replacement
    assert target.read_text(encoding="utf-8").startswith("first\nvia /proc/se\n")


def test_a_file_of_the_same_name_as_stdout_elsewhere_is_still_replaced(tmp_path):
    """Only the very file stdout writes to is written through; another file is replaced as always."""
    other = tmp_path / "stdout"
    other.write_text("old", encoding="utf-8")
    inode = os.stat(other).st_ino
    atomic_write_text(other, "new")
    assert other.read_text(encoding="utf-8") == "new" and os.stat(other).st_ino != inode


def test_folders_sockets_and_missing_folders_are_refused_with_one_line(tmp_path, capsys):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(tmp_path / "s.out"))
    try:
        for target, fragment in (
            (tmp_path, "it is a folder"),
            (tmp_path / "s.out", "it is a socket, not a file (refused)"),
            (tmp_path / "missing" / "x.out", "No such file or directory"),
        ):
            code, _, err = run_cli(capsys, [*TRAIN, str(target)], kind="cli in-process (saving onto)")
            assert code == 2 and fragment in err, err
    finally:
        sock.close()


def test_a_dangling_link_gets_its_target_created(tmp_path, umask_022):
    link = tmp_path / "link.json"
    link.symlink_to("made.json")
    save(load(XOR), link)
    assert link.is_symlink() and load(tmp_path / "made.json") == load(XOR)
    assert stat.S_IMODE((tmp_path / "made.json").stat().st_mode) == 0o644


def test_link_chains_and_relative_links_reach_the_real_file(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    real = tmp_path / "b" / "real.txt"
    real.write_text("old", encoding="utf-8")
    (tmp_path / "a" / "one").symlink_to("../b/real.txt")
    (tmp_path / "two").symlink_to("a/one")
    atomic_write_text(tmp_path / "two", "new")
    assert real.read_text(encoding="utf-8") == "new"
    assert (tmp_path / "two").is_symlink() and (tmp_path / "a" / "one").is_symlink()


@pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")
def test_root_saving_a_users_file_keeps_its_owner_and_group(tmp_path):
    path = tmp_path / "student.json"
    path.write_text("old", encoding="utf-8")
    os.chown(path, 12345, 23456)
    os.chmod(path, 0o664)
    atomic_write_bytes(path, b"new")
    st = path.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (12345, 23456, 0o664)
    assert path.read_bytes() == b"new"


def test_gui_save_and_autosave_use_the_same_writer(tmp_path, qtbot, dialogs, umask_022):
    from designer.ui.mainwindow import MainWindow

    real = tmp_path / "real.json"
    save(load(XOR), real)
    os.chmod(real, 0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    window = MainWindow(load(XOR), link)
    qtbot.addWidget(window)
    window.document.network.name = "changed"
    assert window.files.save()
    assert link.is_symlink() and load(real).name == "changed" and stat.S_IMODE(real.stat().st_mode) == 0o640
    window.document.undo_stack.setClean()


STDOUT_CLOSED = """
import socket, sys
from designer.model.atomic import atomic_write_text
a, b = socket.socketpair()  # takes descriptor 1, closed at start (as an X server connection may)
assert sys.stdout is None and a.fileno() == 1, (sys.stdout, a.fileno())
try:
    atomic_write_text("/dev/stdout", "{}")
except OSError as exc:
    sys.stderr.write(f"refused: {exc.strerror}\\n")
b.setblocking(False)
try:
    sys.stderr.write(f"socket got {b.recv(100)!r}\\n")
except BlockingIOError:
    sys.stderr.write("socket got nothing\\n")
"""


def test_a_descriptor_1_that_is_not_stdout_is_not_written_to(tmp_path):
    """Started with stdout closed, descriptor 1 is the next thing opened (the GUI's X server
    connection): Save onto /dev/stdout wrote the network into it and the app hung."""
    script = tmp_path / "closed.py"
    script.write_text(STDOUT_CLOSED, encoding="utf-8")
    result = _child(["sh", "-c", f"exec '{sys.executable}' '{script}' >&-"], timeout=60)
    assert result.returncode == 0, result.stderr
    assert "refused: it is a socket, not a file (refused)" in result.stderr
    assert "socket got nothing" in result.stderr


def test_written_to_stdout_the_summary_goes_to_stderr(tmp_path):
    """`train -o /dev/stdout | jq` and `check --report /dev/stdout > grades.csv` got the human summary
    mixed into the JSON or as a stray last CSV row."""
    trained = _child([sys.executable, "-m", "designer", *TRAIN, "/dev/stdout"])
    report = _child([sys.executable, "-m", "designer", *REPORT, "/dev/stdout"])
    assert trained.returncode == 0 and json.loads(trained.stdout)["version"] >= 1
    assert "epochs 1" in trained.stderr
    assert report.returncode == 0 and report.stdout.splitlines()[0] == "file,passed,score,reasons"
    assert len(report.stdout.splitlines()) == 2 and "1 file checked against xor" in report.stderr
