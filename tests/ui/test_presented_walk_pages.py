"""The backward walk's explanation while presenting on a 1280×720 projector: lesson step 8's legend (11
wrapped lines) took a band of 365 of the canvas's 478 px and left the 2-3-3-1 network a strip, cut off
at zoom 0.1 with its nodes on top of each other; step 17's, a line longer, cut the 2-2-1 network off
with the hint. A text too tall for its band is shown a page at a time (→ / PageDown turn it, then go on
with the walk): the network stays whole at a readable size, each page whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetricsF

from designer.ui.live.legend import PAD
from designer.ui.presentation.config import text_px
from designer.ui.presentation.fitting import CUT_OFF_HINT
from tests.ui.test_presentation_lesson_room import go_to, present_lesson
from tests.ui.test_presented_stage_split import neuron_heights

K = Qt.Key
SIZES = [(1280, 720), (1920, 1080)]


def start_the_walk(qtbot, w, step: int) -> None:
    """Lesson step ``step`` presented, F5's key help closed with Esc if it is up, D: the backward walk."""
    go_to(qtbot, w, step)
    w.view.setFocus()
    caption = w.presentation.stage.caption
    if caption.isVisible() and caption.asked:  # F5's key help: Esc closes it
        qtbot.keyClick(w.view, K.Key_Escape)
    caption.hide()  # another caption has had its time
    assert w.presentation.active
    qtbot.keyClick(w.view, K.Key_D)
    assert w.live.backward.active
    settle(qtbot, w)


def settle(qtbot, w) -> None:
    qtbot.waitUntil(lambda: w.live.gradients.legend.isVisible() and w.presentation.fitter.settled(), timeout=5000)
    qtbot.wait(300)  # the line on factors without room, its band, and the fits that follow
    qtbot.waitUntil(w.presentation.fitter.settled, timeout=5000)


def network_problems(w) -> list[str]:
    """Nodes outside the canvas, under the legend or too small to read from the back of the room."""
    view, legend = w.view, w.live.gradients.legend
    port = view.viewport()
    shown = QRect(port.mapTo(view, QPoint(0, 0)), port.size())
    found = ["cut off"] if view.cut_off else []
    for node_id, item in w.scene.node_items.items():
        area = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
        area = QRect(port.mapTo(view, area.topLeft()), area.size())
        if not shown.contains(area):
            found.append(f"{node_id} outside the canvas")
        if area.intersects(legend.geometry()):
            found.append(f"{node_id} under the legend")
    floor = text_px(w.presentation.scale)
    found += [f"a neuron {h} px high" for h in neuron_heights(w) if h < 1.5 * floor]
    return found


def legend_problems(w) -> list[str]:
    """Lines of the legend cut at its edges or its box outside the canvas; its text smaller than the captions'."""
    legend = w.live.gradients.legend
    font = legend.theme.screen_font(9)
    metrics = QFontMetricsF(font)
    found = [] if w.view.rect().contains(legend.geometry()) else ["legend outside the canvas"]
    found += [f"cut: {t}" for t in legend.shown_lines if metrics.horizontalAdvance(t) > legend.width() - 2 * PAD + 1]
    if metrics.height() * len(legend.shown_lines) + 2 * PAD > legend.height():
        found.append(f"{len(legend.shown_lines)} lines in {legend.height()} px")
    if font.pixelSize() < text_px(w.presentation.scale):
        found.append(f"text {font.pixelSize()} px")
    return found


def read_every_page(qtbot, w, key) -> list[str]:
    """The legend's pages turned with ``key`` until its last; each checked; the words shown, footers left out."""
    legend = w.live.gradients.legend
    words: list[str] = []
    level = w.live.backward.level
    for _ in range(12):
        assert network_problems(w) == [] and legend_problems(w) == []
        body = legend.shown_lines[:-1] if legend.pages else legend.shown_lines
        words += " ".join(body).split()
        if not legend.pages or legend.page == len(legend.pages) - 1:
            break
        qtbot.keyClick(w.view, key)
        assert w.live.backward.level == level  # a page turned, not the walk
    return words


@pytest.mark.parametrize("size", SIZES)
def test_step_8s_walk_explanation_leaves_the_network_whole_and_reads_page_by_page(qtbot, monkeypatch, size):
    w = present_lesson(qtbot, monkeypatch, *size)
    start_the_walk(qtbot, w, 8)
    legend = w.live.gradients.legend
    assert read_every_page(qtbot, w, K.Key_Right) == " ".join(legend.lines).split()  # all of it shown
    level = w.live.backward.level
    qtbot.keyClick(w.view, K.Key_PageDown)  # past the last page: the walk's next level, from its first page
    assert w.live.backward.level == level - 1
    settle(qtbot, w)
    assert legend.page == 0
    assert read_every_page(qtbot, w, K.Key_PageDown) == " ".join(legend.lines).split()


@pytest.mark.parametrize("size", SIZES)
def test_step_17s_network_is_not_cut_off_by_the_walks_explanation(qtbot, monkeypatch, size):
    w = present_lesson(qtbot, monkeypatch, *size)
    start_the_walk(qtbot, w, 17)
    legend = w.live.gradients.legend
    assert read_every_page(qtbot, w, K.Key_Right) == " ".join(legend.lines).split()
    caption = w.presentation.stage.caption
    assert not (caption.isVisible() and caption.text() == CUT_OFF_HINT)
    if legend.pages:  # ← turns back a page before it takes the walk back
        level = w.live.backward.level
        qtbot.keyClick(w.view, K.Key_Left)
        assert legend.page == len(legend.pages) - 2 and w.live.backward.level == level
