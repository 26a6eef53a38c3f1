"""Restored work belongs to the file it was on: saved there again, named in the question, fitted,
without the start's default exercise beside it (a teacher's demo file after a crash)."""

import os

import pytest
from PySide6.QtWidgets import QMessageBox

from designer.model import load, save
from tests.conftest import EXAMPLES
from tests.ui import gui


def _crash(window) -> None:
    """What a kill -9 leaves: the autosaved work and a lock nobody holds."""
    window.files.autosave.timeout.emit()  # the 30 s timer firing
    window.files.recovery._lock.unlock()
    window.files.recovery._lock = None


def _window_on(qtbot, path):
    from designer.ui.mainwindow import MainWindow

    window = MainWindow(load(path), path)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "demo2.json"
    network = load(EXAMPLES / "xor-step.json")
    network.name = "demo"
    save(network, path)
    return path


def test_work_on_a_file_is_restored_onto_that_file_unsaved(qtbot, demo, dialogs):
    from designer.ui.app import offer_recovery

    before = demo.read_bytes()
    teacher = _window_on(qtbot, demo)
    gui.wheel(teacher.view, gui.node_pos(teacher, "h1"), steps=5)
    _crash(teacher)
    assert teacher.files.recovery.path.with_suffix(".origin").read_text(encoding="utf-8") == f"{demo}\n"

    fresh = _window_on(qtbot, EXAMPLES / "xor-step.json")
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert offer_recovery(fresh) == 1
    assert "Restore your changes to demo2.json: demo (5 nodes" in dialogs.shown[-1][2]
    assert fresh.document.path == demo and fresh.document.modified
    assert fresh.windowTitle().startswith("demo2")
    assert fresh.document.undo_stack.count() == 0  # no Undo back to the example, on demo2.json's path
    assert demo.read_bytes() == before  # nothing written yet: Save does that
    bias = fresh.document.network.neurons["h1"].bias
    fresh.actions["save"].trigger()
    assert load(demo).neurons["h1"].bias == bias != load(EXAMPLES / "xor-step.json").neurons["h1"].bias
    assert not list(teacher.files.recovery.folder.glob("*.origin"))  # the orphan and the saved slot: gone


def test_untitled_work_stays_untitled(qtbot, xor_window, dialogs):
    from designer.ui.app import offer_recovery

    gui.wheel(xor_window.view, gui.node_pos(xor_window, "h1"), steps=5)
    _crash(xor_window)
    assert not xor_window.files.recovery.path.with_suffix(".origin").exists()
    fresh = _window_on(qtbot, EXAMPLES / "xor-step.json")
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert offer_recovery(fresh) == 1
    assert fresh.document.path is None and fresh.document.modified
    assert "your changes to" not in dialogs.shown[-1][2]


@pytest.mark.parametrize(
    "origin",
    [
        b"relative/demo.json\n",
        b"/tmp/a\nb.json\n",  # two lines
        b"/tmp/\x1b[31mred.json\n",  # an escape code
        b"\xff\xfe/tmp/x.json\n",  # not UTF-8
        b"/" + b"a" * 9000 + b"\n",  # not a path's length
        "fifo",
    ],
)
def test_a_damaged_origin_loses_only_the_file_name(qtbot, xor_window, dialogs, origin):
    from designer.ui.app import offer_recovery

    gui.wheel(xor_window.view, gui.node_pos(xor_window, "h1"), steps=5)
    _crash(xor_window)
    side = xor_window.files.recovery.path.with_suffix(".origin")
    if origin == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("FIFOs are POSIX")
        os.mkfifo(side)
    else:
        side.write_bytes(origin)
    fresh = _window_on(qtbot, EXAMPLES / "xor-step.json")
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert offer_recovery(fresh) == 1  # the work itself comes back
    assert fresh.document.path is None and fresh.document.modified
    assert not side.exists()


def test_restored_work_at_start_has_no_default_exercise_beside_it(qtbot, app_windows, monkeypatch, demo):
    from designer.ui import app as app_module
    from designer.ui.recovery import Orphan, restore

    def restore_demo(window):
        restore(window.document, Orphan(demo, None, load(demo), origin=demo))
        return 1

    monkeypatch.setattr(app_module, "offer_recovery", restore_demo)
    assert app_module.run() == 0
    window = app_windows[0]
    qtbot.waitUntil(lambda: window.live._region is not None)  # plots built: the start's exercise came now
    qtbot.waitUntil(lambda: _all_in_view(window))  # fitted once the docks had their sizes
    assert not window.exercise.isVisible() and window.document.path == demo


def _all_in_view(window) -> bool:
    shown = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    return all(shown.contains(item.scenePos()) for item in window.scene.node_items.values())


def test_a_restored_exercise_attempt_keeps_its_exercise(qtbot, app_windows, monkeypatch, tmp_path):
    from designer.ui import app as app_module
    from designer.ui.recovery import Orphan, restore

    attempt = load(EXAMPLES / "xor-step.json")
    attempt.extras["exercise"] = "and"
    path = tmp_path / "attempt.json"
    save(attempt, path)

    monkeypatch.setattr(
        app_module, "offer_recovery", lambda w: restore(w.document, Orphan(path, None, load(path), origin=path)) or 1
    )
    assert app_module.run() == 0
    window = app_windows[0]
    qtbot.waitUntil(lambda: window.exercise.solving)
    assert window.exercise.isVisible() and window.exercise.panel.exercise.id == "and"
