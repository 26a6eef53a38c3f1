"""At 1280×720 a neuron's incoming weights show in the Inspector without scrolling.

The table came after the bias lock, the output and softmax boxes and the neuron's formula: below the
fold for every neuron (05-and-1280.png).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QScrollArea

from tests.ui.live_gui import mlp, sized_window


def test_a_hidden_neurons_first_incoming_weights_are_above_the_fold(qtbot):
    w = sized_window(qtbot, mlp([2, 3, 1]), (1280, 720))
    # the right column as the app opens at 1280×720 (the test's window was arranged at another size first)
    w.resizeDocks([w.inspector_dock, w.live.region_dock], [259, 356], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: abs(w.inspector_dock.height() - 259) <= 4)
    view = w.view
    centre = view.mapFromScene(w.scene.node_items["h1_1"].sceneBoundingRect().center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert w.scene.selected_node_ids() == ["h1_1"]
    table = next(t for t in w.inspector.findChildren(QAbstractItemView) if t.objectName() == "incomingWeights")
    qtbot.waitUntil(table.isVisible)
    scroll = w.inspector.parentWidget()
    while not isinstance(scroll, QScrollArea):
        scroll = scroll.parentWidget()
    qtbot.wait(50)  # laid out
    assert scroll.verticalScrollBar().value() == 0
    first_row = table.visualRect(table.model().index(0, 1))
    bottom = table.viewport().mapTo(scroll.viewport(), QPoint(0, first_row.bottom()))
    assert bottom.y() <= scroll.viewport().height(), (bottom.y(), scroll.viewport().height())


def test_an_inputs_page_needs_no_horizontal_scroll_bar(qtbot):
    w = sized_window(qtbot, mlp([2, 3, 1]), (1280, 720))
    view = w.view
    centre = view.mapFromScene(w.scene.node_items["x2"].sceneBoundingRect().center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert w.scene.selected_node_ids() == ["x2"]
    scroll = w.inspector.parentWidget()
    while not isinstance(scroll, QScrollArea):
        scroll = scroll.parentWidget()
    qtbot.waitUntil(lambda: w.inspector.current == "x2")
    qtbot.wait(50)  # laid out
    assert not scroll.horizontalScrollBar().isVisible()


def _scroll_of(w) -> QScrollArea:
    scroll = w.inspector.parentWidget()
    while not isinstance(scroll, QScrollArea):
        scroll = scroll.parentWidget()
    return scroll


def _click_node(qtbot, w, node_id: str) -> None:
    centre = w.view.mapFromScene(w.scene.node_items[node_id].sceneBoundingRect().center())
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert w.scene.selected_node_ids() == [node_id]
    qtbot.waitUntil(lambda: w.inspector.current == node_id)


def test_a_neurons_formula_shows_below_its_few_weights_without_scrolling(qtbot):
    """The weights table is as tall as its rows: Qt's fixed hint of some six rows pushed the formula of a
    three-input neuron below the Inspector of a 1600 × 1000 window (docs/images/three-layer-canvas.png)."""
    w = sized_window(qtbot, mlp([2, 3, 3, 1]), (1600, 1000))
    _click_node(qtbot, w, "h2_1")
    scroll = _scroll_of(w)
    formula = w.inspector.n_formula
    qtbot.waitUntil(formula.isVisible)
    qtbot.wait(50)  # laid out
    assert "h2_1 = " in formula.text()
    assert scroll.verticalScrollBar().value() == 0
    bottom = formula.mapTo(scroll.viewport(), QPoint(0, formula.height()))
    assert bottom.y() <= scroll.viewport().height(), (bottom.y(), scroll.viewport().height())
    table = w.inspector.n_weights
    assert table.rowCount() == 3 and table.verticalScrollBar().maximum() == 0  # every row shown


def test_a_wide_neurons_weights_scroll_inside_their_table(qtbot):
    from designer.ui.incoming_weights import MOST_ROWS_SHOWN

    w = sized_window(qtbot, mlp([12, 2, 1]), (1600, 1000))
    _click_node(qtbot, w, "h1_1")
    table = w.inspector.n_weights
    qtbot.waitUntil(table.isVisible)
    qtbot.wait(50)  # laid out
    assert table.rowCount() == 12
    row = table.verticalHeader().defaultSectionSize()
    assert table.height() <= table.horizontalHeader().height() + (MOST_ROWS_SHOWN + 1) * row
    assert table.verticalScrollBar().maximum() > 0  # the other rows are a scroll away, inside the table


def test_at_a_1366x768_first_start_a_neurons_formula_shows_whole_without_scrolling(qtbot):
    """app.run's window on a 1366×768 laptop is 1229×691: the Inspector's 42 % of it showed a hidden neuron's
    fields and weights, and its formula (two lines with the label) sat below the fold."""
    from tests.ui.test_small_screen_canvas import first_start

    w = first_start(qtbot, (1229, 691))  # the XOR example, its exercise shown
    region = w.live.region_dock
    _click_node(qtbot, w, "h1")
    scroll = _scroll_of(w)
    formula = w.inspector.n_formula
    qtbot.waitUntil(formula.isVisible)
    qtbot.wait(50)  # laid out
    assert formula.text().startswith("h1 = step(")
    assert scroll.verticalScrollBar().value() == 0
    bottom = formula.mapTo(scroll.viewport(), QPoint(0, formula.height()))
    assert bottom.y() <= scroll.viewport().height(), (bottom.y(), scroll.viewport().height())
    assert region.height() >= region.minimumSizeHint().height()  # Decision Regions below, not squeezed
    assert w.live.region.plot.height() > 150  # and its map a usable size
