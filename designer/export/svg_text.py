"""Text in an SVG made by Qt, laid out so that renderers with other font metrics draw it cleanly.

Qt's SVG generator writes every piece of drawn text at the x its own font metrics give: a title in rich
text ("**Output y** over the input plane") became two ``<text>`` elements, the second placed where
the bold part ends in Qt's font, and right-aligned tick labels start where Qt measured them to.
CairoSVG (whose 1× letters advance by whole pixels) and any renderer whose font is wider than the
app's drew "Output yover" and tick labels running into the axis or off the figure. The family was
Qt's own generic name ``Sans Serif``, which other renderers do not know. Here:

* pieces that Qt placed one after another on one baseline become one ``<text>`` with ``<tspan>``\\ s,
  so the renderer flows them with its own metrics;
* a lone piece is anchored where its layout is anchored: a column of labels sharing their right
  edge (tick labels left of an axis) at its end, a row of labels on one baseline (tick labels under
  an axis) at its middle, anything touching the figure's right side at its end;
* the family is the one Qt actually used, then the generic ``sans-serif``.

Text stays text. Pure Python (no Qt): the caller measures text with the fonts it drew with.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field

from designer.export.svg_strokes import SVG_NS, XLINK_NS, Matrix

TEXT = f"{{{SVG_NS}}}text"
TSPAN = f"{{{SVG_NS}}}tspan"
#: the attributes a piece of text carries that a ``<tspan>`` must keep (others come from its ``<text>``)
PIECE_STYLE = ("fill", "fill-opacity", "font-family", "font-size", "font-weight", "font-style")
#: how far apart (px) two edges or a piece's end and the next piece's start may be and still be one
TOUCH = 0.75
#: a piece ending this close (px) to the figure's right side is anchored at its end
RIGHT_SIDE = 8.0
_MATRIX = re.compile(r"^\s*matrix\(([^)]*)\)\s*$")
_VIEWBOX_SEPARATORS = re.compile(r"[\s,]+")


@dataclass(frozen=True)
class Font:
    """A piece's font as Qt wrote it: ``family`` as in the SVG, ``size`` in px."""

    family: str
    size: float
    weight: int
    italic: bool


#: text, font → its advance width in px (the metrics it was drawn with)
Measure = Callable[[str, Font], float]


@dataclass
class _Line:
    """One ``<text>`` (with any pieces merged into it) and where Qt put it in the figure."""

    element: ET.Element
    parent: ET.Element
    pieces: int
    width: float = 0.0  # in the line's own coordinates, as Qt measured it
    left: float = 0.0
    right: float = 0.0
    baseline: float = 0.0
    upright: bool = True  # drawn unturned and unmirrored (not a rotated axis label)
    peers: list[_Line] = field(default_factory=list)


def portable_text(svg: str, measure: Measure, family: Callable[[str], str]) -> str:
    """``svg`` with its text as described above; ``family(name)``: the family Qt drew ``name`` with."""
    if "<text" not in svg:
        return svg
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(svg)
    matrices = _matrices(root)
    lines = _merged_lines(root, matrices, measure)
    _place(lines, matrices, measure)
    width = _view_width(root)
    for line in lines:
        _anchor(line, width)
    _name_families(root, family)
    header = svg[: svg.index("<svg")] if "<svg" in svg else ""
    return header + ET.tostring(root, encoding="unicode")


def font_of(element: ET.Element) -> Font:
    """The font Qt wrote on a ``<text>`` or ``<tspan>``."""
    try:
        size = float(element.get("font-size", "12"))
    except ValueError:
        size = 12.0
    weight = element.get("font-weight", "400")
    return Font(
        element.get("font-family", "Sans Serif"),
        size,
        int(weight) if weight.isdigit() else (700 if weight == "bold" else 400),
        element.get("font-style", "normal") in ("italic", "oblique"),
    )


def _number(element: ET.Element, name: str) -> float | None:
    try:
        return float(element.get(name, ""))
    except ValueError:
        return None


def _merged_lines(root: ET.Element, matrices: dict[ET.Element, Matrix | None], measure: Measure) -> list[_Line]:
    """The ``<text>`` elements, each run of pieces Qt placed end to end merged into its first.

    A run's pieces follow each other in the file, in groups of one transform (Qt starts a group where
    the colour changes: a legend's "━━" and " train"), on one baseline, each where the last ended.
    """
    parents = {child: parent for parent in root.iter() for child in parent}
    lines: list[_Line] = []
    previous: ET.Element | None = None
    end = 0.0
    for text in list(root.iter(TEXT)):
        x, y = _number(text, "x"), _number(text, "y")
        if len(text) or x is None or y is None:
            previous = None
            continue
        if (
            previous is not None
            and matrices[text] is not None
            and matrices[text] == matrices[previous]
            and y == _number(previous, "y")
            and abs(x - end) <= TOUCH
        ):
            _append_piece(previous, text)
            parents[text].remove(text)
            lines[-1].pieces += 1
        else:
            previous = text
            lines.append(_Line(text, parents[text], 1))
        end = x + measure(text.text or "", font_of(text))
    return lines


