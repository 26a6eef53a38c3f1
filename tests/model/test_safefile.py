"""Reading a user's file: an error while opening it is one line naming the file."""

import os
import stat

import pytest

from designer.model import FormatError
from designer.model.safefile import FileTooLarge, open_regular, read_file_bytes


def _open_fails_with(monkeypatch, error: OSError) -> None:
    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(os, "open", fail)


def test_a_file_that_cannot_be_opened_is_named_with_the_reason(tmp_path, monkeypatch):
    path = tmp_path / "net.json"
    path.write_text("{}", encoding="utf-8")
    _open_fails_with(monkeypatch, PermissionError(13, "Permission denied"))  # root may read anything: simulated
    with pytest.raises(FormatError, match=f"^cannot read {path}: Permission denied$"):
        read_file_bytes(path)


def test_a_file_that_vanishes_between_stat_and_open_is_no_such_file(tmp_path, monkeypatch):
    path = tmp_path / "net.json"
    path.write_text("{}", encoding="utf-8")
    _open_fails_with(monkeypatch, FileNotFoundError(2, "No such file or directory"))
    with pytest.raises(FormatError, match=f"^no such file: {path}$"):
        read_file_bytes(path)


def test_an_error_while_reading_is_named_with_the_reason(tmp_path, monkeypatch):
    path = tmp_path / "net.json"
    path.write_text("{}", encoding="utf-8")

    def failing_disk(fd, n):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "read", failing_disk)
    with pytest.raises(FormatError, match=f"^cannot read {path}: Input/output error$"):
        read_file_bytes(path)


def test_a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_refused(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(b"x1,y\n10,1\n")  # 10 bytes
    with open_regular(path, limit=10) as stream:
        assert stream.read() == b"x1,y\n10,1\n"
    with pytest.raises(FileTooLarge, match=r"^file too large: 10 bytes \(limit 9\)$"), open_regular(path, limit=9):
        pass


def test_the_cap_holds_while_reading_a_file_whose_size_says_0():
    assert os.stat("/proc/self/status").st_size == 0  # regular, but its length is only known by reading it
    with pytest.raises(FileTooLarge, match="^file too large: more than 50 bytes$"):
        with open_regular("/proc/self/status", limit=50) as stream:
            stream.read()


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def test_a_streamed_file_is_closed_after_reading_and_after_a_refusal(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(b"x1,y\n10,1\n")
    with open_regular(path) as stream:
        fd = stream.raw.fd
        assert _is_open(fd) and stream.read() == b"x1,y\n10,1\n"
    assert stream.closed and not _is_open(fd)  # a descriptor left open would pile up file after file
    with pytest.raises(FileTooLarge), open_regular("/proc/self/status", limit=50) as stream:
        fd = stream.raw.fd
        stream.read()
    assert stream.closed and not _is_open(fd)


def test_a_kind_of_file_without_a_name_here_is_not_a_regular_file(tmp_path, monkeypatch):
    """A file system may report any type (a Solaris door, a BSD whiteout); here: a symbolic link's own mode."""
    path = tmp_path / "odd"
    path.write_bytes(b"{}")
    real_stat = os.stat
    link = os.stat_result((stat.S_IFLNK | 0o777, *real_stat(path)[1:]))
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: link if p == path else real_stat(p, *a, **k))
    with pytest.raises(FormatError, match=f"^{path} is not a regular file$"):
        read_file_bytes(path)


def test_a_link_to_nothing_and_a_loop_of_links_are_said_as_such(tmp_path):
    """Not "no such file" for a file that is there as a link, nor the system's "Too many levels of
    symbolic links" (found by a TA grading a folder of hand-ins)."""
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to("moved-away.json")
    with pytest.raises(FormatError, match=f"^{dangling} is a symbolic link to moved-away.json, which does not exist$"):
        read_file_bytes(dangling)
    loop1, loop2 = tmp_path / "loop1.json", tmp_path / "loop2.json"
    loop1.symlink_to(loop2)
    loop2.symlink_to(loop1)
    with pytest.raises(FormatError, match=f"^cannot read {loop1}: a loop of symbolic links$"):
        read_file_bytes(loop1)
