"""Text from files is text, never markup: the one place that decides how such text reaches a widget.

Many Qt widgets guess whether a string is rich text (``Qt.TextFormat.AutoText``, the default of
QLabel, QMessageBox and tooltips): a label, id, name, exercise prompt, CSV header or error message
that *looks* like HTML is rendered as HTML. A file that says ``<img src="/dev/zero">`` then makes
Qt read a device until memory runs out, ``src`` pointing at a FIFO freezes the app (on Windows a
UNC path contacts another machine), and ``<h1>PASSED</h1><a href=…>`` draws a fake verdict with a
live link. So every string that comes from a file, the clipboard, a CSV or the user goes through
one of these:

- :func:`set_plain` for a QLabel (and anything with ``setTextFormat``): the widget is switched to
  plain text for good, then given the text.
- :func:`message_box` / :func:`plain_message` for dialogs: a QMessageBox whose text and
  informative text are plain text (use these instead of ``QMessageBox.warning``/``question``/…,
  whose static helpers guess the format).
- :func:`escape` where a widget must stay rich text (a title with app-made bold or subscripts):
  the app writes the markup, the user's text is escaped into it. :func:`markup` does both in one
  step: ``markup("<b>{}</b> = {}", label, value)`` escapes every argument, never the template.
- :func:`tooltip` for tooltips (they have no format setting): escaped and wrapped so Qt shows the
  text literally, line breaks kept; :func:`literal_tooltip` leaves a string Qt shows literally as it is.
- :func:`shorten` bounds what a dialog shows (a 10,000-character id must not make a dialog wider
  than the screen or its layout slow); the window title, status bar and ``QAction`` texts are
  always plain in Qt but still deserve :func:`shorten`.

Status bar messages (``QStatusBar.showMessage``), window titles and item views' display roles are
plain text in Qt already; they need no escaping (escaping them would show ``&lt;``).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from designer.formatting import clean_text, isolated, undecodable_escaped

#: Characters a dialog shows of one text; the rest is elided (the full text stays in the status bar/log).
DIALOG_LIMIT = 2000

_ICONS = {
    "information": QMessageBox.Icon.Information,
    "warning": QMessageBox.Icon.Warning,
    "critical": QMessageBox.Icon.Critical,
    "question": QMessageBox.Icon.Question,
}

Button = QMessageBox.StandardButton


def escape(text: str, *, line_breaks: bool = False) -> str:
    """``text`` as HTML that displays exactly ``text``: ``& < > " '`` become entities.

    With ``line_breaks``, line breaks become ``<br>`` (rich text would otherwise join the lines).
    """
    escaped = html.escape(undecodable_escaped(str(text)), quote=True)  # (a file name that is not UTF-8)
    if line_breaks:
        escaped = escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    return escaped


def markup(template: str, *args: Any, **kwargs: Any) -> str:
    """The app's own HTML ``template`` filled (``str.format``) with escaped ``args`` and ``kwargs``, each
    isolated (``formatting.isolated``): a right-to-left override in a label reverses no word of the template."""
    return template.format(*(escape(isolated(a)) for a in args), **{k: escape(isolated(v)) for k, v in kwargs.items()})


def shorten(text: str, limit: int = DIALOG_LIMIT) -> str:
    """At most ``limit`` characters, the cut marked with "…"."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: A user's label inside the app's own sentence (status bar, hints, accessible names) is cut here.
LABEL_IN_TEXT_LIMIT = 80


def label_in_text(label: str) -> str:
    """A label (the user's or a file's text) for one of the app's sentences: at most
    LABEL_IN_TEXT_LIMIT characters and bidi-isolated, so a 10,000-character label or an unclosed
    U+202E in it cannot swamp or reverse the words around it."""
    return isolated(shorten(label, LABEL_IN_TEXT_LIMIT))


def title_text(title: str) -> str:
    """A file's title for a heading or a list entry: one line (a line break made a lesson's step two list
    entries' worth, tabs and escape codes as spaces) and bidi-isolated (an unclosed U+202E in a lesson's
    title showed the rest of it reversed in the Lesson dock)."""
    return isolated(clean_text(title))


#: characters of one unbroken run (no space) a word-wrapped label shows before it may break it
WRAP_RUN = 24
_ZERO_WIDTH_SPACE = "\u200b"
_HTML_TAG = re.compile(r"(<[^>]*>)")


