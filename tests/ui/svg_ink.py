"""Where other renderers draw each piece of text of an SVG: the ink of every ``<text>`` rendered alone.

Used to check that plot figures draw their text without overlaps or clipping in librsvg and CairoSVG,
also where the renderer's font is wider than the app's (a machine without the app's font): the
``wider`` fontconfig file scales every glyph 20 % wider for rsvg-convert (pango honours the matrix).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from tests.ui.test_exports_others_open import png_pixels

SVG = "{http://www.w3.org/2000/svg}"
SYSTEM_FONTS = Path("/etc/fonts/fonts.conf")
WIDER = 1.2
Box = tuple[int, int, int, int]  # left, top, right, bottom ink pixels (inclusive)


def wider_fonts(folder: Path) -> dict[str, str]:
    """An environment whose fontconfig draws every glyph ``WIDER`` times as wide."""
    if not SYSTEM_FONTS.exists():
        pytest.skip("no /etc/fonts/fonts.conf to widen")
    conf = folder / "wider-fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f'  <include ignore_missing="yes">{SYSTEM_FONTS}</include>\n'
        '  <match target="font"><edit name="matrix" mode="assign"><times><name>matrix</name>'
        f"<matrix><double>{WIDER}</double><double>0</double><double>0</double><double>1</double></matrix>"
        "</times></edit></match>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def texts_alone(svg: bytes) -> list[tuple[str, bytes]]:
    """Each ``<text>``'s words and the SVG with it alone (its groups kept for their transforms), in black."""
    ET.register_namespace("", SVG[1:-1])
    root = ET.fromstring(svg)
    count = len(list(root.iter(f"{SVG}text")))
    alone = []
    for index in range(count):
        copy = ET.fromstring(svg)
        target = list(copy.iter(f"{SVG}text"))[index]
        _keep_only(copy, target)
        target.set("fill", "#000000")
        alone.append(("".join(target.itertext()), ET.tostring(copy)))
    return alone


def _keep_only(root: ET.Element, target: ET.Element) -> None:
    parents = {child: parent for parent in root.iter() for child in parent}
    keep = {target}
    node = target
    while node in parents:
        node = parents[node]
        keep.add(node)
    for parent in [e for e in root.iter() if e in keep and e is not target]:
        for child in list(parent):
            if child not in keep:
                parent.remove(child)


def render(svg: bytes, renderer: str, scale: int, env: dict[str, str] | None = None) -> np.ndarray:
    """``svg`` drawn on white by "rsvg" (rsvg-convert) or "cairo" (CairoSVG) at ``scale``×."""
    if renderer == "rsvg":
        done = subprocess.run(
            ["rsvg-convert", "-z", str(scale), "-b", "white"],
            input=svg,
            capture_output=True,
            check=True,
            timeout=60,
            env=env,
        )
        return png_pixels(done.stdout)
    import cairosvg

    out = io.BytesIO()
    cairosvg.svg2png(bytestring=svg, write_to=out, scale=scale, background_color="white")
    return png_pixels(out.getvalue())


def ink(pixels: np.ndarray) -> Box | None:
    ys, xs = np.nonzero(pixels.min(axis=2) < 200)
    return (int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())) if len(xs) else None


def without_text(svg: bytes) -> bytes:
    """``svg`` with every ``<text>`` left out: the lines, areas and images the text is drawn over."""
    ET.register_namespace("", SVG[1:-1])
    root = ET.fromstring(svg)
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == f"{SVG}text":
                parent.remove(child)
    return ET.tostring(root)


def ink_boxes(svg: bytes, renderer: str, scale: int, env: dict[str, str] | None = None) -> list[Box | None]:
    """The ink of each ``<text>`` drawn alone by ``renderer``, in the file's order."""
    return [ink(render(alone, renderer, scale, env)) for _, alone in texts_alone(svg)]


def broken_columns(app: list[Box | None], other: list[Box | None], slack: int) -> list[tuple[int, int]]:
    """Pairs of texts right-aligned in ``app`` (one right edge, different left edges: tick labels left
    of an axis) whose right edges part by more than ``slack`` px in ``other``."""
    pairs = []
    for i, (a, a2) in enumerate(zip(app, other, strict=True)):
        for j in range(i + 1, len(app)):
            b, b2 = app[j], other[j]
            if None in (a, b, a2, b2):
                continue
            if abs(a[2] - b[2]) <= slack and abs(a[0] - b[0]) > slack and abs(a2[2] - b2[2]) > slack:
                pairs.append((i, j))
    return pairs


def text_faults(svg: bytes, renderer: str, scale: int, env: dict[str, str] | None = None) -> list[str]:
    """Pieces of text whose ink overlaps another's, reaches the figure's border or lies over a line or
    an edge of the drawing (an axis, a tick, a panel's side) as drawn by ``renderer``."""
    boxes: list[tuple[str, Box]] = []
    faults = []
    under = render(without_text(svg), renderer, scale, env)
    for words, alone in texts_alone(svg):
        pixels = render(alone, renderer, scale, env)
        box = ink(pixels)
        if box is None:
            continue
        height, width = pixels.shape[:2]
        if box[0] == 0 or box[1] == 0 or box[2] == width - 1 or box[3] == height - 1:
            faults.append(f"{words!r} clipped at the border ({box} in {width}×{height})")
        if not _plain(under[box[1] : box[3] + 1, box[0] : box[2] + 1]):
            faults.append(f"{words!r} {box} is drawn over a line or an edge")
        faults += [f"{words!r} {box} overlaps {other!r} {b}" for other, b in boxes if _meet(box, b)]
        boxes.append((words, box))
    return faults


def _plain(patch: np.ndarray) -> bool:
    """Whether a patch of the drawing is one colour (text on it hides nothing and is not cut)."""
    background = np.median(patch.reshape(-1, 3), axis=0)
    return bool(np.abs(patch - background).max() <= 60)


def _meet(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def renderers_available(renderer: str) -> None:
    """Skip where ``renderer`` is missing."""
    if renderer.startswith("rsvg") and shutil.which("rsvg-convert") is None:
        pytest.skip("rsvg-convert is not installed (apt-get install librsvg2-bin)")
    if renderer == "cairo":
        try:
            import cairosvg  # noqa: F401
        except (ImportError, OSError):
            pytest.skip("CairoSVG is not available (pip install cairosvg; it needs libcairo2)")
