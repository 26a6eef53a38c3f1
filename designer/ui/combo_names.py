"""A name for a combo box that has no visible label, as a screen reader on Linux reads it.

On Linux (AT-SPI, which Orca reads) Qt gives a combo box its current entry as its name ("step",
"SGD") and ignores its accessible name: the label comes from the "labelled by" relation, which Qt
builds from a QLabel beside it whose buddy it is. So the Activation box was read as "step combo
box". :func:`name_combo` sets the accessible name (read on Windows and macOS) and adds a hidden
buddy label beside the box, moved along when the box gets its parent.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QComboBox, QLabel


class _HiddenLabel(QObject):
    """Keeps the hidden buddy label a sibling of its combo box (Qt looks for labels there)."""

    def __init__(self, combo: QComboBox, name: str) -> None:
        super().__init__(combo)
        self.combo = combo
        self.label = QLabel(name.replace("&", "&&"), combo)
        self.label.setObjectName(f"{combo.objectName() or 'combo'}SpokenLabel")
        self.label.setBuddy(combo)
        self.label.hide()
        combo.destroyed.connect(self.label.deleteLater)  # once moved beside it, the box no longer owns it
        self._follow()
        combo.installEventFilter(self)

    def _follow(self) -> None:
        parent = self.combo.parentWidget()
        if parent is not None and self.label.parentWidget() is not parent:
            self.label.setParent(parent)
            self.label.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ParentChange:
            self._follow()
        return False


def name_combo(combo: QComboBox, name: str) -> None:
    """``combo`` (with no visible label of its own) is called ``name`` by every screen reader; once per box."""
    combo.setAccessibleName(name)
    _HiddenLabel(combo, name)
