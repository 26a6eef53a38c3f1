"""Qt's settings per test, for the GUI test folders (tests/ui, tests/reliability/gui): their conftests
import this fixture. Kept out of tests/conftest.py so the headless tests never import Qt."""

import pytest


@pytest.fixture(autouse=True)
def isolated_qt_settings(tmp_path):
    """Every GUI test gets its own Qt settings, never the user's."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
