"""A view's whole content in a scroll area that asks for all the content needs: laid out whole where it
gets its room, scrolled as one where it is squeezed below that (a lesson presented on a 768 px screen)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from designer.ui.keys import no_tab_stop


class Body(QWidget):
    """A scrolled view's content: its height for a width is the least its layout shows whole in (a plot's
    preferred height would make it scroll where it fits)."""

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        return layout.totalMinimumHeightForWidth(width) if layout is not None else super().heightForWidth(width)


class ScrolledBody(QScrollArea):
    """``body`` scrolled vertically as one, never drawn over itself.

    Its size hints and height for a width are the body's own, so docks and the presentation stage give it
    the room it needs as before; only a parent that has less (a tab on a low screen) gets a scroll bar
    instead of a plot squeezed until its axis title sat on the text below it.
    """

    def __init__(self, body: QWidget) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        no_tab_stop(self)  # the body's controls take the focus
        self.setWidget(body)

    def minimumSizeHint(self) -> QSize:
        return self.widget().minimumSizeHint()

    def sizeHint(self) -> QSize:
        return self.widget().sizeHint()

    def hasHeightForWidth(self) -> bool:
        return self.widget().hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:
        return self.widget().heightForWidth(width)


def scrolled_column(view: QWidget, name: str) -> tuple[QVBoxLayout, ScrolledBody]:
    """``view``'s content as one column in a :class:`ScrolledBody` that fills ``view``: the column to fill,
    and the scroll area (object names ``<name>Body`` and ``<name>Scroll``)."""
    body = Body()
    body.setObjectName(f"{name}Body")
    column = QVBoxLayout(body)
    column.setContentsMargins(4, 4, 4, 4)
    column.setSpacing(3)
    scroll = ScrolledBody(body)
    scroll.setObjectName(f"{name}Scroll")
    layout = QVBoxLayout(view)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(scroll)
    return column, scroll
