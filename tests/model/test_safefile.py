"""Reading a user's file: an error while opening it is one line naming the file."""

import os

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
