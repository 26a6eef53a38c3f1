"""Restored work belongs to the file it was on: saved there again, named in the question, fitted,
without the start's default exercise beside it (a teacher's demo file after a crash)."""

import os

import pytest
from PySide6.QtWidgets import QMessageBox

from designer.model import load, save
from tests.conftest import EXAMPLES
from tests.ui import gui
from tests.ui.test_save_changed_on_disk import edit_outside


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
    note = teacher.files.recovery.path.with_suffix(".origin").read_text(encoding="utf-8")
    st = demo.stat()
    assert note == f"{demo}\n{st.st_mtime_ns} {st.st_size} {st.st_ino}\n"  # the file, and its state on disk

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
    from designer.ui.recovery import Orphan
    from designer.ui.recovery_offer import restore

    def restore_demo(window):
        restore(window.document, Orphan(demo, None, load(demo), origin=demo))
        return 1

    monkeypatch.setattr(app_module, "offer_recovery", restore_demo)
    # a laptop's window (the offscreen screen is 800 px wide: the first window now keeps within it,
    # where the network no longer fits at the canvas's lowest zoom, which is not what this test is about)
    monkeypatch.setattr(app_module, "fit_to_screen", lambda window: window.resize(1000, 720))
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
    from designer.ui.recovery import Orphan
    from designer.ui.recovery_offer import restore

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


@pytest.mark.skipif(os.name != "posix", reason="file names that are not UTF-8 are POSIX's")
def test_a_file_name_that_is_not_utf8_is_kept_and_restored(qtbot, tmp_path, dialogs):
    """Autosave raised UnicodeEncodeError every 30 s writing the origin note of such a file."""
    from designer.ui.app import offer_recovery

    path = tmp_path / os.fsdecode(b"\xff\xfe-demo.json")
    save(load(EXAMPLES / "xor-step.json"), path)
    teacher = _window_on(qtbot, path)
    gui.wheel(teacher.view, gui.node_pos(teacher, "h1"), steps=5)
    assert teacher.files.write_recovery() and not teacher.files.autosave_problem
    _crash(teacher)
    fresh = _window_on(qtbot, EXAMPLES / "xor-step.json")
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert offer_recovery(fresh) == 1 and fresh.document.path == path


@pytest.mark.parametrize("special", ["/dev/null", "fifo", "folder"])
def test_an_origin_that_is_not_a_regular_file_is_not_saved_over(qtbot, xor_window, dialogs, tmp_path, special):
    """An origin note naming /dev/null: Save said "Saved /dev/null", the slot was cleared, the work gone."""
    from designer.ui.app import offer_recovery

    if special == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("FIFOs are POSIX")
        os.mkfifo(tmp_path / "pipe.json")
        special = str(tmp_path / "pipe.json")
    elif special == "folder":
        special = str(tmp_path)
    gui.wheel(xor_window.view, gui.node_pos(xor_window, "h1"), steps=5)
    _crash(xor_window)
    xor_window.files.recovery.path.with_suffix(".origin").write_bytes(os.fsencode(special) + b"\n")
    fresh = _window_on(qtbot, EXAMPLES / "xor-step.json")
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert offer_recovery(fresh) == 1
    assert fresh.document.path is None and fresh.document.modified  # Save asks where


def test_names_with_direction_overrides_do_not_reverse_the_question_or_the_title(qtbot, demo, dialogs):
    from designer.ui.app import offer_recovery

    teacher = _window_on(qtbot, demo)
    from designer.model import SetNetworkField

    teacher.document.push(SetNetworkField("name", "\u202eevil"))
    _crash(teacher)
    fresh = _window_on(qtbot, EXAMPLES / "xor-step.json")
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert offer_recovery(fresh) == 1
    assert "\u202e" not in dialogs.shown[-1][2] and "evil (5 nodes" in dialogs.shown[-1][2]
    fresh.document.path = None
    fresh.document.path_changed.emit()
    assert "\u202e" not in fresh.windowTitle() and fresh.windowTitle().startswith("evil")


def test_the_question_says_when_the_file_was_saved_after_the_work(demo):
    """Kept for later, then the file saved again (another window, a later session): Save after the
    restore would replace that newer version, so the question says so."""
    from designer.ui.recovery import Orphan
    from designer.ui.recovery_offer import _newer_note

    work = Orphan(demo, None, load(demo), saved=demo.stat().st_mtime, origin=demo)
    assert _newer_note(work) == ""
    os.utime(demo, (work.saved + 60, work.saved + 60))
    note = _newer_note(work)
    assert note.startswith("demo2.json was saved after this work (") and "File ▸ Save As keeps both" in note
    assert _newer_note(Orphan(demo, None, work.network, saved=work.saved, origin=demo.with_name("gone.json"))) == ""


def _restored(qtbot, teacher, dialogs):
    from designer.ui.app import offer_recovery

    _crash(teacher)
    fresh = _window_on(qtbot, EXAMPLES / "xor-step.json")
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert offer_recovery(fresh) == 1
    return fresh


