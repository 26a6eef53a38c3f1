"""Room on low screens while presenting (1024×768, 1280×720): the Math panel's note that nothing collapses
took two of its lines, so at its minimum height the formula line was cut."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from designer.model import ReplaceNetwork
from designer.ui.mainwindow import MainWindow
from tests.conftest import EXAMPLES
from tests.ui.live_gui import mlp
from tests.ui.test_presentation_lesson_room import go_to, present_lesson

K = Qt.Key


def whole_lines(text) -> int:
    """How many whole lines of its text a plain-text view shows."""
    room = text.viewport().height() - 2 * text.document().documentMargin()
    return int(room // text.fontMetrics().lineSpacing())


@pytest.mark.parametrize("size", [(1024, 768), (1280, 720)])
def test_the_math_panel_shows_its_formula_line_not_a_note_that_nothing_collapses(qtbot, monkeypatch, size):
    w = present_lesson(qtbot, monkeypatch, *size)
    go_to(qtbot, w, 1)
    qtbot.keyClick(w.view, K.Key_D)  # the backward walk pins a probe
    math = w.exports.math_dock
    qtbot.waitUntil(lambda: math.isVisible() and whole_lines(math.text) >= 2)  # (at 1024×768: one and a half)
    assert not math.collapse_label.isVisible()  # nothing to collapse in the lesson's network


def test_a_network_with_something_to_collapse_keeps_its_note_while_presenting(qtbot, monkeypatch):
    w = present_lesson(qtbot, monkeypatch, 1024, 768)
    w.document.push(ReplaceNetwork(mlp([2, 2, 1], hidden="linear")))
    math = w.exports.math_dock
    math.refresh()
    assert math.brief and not math.collapse_label.isHidden()
    assert "hidden linear neurons compute" in math.collapse_label.text()
    qtbot.keyClick(w.view, K.Key_F5)  # leaving: the lesson in the window still leaves out only an empty note
    assert math.brief == w.lessons.is_open
    assert not math.collapse_label.isHidden()  # this network has something to collapse: the note stays


def presenting_file(qtbot, monkeypatch, name: str, size: tuple[int, int]):
    """The example ``name`` opened (with the views it opens) in a window that F5 makes ``size``."""
    w = MainWindow()
    qtbot.addWidget(w)
    monkeypatch.setattr(w, "showFullScreen", lambda: w.resize(*size))  # the projector's size, not offscreen's
    monkeypatch.setattr(w, "isFullScreen", lambda: w.presentation.active)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    assert w.files.open_path(EXAMPLES / name)
    return w


def press_f5(qtbot, w) -> None:
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    qtbot.keyClick(w, K.Key_F5)
    w.view.setFocus()
    qtbot.wait(20)  # the second fit, once the stage has its size
    qtbot.waitUntil(lambda: w.view.fitted and w.presentation.fitter.settled())


@pytest.mark.parametrize("size", [(1280, 720), (800, 800)])
def test_towers_opened_with_its_views_and_the_loss_view_keeps_every_badge_on_screen(qtbot, monkeypatch, size):
    """towers-sin opens with Training and Decision Regions; with Loss opened too, F5 then Z at 1280×720 left
    badges 1 and 13 above the screen's top edge (the scroll range and the fit stopped at the nodes)."""
    w = presenting_file(qtbot, monkeypatch, "towers-sin.json", size)
    qtbot.waitUntil(lambda: w.live.training_dock.isVisible() and w.live.region_dock.isVisible())
    w.live.curves_dock.toggleViewAction().trigger()  # View ▸ Loss
    assert w.live.curves_dock.isVisible()
    press_f5(qtbot, w)
    qtbot.keyClick(w.view, K.Key_Z)
    qtbot.wait(20)  # the second fit, once the sizes are laid out
    qtbot.waitUntil(lambda: w.presentation.fitter.settled())
    w.view.viewport().grab()
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    discs = w.presentation.badges.placed
    assert len(discs) == 13
    assert [number for disc, number in discs if not seen.contains(disc)] == []


def free_around(w) -> tuple[float, float]:
    """The screen left free beside the network (nodes, names, maps, badges), on each axis's tighter side."""
    view = w.view
    nodes = view.mapFromScene(view.nodes_rect()).boundingRect()
    port = view.viewport().rect()
    assert port.contains(nodes)  # nothing cut off
    return (
        min(nodes.left() - port.left(), port.right() - nodes.right()),
        min(nodes.top() - port.top(), port.bottom() - nodes.bottom()),
    )


@pytest.mark.parametrize("size", [(1024, 768), (1280, 720), (1920, 1080)])
def test_a_small_network_fills_its_pane_but_for_the_room_its_boxes_need(qtbot, monkeypatch, size):
    """The fit left 3.2 lines of text (77 px) around xor-stuck besides its badges: a small network on a low
    canvas. Now the margin is one value box's line (some 42 px at 1×) above and below, and beside the network
    room for a value box centred under its outer neurons (some 60 px at 1×), the badges fitted with the nodes."""
    w = presenting_file(qtbot, monkeypatch, "xor-stuck.json", size)
    press_f5(qtbot, w)
    qtbot.keyClick(w.view, K.Key_Z)
    qtbot.waitUntil(lambda: w.view.fitted and w.presentation.fitter.settled())
    line = w.scene.theme.min_text_px
    assert min(free_around(w)) < 3 * line  # (77 px and more)
    qtbot.keyClick(w.view, K.Key_D)  # the backward walk pins a probe: its values and the legend's band
    qtbot.wait(20)
    qtbot.waitUntil(lambda: w.presentation.fitter.settled())
    w.view.viewport().grab()
    free_around(w)
    port = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert all(port.contains(placed.rect) for placed in w.scene.labels.last.placed)  # every value box whole
