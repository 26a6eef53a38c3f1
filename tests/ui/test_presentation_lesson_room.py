"""The shipped lesson presented at lecture-hall sizes: what an instructor found at 1920×1080.

T at step 18 cut the output neuron at the stage's edge; the key help and the walk's and collapse's
captions covered the lesson's text and the Math panel's footer; the Exercise dock cut "Start (load
the starter network)"; at step 7 the loss and accuracy plots were squeezed to some 250 px each.
"""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtWidgets import QAbstractButton

from tests.ui import gui
from tests.ui.live_gui import open_window, present_shipped_lesson
from tests.ui.test_landscape_view import small_net

K = Qt.Key
TRAINING_WAIT_MS = 120_000


def present_lesson(qtbot, monkeypatch, width: int, height: int):
    """F5 on the lesson's first step, on a ``width`` × ``height`` screen (the offscreen screen is smaller
    than a projector, and a full-screen window there snaps back to its size)."""
    w = open_window(qtbot, small_net())
    monkeypatch.setattr(w, "showFullScreen", lambda: w.resize(width, height))
    monkeypatch.setattr(w, "isFullScreen", lambda: w.presentation.active)
    present_shipped_lesson(qtbot, w)
    qtbot.waitUntil(lambda: w.width() == width and w.presentation.stage.width() > width // 2)
    return w


def go_to(qtbot, w, step: int) -> None:
    """Lesson step ``step`` (1-based, as the lesson counts), its actions done and the stage settled."""
    player = w.lessons
    player.go(step - 1)
    qtbot.waitUntil(lambda: not player.runner.busy or player.runner.waiting_for_click, timeout=TRAINING_WAIT_MS)
    qtbot.wait(50)  # the second fit, once the docks have their sizes


def on_stage(widget, stage) -> QRect:
    return QRect(widget.mapTo(stage, widget.rect().topLeft()), widget.size())


def nodes_outside_the_canvas(w) -> list[str]:
    view = w.view
    port = view.viewport().rect()
    return [
        node
        for node, item in w.scene.node_items.items()
        if not port.contains(view.mapFromScene(item.sceneBoundingRect()).boundingRect())
    ]


def kept_clear(w, plots: bool = True) -> list[tuple[str, QRect]]:
    """What a caption must never cover: the step's text and every view on the stage but the canvas (with
    ``plots`` False, the views of text only: the key help goes over a plot rather than the network)."""
    stage = w.presentation.stage
    shown = [("lesson text", stage.lesson_text)]
    shown += [(v.objectName() or type(v).__name__, v) for v in stage.views() if v is not w.view]
    if not plots:
        shown = [(name, v) for name, v in shown if not v.findChildren(pg.GraphicsView)]
    return [(name, on_stage(widget, stage)) for name, widget in shown if widget.isVisible()]


def nodes_covered(w) -> list[str]:
    """The neurons and inputs under the shown caption."""
    stage, view = w.presentation.stage, w.view
    box = stage.caption.geometry()
    at = view.viewport().mapTo(stage, QPoint(0, 0))
    items = w.scene.node_items.items()
    return [
        n
        for n, item in items
        if view.mapFromScene(item.sceneBoundingRect()).boundingRect().translated(at).intersects(box)
    ]


def test_t_at_step_18_keeps_the_whole_network_in_view(qtbot, monkeypatch):
    """The stage is fitted again after a theme change, as after F5 (the instructor's T left the view
    where it was: the output neuron cut at the stage's edge; here the presenter had zoomed in first)."""
    w = present_lesson(qtbot, monkeypatch, 1920, 1080)
    go_to(qtbot, w, 18)
    assert nodes_outside_the_canvas(w) == []
    for _ in range(3):  # every theme, and back
        rect = w.scene.content_rect()
        gui.wheel(w.view, QPointF(rect.left() + 5, rect.bottom() - 5), steps=3)  # on empty canvas: zooms in
        assert nodes_outside_the_canvas(w) != []
        qtbot.keyClick(w.view, K.Key_T)
        qtbot.waitUntil(lambda: nodes_outside_the_canvas(w) == [], timeout=5000)  # fitted for the theme
    assert "Theme" in w.presentation.stage.caption.text()


def test_captions_never_cover_the_lesson_text_or_a_panel(qtbot, monkeypatch):
    w = present_lesson(qtbot, monkeypatch, 1920, 1080)
    caption = w.presentation.stage.caption
    qtbot.keyClick(w.view, K.Key_Question)  # the key help, as F5 shows it
    assert caption.isVisible() and caption.text().startswith("Space trains")
    for name, rect in kept_clear(w, plots=False):
        assert not caption.geometry().intersects(rect), name
    assert nodes_covered(w) == []  # no room for it on the canvas: over the region plot, not the network
    go_to(qtbot, w, 8)  # canvas and Math: the forward walk's caption
    assert w.live.forward.active and caption.isVisible() and caption.text().startswith("Forward pass")
    assert w.exports.math_dock.body in w.presentation.stage.views()
    for _ in range(2):
        for name, rect in kept_clear(w):
            assert not caption.geometry().intersects(rect), (name, caption.text())
        qtbot.keyClick(w.view, K.Key_PageDown)  # the walk's next level, its own caption
        assert caption.isVisible() and caption.text().startswith("Forward pass")
    go_to(qtbot, w, 10)  # the collapse waits for the clicker, then says what it did
    qtbot.keyClick(w.view, K.Key_PageDown)
    assert caption.isVisible() and caption.text()
    for name, rect in kept_clear(w):
        assert not caption.geometry().intersects(rect), (name, caption.text())


def clipped_buttons(w) -> list[tuple[str, int, int]]:
    """Buttons whose text is cut: narrower than the text, or partly outside what shows them."""
    cut = []
    for button in w.findChildren(QAbstractButton):
        text = button.text().replace("&", "").strip()
        if not text or not button.isVisible() or button.window() is not w:
            continue
        needed = button.fontMetrics().horizontalAdvance(text)
        seen = button.visibleRegion().boundingRect()
        if seen.width() < button.width() or button.width() < needed:
            cut.append((text, button.width(), seen.width()))
    return cut


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)])
def test_every_button_text_shows_whole_while_presenting(qtbot, monkeypatch, size):
    w = present_lesson(qtbot, monkeypatch, *size)
    for step in (1, 8, 12, 16):  # the Math panel's, the exercise's, the chain-rule drill's buttons
        go_to(qtbot, w, step)
        assert clipped_buttons(w) == [], step
    go_to(qtbot, w, 12)
    start = w.exercise.panel.start_button
    assert start.isVisible() and start.text() == "Start"


def test_loss_curves_on_the_stage_get_the_width_of_the_plots_above_them(qtbot, monkeypatch):
    w = present_lesson(qtbot, monkeypatch, 1920, 1080)
    go_to(qtbot, w, 7)  # canvas, decision regions, loss curves
    curves, region = w.live.curves, w.live.region
    stage = w.presentation.stage
    assert curves in stage.views() and region in stage.views()
    for plot in (curves.loss_plot, curves.acc_plot):
        assert plot.isVisible() and plot.width() >= 450, plot.width()
    below, above = on_stage(curves, stage), on_stage(region, stage)
    assert below.top() >= above.bottom() and below.left() == above.left()
    assert region.plot.height() >= 400  # the map keeps its room
    assert nodes_outside_the_canvas(w) == []
