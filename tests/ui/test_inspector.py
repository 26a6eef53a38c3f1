"""The inspector, driven like a user: clicks on the canvas, real key presses into its fields and
clicks on its check boxes. Every edit is exactly one undo step, and undo puts the file back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QCheckBox, QLabel, QLineEdit, QTableWidget

from designer.model import dumps
from tests.ui import gui


def _field(window, cls, name: str):
    widget = window.findChild(cls, name)
    assert widget is not None, name
    return widget


def _select_neuron(qtbot, w, node_id: str) -> None:
    gui.click(w.view, gui.node_pos(w, node_id))
    qtbot.waitUntil(lambda: w.findChild(QLineEdit, "biasField").isVisible() and w.inspector.current == node_id)
    assert w.scene.selected_node_ids() == [node_id]


def _select_connection(qtbot, w, key) -> None:
    layer = w.scene.connections
    i = layer.position_of[key]
    mid = (layer.start[i] + layer.end[i]) / 2
    gui.click(w.view, (float(mid[0]), float(mid[1])))
    qtbot.waitUntil(lambda: w.findChild(QLineEdit, "weightField").isVisible())
    assert w.scene.selected_connections == {key}


def _type(qtbot, field: QLineEdit, text: str) -> None:
    """Focus the field, replace its text by typing, press Enter (real key events)."""
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def _tick(qtbot, box: QCheckBox) -> None:
    """Click the box's indicator (a click far right of its text would miss it)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def _one_undo_step(w, change, check) -> None:
    """``change()`` makes exactly one undo step whose undo restores the file and whose redo repeats it."""
    stack = w.document.undo_stack
    before, index = dumps(w.document.network), stack.index()
    watch = gui.UndoDiscipline(w)
    change()
    assert watch.check("the inspector edit")
    assert stack.index() == index + 1 and stack.count() == index + 1
    check()
    after = dumps(w.document.network)
    w.actions["undo"].trigger()
    assert dumps(w.document.network) == before
    w.actions["redo"].trigger()
    assert dumps(w.document.network) == after


@pytest.mark.parametrize("text, value", [("0.25", 0.25), ("-3/2", -1.5), ("(1+2)*-0.5", -1.5), ("2e-3", 0.002)])
def test_typing_a_bias_is_one_undo_step(qtbot, xor_window, text, value):
    w = xor_window
    _select_neuron(qtbot, w, "h1")
    field = _field(w, QLineEdit, "biasField")
    _one_undo_step(
        w, lambda: _type(qtbot, field, text), lambda: w.document.network.neurons["h1"].bias == pytest.approx(value)
    )
    assert w.document.network.neurons["h1"].bias == pytest.approx(value)


def test_typing_a_weight_is_one_undo_step(qtbot, xor_window):
    w = xor_window
    _select_connection(qtbot, w, ("h2", "y"))
    field = _field(w, QLineEdit, "weightField")
    assert field.text() == "−1"  # the reading while not edited (test_inspector_readings.py)
    _one_undo_step(w, lambda: _type(qtbot, field, "-2/3"), lambda: None)
    assert w.document.network.connections[("h2", "y")].weight == -2 / 3


def test_a_bad_number_changes_nothing_and_says_why(qtbot, xor_window):
    w = xor_window
    _select_neuron(qtbot, w, "h1")
    before, index = dumps(w.document.network), w.document.undo_stack.index()
    _type(qtbot, _field(w, QLineEdit, "biasField"), "1/0")
    assert dumps(w.document.network) == before and w.document.undo_stack.index() == index
    field = _field(w, QLineEdit, "biasField")
    assert "Not applied" in w.statusBar().currentMessage()
    assert field.error.isVisible() and "Not applied" in field.error.text()  # said at the field too


def test_the_output_checkbox_is_one_undo_step(qtbot, xor_window):
    w = xor_window
    _select_neuron(qtbot, w, "h2")
    box = _field(w, QCheckBox, "outputCheck")
    assert not box.isChecked()
    _one_undo_step(w, lambda: _tick(qtbot, box), lambda: None)
    assert w.document.network.outputs == ["y", "h2"]
    _select_neuron(qtbot, w, "y")
    _one_undo_step(w, lambda: _tick(qtbot, box), lambda: None)
    assert w.document.network.outputs == ["h2"]


@pytest.mark.parametrize("name", ["biasLock", "weightLock"])
def test_lock_checkboxes_are_one_undo_step(qtbot, xor_window, name):
    w = xor_window
    if name == "biasLock":
        _select_neuron(qtbot, w, "y")
    else:
        _select_connection(qtbot, w, ("h1", "y"))
    box = _field(w, QCheckBox, name)
    _one_undo_step(w, lambda: _tick(qtbot, box), lambda: None)
    net = w.document.network
    assert not (net.neurons["y"].trainable if name == "biasLock" else net.connections[("h1", "y")].trainable)


