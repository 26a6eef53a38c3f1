"""The Loss Landscape puts its readout beside its plot or under it by the room it gets. It said what it
needed in the arrangement it had, not in the one it would take: a lesson stage asked the view with its
readout under the plot and got 436 px at 511 px wide where beside the plot it needed 368, or the other
way round, and a row too low for it was chosen (step 18 reached with PageDown at 1366×768: a scroll bar,
the readout out of view)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from tests.ui.live_gui import open_window
from tests.ui.test_landscape_view import small_net

#: the readout's longest text, the mouse over the plot
LONG = (
    "Now: w: x₁ → y = 1.833, w: x₂ → y = 0.3239, loss 0.002006 · at (1.25, −0.75): loss 0.3349 · "
    "lowest here 6.156·10⁻⁵ · click to move there"
)


def landscape_alone(qtbot):
    """The Loss Landscape in a window of its own, its readout at a presentation's text size."""
    w = open_window(qtbot, small_net())
    w.live.build_plots()
    view = w.live.landscape
    holder = QWidget()  # no layout: the view gets exactly the size a stage gives it
    qtbot.addWidget(holder)
    holder.resize(1200, 1000)
    view.setParent(holder)
    view.show()
    holder.show()
    font = view.readout.font()
    font.setPixelSize(24)
    view.readout.setFont(font)
    view.readout.setText(LONG)
    return holder, view


def stand(qtbot, holder, view, width: int, height: int) -> None:
    view.setGeometry(0, 0, width, height)
    qtbot.waitUntil(lambda: (view.width(), view.height()) == (width, height), timeout=2000)


def shows_whole(qtbot, view) -> None:
    readout, bar = view.readout, view.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: readout.height() >= readout.heightForWidth(readout.width()), timeout=3000)
    qtbot.waitUntil(lambda: bar.maximum() == 0, timeout=3000)


def test_the_view_asks_the_same_height_whichever_way_it_stands_now(qtbot):
    holder, view = landscape_alone(qtbot)
    asked = []
    for size, beside in (((511, 900), False), ((1100, 400), True)):  # under the plot, then beside it
        stand(qtbot, holder, view, *size)
        assert view.beside == beside
        asked.append(view.layout().totalMinimumHeightForWidth(511))  # what a lesson stage measures
    assert asked[0] == asked[1]
    stand(qtbot, holder, view, 511, asked[0])  # given that much, it shows whole
    shows_whole(qtbot, view)


def test_the_readout_moves_beside_the_plot_and_back_whole(qtbot):
    holder, view = landscape_alone(qtbot)
    for size, beside in (((1100, 400), True), ((511, 900), False), ((1100, 400), True), ((511, 900), False)):
        stand(qtbot, holder, view, *size)  # tabs, a column, tabs, a column
        assert view.beside == beside, size
        shows_whole(qtbot, view)
        assert view.layout().totalMinimumHeightForWidth(size[0]) <= size[1]
