"""Restored lesson work opens where the student was, and where ``--step`` asks.

A student edited step 12, went on to step 13 and left it as the lesson set it; the app crashed. The
slot then holds only step 12's network (a clean step has no part), and the restored lesson opened at
step 12, not at step 13 where they were. With ``--lesson … --step N`` the restored lesson stayed at its
restored step: step N, asked for, was not shown.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from designer.lessons import load_lesson
from designer.ui.app import start_lesson
from designer.ui.recovery_offer import offer_recovery
from tests.conftest import EXAMPLES
from tests.ui import gui
from tests.ui.test_canvas_build import on_line
from tests.ui.test_lesson_player import click, click_item
from tests.ui.test_recovery_lesson import AND_STEP, XOR_STEP
from tests.ui.test_recovery_origin import _crash, _window_on


def _edit_step_12_then_leave_13_clean(qtbot, w, further: int | None = None):
    """Step 12 edited (a weight turned with the wheel), then Next (and on to step ``further`` in the
    step list): the step on show is as the lesson set it."""
    w.lessons.open(load_lesson("neural-networks"), AND_STEP)
    w.view.zoom_to_fit()
    gui.wheel(w.view, on_line(w, ("x1", "y")), steps=5)
    click(qtbot, w.lessons.panel.next)
    if further is not None:
        steps = w.lessons.panel.steps
        steps.scrollToItem(steps.item(further))
        click_item(qtbot, steps, steps.item(further))
    qtbot.waitUntil(lambda: not w.lessons.runner.busy, timeout=10_000)
    assert not w.document.modified


def _restore(qtbot, dialogs):
    fresh = _window_on(qtbot, EXAMPLES / "xor-step.json")
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert offer_recovery(fresh) == 1
    return fresh


def _row_in_view(steps, row: int) -> bool:
    """Whether the step list's row is wholly in its viewport."""
    return steps.viewport().rect().contains(steps.visualItemRect(steps.item(row)))


def test_restored_work_opens_at_the_step_on_show_though_it_had_no_edits(qtbot, xor_window, dialogs):
    w = xor_window
    _edit_step_12_then_leave_13_clean(qtbot, w)
    _crash(w)
    assert not w.files.recovery.path.exists()  # step 13 is clean: only step 12's network is kept

    fresh = _restore(qtbot, dialogs)
    player = fresh.lessons
    assert player.index == XOR_STEP  # where the student was (it opened at step 12, the one edited)
    assert player.panel.position.text() == "Step 13 of 21" and player.panel.steps.currentRow() == XOR_STEP
    assert fresh.exercise.panel.exercise.id == "xor" and not fresh.document.modified
    click(qtbot, player.panel.back)  # step 12's work is in its step, unsaved
    assert fresh.document.network.connections[("x1", "y")].weight == pytest.approx(0.5) and fresh.document.modified
    for window in (w, fresh):
        window.lessons.edits.clear()


def test_restored_work_far_from_its_edited_step_opens_there_with_the_list_on_it(qtbot, xor_window, dialogs):
    w = xor_window
    _edit_step_12_then_leave_13_clean(qtbot, w, further=19)  # step 20, the last steps of the list
    _crash(w)

    fresh = _restore(qtbot, dialogs)
    player = fresh.lessons
    assert player.index == 19 and player.panel.position.text() == "Step 20 of 21"
    qtbot.waitUntil(lambda: _row_in_view(player.panel.steps, 19))  # the step list shows where the student is
    for window in (w, fresh):
        window.lessons.edits.clear()


def test_a_step_asked_for_on_the_command_line_goes_before_the_restored_step(qtbot, xor_window, dialogs):
    """``--lesson neural-networks --step 5`` over restored work: step 5, the work still in its steps."""
    w = xor_window
    _edit_step_12_then_leave_13_clean(qtbot, w)
    _crash(w)
    fresh = _restore(qtbot, dialogs)
    lesson = load_lesson("neural-networks")
    start_lesson(fresh, lesson, 4, step_asked=False)  # --lesson alone: where the student was
    assert fresh.lessons.index == XOR_STEP
    start_lesson(fresh, lesson, 4, step_asked=True)  # --step 5
    player = fresh.lessons
    assert player.index == 4 and player.panel.position.text() == "Step 5 of 21"
    assert _row_in_view(player.panel.steps, 4) and not fresh.document.modified
    steps = player.panel.steps
    click_item(qtbot, steps, steps.item(AND_STEP))
    assert fresh.document.network.connections[("x1", "y")].weight == pytest.approx(0.5) and fresh.document.modified
    for window in (w, fresh):
        window.lessons.edits.clear()