def test_the_label_is_one_undo_step(qtbot, xor_window):
    w = xor_window
    _select_neuron(qtbot, w, "h1")
    _one_undo_step(w, lambda: _type(qtbot, _field(w, QLineEdit, "neuronLabelField"), "OR gate"), lambda: None)
    assert w.document.network.neurons["h1"].label == "OR gate"


def test_the_activation_combo_is_one_undo_step(qtbot, xor_window):
    w = xor_window
    _select_neuron(qtbot, w, "h1")
    combo = w.findChild(type(w.inspector.n_activation), "activationCombo")
    combo.setFocus()

    _one_undo_step(w, lambda: qtbot.keyClicks(combo, "ta"), lambda: None)  # keyboard search: "tanh"
    assert w.document.network.neurons["h1"].activation == "tanh"


def test_typing_into_the_incoming_weights_table_is_one_undo_step(qtbot, xor_window):
    w = xor_window
    _select_neuron(qtbot, w, "y")
    table = _field(w, QTableWidget, "incomingWeights")
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "AND")
    assert table.item(row, 1).text() == "-1"

    def edit():
        table.setFocus()
        table.setCurrentCell(row, 1)
        qtbot.keyClick(table, Qt.Key.Key_F2)
        editor = QApplication.focusWidget()
        assert isinstance(editor, QLineEdit), editor
        editor.selectAll()
        qtbot.keyClicks(editor, "-1/2")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: table.state() == QAbstractItemView.State.NoState)  # the delegate commits queued

    _one_undo_step(w, edit, lambda: None)
    assert w.document.network.connections[("h2", "y")].weight == -0.5


def test_a_training_run_shows_its_live_values_and_a_focused_field_applies_nothing(qtbot):
    """While training moves the weights (not yet in the model: one undo step at pause), the inspector
    shows the live numbers; a field that had focus meanwhile and is left unchanged applies nothing."""
    from tests.ui.live_gui import choose, mlp, open_window

    net = mlp([2, 3, 1])
    for i, connection in enumerate(net.connections.values()):
        connection.weight *= 1 + 0.1 * i  # no hidden copies
    w = open_window(qtbot, net)
    choose(w.live.panel.dataset, "xor")
    _select_neuron(qtbot, w, "h1_1")
    bias, table = _field(w, QLineEdit, "biasField"), _field(w, QTableWidget, "incomingWeights")
    model_weight = w.document.network.connections[("x1", "h1_1")].weight
    w.actions["train_play"].trigger()
    qtbot.waitUntil(lambda: w.live.training.uncommitted and table.item(0, 1).text() != _plain(model_weight))
    assert w.document.network.connections[("x1", "h1_1")].weight == model_weight  # the model waits for the pause
    formula = _field(w, QLabel, "neuronFormula")
    qtbot.waitUntil(lambda: "as of the last pause" in formula.text())  # its numbers are the model's
    bias.setFocus()
    qtbot.waitUntil(bias.hasFocus)
    shown = bias.text()
    qtbot.waitUntil(lambda: w.session.bias_of("h1_1") != float(shown))  # training moved on
    w.view.setFocus()  # leaves the field unchanged
    w.actions["train_play"].trigger()  # pause: the run becomes one undo step
    qtbot.waitUntil(lambda: not w.live.training.running)
    assert w.document.undo_stack.undoText() != "" and "bias" not in w.document.undo_stack.undoText().lower()
    net = w.document.network
    assert bias.value == pytest.approx(net.neurons["h1_1"].bias, abs=1e-3)
    assert "as of the last pause" not in formula.text()
    assert float(table.item(0, 1).text()) == pytest.approx(net.connections[("x1", "h1_1")].weight, abs=1e-3)


def _plain(value: float) -> str:
    from designer.ui.canvas.editor import plain_number

    return plain_number(value)


def test_edits_restyle_no_field_whose_error_is_unchanged(qtbot, xor_window, monkeypatch):
    """The Inspector cleared its fields' errors after edits by setting their style sheets again, and Qt
    polishes a widget at every such call, same sheet or not. A typed weight, its undo
    and redo set none; a bad number still frames the field, and a good one takes the frame away."""
    from designer.ui.number_field import NumberField

    w = xor_window
    _select_connection(qtbot, w, ("h2", "y"))
    field = _field(w, QLineEdit, "weightField")
    sheets = []

    def counted(self, sheet: str) -> None:
        sheets.append(sheet)
        QLineEdit.setStyleSheet(self, sheet)

    monkeypatch.setattr(NumberField, "setStyleSheet", counted)
    _type(qtbot, field, "-2/3")
    w.actions["undo"].trigger()
    w.actions["redo"].trigger()
    assert sheets == [] and w.document.network.connections[("h2", "y")].weight == -2 / 3
    _type(qtbot, field, "1/0")
    assert field.styleSheet() and field.error.isVisible()  # the red frame and the reason
    _type(qtbot, field, "0.5")
    assert not field.styleSheet() and not field.error.isVisible()
    assert len(sheets) == 2 and w.document.network.connections[("h2", "y")].weight == 0.5
