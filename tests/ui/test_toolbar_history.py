"""The toolbar's Undo and Redo stay short whatever the step is called: a long step name ("Undo save the
experiment with the network") pushed the toolbar's last buttons into its overflow menu at 1366 px."""

from __future__ import annotations

from PySide6.QtCore import Qt

from designer.model import SetNetworkField, load
from tests.conftest import EXAMPLES
from tests.ui.live_gui import sized_window


def test_undo_keeps_its_short_button_and_names_the_step_in_menu_and_tooltip(qtbot):
    w = sized_window(qtbot, load(EXAMPLES / "xor-step.json"), (1366, 740))
    long_step = SetNetworkField("extras", {"exercise": "xor"})
    long_step.text = "save the experiment with the network"
    w.document.push(long_step)
    action = w.actions["undo"]
    button = w.toolbar.widgetForAction(action)
    assert button.text() == "Undo"
    assert action.text().replace("&", "") == "Undo save the experiment with the network"  # Edit ▸ Undo names it
    assert button.toolTip() == "Undo save the experiment with the network"
    last = w.toolbar.widgetForAction(w.actions["show_weights"])
    assert last is not None and last.isVisible()  # not pushed into the overflow menu
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert "exercise" not in w.document.network.extras
    assert w.toolbar.widgetForAction(w.actions["redo"]).text() == "Redo"


def test_an_ampersand_in_a_node_id_is_shown_in_the_undo_menu_and_tooltip(qtbot, tmp_path):
    """A neuron "R&D" (from a file): Edit ▸ Undo read "Undo set bias of RD" with D underlined as a shortcut
    letter, and the tooltip "Undo set bias of RD"."""
    import json

    from PySide6.QtWidgets import QMenu

    from tests.ui import gui

    path = tmp_path / "r-and-d.json"
    path.write_text((EXAMPLES / "xor-step.json").read_text().replace('"h1"', json.dumps("R&D")))
    w = sized_window(qtbot, load(path), (1366, 740))
    gui.inspect(qtbot, w, "R&D")
    field = w.inspector.n_bias
    gui.retype(qtbot, field, "-0.25")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    action = w.actions["undo"]
    edit = next(m for m in w.menuBar().findChildren(QMenu) if action in m.actions())
    shown = next(a for a in edit.actions() if a is action).text()
    assert shown == "&Undo set bias of R&&D"  # "&&" is how a menu shows one "&"
    assert w.toolbar.widgetForAction(action).toolTip() == "Undo set bias of R&D"


def test_ctrl_z_says_in_the_status_bar_what_it_undid_and_ctrl_y_what_it_redid(qtbot):
    """A student deletes a neuron with Del ("Deleted 1 item (Ctrl+Z brings it back)") and presses Ctrl+Z:
    the neuron came back but the status bar still read "Deleted 1 item", as if it had been deleted again."""
    from PySide6.QtGui import QKeySequence

    from tests.ui import gui
    from tests.ui.live_gui import open_window

    w = open_window(qtbot, load(EXAMPLES / "xor-step.json"))
    gui.click(w.view, gui.node_pos(w, "h2"))
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    assert "h2" not in w.document.network.neurons
    assert w.statusBar().currentMessage().startswith("Deleted 1 item")
    undo = QKeySequence(QKeySequence.StandardKey.Undo)[0]
    qtbot.keyClick(w.view, undo.key(), undo.keyboardModifiers())
    assert "h2" in w.document.network.neurons
    said = w.statusBar().currentMessage()
    assert said.startswith("Undone: ") and "Deleted" not in said, said
    assert w.document.undo_stack.redoText() in said
    redo = w.actions["redo"].shortcuts()[0][0]
    qtbot.keyClick(w.view, redo.key(), redo.keyboardModifiers())
    assert "h2" not in w.document.network.neurons
    assert w.statusBar().currentMessage() == said.replace("Undone: ", "Redone: ")
    while w.document.undo_stack.canUndo():
        qtbot.keyClick(w.view, undo.key(), undo.keyboardModifiers())
    w.statusBar().clearMessage()
    qtbot.keyClick(w.view, undo.key(), undo.keyboardModifiers())  # nothing left to undo: nothing is said
    assert w.statusBar().currentMessage() == ""


def test_ctrl_y_redoes_as_in_most_apps(qtbot, monkeypatch):
    """Qt's Redo on a Linux desktop (xcb) is Ctrl+Shift+Z only: a student's Ctrl+Y (Windows, LibreOffice,
    browsers) after Ctrl+Z did nothing and said nothing. (The offscreen platform of the tests binds Ctrl+Y
    itself: Redo gets the desktop's bindings here.)"""
    from PySide6.QtGui import QKeySequence

    from tests.ui import gui
    from tests.ui.live_gui import open_window

    platform = QKeySequence.keyBindings

    def as_on_a_linux_desktop(key):
        if key == QKeySequence.StandardKey.Redo:
            return [QKeySequence("Ctrl+Shift+Z")]
        return platform(key)

    monkeypatch.setattr(QKeySequence, "keyBindings", as_on_a_linux_desktop)
    w = open_window(qtbot, load(EXAMPLES / "xor-step.json"))
    assert QKeySequence("Ctrl+Shift+Z") in w.actions["redo"].shortcuts()
    gui.click(w.view, gui.node_pos(w, "h2"))
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "h2" in w.document.network.neurons
    qtbot.keyClick(w.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert "h2" not in w.document.network.neurons
    assert w.statusBar().currentMessage() == "Redone: delete 1 item."
