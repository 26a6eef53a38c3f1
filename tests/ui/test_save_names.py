"""The file a save dialog's answer names: `.json` is added to a new name, not to something that is there."""

from __future__ import annotations

from pathlib import Path

from designer.ui.remembered import with_suffix


def test_a_new_name_gets_json_and_an_existing_special_file_keeps_its_name(tmp_path):
    assert with_suffix(str(tmp_path / "alice"), ".json") == tmp_path / "alice.json"
    assert with_suffix(str(tmp_path / "bob.JSON"), ".json") == tmp_path / "bob.JSON"
    # typed /dev/stdout: root's save made a new regular file /dev/stdout.json in /dev
    assert with_suffix("/dev/stdout", ".json") == Path("/dev/stdout")
    assert with_suffix("/dev/null", ".json") == Path("/dev/null")
    (tmp_path / "folder").mkdir()
    assert with_suffix(str(tmp_path / "folder"), ".json") == tmp_path / "folder.json"  # never a folder itself
