"""The main window: canvas in the centre, docks around it, menus, toolbars, status bar.

Every part is built here, in :meth:`MainWindow.__init__`, from explicit arguments: the document
(network + undo stack), the live session (compiled network, data, training), the canvas, and
the docks that show them. Look there to find where any dock comes from; the window's own actions,
menus and toolbar are built by ``window_menus.py`` (called from there too). The window's title
(``window_title.py``) and the Inspector's first-start height (``inspector_height.py``) are its base
classes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QPointF, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
)

from designer.formatting import undecodable_escaped
from designer.model import Network
from designer.ui.canvas.glyphs import recolor_activation_icons
from designer.ui.canvas.scene import NetworkScene
from designer.ui.canvas.view import HINTS, SELECT, CanvasView
from designer.ui.canvas_menu import canvas_menu, connect_menu
from designer.ui.dock_buttons import name_title_buttons
from designer.ui.dock_resize import SizesThroughResize
from designer.ui.dock_room import follow_view_actions
from designer.ui.editing import Editing
from designer.ui.exercise_dock import ExerciseDock
from designer.ui.experiment import Experiment
from designer.ui.export_views import Exports
from designer.ui.features import FeaturePalette
from designer.ui.files import FileController
from designer.ui.first_widths import share_width
from designer.ui.inspector import Inspector
from designer.ui.inspector_height import InspectorHeight
from designer.ui.inspector_scroll import InspectorScroll
from designer.ui.keys import WindowKeys, no_tab_stop
from designer.ui.lesson import LessonPlayer
from designer.ui.live import LiveViews, Session
from designer.ui.menu_letters import letter_entries
from designer.ui.panel_jump import jump_to_panel
from designer.ui.presentation import Presentation
from designer.ui.remembered import restore_geometry, restore_layout, save_window
from designer.ui.softmax import SoftmaxOutputs
from designer.ui.spoken import announce
from designer.ui.status_bar import MessageBar
from designer.ui.tab_walk import focus_panels_the_view_menu_opens, move_focus
from designer.ui.theme import desktop_theme
from designer.ui.undo import Document
from designer.ui.undo_widgets import HistoryView
from designer.ui.window_menus import TOOL_NAMES, build_actions, build_menus, build_toolbar, name_overflow_button
from designer.ui.window_title import WindowTitle

if TYPE_CHECKING:
    from designer.lessons import Lesson


class MainWindow(WindowTitle, InspectorHeight, QMainWindow):
    def __init__(self, network: Network | None = None, path: Path | None = None) -> None:
        super().__init__()
        self.setStatusBar(MessageBar())  # a message too long for the bar ends in "…", whole in its tooltip
        #: True when the geometry and dock layout of the last run were put back (then nothing is re-arranged)
        self.layout_restored = False
        #: the lesson step whose network is shown (it has no file): the title and export names say it
        self.shown_step: tuple[Lesson, int] | None = None
        self.document = Document(network, parent=self)
        self.document.path = path
        #: the live state every live view shows: compiled network, data, probe, training
        self.session = Session(self.document, parent=self)
        self.scene = NetworkScene(self.document, desktop_theme(self.palette()))  # dark on a dark desktop
        self.scene.show_values_of(self.session)
        self.view = CanvasView(self.scene)
        self.view.setObjectName("canvas")
        self.setCentralWidget(self.view)
        self.editing = Editing(self.scene, self.report)
        self.files = FileController(self, self.document, self.report)
        if path is not None:
            self.files.remember_disk(path)  # read just before this window was made (designer/ui/app.py)
        self.inspector = Inspector(self.scene, self.report)
        self.inspector.follow_values(self.session.values_changed)
        #: the features palette (Add Input's drop-down, Network ▸ Add Feature, the canvas's menu)
        self.features = FeaturePalette(self, self.document, self.scene)
        self.actions: dict[str, QAction] = {}
        self._build_docks()
        build_actions(self)
        menus = build_menus(self)
        self.menus = menus.top
        self.recent_menu, self.export_menu = menus.recent, menus.export
        self.feature_menu, self.activation_menu = menus.features, menus.activation
        self.toolbar = build_toolbar(self)
        self.tool_label = QLabel(TOOL_NAMES[SELECT])
        self.tool_label.setObjectName("toolLabel")
        self.statusBar().addPermanentWidget(self.tool_label)
        self.keys = WindowKeys(self, self._escape, self._next_panel)
        self.setAcceptDrops(True)
        self.view.status.connect(lambda message: self.report(message, say=message != HINTS[SELECT]))
        self.view.place_requested.connect(self._place)
        self.view.context_requested.connect(self._context_menu)
        self.view.connect_menu_requested.connect(self._connect_menu)
        self.document.refused.connect(lambda reason: self.report(f"Not allowed: {reason}"))
        self.document.undo_stack.cleanChanged.connect(self._update_title)
        self.document.path_changed.connect(self._update_title)
        self.document.replaced.connect(lambda: self.view.zoom_to_fit())  # another network; a save leaves the view
        self.document.replaced.connect(self.view.editor.cancel)  # the text was typed for the network before
        self.live = LiveViews(self, self.session, self.scene, self.view)
        self.exercise = ExerciseDock(
            self, self.document, self.files, self.session, lambda: self.live.region, self.view.zoom_to_fit
        )
        plots = {
            "region": lambda: self.live.region,
            "curves": lambda: self.live.curves,
            "activation": lambda: self.live.activation,
            "landscape": lambda: self.live.landscape,
        }
        self.exports = Exports(self, self.document, self.scene, plots)
        self.softmax = SoftmaxOutputs(self.document, self.live.panel, self.add_action)
        self.menu("network").insertAction(self.activation_menu.menuAction(), self.softmax.action)
        #: the experiment (data, settings, views) saved with the network and restored from a file
        self.experiment = Experiment(self, self.document, self.session, self.live.panel, self._views())
        self.files.experiment = self.experiment
        self.files.answers_opener = self.exercise.open_answers
        self.files.leave_guard = self.exercise.may_leave_for
        # the exercise and the training controls share the left column, one tab each
        self.tabifyDockWidget(self.live.training_dock, self.exercise)
        self.resize(1200, 760)
        self._docks_sized = False
        self._update_title()
        self.view.set_mode(SELECT)  # also shows the gestures in the status bar
        self.presentation = Presentation(self, self.live, self.exercise, self.exports)
        self.lessons = LessonPlayer(
            self, self.document, self.files, self.live, self.exercise, self.exports, self.presentation
        )
        self.exports.follow_lesson(lambda: self.shown_step)  # a step's exports are offered the step's name
        self.lessons.step_changed.connect(self._name_lesson_step)
        self.files.answers_to_keep = self._unsaved_answers
        self.files.answers_files = self._answers_files
        self.files.lesson_work = self.lessons.recovery_work  # a lesson's steps' edits are autosaved too
        self.files.kept_by_lesson = self.lessons.keep_before_a_file  # File ▸ Open in a step: the step keeps its edits
        self.files.new_in_lesson = self.lessons.new_network  # File ▸ New, Start in a step: the step's fresh network
        self.document.replaced.connect(self._forget_lesson_step)  # File ▸ New/Open; a step names itself again
        self.layout_restored = restore_geometry(self)  # the docks follow when the window is first shown
        follow_view_actions(self)  # a panel opened later gets room, or a tab beside a neighbour
        focus_panels_the_view_menu_opens(self, self.menu("view"))  # and, chosen by a key, the focus
        name_title_buttons(self)  # each panel's close and float buttons: a tooltip and a name
        SizesThroughResize(self)  # made smaller and as large again: the panels as they were
        for menu in (self.menu("view"), self.findChild(QMenu, "newMenu"), self.export_menu):
            letter_entries(menu)  # the panels', templates' and figures' entries, once all are in
        name_overflow_button(self.toolbar, "More tools")
        name_overflow_button(self.live.toolbar, "More training tools")

    def _views(self) -> dict:
        """The views a file's experiment may open, by the format's names."""
        live, exports = self.live, self.exports
        return {
            "regions": live.region_dock,
            "curves": live.curves_dock,
            "training": live.training_dock,
            "maps": self.actions["neuron_maps"],
            "gradients": self.actions["gradient_flow"],
            "math": exports.math_dock,
            "pytorch": exports.code_dock,
            "exercise": self.exercise,
        }

    # ------------------------------------------------------------------ ui
    def report(self, message: str, say: bool = True) -> None:
        """``message`` in the status bar, and said by a screen reader unless ``say`` is False (the
        Select tool's mouse gestures, shown at every return to it)."""
        shown = undecodable_escaped(message)  # a file name that is not UTF-8
        self.statusBar().showMessage(shown, 12_000)
        if say:
            announce(self.statusBar(), shown)

    def _build_docks(self) -> None:
        dock = QDockWidget("Inspector", self)
        dock.setObjectName("inspectorDock")
        # scrolls when short: the neuron page with a long weight table would otherwise set the dock's
        # minimum height and squeeze every view below it
        scroll = InspectorScroll(self.inspector)  # and never sideways: the dock is as wide as its pages need
        scroll.setAccessibleName("Inspector")
        # no Tab stop of its own (it shows no focus mark): Ctrl+Tab from the canvas lands on the first field
        no_tab_stop(scroll)
        dock.setWidget(scroll)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.inspector_dock = dock
        history = QDockWidget("History", self)
        history.setObjectName("historyDock")
        history_view = HistoryView(self.document)
        history_view.setAccessibleName("Undo history")
        history.setWidget(history_view)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, history)
        history.hide()
        self.history_dock = history

    def add_action(self, key: str, text: str, slot, shortcut=None, tip: str = "", checkable: bool = False) -> QAction:
        """A window-wide QAction registered as ``actions[key]`` (menus, toolbars and tests find it there)."""
        action = QAction(text, self)
        tip = tip or text.replace("&", "").replace("…", "")
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setCheckable(checkable)
        return self.register_action(key, action, slot, shortcut)

    def register_action(self, key: str, action: QAction, slot, shortcut=None) -> QAction:
        """Give ``action`` its key, shortcut and slot, and make it window-wide."""
        action.setObjectName(key)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(QKeySequence.keyBindings(shortcut))  # every binding the platform has
        elif shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        if action.isCheckable():
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda checked=False: slot())
        self.actions[key] = action
        self.addAction(action)
        return action

    def menu(self, name: str) -> QMenu:
        """A top-level menu by name: file, edit, view, network, help."""
        return self.menus[name]

    # ------------------------------------------------------------ behaviour
    def _escape(self) -> bool:
        """Esc outside text fields: end the tool (back to Select), else unpin the probe; False: not used."""
        if self.view.cancel_drag():
            return True
        if self.view.mode != SELECT:
            self.view.set_mode(SELECT)
            return True
        if self.session.probe_pinned:
            self.live.unpin_probe()
            return True
        return False

    def _next_panel(self, forward: bool) -> bool:
        """Ctrl+Tab / Ctrl+Shift+Tab: the next / previous panel; a node Tab selected on the canvas is
        shown in the Inspector first (its fields are then the Inspector's first stop). A value typed on
        the canvas is applied first (its editor, closing, put the focus back on the canvas: the value
        went in, the focus stayed); one that is not a number keeps the editor, marked, and the focus."""
        editor = self.view.editor
        if editor.active:
            editor.commit()
            if editor.active:
                return True
        self.scene.flush_selection()
        return jump_to_panel(self, forward, self.report)

    def _place(self, kind: str, pos: QPointF) -> None:
        if kind == "input":
            self.editing.add_input(pos)
        else:
            self.editing.add_neuron(pos)

    def _context_menu(self, pos: QPointF, target: object) -> None:
        self._last_menu = canvas_menu(self, pos, target)
        self._last_menu.popup(self.view.viewport().mapToGlobal(self.view.mapFromScene(pos)))

    def _connect_menu(self, pos: QPointF, target: object) -> None:
        self._last_menu = connect_menu(self, target)
        self._last_menu.popup(self.view.viewport().mapToGlobal(self.view.mapFromScene(pos)))

    def _unsaved_answers(self) -> list[tuple[str, Path | None]]:
        """Typed chain-rule answers not saved, one drill's each: the Exercise dock's, then those a lesson
        keeps for its steps not on show (the window's recovery slot keeps them all)."""
        shown = self.exercise.unsaved_answers()
        return [*([shown] if shown is not None else []), *self.lessons.unsaved_answers()]

    def _answers_files(self) -> list[tuple[Path, str, str]]:
        """The answers files of the drills in this window, each with what it is and its drill's id: the
        Exercise dock's, then those of the lesson's steps not on show (File ▸ Save As writes no network
        over any of them, Save answers… no other drill's answers)."""
        shown = self.exercise.answers_file()  # (None while the panel is not built)
        drill = self.exercise.panel.shown_id if shown is not None else None
        on_show = [(shown, "the open chain-rule answers file", drill or "")] if shown is not None else []
        return [*on_show, *self.lessons.answers_files()]

    # -------------------------------------------------------- window events
    def showEvent(self, event) -> None:
        restoring = not self._docks_sized and self.layout_restored
        if restoring:
            self._docks_sized = True
            restore_layout(self)
        super().showEvent(event)
        if restoring:  # the size again, now that the restored docks set the window's minimum size
            self.layout().activate()
            restore_geometry(self)
        if not self._docks_sized:  # dock sizes only stick once the window has its size
            self._docks_sized = True
            self.resizeDocks([self.inspector_dock], [290], Qt.Orientation.Horizontal)
            if self.exercise.isVisible():
                self.resizeDocks([self.exercise], [360], Qt.Orientation.Horizontal)

    def size_right_column(self) -> None:
        """At a first start (app.run, once the region view is filled in): the Inspector's neuron page
        (with its weights and formula) fits above Decision Regions, whose narrow plot gains nothing from more
        height than its width. Then, the first start's panels in place, the canvas gets a fair share of a
        small window's width (not in a lesson, which sizes its own layout). Both a turn of the event loop
        later: after the docks' first arrangement (LiveViews), which would undo them."""
        QTimer.singleShot(0, self, self._size_inspector_height)
        QTimer.singleShot(0, self, lambda: None if self.lessons.is_open else share_width(self))

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab skip the panels Qt parks outside the window behind a dock tab."""
        moved = move_focus(self, next)
        return super().focusNextPrevChild(next) if moved is None else moved

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and urls[0].toLocalFile().lower().endswith(".json"):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = Path(event.mimeData().urls()[0].toLocalFile())
        event.acceptProposedAction()
        self.files.open_path(path, ask_first=True)

    def changeEvent(self, event: QEvent) -> None:
        """The desktop switched between light and dark: canvas and plots follow (not while presenting:
        the presentation sets the window's palette to its own theme's, and puts the theme back on leaving)."""
        super().changeEvent(event)
        presentation = getattr(self, "presentation", None)  # (None while the window is being built)
        if event.type() == QEvent.Type.PaletteChange and presentation and not presentation.active:
            theme = desktop_theme(self.palette())
            if theme is not self.scene.theme:
                self.scene.set_theme(theme)
                recolor_activation_icons(self.findChildren(QComboBox, "activationCombo"), self.activation_menu)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not (self.exercise.confirm_discard() and self.lessons.confirm_quit() and self.files.confirm_discard()):
            event.ignore()
            return
        if self.presentation.active:  # only now: Cancel on a question above keeps the presenter on the stage
            self.presentation.leave()
        self.live.training.pause()  # a run in progress becomes an undo step before anything is torn down
        self.files.clear_recovery(answers_too=True)
        self.lessons.recovery.closed()  # (its step on show was kept for a crash)
        self.scene.detach()
        self.session.detach()
        save_window(self, *self._layout_to_remember())  # geometry and docks come back on the next start
        event.accept()

    def _layout_to_remember(self) -> tuple[QByteArray | None, QByteArray | None]:
        """Geometry and docks for the next start: as they were before presenting and before a lesson
        (None: the window's own)."""
        presenting = self.presentation.saved_layout()
        geometry, state = presenting if presenting is not None else (None, None)
        lesson = self.lessons.docks_before()
        return geometry, lesson if lesson is not None else state
