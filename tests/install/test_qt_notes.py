"""Qt's notes on stderr: the offscreen platform's size-hint note is left out, every other message goes
on, to the handler installed before (pytest-qt's) or to stderr, and never raises where stderr is closed."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT

SCRIPT = """
import sys
from PySide6 import QtCore
caught = []
if "chain" in sys.argv:
    QtCore.qInstallMessageHandler(lambda kind, context, message: caught.append(message))
from designer.ui.app import create_app, quiet_platform_notes
app = create_app()
quiet_platform_notes()  # a second call installs nothing more
QtCore.qWarning("This plugin does not support propagateSizeHints()")
QtCore.qWarning("a note that matters")
if "chain" in sys.argv:
    print(caught)
print("went on")
"""


def _run(tmp_path, *args: str, stderr_closed: bool = False) -> subprocess.CompletedProcess:
    script = tmp_path / "notes.py"
    script.write_text(SCRIPT, encoding="utf-8")
    command = f"exec '{sys.executable}' '{script}' {' '.join(args)}" + (" 2>&-" if stderr_closed else "")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("QT_MESSAGE_PATTERN", None)
    return subprocess.run(["sh", "-c", command], capture_output=True, text=True, env=env, timeout=60)


def test_the_size_hint_note_is_left_out_and_other_messages_reach_stderr(tmp_path):
    result = _run(tmp_path)
    assert result.returncode == 0 and result.stdout == "went on\n"
    assert result.stderr == "a note that matters\n"


def test_messages_go_on_to_the_handler_installed_before(tmp_path):
    result = _run(tmp_path, "chain")
    assert result.returncode == 0 and result.stdout == "['a note that matters']\nwent on\n"


def test_with_stderr_closed_a_message_raises_nothing(tmp_path):
    result = _run(tmp_path, stderr_closed=True)
    assert result.returncode == 0 and result.stdout == "went on\n"
