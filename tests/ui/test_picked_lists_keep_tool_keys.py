"""A list picked with the mouse leaves the keyboard where it was (found following Getting Started).

Step 4 of the guide has the student choose the dataset, the loss and the optimizer with the mouse,
then press keys of the window (F8, G, B; M shows the neuron maps). The clicked combo box kept the
focus, and a combo box picks an entry by its first letter: M after choosing Adam switched the
optimizer to momentum without a word, N (Add Neuron) after choosing a dataset switched it to nand.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from designer.model import load
from designer.ui.canvas.modes import ADD_NEURON
from tests.conftest import EXAMPLES
from tests.ui import gui
from tests.ui.live_gui import open_window


def pick_with_mouse(qtbot, combo: QComboBox, text: str) -> None:
    """Open the list with a click, go to ``text`` in it and take it, as a student does."""
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    qtbot.waitUntil(lambda: view.isVisible())
    row = combo.findText(text, Qt.MatchFlag.MatchStartsWith)
    assert row >= 0, text
    view.setCurrentIndex(combo.model().index(row, 0))  # where the mouse hovers before the click
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible())
    assert combo.currentText().startswith(text)


def window_with_canvas_focus(qtbot):
    window = open_window(qtbot, load(EXAMPLES / "xor-step.json"))
    window.live.training_dock.show()
    window.live.training_dock.raise_()
    gui.click(window.view, (-400, -400))  # empty canvas: the canvas has the keyboard
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)
    return window


def press_in_window(qtbot, key) -> None:
    """A key pressed where the keyboard is now (the focused widget)."""
    qtbot.keyClick(QApplication.focusWidget(), key)


def test_m_after_choosing_adam_shows_the_maps_and_keeps_adam(qtbot):
    window = window_with_canvas_focus(qtbot)
    optimizer = window.live.panel.findChild(QComboBox, "optimizer")
    maps = window.actions["neuron_maps"]
    shown = maps.isChecked()
    pick_with_mouse(qtbot, optimizer, "Adam")
    assert QApplication.focusWidget() is window.view
    press_in_window(qtbot, Qt.Key.Key_M)
    assert optimizer.currentData() == "adam"
    assert window.live.session.training.settings.optimizer == "adam"
    assert maps.isChecked() is not shown


def test_n_after_choosing_a_dataset_adds_a_neuron_and_keeps_the_dataset(qtbot):
    window = window_with_canvas_focus(qtbot)
    dataset = window.live.panel.findChild(QComboBox, "dataset")
    pick_with_mouse(qtbot, dataset, "spiral")
    press_in_window(qtbot, Qt.Key.Key_N)
    assert dataset.currentText().startswith("spiral")
    assert window.view.mode == ADD_NEURON


def test_the_keyboard_still_reaches_the_list_and_picks_by_letter(qtbot):
    """Tab still stops on the lists, and there a letter picks an entry (keyboard users keep that)."""
    window = window_with_canvas_focus(qtbot)
    optimizer = window.live.panel.findChild(QComboBox, "optimizer")
    assert optimizer.focusPolicy() & Qt.FocusPolicy.TabFocus
    optimizer.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: optimizer.hasFocus())
    qtbot.keyClick(optimizer, Qt.Key.Key_M)
    assert optimizer.currentData() == "momentum"
