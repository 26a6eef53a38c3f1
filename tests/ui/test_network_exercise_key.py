"""A network file names the exercise it was saved from (``"exercise": "xor"``): opening it brings that
built-in exercise up. The key is the file's own text: anything else in it leaves no exercise on show."""

from __future__ import annotations

import json
import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from designer.exercises.catalog import builtin_path
from designer.model import load
from tests.conftest import EXAMPLES
from tests.ui.live_gui import shown_window


def _open_with_exercise_key(qtbot, monkeypatch, tmp_path, key):
    doc = json.loads((EXAMPLES / "xor-step.json").read_text(encoding="utf-8"))
    doc["exercise"] = key
    path = tmp_path / "homework" / "net.json"
    path.parent.mkdir()
    path.write_text(json.dumps(doc), encoding="utf-8")
    window = shown_window(qtbot, load(EXAMPLES / "xor-step.json"))
    window.exercise.show()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # File ▸ Open
    assert window.document.path == path
    return window


@pytest.mark.parametrize("key", ["a" * 5000, "a-" * 2000 + "a", "é" * 300])
def test_a_long_exercise_key_opens_the_network_without_an_exercise(qtbot, monkeypatch, tmp_path, dialogs, key):
    """``"exercise": "aaa…"`` (5,000 letters): OSError "File name too long" out of File ▸ Open."""
    window = _open_with_exercise_key(qtbot, monkeypatch, tmp_path, key)
    assert window.exercise.panel.exercise is None and dialogs.shown == []


@pytest.mark.parametrize("key", ["../teacher.json", "teacher", "{folder}/teacher.json"])
def test_an_exercise_key_that_names_a_file_reads_no_file(qtbot, monkeypatch, tmp_path, dialogs, key):
    """``"exercise": "../teacher.json"`` read that file (relative to the current folder, or any path the
    network file gave) and put the exercise in it on show, checking the student's network against it."""
    teacher = tmp_path / "teacher.json"
    doc = json.loads(builtin_path("xor").read_text(encoding="utf-8"))
    doc["title"] = "Not an exercise of this network"
    teacher.write_text(json.dumps(doc), encoding="utf-8")
    (tmp_path / "run").mkdir()
    shutil.copy(teacher, tmp_path / "run" / "teacher")
    monkeypatch.chdir(tmp_path / "run")  # where the app was started
    window = _open_with_exercise_key(qtbot, monkeypatch, tmp_path, key.format(folder=tmp_path))
    assert window.exercise.panel.exercise is None and dialogs.shown == []


def test_a_built_in_exercise_key_still_brings_its_exercise(qtbot, monkeypatch, tmp_path, dialogs):
    window = _open_with_exercise_key(qtbot, monkeypatch, tmp_path, "xor")
    assert window.exercise.panel.exercise.id == "xor"
