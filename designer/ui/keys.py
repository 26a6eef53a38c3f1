"""Keys anywhere in the main window: tool keys work wherever the focus is, typing is never stolen.

The window's one-letter shortcuts (I, N, C, V, W, M, G, B, F, O…) are window-wide QActions, so
they work whether the canvas, a dock or a button has the focus. A text field keeps its keys:
an application event filter accepts the ShortcutOverride of a key that edits text (letters,
digits, Backspace, arrows, Esc…) in a line edit, spin box or combo box of this window, so the
key goes to the field instead of triggering a shortcut. Esc outside text fields ends a tool
(Add Input/Neuron, Connect) or unpins the probe before the focused widget sees it; Ctrl+Tab and
Ctrl+Shift+Tab go to the next / previous panel from any control (``ui/panel_jump.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

from designer.ui.panel_jump import has_tabs_of_its_own, panel_direction

K = Qt.Key
EDITING_KEYS = {
    K.Key_Escape,
    K.Key_Backspace,
    K.Key_Delete,
    K.Key_Left,
    K.Key_Right,
    K.Key_Up,
    K.Key_Down,
    K.Key_Home,
    K.Key_End,
    K.Key_PageUp,
    K.Key_PageDown,
    K.Key_Space,
}
#: the keys that move the caret in a read-only text (:func:`caret_in_read_only_text`)
CARET_KEYS = {K.Key_Left, K.Key_Right, K.Key_Up, K.Key_Down, K.Key_Home, K.Key_End, K.Key_PageUp, K.Key_PageDown}
COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
)


def keeps_keys(widget: QObject | None) -> bool:
    """Widgets whose keys are text (or pick an entry by its first letter): shortcuts leave them alone."""
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return not widget.isReadOnly()
    return isinstance(widget, QLineEdit | QAbstractSpinBox | QComboBox)


def moves_a_caret(widget: QObject | None, event: QKeyEvent) -> bool:
    """An arrow, Home/End or page key (Shift allowed) in a read-only text with a caret: it moves the
    caret instead of a window shortcut (→ and ← step a walk); letters stay the window's tool keys."""
    caret = isinstance(widget, QPlainTextEdit | QTextEdit) and bool(
        widget.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return caret and event.key() in CARET_KEYS and not event.modifiers() & COMMAND_MODIFIERS


def is_typing(event: QKeyEvent) -> bool:
    """A key that edits text: printable without Ctrl/Alt/Meta, or an editing key (not F1–F12)."""
    if event.modifiers() & COMMAND_MODIFIERS:
        return False
    return event.key() in EDITING_KEYS or (bool(event.text()) and event.text().isprintable())


class WindowKeys(QObject):
    """Built by the main window; ``escape()`` returns True when Esc was used, ``panels(forward)`` when
    Ctrl+Tab (or Ctrl+Shift+Tab) moved the focus to another panel.

    Key events go to the focused widget, so the filter follows the focus (and sits on the window
    for keys with no focused widget) instead of seeing every event of the application.
    """

    def __init__(self, window: QWidget, escape: Callable[[], bool], panels: Callable[[bool], bool]) -> None:
        super().__init__(window)
        self.window = window
        self.escape = escape
        self.panels = panels
        self._watched: QWidget | None = None
        window.installEventFilter(self)
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._watched is not None and isValid(self._watched):  # (at quit it may be gone already)
            self._watched.removeEventFilter(self)
            self._watched.destroyed.disconnect(self._gone)
        self._watched = None
        if new is not None and new is not self.window and self._inside(new):
            new.installEventFilter(self)
            new.destroyed.connect(self._gone)
            self._watched = new

    def _gone(self) -> None:
        self._watched = None

    def _inside(self, obj: QObject) -> bool:
        return isinstance(obj, QWidget) and obj.window() is self.window

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) or not self._inside(obj):
            return False
        forward = panel_direction(event)
        if kind == QEvent.Type.KeyPress and forward is not None and not has_tabs_of_its_own(obj):
            return self.panels(forward)  # before a text field, a table or the canvas uses the key
        if keeps_keys(obj) or keeps_keys(obj.parent()):  # the spin box's or combo's own line edit
            if kind == QEvent.Type.ShortcutOverride and is_typing(event):
                event.accept()  # the field gets the key; no window shortcut fires
            return False
        if kind == QEvent.Type.ShortcutOverride and moves_a_caret(obj, event):
            event.accept()  # the caret moves
            return False
        if kind == QEvent.Type.KeyPress and event.key() == K.Key_Escape and not event.modifiers():
            return self.escape()
        return False


def caret_in_read_only_text(text: QPlainTextEdit | QTextEdit) -> None:
    """A read-only text the focus reaches shows a caret that the arrow keys move (and select with
    Shift): without one, Tab onto the PyTorch code, the Math or the lesson text showed no focus at all,
    and a screen reader could not read it line by line."""
    text.setTextInteractionFlags(text.textInteractionFlags() | Qt.TextInteractionFlag.TextSelectableByKeyboard)


def picked_without_focus(combo: QComboBox) -> QComboBox:
    """A list of choices (not a text field) that a mouse click opens without taking the keyboard: the
    focus stays where it was (the canvas), so the window's tool keys go on working. A clicked list kept
    the focus, and a list picks an entry by its first letter: M (the neuron maps) right after choosing
    Adam switched the optimizer to momentum, N (Add Neuron) after choosing a dataset picked nand, and
    no one saw it. Tab still stops on it, and there its letters pick entries."""
    combo.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    return combo


def no_tab_stop(area: QAbstractScrollArea) -> None:
    """A panel's scroll area takes no focus: it shows no focus mark, so as a Tab stop of its own one Tab
    seemed to do nothing and typed text went nowhere. Tab goes on to its first field (and the area still
    scrolls a field that gets the focus into view)."""
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
