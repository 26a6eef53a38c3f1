"""Save asks before replacing a version of the file that another program or window wrote since this
window opened or saved it (it replaced it without a word)."""

from __future__ import annotations

import os
import shutil

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from designer.model import SetNodeField, load
from tests.conftest import EXAMPLES


def edit_outside(path, bias: float) -> None:
    """Another program writes the file: another bias, and a later time stamp."""
    other = load(path)
    other.neurons["y"].bias = bias
    from designer.model import save

    save(other, path)
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))


def _open_then_changed_outside(window, tmp_path):
    """A copy of the XOR example opened in ``window``, then changed by another program (y's bias 7)
    while the window has an unsaved edit of its own (h1's bias 0.25)."""
    path = tmp_path / "ext.json"
    shutil.copy(EXAMPLES / "xor-step.json", path)
    assert window.files.open_path(path)
    edit_outside(path, 7.0)
    window.document.push(SetNodeField("h1", "bias", 0.25))
    return path


def test_save_over_a_file_changed_on_disk_asks_and_cancel_keeps_it(xor_window, qtbot, tmp_path, dialogs):
    w = xor_window
    path = _open_then_changed_outside(w, tmp_path)
    dialogs.answer = QMessageBox.StandardButton.Cancel
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialogs.shown[-1][1] == "File changed on disk" and "ext.json was changed on disk" in dialogs.shown[-1][2]
    assert load(path).neurons["y"].bias == 7.0 and w.document.modified  # the other version is kept
    dialogs.answer = QMessageBox.StandardButton.Save
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load(path).neurons["h1"].bias == 0.25 and not w.document.modified
    shown = len(dialogs.shown)
    w.document.push(SetNodeField("h1", "bias", 0.5))
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # nothing changed outside since
    assert len(dialogs.shown) == shown and load(path).neurons["h1"].bias == 0.5


def test_a_file_given_at_start_is_watched_too(qtbot, tmp_path, dialogs):
    from designer.ui.mainwindow import MainWindow

    path = tmp_path / "start.json"
    shutil.copy(EXAMPLES / "xor-step.json", path)
    w = MainWindow(load(path), path)  # as the app opens `nn-designer start.json`
    qtbot.addWidget(w)
    edit_outside(path, -3.0)
    w.document.push(SetNodeField("h1", "bias", 0.25))
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not w.files.save()
    assert load(path).neurons["y"].bias == -3.0


def test_save_as_onto_the_open_file_changed_on_disk_asks_too(xor_window, qtbot, tmp_path, dialogs, monkeypatch):
    """Save As choosing the open file's own name skipped the question: only Qt's "Replace?" was shown."""
    from PySide6.QtWidgets import QFileDialog

    w = xor_window
    path = _open_then_changed_outside(w, tmp_path)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "ext"), ""))  # .json added
    dialogs.answer = QMessageBox.StandardButton.Cancel
    save_as = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w, Qt.Key.Key_S, save_as)
    assert dialogs.shown[-1][1] == "File changed on disk" and "ext.json was changed on disk" in dialogs.shown[-1][2]
    assert load(path).neurons["y"].bias == 7.0 and w.document.modified
    dialogs.answer = QMessageBox.StandardButton.Save
    qtbot.keyClick(w, Qt.Key.Key_S, save_as)
    assert load(path).neurons["h1"].bias == 0.25 and not w.document.modified
    other = tmp_path / "other.json"
    shutil.copy(path, other)
    shown = len(dialogs.shown)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    qtbot.keyClick(w, Qt.Key.Key_S, save_as)  # another file: Qt's own "Replace?" is the question
    assert len(dialogs.shown) == shown and w.document.path == other
