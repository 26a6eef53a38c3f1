import pytest

from designer.model import load
from tests.conftest import EXAMPLES


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    """Each GUI test gets its own settings and recovery file, never the user's."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("NN_DESIGNER_RECOVERY", str(tmp_path / "recovery.json"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def _window(qtbot, network=None):
    from designer.ui.mainwindow import MainWindow

    window = MainWindow(network)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    window.view.resetTransform()
    window.view.centerOn(300, 100)
    return window


@pytest.fixture
def xor_window(qtbot):
    return _window(qtbot, load(EXAMPLES / "xor-step.json"))


@pytest.fixture
def empty_window(qtbot):
    from designer.model.templates import empty

    return _window(qtbot, empty())


@pytest.fixture(autouse=True)
def dialogs(monkeypatch):
    """Modal dialogs would block a headless run: record them and answer like a user would.

    ``dialogs.answer`` is what question boxes return (default: Discard); ``dialogs.shown`` lists
    (kind, title, text) of every box that would have appeared.
    """
    from PySide6.QtWidgets import QMessageBox

    class Dialogs:
        answer = QMessageBox.StandardButton.Discard
        shown: list[tuple[str, str, str]] = []

    record = Dialogs()
    record.shown = []

    def question(parent, title, text, *args, **kwargs):
        record.shown.append(("question", title, text))
        return record.answer

    def warning(parent, title, text, *args, **kwargs):
        record.shown.append(("warning", title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", warning)
    monkeypatch.setattr(QMessageBox, "critical", warning)
    monkeypatch.setattr(QMessageBox, "information", warning)
    return record
