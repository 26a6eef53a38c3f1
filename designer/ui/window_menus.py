"""The main window's commands: every window-wide action, the menu bar, the tools toolbar, and the
small slots that only those entries call.

Kept apart from ``mainwindow.py``, which builds the parts (document, canvas, docks, live views) and
holds the window's own behaviour (title, Esc, drops, closing) and keeps what is built here. Each
action is registered on the window under a key (``window.actions[key]``): menus, toolbars, other
docks and tests find it there.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QToolBar, QToolButton

from designer import __version__
from designer.model import ACTIVATIONS, Network
from designer.model.jsonread import one_line
from designer.model.layout import layer_slot
from designer.model.templates import TEMPLATES
from designer.ui.canvas.glyphs import activation_icon
from designer.ui.canvas.modes import ADD_INPUT, ADD_NEURON, CONNECT, SELECT
from designer.ui.canvas_menu import activation_entry
from designer.ui.editing import AddLayerDialog
from designer.ui.getting_started import show_getting_started
from designer.ui.key_help import show_keys
from designer.ui.menu_letters import letter_entries
from designer.ui.remembered import recent_labels
from designer.ui.safetext import tooltip
from designer.ui.undo_widgets import HistoryAction

if TYPE_CHECKING:
    from designer.ui.mainwindow import MainWindow

TOOLS = (  # key, canvas mode, text, shortcut, tip
    ("mode_select", SELECT, "&Select / Move", "V", "Select and move (V)"),
    ("mode_connect", CONNECT, "&Connect", "C", "Connect: drag from one node to another (C; Esc ends)"),
    ("add_input", ADD_INPUT, "Add &Input", "I", "Add inputs: one per click on the canvas or Enter (I; Esc ends)"),
    ("add_neuron", ADD_NEURON, "Add &Neuron", "N", "Add neurons: one per click on the canvas or Enter (N; Esc ends)"),
)

TOOL_NAMES = {
    SELECT: "Tool: Select",
    CONNECT: "Tool: Connect — Esc ends",
    ADD_INPUT: "Tool: Add Input — click or Enter to place, Esc ends",
    ADD_NEURON: "Tool: Add Neuron — click or Enter to place, Esc ends",
}


# ------------------------------------------------------------------ actions
def build_actions(window: MainWindow) -> None:
    """The window-wide actions: file, edit, view, network and the canvas tools (one at a time)."""
    std = QKeySequence.StandardKey
    a = window.add_action
    files, editing, view = window.files, window.editing, window.view
    a("open", "&Open…", files.open_dialog, std.Open)
    a("save", "&Save", files.save, std.Save)
    a("save_as", "Save &As…", files.save_as, std.SaveAs)
    a("quit", "&Quit", window.close, std.Quit)
    _history_action(window, "undo", "&Undo", lambda: step_history(window, undo=True), std.Undo)
    _history_action(window, "redo", "&Redo", lambda: step_history(window, undo=False), std.Redo)
    a("cut", "Cu&t", editing.cut, std.Cut)
    a("copy", "&Copy", editing.copy, std.Copy)
    a("paste", "&Paste", editing.paste, std.Paste)
    a("duplicate", "&Duplicate", editing.duplicate, "Ctrl+D")
    a("delete", "De&lete", editing.delete_selection, [QKeySequence(std.Delete), QKeySequence("Backspace")])
    a("select_all", "Select &All", window.scene.select_all, std.SelectAll)
    a("zoom_in", "Zoom &In", lambda: view.zoom(1.25), [QKeySequence(std.ZoomIn), QKeySequence("Ctrl+=")])
    a("zoom_out", "Zoom &Out", lambda: view.zoom(0.8), std.ZoomOut)
    a("zoom_fit", "&Fit to Window", view.zoom_to_fit, "Ctrl+0")
    a("show_weights", "Show &Weights on Lines", lambda on: _toggle_weights(window, on), "W", checkable=True)
    a("snap", "&Snap to Columns", lambda on: _set_snap(window, on), checkable=True)
    window.actions["snap"].setChecked(True)
    a("add_layer", "Add &Layer…", lambda: _add_layer_dialog(window), [QKeySequence("Ctrl+L"), QKeySequence("L")])
    a("toggle_output", "Mark/Unmark as &Output", editing.toggle_output, "O")
    a("arrange", "A&rrange by Layers", editing.arrange, "Ctrl+Shift+A")
    a("about", "&About NN Designer", lambda: _about(window))
    a("getting_started", "&Getting Started", lambda: show_getting_started(window))
    a("keyboard_help", "&Keyboard Shortcuts", lambda: show_keys(window))
    modes = QActionGroup(window)  # one tool at a time; Add Input/Neuron stay on for many clicks until Esc
    for key, mode, text, shortcut, tip in TOOLS:
        action = a(key, text, lambda on, m=mode: on and view.set_mode(m), shortcut, tip, checkable=True)
        modes.addAction(action)
    window.actions["mode_select"].setChecked(True)
    view.mode_changed.connect(lambda mode: _show_tool(window, mode))


#: Redo's key on Windows and in most Linux apps (LibreOffice, browsers, VS Code): Qt's Linux binding is only
#: Ctrl+Shift+Z, and a student's Ctrl+Y did nothing at all
REDO_TOO = QKeySequence("Ctrl+Y")


def step_history(window: MainWindow, undo: bool) -> None:
    """Undo or Redo, and the status bar names the step taken: after Ctrl+Z it still read "Deleted 1 item
    (Ctrl+Z brings it back)", as if the delete had just happened again, and nothing said what was undone."""
    document = window.document
    stack = document.undo_stack
    before = (stack.index(), stack.count())
    if undo:
        document.undo()
    else:
        document.redo()
    if (stack.index(), stack.count()) == before:
        return  # nothing to undo or redo
    step = stack.text(stack.index() if undo else stack.index() - 1) or "the last change"
    window.report(f"Undone: {step}." if undo else f"Redone: {step}.")


