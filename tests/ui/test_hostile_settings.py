"""Hostile values in the settings file (anyone can edit ``~/.config/NN Designer/NN Designer.conf``):
each is read as the setting's default, without a dialog, and the app starts and works. A settings file
Qt must not read at all (a FIFO, a device, far too large) is left alone, said in one dialog."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QPoint, Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from designer.model import load
from designer.ui.identity import settings
from tests.conftest import EXAMPLES, ROOT
from tests.ui.live_gui import shown_window
from tests.ui.menus import shown

XOR = EXAMPLES / "xor-step.json"
INT_LIST = r"@Variant(\0\0\0\t\0\0\0\x2\0\0\0\x2\0\0\0\x1\0\0\0\x2\0\0\0\x2)"  # the list [1, 2]
WRONG_TYPES = ["@Point(1 2)", "@ByteArray(abc)", "@Size(3 4)", "@Rect(1 2 3 4)", INT_LIST]


def write_settings(text: str) -> None:
    """The settings file as an editor left it (the test's own, see tests/qt_isolation.py)."""
    path = Path(settings().fileName())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def start(qtbot):
    return shown_window(qtbot, load(XOR))


@pytest.mark.parametrize("value", ["inf", "1e400", "-inf", "nan", "5", "abc", *WRONG_TYPES])
def test_a_hostile_presentation_scale_starts_at_the_default(qtbot, dialogs, value):
    """``scale=inf``: OverflowError from round(inf), and the app did not start."""
    write_settings(f"[presentation]\nscale={value}\n")
    window = start(qtbot)
    assert window.presentation.scale == 1.0
    assert dialogs.shown == []


@pytest.mark.parametrize("value", ["[" * 100_000, "@Point(1 2)", '{"layout": 3}'])
def test_a_hostile_presentation_config_is_the_default(qtbot, dialogs, value):
    """``last=[[[[…``: RecursionError from json.loads, and the app did not start."""
    write_settings(f"[presentation]\nlast={value}\npresets\\mine={value}\n")
    window = start(qtbot)
    assert window.presentation.config.layout == "both"
    from designer.ui.presentation import config as cfg

    assert cfg.load_preset("mine") is None
    assert dialogs.shown == []


def open_recent(qtbot, window) -> list[str]:
    menu = window.recent_menu
    menu.popup(window.mapToGlobal(QPoint(20, 20)))  # filled as the user opens it
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    texts = [shown(a.text()) for a in menu.actions()]
    menu.hide()
    return texts


@pytest.mark.parametrize("value", [*WRONG_TYPES, "/" + "a" * 5000])
def test_hostile_recent_files_leave_open_and_save_working(qtbot, monkeypatch, tmp_path, dialogs, value):
    """``recent=@Point(1 2)``: "Something went wrong: TypeError … not iterable" on Open and Save."""
    write_settings(f"[General]\nrecent={value}\n")
    target = tmp_path / "mine.json"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(XOR), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window = start(qtbot)
    assert open_recent(qtbot, window) == ["(none)"]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # File ▸ Open
    assert window.document.path == XOR
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.document.path == target and target.exists()
    assert open_recent(qtbot, window) == ["mine.json", "xor-step.json"]
    assert dialogs.shown == []


@pytest.mark.parametrize("value", [*WRONG_TYPES, "/" + "a" * 5000])
def test_a_hostile_last_folder_is_the_documents_folder(qtbot, monkeypatch, dialogs, value):
    """``folders/networks=/aaaa…``: Path.is_dir raised "File name too long" on File ▸ Open."""
    write_settings(f"[folders]\nnetworks={value}\n")
    asked = []

    def open_dialog(parent, title, folder, *args, **kwargs):
        asked.append(folder)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_dialog)
    window = start(qtbot)
    window.document.replace(load(XOR), path=None)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1 and Path(asked[0]).is_dir()
    assert dialogs.shown == []


@pytest.mark.parametrize("value", WRONG_TYPES)
def test_hostile_solved_exercises_leave_the_list_whole(qtbot, dialogs, value):
    """``[exercises] solved=@Point(1 2)``: a dialog at every start and a broken exercise list."""
    write_settings(f"[exercises]\nsolved={value}\nhide_solutions={value}\n")
    window = start(qtbot)
    window.exercise.toggleViewAction().trigger()  # View ▸ Exercise
    qtbot.waitUntil(window.exercise.isVisible, timeout=2000)
    browser = window.exercise.panel.browser
    assert browser.topLevelItemCount() > 2
    assert not any(browser.topLevelItem(i).text(0).startswith("✓") for i in range(browser.topLevelItemCount()))
    assert dialogs.shown == []


@pytest.mark.parametrize(
    ("value", "hidden"), [("true", True), ("yes", True), ("1", True), ("false", False), ("@Point(1 2)", False)]
)
def test_exam_mode_still_reads_its_words(qtbot, value, hidden):
    from designer.exercises import load_exercise
    from designer.ui.exercise_panel import solutions_allowed

    write_settings(f"[exercises]\nhide_solutions={value}\n")
    assert solutions_allowed(load_exercise("xor")) is not hidden


