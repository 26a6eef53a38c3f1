"""Cosmetic strokes baked into pixel coordinates (designer.export.svg_strokes), checked on small SVGs."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from designer.export.svg_strokes import bake_cosmetic_strokes

HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 100">'
NS = "{http://www.w3.org/2000/svg}"


def svg(body: str) -> str:
    return f"{HEAD}{OPEN}{body}</svg>"


def shapes(text: str) -> list[ET.Element]:
    root = ET.fromstring(text)
    return [e for e in root.iter() if e.tag[len(NS) :] in ("path", "polyline", "rect", "polygon", "line")]


def test_each_shape_kind_is_mapped_through_the_groups_matrix_which_is_dropped():
    body = (
        '<g stroke-width="2" transform="matrix(4,0,0,-30,10,50)">'
        '<path vector-effect="non-scaling-stroke" d="M0,1 L2,0.5 L3,0 Z"/>'
        '<polyline vector-effect="non-scaling-stroke" points="0,0 1,1"/>'
        '<rect vector-effect="non-scaling-stroke" x="1" y="0" width="2" height="1"/>'
        '<line vector-effect="non-scaling-stroke" x1="0" y1="0" x2="1" y2="-1"/>'
        "</g>"
    )
    out = bake_cosmetic_strokes(svg(body))
    assert out.startswith(HEAD) and "non-scaling-stroke" not in out and "matrix" not in out
    path, polyline, rect, line = shapes(out)
    assert path.get("d") == "M 10,20 L 18,35 L 22,50 Z"
    assert polyline.get("points") == "10,50 14,20"
    assert (rect.get("x"), rect.get("y"), rect.get("width"), rect.get("height")) == ("14", "20", "8", "30")
    assert (line.get("x1"), line.get("y1"), line.get("x2"), line.get("y2")) == ("10", "50", "14", "80")
    assert ET.fromstring(out).find(f"{NS}g").get("stroke-width") == "2"  # the pixel width, now honoured


def test_a_turned_rectangle_becomes_a_polygon():
    rect = '<rect vector-effect="non-scaling-stroke" x="0" y="0" width="2" height="1"/>'
    out = bake_cosmetic_strokes(svg(f'<g transform="matrix(0,1,-1,0,0,0)">{rect}</g>'))
    (polygon,) = shapes(out)
    assert polygon.tag == f"{NS}polygon" and polygon.get("points") == "0,0 0,2 -1,2 -1,0"


def test_groups_it_cannot_rewrite_exactly_stay_as_they_were():
    relative = '<g transform="matrix(2,0,0,2,0,0)"><path vector-effect="non-scaling-stroke" d="m0,0 l1,1"/></g>'
    mixed = (
        '<g transform="matrix(2,0,0,2,0,0)"><path vector-effect="non-scaling-stroke" d="M0,0 L1,1"/>'
        '<image x="0" y="0" width="1" height="1"/></g>'
    )
    for body in (relative, mixed):
        out = bake_cosmetic_strokes(svg(body))
        assert "matrix(2,0,0,2,0,0)" in out and "non-scaling-stroke" in out


def test_an_svg_without_cosmetic_strokes_is_returned_unchanged():
    text = svg('<g transform="matrix(2,0,0,2,0,0)"><path d="M0,0 L1,1"/></g>')
    assert bake_cosmetic_strokes(text) is text
