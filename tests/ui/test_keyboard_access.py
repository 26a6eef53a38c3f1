"""A keyboard-only student and a screen-reader user in the main window: connect and disconnect from
the node's menu, Tab onto connections, Ctrl+Tab to the Inspector keeping the selection, tables that
Tab leaves, a visible focus frame on the canvas, and a name for every control the focus reaches.

Real key events on the focused widget throughout (the focus is followed with ``focusWidget``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTabBar, QWidget

from tests.ui.menus import plain
from tests.ui.test_exercise_panel import click_exercise

TAB, BACKTAB = Qt.Key.Key_Tab, Qt.Key.Key_Backtab
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def focused() -> QWidget:
    return QApplication.focusWidget()


def press(qtbot, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key on whatever has the focus (the open menu, while one is open)."""
    qtbot.keyClick(QApplication.activePopupWidget() or focused(), key, modifiers)


def on_canvas(qtbot, w):
    w.activateWindow()
    w.view.setFocus()
    qtbot.waitUntil(w.view.hasFocus)
    w.scene.clear_all_selection()
    return w.view


def tab_to(qtbot, w, stop, limit=20) -> None:
    """Tab on the canvas until ``stop`` (a node id or a connection key) is the selection."""
    for _ in range(limit):
        press(qtbot, TAB)
        nodes, connections = w.scene.selected_node_ids(), w.scene.selected_connections
        if nodes == [stop] or (not nodes and connections == {stop}):
            return
    raise AssertionError(f"Tab never selected {stop}")


def menu_entries(qtbot, mnemonic) -> list[str]:
    """Open the node's menu with Shift+F10, then its submenu with ``mnemonic``: the submenu's entries."""
    press(qtbot, Qt.Key.Key_F10, SHIFT)
    menu = QApplication.activePopupWidget()
    assert menu is not None, "Shift+F10 opened no menu"
    press(qtbot, mnemonic)
    sub = QApplication.activePopupWidget()
    assert sub is not None and sub is not menu, "the submenu did not open"
    return [plain(a.text()) for a in sub.actions()]  # (as shown: without the letters' "&")


def choose(qtbot, text: str) -> None:
    """In the open submenu, Down to the entry ``text`` and Enter."""
    sub = QApplication.activePopupWidget()
    for _ in range(len(sub.actions()) + 1):
        if sub.activeAction() is not None and plain(sub.activeAction().text()) == text:
            press(qtbot, Qt.Key.Key_Return)
            return
        press(qtbot, Qt.Key.Key_Down)
    raise AssertionError(f"no entry {text!r}")


def close_menus(qtbot) -> None:
    while QApplication.activePopupWidget() is not None:
        press(qtbot, Qt.Key.Key_Escape)


def test_the_node_menu_connects_and_disconnects_from_the_keyboard(qtbot, xor_window):
    """No drag needed: Connect to / Connect from list what the Connect drag allows (no input as a
    target, no cycle, no duplicate), Disconnect the node's lines; each entry is one undo step."""
    w = xor_window
    net, stack = w.document.network, w.document.undo_stack
    on_canvas(qtbot, w)
    tab_to(qtbot, w, "h1")  # OR, fed by x1 and x2, feeding y
    assert menu_entries(qtbot, Qt.Key.Key_F) == ["AND (h2)"]  # not x1/x2 (there), y (a cycle), itself
    close_menus(qtbot)
    assert menu_entries(qtbot, Qt.Key.Key_T) == ["AND (h2)"]  # not the inputs, not y (there)
    count = stack.count()
    choose(qtbot, "AND (h2)")
    assert ("h1", "h2") in net.connections and net.connections[("h1", "h2")].weight == 1
    assert stack.count() == count + 1
    assert "Connected h1 → h2" in w.statusBar().currentMessage()

    assert menu_entries(qtbot, Qt.Key.Key_S) == [
        "x₁ (x1) → OR (h1)",
        "x₂ (x2) → OR (h1)",
        "OR (h1) → y",
        "OR (h1) → AND (h2)",
    ]
    choose(qtbot, "x₂ (x2) → OR (h1)")
    assert ("x2", "h1") not in net.connections and stack.count() == count + 2
    assert "Disconnected x2 → h1" in w.statusBar().currentMessage()
    stack.undo()
    assert ("x2", "h1") in net.connections

    assert focused() is w.view
    press(qtbot, Qt.Key.Key_Escape)  # nothing selected: Tab starts again at the first node
    tab_to(qtbot, w, "x1")  # an input: nothing may feed it
    press(qtbot, Qt.Key.Key_F10, SHIFT)
    menu = QApplication.activePopupWidget()
    connect_from = next(a for a in menu.actions() if plain(a.text()) == "Connect from")
    assert not connect_from.isEnabled()
    close_menus(qtbot)


