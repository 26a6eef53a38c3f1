"""Atomic saves at the edges the reliability tests do not reach: short writes, a user who may not give a file away."""

import errno
import os
import stat

import pytest

from designer.model import atomic
from designer.model.atomic import atomic_write_bytes
from designer.model.safefile import shown_path


def test_a_short_write_into_a_pipe_goes_on_with_the_rest(tmp_path, monkeypatch):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there before the save
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data[:3])))  # a pipe may take less
    try:
        atomic_write_bytes(fifo, b"0123456789")
        received = os.read(reader, 100)
    finally:
        os.close(reader)
    assert received == b"0123456789"


def test_a_user_who_may_not_give_the_file_away_still_keeps_its_group(tmp_path, monkeypatch):
    path = tmp_path / "shared.json"
    path.write_text("old", encoding="utf-8")
    os.chown(path, 12345, 23456)
    real_fchown = os.fchown

    def as_a_user(fd, uid, gid):  # only root may change a file's owner
        if uid != -1:
            raise PermissionError(1, "Operation not permitted")
        real_fchown(fd, uid, gid)

    monkeypatch.setattr(os, "fchown", as_a_user)
    atomic_write_bytes(path, b"new")
    st = path.stat()
    assert (st.st_uid, st.st_gid) == (os.geteuid(), 23456) and path.read_bytes() == b"new"


def test_paths_in_messages_are_one_line_of_at_most_200_characters():
    assert shown_path("/tmp/a\nb.json") == "/tmp/a b.json"
    long = "/" + "d" * 300
    assert shown_path(long) == long[:199] + "…"
    assert shown_path(long[:200]) == long[:200]


def test_a_fifo_nobody_reads_is_refused_with_its_errno_and_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic, "FIFO_READER_WAIT", 0.0)  # refused at the first try: no waiting in a test
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(OSError) as info:
        atomic_write_bytes(fifo, b"{}")
    assert info.value.errno == errno.ENXIO
    assert info.value.strerror == "it is a FIFO (named pipe) that no program is reading"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_the_mode_is_set_on_the_open_temp_file_not_on_what_its_name_points_to(tmp_path, monkeypatch):
    """Another program that swaps the temp file's name for a link mid-save must not get a file chmodded."""
    path = tmp_path / "doc.json"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o644)
    private = tmp_path / "private.key"
    private.write_text("secret", encoding="utf-8")
    private.chmod(0o600)
    real_fstat = os.fstat
    swapped = []

    def swap_after_fstat(fd):  # called on the temp file just before its mode is set
        result = real_fstat(fd)
        for tmp in tmp_path.glob(".doc.json.*.tmp"):
            if not swapped and not tmp.is_symlink():
                tmp.unlink()
                tmp.symlink_to(private)
                swapped.append(tmp)
        return result

    monkeypatch.setattr(os, "fstat", swap_after_fstat)
    atomic_write_bytes(path, b"new")
    assert swapped
    assert stat.S_IMODE(private.stat().st_mode) == 0o600 and private.read_text(encoding="utf-8") == "secret"


def test_a_temp_file_becomes_stale_only_once_older_than_the_limit(tmp_path, monkeypatch):
    now = 1_900_000_000.0
    monkeypatch.setattr(atomic.time, "time", lambda: now)
    at_limit, older = tmp_path / ".net.json.abcdefgh.tmp", tmp_path / ".net.json.ijklmnop.tmp"
    for path, age in ((at_limit, atomic.STALE_TEMP_SECONDS), (older, atomic.STALE_TEMP_SECONDS + 1)):
        path.write_bytes(b"partial")
        os.utime(path, (now - age, now - age))
    atomic._remove_stale_temps(tmp_path, "net.json")
    assert at_limit.exists() and not older.exists()


def test_a_read_only_file_is_refused_not_replaced(tmp_path, monkeypatch):
    """The rename needs only the folder's permission: a user's read-only file was replaced all the same.
    (As root, os.access lets every write through, as the shell does: the test asks it as a user would.)"""
    target = tmp_path / "kept.json"
    target.write_text("mine", encoding="utf-8")
    target.chmod(0o444)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False if mode == os.W_OK else real_access(path, mode))
    with pytest.raises(PermissionError) as caught:
        atomic_write_bytes(target, b"theirs")
    assert caught.value.errno == errno.EACCES and caught.value.strerror.startswith("it is read-only")
    assert target.read_text(encoding="utf-8") == "mine" and sorted(p.name for p in tmp_path.iterdir()) == ["kept.json"]
