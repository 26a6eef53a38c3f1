"""A window of text to read beside the app (Help ▸ Keyboard Shortcuts, Help ▸ Getting Started)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMainWindow, QVBoxLayout, QWidget


def reading_window(window: QMainWindow, name: str, title: str, text: QWidget, size: tuple[int, int]) -> QDialog:
    """``text`` in a window of its own with a Close button: not modal (the student tries what they read),
    gone when closed, at most ``size`` and never beyond the screen, the focus in the text (a screen
    reader starts reading there)."""
    dialog = QDialog(window)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(buttons)
    screen = window.screen().availableGeometry()
    dialog.resize(min(size[0], screen.width() - 40), min(size[1], screen.height() - 80))
    dialog.show()
    text.setFocus()
    return dialog
