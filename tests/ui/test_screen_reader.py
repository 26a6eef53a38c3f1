"""What a keyboard-only student hears from a screen reader (Orca reads Qt's accessibility interface):
Tab walks only what is on screen, and every Tab stop has a name as ``QAccessible`` reports it.

Real key events on the focused widget; names read through ``QAccessible.queryAccessibleInterface``
(on Linux a combo box's accessible name is its current entry: its label comes from the
"labelled by" relation, so a combo box needs a label).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QComboBox, QDockWidget, QWidget

TAB, BACKTAB = Qt.Key.Key_Tab, Qt.Key.Key_Backtab
CTRL = Qt.KeyboardModifier.ControlModifier


def focused() -> QWidget:
    return QApplication.focusWidget()


def press(qtbot, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key on whatever has the focus (the open menu, while one is open)."""
    qtbot.keyClick(QApplication.activePopupWidget() or focused(), key, modifiers)


def on_screen(widget: QWidget, window: QWidget) -> bool:
    """Some of ``widget`` lies inside the window (Qt parks the panel behind a dock tab outside it)."""
    top_left = widget.mapTo(window, widget.rect().topLeft())
    return window.rect().intersects(QRect(top_left, widget.size()))


def announced(widget: QWidget) -> str:
    """What a screen reader says for ``widget``: its labels ("labelled by") and its name."""
    told = QAccessible.queryAccessibleInterface(widget)
    labels = [other.text(QAccessible.Text.Name) for other, _ in told.relations(QAccessible.RelationFlag.Label)]
    name = told.text(QAccessible.Text.Name)
    if isinstance(widget, QComboBox):  # its name is the entry shown: the label must come from elsewhere
        name = ""
    return " ".join(part for part in [*labels, name] if part)


def tab_walk(qtbot, window, limit: int = 120) -> list[QWidget]:
    """Tab from the canvas (Ctrl+Tab: out of it) round the window back to the canvas."""
    window.activateWindow()
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    press(qtbot, TAB, CTRL)
    stops = []
    for _ in range(limit):
        if focused() is window.view:
            return stops
        stops.append(focused())
        press(qtbot, TAB)
    raise AssertionError(f"Tab never came back to the canvas: {[type(s).__name__ for s in stops[-5:]]}")


def test_tab_skips_the_panel_behind_the_exercise_tab(qtbot, xor_window):
    """With the Exercise tab in front, Tab from the Inspector went through the 24 controls of the
    Training panel behind it (Qt parks it outside the window) and three empty dock tab bars: the
    focus was nowhere on screen for 27 presses."""
    w = xor_window
    w.exercise.show()
    w.exercise.raise_()
    qtbot.waitUntil(lambda: not w.live.panel.visibleRegion().isEmpty() or not on_screen(w.live.panel, w))
    w.scene.select_nodes(["h1"])
    qtbot.waitUntil(lambda: w.inspector.current == "h1")
    stops = tab_walk(qtbot, w)
    assert w.inspector.n_weights in stops and w.exercise.panel.browser in stops
    hidden = [f"{type(s).__name__} {s.objectName()!r}" for s in stops if not on_screen(s, w)]
    assert hidden == []
    assert not any(w.live.panel.isAncestorOf(stop) for stop in stops)

    w.live.training_dock.raise_()  # the other way round: the exercise list is behind, Training in front
    qtbot.waitUntil(lambda: on_screen(w.live.panel, w))
    stops = tab_walk(qtbot, w)
    assert w.exercise.panel.browser not in stops and w.live.panel.isAncestorOf(stops[-10])
    assert [s for s in stops if not on_screen(s, w)] == []


def test_shift_tab_skips_the_panel_behind_the_exercise_tab(qtbot, xor_window):
    w = xor_window
    w.exercise.show()
    w.exercise.raise_()
    browser = w.exercise.panel.browser
    qtbot.waitUntil(lambda: on_screen(browser, w))
    browser.setFocus()
    qtbot.waitUntil(browser.hasFocus)
    for _ in range(40):
        press(qtbot, BACKTAB)
        assert on_screen(focused(), w), f"{type(focused()).__name__} {focused().objectName()!r}"
        if focused() is w.view:
            break
    assert focused() is w.view


