"""Qt's settings per test, for the GUI test folders (tests/ui, tests/reliability/gui) and GUI tests
elsewhere (those using qtbot, see tests/reliability/conftest.py). Kept out of tests/conftest.py so
the headless tests never import Qt."""

import pytest


def isolate_qt_settings(folder) -> None:
    """Point Qt's user settings at ``folder`` (never the user's)."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


@pytest.fixture(autouse=True)
def isolated_qt_settings(tmp_path):
    """Every GUI test gets its own Qt settings, never the user's."""
    isolate_qt_settings(tmp_path / "settings")
