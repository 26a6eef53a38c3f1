"""Unsaved work survives a hard kill: the autosave file written by the running app is offered back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

APP = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from designer.model import SetNodeField
    from designer.ui.app import create_app, create_window
    from designer.ui.files import recovery_path

    app = create_app()
    window = create_window()
    window.show()
    window.document.push(SetNodeField("h1", "bias", 0.25))  # unsaved work
    def report():
        if recovery_path().exists():
            print("autosaved", flush=True)
    poll = QTimer()
    poll.timeout.connect(report)
    poll.start(20)
    app.exec()
    """
)


def test_autosave_restores_work_after_sigkill(qtbot, tmp_path, monkeypatch):
    recovery = tmp_path / "recovery.json"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "NN_DESIGNER_RECOVERY": str(recovery),
        "NN_DESIGNER_AUTOSAVE_MS": "100",
        "PYTHONPATH": str(ROOT),
    }
    child = subprocess.Popen(
        [sys.executable, "-c", APP], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=tmp_path, text=True
    )
    try:
        line = child.stdout.readline()  # blocks until the app has autosaved
        assert line.strip() == "autosaved"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    from PySide6.QtWidgets import QMessageBox

    from designer.ui.app import create_window, offer_recovery

    monkeypatch.setenv("NN_DESIGNER_RECOVERY", str(recovery))
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[1]) or QMessageBox.StandardButton.Yes)
    window = create_window()
    qtbot.addWidget(window)
    assert window.document.network.neurons["h1"].bias == -0.5  # the example as shipped
    offer_recovery(window)
    assert asked == ["Restore unsaved work?"]
    assert window.document.network.neurons["h1"].bias == 0.25  # the killed session's work is back
    assert window.document.modified  # restored work is not yet saved anywhere
    window.document.undo_stack.setClean()
