"""Atomic saves at the edges the reliability tests do not reach: short writes, a user who may not give a file away."""

import os

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