def _history_action(window: MainWindow, key: str, text: str, slot, standard: QKeySequence.StandardKey) -> None:
    """Undo/Redo through the document (live work is committed first); text and state follow the stack."""
    action = HistoryAction(text, window)
    stack = window.document.undo_stack
    undo = key == "undo"
    action.setEnabled(stack.canUndo() if undo else stack.canRedo())
    action.show_label(stack.undoText() if undo else stack.redoText())
    (stack.canUndoChanged if undo else stack.canRedoChanged).connect(action.setEnabled)
    (stack.undoTextChanged if undo else stack.redoTextChanged).connect(action.show_label)
    window.register_action(key, action, slot, standard)
    if not undo and REDO_TOO not in action.shortcuts():
        action.setShortcuts([*action.shortcuts(), REDO_TOO])


# -------------------------------------------------------------------- menus
class Menus(NamedTuple):
    """What :func:`build_menus` made, for the window to keep."""

    top: dict[str, QMenu]  # file, edit, view, network, help (other parts add their entries later)
    recent: QMenu  # File ▸ Open Recent, filled as it opens
    export: QMenu  # File ▸ Export, filled by the exports
    features: QAction  # Network ▸ Add Feature
    activation: QMenu  # Network ▸ Set Activation


def build_menus(window: MainWindow) -> Menus:
    """File, Edit, View, Network and Help, of the actions :func:`build_actions` registered."""
    bar = window.menuBar()
    actions = window.actions
    file_menu = bar.addMenu("&File")
    top = {"file": file_menu}
    new_menu = file_menu.addMenu("&New")
    new_menu.setObjectName("newMenu")
    for key, (title, factory) in TEMPLATES.items():
        action = new_menu.addAction(title)
        action.setObjectName(f"new_{key}")
        action.triggered.connect(lambda checked=False, f=factory: _new(window, f()))
        if key == "empty":
            action.setShortcut(QKeySequence.StandardKey.New)
    file_menu.addAction(actions["open"])
    recent = file_menu.addMenu("Open &Recent")
    recent.setObjectName("recentMenu")
    recent.setToolTipsVisible(True)  # the full path of each entry
    recent.aboutToShow.connect(lambda: _fill_recent(window, recent))
    file_menu.addSeparator()
    file_menu.addAction(actions["save"])
    file_menu.addAction(actions["save_as"])
    export = file_menu.addMenu("E&xport")
    export.setObjectName("exportMenu")
    file_menu.addSeparator()
    file_menu.addAction(actions["quit"])
    edit = top["edit"] = bar.addMenu("&Edit")
    for key in ("undo", "redo", None, "cut", "copy", "paste", "duplicate", "delete", None, "select_all"):
        edit.addSeparator() if key is None else edit.addAction(actions[key])
    view = top["view"] = bar.addMenu("&View")
    for key in ("zoom_in", "zoom_out", "zoom_fit", None, "show_weights", "snap"):
        view.addSeparator() if key is None else view.addAction(actions[key])
    view.addSeparator()
    view.addAction(window.inspector_dock.toggleViewAction())
    view.addAction(window.history_dock.toggleViewAction())
    net = top["network"] = bar.addMenu("&Network")
    for key in ("mode_select", "mode_connect", None, "add_input", "add_neuron", "add_layer", "toggle_output", None):
        net.addSeparator() if key is None else net.addAction(actions[key])
        if key == "add_input":
            features = net.addMenu(window.features.menu("Add &Feature", window))
    activation = net.addMenu("Set &Activation")
    for name in ACTIVATIONS:
        action = activation.addAction(activation_icon(name), activation_entry(name))
        action.triggered.connect(lambda checked=False, n=name: window.editing.set_activation(n))
    net.addAction(actions["arrange"])
    help_menu = top["help"] = bar.addMenu("&Help")
    help_menu.addAction(actions["getting_started"])
    help_menu.addAction(actions["keyboard_help"])
    help_menu.addAction(actions["about"])
    return Menus(top, recent, export, features, activation)


