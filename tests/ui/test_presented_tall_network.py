"""Tall networks presented at 1280×720: a 2-16-16-1 network (or a layer of 32) was fitted so small that its
neurons were 6–8 px wide, dots from the back of the room. Now no neuron is fitted narrower than 16 px
(two-thirds of the 24 px text); what does not fit then is reached by scrolling (a scroll bar, a hint says
so), and Z again shows the whole network small."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSlider, QApplication

from designer.model import load
from designer.ui.presentation.fitting import CUT_OFF_HINT, HINT_MS, OVERVIEW_NOTE
from tests.conftest import EXAMPLES
from tests.ui.live_gui import mlp, open_window
from tests.ui.test_presentation_lesson_room import nodes_outside_the_canvas

K = Qt.Key
SIZE = (1280, 720)


def present(qtbot, monkeypatch, network):
    """F5 on a 1280×720 projector (the offscreen screen is another size: full screen is this size)."""
    w = open_window(qtbot, network)
    monkeypatch.setattr(w, "showFullScreen", lambda: w.resize(*SIZE))
    monkeypatch.setattr(w, "isFullScreen", lambda: w.presentation.active)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    qtbot.keyClick(w, K.Key_F5)
    assert w.presentation.active
    qtbot.waitUntil(lambda: w.size().toTuple() == SIZE)
    qtbot.wait(50)  # the second fit, once the stage has its size
    w.view.setFocus()
    return w


def neuron_widths(w) -> list[float]:
    zoom = w.view.transform().m11()
    return [2 * item.radius * zoom for item in w.scene.node_items.values()]


@pytest.mark.parametrize(("sizes", "whole_when_small"), [([2, 16, 16, 1], True), ([2, 32, 1], False)])
def test_a_tall_network_keeps_readable_neurons_and_scrolls_to_the_rest(qtbot, monkeypatch, sizes, whole_when_small):
    w = present(qtbot, monkeypatch, mlp(sizes))
    view, caption = w.view, w.presentation.stage.caption
    assert min(neuron_widths(w)) >= 16 - 1e-6  # (7.6 px and 6 px before)
    assert view.cut_off and nodes_outside_the_canvas(w)
    bar = view.verticalScrollBar()
    assert bar.isVisible()
    qtbot.waitUntil(lambda: caption.isVisible() and caption.text() == w.presentation.keys.help_text())
    caption.hide()  # F5's key help has had its time: the hint waited for it
    qtbot.waitUntil(lambda: caption.isVisible() and caption.text() == CUT_OFF_HINT)  # (once fitted)
    qtbot.wait(2 * HINT_MS)  # no later fit takes it away (shown at once, the next fit hid it)
    assert caption.isVisible() and caption.text() == CUT_OFF_HINT
    last = "h2_16" if len(sizes) == 4 else "h1_32"
    assert last in nodes_outside_the_canvas(w)
    bar.triggerAction(QAbstractSlider.SliderAction.SliderToMaximum)  # as a click on the bar does
    assert last not in nodes_outside_the_canvas(w)
    assert "x1" in nodes_outside_the_canvas(w)

    qtbot.keyClick(view, K.Key_Z)  # fit: readable again, from the top
    assert "x1" not in nodes_outside_the_canvas(w) and view.cut_off
    qtbot.keyClick(view, K.Key_Z)  # again: the whole network (32 in a column: as small as the zoom goes)
    qtbot.wait(20)
    assert caption.text() == OVERVIEW_NOTE and min(neuron_widths(w)) < 16
    if whole_when_small:
        assert nodes_outside_the_canvas(w) == [] and not view.cut_off and not bar.isVisible()
    qtbot.keyClick(view, K.Key_Z)  # and back to readable sizes
    qtbot.wait(20)
    assert min(neuron_widths(w)) >= 16 - 1e-6 and view.cut_off and caption.text() == CUT_OFF_HINT


def test_a_network_that_fits_shows_whole_without_scroll_bars_and_z_only_fits(qtbot, monkeypatch):
    w = present(qtbot, monkeypatch, load(EXAMPLES / "xor-step.json"))
    view = w.view
    assert not view.cut_off and nodes_outside_the_canvas(w) == []
    assert not view.verticalScrollBar().isVisible() and not view.horizontalScrollBar().isVisible()
    zoom = view.transform().m11()
    qtbot.keyClick(view, K.Key_Z)
    qtbot.keyClick(view, K.Key_Z)
    qtbot.wait(20)
    assert view.transform().m11() == pytest.approx(zoom) and not w.presentation.fitter.overview


def test_leaving_puts_the_scroll_bars_and_the_fit_back(qtbot, monkeypatch):
    w = present(qtbot, monkeypatch, mlp([2, 16, 16, 1]))
    assert w.view.min_node_px > 0
    qtbot.keyClick(w.view, K.Key_Escape)  # closes F5's key help
    qtbot.keyClick(w.view, K.Key_Escape)  # leaves
    assert not w.presentation.active and w.view.min_node_px == 0
    policy = Qt.ScrollBarPolicy.ScrollBarAsNeeded
    assert w.view.verticalScrollBarPolicy() == policy == w.view.horizontalScrollBarPolicy()


def test_focusing_a_neuron_below_the_screen_scrolls_to_it_and_0_scrolls_back(qtbot, monkeypatch):
    w = present(qtbot, monkeypatch, mlp([2, 16, 1]))
    view = w.view
    assert view.cut_off and "h1_14" in nodes_outside_the_canvas(w)
    before = view.verticalScrollBar().value()
    for key in (K.Key_1, K.Key_4):  # neuron 14 (two digits typed quickly)
        qtbot.keyClick(view, key)
    qtbot.waitUntil(lambda: w.presentation.focused == "h1_14")
    assert "h1_14" not in nodes_outside_the_canvas(w)
    qtbot.keyClick(view, K.Key_0)
    assert w.presentation.focused is None and view.verticalScrollBar().value() == before
    bar = view.verticalScrollBar()
    bar.triggerAction(QAbstractSlider.SliderAction.SliderToMaximum)
    assert "h1_16" not in nodes_outside_the_canvas(w)  # the range is the network's again


def test_the_key_help_shows_in_full_on_a_tall_network_and_the_hint_waits_for_it(qtbot, monkeypatch):
    """F5's key help found no free place on a scrolled 2-16-16-1 network: it went at once and the scrolling
    hint took its place; ? showed it 4 s as a column 171 px wide."""
    w = present(qtbot, monkeypatch, mlp([2, 16, 16, 1]))
    caption, keys = w.presentation.stage.caption, w.presentation.keys.help_text()
    pane = w.view.width()
    assert w.view.cut_off
    qtbot.wait(2 * HINT_MS)  # the fits have settled, the hint's time has come
    assert caption.isVisible() and caption.text() == keys
    caption.hide()  # its time is over
    qtbot.waitUntil(lambda: caption.isVisible() and caption.text() == CUT_OFF_HINT)  # now the hint

    qtbot.keyClick(w.view, K.Key_Question)
    qtbot.wait(2 * HINT_MS)
    assert caption.isVisible() and caption.text() == keys
    assert caption.width() >= pane * 0.8  # lines to read, not a column of words
    assert caption._timer.remainingTime() > 8_000  # its full time, not the 4 s of a brief message
