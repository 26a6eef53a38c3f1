"""Reading a user's file: an error while opening it is one line naming the file."""

import os

import pytest

from designer.model import FormatError
from designer.model.safefile import read_file_bytes


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
