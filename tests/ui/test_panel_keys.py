"""A keyboard-only student moves between the window's panels and finds every key in Help ▸ Keyboard
Shortcuts, and hovers a panel's close button. Real key and mouse events throughout."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QTextEdit, QToolTip, QWidget

from designer.ui.dock_list import dock_widgets
from designer.ui.key_help import _readable
from tests.ui.menus import plain

TAB, BACKTAB = Qt.Key.Key_Tab, Qt.Key.Key_Backtab
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def focused() -> QWidget:
    return QApplication.focusWidget()


def press(qtbot, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifiers)


def field(w, name: str) -> QWidget:
    return w.findChild(QWidget, name)


def focus_on(qtbot, w, widget: QWidget) -> None:
    w.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_ctrl_tab_goes_from_panel_to_panel_from_any_control(qtbot, xor_window):
    """From the Training panel's Dataset box Ctrl+Tab did nothing: the canvas was 25 Tab presses away
    and the Decision Regions 30. Now Ctrl+Tab goes to the next panel's first control in Tab's order
    (Training, canvas, Decision Regions, Loss and Accuracy, round again), Ctrl+Shift+Tab back, and
    the status bar names the panel."""
    w = xor_window
    w.live.build_plots()
    dataset, discretize, log_loss = field(w, "dataset"), field(w, "discretize"), field(w, "logLoss")
    qtbot.waitUntil(lambda: discretize.isVisible() and log_loss.isVisible())
    focus_on(qtbot, w, dataset)
    press(qtbot, TAB, CTRL)
    assert focused() is w.view
    assert w.statusBar().currentMessage().startswith("Network canvas")
    press(qtbot, TAB, CTRL)  # (the Inspector has no control while nothing is selected)
    assert focused() is discretize
    assert w.statusBar().currentMessage().startswith("Decision Regions")
    press(qtbot, TAB, CTRL)
    assert focused() is log_loss
    press(qtbot, TAB, CTRL)
    assert focused() is dataset
    press(qtbot, BACKTAB, CTRL | SHIFT)
    assert focused() is log_loss
    press(qtbot, BACKTAB, CTRL | SHIFT)
    assert focused() is discretize  # the panel's first control, not its last
    press(qtbot, BACKTAB, CTRL | SHIFT)
    assert focused() is w.view


def test_ctrl_tab_leaves_a_number_field_without_typing_into_it(qtbot, xor_window):
    """A text field keeps its keys, but Ctrl+Tab is not typing: from the L2 field it goes on to the
    canvas and the field keeps its value."""
    w = xor_window
    l2 = field(w, "l2")
    focus_on(qtbot, w, l2)
    before = l2.text()
    press(qtbot, TAB, CTRL)
    assert focused() is w.view and l2.text() == before


def test_every_shortcut_of_the_window_is_in_the_keyboard_shortcuts_list(qtbot, xor_window):
    """The lesson's Next Step / Previous Step (Ctrl+PgDown / Ctrl+PgUp) were missing from Help ▸
    Keyboard Shortcuts until Help ▸ Lessons had been opened once (its entries were added as it opened)."""
    w = xor_window
    focus_on(qtbot, w, w.view)
    press(qtbot, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # Help
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_K)  # Keyboard Shortcuts
    qtbot.waitUntil(lambda: w.findChild(QDialog, "keyboardShortcuts") is not None)
    text = w.findChild(QDialog, "keyboardShortcuts").findChild(QTextEdit).toPlainText()
    missing = [
        (plain(action.text()), keys)
        for action in w.actions.values()
        if (keys := ", ".join(_readable(action.shortcuts()))) and f"{keys} " not in text
    ]
    assert missing == []
    assert "Ctrl+PgDown" in text and "Help ▸ Lessons ▸ Next Step" in text


def test_each_panels_close_and_float_buttons_say_which_panel(qtbot, xor_window):
    """The panels' title-bar buttons are bare icons: hovering one showed no tooltip, and a screen
    reader named each of them "Close" or "Float", a dozen alike."""
    w = xor_window
    button = w.live.training_dock.findChild(QAbstractButton, "qt_dockwidget_closebutton")
    centre = button.rect().center()
    qtbot.mouseMove(button, centre)
    QApplication.sendEvent(button, QHelpEvent(QEvent.Type.ToolTip, centre, button.mapToGlobal(centre)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == "Close the Training panel (the View menu opens it again)"
    names = [
        button.accessibleName()
        for dock in dock_widgets(w)
        for button in dock.findChildren(QAbstractButton, options=Qt.FindChildOption.FindDirectChildrenOnly)
    ]
    assert "Float Training" in names and len(set(names)) == len(names), names


def test_the_connect_tool_connects_from_the_keyboard(qtbot, empty_window):
    """With the Connect tool on (C, as the toolbar and the Network menu offer it) the only way was a
    drag: Tab left the canvas at once and Enter did nothing. Now Tab selects a node as in Select
    mode, the status bar says what Enter does, and Enter opens the node's connection menu."""
    w = empty_window
    focus_on(qtbot, w, w.view)
    for key in (Qt.Key.Key_I, Qt.Key.Key_Return, Qt.Key.Key_Escape, Qt.Key.Key_N, Qt.Key.Key_Return):
        press(qtbot, key)
    press(qtbot, Qt.Key.Key_C)  # (the neuron just placed stays selected)
    assert w.view.mode == "connect"
    press(qtbot, Qt.Key.Key_Escape)  # back to Select…
    press(qtbot, Qt.Key.Key_Escape)  # …nothing selected…
    press(qtbot, Qt.Key.Key_C)  # …and the tool again
    press(qtbot, TAB)
    assert focused() is w.view and w.scene.selected_node_ids() == ["x1"]
    assert "Enter lists the nodes to connect it" in w.statusBar().currentMessage()
    press(qtbot, Qt.Key.Key_Return)
    menu = QApplication.activePopupWidget()
    assert menu is not None and [plain(a.text()) for a in menu.actions()] == [
        "Connect to",
        "Connect from",
        "Disconnect",
    ]
    qtbot.keyClick(menu, Qt.Key.Key_T)
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_Return)  # the one neuron, h1
    assert list(w.document.network.connections) == [("x1", "h1")]
    assert w.view.mode == "connect" and focused() is w.view


