"""A chain-rule drill's hint appears under the field being typed in. For a field at the panel's bottom
(∂L/∂a of h2 in the 2-2-1 drill at 1366×768) it appeared below the bottom, out of view, and the red ✗
came with no reason one could read until one scrolled."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt

from tests.ui.test_chainrule_panel import open_drill


def in_view(scroll, widget) -> bool:
    port = scroll.viewport()
    top_left = widget.mapTo(port, widget.rect().topLeft())
    return port.rect().contains(QRect(top_left, widget.size()))


def test_the_hint_under_the_field_typed_in_comes_into_view(qtbot, xor_window):
    xor_window.resize(1366, 768)
    chain = open_drill(qtbot, xor_window, "chain-2-2-1-sigmoid")
    last = chain.rows[-1]  # ∂L/∂b of h2, below the dock's bottom at 1366×768
    qtbot.waitUntil(lambda: chain.scroll.viewport().height() < chain.scroll.widget().height())
    assert not in_view(chain.scroll, last.field)
    last.field.setFocus(Qt.FocusReason.MouseFocusReason)  # as a click does: the field scrolls into view
    qtbot.waitUntil(lambda: in_view(chain.scroll, last.field))
    qtbot.keyClicks(last.field, "1/16")  # right: 1/8
    qtbot.waitUntil(lambda: last.hint.isVisible() and last.hint.text().startswith("↳"))
    qtbot.waitUntil(lambda: in_view(chain.scroll, last.hint))
    assert in_view(chain.scroll, last.field)  # and the field it belongs to stays in view