def test_every_tab_stop_is_announced_with_a_name(qtbot, xor_window):
    """Every control Tab reaches, with all panels shown, a neuron selected and the exercise list in
    front, has a name a screen reader reads (combo boxes: their label)."""
    w = xor_window
    w.live.build_plots()
    for dock in w.findChildren(QDockWidget):
        if dock.objectName() != "lessonDock":
            dock.show()
    w.scene.select_nodes(["h1"])
    qtbot.waitUntil(lambda: w.inspector.current == "h1")
    for front in (w.exercise, w.live.training_dock, w.exports.math_dock):
        front.raise_()
        qtbot.waitUntil(lambda front=front: on_screen(front, w))
        unnamed = [f"{type(s).__name__} {s.objectName()!r}" for s in tab_walk(qtbot, w) if not announced(s)]
        assert unnamed == [], front.objectName()


def test_the_maps_pickers_are_named_by_their_labels(qtbot, xor_window, tmp_path, monkeypatch):
    """The map's axis pickers (3+ inputs) and the output picker (independent outputs) were read as
    their entries ("x₁", "s"): on Linux a combo box's accessible name is not read, only a label."""
    from tests.ui.test_independent_outputs import open_half_adder

    w = xor_window
    w.live.build_plots()
    axes = w.live.region.axes
    assert announced(axes.x_combo) == "Plot: input on the horizontal axis"
    assert announced(axes.y_combo) == "Plot: input on the vertical axis"
    open_half_adder(qtbot, w, tmp_path, monkeypatch)
    combo = w.live.region.output_choice.combo
    qtbot.waitUntil(combo.isVisible)
    assert announced(combo) == "Output shown:"


def test_tab_past_the_last_node_lands_on_a_control_that_shows_the_focus(qtbot, empty_window):
    """N, Enter, Esc places a neuron (selected, in the Inspector); Tab then went past it: the focus
    moved to the Inspector's Label field, then the selection went and the Inspector's page with it,
    and Qt put the focus on the "Select a neuron…" text, which is no Tab stop and shows no focus mark
    (the focus was invisible until the next Tab)."""
    w = empty_window
    w.activateWindow()
    w.view.setFocus()
    qtbot.waitUntil(w.view.hasFocus)
    for key in (Qt.Key.Key_N, Qt.Key.Key_Return, Qt.Key.Key_Escape):
        press(qtbot, key)
    (neuron,) = w.document.network.neurons
    qtbot.waitUntil(lambda: w.inspector.current == neuron)  # the student reads it there
    press(qtbot, TAB)
    assert w.scene.selected_node_ids() == []
    qtbot.waitUntil(lambda: w.inspector.current is None)
    assert focused() is not w.inspector.empty
    assert focused().focusPolicy() & Qt.FocusPolicy.TabFocus and on_screen(focused(), w)
    assert announced(focused())


def test_the_check_results_list_says_the_verdict(qtbot, xor_window):
    """Enter on AND gate in the exercise list starts it and checks the starter: the list of wrong rows
    under the verdict was a Tab stop with no name, and the verdict ("✗ not yet — 1 of 4 rows right")
    is a text a screen reader never reaches with Tab."""
    from tests.ui.test_exercise_panel import _browser_item

    w = xor_window
    w.exercise.show()
    w.exercise.raise_()
    panel = w.exercise.panel
    qtbot.waitUntil(lambda: on_screen(panel.browser, w))
    panel.browser.setFocus()
    qtbot.waitUntil(panel.browser.hasFocus)
    panel.browser.setCurrentItem(_browser_item(panel, "and"))
    press(qtbot, Qt.Key.Key_Return)
    reasons = panel.reasons
    qtbot.waitUntil(reasons.isVisible)
    for _ in range(20):
        if focused() is reasons:
            break
        press(qtbot, TAB)
    assert focused() is reasons
    assert announced(reasons) == "Check result: ✗ not yet, 1 of 4 rows right"


