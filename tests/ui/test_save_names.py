"""The file a save dialog's answer names: `.json` is added to a new name, not to something that is there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/null"), reason="POSIX devices and FIFOs")
@pytest.mark.parametrize("special", ["/dev/null", "link to /dev/null", "fifo"])
def test_save_as_onto_a_device_or_fifo_keeps_the_work_unsaved(
    xor_window, qtbot, monkeypatch, tmp_path, dialogs, special
):
    """Save As ▸ /dev/null said "Saved /dev/null": the work counted as kept (Quit asked nothing) and its
    recovery copy was dropped, so it was gone; a FIFO froze the window 5 s waiting for a reader."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    from tests.ui import gui

    target = {"/dev/null": "/dev/null", "link to /dev/null": str(tmp_path / "keep.json")}.get(special)
    if special == "link to /dev/null":
        os.symlink("/dev/null", target)
    elif special == "fifo":
        target = str(tmp_path / "pipe.json")
        os.mkfifo(target)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (target, ""))
    w = xor_window
    gui.wheel(w.view, gui.node_pos(w, "h1"), steps=5)
    assert w.files.write_recovery() and w.files.recovery.path.exists()
    w.activateWindow()
    qtbot.waitUntil(lambda: w.isActiveWindow(), timeout=2000)
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    kind, title, text = dialogs.shown[-1]
    assert (kind, title) == ("critical", "Cannot save") and "not a regular file: nothing saved there is kept" in text
    assert w.document.modified and w.document.path != Path(target)
    assert w.files.recovery.path.exists()  # the crash-recovery copy stays


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="POSIX devices")
def test_save_answers_onto_a_device_keeps_them_unsaved(xor_window, qtbot, monkeypatch, dialogs):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    from tests.ui.test_chainrule_panel import open_drill, type_answer

    chain = open_drill(qtbot, xor_window, "chain-2-2-1-sigmoid")
    type_answer(qtbot, chain, "da:y", "-1")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("/dev/null", ""))
    qtbot.mouseClick(chain.save_button, Qt.MouseButton.LeftButton)
    assert dialogs.shown[-1][1] == "Cannot save answers" and "character device" in dialogs.shown[-1][2]
    assert chain.unsaved and chain.path is None
