"""Help ▸ Keyboard Shortcuts: every key of the window in one text a screen reader reads line by line.

The canvas's keys (Tab to select, Enter or F2 to edit, the Menu key…) were written only in the
README and the status bar's passing hints; the menus' shortcuts only beside their entries. A
student without a mouse had no place in the app to learn them. The menu part is read from the
menus themselves, so it never lists a key the app does not have.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QFontMetricsF, QKeySequence, QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QTextEdit

from designer.ui.reading_window import reading_window
from designer.ui.side_panel import beside_canvas

CANVAS_KEYS = """\
On the canvas
  Tab / Shift+Tab            select the next / previous node; each neuron is followed by its incoming connections
  Ctrl+Tab, Ctrl+Shift+Tab   leave the canvas keeping the selection; anywhere: the next / previous panel
  Enter or F2                edit the selection: a bias, a weight, an input's label, a feature's formula
  Arrows                     move the selected nodes one grid square (the presses in a row: one undo step);
                             with none selected: scroll; while a pass is walked, Left/Right step it
  Shift+arrows               move the selected nodes one column (Left, Right) or one row (Up, Down)
  Menu key or Shift+F10      the selection's menu: Activation, Edit bias, Output, Connect to, Connect from, Disconnect
  Delete                     delete the selection
  Esc                        end a tool; else let a pinned probe point go (a walk at it ends too);
                             else clear the selection; with a node held: cancel the move
  I / N, then Enter          place an input / a neuron (Enter again for the next one; Esc ends the tool)
  C, Tab to a node, Enter    the Connect tool without a drag: the node's Connect to, Connect from, Disconnect
  Alt + a menu's underlined letter opens it; in a menu, the underlined letter chooses the entry
  Alt+V, a panel's letter    open a panel (or bring its tab to the front), the focus in it"""


#: the width of the key column (a fixed-width font lines the entries up)
KEY_COLUMN = 25
#: keys named by a word that a keyboard has (Qt's standard shortcuts add keyboards' Open, Cut, F14… keys)
NAMED_KEYS = {"Del", "Backspace", "Esc", "Left", "Right", "Up", "Down", "Space", "Ins", "Home", "End", "PgUp", "PgDown"}


def _pressable(text: str) -> bool:
    """A key every keyboard has: a character, F1–F12 or a named key (Del, Esc, arrows…), modifiers aside."""
    key = "+" if text.endswith("+") else text.rsplit("+", 1)[-1]
    function_key = key[:1] == "F" and key[1:].isdigit() and 1 <= int(key[1:]) <= 12
    return len(key) == 1 or function_key or key in NAMED_KEYS


def _readable(shortcuts: list[QKeySequence]) -> list[str]:
    """The shortcuts a student can press: without the special keys of some keyboards (Open, Cut, F14)."""
    texts = (sequence.toString(QKeySequence.SequenceFormat.NativeText) for sequence in shortcuts)
    return [text for text in texts if _pressable(text)]


def _entries(menu: QMenu, path: str) -> list[str]:
    """``path ▸ entry    keys`` for every entry of ``menu`` (and its submenus) that has a shortcut."""
    lines = []
    for action in menu.actions():
        name = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        name, _, named_key = name.partition("\t")  # a key named in the shortcut column (Unpin Probe Point)
        if action.menu() is not None:
            lines += _entries(action.menu(), f"{path} ▸ {name}")
            continue
        keys = ", ".join(_readable(action.shortcuts())) or named_key
        if keys:
            lines.append(f"  {keys:<{KEY_COLUMN}}  {path} ▸ {name}")
    return lines


def keys_text(window: QMainWindow) -> str:
    """The canvas's keys, then each menu entry's shortcut, as plain text."""
    lines = [CANVAS_KEYS, "", "Menus"]
    for top in window.menuBar().actions():
        if top.menu() is not None:
            lines += _entries(top.menu(), top.text().replace("&", ""))
    return "\n".join(lines)


def show_keys(window: QMainWindow) -> QDialog:
    """The shortcuts in a window of their own (not modal: the student may try them as they read), beside
    the canvas: centred over the main window, it covered the canvas the keys are tried on."""
    text = QTextEdit()
    text.setObjectName("keyboardShortcutsText")
    text.setAcceptRichText(False)
    text.setPlainText(keys_text(window))
    text.setReadOnly(True)
    text.setTabChangesFocus(True)
    text.setAccessibleName("Keyboard shortcuts")
    text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))  # the key column lines up
    _hang_after_key_column(text)
    return reading_window(window, "keyboardShortcuts", "Keyboard Shortcuts", text, (900, 600), place=beside_canvas)


def _hang_after_key_column(text: QTextEdit) -> None:
    """Long lines wrap at the window's width and go on under the description, not under the keys: at
    1366×768 the window beside the canvas is some 570 px wide and the lines, not wrapped, were cut
    with a horizontal scroll bar ("leave the canvas keeping th…")."""
    text.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
    text.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    hang = QFontMetricsF(text.font()).horizontalAdvance(" " * (KEY_COLUMN + 4))
    hanging = QTextBlockFormat()
    hanging.setLeftMargin(hang)
    hanging.setTextIndent(-hang)  # the first line starts at the left edge, the ones it wraps into at the column
    cursor = QTextCursor(text.document())
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.mergeBlockFormat(hanging)