def test_every_setting_is_read_through_the_typed_helpers():
    """A new ``settings().value(…)`` elsewhere would bring the untyped reads back."""
    import re

    import designer.ui

    ui = Path(designer.ui.__file__).parent
    raw = re.compile(r"(settings\(\)|store)\.value\(")
    offenders = [
        str(path.relative_to(ui))
        for path in ui.rglob("*.py")
        if path.name != "settings_values.py" and raw.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_helpers_take_only_their_own_type(qtbot):
    from designer.ui.settings_values import read_bool, read_bytes, read_float, read_strings, read_text

    write_settings("[t]\nf=2.5\nbig=1e400\nnan=nan\nword=abc\nlist=a, b\none=a\npoint=@Point(1 2)\nyes=yes\n")
    assert read_float("t/f", 1.0, 1.0, 3.0) == 2.5
    assert [read_float(f"t/{k}", 1.0, 1.0, 3.0) for k in ("big", "nan", "word", "point", "none")] == [1.0] * 5
    assert read_strings("t/list") == ["a", "b"] and read_strings("t/one") == ["a"] and read_strings("t/point") == []
    assert read_text("t/point", "x") == "x" and read_text("t/word") == "abc"
    assert read_bool("t/yes", False) is True and read_bool("t/point", True) is True
    assert read_bool("t/word", False) is False
    assert read_bytes("t/word") is None


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="POSIX FIFOs and devices")
@pytest.mark.parametrize("kind", ["too large", "fifo", "link to /dev/zero", "fifo lock", "lock linked to /dev/zero"])
def test_a_settings_file_qt_must_not_read_is_left_alone_and_said(qtbot, app_windows, dialogs, kind):
    """A FIFO in place of the settings file: QSettings waited for a writer before the first window (the
    app never started); a link to /dev/zero read without end. A FIFO as its lock (``NN Designer.conf.lock``,
    which QSettings reads to see whose it is) hung the app for good, deaf to SIGTERM."""
    from designer.ui import app as app_module

    path = Path(settings().fileName())
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "too large":
        with open(path, "wb") as big:
            big.truncate(17 << 20)  # (sparse)
    elif kind == "fifo lock":
        os.mkfifo(f"{path}.lock")
    elif kind == "lock linked to /dev/zero":
        os.symlink("/dev/zero", f"{path}.lock")
    else:
        os.symlink("/dev/zero", path)
    assert app_module.run() == 0
    window = app_windows[-1]
    (shown,) = [d for d in dialogs.shown if d[1] == "Settings not read"]
    assert shown[0] == "warning" and shown[2].startswith(str(path)) and "\n" not in shown[2]
    assert open_recent(qtbot, window) == ["(none)"]  # and the app works, with the default settings


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_as_the_file_dialogs_settings_leaves_file_open_working(qtbot, app_windows, dialogs):
    """Qt's own file dialog reads ``~/.config/QtProject.conf`` when it is made: a FIFO there hung File ▸ Open
    (and every other file dialog) for good."""
    from designer.ui import app as app_module

    qt_file = Path(settings().fileName()).parent.parent / "QtProject.conf"
    qt_file.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(qt_file)
    assert app_module.run() == 0
    window = app_windows[-1]
    (shown,) = [d for d in dialogs.shown if d[1] == "Settings not read"]
    assert shown[2].startswith(str(qt_file)) and "FIFO" in shown[2]
    chooser = QFileDialog(window, "Open network")  # what File ▸ Open makes (Qt's own, not the desktop's)
    chooser.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    chooser.show()
    qtbot.waitExposed(chooser)
    chooser.reject()


#: The app started as a user starts it, in a process of its own (Qt's crash would end the test run): its
#: settings in the folder given, then what it shows once its window is up.
STARTED_APP = """
import sys
from pathlib import Path
from designer.ui.remembered import use_settings_folder
use_settings_folder(Path(sys.argv[1]))
from PySide6.QtWidgets import QDockWidget
from designer.ui.app import create_app, create_window
app = create_app()
window = create_window()
window.show()
app.processEvents()
print("restored", window.layout_restored)
print("docks", *sorted(d.objectName() for d in window.findChildren(QDockWidget) if d.isVisible()))
"""


def _start_in_a_process(tmp_path) -> subprocess.CompletedProcess[str]:
    folder = Path(settings().fileName()).parent.parent
    env = {**os.environ, "NN_DESIGNER_RECOVERY": str(tmp_path / "recovery"), "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-c", STARTED_APP, str(folder)]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


def _layout_of_a_quit_window(qtbot) -> bytearray:
    """The dock layout a window leaves in the settings when the user quits."""
    window = start(qtbot)
    window.actions["quit"].trigger()  # File ▸ Quit
    state = bytearray(bytes(settings().value("window/state").data()))
    assert state[8] == 0xFD and state[9:13] == b"\0\0\0\x03"  # Qt's dock marker, three dock areas
    return state


def test_a_dock_layout_edited_in_the_settings_file_leaves_the_default_layout(qtbot, tmp_path):
    """The first dock area's number 0 edited into 16,777,215 (``\\0\\xff\\xff\\xff``): Qt's restoreState
    wrote out of bounds, and the app died of SIGSEGV at every start until the file was repaired."""
    state = _layout_of_a_quit_window(qtbot)
    state[13:17] = b"\0\xff\xff\xff"
    settings().setValue("window/state", QByteArray(bytes(state)))
    settings().sync()
    started = _start_in_a_process(tmp_path)
    assert started.returncode == 0, started.stderr[-2000:]
    lines = started.stdout.splitlines()
    assert lines[0] == "restored False"  # the default layout, every panel in place
    assert {"inspectorDock", "regionDock", "lossDock", "trainingDock"} <= set(lines[1].split()[1:])


def test_a_layout_saved_by_the_app_comes_back_in_a_new_process(qtbot, tmp_path):
    """The check does not turn away the layout the app saved (the same bytes, read back from the file)."""
    _layout_of_a_quit_window(qtbot)
    started = _start_in_a_process(tmp_path)
    assert started.returncode == 0, started.stderr[-2000:]
    assert started.stdout.splitlines()[0] == "restored True"
