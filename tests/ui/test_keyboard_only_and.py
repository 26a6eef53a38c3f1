"""A student who cannot use a mouse builds the lecture's AND network and checks it, with keys alone.

Two inputs, one step neuron marked as the output, weights 1 and 1, bias -1.5, then Exercise ▸ AND
gate ▸ Check my network. Real key events go where the keyboard's go: to the open menu, else to the
focused widget.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

from tests.ui.test_keyboard_access import on_canvas

K = Qt.Key
MOD = Qt.KeyboardModifier
ALT, CTRL, SHIFT = MOD.AltModifier, MOD.ControlModifier, MOD.ShiftModifier


def keys(qtbot, *pressed) -> None:
    """Each key (or (key, modifiers)) to the open menu, else to the focused widget, as a keyboard sends it."""
    for key in pressed:
        key, modifiers = key if isinstance(key, tuple) else (key, MOD.NoModifier)
        qtbot.keyClick(QApplication.activePopupWidget() or QApplication.focusWidget(), key, modifiers)


def menu_keys(qtbot, w, *pressed) -> None:
    """A menu key (Shift+F10, Alt+letter), then letters, each once the menu it opens is up."""
    keys(qtbot, pressed[0])
    for key in pressed[1:]:
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
        keys(qtbot, key)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)  # the entry chosen, the menus closed
    # (the offscreen platform may leave the closed menu the active window, where no key goes: a desktop
    # gives the window back its activation, and with it its focused widget)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)


def type_value(qtbot, w, text: str) -> None:
    """The canvas's value editor is open (Enter or F2): the value replaces what it shows, Enter sets it."""
    editor = w.view.editor
    qtbot.waitUntil(lambda: editor.active and QApplication.focusWidget() is editor.line)
    editor.line.selectAll()
    qtbot.keyClicks(editor.line, text)
    keys(qtbot, K.Key_Return)


def test_a_student_builds_and_checks_the_and_network_with_the_keyboard_alone(qtbot, xor_window):
    w = xor_window
    view = on_canvas(qtbot, w)
    keys(qtbot, (K.Key_N, CTRL))  # File ▸ New ▸ Empty network
    keys(qtbot, K.Key_I)
    assert w.tool_label.text() == "Tool: Add Input — click or Enter to place, Esc ends"  # (said: click only)
    keys(qtbot, K.Key_Return, K.Key_Return, K.Key_N, K.Key_Return, K.Key_Escape)  # x1, x2; h1 selected
    net = w.document.network
    assert list(net.inputs) == ["x1", "x2"] and list(net.neurons) == ["h1"]
    menu_keys(qtbot, w, (K.Key_F10, SHIFT), K.Key_F, K.Key_X)  # h1's menu ▸ Connect from ▸ x₁
    menu_keys(qtbot, w, (K.Key_F10, SHIFT), K.Key_F, K.Key_X)  # ▸ x₂, the one left (its x underlined now)
    menu_keys(qtbot, w, (K.Key_F10, SHIFT), K.Key_A, K.Key_S)  # ▸ Activation ▸ step
    keys(qtbot, K.Key_O)  # Mark as output
    keys(qtbot, K.Key_Return)  # edit the bias
    type_value(qtbot, w, "-1.5")
    for _ in net.connections:
        keys(qtbot, K.Key_Tab, K.Key_F2)  # the next incoming connection, its weight
        type_value(qtbot, w, "1")
    assert net.neurons["h1"].activation == "step" and net.neurons["h1"].bias == -1.5 and net.outputs == ["h1"]
    assert {key: c.weight for key, c in net.connections.items()} == {("x1", "h1"): 1, ("x2", "h1"): 1}
    assert QApplication.focusWidget() is view

    panel = w.exercise.panel
    menu_keys(qtbot, w, (K.Key_V, ALT), K.Key_X)  # View ▸ Exercise
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.browser, timeout=2000)  # the focus goes there
    while panel.browser.currentItem().text(0) != "AND gate":
        keys(qtbot, K.Key_Down)
    keys(qtbot, K.Key_Tab, K.Key_Tab)  # Start, Check my network
    assert QApplication.focusWidget() is panel.check_button
    keys(qtbot, K.Key_Space)
    assert panel.result is not None and panel.result.passed
    assert w.statusBar().currentMessage() == "Solved: AND gate!"
    table = panel.picture.table  # the result, where a screen reader reads it
    assert QApplication.focusWidget() is table, QApplication.focusWidget()
    said = QAccessible.queryAccessibleInterface(table).text(QAccessible.Text.Description)
    assert said == "Check result: ✓ PASS, 4 of 4 rows right"  # what a screen reader says with the table
    keys(qtbot, K.Key_Space)  # a second Space: no hint shown unasked (the focus had passed on to Next hint)
    assert panel.hints_shown == 0 and not panel.hints.text()


