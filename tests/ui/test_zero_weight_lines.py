"""A connection of weight exactly 0 is seen on the canvas, and seen to be 0.

The zero pen was the theme's neutral grey at the thinnest width: #e8eaeb on a white canvas (contrast
1.2:1), #4a525b on the dark one. A student who had just made a line of weight 0 (or started an
exercise whose starter has them) saw no line at all. Now it is dashed in the muted text colour; a
small non-zero weight is a solid line tinted by its sign.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from designer.exercises import load_exercise
from designer.ui.exercise_parts import starter_network
from designer.ui.theme import contrast
from tests.ui import gui
from tests.ui.conftest import _window
from tests.ui.test_canvas_build import on_line
from tests.ui.test_dark_desktop import dark_palette

#: WCAG's least contrast for a graphical object that must be seen (1.4.11)
SEEN = 3.0


def _samples(window, key) -> list[float]:
    """The contrast of each pixel along the middle of line ``key`` against the canvas background."""
    view = window.view
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    background = window.scene.theme.color("background")
    out = []
    for step in range(41):
        point = gui.to_viewport(view, on_line(window, key, 0.3 + 0.4 * step / 40))
        color = QColor(image.pixelColor(round(point.x() * ratio), round(point.y() * ratio)))
        out.append(contrast(color, background))
    return out


def _starter_with_a_small_weight(qtbot, window) -> None:
    """The XOR-with-ReLUs starter (two lines of weight 0); x₂ → y gets 0.1, typed on its line."""
    gui.double_click(window.view, on_line(window, ("x2", "y"), 0.5))
    gui.type_into_editor(qtbot, window, "0.1")
    assert window.document.network.connections[("x2", "y")].weight == pytest.approx(0.1)
    assert window.document.network.connections[("x1", "y")].weight == 0


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_a_zero_weight_line_is_seen_and_dashed_unlike_a_small_weight(qtbot, desktop, palette):
    if palette == "dark":
        desktop.setPalette(dark_palette())
    w = _window(qtbot, starter_network(load_exercise("xor-relu")))
    w.view.zoom_to_fit()
    _starter_with_a_small_weight(qtbot, w)
    qtbot.waitUntil(lambda: w.scene.theme.name == palette)
    zero, small = _samples(w, ("x1", "y")), _samples(w, ("x2", "y"))
    assert max(zero) >= SEEN  # seen: 1.2:1 on white before
    on = sum(c >= SEEN for c in zero) / len(zero)
    assert 0.3 <= on <= 0.8, f"dashed: some of the line drawn, some not ({on:.2f})"
    assert min(small) > 1.3  # a small non-zero weight is a solid line all along, tinted
    tint = w.view.viewport().grab().toImage().pixelColor(gui.to_viewport(w.view, on_line(w, ("x2", "y"), 0.5)))
    assert tint.blue() > tint.red() + 20  # positive: the blue side of the palette