def test_tab_reaches_each_connection_after_its_neuron_and_enter_edits_its_weight(qtbot, xor_window):
    """The README's "Enter or F2 edits the selected connection's weight", with no mouse: Tab walks a
    neuron's incoming connections right after it (as the Inspector's weight table lists them)."""
    w = xor_window
    on_canvas(qtbot, w)
    visited = []
    for _ in range(5):
        press(qtbot, TAB)
        visited.append(w.scene.selected_node_ids() or sorted(w.scene.selected_connections))
    assert visited == [["x1"], ["x2"], ["h1"], [("x1", "h1")], [("x2", "h1")]]
    assert "x₂ → OR, weight" in w.statusBar().currentMessage()
    press(qtbot, BACKTAB)
    assert w.scene.selected_connections == {("x1", "h1")}
    press(qtbot, Qt.Key.Key_Return)
    editor = w.view.editor
    assert editor.active and focused() is editor.line
    assert editor.line.accessibleName() == "Weight x1 → h1"
    editor.line.selectAll()
    qtbot.keyClicks(editor.line, "3/4")
    press(qtbot, Qt.Key.Key_Return)
    assert w.document.network.connections[("x1", "h1")].weight == 0.75
    qtbot.waitUntil(w.view.hasFocus)
    press(qtbot, Qt.Key.Key_Delete)  # Edit ▸ Delete, on the line Tab selected
    assert ("x1", "h1") not in w.document.network.connections


def test_ctrl_tab_leaves_the_canvas_keeping_the_selection_and_tables_let_tab_through(qtbot, xor_window):
    """Tab past the last node clears the selection, so Ctrl+Tab (Qt's way out of a widget that uses
    Tab) takes the focus to the Inspector with the node still selected; its weight table lets Tab
    and Shift+Tab through (they walked its cells round and round), the arrows move between cells."""
    w = xor_window
    view = on_canvas(qtbot, w)
    tab_to(qtbot, w, "h1")
    assert "Ctrl+Tab" in w.statusBar().currentMessage()
    press(qtbot, TAB, CTRL)
    assert not view.hasFocus() and w.scene.selected_node_ids() == ["h1"]
    qtbot.waitUntil(lambda: w.inspector.current == "h1")
    table = w.inspector.n_weights
    for _ in range(30):
        if focused() is table:
            break
        press(qtbot, TAB)
        assert w.scene.selected_node_ids() == ["h1"]
    assert focused() is table, "Tab never reached the Inspector's weight table"
    table.setCurrentCell(0, 1)
    press(qtbot, Qt.Key.Key_Down)
    assert table.currentRow() == 1 and focused() is table  # the arrows move between cells
    press(qtbot, TAB)
    assert focused() is not table
    press(qtbot, BACKTAB)
    assert focused() is table
    press(qtbot, BACKTAB)
    assert focused() is not table

    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    press(qtbot, BACKTAB, CTRL | SHIFT)  # and backwards, to the widget before the canvas
    assert not view.hasFocus() and w.scene.selected_node_ids() == ["h1"]


def test_tab_leaves_the_exercise_truth_table(qtbot, xor_window):
    w = xor_window
    w.exercise.show()
    w.exercise.raise_()
    click_exercise(qtbot, w.exercise.panel, "xor")
    table = w.exercise.panel.picture.findChild(QWidget, "truthTable")
    qtbot.waitUntil(table.isVisible)
    assert table.accessibleName()
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    table.setCurrentCell(0, 0)
    press(qtbot, Qt.Key.Key_Down)
    assert table.currentRow() == 1
    press(qtbot, TAB)
    assert focused() is not table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    press(qtbot, BACKTAB)
    assert focused() is not table


