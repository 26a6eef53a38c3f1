"""The main window: canvas in the centre, docks around it, menus, toolbars, status bar.

Every part is built here, in :meth:`MainWindow.__init__`, from explicit arguments: the document
(network + undo stack), the live session (compiled network, data, training), the canvas, and
the docks that show them. Look there to find where any dock or menu entry comes from.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QPointF, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QToolBar,
    QToolButton,
)

from designer import __version__
from designer.formatting import clean_text, isolated
from designer.model import ACTIVATIONS, Network
from designer.model.layout import layer_slot
from designer.model.templates import TEMPLATES
from designer.ui.canvas.glyphs import activation_icon
from designer.ui.canvas.scene import NetworkScene
from designer.ui.canvas.view import ADD_INPUT, ADD_NEURON, CONNECT, SELECT, CanvasView
from designer.ui.canvas_menu import canvas_menu
from designer.ui.editing import AddLayerDialog, Editing
from designer.ui.exercise_dock import ExerciseDock
from designer.ui.experiment import Experiment
from designer.ui.export_views import Exports
from designer.ui.features import FeaturePalette
from designer.ui.files import FileController
from designer.ui.inspector import Inspector
from designer.ui.keys import WindowKeys
from designer.ui.lesson import LessonPlayer
from designer.ui.live import LiveViews, Session
from designer.ui.presentation import Presentation
from designer.ui.remembered import recent_labels, restore_geometry, restore_layout, save_window
from designer.ui.safetext import tooltip
from designer.ui.softmax import SoftmaxOutputs
from designer.ui.undo import Document
from designer.ui.undo_widgets import HistoryAction, HistoryView

if TYPE_CHECKING:
    from designer.lessons import Lesson

TOOLS = (  # key, canvas mode, text, shortcut, tip
    ("mode_select", SELECT, "&Select / Move", "V", "Select and move (V)"),
    ("mode_connect", CONNECT, "&Connect", "C", "Connect: drag from one node to another (C; Esc ends)"),
    ("add_input", ADD_INPUT, "Add &Input", "I", "Add inputs: one per click on the canvas (I; Esc ends)"),
    ("add_neuron", ADD_NEURON, "Add &Neuron", "N", "Add neurons: one per click on the canvas (N; Esc ends)"),
)

TOOL_NAMES = {
    SELECT: "Tool: Select",
    CONNECT: "Tool: Connect — Esc ends",
    ADD_INPUT: "Tool: Add Input — click to place, Esc ends",
    ADD_NEURON: "Tool: Add Neuron — click to place, Esc ends",
}


#: of the window's height, for the Inspector above Decision Regions at the first start
INSPECTOR_HEIGHT_SHARE = 0.42


class MainWindow(QMainWindow):
    def __init__(self, network: Network | None = None, path: Path | None = None) -> None:
        super().__init__()
        #: True when the geometry and dock layout of the last run were put back (then nothing is re-arranged)
        self.layout_restored = False
        #: the lesson step whose network is shown (it has no file): the title and export names say it
        self.shown_step: tuple[Lesson, int] | None = None
        self.document = Document(network, parent=self)
        self.document.path = path
        #: the live state every live view shows: compiled network, data, probe, training
        self.session = Session(self.document, parent=self)
        self.scene = NetworkScene(self.document)
        self.scene.show_values_of(self.session)
        self.view = CanvasView(self.scene)
        self.view.setObjectName("canvas")
        self.setCentralWidget(self.view)
        self.editing = Editing(self.scene, self.report)
        self.files = FileController(self, self.document, self.report)
        self.inspector = Inspector(self.scene, self.report)
        self.inspector.follow_values(self.session.values_changed)
        #: the features palette (Add Input's drop-down, Network ▸ Add Feature, the canvas's menu)
        self.features = FeaturePalette(self, self.document, self.scene)
        self.actions: dict[str, QAction] = {}
        self._build_docks()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.tool_label = QLabel(TOOL_NAMES[SELECT])
        self.tool_label.setObjectName("toolLabel")
        self.statusBar().addPermanentWidget(self.tool_label)
        self.keys = WindowKeys(self, self._escape)
        self.setAcceptDrops(True)
        self.view.status.connect(self.report)
        self.view.place_requested.connect(self._place)
        self.view.context_requested.connect(self._context_menu)
        self.document.refused.connect(lambda reason: self.report(f"Not allowed: {reason}"))
        self.document.undo_stack.cleanChanged.connect(self._update_title)
        self.document.path_changed.connect(self._update_title)
        self.document.replaced.connect(lambda: self.view.zoom_to_fit())  # another network; a save leaves the view
        self.document.replaced.connect(self.view.editor.cancel)  # the text was typed for the network before
        self.live = LiveViews(self, self.session, self.scene, self.view)
        self.exercise = ExerciseDock(
            self, self.document, self.files, self.session, lambda: self.live.region, self.view.zoom_to_fit
        )
        plots = {"region": lambda: self.live.region, "curves": lambda: self.live.curves}
        self.exports = Exports(self, self.document, self.scene, plots)
        self.softmax = SoftmaxOutputs(self.document, self.live.panel, self.add_action)
        self.menu("network").insertAction(self.activation_menu.menuAction(), self.softmax.action)
        #: the experiment (data, settings, views) saved with the network and restored from a file
        self.experiment = Experiment(self, self.document, self.session, self.live.panel, self._views())
        self.files.experiment = self.experiment
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
        self.document.replaced.connect(self._forget_lesson_step)  # File ▸ New/Open; a step names itself again
        self.layout_restored = restore_geometry(self)  # the docks follow when the window is first shown

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
    def report(self, message: str) -> None:
        self.statusBar().showMessage(message, 12_000)

    def _build_docks(self) -> None:
        dock = QDockWidget("Inspector", self)
        dock.setObjectName("inspectorDock")
        # scrolls when short: the neuron page with a long weight table would otherwise set the dock's
        # minimum height and squeeze every view below it
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.inspector)
        dock.setWidget(scroll)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.inspector_dock = dock
        history = QDockWidget("History", self)
        history.setObjectName("historyDock")
        history.setWidget(HistoryView(self.document))
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

    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        a = self.add_action
        a("open", "&Open…", self.files.open_dialog, std.Open)
        a("save", "&Save", self.files.save, std.Save)
        a("save_as", "Save &As…", self.files.save_as, std.SaveAs)
        a("quit", "&Quit", self.close, std.Quit)
        self._history_action("undo", "&Undo", self.document.undo, std.Undo)
        self._history_action("redo", "&Redo", self.document.redo, std.Redo)
        a("cut", "Cu&t", self.editing.cut, std.Cut)
        a("copy", "&Copy", self.editing.copy, std.Copy)
        a("paste", "&Paste", self.editing.paste, std.Paste)
        a("duplicate", "&Duplicate", self.editing.duplicate, "Ctrl+D")
        a("delete", "De&lete", self.editing.delete_selection, [QKeySequence(std.Delete), QKeySequence("Backspace")])
        a("select_all", "Select &All", self.scene.select_all, std.SelectAll)
        a("zoom_in", "Zoom &In", lambda: self.view.zoom(1.25), [QKeySequence(std.ZoomIn), QKeySequence("Ctrl+=")])
        a("zoom_out", "Zoom &Out", lambda: self.view.zoom(0.8), std.ZoomOut)
        a("zoom_fit", "&Fit to Window", self.view.zoom_to_fit, "Ctrl+0")
        a("show_weights", "Show &Weights on Lines", self._toggle_weights, "W", checkable=True)
        a("snap", "&Snap to Columns", self._set_snap, checkable=True)
        self.actions["snap"].setChecked(True)
        a("add_layer", "Add &Layer…", self._add_layer_dialog, [QKeySequence("Ctrl+L"), QKeySequence("L")])
        a("toggle_output", "Mark/Unmark as &Output", self.editing.toggle_output, "O")
        a("arrange", "&Arrange by Layers", self.editing.arrange, "Ctrl+Shift+A")
        a("about", "&About NN Designer", self._about)
        modes = QActionGroup(self)  # one tool at a time; Add Input/Neuron stay on for many clicks until Esc
        for key, mode, text, shortcut, tip in TOOLS:
            action = a(key, text, lambda on, m=mode: on and self.view.set_mode(m), shortcut, tip, checkable=True)
            modes.addAction(action)
        self.actions["mode_select"].setChecked(True)
        self.view.mode_changed.connect(self._mode_changed)

    def _history_action(self, key: str, text: str, slot, standard: QKeySequence.StandardKey) -> None:
        """Undo/Redo through the document (live work is committed first); text and state follow the stack."""
        action = HistoryAction(text, self)
        stack = self.document.undo_stack
        undo = key == "undo"
        action.setEnabled(stack.canUndo() if undo else stack.canRedo())
        action.show_label(stack.undoText() if undo else stack.redoText())
        (stack.canUndoChanged if undo else stack.canRedoChanged).connect(action.setEnabled)
        (stack.undoTextChanged if undo else stack.redoTextChanged).connect(action.show_label)
        self.register_action(key, action, slot, standard)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.menus = {"file": file_menu}
        new_menu = file_menu.addMenu("&New")
        new_menu.setObjectName("newMenu")
        for key, (title, factory) in TEMPLATES.items():
            action = new_menu.addAction(title)
            action.setObjectName(f"new_{key}")
            action.triggered.connect(lambda checked=False, f=factory: self._new(f()))
            if key == "empty":
                action.setShortcut(QKeySequence.StandardKey.New)
        file_menu.addAction(self.actions["open"])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.setToolTipsVisible(True)  # the full path of each entry
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        file_menu.addAction(self.actions["save"])
        file_menu.addAction(self.actions["save_as"])
        self.export_menu = file_menu.addMenu("&Export")
        self.export_menu.setObjectName("exportMenu")
        file_menu.addSeparator()
        file_menu.addAction(self.actions["quit"])
        edit = self.menus["edit"] = bar.addMenu("&Edit")
        for key in ("undo", "redo", None, "cut", "copy", "paste", "duplicate", "delete", None, "select_all"):
            edit.addSeparator() if key is None else edit.addAction(self.actions[key])
        view = self.menus["view"] = bar.addMenu("&View")
        for key in ("zoom_in", "zoom_out", "zoom_fit", None, "show_weights", "snap"):
            view.addSeparator() if key is None else view.addAction(self.actions[key])
        view.addSeparator()
        view.addAction(self.inspector_dock.toggleViewAction())
        view.addAction(self.history_dock.toggleViewAction())
        net = self.menus["network"] = bar.addMenu("&Network")
        for key in ("mode_select", "mode_connect", None, "add_input", "add_neuron", "add_layer", "toggle_output", None):
            net.addSeparator() if key is None else net.addAction(self.actions[key])
            if key == "add_input":
                self.feature_menu = net.addMenu(self.features.menu("Add &Feature", self))
        self.activation_menu = net.addMenu("Set &Activation")
        for name in ACTIVATIONS:
            action = self.activation_menu.addAction(activation_icon(name), name)
            action.triggered.connect(lambda checked=False, n=name: self.editing.set_activation(n))
        net.addAction(self.actions["arrange"])
        help_menu = self.menus["help"] = bar.addMenu("&Help")
        help_menu.addAction(self.actions["about"])

    def menu(self, name: str) -> QMenu:
        """A top-level menu by name: file, edit, view, network, help."""
        return self.menus[name]

    def _build_toolbar(self) -> None:
        bar = QToolBar("Tools", self)
        bar.setObjectName("mainToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for key in (
            "mode_select",
            "mode_connect",
            None,
            "add_input",
            "add_neuron",
            "add_layer",
            "toggle_output",
            None,
            "undo",
            "redo",
            None,
            "arrange",
            "zoom_fit",
            "show_weights",
        ):
            bar.addSeparator() if key is None else bar.addAction(self.actions[key])
        self.addToolBar(bar)
        self.toolbar = bar
        add_input = bar.widgetForAction(self.actions["add_input"])  # a click places an input; its arrow: features
        add_input.setMenu(self.features.menu("Features", add_input))
        add_input.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)

    # ------------------------------------------------------------ behaviour
    def _mode_changed(self, mode: str) -> None:
        key = next(k for k, m, *_ in TOOLS if m == mode)
        if not self.actions[key].isChecked():
            self.actions[key].setChecked(True)
        self.tool_label.setText(TOOL_NAMES[mode])

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

    def _place(self, kind: str, pos: QPointF) -> None:
        if kind == "input":
            self.editing.add_input(pos)
        else:
            self.editing.add_neuron(pos)

    def _add_layer_dialog(self) -> None:
        net = self.document.network
        outputs_last = bool(layer_slot(net, before_outputs=True).outputs)
        dialog = AddLayerDialog(self, self.editing.default_activation, len(net.neurons), outputs_last)
        if dialog.exec():
            self.editing.add_layer(
                dialog.count.value(),
                dialog.activation.currentData(),
                dialog.connect.isChecked(),
                dialog.weights.currentData(),
                dialog.seed.value(),
                dialog.before_outputs.isChecked(),
            )

    def _set_snap(self, on: bool) -> None:
        """Dragged and newly placed nodes snap to the columns (or not)."""
        self.view.snap = on
        self.editing.snap = on

    def _toggle_weights(self, on: bool) -> None:
        self.scene.connections.show_weights = on
        self.scene.connections.update()

    def _new(self, network: Network) -> None:
        if self.files.confirm_discard():
            self.document.replace(network, path=None)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        items = self.files.recent()
        if not items:
            self.recent_menu.addAction("(none)").setEnabled(False)
        for path, label in zip(items, recent_labels(items), strict=True):
            action = self.recent_menu.addAction(label.replace("&", "&&"))
            action.setToolTip(tooltip(path))
            action.triggered.connect(
                lambda checked=False, p=path: self.files.confirm_discard() and self.files.open_path(Path(p))
            )

    def _context_menu(self, pos: QPointF, target: object) -> None:
        self._last_menu = canvas_menu(self, pos, target)
        self._last_menu.popup(self.view.viewport().mapToGlobal(self.view.mapFromScene(pos)))

    def _name_lesson_step(self, index: int) -> None:
        lesson = self.lessons.lesson
        if lesson is not None and 0 <= index < len(lesson.steps):
            self.shown_step = (lesson, index)
            self._update_title()

    def _forget_lesson_step(self) -> None:
        self.shown_step = None
        self._update_title()

    def _update_title(self, *_: object) -> None:
        """The file's name; a lesson step's network (no file) by its step ("start[*]" said nothing)."""
        path = self.document.path
        name = path.name if path else (self._step_name() or self.document.network.name or "Untitled")
        self.setWindowModified(self.document.modified)
        self.setWindowTitle(f"{isolated(clean_text(name))}[*] — NN Designer")  # a name may hold bidi or line breaks

    def _step_name(self) -> str:
        if self.shown_step is None:
            return ""
        lesson, index = self.shown_step
        return f"{lesson.title} · step {index + 1}: {lesson.steps[index].title}"

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About NN Designer",
            f"<b>NN Designer {__version__}</b><p>Build neural networks neuron by neuron and watch them think.</p>",
        )

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
        (with its weights) fits above Decision Regions, whose narrow plot gains nothing from more
        height than its width."""
        region = self.live.region_dock
        if region.isVisible() and self.dockWidgetArea(region) == self.dockWidgetArea(self.inspector_dock):
            tall = round(self.height() * INSPECTOR_HEIGHT_SHARE)
            self.resizeDocks([self.inspector_dock, region], [tall, self.height() - tall], Qt.Orientation.Vertical)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and urls[0].toLocalFile().lower().endswith(".json"):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = Path(event.mimeData().urls()[0].toLocalFile())
        event.acceptProposedAction()
        if self.files.confirm_discard():
            self.files.open_path(path)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not (self.exercise.confirm_discard() and self.lessons.confirm_quit() and self.files.confirm_discard()):
            event.ignore()
            return
        if self.presentation.active:  # only now: Cancel on a question above keeps the presenter on the stage
            self.presentation.leave()
        self.live.training.pause()  # a run in progress becomes an undo step before anything is torn down
        self.files.clear_recovery()
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
