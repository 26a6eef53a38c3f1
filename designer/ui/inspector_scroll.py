"""The Inspector dock's scroll area: it scrolls up and down, never sideways.

Its least width is what the Inspector's widest page needs (a neuron's: the Activation row with its
Output box, the weights table with its locked column), so the main window never makes the right column
narrower than that. Narrower (208 px after the window was made 1366×768 without the first start's
sizing) the page scrolled sideways and the Output box and the locked column were cut.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFrame, QScrollArea


class InspectorScroll(QScrollArea):
    def __init__(self, inspector) -> None:
        super().__init__()
        self.inspector = inspector
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(inspector)

    def minimumSizeHint(self) -> QSize:
        """The Inspector's least width beside a vertical scroll bar (a page taller than the dock keeps its
        width), whatever the height."""
        hint = super().minimumSizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), self.inspector.least_width() + bar + 2 * self.frameWidth()), hint.height())
