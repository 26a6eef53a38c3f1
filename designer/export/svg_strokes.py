"""Cosmetic strokes in an SVG made by Qt, baked into plain coordinates for every SVG renderer.

Plots draw with cosmetic pens (a line 2 px wide however the axes scale). Qt's SVG generator writes
such a line as a shape inside a group whose ``transform`` maps data to pixels, marked
``vector-effect="non-scaling-stroke"``. Renderers that ignore that attribute (librsvg before 2.56,
several editors) scale the stroke with the data: a curve over axes stretched 34 times vertically
became a band 68 px thick. Here each such group's matrix is applied to its shapes' coordinates and
dropped, so the stroke widths are pixels in every renderer. Pure Python (no Qt).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
NON_SCALING = "non-scaling-stroke"
_MATRIX = re.compile(r"^\s*matrix\(([^)]*)\)\s*$")
_PATH_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ABSOLUTE_PAIRS = set("MLCQST")  # commands whose numbers are all (x, y) pairs, in absolute coordinates

Matrix = tuple[float, float, float, float, float, float]


def bake_cosmetic_strokes(svg: str) -> str:
    """``svg`` with every group of non-scaling strokes drawn in pixel coordinates (unchanged if none)."""
    if NON_SCALING not in svg:
        return svg
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(svg)
    for group in root.iter(f"{{{SVG_NS}}}g"):
        _bake_group(group)
    header = svg[: svg.index("<svg")] if "<svg" in svg else ""
    return header + ET.tostring(root, encoding="unicode")


def _bake_group(group: ET.Element) -> None:
    """Apply the group's matrix to its shapes when every child is a shape with a cosmetic stroke."""
    matrix = _matrix(group.get("transform", ""))
    children = list(group)
    if matrix is None or not children or any(child.get("vector-effect") != NON_SCALING for child in children):
        return
    baked = [_baked(child, matrix) for child in children]
    if any(shape is None for shape in baked):
        return  # a shape we cannot rewrite exactly: the group stays as Qt wrote it
    for old, new in zip(children, baked, strict=True):
        group.remove(old)
        group.append(new)
    del group.attrib["transform"]


def _matrix(text: str) -> Matrix | None:
    found = _MATRIX.match(text)
    if not found:
        return None
    try:
        values = tuple(float(v) for v in found.group(1).replace(",", " ").split())
    except ValueError:
        return None
    return values if len(values) == 6 else None  # type: ignore[return-value]


def _apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def _number(value: float) -> str:
    return f"{value:.6g}"


def _baked(shape: ET.Element, matrix: Matrix) -> ET.Element | None:
    """A copy of ``shape`` in the group's outer coordinates, without the vector-effect (None: unknown)."""
    kind = shape.tag.rsplit("}", 1)[-1]
    rewrite = {"path": _path, "polyline": _points, "polygon": _points, "rect": _rect, "line": _line}.get(kind)
    if rewrite is None:
        return None
    new = ET.Element(shape.tag, {k: v for k, v in shape.attrib.items() if k != "vector-effect"})
    new.text, new.tail = shape.text, shape.tail
    return new if rewrite(shape, new, matrix) else None


def _path(shape: ET.Element, new: ET.Element, matrix: Matrix) -> bool:
    tokens = _PATH_TOKEN.findall(shape.get("d", ""))
    out: list[str] = []
    pending: list[float] = []
    for token in tokens:
        if token.isalpha():
            if pending or (token.upper() != "Z" and token not in _ABSOLUTE_PAIRS):
                return False  # relative commands, arcs, H/V: not what Qt writes
            out.append(token)
            continue
        pending.append(float(token))
        if len(pending) == 2:
            x, y = _apply(matrix, *pending)
            out.append(f"{_number(x)},{_number(y)}")
            pending = []
    if pending:
        return False
    new.set("d", " ".join(out))
    return True


def _points(shape: ET.Element, new: ET.Element, matrix: Matrix) -> bool:
    values = shape.get("points", "").replace(",", " ").split()
    if len(values) % 2:
        return False
    try:
        numbers = [float(v) for v in values]
    except ValueError:
        return False
    pairs = (_apply(matrix, numbers[i], numbers[i + 1]) for i in range(0, len(numbers), 2))
    new.set("points", " ".join(f"{_number(x)},{_number(y)}" for x, y in pairs))
    return True


def _rect(shape: ET.Element, new: ET.Element, matrix: Matrix) -> bool:
    """A rectangle stays one under scaling and translation; turned or skewed it becomes a polygon."""
    try:
        x, y = float(shape.get("x", "0")), float(shape.get("y", "0"))
        width, height = float(shape.get("width", "0")), float(shape.get("height", "0"))
    except ValueError:
        return False
    if shape.get("rx") or shape.get("ry"):
        return False
    corners = [_apply(matrix, px, py) for px, py in ((x, y), (x + width, y), (x + width, y + height), (x, y + height))]
    a, b, c, d, _, _ = matrix
    if b == 0 and c == 0:
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        for key, value in (("x", min(xs)), ("y", min(ys)), ("width", max(xs) - min(xs)), ("height", max(ys) - min(ys))):
            new.set(key, _number(value))
        return True
    new.tag = new.tag.replace("rect", "polygon")
    for key in ("x", "y", "width", "height"):
        new.attrib.pop(key, None)
    new.set("points", " ".join(f"{_number(px)},{_number(py)}" for px, py in corners))
    return True


def _line(shape: ET.Element, new: ET.Element, matrix: Matrix) -> bool:
    try:
        x1, y1 = _apply(matrix, float(shape.get("x1", "0")), float(shape.get("y1", "0")))
        x2, y2 = _apply(matrix, float(shape.get("x2", "0")), float(shape.get("y2", "0")))
    except ValueError:
        return False
    for key, value in (("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2)):
        new.set(key, _number(value))
    return True
