"""The backward walk's legend names the lines whose factors had no room a moment after the canvas is
painted: a line more, its band grows, and the canvas has another room. Presenting lesson step 2 at
1229×691 (a 1366×768 laptop's window), that line made the legend too tall to stand beside the network:
its band went under the canvas and left the network 61 px, cut off (zoom 0.1) once the stage had
settled. Where even the fit into the canvas left cannot keep the neurons readable, the stage says so
with its hint, as after a resize."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt

from designer.lessons import load_lesson
from designer.ui.presentation.fitting import CUT_OFF_HINT
from tests.ui.live_gui import mlp, open_window, sized_window
from tests.ui.test_landscape_view import small_net
from tests.ui.test_presentation_help import present
from tests.ui.test_presentation_lesson_room import go_to, present_lesson

K = Qt.Key
NO_ROOM = "no room here for the factors of x₁ → y, x₂ → y: hover a line to see its own"


def problems(w) -> list[str]:
    """Nodes cut at the canvas's edge or under the walk's legend."""
    view, legend = w.view, w.live.gradients.legend
    port = view.viewport()
    shown = QRect(port.mapTo(view, QPoint(0, 0)), port.size())
    found = [f"zoom {view.transform().m11():.2f}: cut off"] if view.cut_off else []
    for node_id, item in w.scene.node_items.items():
        area = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
        area = QRect(port.mapTo(view, area.topLeft()), area.size())
        if not shown.contains(area):
            found.append(f"{node_id} cut")
        if legend.isVisible() and area.intersects(legend.geometry()):
            found.append(f"{node_id} under the legend")
    return found


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720), (1229, 691)])
def test_presented_step_2s_network_stays_whole_when_the_walks_legend_grows(qtbot, monkeypatch, size):
    w = present_lesson(qtbot, monkeypatch, *size)
    go_to(qtbot, w, 2)
    w.presentation.stage.caption.hide()  # F5's key help has had its time
    w.view.setFocus()
    qtbot.keyClick(w.view, K.Key_D)
    legend = w.live.gradients.legend
    assert w.live.backward.active
    qtbot.waitUntil(lambda: NO_ROOM in legend.lines)  # the line the canvas's boxes ask for
    fitter = w.presentation.fitter
    qtbot.waitUntil(lambda: fitter.settled() and problems(w) == [], timeout=5000)


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720), (1229, 691)])
def test_presented_stage_settles_once_the_walks_legend_has_grown(qtbot, monkeypatch, size):
    """At 1366×768 each re-fit sized the Math panel under the stage back to its share and the next one
    shrank it again, every 0.6 s without end: the stage stays as it settled, the network whole."""
    w = present_lesson(qtbot, monkeypatch, *size)
    go_to(qtbot, w, 2)
    w.presentation.stage.caption.hide()
    fitter = w.presentation.fitter
    refits: list[int] = []
    fitter._views_changed.timeout.connect(lambda: refits.append(len(refits)))
    w.view.setFocus()
    qtbot.keyClick(w.view, K.Key_D)
    qtbot.waitUntil(lambda: NO_ROOM in w.live.gradients.legend.lines)
    qtbot.waitUntil(lambda: fitter.settled() and problems(w) == [], timeout=5000)
    qtbot.wait(600)  # a last change of the legend's band and its re-fit, on a busy machine
    qtbot.waitUntil(fitter.settled, timeout=5000)
    settled_after = len(refits)
    math = w.exports.math_dock
    height = math.height()
    qtbot.wait(1500)  # more than two re-fit rounds, had the stage gone on moving
    assert len(refits) == settled_after and fitter.settled()
    assert math.height() == height and problems(w) == []


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_in_the_window_step_2s_network_stays_whole_under_the_walks_legend(qtbot, size):
    w = sized_window(qtbot, small_net(), size)
    assert w.lessons.open(load_lesson("neural-networks"), 1)
    w.actions["backward_pass"].trigger()
    assert w.live.backward.active
    qtbot.waitUntil(lambda: w.live.gradients.legend.isVisible())
    qtbot.wait(100)  # the legend's line on boxes without room, had any none
    qtbot.waitUntil(lambda: problems(w) == [], timeout=1000)
    qtbot.wait(100)
    assert problems(w) == []  # and it stays so


def test_a_network_the_grown_band_cuts_off_at_the_readable_size_gets_the_hint(qtbot, monkeypatch):
    """2-8-8-1 presented at 1024×768: D's legend (its line on factors without room included) takes a band
    of 420 px under the canvas and the network, at its readable size, no longer fits: the hint on how to
    reach the rest, as a resize that cuts it off gives (the band's fit gave none)."""
    w = open_window(qtbot, mlp([2, 8, 8, 1]))
    w.live.build_plots()
    monkeypatch.setattr(w, "showFullScreen", lambda: w.resize(1024, 768))
    monkeypatch.setattr(w, "isFullScreen", lambda: w.presentation.active)
    present(qtbot, w)
    fitter, caption = w.presentation.fitter, w.presentation.stage.caption
    qtbot.waitUntil(lambda: w.width() == 1024 and fitter.settled())
    qtbot.wait(600)  # F5's fits and the hint's time, had it been cut off
    assert not w.view.cut_off  # whole before the walk
    caption.hide()
    qtbot.keyClick(w.view, K.Key_D)
    assert w.live.backward.active
    qtbot.waitUntil(lambda: w.view.cut_off)
    qtbot.waitUntil(lambda: caption.isVisible() and caption.text() == CUT_OFF_HINT, timeout=3000)
