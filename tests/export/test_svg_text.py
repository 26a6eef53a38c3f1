"""Text of Qt's SVGs laid out for other renderers (designer/export/svg_text.py), without Qt."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from designer.export.svg_text import Font, portable_text

NS = "{http://www.w3.org/2000/svg}"
PIECE = 'fill="#000000" xml:space="preserve" font-family="Sans Serif" font-size="12"'


def advance(text: str, font: Font) -> float:
    """A made-up metric: 7 px a character, 8 in bold."""
    return len(text) * (8.0 if font.weight >= 600 else 7.0)


def figure(body: str, width: int = 300) -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 200">{body}</svg>'


def texts(svg: str) -> list[ET.Element]:
    return list(ET.fromstring(svg).iter(f"{NS}text"))


def portable(svg: str) -> str:
    return portable_text(svg, advance, lambda family: "DejaVu Sans" if family == "Sans Serif" else family)


def test_pieces_placed_end_to_end_become_one_line_of_tspans():
    bold = f'<text {PIECE} font-weight="700" x="0" y="11">Output y</text>'
    rest = f'<text {PIECE} font-weight="400" x="64" y="11"> over the input plane</text>'
    (line,) = texts(
        portable(figure(f'<g transform="matrix(1,0,0,1,4,4)">{bold}</g><g transform="matrix(1,0,0,1,4,4)">{rest}</g>'))
    )
    assert "".join(line.itertext()) == "Output y over the input plane"
    (span,) = list(line)
    assert span.get("font-weight") == "400" and span.get("x") is None and line.get("text-anchor") is None
    assert line.get("font-family") == "DejaVu Sans, sans-serif"


def test_tick_labels_are_anchored_where_their_axis_is():
    column = "".join(
        f'<text {PIECE} x="{30 - 7 * len(t)}" y="{y}">{t}</text>' for t, y in (("0", 90), ("0.5", 50), ("1.0", 10))
    )
    row = "".join(f'<text {PIECE} x="{x}" y="13">{t}</text>' for t, x in (("-5", 40), ("0", 100), ("5", 160)))
    svg = portable(
        figure(f'<g transform="matrix(1,0,0,1,5,5)">{column}</g><g transform="matrix(1,0,0,1,0,120)">{row}</g>')
    )
    anchors = {(t.text, t.get("y")): (t.get("text-anchor"), float(t.get("x"))) for t in texts(svg)}
    assert anchors[("0", "90")] == anchors[("0.5", "50")][:1] + (30.0,) == ("end", 30.0)
    assert anchors[("-5", "13")] == ("middle", 47.0) and anchors[("5", "13")] == ("middle", 163.5)


def test_a_line_at_the_right_side_grows_to_the_left_and_odd_svgs_pass_through():
    (line,) = texts(portable(figure(f'<text {PIECE} x="220" y="11">at the side</text>', width=300)))
    assert line.get("text-anchor") == "end" and float(line.get("x")) == 297.0
    odd = figure(f'<g transform="rotate(90)"><text {PIECE} x="a" y="11">x</text><text {PIECE}>y</text></g>')
    assert [t.text for t in texts(portable(odd))] == ["x", "y"]
    assert portable("<svg xmlns='http://www.w3.org/2000/svg'/>") == "<svg xmlns='http://www.w3.org/2000/svg'/>"


def test_a_line_running_past_the_right_side_keeps_its_start():
    """A title line of one long unbroken label runs past the figure in the app, which cuts it at the side:
    anchored at its end (x = 4,055 in a 400 px figure), CairoSVG drew it from 75 px in, a wider font from
    off the left edge, and the start of the label was what went missing."""
    (line,) = texts(portable(figure(f'<text {PIECE} x="0" y="11">{"W" * 100}</text>', width=300)))
    assert line.get("text-anchor") is None and float(line.get("x")) == 0.0