def test_a_drills_answer_field_says_its_mark_and_hint(qtbot, xor_window):
    """The ✓ / ✗ beside a typed answer and the hint under it were only seen: the field a screen reader
    stays on said nothing of them. Enter on the drill, type, Tab on: the field's description says it."""
    from tests.ui.test_chainrule_panel import open_drill

    w = xor_window
    w.activateWindow()
    chain = open_drill(qtbot, w, "chain-relu-off")
    browser = w.exercise.panel.browser
    browser.setFocus()
    qtbot.waitUntil(browser.hasFocus)
    press(qtbot, Qt.Key.Key_Return)  # into the first answer field
    first = chain.rows[0]
    assert focused() is first.field
    qtbot.keyClicks(first.field, "two")
    press(qtbot, TAB)
    qtbot.waitUntil(lambda: first.mark.text() == "?")
    told = QAccessible.queryAccessibleInterface(first.field)
    assert told.text(QAccessible.Text.Description).startswith("cannot read this: ")
    row = next(r for r in chain.rows if r.quantity.id == "dz:h2")
    row.field.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(row.field, "-2")  # without g'(z): h2 is off, g'(z) = 0
    press(qtbot, TAB)
    qtbot.waitUntil(lambda: row.mark.text() == "✗")
    described = QAccessible.queryAccessibleInterface(row.field).text(QAccessible.Text.Description)
    assert described.startswith("wrong: ") and "g'(z)" in described
    row.field.setFocus(Qt.FocusReason.TabFocusReason)
    row.field.selectAll()
    qtbot.keyClicks(row.field, "0")
    press(qtbot, TAB)
    qtbot.waitUntil(lambda: row.mark.text() == "✓")
    assert QAccessible.queryAccessibleInterface(row.field).text(QAccessible.Text.Description) == "right"


def test_tab_does_not_stop_on_plots_that_show_no_focus(qtbot, xor_window):
    """Tab stopped on every plot (Decision Regions, Loss, Accuracy, Activation, Landscape, an exercise's
    target function): a plot draws no focus mark and takes no key a student uses, so each press there
    seemed to do nothing. A click still focuses a plot (its own zoom keys)."""
    import pyqtgraph as pg

    from tests.ui.test_exercise_panel import click_exercise

    w = xor_window
    w.live.build_plots()
    for dock in w.findChildren(QDockWidget):
        if dock.objectName() != "lessonDock":
            dock.show()
    w.exercise.raise_()
    click_exercise(qtbot, w.exercise.panel, "approx-sin")  # a 1-D exercise: its target is a plot
    target = w.exercise.panel.picture.plot
    qtbot.waitUntil(lambda: target.isVisible() and on_screen(target, w))
    plots = w.findChildren(pg.PlotWidget)
    assert len([p for p in plots if p.isVisible()]) >= 6
    stops = tab_walk(qtbot, w)
    assert [s.objectName() for s in stops if isinstance(s, pg.PlotWidget)] == []
    assert all(p.focusPolicy() == Qt.FocusPolicy.ClickFocus for p in plots)
    assert target.accessibleName() == "Target function plot"


