"""Recovery on a full disk, and many unreadable recovery files at start.

A full disk is simulated where the app meets it: QLockFile cannot make its lock file (it then says
only UnknownError, as for a lock in a folder that is not there, which is what the tests give it), and
Python's ``os.open`` in the recovery folder fails with ENOSPC."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from designer.model import load
from designer.ui import recovery, recovery_offer
from tests.conftest import EXAMPLES
from tests.ui import gui
from tests.ui.live_gui import shown_window

XOR = EXAMPLES / "xor-step.json"


def _crash(window) -> None:
    """What a kill -9 leaves: the autosaved work and a lock nobody holds."""
    window.files.autosave.timeout.emit()  # the 30 s timer firing
    window.files.recovery._lock.unlock()
    window.files.recovery._lock = None


def _window(qtbot):
    return shown_window(qtbot, load(XOR))


@pytest.fixture
def no_space(monkeypatch):
    """From now on Python cannot make a file in the recovery folder (or in its corrupt/)."""
    folder = recovery.recovery_folder()
    real_open = os.open

    def open_(path, flags, *args, **kwargs):
        if os.O_CREAT & flags and folder in Path(os.fsdecode(path)).parents:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.fsdecode(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)


@pytest.fixture
def no_lock(monkeypatch, tmp_path):
    """From now on QLockFile cannot make a lock file (it says UnknownError, as on a full disk)."""
    real_lock = recovery._lock
    monkeypatch.setattr(recovery, "_lock", lambda path: real_lock(tmp_path / "no-such-folder" / path.name))


@pytest.fixture
def full_disk(no_space, no_lock):
    """Neither Python nor Qt can make a file in the recovery folder."""


def test_autosave_on_a_full_disk_says_no_space_left(qtbot, xor_window, full_disk, dialogs):
    """It said "cannot lock the recovery file in … (UnknownError)"."""
    gui.wheel(xor_window.view, gui.node_pos(xor_window, "h1"), steps=5)
    xor_window.files.autosave.timeout.emit()  # the 30 s timer firing
    note = "Autosave failed: No space left on device. Save your work (File ▸ Save As) to keep it."
    assert dialogs.shown == [("notice", "Autosave failed", note)]
    assert xor_window.statusBar().findChild(QLabel, "autosaveProblem").text() == note


def crash_and_start_again(qtbot):
    """A window's work autosaved, its process killed; then a new window: (it, the orphan, h1's bias)."""
    crashed = _window(qtbot)
    gui.wheel(crashed.view, gui.node_pos(crashed, "h1"), steps=5)
    bias = crashed.document.network.neurons["h1"].bias
    _crash(crashed)
    orphan = crashed.files.recovery.path
    crashed.files.recovery = recovery.Slot()  # the crashed process's files are no longer its own
    return _window(qtbot), orphan, bias


def test_an_earlier_crash_is_offered_when_its_lock_cannot_be_made(qtbot, request, dialogs):
    """On a full disk the lock file could not be made, so the crash's work was taken for a live
    window's and skipped without a word."""
    from designer.ui.app import offer_recovery

    fresh, orphan, bias = crash_and_start_again(qtbot)
    request.getfixturevalue("full_disk")
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert offer_recovery(fresh) == 1
    assert dialogs.shown[0][:2] == ("question", "Restore unsaved work?")
    assert fresh.document.network.neurons["h1"].bias == bias and fresh.document.modified
    assert orphan.exists()  # its autosave into fresh's slot failed: the crash's file is the only copy on disk


def test_restored_work_that_cannot_be_autosaved_keeps_its_recovery_file(qtbot, request, dialogs):
    """The crash's file was deleted after a restore although the restored work's own autosave had
    failed: one more crash and the work was gone."""
    from designer.ui.app import offer_recovery

    fresh, orphan, bias = crash_and_start_again(qtbot)
    request.getfixturevalue("no_space")
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert offer_recovery(fresh) == 1
    assert fresh.document.network.neurons["h1"].bias == bias
    assert fresh.files.autosave_problem == "No space left on device"
    assert orphan.exists() and not orphan.with_suffix(".lock").exists()  # kept, and free for the next start


def test_forty_unreadable_recovery_files_are_one_dialog(qtbot, xor_window, dialogs):
    from designer.ui.app import offer_recovery

    folder = recovery.recovery_folder()
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(40):
        (folder / f"1-{i:02d}-abcdef.json").write_text("{ not json", encoding="utf-8")
    assert offer_recovery(xor_window) == 0
    ((kind, title, text),) = dialogs.shown
    assert (kind, title) == ("warning", "Unreadable recovery files")
    assert text.startswith("40 recovery files could not be read:\n1-00-abcdef.json: ")
    assert text.endswith("… and 35 more")
    assert len(list((folder / "corrupt").glob("*.json"))) == 40 and not list(folder.glob("*.json"))


def test_one_unreadable_recovery_file_is_named_with_where_it_went(qtbot, xor_window, dialogs):
    from designer.ui.app import offer_recovery

    folder = recovery.recovery_folder()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "1-1-abcdef.json").write_text("{ not json", encoding="utf-8")
    assert offer_recovery(xor_window) == 0
    ((kind, title, text),) = dialogs.shown
    assert (kind, title) == ("warning", "Unreadable recovery file")
    assert text.startswith("A recovery file could not be read: ")


def test_an_unreadable_file_moved_aside_on_a_full_disk_is_named_where_it_went(qtbot, xor_window, request, monkeypatch):
    """Moved into corrupt/ (a rename needs no room) but its note could not be written: the dialog
    said "It stays at …" the place it had just left."""
    from designer.ui.app import offer_recovery

    folder = recovery.recovery_folder()
    (folder / "corrupt").mkdir(parents=True)
    (folder / "1-1-abcdef.json").write_text("{ not json", encoding="utf-8")
    request.getfixturevalue("no_space")
    shown = []
    monkeypatch.setattr(recovery_offer, "plain_message", lambda *args, **kwargs: shown.append(args[2:]))
    assert offer_recovery(xor_window) == 0
    (moved,) = (folder / "corrupt").glob("*.json")
    ((title, _, where),) = shown
    assert (title, where) == ("Unreadable recovery file", f"It was kept as {moved}.")
