"""A student's lesson work survives the app being killed (real processes, as a student starts them).

A process runs ``nn-designer --lesson neural-networks --step 12``, edits step 12 (design AND), goes on
to step 13 (design XOR) and edits it, goes back and on again, and waits until its autosave holds both
steps. It is then sent SIGTERM: the window asks about the lesson's edits and nobody answers; then
either SIGKILL (a session ending) or a second SIGTERM (which does not wait for the answer); or SIGKILL
alone. A new
process started with or without ``--lesson neural-networks`` is offered the work back, into the lesson,
each network in its step. Before, only the network on show was kept, offered as a bare network: step
12's edits were lost, and ``--lesson`` asked to save or discard even that one.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import ROOT
from tests.reliability.gui.app_process import next_line

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

#: the student's session: edits in two steps, then "autosaved" once the autosave has run a few times
#: since it first wrote, "asked TITLE" once the quit question is open
STUDENT = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    from designer.cli import main
    from designer.model import SetNodeField
    from designer.ui.mainwindow import MainWindow

    def window():
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None)

    def step():
        w = window()
        if w is None or not w.lessons.is_open:
            return
        poll.timeout.disconnect(step)
        w.document.push(SetNodeField("y", "bias", 0.25))  # step 12
        w.lessons.next()
        w.document.push(SetNodeField("y", "bias", 0.75))  # step 13
        w.lessons.back()
        w.lessons.next()
        poll.timeout.connect(report)

    said = set()
    polls = {"since": 0}
    def report():
        w = window()
        polls["since"] += w.files.recovery.path.exists()
        if "autosaved" not in said and polls["since"] == 10:  # several autosave periods after the first
            said.add("autosaved")
            print("autosaved", flush=True)
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and "asked" not in said:
            said.add("asked")
            print("asked", box.windowTitle(), flush=True)

    poll = QTimer()
    poll.timeout.connect(step)
    import designer.ui.app as app_module
    offer = app_module.offer_recovery
    app_module.offer_recovery = lambda w: (poll.start(50), offer(w))[1]
    sys.exit(main(["--lesson", "neural-networks", "--step", "12"]))
    """
)

#: the next start: every question answered Yes; once the lesson is open, what it holds, as one JSON line
NEXT_START = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    from designer.cli import main
    from designer.ui.mainwindow import MainWindow

    def answer(box):
        print("question", json.dumps([box.windowTitle(), box.text()]), flush=True)
        return QMessageBox.StandardButton.Yes
    QMessageBox.exec = answer

    def report():
        w = next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None)
        if w is None or not w.lessons.is_open or w.lessons.runner.busy:
            return
        poll.stop()
        player = w.lessons
        shown = player.index
        state = {"step": shown + 1, "exercise": w.exercise.panel.exercise.id, "modified": w.document.modified}
        state["bias"] = {shown + 1: w.document.network.neurons["y"].bias}
        player.back()
        state["bias"][player.index + 1] = w.document.network.neurons["y"].bias
        state["back_modified"] = w.document.modified
        player.next()
        print("state", json.dumps(state), flush=True)
        w.lessons.edits.clear()  # (the state is read: quit without the lesson's question)
        w.document.undo_stack.setClean()
        w.files.clear_recovery(answers_too=True)
        QApplication.exit(0)

    poll = QTimer()
    poll.timeout.connect(report)
    import designer.ui.app as app_module
    offer = app_module.offer_recovery
    app_module.offer_recovery = lambda w: (poll.start(50), offer(w))[1]
    sys.exit(main(sys.argv[1:]))
    """
)


def lesson_env(tmp_path) -> dict[str, str]:
    """The app's environment for these runs: offscreen, its own recovery and settings folders (the
    step on show is kept in the settings), an autosave every 100 ms, this checkout first."""
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "NN_DESIGNER_RECOVERY": str(tmp_path / "recovery"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "NN_DESIGNER_AUTOSAVE_MS": "100",
        "PYTHONPATH": str(ROOT),
    }


def _start(script: str, args: list[str], env: dict[str, str], cwd) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=cwd,
        text=True,
    )


def _line(child: subprocess.Popen, timeout: float = 90.0) -> str:
    return next_line(child, timeout)


def _end(child: subprocess.Popen) -> None:
    if child.poll() is None:
        child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)


@pytest.mark.parametrize(
    ("signals", "again_with"),
    [
        ((signal.SIGTERM, signal.SIGKILL), ["--lesson", "neural-networks"]),
        ((signal.SIGTERM, signal.SIGTERM), []),
        ((signal.SIGKILL,), []),
    ],
    ids=["sigterm-then-sigkill-then-lesson", "two-sigterms-then-plain-start", "sigkill-then-plain-start"],
)
def test_a_killed_lessons_step_edits_come_back_in_their_steps(tmp_path, signals, again_with):
    env = lesson_env(tmp_path)
    student = _start(STUDENT, [], env, tmp_path)
    again = None
    try:
        assert _line(student) == "autosaved"
        if len(signals) == 2:
            student.send_signal(signal.SIGTERM)  # closes the window like Quit: the lesson's edits are asked about
            assert _line(student) == "asked Lesson edits"
        student.send_signal(signals[-1])
        student.communicate(timeout=30)
        assert student.returncode == (0 if signals[-1] == signal.SIGTERM else -signal.SIGKILL)

        again = _start(NEXT_START, again_with, env, tmp_path)
        question = json.loads(_line(again).removeprefix("question "))
        assert question[0] == "Restore unsaved work?" and "steps 12 and 13" in question[1]
        state = json.loads(_line(again).removeprefix("state "))
        assert state == {
            "step": 13,  # where the student was, with the step's check
            "exercise": "xor",
            "modified": True,
            "bias": {"13": 0.75, "12": 0.25},  # each step's own edits
            "back_modified": True,
        }
        again.communicate(timeout=60)
        assert again.returncode == 0
    finally:
        _end(student)
        if again is not None:
            _end(again)
