"""Browsing the exercise list changes nothing of the open network or its experiment: reading another
exercise's prompt after a save asked "Save the changes first?", and that Save wrote the other
exercise's dataset into the saved file."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from designer.model import SetConnectionField, SetNodeField
from tests.ui.test_exercise_panel import click_exercise


def test_reading_another_exercise_after_a_save_leaves_the_saved_work_clean(qtbot, xor_window, tmp_path, monkeypatch):
    w = xor_window
    panel = w.exercise.panel
    w.exercise.show()
    click_exercise(qtbot, panel, "and")
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    for source, weight in (("x1", 1.0), ("x2", 1.0)):
        w.document.push(SetConnectionField((source, "y"), "weight", weight))
    w.document.push(SetNodeField("y", "bias", -1.5))
    qtbot.waitUntil(lambda: "PASS" in panel.status.text())
    target = tmp_path / "and.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    saved = target.read_bytes()
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or QMessageBox.StandardButton.Cancel)

    click_exercise(qtbot, panel, "xor")  # only reading its prompt
    assert panel.title.text() == "XOR gate"
    assert not w.document.modified and not w.experiment.unsaved
    assert w.live.session.showing_exercise  # the map still shows the open AND network's points
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert asked == []  # nothing to save: Start just loads XOR's starter
    assert w.document.network.extras["exercise"] == "xor"
    assert target.read_bytes() == saved
    document = json.loads(saved)
    assert document["exercise"] == "and" and "training" not in document  # its id brings its points back


def test_reading_a_drill_after_a_save_leaves_the_saved_work_clean(qtbot, xor_window, tmp_path, monkeypatch):
    """The same fault by another route: a chain-rule drill chosen in the list dropped the exercise's
    points, and Ctrl+S wrote XOR's dataset over AND's truth table. ("No exercise" leaves the exercise
    and goes back to a dataset on purpose: tests/ui/test_exercise_context.py.)"""
    w = xor_window
    panel = w.exercise.panel
    w.exercise.show()
    click_exercise(qtbot, panel, "and")
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    target = tmp_path / "and.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    saved = target.read_bytes()
    for choice in ("chain-1-1-1", "circle-one-neuron", "chain-relu-off"):
        click_exercise(qtbot, panel, choice)
        assert not w.document.modified and not w.experiment.unsaved, choice
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert target.read_bytes() == saved