def test_save_of_restored_work_asks_when_its_file_changed_on_disk_since(qtbot, demo, dialogs):
    """Restored work kept no note of its file on disk: Save replaced what another program wrote meanwhile."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    teacher = _window_on(qtbot, demo)
    gui.wheel(teacher.view, gui.node_pos(teacher, "h1"), steps=5)
    fresh = _restored(qtbot, teacher, dialogs)
    assert fresh.document.path == demo
    edit_outside(demo, 7.0)
    dialogs.answer = QMessageBox.StandardButton.Cancel
    fresh.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is fresh, timeout=2000)
    qtbot.keyClick(fresh, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialogs.shown[-1][1] == "File changed on disk" and "demo2.json was changed on disk" in dialogs.shown[-1][2]
    assert load(demo).neurons["y"].bias == 7.0 and fresh.document.modified


def test_restored_work_asks_about_a_change_made_before_the_crash_too(qtbot, demo, dialogs):
    """The crashed window would have asked: its file changed on disk after it opened it, before the crash."""
    teacher = _window_on(qtbot, demo)
    gui.wheel(teacher.view, gui.node_pos(teacher, "h1"), steps=5)
    edit_outside(demo, -3.0)
    fresh = _restored(qtbot, teacher, dialogs)
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not fresh.files.save()
    assert dialogs.shown[-1][1] == "File changed on disk" and load(demo).neurons["y"].bias == -3.0


def test_restored_work_on_an_unchanged_file_saves_without_a_question(qtbot, demo, dialogs):
    teacher = _window_on(qtbot, demo)
    gui.wheel(teacher.view, gui.node_pos(teacher, "h1"), steps=5)
    fresh = _restored(qtbot, teacher, dialogs)
    shown = len(dialogs.shown)
    assert fresh.files.save() and len(dialogs.shown) == shown
    assert load(demo).neurons["h1"].bias == fresh.document.network.neurons["h1"].bias


def test_an_origin_note_of_an_older_version_still_names_the_file(demo, tmp_path):
    """One line, no state on disk: the work still belongs to its file (Save then compares with the file as
    it is at the restore)."""
    from designer.ui.recovery import _read_origin

    note = tmp_path / "old.origin"
    note.write_bytes(os.fsencode(str(demo)) + b"\n")
    assert _read_origin(note) == (demo, None)
    note.write_bytes(os.fsencode(str(demo)) + b"\n-5 10 99\n")
    assert _read_origin(note) == (demo, (-5, 10, 99))


def test_restored_work_on_an_exercise_comes_back_with_the_exercises_points(
    qtbot, xor_window, app_windows, monkeypatch, tmp_path
):
    """An AND attempt with the learning rate changed, then a crash: the restored work showed "custom"
    points (the autosave had embedded the exercise's rows) and and.json was saved with them."""
    from designer.ui import app as app_module
    from designer.ui.recovery import Orphan
    from designer.ui.recovery_offer import restore
    from tests.ui.test_exercise_panel import click_exercise
    from tests.ui.test_experiment_file import type_into

    w = xor_window
    w.exercise.show()
    click_exercise(qtbot, w.exercise.panel, "and", double=True)  # double-click: Start
    qtbot.waitUntil(lambda: w.live.session.showing_exercise)
    type_into(qtbot, w.live.panel.rate, "0.5")
    path = tmp_path / "autosaved.json"
    save(w.files._network_to_save(), path)  # what the autosave writes
    monkeypatch.setattr(
        app_module, "offer_recovery", lambda w: restore(w.document, Orphan(path, None, load(path), origin=None)) or 1
    )
    assert app_module.run() == 0
    window = app_windows[0]
    session = window.live.session
    qtbot.waitUntil(lambda: window.exercise.solving)
    qtbot.waitUntil(lambda: session.showing_exercise)
    assert session.data.name == "exercise: AND gate" and window.live.training.settings.learning_rate == 0.5
    assert window.live.panel.dataset.currentText() == "exercise points"


def test_a_long_network_name_leaves_the_question_whole(qtbot, tmp_path, dialogs):
    """A network named with 10,000 characters (the most a file holds): the question named it whole, so
    the dialog's 2,000 characters ended inside the name: its nodes, the time it was autosaved and the
    question mark were cut off."""
    from designer.ui.app import offer_recovery

    name, path = "\u202e<b>" + "W" * 9_990, tmp_path / "long.json"
    network = load(EXAMPLES / "xor-step.json")
    network.name = name
    save(network, path)
    student = _window_on(qtbot, path)
    gui.wheel(student.view, gui.node_pos(student, "h1"), steps=5)
    _crash(student)
    fresh = _window_on(qtbot, EXAMPLES / "xor-step.json")
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert offer_recovery(fresh) == 1
    asked = dialogs.shown[-1][2]
    assert asked.startswith("NN Designer did not close normally. Restore your changes to long.json: <b>WWW")
    assert "W… (5 nodes, autosaved " in asked and asked.endswith("?") and len(asked) < 200 and "\u202e" not in asked
    assert fresh.document.network.name == name and fresh.document.path == path  # the name itself is kept whole
