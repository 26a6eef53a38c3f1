"""The shipped lesson presented on low screens (1280×720, 1024×768, 1366×768): the chain-rule drill beside
the canvas had its prompt drawn over, 1½ of 11 answer rows and the status over its buttons; the backward
walk's caption covered the neurons h1, h2 and y where covering a value box would have done; the Loss
Landscape was crushed to 90 px of plot in its tab while the loss curves under the stage kept 216 px."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget

from designer.ui.presentation.caption import Caption
from tests.ui.test_presentation_lesson_room import go_to, present_lesson
from tests.ui.test_presentation_small_screen import squeezed


def laid_out_without_overlap(widgets) -> bool:
    """Each shown widget whole at its own place: below the one before it, as tall as its text needs."""
    shown = [w for w in widgets if w.isVisible()]
    for upper, lower in zip(shown, shown[1:], strict=False):
        if lower.geometry().top() < upper.geometry().bottom():
            return False
    return all(not w.hasHeightForWidth() or w.height() >= w.heightForWidth(w.width()) for w in shown)


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720), (1024, 768)])
def test_the_chain_rule_drill_scrolls_as_a_whole_beside_the_canvas(qtbot, monkeypatch, size):
    w = present_lesson(qtbot, monkeypatch, *size)
    go_to(qtbot, w, 17)
    chain = w.exercise.panel.chain
    assert chain in w.presentation.stage.views() and chain.isVisible()
    parts = [chain.title, chain.prompt, chain.sample, chain.answers_button, chain.status, chain.table]
    qtbot.waitUntil(lambda: laid_out_without_overlap(parts), timeout=5000)
    assert chain.save_button.geometry().bottom() < chain.status.geometry().top()  # (the other button row)
    last = chain.rows[-1].field  # every row reachable: the panel scrolls to the last one
    port = chain.scroll.viewport()
    assert chain.scroll.verticalScrollBar().maximum() > 0
    chain.scroll.ensureWidgetVisible(last)
    qtbot.waitUntil(lambda: port.rect().contains(QRect(last.mapTo(port, QPoint(0, 0)), last.size())), timeout=3000)
    assert len(chain.rows) == 11


def test_a_caption_with_no_free_place_covers_a_value_box_rather_than_a_neuron(qtbot, monkeypatch):
    """Step 17 at 1366×768: the backward walk's caption went over h1, h2 and y where covering least."""
    stage = QWidget()
    stage.resize(400, 300)
    qtbot.addWidget(stage)
    caption = Caption(stage)
    over_neuron, over_box = QRect(10, 10, 100, 40), QRect(200, 10, 100, 40)
    neuron, box = QRect(50, 20, 10, 10), QRect(190, 0, 150, 60)  # the box is larger than the neuron
    monkeypatch.setattr(caption, "options", lambda: [over_neuron, over_box])
    caption.obstacles = lambda: [neuron, box]
    caption.nodes = lambda: [neuron]
    caption.show_text("Level 2 of 2 (y)")
    assert caption.geometry() == over_box and caption.in_corner


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
def test_the_panels_under_the_stage_give_up_their_height_before_a_view_is_squeezed(qtbot, monkeypatch, size):
    w = present_lesson(qtbot, monkeypatch, *size)
    go_to(qtbot, w, 3)
    curves = w.live.curves_dock
    assert curves.isVisible() and curves in w.presentation.kept_docks()
    qtbot.waitUntil(lambda: squeezed(w) == [] or curves.height() <= curves.minimumSizeHint().height(), timeout=5000)
    landscape = w.live.landscape
    assert landscape.isVisible() and landscape.height() >= w.height() * 0.4  # (it had 216 of 720 px)
