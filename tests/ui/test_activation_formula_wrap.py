"""The Activation view's formulas read whole in a narrow dock.

They were the plots' titles, one line each, as wide as the column had to be: in a narrower dock the
column scrolled sideways and the titles were cut at its edge ("step: g(z) = 1 for z ≥ 0, el", "g′(z) =
0 everywhere: no gradient to fo"). They are labels over the plots now, wrapped between terms.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics

from tests.ui.test_activation_view import open_activation


def shown_whole(label) -> bool:
    """The label's text laid out at its width fits inside it, across and down."""
    needed = QFontMetrics(label.font()).boundingRect(
        QRect(0, 0, label.width(), 100_000), int(Qt.TextFlag.TextWordWrap), label.text()
    )
    return label.isVisible() and needed.width() <= label.width() and needed.height() <= label.height()


@pytest.mark.parametrize("width", [210, 320, 600])
def test_the_step_formulas_read_whole_in_a_dock_of_any_width(qtbot, width):
    w, view = open_activation(qtbot, "step")
    dock = w.live.activation_dock
    dock.setFloating(True)  # (beside the Inspector the right column is as wide as a neuron's page)
    dock.resize(width, 640)
    qtbot.waitUntil(lambda: dock.width() == width)
    qtbot.wait(20)  # the wrapped labels' heights laid out
    assert not view.scroll.horizontalScrollBar().isVisible()  # the one-line titles made the column scroll sideways
    for plot in (view.g_plot, view.d_plot):  # a one-line title in the plot is cut where it is wider
        title = plot.getPlotItem().titleLabel
        assert not title.isVisible() or title.item.boundingRect().width() <= plot.width()
    g, d = view.g_formula, view.d_formula
    assert g.text().replace("\u00a0", " ") == "step: g(z) = 1 for z ≥ 0, else 0"
    assert d.text().replace("\u00a0", " ") == "g′(z) = 0 everywhere: no gradient to follow"
    assert shown_whole(g) and shown_whole(d)
    assert g.geometry().bottom() < view.g_plot.geometry().top() and d.geometry().bottom() < view.d_plot.geometry().top()


def test_a_line_breaks_between_terms_not_inside_them(qtbot):
    _w, view = open_activation(qtbot, "sigmoid")
    assert "g(z)·(1\u00a0−\u00a0g(z))" in view.d_formula.text()  # "g(z)·(1 − g(z))" stays whole
