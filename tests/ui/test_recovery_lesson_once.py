"""``--lesson neural-networks --step 3`` over a lesson's autosaved work runs step 3's actions once.

The lesson opened at step 3 while the restore question was still open (the plots were built meanwhile),
and Yes opened it again, then went back to step 3 as asked: its training run of 100 epochs started twice.
The lesson still opens as the plots are built, but its step's actions wait for the answer. Runs are
counted at the action runner, never timed.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from designer.lessons import load_lesson
from designer.model.commands import SetNodeField
from designer.ui import recovery_lesson, recovery_offer
from designer.ui.lesson.actions import ActionRunner
from tests.ui.test_recovery_lesson import AND_STEP
from tests.ui.test_recovery_lesson_place import _edit_step_12_then_leave_13_clean
from tests.ui.test_recovery_origin import _crash

STEP_3 = 2  # "a step stays put": a landscape, then training for 100 epochs


def _answer_yes_once_the_plots_are_built(qtbot, monkeypatch, app_windows, asks=recovery_lesson) -> None:
    """The restore question answered Yes as a person does: a moment later, the event loop running meanwhile
    (the window's plots get built while the question is open)."""

    def ask(window, *args):
        qtbot.waitUntil(lambda: app_windows[-1].live._region is not None, timeout=10_000)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(asks, "_ask", ask)


def _count_training_runs(monkeypatch) -> list[int]:
    """Each training action the lesson starts, by step (counted; the run itself is not started)."""
    runs: list[int] = []

    def train(self, action) -> bool:
        runs.append(self.window.lessons.index)
        return False  # as a run that could not start: the step's next action follows

    monkeypatch.setattr(ActionRunner, "_train", train)
    return runs


def test_a_step_asked_for_over_restored_lesson_work_runs_its_actions_once(qtbot, xor_window, app_windows, monkeypatch):
    from designer.ui import app as app_module

    crashed = xor_window
    _edit_step_12_then_leave_13_clean(qtbot, crashed)
    _crash(crashed)
    monkeypatch.setattr(app_module, "offer_recovery", recovery_offer.offer_recovery)
    monkeypatch.setattr(app_module, "fit_to_screen", lambda window: window.resize(1000, 720))
    _answer_yes_once_the_plots_are_built(qtbot, monkeypatch, app_windows)
    runs = _count_training_runs(monkeypatch)

    lesson = load_lesson("neural-networks")
    assert app_module.run(lesson=lesson, lesson_step=STEP_3, step_asked=True) == 0
    window = app_windows[-1]
    qtbot.waitUntil(lambda: window.live._region is not None)
    player = window.lessons
    assert player.index == STEP_3 and player.panel.position.text() == "Step 3 of 21"
    assert runs == [STEP_3]  # once: not also while the question was open
    assert not window.document.modified
    player.go(AND_STEP)  # step 12's restored work is in its step, unsaved
    assert window.document.modified and runs == [STEP_3]
    for each in (crashed, window):
        each.lessons.edits.clear()


def test_a_network_restored_over_the_lesson_step_keeps_its_work_and_no_action_runs_on_it(
    qtbot, xor_window, app_windows, monkeypatch, dialogs
):
    """Plain autosaved work (no lesson's) restored while ``--lesson`` opened: the restored network stays
    on show, unsaved, nothing asked; the step's actions (for the lesson's network) do not run over it."""
    from designer.ui import app as app_module

    xor_window.document.push(SetNodeField("y", "bias", 0.75))
    _crash(xor_window)
    monkeypatch.setattr(app_module, "offer_recovery", recovery_offer.offer_recovery)
    monkeypatch.setattr(app_module, "fit_to_screen", lambda window: window.resize(1000, 720))
    _answer_yes_once_the_plots_are_built(qtbot, monkeypatch, app_windows, asks=recovery_offer)
    runs = _count_training_runs(monkeypatch)

    assert app_module.run(lesson=load_lesson("neural-networks"), lesson_step=STEP_3, step_asked=True) == 0
    window = app_windows[-1]
    assert window.lessons.is_open and window.lessons.index == STEP_3 and runs == []
    assert window.document.modified and window.document.network.neurons["y"].bias == 0.75
    assert dialogs.shown == []  # no "Save the changes first?" over the work just restored
