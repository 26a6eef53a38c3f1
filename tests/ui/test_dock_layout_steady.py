"""Opening and closing panels from the View menu at 1280×720 and 1920×1080 leaves the layout as it was,
and what a panel shows fits in it.

Found under Xvfb at the sizes app.run opens on those screens (90 %): View ▸ Math opened and closed
once left both side columns 13 px narrower and the loss curves 76 px taller (PyTorch: 30 px more),
for good: the layout shifted the first time only. The Decision Regions closed and opened again came
back 120 px lower, the Inspector taller; the Training panel came back behind the Exercise tab. At
1920×1080 the Loss Landscape got an equal share of the right column, its readout's last line below
the fold, and the Activation view's readout was drawn over its slope plot's axis.
"""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QDockWidget

from designer.exercises import load_exercise
from designer.ui.app import show_exercise
from tests.ui.live_gui import mlp, plot_hover
from tests.ui.menus import choose_from_menu_bar
from tests.ui.test_panels_fold import seen_in

SMALL = (1152, 680)  # app.run's window on a 1280×720 screen
LARGE = (1728, 972)  # and on a 1920×1080 one


def first_start(qtbot, size):
    """A window as app.run opens it at a first start: sized, shown, plots built, right column sized."""
    from designer.ui.mainwindow import MainWindow

    window = MainWindow(mlp([2, 3, 1]))
    qtbot.addWidget(window)
    window.resize(*size)
    window.live.plots_built.connect(window.size_right_column)
    window.show()
    qtbot.waitExposed(window)
    window.live.build_plots()
    qtbot.waitUntil(lambda: window.live._docks_arranged and window.inspector_dock.height() > 150)
    qtbot.waitUntil(lambda: window.live.region_dock.height() > 200)
    return window


def layout(window) -> dict[str, QRect]:
    """Where each panel on screen and the canvas are."""
    shown = {
        d.objectName(): d.geometry()
        for d in window.findChildren(QDockWidget)
        if d.isVisible() and not d.visibleRegion().isEmpty()
    }
    shown["canvas"] = window.view.geometry()
    return shown


def moved(before: dict[str, QRect], after: dict[str, QRect]) -> dict[str, tuple]:
    """What moved or changed size by more than 2 px."""
    far = {}
    for name in before.keys() | after.keys():
        a, b = before.get(name), after.get(name)
        if a is None or b is None or any(abs(x - y) > 2 for x, y in zip(a.getRect(), b.getRect(), strict=True)):
            far[name] = (a and a.getRect(), b and b.getRect())
    return far


def back_as_before(qtbot, window, before: dict[str, QRect]) -> None:
    """The layout comes back to ``before`` and stays there (the posted layout passes handled)."""
    qtbot.waitUntil(lambda: not moved(before, layout(window)), timeout=2000)
    for _ in range(3):
        QApplication.processEvents()
    assert not moved(before, layout(window))


def view_menu(qtbot, window, title: str) -> None:
    choose_from_menu_bar(qtbot, window, "View", title)


def close_button(dock: QDockWidget) -> QAbstractButton:
    return dock.findChild(QAbstractButton, "qt_dockwidget_closebutton")


def test_math_and_pytorch_opened_and_closed_leave_the_layout_as_it_was(qtbot):
    w = first_start(qtbot, SMALL)
    w.live.training_dock.raise_()
    before = layout(w)
    math, code = w.exports.math_dock, w.exports.code_dock
    view_menu(qtbot, w, "Math")
    qtbot.waitUntil(lambda: not math.visibleRegion().isEmpty() and math.height() >= 240)
    view_menu(qtbot, w, "Math")  # closed from the View menu
    qtbot.waitUntil(lambda: not math.isVisible())
    back_as_before(qtbot, w, before)
    view_menu(qtbot, w, code.windowTitle())
    qtbot.waitUntil(lambda: not code.visibleRegion().isEmpty())
    QTest.mouseClick(close_button(code), Qt.MouseButton.LeftButton)  # closed by its title bar's button
    qtbot.waitUntil(lambda: not code.isVisible())
    back_as_before(qtbot, w, before)


def test_a_panel_closed_and_opened_again_comes_back_at_its_size(qtbot):
    w = first_start(qtbot, SMALL)
    w.live.training_dock.raise_()
    view_menu(qtbot, w, "History")  # opened and closed first: Qt then gave the regions 120 px less
    qtbot.waitUntil(lambda: w.history_dock.isVisible())
    view_menu(qtbot, w, "History")
    regions = w.live.region_dock
    qtbot.waitUntil(lambda: not w.history_dock.isVisible() and not regions.visibleRegion().isEmpty())
    before = layout(w)
    QTest.mouseClick(close_button(regions), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not regions.isVisible())
    view_menu(qtbot, w, "Decision Regions")
    qtbot.waitUntil(lambda: regions.isVisible())
    back_as_before(qtbot, w, before)


def test_a_panel_opened_again_into_its_tabs_is_in_front(qtbot):
    w = first_start(qtbot, SMALL)
    show_exercise(w, load_exercise("xor"))  # as the app starts: the XOR exercise in a tab beside Training
    training = w.live.training_dock
    training.raise_()
    qtbot.waitUntil(lambda: not training.visibleRegion().isEmpty())
    view_menu(qtbot, w, "Training")
    qtbot.waitUntil(lambda: not training.isVisible())
    view_menu(qtbot, w, "Training")
    qtbot.waitUntil(lambda: training.isVisible() and not training.visibleRegion().isEmpty())


