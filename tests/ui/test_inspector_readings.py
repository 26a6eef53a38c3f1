"""The Inspector shows a trained value as it reads everywhere else, and edits the exact value.

A trained bias showed as ``-10.57209396`` and weights as ``3.115425348`` in fields and in the
incoming-weights table, while the canvas and the formula read ``−10.57`` and ``3.115``. Now a field
that is not being edited shows the reading (``format_weight``) with the exact value in its tooltip;
clicked or tabbed into, it holds the exact value, and leaving it unchanged applies nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QTableWidget

from designer.formatting import format_weight
from tests.ui.test_inspector import _field, _select_connection, _select_neuron, _type

TRAINED_BIAS, TRAINED_WEIGHT = -10.57209396, 3.115425348


def _leave(qtbot, w) -> None:
    """The focus goes elsewhere in the window (the canvas), as a click there would move it."""
    w.view.setFocus()
    qtbot.waitUntil(w.view.hasFocus)


def _edit_cell(qtbot, table: QTableWidget, row: int, column: int) -> QLineEdit:
    """The cell's editor, opened with F2 as a keyboard user does."""
    table.setFocus()
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), editor
    return editor


def test_a_trained_bias_reads_rounded_and_is_edited_exactly(qtbot, xor_window):
    w = xor_window
    _select_neuron(qtbot, w, "h1")
    field = _field(w, QLineEdit, "biasField")
    _type(qtbot, field, "-10.57209396")
    _leave(qtbot, w)
    assert w.document.network.neurons["h1"].bias == TRAINED_BIAS
    assert field.text() == "−10.57" == format_weight(TRAINED_BIAS)  # as the canvas and the formula read it
    assert "-10.57209396" in field.toolTip()
    index = w.document.undo_stack.index()
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)  # to edit it: the exact value
    assert field.hasFocus() and field.text() == "-10.57209396"
    _leave(qtbot, w)  # left unchanged: nothing applied, the reading again
    assert w.document.undo_stack.index() == index and w.document.network.neurons["h1"].bias == TRAINED_BIAS
    assert field.text() == "−10.57"
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClick(field, Qt.Key.Key_End)
    qtbot.keyClicks(field, "5")  # typing goes on from the exact value
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert w.document.network.neurons["h1"].bias == -10.572093965


def test_a_whole_number_reads_as_itself_without_a_tooltip(qtbot, xor_window):
    w = xor_window
    _select_connection(qtbot, w, ("h2", "y"))
    field = _field(w, QLineEdit, "weightField")
    assert field.text() == "−1" and field.toolTip() == ""


def test_the_weights_table_shows_readings_and_edits_the_exact_weight(qtbot, xor_window):
    w = xor_window
    _select_neuron(qtbot, w, "h1")
    table = _field(w, QTableWidget, "incomingWeights")
    editor = _edit_cell(qtbot, table, 0, 1)
    editor.selectAll()
    qtbot.keyClicks(editor, "3.115425348")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() == QAbstractItemView.State.NoState)  # the delegate commits queued
    assert w.document.network.connections[("x1", "h1")].weight == TRAINED_WEIGHT
    item = table.item(0, 1)
    shown = table.itemDelegateForColumn(1).displayText(item.data(Qt.ItemDataRole.DisplayRole), QLocale())
    assert shown == "3.115"  # what the cell paints
    assert "3.115425348" in item.toolTip()
    editor = _edit_cell(qtbot, table, 0, 1)
    assert editor.text() == "3.115425348"  # the editor starts from the exact value
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
