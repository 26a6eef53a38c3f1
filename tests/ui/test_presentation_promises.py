"""Issue 15, "Presentation mode keeps its promises": every message ≥ 24 px (measured as it appears),
themes that cover the canvas, a network that fills its pane and grows with the scale without
crowding, key help in free space, clicker keys, and the same picture at 3840×2160 with DPR 2."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from designer.engine import data as dm
from designer.exercises import load_exercise
from designer.ui.presentation.measure import TextRecorder
from designer.ui.presentation.stage import CORNER_MS
from tests.ui.test_looking_right import assert_readable

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
LAYOUT_SCRIPT = Path(__file__).with_name("present_layout.py")


def present(qtbot, window, theme: str = "light", weights: bool = True) -> None:
    """F5 on a 1920×1080 window, as on the projector."""
    p = window.presentation
    p.config.theme = theme
    p.config.weights = weights
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(window, K.Key_F5)
    assert p.active
    window.setWindowState(Qt.WindowState.WindowNoState)  # the offscreen screen is 800×800: give the window
    window.resize(1920, 1080)  # the projector's size itself
    qtbot.wait(40)  # the stage, the fit and the caption settle
    window.view.setFocus()


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(window.view, key, modifier)
    QApplication.processEvents()  # the caption paints


@pytest.mark.parametrize("theme", ("light", "dark", "high-contrast"))
def test_every_message_is_at_least_24_px_as_it_appears(qtbot, xor_window, theme):
    w = xor_window
    w.exercise.panel.set_exercise(load_exercise("xor"))
    with TextRecorder(w) as seen:
        present(qtbot, w, theme)
        press(qtbot, w, K.Key_T)  # theme
        press(qtbot, w, K.Key_Equal, CTRL)  # scale
        press(qtbot, w, K.Key_Minus, CTRL)
        press(qtbot, w, K.Key_H)  # hint
        press(qtbot, w, K.Key_F)  # the walk's level
        press(qtbot, w, K.Key_Right)
        press(qtbot, w, K.Key_Up)  # learning rate
        press(qtbot, w, K.Key_9)  # no such neuron
        press(qtbot, w, K.Key_Question)  # the keys
    shown = seen.texts()
    for expected in (
        "Theme: ",
        "Scale 1.25×",
        "Hint 1: ",
        "Forward pass",
        "Learning rate",
        "no neuron 9",
        w.presentation.keys.help_text(),
    ):
        assert any(expected in text for text in shown), (expected, shown)  # each message was measured
    captions = [s for s in seen.samples if "presentationCaption" in s.where]
    assert len(captions) >= 9
    smallest = min(seen.samples)
    assert smallest.px >= 24, smallest


def canvas_pixels(window) -> np.ndarray:
    QApplication.processEvents()
    image = window.view.viewport().grab().toImage()
    return np.array(
        [
            [QColor(image.pixel(x, y)).getRgb()[:3] for x in range(0, image.width(), 7)]
            for y in range(0, image.height(), 7)
        ]
    )


def test_dark_and_high_contrast_themes_cover_the_canvas(qtbot, xor_window):
    w = xor_window
    present(qtbot, w, "light")
    press(qtbot, w, K.Key_T)
    assert w.scene.theme.name == "dark"
    pixels = canvas_pixels(w)
    background = np.array(QColor(w.scene.theme.background).getRgb()[:3])
    share_background = np.mean(np.all(np.abs(pixels - background) <= 3, axis=2))
    near_white = np.mean(np.all(pixels >= 235, axis=2))
    assert share_background > 0.6 and near_white < 0.01  # no white canvas behind light text
    press(qtbot, w, K.Key_T)
    assert w.scene.theme.name == "high-contrast"
    assert np.mean(np.all(canvas_pixels(w) >= 250, axis=2)) > 0.6  # white again, with black text


def node_boxes(window) -> dict[str, QRect]:
    """Each node with its map, in viewport pixels."""
    view = window.view
    maps = dict(zip(window.live.maps.ids, window.live.maps.map_rects(), strict=False))
    boxes = {}
    for n, item in window.scene.node_items.items():
        rect = item.sceneBoundingRect()
        if n in maps:
            rect = rect.united(maps[n])
        boxes[n] = view.mapFromScene(rect).boundingRect()
    return boxes


def test_the_network_fills_its_pane_and_the_scale_enlarges_it_without_crowding(qtbot, xor_window):
    w = xor_window
    present(qtbot, w, "dark", weights=False)
    view = w.view

    def measure() -> tuple[float, QRect]:
        qtbot.wait(20)
        content = view.mapFromScene(w.scene.content_rect()).boundingRect()
        return view.transform().m11() * w.scene.node_items["h1"].radius, content

    radius_1x, content = measure()
    port = view.viewport().rect()
    assert port.contains(content)  # all of it, with margins …
    assert content.width() >= 0.7 * port.width() or content.height() >= 0.7 * port.height()  # … filling the pane
    for _ in range(4):
        press(qtbot, w, K.Key_Equal, CTRL)
    assert w.presentation.scale == 2.0
    radius_2x, content = measure()
    assert radius_2x >= 1.4 * radius_1x  # larger on screen
    assert port.contains(content)
    for (a, ra), (b, rb) in itertools.combinations(node_boxes(w).items(), 2):
        assert not ra.intersects(rb), (a, b)  # not crowded: no node or map covers another
    press(qtbot, w, K.Key_W)  # weights on: room is made between the columns
    assert w.actions["show_weights"].isChecked()
    qtbot.wait(20)
    assert len(assert_readable(w)) == len(w.document.network.connections)  # every weight found a place


def test_the_key_help_names_every_key_that_works_while_presenting_w_too(qtbot, xor_window):
    """W (weights on lines) worked while presenting but the ? help left it out."""
    w = xor_window
    present(qtbot, w, "light", weights=False)
    lines = w.scene.connections
    assert not lines.show_weights
    press(qtbot, w, K.Key_W)
    assert lines.show_weights and w.actions["show_weights"].isChecked()
    press(qtbot, w, K.Key_Question)
    caption = w.presentation.stage.caption
    assert caption.isVisible() and "W weights" in caption.text()


def test_the_key_help_covers_no_node_and_no_axis(qtbot, xor_window):
    w = xor_window
    present(qtbot, w, "light")
    caption = w.presentation.stage.caption
    assert caption.isVisible() and caption.text() == w.presentation.keys.help_text()
    stage = w.presentation.stage
    box = caption.geometry()
    view = w.view
    for n, rect in node_boxes(w).items():
        assert not box.intersects(QRect(view.viewport().mapTo(stage, rect.topLeft()), rect.size())), n
    plot = w.live.region.plot
    for name in ("left", "bottom"):
        axis = plot.getPlotItem().getAxis(name)
        on_plot = plot.mapFromScene(axis.sceneBoundingRect()).boundingRect()
        assert not box.intersects(QRect(plot.mapTo(stage, on_plot.topLeft()), on_plot.size())), name


def test_with_no_free_space_the_key_help_shows_beside_the_network_for_its_full_time(qtbot, xor_window):
    """The key help is asked for: it stays its time (4 s was too short to read it, and on a tall network
    it went at once). With no free place on the canvas it covers the plot beside it, not the network (at
    1366×768 it covered the shipped lesson's whole network)."""
    w = xor_window
    w.presentation.scale = 3.0
    present(qtbot, w, "light")
    press(qtbot, w, K.Key_Question)
    stage = w.presentation.stage
    caption = stage.caption
    assert caption.isVisible() and caption.in_corner
    port = w.view.viewport()
    for n, rect in node_boxes(w).items():
        assert not caption.geometry().intersects(QRect(port.mapTo(stage, rect.topLeft()), rect.size())), n
    assert caption._timer.isActive() and caption._timer.interval() > CORNER_MS


def test_any_timed_message_without_a_free_place_goes_soon_but_a_hint_stays(qtbot, xor_window):
    """A caption in the corner covers the network: the walk's level and the scale messages went
    after 12 s there; now every timed one goes after CORNER_MS, a hint asked for stays."""
    w = xor_window
    w.presentation.scale = 3.0
    present(qtbot, w, "light")
    caption = w.presentation.stage.caption
    w.presentation.caption("Level 1 of 2 (OR, AND): " + "a message longer than the free space " * 4)
    assert caption.isVisible() and caption.in_corner
    assert caption._timer.isActive() and caption._timer.interval() <= CORNER_MS
    w.presentation.caption("Hint 1: " + "a long hint for the class " * 6, 0)
    assert caption.in_corner and not caption._timer.isActive()


def test_clicker_keys_step_go_back_and_blank_the_screen(qtbot, xor_window):
    w = xor_window
    live = w.live
    live.session.regenerate(dm.DataOptions("xor", 0.0, 1.0, 0))
    present(qtbot, w, "light")
    press(qtbot, w, K.Key_PageDown)  # like →: one training step
    assert live.training.steps == 1
    press(qtbot, w, K.Key_F)
    press(qtbot, w, K.Key_PageDown)  # a walk is on: its next level
    assert live.probe.walk_level == 1 and live.training.steps == 1
    press(qtbot, w, K.Key_PageUp)
    assert live.probe.walk_level == 0
    blank = w.presentation.blank
    press(qtbot, w, K.Key_B)
    assert blank.isVisible() and blank.geometry() == w.rect()
    image = w.grab().toImage()
    corners = {image.pixelColor(x, y).name() for x in (5, image.width() - 5) for y in (5, image.height() - 5)}
    centre = image.pixelColor(image.width() // 2, image.height() // 2).name()
    assert corners == {"#000000"} and centre == "#000000"
    press(qtbot, w, K.Key_B)
    assert not blank.isVisible()
    press(qtbot, w, K.Key_Period)
    assert blank.isVisible()
    press(qtbot, w, K.Key_PageDown)  # any key first brings the picture back, and does nothing else
    assert not blank.isVisible() and live.probe.walk_level == 0
    press(qtbot, w, K.Key_D)  # the backward pass moved from B to D
    assert live.backward.active


def layout_on(screen: dict, scale_factor: str | None, tmp_path: Path) -> dict:
    config = tmp_path / f"screen-{screen['width']}.json"
    config.write_text(json.dumps({"screens": [{"name": "screen", "x": 0, "y": 0, "logicalDpi": 96, **screen}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "PYTHONPATH": str(Path.cwd())}
    env.pop("QT_SCALE_FACTOR", None)
    if scale_factor:
        env["QT_SCALE_FACTOR"] = scale_factor
    result = subprocess.run(
        [sys.executable, str(LAYOUT_SCRIPT)], env=env, capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_3840x2160_at_device_pixel_ratio_2_looks_like_1920x1080(tmp_path):
    hd = layout_on({"width": 1920, "height": 1080, "dpr": 1}, None, tmp_path)
    uhd = layout_on({"width": 3840, "height": 2160, "dpr": 1}, "2", tmp_path)
    assert uhd["device_pixel_ratio"] == 2.0 and hd["device_pixel_ratio"] == 1.0
    assert uhd["grab"][:2] == [3840, 2160] and hd["grab"][:2] == [1920, 1080]  # rendered at full resolution
    for key in ("window", "canvas", "region", "caption"):
        assert uhd[key] == hd[key], key  # the same layout, in logical pixels
    for node, (x, y) in hd["nodes"].items():
        assert abs(uhd["nodes"][node][0] - x) <= 1 and abs(uhd["nodes"][node][1] - y) <= 1, node
    assert uhd["zoom"] == pytest.approx(hd["zoom"])
    assert uhd["smallest_text"] == hd["smallest_text"] == 24


def test_the_backward_pass_legend_fits_the_canvas_and_no_caption_covers_it(qtbot, xor_window):
    w = xor_window
    w.live.session.regenerate(dm.DataOptions("xor", 0.0, 1.0, 0))
    w.presentation.scale = 2.0  # 36 px text: the legend's lines are wider than the canvas
    present(qtbot, w, "dark")
    press(qtbot, w, K.Key_D)
    press(qtbot, w, K.Key_PageDown)  # the next level: its caption appears too
    legend = w.live.gradients.legend
    assert legend.isVisible() and w.live.backward.active
    assert legend.width() <= w.view.viewport().width()  # its long lines wrap instead of being cut
    assert len(legend.shown_lines) > len(legend.lines)
    stage = w.presentation.stage
    caption = stage.caption
    box = QRect(legend.mapTo(stage, legend.rect().topLeft()), legend.size())
    # the level's line is in the legend: no caption repeats it (on a low stage it covered the neurons)
    assert not caption.isVisible() or not caption.geometry().intersects(box)
    assert not (caption.isVisible() and caption.text() == legend.lines[1])


def test_the_forward_walks_caption_covers_no_text_of_the_region_view(qtbot, xor_window):
    """The walk's caption went to the bottom of the stage, over the region view's legend and the
    pinned probe's note below the plot; it stays in the canvas pane, wrapped to its width."""
    w = xor_window
    w.live.session.regenerate(dm.DataOptions("xor", 0.0, 1.0, 0))
    present(qtbot, w, "dark")
    press(qtbot, w, K.Key_F)
    press(qtbot, w, K.Key_PageDown)
    stage = w.presentation.stage
    caption = stage.caption
    assert caption.isVisible() and caption.text().startswith("Forward pass")
    region = w.live.region
    texts = [label for label in (region.legend, region.pin_note, region.class_key, region.title) if label.isVisible()]
    assert region.legend in texts
    for label in texts:
        assert not caption.geometry().intersects(QRect(label.mapTo(stage, label.rect().topLeft()), label.size()))
    canvas = QRect(w.view.mapTo(stage, w.view.rect().topLeft()), w.view.size())
    assert canvas.contains(caption.geometry())


def test_after_the_scale_grows_the_caption_covers_no_node_or_map(qtbot, xor_window):
    """D, PageDown, then Ctrl+ four times: the walk's caption stayed where it was placed at 1× and
    covered the neuron maps of the grown network."""
    w = xor_window
    w.live.session.regenerate(dm.DataOptions("xor", 0.0, 1.0, 0))
    present(qtbot, w, "dark")
    press(qtbot, w, K.Key_D)
    press(qtbot, w, K.Key_PageDown)
    for _ in range(4):
        press(qtbot, w, K.Key_Equal, CTRL)
    qtbot.wait(100)  # the second fit, once the docks have their new sizes
    stage = w.presentation.stage
    caption = stage.caption
    assert w.presentation.scale == 2.0 and caption.isVisible() and not caption.in_corner
    port = w.view.viewport()
    items = [*w.live.maps.map_rects(), *(item.sceneBoundingRect() for item in w.scene.node_items.values())]
    for rect in items:
        box = w.view.mapFromScene(rect).boundingRect()
        assert not caption.geometry().intersects(QRect(port.mapTo(stage, box.topLeft()), box.size())), caption.text()