def test_the_weight_tables_editor_says_which_weight_it_edits(qtbot, xor_window):
    """F2 on a weight cell of the Inspector's table opened an editor with no name: a screen reader said
    "edit text, 1" and nothing of the connection (the canvas's own editor says "Weight x1 → h1")."""
    w = xor_window
    focus_on(qtbot, w, w.view)
    for _ in range(3):
        press(qtbot, TAB)  # x1, x2, h1
    assert w.scene.selected_node_ids() == ["h1"]
    press(qtbot, TAB, CTRL)  # the Inspector, h1 shown
    table = w.inspector.n_weights
    for _ in range(10):
        if focused() is table:
            break
        press(qtbot, TAB)
    assert focused() is table
    press(qtbot, Qt.Key.Key_Right)  # (the "from" cell, then the weight's)
    press(qtbot, Qt.Key.Key_F2)
    assert focused().accessibleName() == "Weight x1 → h1"
    qtbot.keyClicks(focused(), "3")
    press(qtbot, Qt.Key.Key_Return)  # (Qt commits the cell a moment later)
    qtbot.waitUntil(lambda: w.document.network.connections[("x1", "h1")].weight == 3)


def test_ctrl_tab_while_typing_a_value_on_the_canvas_applies_it_and_moves_on(qtbot, xor_window):
    """Enter on h1, "2", Ctrl+Tab: the bias went in but the canvas's editor, closing, put the focus
    back on the canvas while the status bar named the Inspector. Text that is not a number stays, marked."""
    w = xor_window
    focus_on(qtbot, w, w.view)
    for _ in range(3):
        press(qtbot, TAB)  # x1, x2, h1
    press(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(focused(), "x")
    press(qtbot, TAB, CTRL)
    assert focused() is w.view.editor.line and w.document.network.neurons["h1"].bias == -0.5
    press(qtbot, Qt.Key.Key_Backspace)
    qtbot.keyClicks(focused(), "2")
    press(qtbot, TAB, CTRL)
    assert w.document.network.neurons["h1"].bias == 2
    assert focused() is w.inspector.n_label and w.scene.selected_node_ids() == ["h1"]
