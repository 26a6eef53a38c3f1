"""The rings of the forward walk and the backward pass leave the neurons' names clear.

Found on the XOR example: Walk Forward Pass ringed OR and AND 7 px outside the circle, through their
names written under it ("OR", "AND" half covered by the purple stroke), and the backward pass ringed
the output y through its "y".
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolBar

from designer.ui.app import create_window

ZOOM = 4  # pixels per scene unit in the rendering looked at


def started_window(qtbot):
    window = create_window()  # the XOR example: hidden neurons named OR and AND, the output y
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.live.build_plots()
    window.view.zoom_to_fit()
    window.live.session.flush()
    return window


def click_toolbar(window, key: str) -> None:
    action = window.live.actions[key]
    button = next(b for bar in window.findChildren(QToolBar) if (b := bar.widgetForAction(action)))
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def ring_pixels_on_name(window, node_id: str, color: str) -> int:
    """How many pixels of the ring's colour the canvas shows where ``node_id``'s name is written."""
    item = window.scene.node_items[node_id]
    name = item.caption_rect()
    assert name is not None
    name = name.translated(item.pos())
    for overlay in (window.live.probe, window.live.gradients.overlay):  # their areas, as a repaint sets them
        overlay.update_bounds()
    image = QImage(round(name.width() * ZOOM), round(name.height() * ZOOM), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    window.scene.render(painter, QRectF(image.rect()), name)
    painter.end()
    ring = QColor(color)
    return sum(1 for x in range(image.width()) for y in range(image.height()) if _near(QColor(image.pixel(x, y)), ring))


def _near(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 60


def test_the_forward_walk_rings_or_and_and_clear_of_their_names(qtbot):
    window = started_window(qtbot)
    click_toolbar(window, "forward_walk")
    walk = window.live.forward
    assert walk.active
    walk.show(1)  # the hidden level: OR and AND ringed
    hidden = [n for n, item in window.scene.node_items.items() if window.live.probe.rings.get(n)]
    assert {window.document.network.node(n).display_label for n in hidden} == {"OR", "AND"}
    for node_id in hidden:
        assert ring_pixels_on_name(window, node_id, window.scene.theme.selection) == 0, node_id


def test_the_backward_pass_rings_the_output_clear_of_its_name(qtbot):
    window = started_window(qtbot)
    click_toolbar(window, "backward_pass")
    backward = window.live.backward
    assert backward.active and list(backward.deltas)
    for node_id in backward.deltas:
        assert ring_pixels_on_name(window, node_id, window.scene.theme.hover) == 0, node_id


def test_while_presenting_the_walks_rings_leave_the_names_clear(qtbot, monkeypatch):
    """Presenting (a text floor: larger names) on lesson step 8, whose action walks the forward pass."""
    from tests.ui.test_presentation_lesson_room import go_to, present_lesson

    window = present_lesson(qtbot, monkeypatch, 1920, 1080)
    go_to(qtbot, window, 8)
    walk = window.live.forward
    assert walk.active and window.scene.theme.min_text_px > 0  # presentation's text floor
    for level in range(1, walk.depth + 1):
        walk.show(level)
        ringed = [n for n in window.live.probe.rings if window.scene.node_items[n].caption_rect() is not None]
        assert ringed, level
        for node_id in ringed:
            assert ring_pixels_on_name(window, node_id, window.scene.theme.selection) == 0, (level, node_id)
