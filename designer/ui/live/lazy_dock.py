"""A dock whose content is built the first time it is shown or asked for.

Plots import pyqtgraph, and importing it before the window's first paint would delay the start;
such docks hold a placeholder until they are needed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget


class LazyDock(QDockWidget):
    """``content`` is ``build()``'s widget, made on first show or first use (hidden at first)."""

    def __init__(
        self, title: str, name: str, window: QMainWindow, area: Qt.DockWidgetArea, build: Callable[[], QWidget]
    ) -> None:
        super().__init__(title, window)
        self.setObjectName(name)
        self._build = build
        self._content: QWidget | None = None
        self.setWidget(QWidget())  # a placeholder until the content is built
        window.addDockWidget(area, self)
        self.hide()

    @property
    def built(self) -> bool:
        return self._content is not None

    @property
    def content(self):
        if self._content is None:
            self._content = self._build()
            self.setWidget(self._content)
        return self._content

    def showEvent(self, event) -> None:
        self.content  # noqa: B018 - built on first show
        super().showEvent(event)
