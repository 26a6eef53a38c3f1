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
