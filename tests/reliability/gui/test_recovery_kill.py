"""Unsaved work survives a hard kill, and two running apps never touch each other's recovery data.

Two real app processes (A and B) edit and autosave into one recovery folder. B starts while A runs
and must not be offered A's work; B's autosave timer keeps running after A is killed with SIGKILL
and must not delete A's data; a third process (this test) is then offered A's work (and only
A's: B still runs) and restores it. Once B is killed too, its work is offered in turn.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import EXAMPLES, ROOT
from tests.reliability.gui.app_process import next_line

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

APP = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox
    from designer.model import SetNodeField
    from designer.ui.app import create_app, create_window, offer_recovery

    QMessageBox.exec = lambda box: print("asked", box.windowTitle(), flush=True) or QMessageBox.StandardButton.Cancel
    app = create_app()
    window = create_window()
    window.show()
    print("offered", offer_recovery(window), flush=True)
    window.document.push(SetNodeField("h1", "bias", float(sys.argv[1])))  # unsaved work
    def report():
        if window.files.recovery.path.exists():
            print("autosaved", window.files.recovery.path, flush=True)
    poll = QTimer()
    poll.timeout.connect(report)
    poll.start(50)
    app.exec()
    """
)


def _start(bias: float, env: dict[str, str], cwd) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", APP, str(bias)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=cwd,
        text=True,
    )


def _line(child: subprocess.Popen, timeout: float = 60.0) -> str:
    return next_line(child, timeout)


def _kill(child: subprocess.Popen) -> None:
    if child.poll() is None:
        child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)


def test_two_processes_and_a_sigkill(qtbot, tmp_path, monkeypatch, dialogs):
    from PySide6.QtWidgets import QMessageBox

    from designer.model import load
    from designer.ui.app import create_window, offer_recovery

    folder = tmp_path / "recovery"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "NN_DESIGNER_RECOVERY": str(folder),
        "NN_DESIGNER_AUTOSAVE_MS": "100",
        "PYTHONPATH": str(ROOT),
    }
    a = _start(0.25, env, tmp_path)
    b = None
    try:
        assert _line(a) == "offered 0"
        a_file = _line(a).removeprefix("autosaved ")
        b = _start(0.75, env, tmp_path)
        assert _line(b) == "offered 0"  # A is alive: its work is not B's to claim
        b_file = _line(b).removeprefix("autosaved ")
        assert a_file != b_file
        a.send_signal(signal.SIGKILL)
        a.wait(timeout=30)
        for _ in range(5):  # B autosaves on (5 more ticks) and must leave A's data alone
            assert _line(b).removeprefix("autosaved ") == b_file
        assert json.loads(open(a_file, encoding="utf-8").read())["neurons"][0]["bias"] == 0.25

        monkeypatch.setenv("NN_DESIGNER_RECOVERY", str(folder))
        dialogs.answer = QMessageBox.StandardButton.Yes
        window = create_window()
        qtbot.addWidget(window)
        assert window.document.network.neurons["h1"].bias == -0.5  # the example as shipped
        assert offer_recovery(window) == 1  # A's work only: B still runs
        assert [d[1] for d in dialogs.shown] == ["Restore unsaved work?"]
        assert window.document.network.neurons["h1"].bias == 0.25  # the killed session's work is back
        assert window.document.modified
        assert not os.path.exists(a_file)  # now in this window's own slot
        assert json.loads(window.files.recovery.path.read_text(encoding="utf-8"))["neurons"][0]["bias"] == 0.25
        assert os.path.exists(b_file)

        _kill(b)
        dialogs.answer = QMessageBox.StandardButton.Cancel  # "keep for later"
        assert offer_recovery(window) == 0 and dialogs.shown[-1][1] == "Restore unsaved work?"
        assert os.path.exists(b_file)
        second = create_window(str(EXAMPLES / "xor-step.json"))
        qtbot.addWidget(second)
        dialogs.answer = QMessageBox.StandardButton.Yes
        assert offer_recovery(second) == 1
        assert second.document.network.neurons["h1"].bias == 0.75
        assert load(EXAMPLES / "xor-step.json").neurons["h1"].bias == -0.5
        window.document.undo_stack.setClean()
        second.document.undo_stack.setClean()
    finally:
        _kill(a)
        if b is not None:
            _kill(b)