def test_tab_onto_the_lesson_text_shows_a_caret_that_the_arrows_move(qtbot, xor_window):
    """The lesson text, the Math and the PyTorch code were Tab stops that showed nothing (read-only, no
    caret): the focus was invisible there, and a screen reader could not read them line by line."""
    w = xor_window
    assert w.lessons.open_id("neural-networks")
    text = w.lessons.panel.text
    qtbot.waitUntil(lambda: on_screen(text, w))
    w.view.setFocus()
    qtbot.waitUntil(w.view.hasFocus)
    unfocused = text.viewport().grab().toImage()
    press(qtbot, TAB, CTRL)
    for _ in range(30):
        if focused() is text:
            break
        press(qtbot, TAB)
    assert focused() is text
    assert text.viewport().grab().toImage() != unfocused  # the caret shows where the focus is
    start = text.textCursor().position()
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_End)
    assert text.textCursor().position() > start
    press(qtbot, Qt.Key.Key_N)  # letters are still the window's tool keys
    assert w.view.mode == "add-neuron"
    press(qtbot, Qt.Key.Key_Escape)
    for pane in (w.exports.code_dock.text, w.exports.math_dock.text):
        assert pane.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard


def announcements(monkeypatch) -> list[str]:
    """What the app announces to a screen reader from now on (``QAccessibleAnnouncementEvent``s), in order."""
    said: list[str] = []

    def record(event):
        if event.type() == QAccessible.Event.Announcement:
            said.append(event.message())

    monkeypatch.setattr(QAccessible, "updateAccessibility", record)
    return said


def test_a_screen_reader_is_told_what_an_action_did(qtbot, xor_window, monkeypatch):
    """Connect to ▸ AND from the node's menu said "Connected h1 → h2…" only in the status bar, which a
    screen reader does not read by itself: the student heard nothing. The hint for what Tab selected
    is the canvas's description already: it is not said twice."""
    from tests.ui.test_keyboard_access import choose, menu_entries, on_canvas, tab_to

    said = announcements(monkeypatch)
    w = xor_window
    on_canvas(qtbot, w)
    tab_to(qtbot, w, "h1")
    assert said == []  # the canvas's name and description say it
    assert menu_entries(qtbot, Qt.Key.Key_T) == ["AND (h2)"]
    choose(qtbot, "AND (h2)")
    assert said == ["Connected h1 → h2 with weight 1 (Tab on the canvas selects it; Enter edits it)."]
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert said[1:] == ["Undone: connect h1 → h2."]  # the step undone, as the status bar says it
    press(qtbot, Qt.Key.Key_N)  # a tool's hint is said; back at Select, its mouse gestures are not
    assert said[-1].startswith("Add Neuron: each click on the canvas (or Enter) places a neuron.")
    press(qtbot, Qt.Key.Key_Escape)
    assert w.view.mode == "select" and "Drag a node" in w.statusBar().currentMessage()
    assert len(said) == 3


def test_the_toolbars_overflow_button_has_a_name(qtbot, xor_window):
    """At 1280 px the main toolbar does not fit: its » button (no Tab stop, found by a screen reader's
    review of the window) had no name."""
    from PySide6.QtWidgets import QToolButton

    w = xor_window
    w.resize(900, 720)
    button = w.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    qtbot.waitUntil(button.isVisible)
    assert QAccessible.queryAccessibleInterface(button).text(QAccessible.Text.Name) == "More tools"
    training = w.live.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert QAccessible.queryAccessibleInterface(training).text(QAccessible.Text.Name) == "More training tools"


def test_pausing_training_says_where_it_stopped(qtbot, xor_window, monkeypatch):
    """F8 trains, F8 again pauses: "Paused at epoch 12" showed in the Training panel only, so a screen
    reader said nothing, and the loss it stopped at was a picture (the curves) and a line of text."""
    said = announcements(monkeypatch)
    w = xor_window
    w.live.training_dock.raise_()
    qtbot.waitUntil(lambda: not w.live.panel.visibleRegion().isEmpty())
    w.activateWindow()
    w.view.setFocus()
    qtbot.waitUntil(w.view.hasFocus)
    press(qtbot, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: w.live.training.epoch >= 3, timeout=5000)
    press(qtbot, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: any(s.startswith("Paused at epoch") for s in said))
    spoken = next(s for s in said if s.startswith("Paused at epoch"))
    assert f"Paused at epoch {w.live.training.epoch}, loss " in spoken


