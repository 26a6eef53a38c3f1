"""Small builders the Training panel's groups share: a named widget, a label that names its field."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


def named(widget, name: str):
    """``widget`` with its object name (tests, the presentation's chrome and style sheets find it by it)."""
    widget.setObjectName(name)
    return widget


def buddy(text: str, field: QWidget) -> QLabel:
    """A label that names ``field`` for a screen reader (its buddy), not only by sitting beside it."""
    label = QLabel(text)
    label.setBuddy(field)
    return label
