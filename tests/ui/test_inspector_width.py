"""The Inspector's pages fit its dock: no sideways scrolling.

A neuron's page needed some 272 px. The right column could be made narrower (208 px at 1366×768
without the first start's sizing): the page scrolled sideways and cut the Output box and the weights'
locked column. Now a narrow page puts each field under its label, and the dock is never narrower
than its widest page, a neuron's (the connection page's "Lock weight (training leaves it unchanged)"
made that one 300 px).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QCheckBox

from tests.ui.test_inspector import _select_connection, _select_neuron


def narrow_right_column_to(qtbot, w, width: int) -> None:
    """The right column made ``width`` wide, as dragging its separator asks the window to (resizeDocks: a
    synthetic drag of the separator does not reach QMainWindow's separator in the offscreen platform)."""
    w.resizeDocks([w.inspector_dock], [width], Qt.Orientation.Horizontal)
    qtbot.wait(20)


def within(widget, scroll) -> bool:
    """Whether ``widget`` shows whole, across, in the scroll area's viewport."""
    port = scroll.viewport()
    shown = QRect(widget.mapTo(port, QPoint(0, 0)), widget.size())
    return 0 <= shown.left() and shown.right() <= port.width()


def test_a_narrowed_right_column_keeps_the_neuron_page_whole(qtbot, xor_window):
    w = xor_window
    w.resize(1366, 768)
    qtbot.waitUntil(lambda: w.width() == 1366)
    _select_neuron(qtbot, w, "y")
    before = w.inspector_dock.width()
    narrow_right_column_to(qtbot, w, 208)
    scroll = w.inspector_dock.widget()
    assert w.inspector_dock.width() < before  # narrowed, as far as the page allows
    assert not scroll.horizontalScrollBar().isVisible()
    assert within(w.findChild(QCheckBox, "outputCheck"), scroll)
    table = w.inspector.n_weights
    assert within(table, scroll)
    locked = table.horizontalHeader()
    assert locked.sectionPosition(2) + locked.sectionSize(2) <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()


def test_the_connection_page_is_no_wider(qtbot, xor_window):
    w = xor_window
    _select_connection(qtbot, w, next(iter(w.document.network.connections)))
    page = w.inspector.stack.currentWidget()
    neuron_page = w.inspector.n_title.parentWidget()
    assert page.minimumSizeHint().width() <= neuron_page.minimumSizeHint().width()
    assert w.findChild(QCheckBox, "weightLock").toolTip() == "Lock the weight: training leaves it unchanged"
