"""Menus from the keyboard: each entry's underlined letter chooses it (real key events throughout).

A letter two entries of one menu share only moves between them (Qt chooses nothing); an entry with
no letter is reached only with the arrow keys, which a screen-reader user walks one by one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from tests.conftest import EXAMPLES
from tests.ui.menus import plain
from tests.ui.test_keyboard_access import on_canvas, press, tab_to

SHIFT = Qt.KeyboardModifier.ShiftModifier


def letters(menu: QMenu) -> list[str]:
    """The underlined letters of ``menu``'s entries (those that have one)."""
    found = []
    for action in menu.actions():
        key = QKeySequence.mnemonic(action.text())
        if not key.isEmpty():
            found.append(key.toString().removeprefix("Alt+").lower())
    return found


def all_menus(menu: QMenu) -> list[QMenu]:
    menu.aboutToShow.emit()  # menus filled as they open (features, recent files)
    found = [menu]
    for action in menu.actions():
        if action.menu() is not None:
            found += all_menus(action.menu())
    return found


def test_no_two_entries_of_a_menu_share_their_letter(xor_window):
    """File had E for Export and Open Exercise, View S three times (Snap, Preset, Setup), Network A
    (Set Activation, Arrange) and C (Connect, Collapse Linear Layers): the letter only moved between them."""
    w = xor_window
    shared = {}
    for top in w.menuBar().actions():
        for menu in all_menus(top.menu()):
            found = letters(menu)
            repeated = sorted({letter for letter in found if found.count(letter) > 1})
            if repeated:
                shared[menu.title()] = repeated
    assert shared == {}
    bar = letters(w.menuBar())
    assert len(bar) == len(set(bar)) == len(w.menuBar().actions())