def test_the_loss_landscape_shows_its_readout_whole_at_1920x1080(qtbot):
    w = first_start(qtbot, LARGE)
    dock = w.live.landscape_dock
    view_menu(qtbot, w, "Loss Landscape")
    landscape = w.live.landscape
    qtbot.waitUntil(lambda: landscape.readout.text().startswith("Now:"))
    assert not w.tabifiedDockWidgets(dock)  # stacked under the regions: the column has room
    qtbot.waitUntil(lambda: seen_in(landscape.readout, landscape.scroll), timeout=2000)
    lines = landscape.readout.height()
    (x0, x1), (y0, y1) = landscape.plot.getPlotItem().vb.viewRange()
    plot_hover(
        SimpleNamespace(vb=landscape.plot.getPlotItem().vb, plot=landscape.plot), (x0 + x1) / 2, (y0 + y1) / 2
    )  # "· at (x, y): loss …" makes it longer
    qtbot.waitUntil(lambda: " · at (" in landscape.readout.text())
    assert seen_in(landscape.readout, landscape.scroll) and landscape.readout.height() == lines  # nothing jumped
    assert landscape.readout.height() >= landscape.readout.heightForWidth(landscape.readout.width())
    assert w.inspector_dock.height() >= 200 and w.live.region_dock.height() >= 240


def test_the_activation_view_draws_its_readout_clear_of_its_plots_at_1920x1080(qtbot):
    w = first_start(qtbot, LARGE)
    dock = w.live.activation_dock
    view_menu(qtbot, w, "Activation")
    view = w.live.activation
    qtbot.waitUntil(lambda: dock.isVisible() and dock.height() > 200)

    def drawn_apart() -> bool:
        readout = QRect(view.readout.mapTo(dock, QPoint(0, 0)), view.readout.size())
        slope = QRect(view.d_plot.mapTo(dock, QPoint(0, 0)), view.d_plot.size())
        shown = dock.rect().contains(readout) and dock.rect().contains(slope)
        return (
            shown
            and not readout.intersects(slope)
            and view.readout.height() >= view.readout.heightForWidth(view.readout.width())
        )

    qtbot.waitUntil(drawn_apart, timeout=2000)


def test_math_and_pytorch_open_under_the_canvas_without_narrowing_the_side_columns(qtbot):
    """Their button rows (the notation list's longest entry, the PyTorch question on one line) were wider
    than the 380 px canvas: the row under it widened, both side columns lost 13 px (PyTorch: 43 px)."""
    w = first_start(qtbot, SMALL)
    w.live.training_dock.raise_()
    widths = (w.live.training_dock.width(), w.inspector_dock.width())
    for dock in (w.exports.math_dock, w.exports.code_dock):
        view_menu(qtbot, w, dock.windowTitle())
        qtbot.waitUntil(lambda d=dock: not d.visibleRegion().isEmpty() and d.height() >= 240)
        assert (w.live.training_dock.width(), w.inspector_dock.width()) == widths, dock.windowTitle()
        view_menu(qtbot, w, dock.windowTitle())
        qtbot.waitUntil(lambda d=dock: not d.isVisible())
    notation = w.exports.math_dock.notation_box
    notation.showPopup()  # every entry whole in its list
    qtbot.waitUntil(lambda: notation.view().isVisible())
    assert notation.view().viewport().width() >= notation.view().sizeHintForColumn(0)
    notation.hidePopup()


def test_a_window_made_smaller_and_as_large_again_gets_its_panels_back(qtbot):
    """At 900×600 the side columns went down to their least widths; back at 1152×680 the canvas got all the
    room back and the Training panel, the Inspector and the Decision Regions stayed narrower."""
    w = first_start(qtbot, SMALL)
    w.live.training_dock.raise_()
    before = layout(w)
    w.resize(900, 600)
    qtbot.waitUntil(lambda: w.width() == 900)
    qtbot.waitUntil(lambda: w.inspector_dock.width() < before["inspectorDock"].width())  # squeezed
    for size in ((1280, 720), SMALL):  # maximised on a 1280×720 screen, then back
        w.resize(*size)
        qtbot.waitUntil(lambda s=size: (w.width(), w.height()) == s)
    back_as_before(qtbot, w, before)


def _app_start(qtbot, app_windows, monkeypatch):
    """``nn-designer`` as it starts on a 1280×720 screen (its event loop left out): the window, once the
    start's exercise is in place."""
    from designer.ui import app as app_module

    monkeypatch.setattr(app_module, "fit_to_screen", lambda window: window.resize(*SMALL))
    assert app_module.run() == 0
    window = app_windows[-1]
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.exercise.panel.exercise is not None, timeout=5000)
    return window


def test_the_next_start_keeps_the_exercise_closed_and_training_in_front(qtbot, app_windows, monkeypatch):
    """The start's XOR exercise came back at every start: a closed Exercise panel open again, in front of
    the Training panel the student had left in front."""
    first = _app_start(qtbot, app_windows, monkeypatch)
    QTest.mouseClick(close_button(first.exercise), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not first.exercise.isVisible())
    first.actions["quit"].trigger()  # File ▸ Quit: the layout is remembered
    second = _app_start(qtbot, app_windows, monkeypatch)
    assert second.layout_restored
    assert not second.exercise.isVisible() and not second.live.training_dock.visibleRegion().isEmpty()
    second.exercise.toggleViewAction().trigger()  # View ▸ Exercise: it is there, in front, with XOR shown
    qtbot.waitUntil(lambda: not second.exercise.visibleRegion().isEmpty())
    assert second.exercise.panel.exercise.title == "XOR gate"
    second.live.training_dock.raise_()
    second.actions["quit"].trigger()
    third = _app_start(qtbot, app_windows, monkeypatch)
    assert third.exercise.isVisible() and not third.live.training_dock.visibleRegion().isEmpty()
