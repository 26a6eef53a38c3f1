"""The undo history as the window shows it: Undo/Redo actions named after their step, and the list."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QUndoView

from designer.ui.safetext import literal_tooltip
from designer.ui.undo import Document


class HistoryAction(QAction):
    """Undo or Redo, named after the step it would take ("Undo move")."""

    def __init__(self, text: str, parent: QObject) -> None:
        super().__init__(text, parent)
        self._text = text
        # a toolbar button stays "Undo": "Undo save the experiment with the network" pushed the
        # toolbar's last buttons into its overflow menu on a 1366 px screen (the tooltip names the step)
        self.setIconText(text.replace("&", ""))

    @Slot(str)
    def show_label(self, label: str) -> None:
        self.setText(f"{self._text} {label.replace('&', '&&')}".strip())  # an id's "&" is no shortcut letter
        tip = f"{self._text.replace('&', '')} {label}".strip()
        self.setToolTip(literal_tooltip(tip))  # a step names ids from a file: "Undo delete <img src=…>" drew it
        self.setStatusTip(tip)


class HistoryView(QUndoView):
    """The undo history; a live training run is committed before the user moves through it."""

    def __init__(self, document: Document) -> None:
        super().__init__(document.undo_stack)
        self.document = document

    def mousePressEvent(self, event) -> None:
        self.document.commit_live()
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:
        self.document.commit_live()
        super().keyPressEvent(event)