def test_the_next_lesson_step_is_said(qtbot, xor_window, monkeypatch):
    """Space on Next showed the next step's title and text beside the focus, which stays on Next: a
    screen reader said nothing of the new step."""
    from designer.lessons import load_lesson

    said = announcements(monkeypatch)
    w = xor_window
    lesson = load_lesson("neural-networks")
    assert w.lessons.open_id("neural-networks")
    button = w.lessons.panel.next
    qtbot.waitUntil(lambda: on_screen(button, w))
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(button.hasFocus)
    press(qtbot, Qt.Key.Key_Space)
    assert w.lessons.index == 1
    assert f"Step 2 of {len(lesson)}: {lesson.steps[1].title}" in said


def dialog_stops(qtbot, dialog, limit: int = 40) -> list[QWidget]:
    """Tab round ``dialog`` from its focused widget back to it: the widgets the focus visits."""
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.isAncestorOf(focused()))
    first, stops = focused(), []
    for _ in range(limit):
        stops.append(focused())
        press(qtbot, TAB)
        if focused() is first:
            return stops
    raise AssertionError("Tab never came round the dialog")


def menu_entry_from_canvas(qtbot, w, menu_letter, entry_letter) -> None:
    """From the focused canvas, Alt+``menu_letter`` opens a menu of the menu bar and ``entry_letter``
    chooses its entry, as a keyboard user does."""
    view = w.view
    w.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, menu_letter, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    press(qtbot, entry_letter)


def test_the_presentation_setup_and_restarts_dialogs_name_every_control(qtbot, xor_window):
    """Alt+V, U (Presentation Setup…): the list of what to show and the preset box had no name; Alt+T,
    V (Several restarts…, whose S is Step's now): the run chooser was read as "run 1" only."""
    w = xor_window
    menu_entry_from_canvas(qtbot, w, Qt.Key.Key_V, Qt.Key.Key_U)
    setup = w.presentation.menu.setup_dialog
    unnamed = [f"{type(s).__name__} {s.objectName()!r}" for s in dialog_stops(qtbot, setup) if not announced(s)]
    assert unnamed == []
    setup.reject()
    qtbot.waitUntil(lambda: not setup.isVisible())
    menu_entry_from_canvas(qtbot, w, Qt.Key.Key_T, Qt.Key.Key_V)
    restarts = w.live.restarts_dialog
    choice = restarts.choice
    choice.setFocus()
    unnamed = [f"{type(s).__name__} {s.objectName()!r}" for s in dialog_stops(qtbot, restarts) if not announced(s)]
    assert unnamed == []
    assert announced(choice).startswith("Run whose weights to use")
    restarts.close()


def test_the_custom_feature_field_says_its_math_or_why_it_is_refused(qtbot, xor_window):
    """Network ▸ Add Feature ▸ Custom feature…: the formula field had no name, and the line under it
    (the math, or why the formula is refused) was never read out."""
    w = xor_window
    w.activateWindow()
    w.view.setFocus()
    qtbot.waitUntil(w.view.hasFocus)
    qtbot.keyClick(w.view, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    press(qtbot, Qt.Key.Key_F)  # Add Feature
    press(qtbot, Qt.Key.Key_Up)  # from the first entry round to the last: Custom feature…
    press(qtbot, Qt.Key.Key_Return)
    field = w.features.dialog.formula
    qtbot.waitUntil(lambda: focused() is field)
    told = QAccessible.queryAccessibleInterface(field)
    assert told.text(QAccessible.Text.Name) == "Feature formula"
    assert told.text(QAccessible.Text.Description).startswith("A formula of the inputs x1, x2")
    qtbot.keyClicks(field, "x3^2")
    assert "x3" in told.text(QAccessible.Text.Description)  # why it is refused
    field.clear()
    qtbot.keyClicks(field, "x1^2")
    assert told.text(QAccessible.Text.Description).startswith("= ")
    press(qtbot, Qt.Key.Key_Escape)
