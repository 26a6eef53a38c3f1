"""Status-bar messages a screen reader says: "Connected h1 → h2", "Not allowed: …", "Solved: AND gate!".

The status bar is where the app answers an action, and a screen reader reads it only when asked to:
a student without sight pressed Enter on *Connect to ▸ AND* and heard nothing. Each message is also
sent as an announcement (Qt 6.8+, AT-SPI's announcement on Linux), politely: after what the reader
is saying. A message the focused widget's description already says (the canvas's hint for what Tab
selected) is not said twice.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QApplication, QWidget


def announce(source: QWidget, message: str) -> None:
    """Ask assistive tools to say ``message`` (from ``source``, e.g. the status bar)."""
    focus = QApplication.focusWidget()
    if not message or (focus is not None and focus.accessibleDescription() == message):
        return
    QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(source, message))
