"""A window of text to read beside the app (Help ▸ Keyboard Shortcuts, Help ▸ Getting Started)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMainWindow, QVBoxLayout, QWidget


class ReadingWindow(QDialog):
    """A dialog whose Esc may belong to someone else: Getting Started's steps say "press Esc" to end
    the canvas's tool, and Esc closed the page instead. With ``escape`` set, Esc calls it and the window
    stays; Ctrl+W (the platform's Close key) and the Close button close it."""

    def __init__(self, window: QMainWindow, escape: Callable[[], object] | None) -> None:
        super().__init__(window)
        self._escape = escape

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._escape is not None and event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self._escape()
            event.accept()
            return
        super().keyPressEvent(event)


def reading_window(
    window: QMainWindow,
    name: str,
    title: str,
    text: QWidget,
    size: tuple[int, int],
    *,
    escape: Callable[[], object] | None = None,
    place: Callable[[QMainWindow, tuple[int, int]], QRect] | None = None,
) -> QDialog:
    """``text`` in a window of its own with a Close button: not modal (the student tries what they read),
    gone when closed, at most ``size`` and never beyond the screen, the focus in the text (a screen
    reader starts reading there). ``escape``: what Esc does instead of closing (see
    :class:`ReadingWindow`; the Close keys then work in ``window`` too, where Esc leaves the keys);
    ``place``: where the window goes (its frame, on the screen), else Qt centres it over ``window``."""
    dialog = ReadingWindow(window, escape)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.close)
    close = close_keys(dialog)
    if escape is not None:  # Esc (and the keys the page passes on) make the main window active: its
        window.addAction(close)  # Ctrl+W closes the page too (else only once the page was clicked again)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(buttons)
    if place is None:
        screen = window.screen().availableGeometry()
        dialog.resize(min(size[0], screen.width() - 40), min(size[1], screen.height() - 80))
    else:
        frame = place(window, size)
        dialog.resize(frame.size() - frame_extra(window))
        dialog.move(frame.topLeft())  # (move places the frame, resize sizes what is inside it)
    dialog.show()
    text.setFocus()
    return dialog


def frame_extra(window: QMainWindow):
    """How much larger than its inside a window's frame is (title bar, borders), as the main window's
    is: the reading window's own frame is known only once it is shown."""
    return window.frameGeometry().size() - window.geometry().size()


def close_keys(dialog: QDialog) -> QAction:
    """Ctrl+W closes the window, and the platform's Close key (Ctrl+F4 on Windows) too: the action."""
    keys = [QKeySequence("Ctrl+W")]
    keys += [key for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Close) if key not in keys]
    close = QAction("Close", dialog)
    close.setShortcuts(keys)
    close.triggered.connect(dialog.close)
    dialog.addAction(close)
    return close