def wrappable(text: str, run: int = WRAP_RUN) -> str:
    """``text`` for a word-wrapped label: a run of more than ``run`` characters without a space gets a
    zero-width space after every ``run`` (Qt breaks lines only between words, so a label's narrowest
    width was its longest word: a lesson title of 200 letters made the Lesson dock 2,993 px wide and the
    window 3,589). Nothing changes on screen where the line has room, nor in text with shorter words."""
    if len(text) <= run:
        return text
    out, unbroken = [], 0
    for ch in text:
        breaks = ch.isspace() or ch == _ZERO_WIDTH_SPACE  # (text made wrappable before keeps its breaks)
        if unbroken >= run and not breaks and not unicodedata.combining(ch):  # (an accent stays on its letter)
            out.append(_ZERO_WIDTH_SPACE)
            unbroken = 0
        out.append(ch)
        unbroken = 0 if breaks else unbroken + 1
    return "".join(out)


def wrappable_html(markup: str, run: int = WRAP_RUN) -> str:
    """Escaped HTML (``designer.lessons.to_html``) for a word-wrapped rich-text label: the text between
    its tags made :func:`wrappable`, the tags left alone. A lesson step's URL or 120-letter word in the
    presentation's strip ran past the screen's edge, cut, and pushed the window wider than the screen."""
    parts = _HTML_TAG.split(markup)
    for i in range(0, len(parts), 2):  # even parts are text, odd ones the tags between them
        text = html.unescape(parts[i])
        wrapped = wrappable(text, run)
        if wrapped != text:
            parts[i] = html.escape(wrapped, quote=True)
    return "".join(parts)


def set_plain(widget: QLabel, text: str) -> None:
    """Show ``text`` literally in a label-like widget (switched to plain text first, then set)."""
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setText(undecodable_escaped(str(text)))


def tooltip(text: str) -> str:
    """A tooltip string that Qt shows literally (tooltips guess rich text and cannot be told not to)."""
    return f"<p style='white-space:pre-wrap'>{escape(text, line_breaks=True)}</p>"


def literal_tooltip(text: str) -> str:
    """``text`` as it is when a tooltip shows it literally ("Undo move"), else through :func:`tooltip`:
    the test is Qt's own guess (``Qt::mightBeRichText``), which the tooltip's label makes."""
    return tooltip(text) if QtGui.Qt.mightBeRichText(text) else text


def message_box(
    parent: QWidget | None,
    kind: str,
    title: str,
    text: str,
    informative: str = "",
    buttons: QMessageBox.StandardButton = Button.Ok,
    default: QMessageBox.StandardButton = Button.NoButton,
    labels: dict[QMessageBox.StandardButton, str] | None = None,
) -> QMessageBox:
    """A QMessageBox whose text and informative text are plain text (not shown yet).

    ``kind`` is "information", "warning", "critical" or "question"; ``labels`` names buttons by what
    they do ("Remove from List" for Yes). For a non-modal notice call ``open()`` on the result;
    :func:`plain_message` runs it modally.
    """
    box = QMessageBox(_ICONS[kind], shorten(undecodable_escaped(title), 200), "", buttons, parent)
    for button, label in (labels or {}).items():
        box.button(button).setText(label)
    box.setTextFormat(Qt.TextFormat.PlainText)  # before any text: nothing is ever parsed as HTML
    box.setText(shorten(undecodable_escaped(text)))  # (a file name that is not UTF-8 as escapes)
    if informative:
        box.setInformativeText(shorten(undecodable_escaped(informative)))
    if default != Button.NoButton:
        box.setDefaultButton(default)
    return box


def plain_message(*args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
    """Show :func:`message_box` (same arguments) modally; the button the user chose."""
    box = message_box(*args, **kwargs)
    try:
        return _answer(box, box.exec())
    finally:
        box.deleteLater()


def save_first(parent: QWidget, title: str, question: str, save: Callable[[], bool], why: str = "") -> bool:
    """Save / Discard / Cancel about unsaved work; True when it is fine to go on (saved or discarded).
    ``why``: what is about to replace the work, under the question."""
    answer = plain_message(
        parent,
        "question",
        title,
        question,
        why,
        buttons=Button.Save | Button.Discard | Button.Cancel,
        default=Button.Save,
    )
    if answer == Button.Save:
        return save()
    return answer == Button.Discard


def _answer(box: QMessageBox, code: int) -> QMessageBox.StandardButton:
    """The button ``exec`` returned; Cancel (or the only button) when the box was closed otherwise.

    An event loop left by ``QApplication.exit`` (a quit signal) returns a code that is no button.
    """
    offered = box.standardButtons()
    for button in (Button.Ok, Button.Save, Button.Discard, Button.Reset, Button.Yes, Button.No, Button.Cancel):
        if code == button.value and offered & button:
            return button
    return Button.Cancel if offered & Button.Cancel else Button.NoButton
