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
