"""Plot SVGs (File ▸ Export ▸ … as SVG) draw their text cleanly in librsvg and CairoSVG at 1× and 2×.

Qt wrote each piece of a rich-text title at the x its own font metrics gave: CairoSVG, and any renderer
whose font is wider than the app's, drew "Output yover the input plane"; right-aligned tick labels ran
into their axis and a line at the figure's right side lost its last letters. Each figure's text is
rendered piece by piece (tests/ui/svg_ink.py): no two pieces may overlap, none may touch the border.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtWidgets import QFileDialog

from tests.ui import gui
from tests.ui.live_gui import mlp, open_window
from tests.ui.svg_ink import broken_columns, ink_boxes, renderers_available, text_faults, texts_alone, wider_fonts

FIGURES = ["region", "curves", "activation", "landscape"]
RENDERERS = ["rsvg", "rsvg, wider font", "cairo"]


def exported_svg(qtbot, monkeypatch, tmp_path, which: str) -> bytes:
    """File ▸ Export of ``which`` as SVG from a 2-3-3-1 network, its view shown as a teacher shows it."""
    w = open_window(qtbot, mlp([2, 3, 3, 1], "tanh", "sigmoid", weight=0.8))
    live = w.live
    dock = {
        "region": live.region_dock,
        "curves": live.curves_dock,
        "activation": live.activation_dock,
        "landscape": live.landscape_dock,
    }[which]
    dock.toggleViewAction().trigger() if not dock.isVisible() else None
    if which == "activation":
        gui.click(w.view, gui.node_pos(w, "h1_1"))
        qtbot.waitUntil(lambda: live.activation.neuron == "h1_1")
    if which == "landscape":
        qtbot.waitUntil(lambda: live.landscape.landscape is not None)
    target = tmp_path / f"{which}.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    w.actions[f"export_{which}_svg"].trigger()
    return target.read_bytes()


@pytest.mark.parametrize("which", FIGURES)
def test_plot_text_has_no_overlaps_and_no_clipping_in_other_renderers(qtbot, monkeypatch, tmp_path, which):
    svg = exported_svg(qtbot, monkeypatch, tmp_path, which)
    assert len(list(ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text"))) >= 3  # text stays text
    faults = []
    for renderer in RENDERERS:
        renderers_available(renderer)
        env = wider_fonts(tmp_path) if "wider" in renderer else None
        for scale in (1, 2):
            faults += [
                f"{renderer} {scale}×: {fault}" for fault in text_faults(svg, renderer.split(",")[0], scale, env)
            ]
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize("which", ["region", "activation"])
def test_right_aligned_tick_labels_stay_aligned_in_a_wider_font(qtbot, monkeypatch, tmp_path, which):
    """Tick labels left of an axis end where the axis is: placed from their start, a wider font ran
    "1.0" and "0.5" past "0" into the axis."""
    renderers_available("rsvg")
    svg = exported_svg(qtbot, monkeypatch, tmp_path, which)
    app = ink_boxes(svg, "rsvg", 2)
    wider = ink_boxes(svg, "rsvg", 2, wider_fonts(tmp_path))
    words = [w for w, _ in texts_alone(svg)]
    boxes = [box for box in app if box is not None]
    assert any(abs(a[2] - b[2]) <= 2 < abs(a[0] - b[0]) for a in boxes for b in boxes)  # it has such labels
    assert not [(words[i], words[j]) for i, j in broken_columns(app, wider, 2)]


def test_a_long_unbroken_label_in_a_title_keeps_its_start_in_the_exported_svg(qtbot, monkeypatch, tmp_path):
    """File ▸ Export ▸ Decision regions as SVG with the output labelled by one long word: the title's line
    of it runs past the figure (cut at the side in the app); it was anchored at its end 3,600 px right of the
    figure, so CairoSVG drew it from 75 px in and a wider font lost its start off the left edge."""
    renderers_available("rsvg")
    net = mlp([2, 3, 1], "tanh", "sigmoid", weight=0.8)
    net.neurons["y"].label = "approval" + "_probability" * 30
    w = open_window(qtbot, net)
    target = tmp_path / "region.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    w.actions["export_region_svg"].trigger()
    root = ET.fromstring(target.read_bytes())
    width = float(root.get("viewBox").split()[2])
    title = [
        t for t in root.iter("{http://www.w3.org/2000/svg}text") if "_probability_probability" in "".join(t.itertext())
    ]
    assert title  # the label is in the figure as text
    for line in title:
        assert line.get("text-anchor") != "end" or float(line.get("x")) <= width + 1, line.get("x")
