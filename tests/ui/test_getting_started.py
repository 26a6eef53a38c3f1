"""Help ▸ Getting Started: the first steps, read inside the installed app.

The Help menu had About, Lessons and Keyboard Shortcuts but no first steps, and the README's "first
hour" (docs/walkthrough.md) is in the sdist only: a student who installed the wheel never saw any.
The page ships in the package (designer/resources/help/getting-started.md, which the README links
to) and shows as Markdown with raw HTML turned off.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QTextBrowser

from designer import resources
from designer.ui import getting_started
from tests.ui.menus import click_entry, open_menu_bar


def _open_from_the_help_menu(qtbot, window) -> QTextBrowser:
    click_entry(qtbot, open_menu_bar(qtbot, window, "Help"), "Getting Started")
    qtbot.waitUntil(lambda: window.findChild(QDialog, "gettingStarted") is not None, timeout=2000)
    dialog = window.findChild(QDialog, "gettingStarted")
    qtbot.waitUntil(dialog.isVisible)
    return dialog.findChild(QTextBrowser, "gettingStartedText")


def test_help_getting_started_shows_the_shipped_first_steps_as_formatted_text(qtbot, xor_window):
    w = xor_window
    view = _open_from_the_help_menu(qtbot, w)
    shipped = resources.resource_file("help", "getting-started.md").read_text(encoding="utf-8")
    shown = view.toPlainText()
    assert "Getting started with NN Designer" in shown and "Build AND from an empty canvas" in shown
    assert "# " not in shown and "**" not in shown  # Markdown rendered, not shown as its source
    headings = [line.lstrip("#").strip() for line in shipped.splitlines() if line.startswith("#")]
    assert len(headings) >= 6 and all(heading in shown for heading in headings)  # the whole page
    assert view.verticalScrollBar().value() == 0  # read from the top
    assert view.window().focusWidget() is view  # the keys scroll it at once (a screen reader reads it)
    assert not w.isHidden()  # not modal: the student tries the steps beside it


def test_html_in_the_page_is_shown_as_text_and_nothing_it_names_is_loaded(qtbot, xor_window, monkeypatch):
    page = '# Title\n\n<b>not bold</b> <img src="/dev/zero"> <a href="file:///etc/passwd">link</a>\n'
    monkeypatch.setattr(getting_started, "page_text", lambda: page)
    loaded = []
    monkeypatch.setattr(getting_started.PageView, "loadResource", lambda self, kind, name: loaded.append(name))
    view = _open_from_the_help_menu(qtbot, xor_window)
    shown = view.toPlainText()
    assert "<b>not bold</b>" in shown and '<img src="/dev/zero">' in shown
    assert loaded == []
    assert view.document().toMarkdown(QTextDocument.MarkdownFeature.MarkdownNoHTML).count("<b>") <= 1


def test_a_missing_page_is_one_line_naming_the_damaged_installation(qtbot, xor_window, monkeypatch, dialogs):
    monkeypatch.setattr(getting_started, "PAGE", ("help", "not-there.md"))
    click_entry(qtbot, open_menu_bar(qtbot, xor_window, "Help"), "Getting Started")
    qtbot.waitUntil(lambda: bool(dialogs.shown), timeout=2000)
    assert "installation is damaged" in str(dialogs.shown[-1]) and "not-there.md" in str(dialogs.shown[-1])
    assert xor_window.findChild(QDialog, "gettingStarted") is None


def test_the_training_choices_the_page_names_are_the_ones_the_training_tab_shows(qtbot, xor_window):
    """Step 4 said "the loss *cross_entropy* and the optimizer *adam*" (the file format's names): the
    boxes show "cross-entropy" and "Adam", and the optimizer's box has no label of its own."""
    w = xor_window
    shown = " ".join(_open_from_the_help_menu(qtbot, w).toPlainText().split())
    named = re.search(r"the dataset ([\w-]+), the loss ([\w-]+) and the optimizer ([\w-]+)", shown)
    assert named is not None, "step 4 names a dataset, a loss and an optimizer"
    w.activateWindow()
    panel = w.live.training_dock
    for box_name, name in zip(("dataset", "loss", "optimizer"), named.groups(), strict=True):
        box = panel.findChild(QComboBox, box_name)
        box.setFocus()
        QTest.keyClicks(box, name)  # as a student picks it: typing its name into the box
        assert box.currentText() == name
    assert "optimizer Adam (the box beside the loss)" in shown  # it has no label of its own
    loss, optimizer = panel.findChild(QComboBox, "loss"), panel.findChild(QComboBox, "optimizer")
    assert loss.parentWidget() is optimizer.parentWidget()  # beside each other
    assert optimizer.geometry().left() > loss.geometry().right()  # the box beside the loss


def test_the_dots_after_building_and_are_the_data_set_the_page_names(qtbot, xor_window):
    """Step 1 builds AND after File ▸ New, but the Decision Regions still showed the start's XOR truth
    table: three of four dots on the "wrong" side of a correct AND, and the page said nothing of it."""
    w = xor_window
    shown = " ".join(_open_from_the_help_menu(qtbot, w).toPlainText().split())
    named = re.search(r"Its dots are still the truth table of (\w+), the data set the app started with", shown)
    assert named is not None, "step 1 says which dots the Decision Regions show"
    w.activateWindow()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # File ▸ New ▸ Empty network
    assert not w.document.network.neurons
    for _ in range(2):  # I, click, click: two inputs
        qtbot.keyClick(w.view, Qt.Key.Key_I)
        qtbot.keyClick(w.view, Qt.Key.Key_Return)  # (Enter places it as a click does)
    assert len(w.document.network.inputs) == 2
    assert w.live.panel.dataset.currentText() == named.group(1)


def test_the_keys_the_page_names_work_while_the_page_has_the_focus(qtbot, xor_window):
    """The page opens with the focus in its text, so step 1's Ctrl+N and step 2's I, pressed as read,
    went to the page and did nothing: the window's shortcuts count only in the window."""
    w = xor_window
    view = _open_from_the_help_menu(qtbot, w)
    page = view.window()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=2000)
    qtbot.keyClick(view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # step 1: File ▸ New ▸ Empty network
    assert not w.document.network.neurons and not w.document.network.inputs
    qtbot.keyClick(view, Qt.Key.Key_I)  # step 2: the Add Input tool
    assert w.actions["add_input"].isChecked() and "Add Input" in w.tool_label.text()
    assert page.isVisible()  # the page stays open beside the window, to read on
    view.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(view, Qt.Key.Key_Down)  # reading keys stay the page's
    assert view.textCursor().position() > 0


def test_the_page_says_how_to_build_and_check_and_without_a_mouse(qtbot, xor_window):
    """Steps 1 and 2 said only click, drag, double-click and right-click: a student without a mouse read
    no way to build AND (the keys exist: tests/ui/test_keyboard_only_and.py presses the same ones)."""
    view = _open_from_the_help_menu(qtbot, xor_window)
    shown = " ".join(view.toPlainText().split())
    build = shown[shown.index("Build AND") : shown.index("Check it against the exercise")]
    check = shown[shown.index("Check it against the exercise") : shown.index("Build XOR from ReLUs")]
    assert "Without a mouse" in build and "Without a mouse" in check
    for key in ("Ctrl+N", "Enter", "Esc", "Shift+F10", "Connect from", "Activation ▸ step", "Tab", "F2"):
        assert key in build, key
    for key in ("Alt+V", "Down", "Tab", "Check my network", "Space"):
        assert key in check, key


def test_alt_and_a_menu_letter_in_the_page_opens_the_window_menu(qtbot, xor_window):
    """The page's "Without a mouse" line says Alt+V, X for View ▸ Exercise: pressed in the page, Alt+V
    did nothing (the menu bar's letters count only in the main window)."""
    w = xor_window
    view = _open_from_the_help_menu(qtbot, w)
    page = view.window()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=2000)
    view_menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&View")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is view_menu, timeout=2000)
    qtbot.keyClick(view_menu, Qt.Key.Key_X)  # Exercise
    panel = w.exercise.panel
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    w.activateWindow()  # (offscreen leaves the closed menu the active window; a desktop gives it back)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.browser, timeout=2000)  # the panel, its list
    assert page.isVisible()  # the page stays, to read on
    qtbot.keyClick(view, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)  # no menu has Q: nothing
    assert QApplication.activePopupWidget() is None
