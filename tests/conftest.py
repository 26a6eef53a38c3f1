import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "designer" / "resources"
EXAMPLES = RESOURCES / "examples"


def run_python_with_default_threads(script: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``python -c script`` from the project root with no BLAS thread variable set (numpy's default: a
    thread per core, as a user's shell has it; this suite sets one thread for itself), plus ``env``."""
    clean = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, env={**clean, **env}, timeout=120
    )


@pytest.fixture(autouse=True)
def _isolated_files(tmp_path, monkeypatch):
    """Every test gets its own recovery folder and config folder, never the user's.

    Qt-free on purpose: the model, engine, exercises, export and CLI tests run without PySide6
    (CI checks it); the GUI folders add Qt's settings on top (tests/qt_isolation.py).
    """
    monkeypatch.setenv("NN_DESIGNER_RECOVERY", str(tmp_path / "recovery"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def dialogs(monkeypatch):
    """Modal dialogs would block a headless run: record them and answer like a user would.

    ``dialogs.answer`` is what question boxes return (default: Discard); ``dialogs.shown`` lists
    (kind, title, text) of every box that would have appeared.
    """
    from PySide6.QtWidgets import QMessageBox

    class Dialogs:
        answer = QMessageBox.StandardButton.Discard
        shown: list[tuple[str, str, str]] = []
        formats: list = []  # the text format of every box made by designer.ui.safetext

    record = Dialogs()
    record.shown = []
    record.formats = []

    def question(parent, title, text, *args, **kwargs):
        record.shown.append(("question", title, text))
        return record.answer

    def warning(parent, title, text, *args, **kwargs):
        record.shown.append(("warning", title, text))
        return QMessageBox.StandardButton.Ok

    def run(box):  # a box built by designer.ui.safetext: what it shows is recorded, with its text format
        kind = {QMessageBox.Icon.Question: "question", QMessageBox.Icon.Critical: "critical"}.get(box.icon(), "warning")
        record.shown.append((kind, box.windowTitle(), box.text()))
        record.formats.append(box.textFormat())
        return record.answer if kind == "question" else QMessageBox.StandardButton.Ok

    def notice(box):  # a non-modal notice (autosave failed): recorded, not shown
        record.shown.append(("notice", box.windowTitle(), box.text()))
        record.formats.append(box.textFormat())

    monkeypatch.setattr(QMessageBox, "exec", run)
    monkeypatch.setattr(QMessageBox, "open", notice)
    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", warning)
    monkeypatch.setattr(QMessageBox, "critical", warning)
    monkeypatch.setattr(QMessageBox, "information", warning)
    return record
