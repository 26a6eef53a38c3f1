"""``nn-designer --lesson …`` over restored work goes straight to the state the start ends in.

The lesson opened as the window's plots got built, behind the restore question, and a Yes then showed
another state: restored work of the lesson opened it again at the step the student was on (step 1, then
step 13), and with ``--step 3`` the start then went back to step 3 (steps 3, 13, 3); a restored network
replaced the step's network loaded a moment before. The states are counted (each step shown, each network
loaded into the window), never timed.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from designer.lessons import load_lesson
from designer.model.commands import SetNodeField
from designer.ui import recovery_lesson, recovery_offer
from tests.ui.menus import choose_from_menu_bar
from tests.ui.test_lesson_player import click_item, small_lesson
from tests.ui.test_recovery_lesson import AND_STEP, XOR_STEP
from tests.ui.test_recovery_lesson_once import STEP_3, _answer_yes_once_the_plots_are_built, _count_training_runs
from tests.ui.test_recovery_lesson_place import _edit_step_12_then_leave_13_clean
from tests.ui.test_recovery_origin import _crash


class States:
    """What a window started by ``run`` goes through: the steps shown, the networks loaded."""

    def __init__(self) -> None:
        self.steps: list[int] = []
        self.loads = 0

    def watch(self, window) -> None:
        window.lessons.step_changed.connect(self.steps.append)
        window.document.replaced.connect(self._loaded)

    def _loaded(self) -> None:
        self.loads += 1


def _watch_the_started_window(monkeypatch) -> States:
    from designer.ui import app as app_module

    states = States()
    made = app_module.MainWindow  # (the app_windows fixture's, which keeps each window)

    def watched(*args, **kwargs):
        window = made(*args, **kwargs)
        states.watch(window)
        return window

    monkeypatch.setattr(app_module, "MainWindow", watched)
    return states


def _start(monkeypatch, qtbot, app_windows, step: int, step_asked: bool, asks=recovery_lesson) -> States:
    from designer.ui import app as app_module

    monkeypatch.setattr(app_module, "offer_recovery", recovery_offer.offer_recovery)
    monkeypatch.setattr(app_module, "fit_to_screen", lambda window: window.resize(1000, 720))
    _answer_yes_once_the_plots_are_built(qtbot, monkeypatch, app_windows, asks)
    states = _watch_the_started_window(monkeypatch)
    lesson = load_lesson("neural-networks")
    assert app_module.run(lesson=lesson, lesson_step=step, step_asked=step_asked) == 0
    qtbot.waitUntil(lambda: app_windows[-1].lessons.is_open)
    return states


@pytest.mark.parametrize(("step", "asked", "shown"), [(0, False, XOR_STEP), (STEP_3, True, STEP_3)])
def test_restored_lesson_work_opens_the_lesson_once_at_its_final_step(
    qtbot, xor_window, app_windows, monkeypatch, step, asked, shown
):
    crashed = xor_window
    _edit_step_12_then_leave_13_clean(qtbot, crashed)
    _crash(crashed)
    runs = _count_training_runs(monkeypatch)
    states = _start(monkeypatch, qtbot, app_windows, step, asked)

    window = app_windows[-1]
    assert states.steps == [shown] and states.loads == 1  # one step shown, one network loaded
    player = window.lessons
    assert player.index == shown and player.panel.position.text() == f"Step {shown + 1} of 21"
    assert runs == ([STEP_3] if asked else [])  # step 3's training ran once; step 13 has none
    steps = player.panel.steps
    steps.scrollToItem(steps.item(AND_STEP))
    click_item(qtbot, steps, steps.item(AND_STEP))  # the restored work is in its step, unsaved
    assert player.index == AND_STEP and window.document.modified
    for each in (crashed, window):
        each.lessons.edits.clear()


def test_a_restored_network_stays_on_show_and_no_step_network_is_loaded_before_it(
    qtbot, xor_window, app_windows, monkeypatch
):
    xor_window.document.push(SetNodeField("y", "bias", 0.75))
    _crash(xor_window)
    runs = _count_training_runs(monkeypatch)
    states = _start(monkeypatch, qtbot, app_windows, STEP_3, True, asks=recovery_offer)

    window = app_windows[-1]
    assert states.loads == 1 and states.steps == [STEP_3]  # the restored network only; the lesson around it
    assert window.document.modified and window.document.network.neurons["y"].bias == 0.75
    assert window.lessons.index == STEP_3 and window.lessons.foreign and runs == []


def _next(qtbot, window, times: int) -> None:
    for _ in range(times):
        qtbot.mouseClick(window.lessons.panel.next, Qt.MouseButton.LeftButton)


def _a_later_window(qtbot):
    from designer.ui.mainwindow import MainWindow

    later = MainWindow()
    qtbot.addWidget(later)
    later.show()
    qtbot.waitExposed(later)
    later.live.build_plots()
    return later


def test_a_shipped_lesson_played_from_the_command_line_goes_on_there_from_the_menu(qtbot, app_windows):
    """``--lesson neural-networks --step 3`` never remembered the steps shown: Help ▸ Lessons started at
    step 1 the next day, as if the lesson had not been played."""
    from designer.cli import main

    assert main(["--lesson", "neural-networks", "--step", "3"]) == 0
    window = app_windows[-1]
    qtbot.waitUntil(lambda: window.lessons.is_open)
    assert "where you left off" not in window.statusBar().currentMessage()  # the step asked for
    _next(qtbot, window, 2)
    assert window.lessons.index == 4

    later = _a_later_window(qtbot)
    choose_from_menu_bar(qtbot, later, "Help", "Lessons", "Neural networks (21 steps)")
    assert later.lessons.index == 4 and later.lessons.panel.position.text() == "Step 5 of 21"
    assert "back at step 5, where you left off" in later.statusBar().currentMessage()


def test_a_lesson_file_played_from_the_command_line_goes_on_there_from_open_lesson(
    qtbot, app_windows, tmp_path, monkeypatch
):
    from designer.cli import main

    path = small_lesson(tmp_path)
    assert main(["--lesson", str(path)]) == 0
    window = app_windows[-1]
    qtbot.waitUntil(lambda: window.lessons.is_open)
    _next(qtbot, window, 2)
    qtbot.waitUntil(lambda: not window.lessons.runner.busy, timeout=10_000)  # step 2 trains ten epochs

    later = _a_later_window(qtbot)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    choose_from_menu_bar(qtbot, later, "File", "Open Lesson…")
    assert later.lessons.index == 2 and later.lessons.panel.position.text() == "Step 3 of 3"
