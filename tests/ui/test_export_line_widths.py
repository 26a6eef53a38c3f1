"""The PNG (2×) figures of the plots are the window's picture at twice the size: lines twice as thick too.

The plots draw with cosmetic pens (a width in screen pixels); painted straight into the 2× image they kept
that width in image pixels, so the slide's loss curve, decision boundary and z = 0 lines were half as thick
as in the window and in the SVG export.
"""

from statistics import median

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog

from designer.model import load
from designer.ui.live.colors import neuron_colors
from tests.conftest import EXAMPLES
from tests.ui.live_gui import open_window, plot_point


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    return rows[:, : image.width(), 2::-1].astype(int)  # BGRA in memory: RGB


def coloured(image: QImage, colour: str) -> int:
    """How many pixels are (nearly) ``colour``: the area a line of that colour covers."""
    target = QColor(colour)
    rgb = np.array([target.red(), target.green(), target.blue()])
    return int((np.abs(pixels(image) - rgb).sum(axis=2) < 40).sum())


def exported(monkeypatch, window, key: str, target) -> QImage:
    """File ▸ Export ▸ ``key`` answered with ``target``: the image written."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.actions[key].trigger()
    return QImage(str(target))


def test_the_2x_png_of_the_loss_curves_draws_the_curve_twice_as_thick(qtbot, tmp_path, monkeypatch):
    w = open_window(qtbot, load(EXAMPLES / "mlp-2-3-3-1.json"))
    w.live.curves_dock.show()
    epoch = w.live.panel.buttons["train_epoch"]
    for _ in range(20):
        qtbot.mouseClick(epoch, Qt.MouseButton.LeftButton)
    curves = w.live.curves
    qtbot.waitUntil(lambda: w.live.training.epoch == 20, timeout=5000)
    shown = curves.grab().toImage()
    image = exported(monkeypatch, w, "export_curves_png", tmp_path / "curves.png")
    assert (image.width(), image.height()) == (2 * curves.width(), 2 * curves.height())
    train = w.scene.theme.positive
    on_screen, on_slide = coloured(shown, train), coloured(image, train)
    assert on_screen > 100  # the curve (and its key) is drawn
    # twice as long and twice as thick: four times the area (it was about twice: lines as thin as on screen)
    assert on_slide > 3.2 * on_screen, (on_screen, on_slide)


def runs(image: QImage, colour: str) -> list[int]:
    """Per pixel column, how many pixels of ``colour`` it has: a line's thickness where it crosses."""
    target = QColor(colour)
    rgb = np.array([target.red(), target.green(), target.blue()])
    near = (np.abs(pixels(image) - rgb).sum(axis=2) < 80).sum(axis=0)
    return [int(n) for n in near if n]


def test_the_2x_png_of_the_decision_regions_draws_the_z0_line_twice_as_thick(qtbot, tmp_path, monkeypatch):
    w = open_window(qtbot, load(EXAMPLES / "logistic-regression.json"))  # one neuron: one z = 0 line
    w.live.region_dock.show()
    w.live.build_plots()
    w.live.session.flush()
    region = w.live.region
    line_colour = neuron_colors(w.scene.theme)[0]
    shown = region.grab().toImage()
    image = exported(monkeypatch, w, "export_region_png", tmp_path / "regions.png")
    assert (image.width(), image.height()) == (2 * region.width(), 2 * region.height())
    on_screen, on_slide = runs(shown, line_colour), runs(image, line_colour)
    assert len(on_slide) > 1.8 * len(on_screen) > 0  # the dashed line, twice as long
    # and twice as thick: 6 pixels down each column of the slide, 3 on screen (the slide had 3 too)
    assert median(on_slide) >= 1.7 * median(on_screen), (median(on_screen), median(on_slide))


def doubled_share(patch: np.ndarray) -> float:
    """Of the 2×2 pixel blocks with an edge in them, the share made of two equal rows or two equal columns:
    1.0 for a picture drawn at half the resolution and doubled, near 0 for one drawn at full resolution."""
    best = 0.0
    for dy in (0, 1):  # whichever way a doubled picture is aligned
        for dx in (0, 1):
            p = patch[dy:, dx:]
            h, w = (p.shape[0] // 2) * 2, (p.shape[1] // 2) * 2
            blocks = p[:h, :w].reshape(h // 2, 2, w // 2, 2, 3).transpose(0, 2, 1, 3, 4)  # (by, bx, 2, 2, rgb)
            rows_alike = (blocks[:, :, 0] == blocks[:, :, 1]).all(axis=(2, 3))
            cols_alike = (blocks[:, :, :, 0] == blocks[:, :, :, 1]).all(axis=(2, 3))
            edges = ~(rows_alike & cols_alike)
            if edges.any():
                best = max(best, float((rows_alike | cols_alike)[edges].mean()))
    return best


def test_the_2x_png_of_the_decision_regions_draws_its_points_sharp(qtbot, tmp_path, monkeypatch, xor_window):
    """pyqtgraph copies scatter symbols from a pixmap atlas at the screen's pixel ratio: painted straight into
    the 2× image, a 1× screen's points and rings were 1× pixels doubled (the PNG is drawn from the SVG now,
    whose points are shapes, as the SVG export's are)."""
    w = xor_window
    w.live.region_dock.show()
    w.live.build_plots()
    w.live.session.flush()
    region = w.live.region
    image = exported(monkeypatch, w, "export_region_png", tmp_path / "regions.png")
    assert (image.width(), image.height()) == (2 * region.width(), 2 * region.height())
    centre = region.plot.mapTo(region, plot_point(region, 0.0, 1.0))  # an XOR point
    x, y = 2 * centre.x(), 2 * centre.y()
    patch = pixels(image)[y - 24 : y + 24, x - 24 : x + 24]
    assert doubled_share(patch) < 0.5  # 1.0 when the points were copied from a 1× pixmap, doubled
