"""A fitted canvas refits when its room changes, not when a scroll bar comes or goes.

Lesson step 4 in a narrow canvas (about 250 px wide): the fit needed a vertical scroll bar, the bar
took 14 px, the refit to the narrower viewport no longer needed it, the bar went, and so on: some
9,000 resizes a second, a frozen window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

from designer.lessons import load_lesson
from designer.ui.canvas.zoom import MIN_ZOOM


class Resizes(QObject):
    """Counts the viewport's resizes; past 300 it stops the refits, so an oscillation fails the test
    instead of hanging it."""

    def __init__(self, view) -> None:
        super().__init__()
        self.view, self.count = view, 0
        view.viewport().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.count += 1
            if self.count > 300:
                self.view.refit_on_resize = False
        return False


def test_sizes_where_a_scroll_bar_would_come_and_go_settle(qtbot):
    from designer.ui.mainwindow import MainWindow

    w = MainWindow(load_lesson("neural-networks").steps[3].network)  # a sigmoid neuron with its maps
    qtbot.addWidget(w)
    view = w.view
    view.setParent(None)  # the canvas alone, at exactly the sizes that oscillated
    qtbot.addWidget(view)
    view.show()
    resizes = Resizes(view)
    for width in range(236, 262, 2):
        view.refit_on_resize = True
        view.resize(width, 463)
        view.zoom_to_fit()
        resizes.count = 0
        qtbot.wait(30)
        assert resizes.count < 10, width
    assert view.fitted


def test_a_network_taller_than_the_view_at_the_readable_zoom_shows_every_node(qtbot):
    """Lesson step 11 (1-12-1, x and y level with the first hidden neuron) in a 1366×768 window: the fit
    stopped at its lowest zoom and centred on the column's middle, x and y out of view; now a fit goes
    below the readable floor as far as showing every node needs (the zoom-out limit at most)."""
    from designer.ui.mainwindow import MainWindow

    network = load_lesson("neural-networks").steps[10].network
    w = MainWindow(network)
    qtbot.addWidget(w)
    view = w.view
    view.setParent(None)
    qtbot.addWidget(view)
    view.resize(350, 650)
    view.show()
    qtbot.waitExposed(view)
    view.zoom_to_fit()
    assert MIN_ZOOM <= view.transform().m11() < view.lowest_fit_zoom()  # below the readable floor
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    for node_id in network.node_ids():
        assert seen.contains(view.scene().node_items[node_id].sceneBoundingRect()), node_id
