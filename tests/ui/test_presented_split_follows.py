"""Lesson step 11 (one input: the region view draws a curve, not a map) reached with PageDown from step 10
at 1366×768 kept the split reckoned while the region view still held step 10's map: the canvas took 793 px
and the plot 569, where opened directly the plot had 708."""

from __future__ import annotations

import pytest

from tests.ui.test_presentation_lesson_room import go_to, present_lesson
from tests.ui.test_presented_landscape_page_down import page_down_to


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_the_split_follows_the_region_view_at_step_11(qtbot, monkeypatch, size):
    w = present_lesson(qtbot, monkeypatch, *size)
    go_to(qtbot, w, 10)
    page_down_to(qtbot, w, 11)
    stage, region = w.presentation.stage, w.live.region
    assert stage.views() == [w.view, region]
    share = stage._canvas_share(region)  # what the region view uses now
    qtbot.waitUntil(lambda: abs(w.view.width() - share * stage.width()) <= 12, timeout=3000)
