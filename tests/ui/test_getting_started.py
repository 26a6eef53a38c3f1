"""Help ▸ Getting Started: the first steps, read inside the installed app.

The Help menu had About, Lessons and Keyboard Shortcuts but no first steps, and the README's "first
hour" (docs/walkthrough.md) is in the sdist only: a student who installed the wheel never saw any.
The page ships in the package (designer/resources/help/getting-started.md, which the README links
to) and shows as Markdown with raw HTML turned off.
"""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QTextBrowser

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
