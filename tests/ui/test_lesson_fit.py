"""A lesson step fits its network into the window when not presenting: at the app's first-start size
(1000×720) the chain-rule drill's canvas was 165 px wide beside the exercise and showed f₁ and part of
f₂ only (x and f₃ off-screen)."""

from __future__ import annotations

import pytest

from designer.lessons import load_lesson
from tests.ui.live_gui import sized_window
from tests.ui.test_landscape_view import small_net
from tests.ui.test_presentation_lesson_room import nodes_outside_the_canvas

CHAIN_RULE_STEP = 16  # the chain-1-1-1 drill: x → f₁ → f₂ → f₃, left to right


@pytest.mark.parametrize("size", [(1000, 720), (1366, 768)])
def test_the_chain_rule_step_shows_the_whole_chain(qtbot, size):
    w = sized_window(qtbot, small_net(), size)
    assert w.lessons.open(load_lesson("neural-networks"), CHAIN_RULE_STEP - 1)
    assert w.lessons.views.exercise.isVisible()  # the drill beside the canvas
    assert set(w.scene.node_items) == {"x", "f1", "f2", "f3"}
    # the docks get their sizes over a few turns of the event loop, then the canvas is fitted: no sleep
    qtbot.waitUntil(lambda: nodes_outside_the_canvas(w) == [], timeout=5000)
