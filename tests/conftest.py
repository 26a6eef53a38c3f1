import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "designer" / "resources"
EXAMPLES = RESOURCES / "examples"


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    """Every test gets its own Qt settings and recovery file, never the user's (GUI tests live in several folders)."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("NN_DESIGNER_RECOVERY", str(tmp_path / "recovery.json"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
