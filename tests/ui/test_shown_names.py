"""A file's name on one line, wherever the app shows it: a name on Linux may hold a line break,
control characters or a right-to-left override (U+202E), and a path may be 1,000 characters long.

Each test writes such files and drives the app the way a person does (the file dialogs answered
with those names), then looks at every dialog, the status bar, the window title and the panels.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QToolButton

from designer.model import dumps, load
from tests.conftest import EXAMPLES
from tests.ui.test_chainrule_panel import open_drill, type_answer

#: names a Linux folder can hold (a file name is at most 255 bytes: the long one is a long path)
ODD_NAMES = {
    "line break": "two\nlines",
    "carriage return and escape": "a\r\x1b[31mred",
    "right-to-left override": "report\u202egnp.exe",
}
#: no line break, no control character, no bidi override, and short enough for a dialog on the screen
LIMIT = 700


def one_line(text: str) -> bool:
    return text.isprintable() and len(text) <= LIMIT


def long_folder(tmp_path: Path) -> Path:
    """A folder whose path is over 1,000 characters (four folders of 250)."""
    folder = tmp_path
    for letter in "abcd":
        folder = folder / (letter * 250)
    folder.mkdir(parents=True)
    return folder


@pytest.fixture(params=[*ODD_NAMES, "1,000-character path"])
def odd(request, tmp_path):
    """(folder, stem) of the files a test writes."""
    if request.param in ODD_NAMES:
        return tmp_path, ODD_NAMES[request.param]
    return long_folder(tmp_path), "n" * 200


def shown_texts(window, dialogs) -> list[str]:
    """Every dialog's title and text, the status bar, the window title, the training panel's message."""
    texts = [part for _, title, text in dialogs.shown for part in (title, text)]
    return [*texts, window.statusBar().currentMessage(), window.windowTitle(), window.live.panel.message.text()]


def assert_one_line(window, dialogs) -> None:
    bad = [text for text in shown_texts(window, dialogs) if not one_line(text)]
    assert bad == []


def answer_open(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def answer_save(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def test_open_and_save_as_show_the_name_on_one_line(qtbot, xor_window, monkeypatch, dialogs, odd):
    folder, stem = odd
    w = xor_window
    good, bad = folder / f"{stem}.json", folder / f"{stem}-bad.json"
    good.write_text(dumps(load(EXAMPLES / "xor-step.json")), encoding="utf-8")
    bad.write_text("{ not json", encoding="utf-8")
    w.activateWindow()
    for path in (good, bad):
        answer_open(monkeypatch, path)
        qtbot.keyClick(w, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
        assert_one_line(w, dialogs)
    assert w.document.path == good and [title for _, title, _ in dialogs.shown] == ["Cannot open file"]
    answer_save(monkeypatch, folder / f"{stem}-copy.json")
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert w.document.path == folder / f"{stem}-copy.json"
    assert w.statusBar().currentMessage().startswith("Saved ")
    assert_one_line(w, dialogs)


def test_csv_points_show_the_name_on_one_line(qtbot, xor_window, monkeypatch, dialogs, odd):
    folder, stem = odd
    w = xor_window
    good, bad = folder / f"{stem}.csv", folder / f"{stem}-bad.csv"
    good.write_text("x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n", encoding="utf-8")
    bad.write_text("x1,x2,y\n0,0\n", encoding="utf-8")
    load_button = w.live.panel.findChild(QToolButton, "loadCsv")
    for path, said in ((bad, "Cannot load"), (good, "Loaded 4 points")):
        answer_open(monkeypatch, path)
        load_button.click()
        assert said in w.live.panel.message.text()
        assert_one_line(w, dialogs)
        legend = w.live.region.legend.text()  # names the points' file
        assert not any(char in legend for char in "\n\r\x1b\u202e")


def test_answers_save_shows_the_name_on_one_line(qtbot, xor_window, monkeypatch, dialogs, odd):
    """ "Cannot save answers" showed a name with a line break on two lines."""
    folder, stem = odd
    w = xor_window
    chain = open_drill(qtbot, w, "chain-2-2-1-sigmoid")
    type_answer(qtbot, chain, chain.rows[0].quantity.id, "-3/8")
    (folder / f"{stem}-folder.json").mkdir()  # a folder by that name: the save is refused
    answer_save(monkeypatch, folder / f"{stem}-folder.json")
    qtbot.mouseClick(chain.save_button, Qt.MouseButton.LeftButton)
    assert [title for _, title, _ in dialogs.shown] == ["Cannot save answers"]
    answer_save(monkeypatch, folder / f"{stem}-answers.json")
    qtbot.mouseClick(chain.save_button, Qt.MouseButton.LeftButton)
    assert w.statusBar().currentMessage().startswith("Answers saved to ")
    assert_one_line(w, dialogs)


def test_exercise_and_lesson_files_show_the_name_on_one_line(qtbot, xor_window, monkeypatch, dialogs, odd):
    folder, stem = odd
    w = xor_window
    exercise, lesson = folder / f"{stem}-exercise.json", folder / f"{stem}-lesson.json"
    exercise.write_text(json.dumps({"format": "nn-designer-exercise", "version": 1}), encoding="utf-8")
    lesson.write_text(json.dumps({"format": "nn-designer-lesson", "version": 1, "steps": 3}), encoding="utf-8")
    answer_open(monkeypatch, exercise)
    w.exercise.open_dialog()
    answer_open(monkeypatch, lesson)
    w.lessons.open_dialog()
    assert [title for _, title, _ in dialogs.shown] == ["Cannot open exercise", "Cannot open lesson"]
    assert_one_line(w, dialogs)


def test_export_shows_the_name_on_one_line(qtbot, xor_window, monkeypatch, dialogs, odd):
    folder, stem = odd
    w = xor_window
    (folder / f"{stem}.py").mkdir()  # a folder by that name: the export is refused
    answer_save(monkeypatch, folder / f"{stem}.py")
    w.actions["export_pytorch"].trigger()
    assert [title for _, title, _ in dialogs.shown] == ["Cannot export"]
    answer_save(monkeypatch, folder / f"{stem}.tex")
    w.actions["export_latex"].trigger()
    assert w.statusBar().currentMessage().startswith("Exported ")
    assert_one_line(w, dialogs)


def test_a_dialog_about_a_long_path_stays_on_the_screen(qtbot, xor_window, monkeypatch, dialogs, tmp_path):
    """ "Cannot open lesson" named a 1,000-character path in full: the reason after it was cut off
    at the dialog's right edge (Qt caps a message box's width, not what the text needs)."""
    from designer.ui.safetext import message_box

    lesson = long_folder(tmp_path) / f"{'n' * 200}.json"
    lesson.write_text("{ not json", encoding="utf-8")
    answer_open(monkeypatch, lesson)
    xor_window.lessons.open_dialog()
    (kind, title, text), *_ = dialogs.shown
    assert title == "Cannot open lesson" and one_line(text)
    box = message_box(xor_window, kind, title, text)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    screen = QApplication.primaryScreen().availableGeometry()
    assert box.width() <= screen.width() and box.height() <= screen.height()
