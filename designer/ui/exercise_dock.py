"""The Exercise dock: where the Exercise panel lives, with its View toggle and File ▸ Open Exercise….

The panel (its browser and target picture use pyqtgraph) is built when the dock is first shown
or asked for, so opening the window does not wait for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDockWidget, QFileDialog, QFrame, QScrollArea, QWidget

from designer.ui.keys import no_tab_stop
from designer.ui.remembered import last_folder, remember_folder

if TYPE_CHECKING:
    from designer.exercises.answers import Answers
    from designer.model import Network
    from designer.ui.exercise_panel import ExercisePanel


#: The Exercise dock's narrowest (px): a prompt, its buttons two by two and answer fields stay legible.
MIN_WIDTH = 220


class UpAndDown(QScrollArea):
    """Scrolls its widget up and down only: as wide as the widget needs (the column keeps its width),
    as low as the window leaves room for.

    The scroll bar's room is kept while it is hidden: a failed check's reasons brought the bar up, and
    the panel, its buttons and its wrapped text jumped 14 px narrower (and wider again on a pass)."""

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        no_tab_stop(self)
        self.verticalScrollBar().installEventFilter(self)
        self._keep_bar_room()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.verticalScrollBar() and event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self._keep_bar_room()
        return super().eventFilter(obj, event)

    def showEvent(self, event: QShowEvent) -> None:
        """The bar's room again as the dock comes up: a bar hidden while the dock was (its range gone as a
        lesson step changed) sent no Hide to watch, and the room stayed 0 with no bar; once the bar came
        and went again the page stood 312 px wide in a 306 px viewport, its right edge cut."""
        super().showEvent(event)
        self._keep_bar_room()

    def _keep_bar_room(self) -> None:
        """The viewport as wide with the scroll bar as without it: an empty margin where the bar goes."""
        bar = self.verticalScrollBar()
        room = 0 if bar.isVisibleTo(self) else bar.sizeHint().width()
        if self.isRightToLeft():
            self.setViewportMargins(room, 0, 0, 0)
        else:
            self.setViewportMargins(0, 0, room, 0)

    def minimumSizeHint(self) -> QSize:
        inner = self.widget()
        width = inner.minimumSizeHint().width() if inner is not None else 0
        return QSize(width + self.verticalScrollBar().sizeHint().width(), super().minimumSizeHint().height())


class ExerciseDock(QDockWidget):
    """The Exercise dock with its View toggle and File ▸ Open Exercise…; built by the main window."""

    def __init__(self, window, document, files, session, region, fit) -> None:
        super().__init__("Exercise", window)
        self.setObjectName("exerciseDock")
        self.document = document
        self._panel: ExercisePanel | None = None
        self._scroll: QScrollArea | None = None
        self._room_made = False
        self._parts = (document, files, session, region, fit, window.report, window.statusBar())
        self._scene = window.scene
        self.setWidget(QWidget())  # the panel (with its plots) is built when first shown or asked for
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self)
        window.menu("view").addAction(self.toggleViewAction())
        action = window.add_action("open_exercise", "Open &Exercise…", self.open_dialog)
        window.menu("file").insertAction(window.actions["save"], action)
        document.replaced.connect(self.follow_document)
        window.resizeDocks([self], [360], Qt.Orientation.Horizontal)
        self.hide()

    @property
    def solving(self) -> bool:
        """Whether an exercise is being solved (False before the panel is built: nothing is)."""
        return self._panel is not None and self._panel.solving

    @property
    def drilling(self) -> bool:
        """Whether a chain-rule drill is on show."""
        return self._panel is not None and self._panel.chain_mode

    @property
    def panel(self) -> ExercisePanel:
        if self._panel is None:
            from designer.ui.exercise_panel import ExercisePanel

            self._panel = ExercisePanel(*self._parts)
            self._panel.chain.focused.connect(self._highlight)
            # it scrolls where the column is low (a 1366×768 laptop with the Lesson dock above): its
            # full height pushed the Training/Exercise tab bar over its own text
            self._scroll = UpAndDown()
            self._scroll.setObjectName("exerciseScroll")
            # a legible column however the window shares its width (the Start button's long text had
            # kept it so; with a short one the dock fell to 134 px at 1000×720 and cut every line)
            self._scroll.setMinimumWidth(MIN_WIDTH)
            self._scroll.setAccessibleName("Exercise")
            self._scroll.setWidget(self._panel)
            self.setWidget(self._scroll)
            self._panel.solving_started.connect(self.bring_up)
            self._panel.exercise_missing.connect(self.bring_up)
            self._panel.follow_document()  # a network saved from an exercise is solved at once
        return self._panel

    def take_back(self, panel: QWidget) -> None:
        """The panel back from the presentation stage, into its scroll area (which still points at it:
        take it out first, or setting it again would do nothing)."""
        self._scroll.takeWidget()
        self._scroll.setWidget(panel)

    def confirm_discard(self) -> bool:
        """Before the window closes: typed chain-rule answers are offered a save (nothing to ask when the
        panel was never built); True if it is fine to go on."""
        return self._panel is None or self._panel.chain.confirm_discard()

    def may_leave_for(self, network: Network | None) -> bool:
        """Before ``network`` replaces the open one: a drill on show that it leaves (any network not saved
        from the drill) offers its typed answers a save, as clicking another exercise does; True to go on."""
        panel = self._panel
        if panel is None or not panel.chain_mode:
            return True
        if network is not None and network.extras.get("exercise") == panel.shown_id:
            return True  # the drill's own network (Load its network, a file saved from it): the drill stays
        return panel.chain.confirm_discard()

    def unsaved_answers(self) -> tuple[str, Path | None] | None:
        """The drill's typed answers not saved yet as an answers file's text, with the answers file they
        belong to (autosaved for crash recovery); None when nothing is unsaved."""
        chain = self._panel.chain if self._panel is not None else None
        if chain is None or not chain.unsaved:
            return None
        return chain.answers_text(), chain.path

    def answers_file(self) -> Path | None:
        """The answers file the drill on show was opened from or saved to (None: no drill, or none yet)."""
        panel = self._panel
        return panel.chain.path if panel is not None and panel.chain_mode else None

    def restore_answers(self, answers: Answers, path: Path | None) -> str | None:
        """Answers autosaved before a crash back in their drill, unsaved, on their answers file (if any):
        None when done, else why not."""
        reason = self.panel.open_answers(path, answers)
        if reason is None:
            self._panel.chain.mark_unsaved()
            self.bring_up()
        return reason

    def open_answers(self, path: Path, answers: Answers) -> str | None:
        """File ▸ Open of a chain-rule answers file: its drill, with the saved entries, comes up here."""
        reason = self.panel.open_answers(path, answers)
        if reason is None:
            self.bring_up()
        return reason

    def showEvent(self, event) -> None:
        self.panel  # noqa: B018 - built on first show
        super().showEvent(event)
        window = self.parentWidget()
        if not self._room_made and not window.isFullScreen():
            # the placeholder had no width: make room for the panel once, or it spills over the canvas
            self._room_made = True
            width = max(360, self._panel.minimumSizeHint().width())
            window.resizeDocks([self], [width], Qt.Orientation.Horizontal)

    def follow_document(self) -> None:
        """Another network is open: a file saved from an exercise brings the exercise (and this dock) up;
        any other network leaves the exercise (a panel not built yet has none to leave)."""
        if self._panel is not None:
            self._panel.follow_document()
        elif isinstance(self.document.network.extras.get("exercise"), str):
            self.panel  # noqa: B018 - built now: it follows the file and comes up

    def bring_up(self) -> None:
        """An exercise is being solved: its dock is in view (File ▸ Open of a file saved from one);
        full screen (presenting), what is shown is the presentation's choice."""
        if not self.parentWidget().isFullScreen():
            self.show()
            self.raise_()

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
        if path and self.may_leave_for(None):  # the drill on show offers its typed answers a save
            remember_folder("exercises", Path(path))
            self.show()
            self.panel.open_exercise(path)
