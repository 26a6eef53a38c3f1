import pytest

from designer.model import load
from tests.conftest import EXAMPLES
from tests.qt_isolation import isolated_qt_settings  # noqa: F401 (an autouse fixture for every GUI test here)


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
def _no_modal_dialogs(dialogs):
    """Every GUI test answers dialogs through ``dialogs`` (tests/conftest.py) instead of blocking."""
    return dialogs


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
