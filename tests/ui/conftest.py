import pytest
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

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


@pytest.fixture(autouse=True)
def every_change_is_undoable(monkeypatch):
    """After every GUI test: undoing all steps of each document gives back the file it started from
    (or was last loaded from). A change written past the undo stack fails the test that made it."""
    from designer.model import dumps
    from designer.ui.undo import Document

    origins: dict[int, tuple[Document, str]] = {}
    init, replace, restore = Document.__init__, Document.replace, Document.restore_history

    def tracked_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        origins[id(self)] = (self, dumps(self.network))

    def tracked_replace(self, network, *, path, undoable=False, text="new"):
        replace(self, network, path=path, undoable=undoable, text=text)
        if not undoable:
            origins[id(self)] = (self, dumps(self.network))

    def tracked_restore(self, history):
        restore(self, history)
        start = self.network.copy()  # the network before the steps put back (a lesson step as it was set)
        for command in reversed(history.commands[: history.index]):
            command.undo(start)
        origins[id(self)] = (self, dumps(start))

    monkeypatch.setattr(Document, "__init__", tracked_init)
    monkeypatch.setattr(Document, "replace", tracked_replace)
    monkeypatch.setattr(Document, "restore_history", tracked_restore)
    yield
    for document, origin in origins.values():
        try:
            stack = document.undo_stack
            stack.count()
        except RuntimeError:  # the C++ object is gone with its window
            continue
        undo = getattr(document.parent(), "actions", {}).get("undo")
        if undo is not None:  # as the user would: Edit ▸ Undo until it is greyed out (a training run commits first)
            for _ in range(stack.count() + 1):
                if not undo.isEnabled():
                    break
                undo.trigger()
        stack.setIndex(0)
        assert dumps(document.network) == origin, "undoing every step did not restore the document"


@pytest.fixture
def desktop(qtbot):
    """The application, whose palette a test may switch as a desktop does; the palette of before comes back."""
    app = QApplication.instance()
    before = QPalette(QGuiApplication.palette())
    yield app
    app.setPalette(before)
