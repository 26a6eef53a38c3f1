"""What *Paint points* offers follows what a click paints (fields33-4).

On regression data the panel offered "class 1" and "class 0": on a plane of numbers (reg-plane) a click
added targets of 1 or 0 to data whose targets are other numbers, with no way to paint another; over one
input the click's height is the target and the class chosen did nothing.
"""

from PySide6.QtCore import Qt

from designer.engine.data import DataOptions
from tests.ui.live_gui import mlp, open_window, plot_click
from tests.ui.test_experiment_file import type_into


def _window(qtbot, sizes, dataset):
    w = open_window(qtbot, mlp(sizes, "tanh", "linear"))
    w.live.build_plots()
    w.live.session.regenerate(DataOptions(dataset))
    w.live.session.flush()
    return w


def test_on_a_regression_plane_a_click_paints_the_typed_target(qtbot):
    w = _window(qtbot, [2, 3, 1], "reg-plane")
    panel, session = w.live.panel, w.live.session
    assert panel.paint_class.isHidden() and not panel.paint_target.isHidden()
    assert "target typed beside" in panel.paint.toolTip()
    type_into(qtbot, panel.paint_target, "5/2")  # the typed-number rule
    assert panel.paint_target.text() == "2.5"
    qtbot.mouseClick(panel.paint, Qt.MouseButton.LeftButton)
    before = session.data.n_train
    plot_click(w.live.region, 1.0, 1.0)
    plot_click(w.live.region, -1.0, 2.0, Qt.MouseButton.RightButton)
    assert session.data.n_train == before + 2
    assert session.data.y_train[-2:, 0].tolist() == [2.5, 0.0]
    assert not session.data.classification


def test_over_one_input_there_is_no_class_to_choose_a_click_paints_its_height(qtbot):
    w = _window(qtbot, [1, 3, 1], "sin")
    panel, session = w.live.panel, w.live.session
    assert panel.paint_class.isHidden() and panel.paint_target.isHidden()
    assert "the target is the click's height" in panel.paint.toolTip()
    qtbot.mouseClick(panel.paint, Qt.MouseButton.LeftButton)
    plot_click(w.live.region, 0.5, 0.7)
    assert abs(session.data.y_train[-1, 0] - 0.7) < 0.05


def test_classification_on_a_plane_still_paints_a_chosen_class(qtbot):
    w = _window(qtbot, [2, 3, 1], "reg-plane")
    panel, session = w.live.panel, w.live.session
    session.regenerate(DataOptions("gauss"))  # the data becomes classes: the chooser comes back
    assert not panel.paint_class.isHidden() and panel.paint_target.isHidden()
    assert panel.paint_class.currentText() == "class 1"
    qtbot.mouseClick(panel.paint, Qt.MouseButton.LeftButton)
    plot_click(w.live.region, 0.5, 0.5)
    assert session.data.y_train[-1, 0] == 1.0 and session.data.classification
