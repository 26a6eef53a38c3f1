"""Help ▸ Getting Started: the first steps with the app, in a window beside it.

The page is ``designer/resources/help/getting-started.md``, shipped inside the package: an installed
app had no first steps at all (the README's walkthrough is in the sdist, not in the wheel). The
README and docs link to the same file, so there is one text. It is read as Markdown with raw HTML
turned off (an ``<img>`` or a link written as HTML shows as the characters it is), and nothing it
names is loaded: no picture, no link followed.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QMainWindow, QTextBrowser

from designer.resources import InstallationError, damaged, resource_file
from designer.ui.keys import caret_in_read_only_text
from designer.ui.reading_window import reading_window
from designer.ui.safetext import plain_message

PAGE = ("help", "getting-started.md")
#: Markdown as GitHub writes it, with raw HTML (blocks and spans) shown as text
FEATURES = QTextDocument.MarkdownFeature(
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub.value | QTextDocument.MarkdownFeature.MarkdownNoHTML.value
)


def page_text() -> str:
    """The shipped page's Markdown; InstallationError (one line) when it is missing or unreadable."""
    path = resource_file(*PAGE)
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise damaged("/".join(PAGE), f"cannot be read ({exc.__class__.__name__})") from None


class PageView(QTextBrowser):
    """A read-only Markdown view that loads nothing the text names (pictures, other files)."""

    def loadResource(self, kind: int, name) -> object:
        return None


def show_getting_started(window: QMainWindow) -> QDialog | None:
    """The page in a window of its own, not modal: the student tries each step as they read it."""
    try:
        text = page_text()
    except InstallationError as exc:
        plain_message(window, "warning", "Getting Started", str(exc))
        return None
    view = PageView()
    view.setObjectName("gettingStartedText")
    view.setAccessibleName("Getting started")
    view.setOpenLinks(False)
    view.setOpenExternalLinks(False)
    view.setTabChangesFocus(True)
    view.document().setMarkdown(text, FEATURES)
    view.moveCursor(QTextCursor.MoveOperation.Start)  # read from the top (the caret was left at the end)
    caret_in_read_only_text(view)
    return reading_window(window, "gettingStarted", "Getting Started", view, (760, 720))