def test_the_canvas_draws_a_focus_frame_while_it_has_the_focus(qtbot, xor_window):
    w = xor_window
    view = on_canvas(qtbot, w)
    highlight = view.palette().color(QPalette.ColorRole.Highlight).rgb()

    def edges() -> set[int]:
        image = view.viewport().grab().toImage()
        middle_x, middle_y = image.width() // 2, image.height() // 2
        points = [
            (0, middle_y),
            (1, middle_y),
            (image.width() - 1, middle_y),
            (middle_x, 0),
            (middle_x, image.height() - 1),
        ]
        return {image.pixelColor(x, y).rgb() for x, y in points}

    assert edges() == {highlight}
    press(qtbot, TAB, CTRL)  # the focus moves on: the frame goes
    assert not view.hasFocus()
    assert highlight not in edges()


def named(widget: QWidget, buddies: set[int]) -> bool:
    """What a screen reader calls ``widget``: its accessible name, a label whose buddy it is, or (a
    button, a tab bar) its own visible text."""
    if widget.accessibleName() or id(widget) in buddies:
        return True
    if isinstance(widget, QAbstractButton):
        return bool(widget.text())
    return isinstance(widget, QTabBar)


def unnamed_in_focus_chain(window) -> list[str]:
    """The widgets Tab can reach (as Qt picks them: visible, enabled, taking Tab focus, no focus
    proxy) that have no name."""
    buddies = {id(label.buddy()) for label in window.findChildren(QLabel) if label.buddy() is not None}
    missing, widget = [], window.nextInFocusChain()
    while widget is not window:
        reachable = (
            widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None
        )
        if reachable and not named(widget, buddies):
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parent()).__name__}")
        widget = widget.nextInFocusChain()
    return missing


def test_every_control_the_focus_reaches_has_a_name(qtbot, xor_window):
    from PySide6.QtWidgets import QDockWidget

    w = xor_window
    w.live.build_plots()
    for dock in w.findChildren(QDockWidget):
        if dock.objectName() != "lessonDock":
            dock.show()
    w.live.activation_dock.show()
    w.live.landscape_dock.show()
    w.scene.select_nodes(["h1"])  # the Inspector's neuron page, with its weight table
    qtbot.waitUntil(lambda: w.inspector.current == "h1")
    w.exercise.raise_()
    click_exercise(qtbot, w.exercise.panel, "xor")  # the truth table
    qtbot.waitUntil(lambda: w.exercise.panel.picture.findChild(QWidget, "truthTable").isVisible())
    assert unnamed_in_focus_chain(w) == []
    w.live.training_dock.raise_()  # the Training controls
    qtbot.waitUntil(w.live.panel.isVisible)
    assert unnamed_in_focus_chain(w) == []
    w.exercise.raise_()
    click_exercise(qtbot, w.exercise.panel, "chain-2-2-1-sigmoid")  # the chain-rule answer fields
    chain = w.exercise.panel.chain
    qtbot.waitUntil(chain.isVisible)
    assert chain.field("dz:h1").accessibleName() == "∂L/∂z of h1"
    assert unnamed_in_focus_chain(w) == []
    assert w.lessons.open_id("neural-networks")  # the lesson's steps and text
    qtbot.waitUntil(lambda: w.lessons.is_open)
    assert unnamed_in_focus_chain(w) == []


def test_ctrl_tab_from_the_canvas_lands_on_the_inspectors_first_field(qtbot, xor_window):
    """Ctrl+Tab from a node Tab selected went first to the Inspector dock's scroll area, which shows
    no focus mark: one press seemed to do nothing, and Space or typed text went nowhere."""
    w = xor_window
    on_canvas(qtbot, w)
    tab_to(qtbot, w, "h1")
    qtbot.waitUntil(lambda: w.inspector.current == "h1")  # the Inspector shows h1 (a person reads it first)
    press(qtbot, TAB, CTRL)
    assert focused() is w.inspector.n_label and w.inspector.n_label.isVisible()
    press(qtbot, BACKTAB)  # and back: the canvas, the node still selected
    assert focused() is w.view and w.scene.selected_node_ids() == ["h1"]
    press(qtbot, TAB, CTRL)
    assert focused() is w.inspector.n_label
    qtbot.keyClicks(focused(), "OR gate")  # typing goes to the field the focus shows
    press(qtbot, Qt.Key.Key_Return)
    assert w.document.network.neurons["h1"].label == "OR gate"


