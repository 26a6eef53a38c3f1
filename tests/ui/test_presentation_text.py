"""No text smaller than 24 px at 1920×1080 while presenting, in every theme (docs/presentation.md)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from designer.engine import data as dm
from designer.ui.presentation.measure import smallest_text, text_sizes
from tests.ui.live_gui import mlp, open_window

THEMES = ("light", "dark", "high-contrast")


def present(qtbot, w, theme: str, show: set[str] = frozenset()) -> None:
    p = w.presentation
    p.config.theme = theme
    p.config.show |= set(show)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    qtbot.keyClick(w, Qt.Key.Key_F5)
    assert p.active
    w.resize(1920, 1080)  # the offscreen screen is smaller than a projector
    qtbot.wait(30)  # the stage, docks and fit settle


def kinds(sizes) -> set[str]:
    return {s.where.split(" ")[0].split(":")[0] for s in sizes}


@pytest.mark.parametrize("theme", THEMES)
def test_xor_example_has_no_text_below_24_px(qtbot, xor_window, theme):
    w = xor_window
    present(qtbot, w, theme)
    sizes = text_sizes(w)
    assert {"canvas", "regionPlot", "QLabel"} <= kinds(sizes)  # all three sources were measured
    assert smallest_text(w).px >= 24, sizes[:5]
    qtbot.keyClick(w.view, Qt.Key.Key_1)  # the focus card paints its own text
    assert w.presentation.card.isVisible()
    assert smallest_text(w).px >= 24, text_sizes(w)[:5]


@pytest.mark.parametrize("theme", THEMES)
def test_training_demo_with_panels_has_no_text_below_24_px(qtbot, theme):
    w = open_window(qtbot, mlp([2, 4, 1], hidden="tanh"))
    live = w.live
    live.session.regenerate(dm.DataOptions("circle", 0.1, 0.5, 1))
    for _ in range(3):
        live.training.step(epoch=True)
    live.actions["gradient_flow"].setChecked(True)
    present(qtbot, w, theme, {"training", "curves", "training_toolbar", "tools_toolbar"})
    qtbot.keyClick(w.view, Qt.Key.Key_F)
    qtbot.keyClick(w.view, Qt.Key.Key_F)
    sizes = text_sizes(w)
    assert {"lossPlot", "accuracyPlot", "QToolButton", "QComboBox"} <= kinds(sizes)
    assert smallest_text(w).px >= 24, sizes[:5]
    w.view.zoom(0.5)  # zoomed out: canvas text keeps its floor on screen
    assert smallest_text(w).px >= 24, text_sizes(w)[:5]


def test_outside_presentation_the_same_measure_finds_small_text(qtbot, xor_window):
    smallest = smallest_text(xor_window)
    assert smallest.px < 16  # the editing window is not made for the back row


def test_one_input_network_regions_alone_with_code_panel_has_no_text_below_24_px(qtbot):
    w = open_window(qtbot, mlp([1, 3, 1], hidden="relu", output="linear"))
    w.presentation.config.layout = "region"
    w.presentation.config.panel = "code"
    present(qtbot, w, "dark")
    assert not w.view.isVisible() and "import torch" in w.presentation.stage.panel.toPlainText()
    sizes = text_sizes(w)
    assert any("each neuron" in s.where for s in sizes)  # the curve legend was measured
    assert smallest_text(w).px >= 24, sizes[:5]
