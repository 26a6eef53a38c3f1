"""Text boxes on the canvas, laid out together so that none covers another or a node.

Weight labels (the connection layer), probe values and forward-walk values (the probe overlay) and
the backward pass's factors (the gradient overlay) do not paint their boxes themselves: they hand
:class:`LabelLayer` a list of :class:`LabelRequest` (the text and the places it may go, best
first), and the layer places them all at once, greedily: the hovered or selected neuron's boxes
and the hovered line's label first, then by rank (the outputs' values, other values at nodes,
factors, weights). A box goes to its first place that overlaps no node (body, port, name, map)
and no box placed before it; a box with a shorter form (``short``, then ``narrow``) tries that at every place
next; a box with no free place is left out (hover the neuron or the line to bring its own boxes
first). Dense networks so stay readable instead of drowning in text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from designer.ui.canvas.area import NetworkArea
from designer.ui.canvas.picture_cache import PictureCache
from designer.ui.canvas.text import draw_text, is_svg

if TYPE_CHECKING:
    from designer.ui.canvas.scene import NetworkScene

Box = tuple[float, float, float, float]  # x0, y0, x1, y1
CELL = 64.0  # scene units per cell of the collision grid
OBSTACLE_PAD = 3.0  # kept free around nodes (rings and selection outlines are drawn there), times the scale
MARGIN = 240.0  # how far beyond the nodes boxes may go (the item's bounds)

# ranks: lower is placed first (an output's value is what the network computes: before the rest)
HOVERED, OUTPUT_VALUE, NODE_VALUE, FACTOR, WEIGHT = 0, 1, 2, 3, 4


@dataclass
class LabelRequest:
    """One text box and where it may go: ``anchors`` in order of preference (scene coordinates).

    ``align`` says which point of the box an anchor is (see :func:`box_at`); a list gives each
    anchor its own.
    """

    kind: str
    lines: list[str]
    anchors: list[QPointF]
    font: QFont
    color: QColor
    rank: int = WEIGHT
    owners: tuple[str, ...] = ()  # node ids the box belongs to (their hover or selection puts it first)
    align: str | list[str] = "center"
    border: QColor | None = None
    background_alpha: int = 235
    padding: float = 4.0  # horizontal padding on each side; vertical is half of it
    key: object = None  # what the box labels (a connection key, a node id), for tests
    #: fewer lines to show where the whole box fits nowhere (the third output's three-line probe box
    #: in a fitted canvas was left out; its one line of what the network outputs fits)
    short: list[str] | None = None
    #: the same text in still narrower lines, tried after ``short`` (the backward pass's factors between
    #: two columns: a line's two-line box was wider than the gap when a factor had a sign)
    narrow: list[str] | None = None


@dataclass
class PlacedLabel:
    request: LabelRequest
    rect: QRectF
    lines: list[str] = field(default_factory=list)  # what is shown: the request's lines or its short ones

    def __post_init__(self) -> None:
        self.lines = self.lines or self.request.lines


@dataclass
class Layout:
    placed: list[PlacedLabel] = field(default_factory=list)
    left_out: list[LabelRequest] = field(default_factory=list)


class CollisionGrid:
    """Axis-aligned boxes in a uniform grid, so a test looks only at the boxes nearby."""

    def __init__(self, cell: float = CELL) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[Box]] = {}

    def _keys(self, box: Box):
        c = self.cell
        for i in range(int(box[0] // c), int(box[2] // c) + 1):
            for j in range(int(box[1] // c), int(box[3] // c) + 1):
                yield i, j

    def add(self, box: Box) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(box)

    def hits(self, box: Box) -> bool:
        x0, y0, x1, y1 = box
        for key in self._keys(box):
            for a0, b0, a1, b1 in self.cells.get(key, ()):
                if x0 < a1 and a0 < x1 and y0 < b1 and b0 < y1:
                    return True
        return False


def place(
    candidates: list[list[Box]], obstacles: list[Box], frame: Box | None = None, known: list[int | None] = ()
) -> list[int | None]:
    """For each box (in the given order) the index of its first candidate free of obstacles and of
    the boxes placed before it (and inside ``frame``, if given), or None. ``known``: the answer for the
    first boxes, found before for the same candidates (a box's place depends only on those before it)."""
    grid = CollisionGrid()
    for box in obstacles:
        grid.add(box)
    chosen: list[int | None] = list(known)
    for options, pick in zip(candidates, known, strict=False):
        if pick is not None:
            grid.add(options[pick])
    for options in candidates[len(chosen) :]:
        pick = None
        for j, box in enumerate(options):
            outside = frame is not None and (
                box[0] < frame[0] or box[1] < frame[1] or box[2] > frame[2] or box[3] > frame[3]
            )
            if not outside and not grid.hits(box):
                pick = j
                grid.add(box)
                break
        chosen.append(pick)
    return chosen


def box_at(anchor: QPointF, width: float, height: float, align: str) -> Box:
    """The box for an anchor: "center", "left"/"right" (the middle of that edge), "below"/"above"
    (the middle of the top/bottom edge: the box hangs below or stands above the anchor)."""
    left = anchor.x() - {"right": width, "left": 0.0}.get(align, width / 2)
    top = anchor.y() - {"below": 0.0, "above": height}.get(align, height / 2)
    return (left, top, left + width, top + height)


def node_box_anchors(
    center: QPointF, radius: float, footprint: QRectF, gap: float, top: float | None = None, first: str = "right"
) -> tuple[list[QPointF], list[str]]:
    """Places for a box of values beside a node (``footprint``: its body, port and name, in scene
    coordinates; ``top``: the top of what is drawn above it, its map): on the ``first`` side of it
    (low, high), on the other side, on both sides at its lower edge, then below and above it, ``gap``
    away. See :func:`line_free_side` for the side to try first."""
    low, high = center.y() + 0.62 * radius, center.y() - 0.62 * radius
    right, left = footprint.right() + gap, footprint.left() - gap
    lower = footprint.bottom()
    sides = [(right, "left"), (left, "right")]  # (anchor x, which point of the box it is)
    if first == "left":
        sides.reverse()
    anchors, aligns = [], []
    for y in ("beside", "lower"):
        for x, align in sides:
            ys = [low, high] if y == "beside" else [lower]
            anchors += [QPointF(x, v) for v in ys]
            aligns += [align] * len(ys)
    above = min(footprint.top(), top if top is not None else footprint.top())
    anchors += [QPointF(center.x(), footprint.bottom() + gap), QPointF(center.x(), above - gap)]
    return anchors, [*aligns, "below", "above"]


def line_free_side(has_incoming: bool, has_outgoing: bool) -> str:
    """The side of a node to put its boxes first: where no line is. Lines come in on the left and
    leave on the right, so an input's boxes go left (right of it they hid the weights on its lines)
    and an output's right."""
    return "left" if has_outgoing and not has_incoming else "right"


def _same_objects(before: list[LabelRequest], now: list[LabelRequest]) -> bool:
    return len(before) == len(now) and all(a is b for a, b in zip(before, now, strict=True))


def to_rect(box: Box) -> QRectF:
    return QRectF(box[0], box[1], box[2] - box[0], box[3] - box[1])


def _forms(r: LabelRequest) -> list[list[str]]:
    """The box's lines, then its short and narrow forms if it has them."""
    return [r.lines, *(form for form in (r.short, r.narrow) if form)]


def _boxes(r: LabelRequest, lines: list[str]) -> list[Box]:
    """The box of ``lines`` at each of the request's anchors."""
    metrics = QFontMetricsF(r.font)
    width = max(metrics.horizontalAdvance(t) for t in lines) + 2 * r.padding
    height = metrics.height() * len(lines) + r.padding
    aligns = [r.align] * len(r.anchors) if isinstance(r.align, str) else r.align
    return [box_at(a, width, height, al) for a, al in zip(r.anchors, aligns, strict=True)]


class CachedRequests:
    """A provider's boxes, made again only when what they show changes. The canvas repaints at every
    training frame (the weights' colours move), and a pinned probe's boxes at 131 neurons were written and
    placed again each time (19 ms of a 2-64-64-1 frame, 60 times a second), where their values change
    only on the frames that update the views."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._held: tuple = ()  # the objects whose ids are in the key (kept alive: an id is not reused)
        self.requests: list[LabelRequest] = []
        self.made = 0  # how often they were made (tests count it)

    def get(self, key: tuple, held: tuple, make: Callable[[], list[LabelRequest]]) -> list[LabelRequest]:
        if key != self._key:
            self.requests = make()
            self._key, self._held = key, held
            self.made += 1
        return self.requests


def node_geometry(scene: NetworkScene) -> tuple:
    """Where every node and its name are (a box beside a node follows them)."""
    return tuple((n, item.sceneBoundingRect().getCoords()) for n, item in scene.node_items.items())


class LabelLayer(NetworkArea):
    """Draws every text box on the canvas, above the nodes, where :func:`place` puts it."""

    def __init__(self, scene: NetworkScene) -> None:
        super().__init__(scene, 15, MARGIN)
        self._scene = scene
        self.providers: list[Callable[[], list[LabelRequest]]] = []
        self.obstacle_providers: list[Callable[[], list[QRectF]]] = []
        self.keep_clear_providers: list[Callable[[], list[QRectF]]] = []
        #: boxes must lie inside this scene rectangle (presentation: what the screen shows), if set
        self.frame: QRectF | None = None
        #: what the last paint drew: the boxes (tests check that none overlaps another or a node)
        self.last: Layout = Layout()
        #: free space kept between any two boxes, in lines of their text (half of it around each; nodes and
        #: the frame keep no such distance): presentation, where boxes that touched read as one block of
        #: numbers from the back of the room
        self.spacing = 0.0
        #: the last layout and what it was made from (the same request objects and surroundings: the same boxes)
        self._made_from: tuple[list[LabelRequest], tuple] | None = None
        self._made: Layout = Layout()
        self.placements = 0  # how often boxes were placed (tests count it)
        self._asked: tuple | None = None  # the last search's candidates, obstacles and frame, and its answer
        self._chosen: list[int | None] = []
        #: the boxes as last drawn, in the view's pixels: put on the screen again while they stay the same
        self.picture = PictureCache()
        self._painted: Layout | None = None
        #: called with each painted layout (the backward walk names the factor boxes left out)
        self.laid_out: list[Callable[[Layout], None]] = []

    def add_provider(self, provider: Callable[[], list[LabelRequest]]) -> None:
        self.providers.append(provider)
        self.update()

    def add_obstacles(self, provider: Callable[[], list[QRectF]]) -> None:
        """More areas no box may cover (e.g. the neuron maps above the nodes)."""
        self.obstacle_providers.append(provider)
        self.update()

    def add_keep_clear(self, provider: Callable[[], list[QRectF]]) -> None:
        """Areas no box may cover that are no part of the network's extent (obstacles are: fits and captions
        use them): presentation's number badges, whose size follows the zoom, so that a fit that counted
        them would not give the same zoom twice."""
        self.keep_clear_providers.append(provider)
        self.update()

    # ------------------------------------------------------------- geometry
    def obstacles(self) -> list[QRectF]:
        """Nodes (body, port, name) and what overlays draw at them: no box covers these."""
        pad = OBSTACLE_PAD * self._scene.theme.scale
        rects = [item.sceneBoundingRect().adjusted(-pad, -pad, pad, pad) for item in self._scene.node_items.values()]
        for provider in self.obstacle_providers:
            rects += provider()
        return rects

    def focus(self) -> set[str]:
        """Node ids whose boxes go first: hovered or selected neurons, the ends of hovered/selected lines."""
        scene = self._scene
        ids = {n for n, item in scene.node_items.items() if item.hovered or item.isSelected()}
        hovered = scene.connections.hovered
        for key in [*scene.selected_connections, *([hovered] if hovered else [])]:
            ids.update(key)
        ids.update(scene.focus_nodes)
        return ids

    def hovering(self) -> bool:
        """The mouse is over a node or a line: its boxes go first for now, pushing others out."""
        scene = self._scene
        return scene.connections.hovered is not None or any(item.hovered for item in scene.node_items.values())

    def layout(self) -> Layout:
        """Where every requested box goes now (also used by exports, to include them in the figure)."""
        requests = [r for provider in self.providers for r in provider()]
        if not requests:
            return Layout()
        focus = self.focus()
        kept = [rect for provider in self.keep_clear_providers for rect in provider()]
        found = [*self.obstacles(), *kept]
        frame = self.frame
        around = (
            frozenset(focus),
            tuple(o.getCoords() for o in found),
            frame.getCoords() if frame is not None else None,
            self.spacing,
        )
        made = self._made_from
        if made is not None and made[1] == around and _same_objects(made[0], requests):
            return self._made
        self._made = self._place(requests, focus, found, frame)
        self._made_from = (requests, around)
        return self._made

    def _place(
        self, requests: list[LabelRequest], focus: set[str], found: list[QRectF], frame: QRectF | None
    ) -> Layout:
        self.placements += 1
        order = sorted(
            range(len(requests)),
            key=lambda i: (0 if focus.intersection(requests[i].owners) else 1, requests[i].rank, i),
        )
        candidates, pads = [], []
        for i in order:
            r = requests[i]
            pad = self.spacing * QFontMetricsF(r.font).height() / 2
            boxes = [box for lines in _forms(r) for box in _boxes(r, lines)]
            candidates.append([(x0 - pad, y0 - pad, x1 + pad, y1 + pad) for x0, y0, x1, y1 in boxes])
            pads.append(pad)
        grow = max(pads, default=0.0)  # the spacing is between boxes: nodes and the frame keep their distance
        obstacles = [(o.left() + grow, o.top() + grow, o.right() - grow, o.bottom() - grow) for o in found]
        bounds = None
        if frame is not None:
            bounds = (frame.left() - grow, frame.top() - grow, frame.right() + grow, frame.bottom() + grow)
        chosen = self._picks(candidates, obstacles, bounds)
        result = Layout()
        for k, (i, pick) in enumerate(zip(order, chosen, strict=True)):
            if pick is None:
                result.left_out.append(requests[i])
            else:
                r = requests[i]
                lines = _forms(r)[pick // len(r.anchors)]
                pad = pads[k]
                result.placed.append(PlacedLabel(r, to_rect(candidates[k][pick]).adjusted(pad, pad, -pad, -pad), lines))
        return result

    def _picks(self, candidates: list[list[Box]], obstacles: list[Box], bounds: Box | None) -> list[int | None]:
        """:func:`place`'s answer, searched again only from the first box whose places changed: during a run
        the numbers change on the frames that update the views, and a box changes its places only where its
        number changes its width; every box (88 weights presented, most finding no room) searched again."""
        before, same = self._asked, 0
        if before is not None and before[1:] == (obstacles, bounds):
            old = before[0]
            while same < min(len(old), len(candidates)) and old[same] == candidates[same]:
                same += 1
        if before is None or same < len(candidates) or len(before[0]) != len(candidates):
            self._chosen = place(candidates, obstacles, bounds, self._chosen[:same])
        self._asked = (candidates, obstacles, bounds)
        return self._chosen

    def extent(self) -> QRectF:
        """The area the boxes take where nothing but nodes and other boxes limits them (a fit or a
        figure makes room for all of them; empty when there are none)."""
        frame, self.frame = self.frame, None
        try:
            layout = self.layout()
        finally:
            self.frame = frame
        rect = QRectF()
        for placed in layout.placed:
            rect = rect.united(placed.rect)
        return rect

    # ---------------------------------------------------------------- paint
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        layout = self.last = self.layout()
        for listener in self.laid_out:
            listener(layout)
        if not layout.placed:
            return
        if widget is None or is_svg(painter):  # a figure (scene.render): drawn, never a picture of the screen
            self._draw(painter, layout)
            return
        theme = self._scene.theme
        key = (id(layout), id(theme), theme.background)  # the layout is made again when any box changes
        self._painted = layout  # (kept alive: its id is in the key)
        self.picture.paint(painter, widget, key, partial(self._drawn_area, layout), partial(self._draw, layout=layout))

    @staticmethod
    def _drawn_area(layout: Layout) -> QRectF:
        rect = QRectF()
        for placed in layout.placed:
            rect = rect.united(placed.rect)
        return rect

    def _draw(self, painter: QPainter, layout: Layout) -> None:
        """Every placed box: its background, border and text."""
        theme = self._scene.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for placed in layout.placed:
            r, box = placed.request, placed.rect
            background = QColor(theme.background)
            background.setAlpha(r.background_alpha)
            painter.setPen(QPen(r.border, 1.0) if r.border is not None else Qt.PenStyle.NoPen)
            painter.setBrush(background)
            painter.drawRoundedRect(box, 4, 4)
            painter.setPen(r.color)
            painter.setFont(r.font)
            draw_text(painter, box, Qt.AlignmentFlag.AlignCenter, "\n".join(placed.lines))