def _append_piece(line: ET.Element, piece: ET.Element) -> None:
    span = ET.SubElement(line, TSPAN, {k: piece.get(k, "") for k in PIECE_STYLE if piece.get(k) is not None})
    span.text = piece.text


def _matrices(root: ET.Element) -> dict[ET.Element, Matrix | None]:
    """Each element's transform to the figure (None: one that is not a plain matrix)."""
    found: dict[ET.Element, Matrix | None] = {}

    def visit(element: ET.Element, outer: Matrix | None) -> None:
        here = _times(outer, element.get("transform"))
        found[element] = here
        for child in element:
            visit(child, here)

    visit(root, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))
    return found


def _times(outer: Matrix | None, transform: str | None) -> Matrix | None:
    if outer is None or transform is None:
        return outer
    found = _MATRIX.match(transform)
    try:
        inner = tuple(float(v) for v in found.group(1).replace(",", " ").split()) if found else ()
    except ValueError:
        inner = ()
    if len(inner) != 6:
        return None
    a, b, c, d, e, f = outer
    p, q, r, s, t, u = inner
    return (a * p + c * q, b * p + d * q, a * r + c * s, b * r + d * s, a * t + c * u + e, b * t + d * u + f)


def _place(lines: list[_Line], matrices: dict[ET.Element, Matrix | None], measure: Measure) -> None:
    """Where each line lies in the figure, and which lines share its parent and baseline."""
    for line in lines:
        matrix = matrices.get(line.element)
        x, y = _number(line.element, "x") or 0.0, _number(line.element, "y") or 0.0
        line.width = sum(measure(part.text or "", font_of(part)) for part in line.element.iter())
        if matrix is None or matrix[1] != 0 or matrix[2] != 0 or matrix[0] <= 0 or matrix[3] <= 0:
            line.upright = False
            continue
        a, _, _, d, e, f = matrix
        line.left, line.right, line.baseline = a * x + e, a * (x + line.width) + e, d * y + f
    upright = [line for line in lines if line.upright]
    for line in upright:
        line.peers = [o for o in upright if o is not line]


def _anchor(line: _Line, width: float | None) -> None:
    """Anchor a lone piece where its layout is anchored (runs of pieces flow from their start)."""
    if line.pieces > 1:
        return
    if not line.upright:
        _set_anchor(line, "middle")  # a turned axis label: centred on its axis
        return
    siblings = [o for o in line.peers if o.parent is line.parent]
    anchor = _aligned(line, siblings)
    if anchor is None and any(abs(o.baseline - line.baseline) <= 0.01 for o in siblings):
        anchor = "middle"  # a row of labels on one baseline (tick labels under an axis)
    if anchor is None:
        anchor = _aligned(line, line.peers) or "start"  # a lone tick label beside another axis's column
    if width is not None and width - RIGHT_SIDE <= line.right <= width + TOUCH:
        # room runs out on the right: a wider font grows to the left (a line already past the side, a long
        # unbroken label cut there in the app too, keeps its anchor: anchored at its end, far outside the
        # figure, it started 75 px in or off the left in another font)
        anchor = "end"
    _set_anchor(line, anchor)


def _aligned(line: _Line, others: list[_Line]) -> str | None:
    """ "end" if more of ``others`` end where ``line`` ends than start where it starts (a column of
    labels aligned on their right, as tick labels left of an axis), "start" if fewer, None if none do."""
    ends = sum(abs(o.right - line.right) <= TOUCH < abs(o.left - line.left) for o in others)
    starts = sum(abs(o.left - line.left) <= TOUCH < abs(o.right - line.right) for o in others)
    if ends == starts == 0:
        return None
    return "end" if ends > starts else "start"


def _set_anchor(line: _Line, anchor: str) -> None:
    """Move the line's x to its end or middle (as Qt measured it) and anchor it there."""
    if anchor == "start":
        return
    x = _number(line.element, "x") or 0.0
    line.element.set("x", _format(x + (line.width if anchor == "end" else line.width / 2)))
    line.element.set("text-anchor", anchor)


def _format(value: float) -> str:
    return f"{value:.6g}"


def _view_width(root: ET.Element) -> float | None:
    parts = _VIEWBOX_SEPARATORS.split(root.get("viewBox", "").strip())
    try:
        return float(parts[2]) if len(parts) == 4 else None
    except ValueError:
        return None


def _name_families(root: ET.Element, family: Callable[[str], str]) -> None:
    for element in root.iter():
        name = element.get("font-family")
        if name is not None and "," not in name:
            element.set("font-family", f"{family(name)}, sans-serif")
