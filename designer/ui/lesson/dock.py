"""The Lesson dock in the window, and the window's docks as they were before the lesson.

A lesson arranges the window's docks for each step (designer/ui/lesson/views.py); closing it puts
back the docks the user had, and a window closed during a lesson remembers those, not the lesson's,
for the next start (designer/ui/mainwindow.py).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QDockWidget, QWidget

from designer.ui.remembered import LAYOUT_VERSION


class LessonDock:
    """The dock holding the lesson's panel, and the window state it puts back."""

    def __init__(self, window, panel: QWidget, presentation) -> None:
        self.window = window
        self.presentation = presentation
        self.dock = QDockWidget("Lesson", window)
        self.dock.setObjectName("lessonDock")
        self.dock.setWidget(panel)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.dock.hide()
        #: the window's docks before the lesson opened (None: no lesson open)
        self.before: QByteArray | None = None

    def keep_before(self) -> None:
        """The docks as they are now (or as they were before presenting), put back when the lesson closes."""
        presenting = self.presentation.saved_layout()
        self.before = presenting[1] if presenting else self.window.saveState(LAYOUT_VERSION)

    def show(self) -> None:
        self.dock.show()
        self.dock.raise_()

    def put_back(self) -> None:
        """The lesson closed: the dock goes and the docks from before come back."""
        self.dock.hide()
        before, self.before = self.before, None
        if before is None:
            return
        if self.presentation.active:
            self.presentation.put_back_docks(before)  # leaving the stage puts them back
        else:
            self.window.restoreState(before, LAYOUT_VERSION)
