"""Figures for slides at 2x: sharp on any screen (a 1x laptop's PNG had its points pixel-doubled)."""

from pathlib import Path

import numpy as np
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog

from tests.ui.live_gui import plot_point


def exported(monkeypatch, window, key: str, target: Path) -> QImage:
    """File ▸ Export ▸ ``key`` answered with ``target``: the image written."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.actions[key].trigger()
    return QImage(str(target))


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    return rows[:, : image.width(), :3].astype(int)


def doubled_share(patch: np.ndarray) -> float:
    """Of the 2x2 pixel blocks with an edge in them, the share made of two equal rows or two equal columns:
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
    assert doubled_share(patch) < 0.5  # 1.0 before: the points copied from a 1x pixmap, doubled
