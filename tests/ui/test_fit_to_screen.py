"""The first window fits the screen it opens on, also a netbook's 1024×600."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect

from designer.model import load
from designer.ui.app import fit_to_screen
from tests.conftest import EXAMPLES


class FakeScreen:
    def __init__(self, rect: QRect) -> None:
        self.rect = rect

    def availableGeometry(self) -> QRect:
        return self.rect


@pytest.mark.parametrize(
    ("area", "expected"),
    [
        (QRect(0, 0, 1024, 600), (1000, 600)),  # at least 1000 wide, never taller than the screen
        (QRect(0, 0, 800, 600), (800, 600)),
        (QRect(0, 30, 1920, 1050), (1680, 945)),  # 90 %, at most 1680 wide; a panel on top
        (QRect(0, 0, 1366, 768), (1229, 691)),
    ],
)
def test_the_window_opens_within_the_screen(qtbot, area, expected):
    """On 1024×600 the window was made 1000×680 and moved to y = -40: its menu bar off the screen."""
    from designer.ui.mainwindow import MainWindow

    w = MainWindow(load(EXAMPLES / "xor-step.json"))
    qtbot.addWidget(w)
    w.screen = lambda: FakeScreen(area)
    resized = []
    w.resize = lambda *size: resized.append(size)  # the size asked for (the offscreen screen is 800×800)
    moved = []
    w.move = lambda *pos: moved.append(pos)
    fit_to_screen(w)
    assert resized == [expected]
    x, y = moved[0]
    assert x >= area.left() and y >= area.top()
