"""Help ▸ Getting Started: the first steps with the app, in a window beside it.

The page is ``designer/resources/help/getting-started.md``, shipped inside the package: an installed
app had no first steps at all (the README's walkthrough is in the sdist, not in the wheel). The
README and docs link to the same file, so there is one text. It is read as Markdown with raw HTML
turned off (an ``<img>`` or a link written as HTML shows as the characters it is), and nothing it
names is loaded: no picture, no link followed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QMainWindow, QTextBrowser

from designer.resources import InstallationError, damaged, resource_file
from designer.ui.keys import caret_in_read_only_text
from designer.ui.reading_window import reading_window
from designer.ui.safetext import plain_message
from designer.ui.side_panel import beside_canvas

PAGE = ("help", "getting-started.md")
EXACT = QKeySequence.SequenceMatch.ExactMatch
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
    """A read-only Markdown view that loads nothing the text names (pictures, other files). A key it
    does not use itself (not a reading key) goes to ``window``'s action with that shortcut."""

    def __init__(self, window: QMainWindow | None = None) -> None:
        super().__init__()
        self._window = window

    def loadResource(self, kind: int, name) -> object:
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.isAccepted() or self._window is None:
            return
        if pass_to_window(self._window, event) or open_window_menu(self._window, event):
            event.accept()


def pass_to_window(window: QMainWindow, event: QKeyEvent) -> bool:
    """The page opens with the focus in its text, and its steps name the window's keys (Ctrl+N, then I,
    N, O, F8): pressed as they were read, they went to the page and did nothing, since the window's
    shortcuts count only while the window is active. The window's action with that shortcut is
    triggered, with the window made active (its next keys and clicks go there). Whether one was."""
    pressed = QKeySequence(event.keyCombination())
    for action in window_actions(window):
        if action.isEnabled() and any(key.matches(pressed) == EXACT for key in action.shortcuts()):
            window.activateWindow()
            action.trigger()
            return True
    return False


def open_window_menu(window: QMainWindow, event: QKeyEvent) -> bool:
    """Alt and the letter of a menu of ``window`` opens that menu, as in the window: the page's "Without a
    mouse" lines say Alt+V, X for View ▸ Exercise, and Alt+V did nothing while the page had the focus
    (the menu bar's letters count only in its own window). Whether one was opened."""
    if event.modifiers() != Qt.KeyboardModifier.AltModifier:
        return False
    pressed = QKeySequence(event.keyCombination())
    for action in window.menuBar().actions():
        shown = action.isVisible() and action.isEnabled() and action.menu() is not None
        if shown and QKeySequence.mnemonic(action.text()).matches(pressed) == EXACT:
            window.activateWindow()
            window.menuBar().setActiveAction(action)  # opens the menu, its letters choose its entries
            return True
    return False


def window_actions(window: QMainWindow) -> list[QAction]:
    """The window's actions with their keys: those of its menus (File ▸ New ▸ Empty network is only
    there) and those it registers for its toolbars and keys."""
    found: dict[int, QAction] = {}
    menus = [action.menu() for action in window.menuBar().actions() if action.menu() is not None]
    while menus:
        for action in menus.pop().actions():
            found.setdefault(id(action), action)
            if action.menu() is not None:
                menus.append(action.menu())
    registered = getattr(window, "actions", None)
    for action in registered.values() if isinstance(registered, dict) else ():
        found.setdefault(id(action), action)
    return list(found.values())


def show_getting_started(window: QMainWindow) -> QDialog | None:
    """The page in a window of its own, not modal (the student tries each step as they read it), beside
    the canvas rather than over it. Chosen again, the open page comes back (a second page would make
    the Close key the main window shares with it ambiguous: Ctrl+W closed neither)."""
    shown = open_page(window)
    if shown is not None:
        shown.raise_()
        shown.activateWindow()
        shown.findChild(PageView).setFocus()
        return shown
    try:
        text = page_text()
    except InstallationError as exc:
        plain_message(window, "warning", "Getting Started", str(exc))
        return None
    view = PageView(window)
    view.setObjectName("gettingStartedText")
    view.setAccessibleName("Getting started")
    view.setOpenLinks(False)
    view.setOpenExternalLinks(False)
    view.setTabChangesFocus(True)
    view.document().setMarkdown(text, FEATURES)
    view.moveCursor(QTextCursor.MoveOperation.Start)  # read from the top (the caret was left at the end)
    caret_in_read_only_text(view)
    return reading_window(
        window,
        "gettingStarted",
        "Getting Started",
        view,
        (760, 720),
        escape=lambda: escape_in_window(window),
        place=beside_canvas,
    )


def open_page(window: QMainWindow) -> QDialog | None:
    """The Getting Started page open beside ``window`` (one closed a moment ago waits to be deleted)."""
    return next((d for d in window.findChildren(QDialog, "gettingStarted") if d.isVisible()), None)


def escape_in_window(window: QMainWindow) -> None:
    """Esc in the page is the main window's, as the page's other keys are: its steps say "press Esc"
    to end the canvas's tool, and Esc closed the page instead (Ctrl+W and Close close it)."""
    keys = getattr(window, "keys", None)
    if keys is not None:
        window.activateWindow()
        keys.escape()
