"""A killed lesson comes back where the student was, or where ``--step`` asks (real processes).

The student's process (``--lesson neural-networks --step 12``) edits step 12, goes on to step 13 and
leaves it as the lesson set it, and is killed once its autosave holds step 12. The slot then has no
part for step 13 (a clean step has none): the next start opened the lesson at step 12. Started with
``--lesson neural-networks --step 5``, the restored lesson stayed at its restored step.
"""

from __future__ import annotations

import json
import signal

import pytest

from tests.reliability.gui.test_recovery_lesson_kill import NEXT_START, STUDENT, _end, _line, _start, lesson_env

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

#: the student's session of test_recovery_lesson_kill, with step 13 left as the lesson set it (the autosave
#: then holds step 12's part only)
CLEAN_13 = STUDENT.replace('    w.document.push(SetNodeField("y", "bias", 0.75))  # step 13\n', "").replace(
    "w.files.recovery.path.exists()", "w.files.recovery.network_part(1).exists()"
)

#: the next start of test_recovery_lesson_kill, saying the step on show and step 12's bias
SAY_STEP = NEXT_START.replace(
    """    shown = player.index
    state = {"step": shown + 1, "exercise": w.exercise.panel.exercise.id, "modified": w.document.modified}
    state["bias"] = {shown + 1: w.document.network.neurons["y"].bias}
    player.back()
    state["bias"][player.index + 1] = w.document.network.neurons["y"].bias
    state["back_modified"] = w.document.modified
    player.next()
""",
    """    state = {"step": player.index + 1, "modified": w.document.modified}
    player.go(11)
    state["bias_12"] = w.document.network.neurons["y"].bias
""",
)


@pytest.mark.parametrize(
    ("again_with", "step"),
    [([], 13), (["--lesson", "neural-networks"], 13), (["--lesson", "neural-networks", "--step", "5"], 5)],
    ids=["plain-start", "lesson", "lesson-step-5"],
)
def test_a_killed_lesson_comes_back_at_the_step_on_show_or_the_one_asked(tmp_path, again_with, step):
    assert CLEAN_13.count("SetNodeField(") == 1 and "bias_12" in SAY_STEP  # (made from scripts that still read so)
    env = lesson_env(tmp_path)
    student = _start(CLEAN_13, [], env, tmp_path)
    again = None
    try:
        assert _line(student) == "autosaved"
        student.send_signal(signal.SIGKILL)
        student.communicate(timeout=30)

        again = _start(SAY_STEP, again_with, env, tmp_path)
        question = json.loads(_line(again).removeprefix("question "))
        assert question[0] == "Restore unsaved work?" and "step 12 " in question[1]
        state = json.loads(_line(again).removeprefix("state "))
        assert state == {"step": step, "modified": False, "bias_12": 0.25}  # step 12's work in its step
        again.communicate(timeout=60)
        assert again.returncode == 0
    finally:
        _end(student)
        if again is not None:
            _end(again)