def test_check_my_network_leaves_the_focus_on_why_it_failed(qtbot, xor_window):
    """The XOR network checked as AND: the focus goes to the list of reasons, whose name says the verdict."""
    w = xor_window
    panel = w.exercise.panel
    on_canvas(qtbot, w)
    menu_keys(qtbot, w, (K.Key_V, ALT), K.Key_X)  # View ▸ Exercise
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.browser, timeout=2000)
    while panel.browser.currentItem().text(0) != "AND gate":
        keys(qtbot, K.Key_Down)
    keys(qtbot, K.Key_Tab, K.Key_Tab, K.Key_Space)  # Check my network
    assert panel.result is not None and not panel.result.passed
    assert QApplication.focusWidget() is panel.reasons and panel.reasons.count() > 0
    assert panel.reasons.accessibleName().startswith("Check result: ✗ not yet")
    w.document.undo_stack.undo()


def test_space_through_the_hints_never_shows_a_solution(qtbot, xor_window):
    """Space on Next hint, once per hint: at the last one the button went grey and Qt passed the focus
    on to Show a solution, so the next Space replaced the student's network with a solution."""
    w = xor_window
    panel = w.exercise.panel
    built = dict(w.document.network.connections)
    on_canvas(qtbot, w)
    menu_keys(qtbot, w, (K.Key_V, ALT), K.Key_X)  # View ▸ Exercise
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.browser, timeout=2000)
    while panel.browser.currentItem().text(0) != "AND gate":
        keys(qtbot, K.Key_Down)
    keys(qtbot, K.Key_Tab, K.Key_Tab, K.Key_Tab)  # Start, Check my network, Next hint
    assert QApplication.focusWidget() is panel.hint_button
    hints = len(panel.exercise.hints)
    assert hints >= 2
    for shown in range(1, hints + 1):
        keys(qtbot, K.Key_Space)
        hint = " ".join(panel.exercise.hints[shown - 1].split())
        assert w.statusBar().currentMessage() == f"Hint {shown}: {hint}"  # said (the hint's label is no Tab stop)
    assert panel.hints_shown == hints and not panel.hint_button.isEnabled()
    assert QApplication.focusWidget() is not panel.solution_button
    keys(qtbot, K.Key_Space)
    assert not panel.solution_revealed and dict(w.document.network.connections) == built


def test_the_view_menu_brings_a_panel_behind_a_tab_to_the_front(qtbot, xor_window):
    """With the Exercise tab in front, Alt+V, N (Training, ticked: Qt counts a panel behind a tab as
    shown) hid the Training panel instead of showing it: the keyboard's way to it closed it."""
    w = xor_window
    training, exercise = w.live.training_dock, w.exercise
    on_canvas(qtbot, w)
    menu_keys(qtbot, w, (K.Key_V, ALT), K.Key_X)  # View ▸ Exercise: a tab in front of Training
    qtbot.waitUntil(lambda: QApplication.focusWidget() is exercise.panel.browser, timeout=2000)
    assert training in w.tabifiedDockWidgets(exercise) and training.toggleViewAction().isChecked()
    menu_keys(qtbot, w, (K.Key_V, ALT), K.Key_N)  # View ▸ Training
    qtbot.waitUntil(lambda: training.isAncestorOf(QApplication.focusWidget()), timeout=2000)  # in front, focused
    assert training.isVisible() and training.toggleViewAction().isChecked() and exercise.isVisible()
    assert w.rect().intersects(training.geometry()) and not w.rect().intersects(exercise.geometry())
    menu_keys(qtbot, w, (K.Key_V, ALT), K.Key_N)  # in front, the entry hides it as before
    qtbot.waitUntil(lambda: not training.isVisible())
    assert not training.toggleViewAction().isChecked()


def test_a_panel_chosen_with_the_mouse_leaves_the_focus_where_it_was(qtbot, xor_window):
    """Only a panel chosen by a key takes the focus: chosen with the mouse, the Training panel would have
    put it in its Dataset box, where the tool key N (Add Neuron) picks a data set by its first letter."""
    from tests.ui.menus import choose_from_menu_bar

    w = xor_window
    training = w.live.training_dock
    training.toggleViewAction().trigger()  # closed (by code: no focus anywhere)
    qtbot.waitUntil(lambda: not training.isVisible())
    view = on_canvas(qtbot, w)
    choose_from_menu_bar(qtbot, w, "View", "Training")  # clicked
    qtbot.waitUntil(training.isVisible)
    after = []  # after the two layout passes at whose end a panel chosen by a key takes the focus
    QTimer.singleShot(0, lambda: QTimer.singleShot(0, lambda: QTimer.singleShot(0, lambda: after.append(1))))
    qtbot.waitUntil(lambda: bool(after))
    assert QApplication.focusWidget() is view
