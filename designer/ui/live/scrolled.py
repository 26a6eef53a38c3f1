"""A view's whole content in a scroll area that asks for all the content needs: laid out whole where it
gets its room, scrolled as one where it is squeezed below that (a lesson presented on a 768 px screen)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from designer.ui.keys import no_tab_stop


class Measured(Protocol):
    """A view whose content is arranged by the room it gets (the Loss Landscape's readout beside or under
    its plot): it says what it needs in whichever arrangement it would take, not in the one it has now."""

    def needed_height(self, width: int) -> int: ...

    def least_height(self) -> int: ...


class Body(QWidget):
    """A scrolled view's content: its height for a width is the least its layout shows whole in (a plot's
    preferred height would make it scroll where it fits)."""

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        return layout.totalMinimumHeightForWidth(width) if layout is not None else super().heightForWidth(width)


class ScrolledBody(QScrollArea):
    """``body`` scrolled vertically as one, never drawn over itself.

    Its size hints and height for a width are the body's own (or what ``measured`` says), so docks and the
    presentation stage give it the room it needs as before; only a parent that has less (a tab on a low
    screen) gets a scroll bar instead of a plot squeezed until its axis title sat on the text below it.
    The hints follow the body's whenever its layout changes (they were kept from the layout before: the
    Loss Landscape's grown readout was not counted, the stage put it in a row too low for it), and the
    scroll bar's width is asked for too (else the bar covered the body's right edge: the range fields
    were cut).
    """

    def __init__(self, body: QWidget, measured: Measured | None = None) -> None:
        super().__init__()
        self.measured = measured
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        no_tab_stop(self)  # the body's controls take the focus
        self.setWidget(body)
        body.installEventFilter(self)

    def _bar_width(self) -> int:
        """Room for the scroll bar, always (asked for only while it showed, the bar came and went: the
        width it took made the readout beside the plot fit, which took the bar away)."""
        return self.verticalScrollBar().sizeHint().width()

    def minimumSizeHint(self) -> QSize:
        hint = self.widget().minimumSizeHint()
        height = self.measured.least_height() if self.measured is not None else hint.height()
        return QSize(hint.width() + self._bar_width(), height)

    def sizeHint(self) -> QSize:
        hint = self.widget().sizeHint()
        return QSize(hint.width() + self._bar_width(), hint.height())

    def hasHeightForWidth(self) -> bool:
        return self.measured is not None or self.widget().hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:
        if self.measured is not None:
            return self.measured.needed_height(width)
        return self.widget().heightForWidth(width)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if obj is self.widget() and kind == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the parent's layout asks again (a lesson stage arranges itself again)
        return super().eventFilter(obj, event)


def scrolled_column(view: QWidget, name: str, measured: Measured | None = None) -> tuple[QVBoxLayout, ScrolledBody]:
    """``view``'s content as one column in a :class:`ScrolledBody` that fills ``view``: the column to fill,
    and the scroll area (object names ``<name>Body`` and ``<name>Scroll``)."""
    body = Body()
    body.setObjectName(f"{name}Body")
    column = QVBoxLayout(body)
    column.setContentsMargins(4, 4, 4, 4)
    column.setSpacing(3)
    scroll = ScrolledBody(body, measured)
    scroll.setObjectName(f"{name}Scroll")
    layout = QVBoxLayout(view)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(scroll)
    return column, scroll
