"""Issue 15: the window's geometry, its dock layout and the last-used folders come back on the next
start; Open Recent tells two files of the same name apart."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QTabBar

from designer.model import load
from designer.ui.remembered import last_folder, recent_labels
from designer.ui.safetext import tooltip
from tests.conftest import EXAMPLES
from tests.ui.menus import shown

XOR = EXAMPLES / "xor-step.json"


def start(qtbot, network=None):
    """A new main window, as the app opens it."""
    from designer.ui.mainwindow import MainWindow

    window = MainWindow(network or load(XOR))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    return window


def quit_from_the_menu(window) -> None:
    window.actions["quit"].trigger()  # File ▸ Quit
    assert not window.isVisible()


def test_geometry_and_dock_layout_come_back_on_the_next_start(qtbot):
    first = start(qtbot)
    first.live.region_dock.toggleViewAction().trigger()  # the user closes the regions and training…
    first.live.training_dock.toggleViewAction().trigger()
    first.history_dock.toggleViewAction().trigger()  # …and opens the history
    first.resize(720, 640)  # within the (offscreen, 800×800) screen: Qt shrinks a restored window to fit
    curves = first.live.curves_dock
    qtbot.wait(20)
    default = curves.height()
    first.resizeDocks([curves], [default + 60], Qt.Orientation.Vertical)  # taller loss curves
    qtbot.waitUntil(lambda: curves.height() > default + 30, timeout=2000)
    wanted = curves.height()
    size = (first.width(), first.height())
    assert size != (1200, 760)  # not the default size
    assert not first.live.region_dock.isVisible() and first.history_dock.isVisible()
    quit_from_the_menu(first)

    second = start(qtbot)
    assert second.layout_restored
    assert (second.width(), second.height()) == size
    assert not second.live.region_dock.isVisible() and second.history_dock.isVisible()
    assert not second.live.training_dock.isVisible()
    qtbot.wait(20)  # nothing re-arranges the docks after the first show
    assert abs(second.live.curves_dock.height() - wanted) <= 2


def test_a_restored_layout_leaves_no_stray_tab_bar(qtbot):
    """Restored before the first show, Qt left the Training/Exercise tab bar over the menu at (0, 0)."""
    quit_from_the_menu(start(qtbot))
    second = start(qtbot)
    assert second.layout_restored
    for bar in second.findChildren(QTabBar):
        if bar.parent() is second and bar.isVisible() and bar.geometry().intersects(second.rect()):
            assert bar.count() >= 2, [bar.tabText(i) for i in range(bar.count())]


def test_a_first_start_lays_the_docks_out_itself(qtbot):
    window = start(qtbot)
    assert not window.layout_restored and window.live.region_dock.isVisible()


@pytest.fixture
def two_xors(tmp_path):
    paths = []
    for folder in ("lecture", "exam"):
        (tmp_path / folder).mkdir()
        paths.append(shutil.copy(XOR, tmp_path / folder / "xor.json"))
    return paths


def test_last_used_folders_come_back_on_the_next_start(qtbot, monkeypatch, two_xors, tmp_path):
    asked: list[str] = []
    lecture_xor = two_xors[0]

    def open_dialog(parent, title, folder, *args, **kwargs):
        asked.append(folder)
        return str(lecture_xor), ""

    def save_dialog(parent, title, suggested, *args, **kwargs):
        asked.append(suggested)
        return str(tmp_path / "exam" / "model.py"), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_dialog)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    first = start(qtbot)
    qtbot.keyClick(first, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert first.document.path == lecture_xor
    first.actions["export_pytorch"].trigger()
    assert (tmp_path / "exam" / "model.py").exists()
    quit_from_the_menu(first)

    asked.clear()
    second = start(qtbot)  # the XOR example again, not saved anywhere
    qtbot.keyClick(second, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert asked == [str(lecture_xor.parent)]
    second.actions["export_pytorch"].trigger()
    assert asked[1].startswith(str(tmp_path / "exam"))  # exports go where the last one went


def test_open_recent_tells_two_files_of_the_same_name_apart(qtbot, two_xors):
    window = start(qtbot)
    for path in two_xors:
        assert window.files.open_path(path)
    menu = window.recent_menu
    menu.popup(window.mapToGlobal(QPoint(20, 20)))  # shown as the user opens it: filled now
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    actions = menu.actions()
    assert [shown(a.text()) for a in actions] == ["exam/xor.json", "lecture/xor.json"]
    assert [a.toolTip() for a in actions] == [tooltip(str(p)) for p in reversed(two_xors)]  # full path
    menu.hide()
    actions[1].trigger()
    assert window.document.path == two_xors[0]


def test_a_file_opened_from_the_command_line_is_in_open_recent(qtbot, two_xors):
    """``nn-designer FILE`` (also the menu entry's ``Exec=nn-designer %f``: a file manager's Open With)."""
    from designer.ui.app import create_window

    first = create_window(str(two_xors[0]))
    qtbot.addWidget(first)
    assert last_folder("work") == two_xors[0].parent  # where Save answers… starts
    quit_from_the_menu(first)
    window = start(qtbot)  # the next start, on the example
    menu = window.recent_menu
    menu.popup(window.mapToGlobal(QPoint(20, 20)))
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    assert [a.toolTip() for a in menu.actions()] == [tooltip(str(two_xors[0]))]
    menu.hide()
    menu.actions()[0].trigger()
    assert window.document.path == two_xors[0]


def test_open_recent_keeps_the_link_the_user_opened(qtbot, two_xors, tmp_path):
    """A link a teacher re-points each week opens what it points to now, not what it did then."""
    link = tmp_path / "current.json"
    link.symlink_to(two_xors[0])
    window = start(qtbot)
    assert window.files.open_path(link)
    menu = window.recent_menu
    menu.popup(window.mapToGlobal(QPoint(20, 20)))
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    assert shown(menu.actions()[0].text()) == "current.json"
    assert menu.actions()[0].toolTip() == tooltip(str(link))
    menu.hide()
    link.unlink()
    link.symlink_to(two_xors[1])  # next week's file
    menu.actions()[0].trigger()
    assert window.document.path == link


def test_recent_labels_add_only_the_folders_it_takes():
    paths = ["/a/x/net.json", "/b/x/net.json", "/c/other.json", "/d/y/net.json"]
    assert recent_labels(paths) == ["a/x/net.json", "b/x/net.json", "other.json", "y/net.json"]
    assert recent_labels(["/n.json", "/m/n.json"]) == ["/n.json", "m/n.json"]


def _recent_menu(qtbot, window):
    menu = window.recent_menu
    menu.popup(window.mapToGlobal(QPoint(20, 20)))  # filled as the user opens it
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    return menu


def _choose_entry(qtbot, menu, index: int) -> None:
    """Arrow down to the entry and press Enter (a mouse click right after the popup opened was
    sometimes taken for the click that opened it)."""
    for _ in range(index + 1):
        qtbot.keyClick(menu, Qt.Key.Key_Down)
    assert menu.activeAction() is menu.actions()[index]
    qtbot.keyClick(menu, Qt.Key.Key_Return)


def test_open_recent_keeps_a_file_that_is_not_there_now(qtbot, two_xors, tmp_path, dialogs):
    """A file on a USB stick that was not plugged in vanished from Open Recent for good, without a word."""
    from PySide6.QtWidgets import QMessageBox

    lecture, exam = two_xors
    window = start(qtbot)
    for path in two_xors:
        assert window.files.open_path(path)
    away = tmp_path / "unplugged"
    shutil.move(tmp_path / "lecture", away)  # the stick is out
    menu = _recent_menu(qtbot, window)
    assert [shown(a.text()) for a in menu.actions()] == ["exam/xor.json", "lecture/xor.json (not found)"]
    dialogs.answer = QMessageBox.StandardButton.No  # Keep
    _choose_entry(qtbot, menu, 1)
    assert dialogs.shown[-1][1:] == ("File not found", f"xor.json is not there now: {lecture}")
    assert window.document.path == exam
    shutil.move(away, tmp_path / "lecture")  # plugged in again
    menu = _recent_menu(qtbot, window)
    assert [shown(a.text()) for a in menu.actions()] == ["exam/xor.json", "lecture/xor.json"]
    _choose_entry(qtbot, menu, 1)
    assert window.document.path == lecture


def test_open_recent_shows_a_name_with_a_tab_on_one_line_and_leaves_out_an_empty_entry(qtbot, tmp_path):
    """A TAB in a file name put the rest of the entry into the menu's shortcut column; an empty entry
    in the settings showed as ". (not found)" and said " is not there now: " when chosen."""
    from designer.ui.identity import settings

    odd = tmp_path / "a\tb.json"
    shutil.copy(XOR, odd)
    window = start(qtbot)
    assert window.files.open_path(odd)
    settings().setValue("recent", [str(odd), ""])
    menu = _recent_menu(qtbot, window)
    assert [shown(a.text()) for a in menu.actions()] == ["a\\tb.json"]  # the TAB as an escape, on one line


def test_open_recent_removes_a_missing_file_when_asked(qtbot, two_xors, dialogs):
    from PySide6.QtWidgets import QMessageBox

    lecture, exam = two_xors
    window = start(qtbot)
    for path in two_xors:
        assert window.files.open_path(path)
    lecture.unlink()
    menu = _recent_menu(qtbot, window)
    dialogs.answer = QMessageBox.StandardButton.Yes  # Remove from the list
    _choose_entry(qtbot, menu, 1)
    assert dialogs.shown[-1][1] == "File not found" and window.document.path == exam
    menu = _recent_menu(qtbot, window)
    assert [shown(a.text()) for a in menu.actions()] == ["xor.json"]
    menu.hide()


def test_open_recent_and_the_folders_keep_a_name_that_is_not_utf8(qtbot, monkeypatch, tmp_path, dialogs):
    """``\\xff.json`` (a Latin-1 name on Linux) was kept in the settings as ``.json``: Open Recent opened
    that other file without a word (a later Save wrote over it), and the Open dialog forgot the folder."""
    import os

    folder = os.fsdecode(bytes(tmp_path) + b"/jos\xe9")
    os.mkdir(folder)
    latin1 = os.path.join(folder, os.fsdecode(b"\xff.json"))
    shutil.copy(XOR, latin1)
    shutil.copy(EXAMPLES / "perceptron.json", os.path.join(folder, ".json"))  # what the mangled name names
    asked: list[str] = []

    def open_dialog(parent, title, start, *args, **kwargs):
        asked.append(start)
        return latin1, ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_dialog)
    window = start(qtbot, load(EXAMPLES / "perceptron.json"))
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # File ▸ Open
    assert os.fspath(window.document.path) == latin1
    assert window.files.open_path(two := shutil.copy(XOR, tmp_path / "other.json"))
    menu = _recent_menu(qtbot, window)
    assert [shown(a.text()) for a in menu.actions()] == ["other.json", "\\udcff.json"]  # shown, escaped
    _choose_entry(qtbot, menu, 1)
    assert os.fspath(window.document.path) == latin1 and window.document.network.name == load(XOR).name
    assert dialogs.shown == []
    assert two.exists()

    quit_from_the_menu(window)
    second = start(qtbot)
    qtbot.keyClick(second, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert asked[-1] == folder


def test_open_recent_names_a_file_with_a_line_break_on_one_line(qtbot, tmp_path, dialogs):
    """A ``bytes:`` entry edited into the settings (or a real file so named) whose name holds a line break:
    "Cannot open file" and "File not found" said it on two lines (the menu already showed it escaped)."""
    import os

    from PySide6.QtWidgets import QMessageBox

    from designer.ui.identity import settings

    broken = os.fsdecode(bytes(tmp_path) + b"/two\nlines\xff.json")
    with open(broken, "w", encoding="utf-8") as file:
        file.write("not json")
    settings().setValue("recent", [f"bytes:{tmp_path}/two%0Alines%FF.json", f"bytes:{tmp_path}/gone%0D%0A.json"])
    window = start(qtbot)
    menu = _recent_menu(qtbot, window)
    assert [shown(a.text()) for a in menu.actions()] == ["two lines\\udcff.json", "gone  .json (not found)"]
    _choose_entry(qtbot, menu, 0)
    dialogs.answer = QMessageBox.StandardButton.No  # Keep
    _choose_entry(qtbot, _recent_menu(qtbot, window), 1)
    (cannot_open, not_found) = dialogs.shown
    assert cannot_open[1] == "Cannot open file" and cannot_open[2].startswith("two lines\\udcff.json: ")
    assert not_found[1] == "File not found" and not_found[2].startswith("gone  .json is not there now: ")
    for _kind, _title, text, *_ in dialogs.shown:
        assert text.splitlines() == [text]
    assert window.statusBar().currentMessage().splitlines() == [window.statusBar().currentMessage()]