# ------------------------------------------------------------------ toolbar
def build_toolbar(window: MainWindow) -> QToolBar:
    """The tools toolbar, added to the window; Add Input's arrow opens the features palette."""
    bar = QToolBar("Tools", window)
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
        bar.addSeparator() if key is None else bar.addAction(window.actions[key])
    window.addToolBar(bar)
    add_input = bar.widgetForAction(window.actions["add_input"])  # a click places an input; its arrow: features
    add_input.setMenu(window.features.menu("Features", add_input))
    add_input.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
    return bar


def name_overflow_button(bar: QToolBar, name: str) -> None:
    """The » button of a toolbar too narrow for its tools (the main one at 1280 px) had no name: a
    screen reader's review of the window read "button" and nothing more."""
    button = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    if button is not None:
        button.setAccessibleName(name)
        button.setToolTip(f"{name}: those that do not fit")


# -------------------------------------------------------------------- slots
def _show_tool(window: MainWindow, mode: str) -> None:
    """The canvas's tool changed (a key, Esc, an action): its action is checked, its name shown."""
    key = next(k for k, m, *_ in TOOLS if m == mode)
    if not window.actions[key].isChecked():
        window.actions[key].setChecked(True)
    window.tool_label.setText(TOOL_NAMES[mode])


def _add_layer_dialog(window: MainWindow) -> None:
    net = window.document.network
    editing = window.editing
    outputs_last = bool(layer_slot(net, before_outputs=True).outputs)
    dialog = AddLayerDialog(window, editing.default_activation, len(net.neurons), outputs_last)
    dialog.offer(editing.layer_choices)
    if dialog.exec():
        editing.layer_choices = dialog.choices()
        editing.add_layer(
            dialog.count.value(),
            dialog.activation.currentData(),
            dialog.connect.isChecked(),
            dialog.weights.currentData(),
            dialog.seed.value(),
            dialog.before_outputs.isChecked(),
        )
        window.view.keep_nodes_in_view()


def _set_snap(window: MainWindow, on: bool) -> None:
    """Dragged and newly placed nodes snap to the columns (or not)."""
    window.view.snap = on
    window.editing.snap = on


def _toggle_weights(window: MainWindow, on: bool) -> None:
    window.scene.connections.show_weights = on
    window.scene.connections.update()


def _new(window: MainWindow, network: Network) -> None:
    """File ▸ New: in a lesson step, a fresh network for the step (designer/ui/lesson/player.py); else the
    template replaces the open network, once unsaved work was asked about."""
    if window.files.new_in_lesson is not None and window.files.new_in_lesson(network):
        return
    if window.files.may_replace(network):
        window.document.replace(network, path=None)


def _fill_recent(window: MainWindow, menu: QMenu) -> None:
    files = window.files
    menu.clear()
    items = files.recent()
    if not items:
        menu.addAction("(none)").setEnabled(False)
    for path, label in zip(items, recent_labels(items), strict=True):
        there = os.path.exists(path)  # not there now (an unplugged drive): kept, marked
        # one line of text (a TAB put the rest into the menu's shortcut column), & shown as itself
        shown = one_line(label, 10 * len(label) + 1).replace("&", "&&")
        action = menu.addAction(shown + ("" if there else " (not found)"))
        action.setToolTip(tooltip(path if there else f"{path} (not there now)"))
        if not there:
            font = action.font()
            font.setItalic(True)
            action.setFont(font)
        action.triggered.connect(lambda checked=False, p=path: files.open_recent(p))
    letter_entries(menu)


def _about(window: MainWindow) -> None:
    QMessageBox.about(
        window,
        "About NN Designer",
        f"<b>NN Designer {__version__}</b><p>Build neural networks neuron by neuron and watch them think.</p>",
    )
