"""File ▸ New inside a lesson step gives the step a fresh network and keeps the step's check; File ▸ Open
there leaves the step's edits kept by the lesson.

Before, File ▸ New in an exercise step (design AND) asked to save the step's edits, replaced the
network with the template as if it were a file opened in the lesson, and the step's check was gone
until "Reset this step"; and whatever was built on it next was dropped without a question when the
student went on to another step."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from designer.lessons import load_lesson
from tests.conftest import EXAMPLES
from tests.ui import gui
from tests.ui.menus import choose_from_menu_bar
from tests.ui.test_canvas_build import on_line
from tests.ui.test_lesson_player import click

AND_STEP = 11  # step 12 of the shipped lesson: design AND


def test_file_new_in_an_exercise_step_is_the_steps_fresh_network_with_its_check(qtbot, xor_window, dialogs):
    w = xor_window
    player = w.lessons
    player.open(load_lesson("neural-networks"), AND_STEP)
    w.view.zoom_to_fit()
    gui.wheel(w.view, on_line(w, ("x1", "y")), steps=5)  # the student's own start
    choose_from_menu_bar(qtbot, w, "File", "New", "2-2-1 network")
    net = w.document.network
    assert len(net.neurons) == 3 and dialogs.shown == []  # the template, nothing asked: Undo keeps the edit
    panel = w.exercise.panel
    assert panel.solving and panel.exercise.id == "and"  # the step's live check goes on, on the new network
    assert panel.result is not None and panel.status.text()
    assert w.windowTitle().startswith("Neural networks · step 12")  # still the step's network
    gui.wheel(w.view, on_line(w, ("h1", "y")), steps=2)  # built on further
    click(qtbot, player.panel.next)  # going on keeps it, as any edit of the step
    click(qtbot, player.panel.back)
    assert len(net.neurons) == 3 and net.connections[("h1", "y")].weight != 0
    assert panel.solving and panel.exercise.id == "and"
    w.actions["undo"].trigger()
    w.actions["undo"].trigger()  # the template's own undo step: the student's network is back
    assert len(net.neurons) == 1 and net.connections[("x1", "y")].weight == pytest.approx(0.5)
    dialogs.answer = QMessageBox.StandardButton.Reset
    click(qtbot, player.panel.reset_button)
    assert net.connections[("x1", "y")].weight == 0 and panel.exercise.id == "and"


def test_file_new_over_a_file_opened_in_the_lesson_asks_before_a_step_drops_its_work(
    qtbot, xor_window, dialogs, monkeypatch
):
    """A file opened during the lesson is replaced as outside one; what is built on the new network is then
    no step's, and going to another step asks first (it was dropped without a word)."""
    w = xor_window
    player = w.lessons
    player.open(load_lesson("neural-networks"), AND_STEP)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(EXAMPLES / "xor-step.json"), ""))
    w.actions["open"].trigger()
    choose_from_menu_bar(qtbot, w, "File", "New", "Single neuron (2 → 1)")
    assert w.document.path is None and len(w.document.network.neurons) == 1
    w.view.zoom_to_fit()
    gui.wheel(w.view, on_line(w, ("x1", "y")), steps=5)
    dialogs.answer = QMessageBox.StandardButton.Cancel
    click(qtbot, player.panel.next)
    assert dialogs.shown[-1][1] == "Unsaved changes" and player.index == AND_STEP  # asked; Cancel stays
    assert w.document.network.connections[("x1", "y")].weight != 0
    w.document.undo_stack.setClean()


def test_a_file_opened_in_a_step_leaves_the_steps_edits_kept_by_the_lesson(qtbot, xor_window, dialogs, monkeypatch):
    """File ▸ Open over a step's edits asked "Save the changes first?": Discard (the question's way on)
    lost the step's work, though going to another step keeps it without a question."""
    w = xor_window
    player = w.lessons
    player.open(load_lesson("neural-networks"), AND_STEP)
    w.view.zoom_to_fit()
    gui.wheel(w.view, on_line(w, ("x1", "y")), steps=5)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(EXAMPLES / "xor-step.json"), ""))
    w.actions["open"].trigger()
    assert dialogs.shown == [] and w.document.path == EXAMPLES / "xor-step.json"
    click(qtbot, player.panel.next)
    click(qtbot, player.panel.back)  # step 12 with the student's edit and its check
    assert w.document.network.connections[("x1", "y")].weight == pytest.approx(0.5)
    assert w.exercise.panel.exercise.id == "and" and w.document.modified
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not player.confirm_quit()  # the lesson asks about it, as about any step's edits
    assert dialogs.shown[-1][1] == "Lesson edits" and "step 12 " in dialogs.shown[-1][2]
    player.edits.clear()
    w.document.undo_stack.setClean()


def test_start_in_an_exercise_step_is_the_steps_fresh_starter_like_file_new(qtbot, xor_window, dialogs):
    """Start in the Exercise dock of step 12 asked to save or lose the step's edits, and the starter was then
    no step's network: what was built on it was asked about (or dropped, before) on going on."""
    from PySide6.QtCore import Qt

    w = xor_window
    player = w.lessons
    player.open(load_lesson("neural-networks"), AND_STEP)
    w.view.zoom_to_fit()
    gui.wheel(w.view, on_line(w, ("x1", "y")), steps=5)
    panel = w.exercise.panel
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    net = w.document.network
    assert dialogs.shown == [] and net.connections[("x1", "y")].weight == 0  # the starter, nothing asked
    assert panel.solving and panel.exercise.id == "and" and not player._foreign
    gui.wheel(w.view, on_line(w, ("x2", "y")), steps=2)
    click(qtbot, player.panel.next)
    click(qtbot, player.panel.back)  # kept as the step's edits, no question
    assert dialogs.shown == [] and net.connections[("x2", "y")].weight == pytest.approx(0.2)
    w.actions["undo"].trigger()
    w.actions["undo"].trigger()  # the starter's undo step: the edit before it is back
    assert net.connections[("x1", "y")].weight == pytest.approx(0.5)
    player.edits.clear()
    w.document.undo_stack.setClean()


def test_load_its_network_in_a_drill_step_is_the_steps_fresh_network(qtbot, xor_window, dialogs):
    """Load its network in step 16's drill asked to save or lose the step's edits, like Start."""
    from PySide6.QtCore import Qt

    w = xor_window
    player = w.lessons
    player.open(load_lesson("neural-networks"), 15)  # step 16: the drill chain-1-1-1
    net = w.document.network
    key = next(iter(net.connections))
    before = net.connections[key].weight
    w.view.zoom_to_fit()
    gui.wheel(w.view, on_line(w, key), steps=3)
    chain = w.exercise.panel.chain
    qtbot.mouseClick(chain.load_button, Qt.MouseButton.LeftButton)
    assert dialogs.shown == [] and net.connections[key].weight == pytest.approx(before)
    assert w.exercise.panel.chain_mode and not player._foreign
    w.actions["undo"].trigger()  # the edit before it is back
    assert net.connections[key].weight == pytest.approx(before + 0.3)
    player.edits.clear()
    w.document.undo_stack.setClean()
