"""The Exercise dock: where the Exercise panel lives, with its View toggle and File ▸ Open Exercise….

The panel (its browser and target picture use pyqtgraph) is built when the dock is first shown
or asked for, so opening the window does not wait for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QFileDialog, QWidget

from designer.exercises import load_exercise
from designer.model import FormatError
from designer.ui.remembered import last_folder, remember_folder

if TYPE_CHECKING:
    from designer.ui.exercise_panel import ExercisePanel


class ExerciseDock(QDockWidget):
    """The Exercise dock with its View toggle and File ▸ Open Exercise…; built by the main window."""

    def __init__(self, window, document, files, region, fit) -> None:
        super().__init__("Exercise", window)
        self.setObjectName("exerciseDock")
        self.document = document
        self._panel: ExercisePanel | None = None
        self._parts = (document, files, region, fit, window.report)
        self._scene = window.scene
        self.setWidget(QWidget())  # the panel (with its plots) is built when first shown or asked for
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self)
        window.menu("view").addAction(self.toggleViewAction())
        action = window.add_action("open_exercise", "Open &Exercise…", self.open_dialog)
        window.menu("file").insertAction(window.actions["save"], action)
        document.path_changed.connect(self.follow_file)
        self.follow_file()
        window.resizeDocks([self], [360], Qt.Orientation.Horizontal)
        self.hide()

    @property
    def panel(self) -> ExercisePanel:
        if self._panel is None:
            from designer.ui.exercise_panel import ExercisePanel

            self._panel = ExercisePanel(*self._parts)
            self._panel.chain.focused.connect(self._highlight)
            self.setWidget(self._panel)
            self.follow_file()
        return self._panel

    def showEvent(self, event) -> None:
        self.panel  # noqa: B018 - built on first show
        super().showEvent(event)

    def _highlight(self, quantity) -> None:
        """The entry being typed: its neuron, or its connection, selected on the canvas."""
        if quantity.kind == "w":
            key = (quantity.source, quantity.node)
            if key in self.document.network.connections:  # the exercise's network may not be loaded
                self._scene.select_connection(key)
        else:
            self._scene.select_nodes([quantity.node])

    def open_dialog(self) -> None:
        start = str(last_folder("exercises"))
        path, _ = QFileDialog.getOpenFileName(self, "Open exercise", start, "NN Designer exercises (*.json)")
        if path:
            remember_folder("exercises", Path(path))
            self.show()
            self.panel.open_exercise(path)

    def follow_file(self) -> None:
        """A file saved from an exercise names it: reopening it reopens the exercise."""
        exercise_id = self.document.network.extras.get("exercise")
        if not isinstance(exercise_id, str) or self._panel is None:
            return  # a panel built later follows the file then
        panel = self._panel
        if panel.shown_id != exercise_id:
            try:
                panel.set_exercise(load_exercise(exercise_id))
            except FormatError:
                return
