"""The Decision Regions title of a 784-input network (it names the held inputs) was four cramped lines
beside the check boxes; now the check boxes go to a row of their own under it."""

from __future__ import annotations

import pytest

from tests.netgen import layered


@pytest.mark.parametrize("size", [(1280, 720), (1680, 972)])
def test_a_long_title_gets_the_whole_width_above_the_check_boxes(qtbot, size):
    from designer.ui.mainwindow import MainWindow

    w = MainWindow(layered([784, 4, 1], ["relu", "sigmoid"]))
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    region = w.live.region
    qtbot.waitUntil(lambda: "778 more" in region.title.text())
    title, switches = region.title, region.switches
    # a row of their own, below (once the layout has placed them)
    qtbot.waitUntil(lambda: switches.geometry().top() > title.geometry().bottom())
    assert not title.geometry().intersects(switches.geometry())
    lines = title.fontMetrics().lineSpacing()
    assert title.height() >= title.heightForWidth(title.width())  # the whole text is shown, none cut
    assert title.height() <= 3 * lines  # and it is no tall narrow column
    assert "held at their sliders' values" in title.text()
