"""The shipped lesson's design steps (12–15) at 1366×768, the window at 1229×691: the student builds on
the canvas, so it has the larger share beside the Decision Regions and the same width in every step
(it was about 300 px beside 600 px of regions, and followed the size of the network from step to step)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt

from designer.lessons import load_lesson
from designer.ui.lesson import arrange
from designer.ui.lesson.views import MIN_STAGE_WIDTH
from tests.ui.live_gui import sized_window
from tests.ui.test_landscape_view import small_net

SCREEN = QSize(1366, 768)
WINDOW = (1229, 691)


@pytest.fixture
def laptop(qtbot, monkeypatch):
    """The app's window at 1229×691 on a 1366×768 screen (the offscreen screen has another size); each
    step's sizing of its docks counted in ``window.sized`` (they are sized once laid out, a moment later)."""
    monkeypatch.setattr(arrange, "room", lambda window: window.size().boundedTo(SCREEN))
    w = sized_window(qtbot, small_net(), WINDOW)
    views, sized = w.lessons.views, []
    size = views._size
    monkeypatch.setattr(views, "_size", lambda *args: (size(*args), sized.append(True)))
    return w, sized


def _canvas_width_settles(qtbot, w, sized: list, step: int) -> int:
    """The canvas's width once the step's docks have their sizes and the layout has applied them (the
    same width at three looks in a row, the canvas wider than the regions)."""
    assert w.lessons.panel.steps.currentRow() == step - 1
    qtbot.waitUntil(lambda: bool(sized), timeout=3000)
    sized.clear()
    regions, seen = w.live.region_dock, []

    def settled() -> bool:
        seen.append((w.view.width(), regions.width()))
        return len(seen) >= 3 and len(set(seen[-3:])) == 1 and regions.isVisible()

    qtbot.waitUntil(settled, timeout=3000)
    assert w.view.width() > regions.width(), (step, seen[-1])
    return w.view.width()


def test_design_steps_give_the_canvas_the_larger_steady_share(qtbot, laptop):
    w, sized = laptop
    assert w.lessons.open(load_lesson("neural-networks"), 11)  # step 12, Design AND
    panel = w.lessons.panel
    click = lambda button: qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # noqa: E731
    widths = {12: _canvas_width_settles(qtbot, w, sized, 12)}
    click(panel.next)
    widths[13] = _canvas_width_settles(qtbot, w, sized, 13)
    click(w.exercise.panel.solution_button)  # a larger network on the canvas: XOR with two hidden units
    qtbot.waitUntil(lambda: len(w.document.network.neurons) == 3, timeout=3000)
    click(panel.next)
    widths[14] = _canvas_width_settles(qtbot, w, sized, 14)
    click(panel.back)  # back to the larger network
    widths[-13] = _canvas_width_settles(qtbot, w, sized, 13)
    click(panel.next)
    click(panel.next)
    widths[15] = _canvas_width_settles(qtbot, w, sized, 15)
    first = widths[12]
    assert all(abs(width - first) <= 2 for width in widths.values()), widths
    assert first > w.live.region_dock.width() + 100  # the larger share, by far
    assert w.live.region_dock.width() >= MIN_STAGE_WIDTH  # the regions stay legible
