"""A student with a large desktop font (14 pt instead of Qt's 9 pt): the plots' text grows with it."""

import pytest
from PySide6.QtGui import QFont, QFontInfo, QGuiApplication
from PySide6.QtWidgets import QApplication

from designer.model import load
from tests.conftest import EXAMPLES
from tests.ui.conftest import _window


def desktop_font(points: float):
    """The application font at ``points``, as a desktop's font setting gives it; the font of before after."""
    app = QApplication.instance()
    before = QFont(QGuiApplication.font())
    font = QFont(before)
    font.setPointSizeF(points)
    app.setFont(font)
    yield font
    app.setFont(before)


@pytest.fixture
def large_font(qtbot):
    yield from desktop_font(14)


@pytest.fixture
def default_font(qtbot):
    yield from desktop_font(9)


@pytest.fixture
def palette_back(qtbot):
    """The application's palette as it was, after a test that switches it like a desktop does."""
    from PySide6.QtGui import QPalette

    before = QPalette(QGuiApplication.palette())
    yield
    QApplication.instance().setPalette(before)


def test_plot_ticks_and_axis_titles_grow_with_the_desktop_font(qtbot, large_font):
    w = _window(qtbot, load(EXAMPLES / "xor-step.json"))
    w.live.build_plots()
    widget_px = QFontInfo(large_font).pixelSize()
    for plot in (w.live.region.plot, w.live.curves.loss_plot):
        axis = plot.getPlotItem().getAxis("bottom")
        tick_px = QFontInfo(axis.style["tickFont"]).pixelSize()
        assert tick_px >= widget_px, (plot.objectName(), tick_px, widget_px)  # 12 px ticks beside 19 px text before
        assert axis.labelStyle["font-size"] == f"{widget_px}px"


def test_at_the_default_font_the_plots_keep_their_sizes(qtbot, default_font):
    from designer.ui.theme import LIGHT

    assert LIGHT.screen_font(9).pointSizeF() == 9


def shown_ticks(axis, values: list[float]) -> list[str]:
    """The tick labels ``axis`` draws for ``values`` (pyqtgraph scales them by its SI prefix first)."""
    return axis.tickStrings(values, axis.autoSIPrefixScale * axis.scale, 0.1)


def test_a_loss_under_1_reads_as_it_is_after_the_compact_curves_are_restyled(qtbot, large_font, palette_back):
    from tests.ui.live_gui import mlp
    from tests.ui.test_dark_desktop import dark_palette

    w = _window(qtbot, mlp([2, 2, 1]))
    w.live.build_plots()
    w.live.curves_dock.show()
    w.actions["train_epoch"].trigger()
    curves = w.live.curves
    qtbot.waitUntil(lambda: curves.compact)  # at 14 pt the low plots carry their titles on the left axis
    axis = curves.loss_plot.getPlotItem().getAxis("left")
    assert shown_ticks(axis, [0.2, 0.4]) == ["0.2", "0.4"]
    QApplication.instance().setPalette(
        dark_palette()
    )  # the desktop turns dark: the plots are restyled, the title on the axis
    qtbot.waitUntil(lambda: w.scene.theme.name == "dark")
    assert shown_ticks(axis, [0.2, 0.4]) == ["0.2", "0.4"]  # "200", "400" before


def test_a_font_change_just_before_the_window_closes_raises_nothing(qtbot):
    """The desktop's font changes, the window closes before the next turn of the event loop: the training
    toolbar's Play button was refitted after the toolbar had gone (RuntimeError: already deleted)."""
    from designer.ui.mainwindow import MainWindow

    window = MainWindow(load(EXAMPLES / "xor-step.json"))
    window.show()
    qtbot.waitExposed(window)
    restore = desktop_font(14)
    next(restore)  # the toolbar hears of the new font: its Play button is refitted at the next turn
    window.close()
    window.deleteLater()
    qtbot.wait(10)  # pytest-qt fails the test on an exception in the event loop
    next(restore, None)  # the font of before
