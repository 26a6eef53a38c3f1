import pytest

from designer.model import load
from tests.conftest import EXAMPLES


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


@pytest.fixture
def app_windows(qtbot, monkeypatch):
    """``designer.ui.app.run`` without its event loop or recovery question: the windows it made."""
    from PySide6.QtWidgets import QApplication

    from designer.ui import app as app_module

    shown = []
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    monkeypatch.setattr(app_module, "offer_recovery", lambda window: None)
    real = app_module.MainWindow

    def capture(*args, **kwargs):
        window = real(*args, **kwargs)
        shown.append(window)
        qtbot.addWidget(window)
        return window

    monkeypatch.setattr(app_module, "MainWindow", capture)
    return shown
