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


def test_save_as_offers_a_file_name_a_shell_loop_takes(xor_window, monkeypatch, qtbot):
    """ "XOR with ReLUs, exactly.json" was offered: spaces and a comma in every hand-in's name."""
    from PySide6.QtWidgets import QFileDialog

    from designer.exercises import load_exercise
    from designer.model import ReplaceNetwork, SetNetworkField
    from designer.ui.exercise_parts import tagged

    offered: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda parent, title, suggested, *a: offered.append(suggested) or ("", "")
    )
    w = xor_window
    w.document.path = None
    w.document.push(SetNetworkField("name", "XOR with ReLUs, exactly"))
    w.files.save_as()
    solution = load_exercise("xor-relu").solutions[0]
    w.document.push(ReplaceNetwork(tagged(solution, "xor-relu")))
    w.files.save_as()
    assert [Path(p).name for p in offered] == ["xor-with-relus-exactly.json", "xor-relu.json"]
