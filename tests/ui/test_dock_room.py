"""A panel opened from the View menu at 1280×720 joins a neighbour's tabs instead of squeezing the column.

The Loss Landscape opened under the Inspector and the Decision Regions left the Inspector one row high
(with a horizontal scroll bar), the regions' axis labels over their legend, the landscape's fields cut.
"""

from __future__ import annotations

import pytest

from designer.ui.dock_room import LEGIBLE_PX
from tests.ui.live_gui import mlp, sized_window
from tests.ui.test_dock_layout_steady import back_as_before, first_start, layout, view_menu


def test_the_loss_landscape_opens_as_a_tab_beside_the_decision_regions(qtbot):
    w = sized_window(qtbot, mlp([2, 3, 1]), (1280, 720))
    qtbot.waitUntil(lambda: w.inspector_dock.height() > 150)
    inspector_before = w.inspector_dock.height()
    landscape = w.live.landscape_dock
    landscape.toggleViewAction().trigger()  # View ▸ Loss Landscape
    qtbot.waitUntil(lambda: landscape.isVisible() and not landscape.visibleRegion().isEmpty())
    qtbot.wait(50)  # the layout settles
    assert w.live.region_dock in w.tabifiedDockWidgets(landscape)
    assert w.inspector_dock.height() >= inspector_before - 2
    assert landscape.height() >= 240


def test_the_math_view_opens_tall_enough_to_read(qtbot):
    """View ▸ Math at 1280×720 opened 190 px high beside the loss curves: four lines of formulas."""
    w = sized_window(qtbot, mlp([2, 3, 1]), (1280, 720))
    math = w.exports.math_dock
    math.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: math.isVisible() and math.height() >= 240)
    assert w.view.height() >= 240  # the canvas keeps room too


def test_the_math_view_leaves_the_side_columns_their_width(qtbot):
    """Math beside the loss curves widened the row under the canvas: the right column lost 100 px."""
    w = sized_window(qtbot, mlp([2, 3, 1]), (1280, 720))
    qtbot.waitUntil(lambda: w.inspector_dock.width() > 300)
    right, left = w.inspector_dock.width(), w.live.training_dock.width()
    math = w.exports.math_dock
    math.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: math.isVisible() and not math.visibleRegion().isEmpty())
    qtbot.wait(50)  # laid out
    assert w.inspector_dock.width() >= right - 2 and w.live.training_dock.width() >= left - 2


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_the_pytorch_view_opens_as_wide_as_it_asks_where_the_loss_curves_can_give_it(qtbot, size):
    """View ▸ PyTorch beside the loss curves at a first start on a 1366×768 window: Qt split the row, the
    PyTorch view got 243 px of the 409 it asks for (its question over six lines, six lines of code) and
    the loss curves kept 345. Now the curves give what they have above their own least width."""
    w = first_start(qtbot, size)
    curves, code = w.live.curves_dock, w.exports.code_dock
    before = layout(w)
    view_menu(qtbot, w, "PyTorch")
    qtbot.waitUntil(lambda: code.isVisible() and not code.visibleRegion().isEmpty())
    least = max(curves.minimumSizeHint().width(), LEGIBLE_PX)
    wanted = code.sizeHint().width()
    qtbot.waitUntil(lambda: code.width() >= min(wanted, code.width() + curves.width() - least) - 2)
    assert curves.isVisible() and not curves.visibleRegion().isEmpty()  # side by side, not a tab
    assert curves.width() >= least
    assert code.width() > code.minimumSizeHint().width() + 5
    view_menu(qtbot, w, "PyTorch")  # closed: the curves as wide as before
    back_as_before(qtbot, w, before)