def test_menu_bar_letters_reach_arrange_and_the_activation_submenu(qtbot, xor_window):
    w = xor_window
    view = on_canvas(qtbot, w)
    tab_to(qtbot, w, "h1")
    with qtbot.waitSignal(w.actions["arrange"].triggered, timeout=2000):
        qtbot.keyClick(view, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
        press(qtbot, Qt.Key.Key_R)  # Network ▸ Arrange by Layers
    qtbot.keyClick(view, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    press(qtbot, Qt.Key.Key_A)  # Network ▸ Set Activation ▸ relu, on the selected h1
    press(qtbot, Qt.Key.Key_R)
    assert w.document.network.neurons["h1"].activation == "relu"


def test_every_enabled_entry_of_every_menu_has_a_letter(xor_window):
    """Train ▸ Play, Step and Epoch had a key (F8, F6, F7) but no letter: Alt+T, S did nothing. Every
    menu of the bar (submenus and menus filled as they open too) is walked."""
    w = xor_window
    bare = []
    for top in w.menuBar().actions():
        for menu in all_menus(top.menu()):
            bare += [
                f"{plain(menu.title())} ▸ {plain(a.text())}"
                for a in menu.actions()
                if a.isEnabled() and not a.isSeparator() and a.text() and QKeySequence.mnemonic(a.text()).isEmpty()
            ]
    assert bare == []


def test_alt_t_then_s_steps_and_the_letters_stay_while_training_runs(qtbot, xor_window):
    w = xor_window
    train = next(a.menu() for a in w.menuBar().actions() if plain(a.text()) == "Train")
    steps = w.live.training.steps
    view = on_canvas(qtbot, w)
    with qtbot.waitSignal(w.actions["train_step"].triggered, timeout=2000):
        qtbot.keyClick(view, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is train)
        press(qtbot, Qt.Key.Key_S)  # Train ▸ Step
    assert w.live.training.steps == steps + 1 and QApplication.activePopupWidget() is None
    assert w.live.panel.buttons["train_step"].text() == "Step"  # the panel's button shows no "&"
    w.live.training.toggle()  # Play: its entry is Pause now, with the same letter
    assert plain(w.actions["train_play"].text()) == "Pause" and letters(train)[0] == "p"
    assert w.live.panel.buttons["train_play"].text() == "Pause"
    w.live.training.toggle()
    w.document.undo_stack.undo()  # (the check after each test undoes every step)


def test_the_node_menu_sets_the_activation_and_edits_the_bias_by_letter(qtbot, xor_window):
    """Shift+F10 on the neuron Tab selected opened its menu, but A (Activation) and B (Edit bias…) did
    nothing: they had no letter, only Output, Connect to/from, Disconnect, Copy, Duplicate, Delete had."""
    w = xor_window
    on_canvas(qtbot, w)
    tab_to(qtbot, w, "h1")
    press(qtbot, Qt.Key.Key_F10, SHIFT)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    press(qtbot, Qt.Key.Key_A)
    press(qtbot, Qt.Key.Key_I)  # sigmoid (S is step's)
    assert w.document.network.neurons["h1"].activation == "sigmoid"
    assert QApplication.activePopupWidget() is None
    press(qtbot, Qt.Key.Key_F10, SHIFT)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    press(qtbot, Qt.Key.Key_B)
    editor = w.view.editor
    qtbot.waitUntil(lambda: editor.active and QApplication.focusWidget() is editor.line)
    editor.line.selectAll()
    qtbot.keyClicks(editor.line, "-1/2")
    press(qtbot, Qt.Key.Key_Return)
    assert w.document.network.neurons["h1"].bias == -0.5


def test_the_connection_menu_edits_the_weight_by_letter(qtbot, xor_window):
    w = xor_window
    on_canvas(qtbot, w)
    tab_to(qtbot, w, ("x1", "h1"))
    press(qtbot, Qt.Key.Key_F10, SHIFT)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    press(qtbot, Qt.Key.Key_W)
    editor = w.view.editor
    qtbot.waitUntil(lambda: editor.active and QApplication.focusWidget() is editor.line)
    assert editor.line.accessibleName() == "Weight x1 → h1"
    press(qtbot, Qt.Key.Key_Escape)


def test_every_train_entry_has_a_letter_or_a_key(qtbot, xor_window):
    """Train ▸ Reset, Randomize and Several restarts… had neither a letter nor a shortcut: a keyboard
    user went down the menu entry by entry. Alt+T, A randomizes now."""
    w = xor_window
    train = next(a.menu() for a in w.menuBar().actions() if a.text() == "&Train")
    bare = [
        a.text()
        for a in train.actions()
        if a.isVisible()
        and not a.isSeparator()
        and a.shortcut().isEmpty()
        and "\t" not in a.text()  # (a key named in the shortcut column: Unpin Probe Point, Esc)
        and QKeySequence.mnemonic(a.text()).isEmpty()
    ]
    assert bare == []
    view = on_canvas(qtbot, w)
    with qtbot.waitSignal(w.live.actions["train_randomize"].triggered, timeout=2000):
        qtbot.keyClick(view, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is train)
        press(qtbot, Qt.Key.Key_A)
    w.document.undo_stack.undo()  # (the check after each test undoes every step)


def test_help_lists_the_keys_a_student_without_a_mouse_needs(qtbot, xor_window):
    """The canvas's keys (Tab, Enter or F2, Shift+F10…) were only in the README: Alt+H, K shows them,
    with every menu shortcut, in a text the focus is in (a screen reader reads it line by line)."""
    w = xor_window
    view = on_canvas(qtbot, w)
    qtbot.keyClick(view, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    press(qtbot, Qt.Key.Key_K)
    qtbot.waitUntil(
        lambda: (
            QApplication.focusWidget() is not None
            and QApplication.focusWidget().objectName() == "keyboardShortcutsText"
        )
    )
    text = QApplication.focusWidget()
    assert text.accessibleName() == "Keyboard shortcuts" and text.isReadOnly()
    shown = text.toPlainText()
    for key in ("Shift+F10", "Ctrl+Tab", "Enter or F2", "Alt+V, a panel's letter"):
        assert key in shown
    assert "F8" in shown and "Train ▸ Play" in shown and "Edit ▸ Undo" in shown
    assert "Esc" in shown and "Train ▸ Unpin Probe Point" in shown
    dialog = text.window()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_every_panel_in_the_view_menu_has_a_letter(qtbot, xor_window):
    """The panels' entries (Inspector, History, Decision Regions … Math, Lesson) had no letter: a
    keyboard user went down the View menu one entry at a time. Alt+V, H opens the Math panel now."""
    w = xor_window
    view_menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&View")
    bare = [
        a.text()
        for a in view_menu.actions()
        if not a.isSeparator() and a.shortcut().isEmpty() and QKeySequence.mnemonic(a.text()).isEmpty()
    ]
    assert bare == []
    math = w.exports.math_dock
    assert not math.isVisible()
    view = on_canvas(qtbot, w)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is view_menu)
    press(qtbot, Qt.Key.Key_H)
    qtbot.waitUntil(math.isVisible)


def test_file_new_and_export_entries_have_letters(qtbot, xor_window):
    """File ▸ New's templates and File ▸ Export's thirteen figures had no letter. Alt+F, N, 2 opens the
    2-2-1 network now."""
    w = xor_window
    for menu in (w.findChild(QMenu, "newMenu"), w.export_menu):
        assert [a.text() for a in menu.actions() if QKeySequence.mnemonic(a.text()).isEmpty()] == []
    view = on_canvas(qtbot, w)
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    press(qtbot, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is w.findChild(QMenu, "newMenu"))
    press(qtbot, Qt.Key.Key_2)
    assert w.document.network.name == "2-2-1 network"


def open_by_keys(qtbot, w, *keys) -> None:
    """Alt+ the first key on the canvas (a menu bar title), then each key in the menus that open."""
    view = on_canvas(qtbot, w)
    qtbot.keyClick(view, keys[0], Qt.KeyboardModifier.AltModifier)
    for key in keys[1:]:
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
        press(qtbot, key)


def test_menus_filled_as_they_open_have_letters(qtbot, xor_window, tmp_path):
    """Open Recent, Add Feature and Lessons are filled each time they open: none of their entries had
    a letter (a keyboard user went down them one by one). Alt+F, R, L opens lecture/xor.json now;
    Alt+N, F, X adds x₁²; x₂² and x₁x₂, whose only letter a key types is x₁²'s x, had none: Alt+N, F,
    2 adds x₂² now (its letter in brackets, "x₂² (2)")."""
    import shutil

    w = xor_window
    files = []
    for folder in ("lecture", "exam"):
        (tmp_path / folder).mkdir()
        files.append(shutil.copy(EXAMPLES / "xor-step.json", tmp_path / folder / "xor.json"))
        assert w.files.open_path(files[-1])
    menus = (w.recent_menu, w.findChild(QMenu, "featureMenu"), w.lessons.menu)
    for menu in menus:
        menu.aboutToShow.emit()
        bare = [a.text() for a in menu.actions() if a.isEnabled() and a.text() and not letters_of(a)]
        assert bare == []
        assert len(letters(menu)) == len(set(letters(menu)))
    open_by_keys(qtbot, w, Qt.Key.Key_F, Qt.Key.Key_R, Qt.Key.Key_L)  # File ▸ Open Recent ▸ lecture/xor.json
    assert w.document.path == files[0]
    open_by_keys(qtbot, w, Qt.Key.Key_N, Qt.Key.Key_F, Qt.Key.Key_X)  # Network ▸ Add Feature ▸ x₁²
    assert [n.expression for n in w.document.network.features.values()] == ["x1^2"]
    w.document.undo_stack.undo()
    open_by_keys(qtbot, w, Qt.Key.Key_N, Qt.Key.Key_F, Qt.Key.Key_2)  # Network ▸ Add Feature ▸ x₂² (2)
    assert [n.expression for n in w.document.network.features.values()] == ["x2^2"]
    w.document.undo_stack.undo()
    key = Qt.Key(ord(letters_of(w.lessons.menu.actions()[0]).removeprefix("Alt+")))  # (refilled as it opens)
    open_by_keys(qtbot, w, Qt.Key.Key_H, Qt.Key.Key_L, key)  # Help ▸ Lessons ▸ the first lesson
    qtbot.waitUntil(lambda: w.lessons.is_open, timeout=2000)


def letters_of(action) -> str:
    return QKeySequence.mnemonic(action.text()).toString()


def test_connect_from_names_each_node_by_a_letter(qtbot, empty_window):
    """Shift+F10 on a neuron, F (Connect from): its entries, the nodes, had no letter, so the student
    went down them with the arrow keys. Built with the keys alone: two inputs and a neuron, then
    Shift+F10, F, 2 connects x₂ and Shift+F10, F, X connects x₁."""
    w = empty_window
    view = on_canvas(qtbot, w)
    for key in (Qt.Key.Key_I, Qt.Key.Key_Return, Qt.Key.Key_Return, Qt.Key.Key_N, Qt.Key.Key_Return):
        press(qtbot, key)  # two inputs below each other, then a neuron (selected)
    press(qtbot, Qt.Key.Key_Escape)
    assert w.scene.selected_node_ids() == ["h1"] and QApplication.focusWidget() is view
    press(qtbot, Qt.Key.Key_F10, SHIFT)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    press(qtbot, Qt.Key.Key_F)
    sub = QApplication.activePopupWidget()
    assert [plain(a.text()) for a in sub.actions()] == ["x₁ (x1)", "x₂ (x2)"] and letters(sub) == ["x", "2"]
    press(qtbot, Qt.Key.Key_2)
    assert set(w.document.network.connections) == {("x2", "h1")} and QApplication.activePopupWidget() is None
    press(qtbot, Qt.Key.Key_F10, SHIFT)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    press(qtbot, Qt.Key.Key_F)
    press(qtbot, Qt.Key.Key_X)
    assert set(w.document.network.connections) == {("x2", "h1"), ("x1", "h1")}
    press(qtbot, Qt.Key.Key_F10, SHIFT)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    press(qtbot, Qt.Key.Key_S)  # Disconnect: its links have letters too
    links = QApplication.activePopupWidget()
    assert len(set(letters(links))) == len(links.actions()) == 2
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_Escape)