def test_a_screen_reader_is_told_what_tab_selected_on_the_canvas(qtbot, xor_window):
    """Tab selected a node and only the status bar said which: the canvas's accessible name stayed
    "Network canvas", so a screen reader read nothing new."""
    from PySide6.QtGui import QAccessible

    w = xor_window
    view = on_canvas(qtbot, w)
    told = QAccessible.queryAccessibleInterface(view)
    assert told.text(QAccessible.Text.Name) == "Network canvas"
    tab_to(qtbot, w, "h1")
    assert told.text(QAccessible.Text.Name) == "Network canvas: neuron OR selected"
    assert told.text(QAccessible.Text.Description).startswith("OR selected: Enter or F2 edits it")
    tab_to(qtbot, w, ("x1", "h1"))
    assert told.text(QAccessible.Text.Name) == "Network canvas: connection x₁ → OR, weight 1, selected"
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # nothing selected: the plain name again
    qtbot.waitUntil(lambda: told.text(QAccessible.Text.Name) == "Network canvas")


def test_the_canvas_says_a_long_right_to_left_label_short_and_isolated(qtbot, xor_window):
    """A 10,000-character label opening with U+202E went whole into the accessible name and the
    status bar's hint, and reversed the app's words after it."""
    from PySide6.QtGui import QAccessible

    from designer.model import SetNodeField

    w = xor_window
    label = "\u202e<b>" + "x" * 9_990
    w.document.push(SetNodeField("h1", "label", label))
    view = on_canvas(qtbot, w)
    told = QAccessible.queryAccessibleInterface(view)
    tab_to(qtbot, w, "h1")
    name = told.text(QAccessible.Text.Name)
    assert name.startswith("Network canvas: neuron ") and name.endswith("… selected")
    assert len(name) < 200 and "\u202e" not in name  # the override is gone, the label isolated
    hint = w.statusBar().currentMessage()
    assert len(hint) < 400 and "\u202e" not in hint and hint.endswith("keeping it selected.")
    assert told.text(QAccessible.Text.Description) == hint


def _first_field_in(area: QWidget) -> QWidget:
    """The first widget inside ``area`` that Tab can reach."""
    widget = area.nextInFocusChain()
    while widget is not area:
        reachable = widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if reachable and area.isAncestorOf(widget):
            return widget
        widget = widget.nextInFocusChain()
    raise AssertionError(f"no Tab stop in {area.objectName()}")


def test_no_scrolled_panel_is_a_tab_stop_without_a_focus_mark(qtbot, xor_window):
    """The Training panel, the Exercise dock and the chain-rule panel scroll as a whole; each scroll area
    was a Tab stop of its own with no focus mark: Tab (or Shift+Tab) seemed to do nothing there and typed
    text went nowhere. Now Shift+Tab from the first field leaves the panel, and Tab comes back to it."""
    from tests.ui.test_chainrule_panel import open_drill

    w = xor_window
    chain = open_drill(qtbot, w, "chain-1-1-1")
    w.exercise.raise_()
    qtbot.waitUntil(chain.isVisible)
    areas = [w.exercise.widget(), chain.scroll, w.live.panel]
    for area in areas:
        if not area.isVisible():  # the Training tab, behind the Exercise tab
            w.live.training_dock.raise_()
            qtbot.waitUntil(area.isVisible)
        first = _first_field_in(area)
        first.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(first.hasFocus)
        press(qtbot, BACKTAB)
        assert focused() is not area and not area.isAncestorOf(focused()), (area.objectName(), focused())
        if focused() is not w.view:  # (on the canvas Tab walks the nodes)
            press(qtbot, TAB)
            assert focused() is first, (area.objectName(), focused())


def test_the_node_menu_names_a_label_with_a_tab_or_an_override_on_one_line(qtbot, xor_window):
    """A label ``AND<TAB>gate<U+202E>`` (a file's text): the entry's rest went into the menu's shortcut
    column after the TAB, and the override reversed the id beside it."""
    from designer.model import SetNodeField

    w = xor_window
    w.document.push(SetNodeField("h2", "label", "AND\tgate\u202e"))
    on_canvas(qtbot, w)
    tab_to(qtbot, w, "h1")
    assert menu_entries(qtbot, Qt.Key.Key_T) == ["AND\\tgate\\u202e (h2)"]  # shown as escapes
    close_menus(qtbot)
