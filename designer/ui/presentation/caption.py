"""The presentation's message caption (walk levels, hints, the learning rate, the key help…) and where
on the stage it may go.

Two kinds of things are kept from it: text a reader is reading (a lesson step's text, the Math or
code panel, every view on the stage beside the canvas) is never covered, the canvas's gradient legend
only briefly where every other place is over a neuron; the network on the canvas (nodes, maps, value
and weight boxes) and the focus card are covered only when no free place is left, and then briefly,
a neuron only where every place covers one. Where the canvas pane has no place clear of the neurons
and the legend, a plot beside the canvas (the region view, the curves) is covered instead, never
text being read: at 1366×768 the key help covered the lesson's whole network, and D's legend lay
under the scrolling hint.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

CAPTION_MS = 12_000
CORNER_MS = 4_000  # a brief message with no free place shows this long (over the network)
#: widths tried in the canvas pane, as shares of its width: wide and low first, then narrower and taller
SHARES = (0.92, 0.7, 0.5)
CORNER_SHARE = 0.45
#: a corner's widths tried, narrower and taller last (a narrow column beside the network may be free)
CORNER_SHARES = (CORNER_SHARE, 0.35, 0.28)
#: a message asked for with no free place is at least this share of the widest place it may take
READABLE_SHARE = 0.6
#: the key help's text, where every place at its size covers a neuron, shrinks by this factor a try …
SHRINK = 0.85
#: … down to the text size at 1× (``config.text_px(1)``): readable from the presenter's place and the front
ASKED_MIN_PX = 24


def _overlap(rect: QRect, others: list[QRect]) -> int:
    return sum(rect.intersected(o).width() * rect.intersected(o).height() for o in others if rect.intersects(o))


def _hits(rect: QRect, others: list[QRect]) -> bool:
    return any(rect.intersects(o) for o in others)


def _plot(widget: QWidget) -> bool:
    """Whether ``widget`` is or holds a plot. pyqtgraph is not imported for this: the window paints
    before it loads (tests/ui/test_startup.py), and until it is loaded there is no plot."""
    pg = sys.modules.get("pyqtgraph")
    if pg is None:
        return False
    return isinstance(widget, pg.GraphicsView) or bool(widget.findChildren(pg.GraphicsView))


class Caption(QLabel):
    """Messages for the audience on the stage.

    It goes where it covers nothing (``keep_clear``: text being read, never covered; ``obstacles``:
    the nodes and boxes on the canvas): the bottom of the stage, else the bottom or the top of the
    canvas pane at a few widths, else a corner of the pane. With no free place it goes where it
    covers least of the value boxes, else over the canvas's legend (``rather_than_nodes``), over a
    neuron only where every place covers one, never over ``keep_clear``; then (it covers something)
    it shows at most :data:`CORNER_MS`, unless it was asked to stay (a hint, timeout 0). Where only a
    neuron or the legend is left on the canvas, it goes over a plot beside it (``side_views``). Placed again
    with only a neuron or the legend left, it hides. A message the presenter asked for (the key help,
    ``asked``) is neither brief nor hidden when placed again, and where every place covers a neuron it
    takes a wide one: on a tall network, scrolled, F5's help went at once and the scrolling hint took
    its place, and ? showed it 4 s as a column 171 px wide. Where every place at its size covers a
    neuron, its text shrinks (down to :data:`ASKED_MIN_PX`) until one leaves the network in view.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("presentationCaption")
        self.setTextFormat(Qt.TextFormat.PlainText)  # status messages quote ids and labels from files
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAutoFillBackground(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self._pad = 4
        self._colours = ("", "", "")
        self._px = self._shown_px = 0  # the style's text size; the size shown (the key help may be smaller)
        #: areas of the stage (its coordinates) the caption should leave free: covered only briefly
        self.obstacles: Callable[[], list[QRect]] = list
        #: the neurons among the obstacles: with no free place it covers a value box rather than a neuron
        self.nodes: Callable[[], list[QRect]] = list
        #: areas of the stage it never covers (text being read)
        self.keep_clear: Callable[[], list[QRect]] = list
        #: text being read that it covers, briefly, rather than a neuron (the canvas's legend: on a low
        #: stage the walk's legend and the network left no other place, and captions went over y)
        self.rather_than_nodes: Callable[[], list[QRect]] = list
        #: where free space may be found besides the whole stage: the canvas pane, when shown
        self.areas: Callable[[], list[QRect]] = list
        #: the plots beside the canvas (among ``keep_clear``): covered rather than a neuron or the legend
        self.side_views: Callable[[], list[QRect]] = list
        #: no free place: it covers part of the network (or, with no canvas shown, the stage's corner)
        self.in_corner = False
        #: the message on show was asked for (? / F1): it is neither brief nor hidden when placed again
        self.asked = False
        self.hide()

    def show_text(self, text: str, timeout_ms: int = CAPTION_MS, asked: bool = False) -> None:
        """Show ``text`` (hide after ``timeout_ms``; 0: until the next message; ``asked``: see the class)."""
        text = text.strip()
        if not text:
            self.hide()
            return
        self.asked = asked
        self.setText(text)
        self.place(fresh=True)
        self.show()
        self.raise_()
        if timeout_ms:
            self._timer.start(timeout_ms)
        else:
            self._timer.stop()
        self._brief_in_corner()

    def _brief_in_corner(self) -> None:
        """A timed message without a free place covers the network or a plot: it goes after CORNER_MS."""
        if self.in_corner and not self.asked and self._timer.isActive() and self._timer.interval() > CORNER_MS:
            self._timer.start(CORNER_MS)

    def _fitted(self, area: QRect, share: float, bottom: bool, side: str = "centre") -> QRect:
        """The caption's rectangle at the bottom (or top) of ``area`` (centred, or at its left or right
        edge), at most ``share`` of its width."""
        metrics = self.fontMetrics()
        pad = 2 * self._pad + 8
        width = min(int(area.width() * share), metrics.horizontalAdvance(self.text()) + pad)
        lines = metrics.boundingRect(0, 0, width - pad, 10_000, Qt.TextFlag.TextWordWrap, self.text()).height()
        height = lines + pad
        margin = metrics.height() // 2
        x = {
            "left": area.left() + margin,
            "right": area.right() - width - margin + 1,
        }.get(side, area.left() + (area.width() - width) // 2)
        y = area.bottom() - height - margin + 1 if bottom else area.top() + margin
        return QRect(x, y, width, height)

    def options(self) -> list[QRect]:
        """Places to try, best first."""
        return [self._fitted(self.parentWidget().rect(), 0.8, bottom=True), *self._within(self.areas())]

    def _within(self, areas: list[QRect]) -> list[QRect]:
        """Places in each of ``areas``: wide at its bottom or top, then in its corners."""
        options = []
        for area in areas:
            for share in SHARES:
                options += [self._fitted(area, share, bottom=True), self._fitted(area, share, bottom=False)]
            for share in CORNER_SHARES:
                for bottom in (True, False):
                    options += [self._fitted(area, share, bottom, side) for side in ("left", "right")]
        return options

    def _over_side_views(self, clear: list[QRect], avoid: list[QRect]) -> list[QRect]:
        """Places over the views beside the canvas that cover none of ``avoid`` (the neurons, the legend)
        nor what else is kept clear (the lesson's text, the focus card)."""
        sides = self.side_views()
        never = [r for r in clear if r not in sides]
        stage = self.parentWidget().rect()
        areas = sides + self._widened(sides, avoid)
        return [r for r in self._within(areas) if stage.contains(r) and not _hits(r, never + avoid)]

    def _widened(self, sides: list[QRect], avoid: list[QRect]) -> list[QRect]:
        """Each view right of the canvas widened over the canvas's free part beside it, up to what is
        avoided there: the key help over a region view the stage gives only its map's width was a column
        of words."""
        widened = []
        for side, canvas in ((side, canvas) for side in sides for canvas in self.areas()):
            if side.left() < canvas.right() or side.top() > canvas.bottom() or side.bottom() < canvas.top():
                continue
            band = QRect(canvas.left(), side.top(), side.left() - canvas.left(), side.height())
            edge = max((r.right() for r in avoid if r.intersects(band)), default=canvas.left())
            left = edge + self.fontMetrics().height() // 2
            if left < side.left():
                widened.append(QRect(QPoint(left, side.top()), side.bottomRight()))
        return widened

    def place(self, fresh: bool = False) -> None:
        """Into free space (see the class docstring). Placed again (``fresh`` False: the network moved, the
        walk's legend grew) where only a neuron or the legend is left, it goes: it was read already."""
        self._set_px(self._px)  # full size, unless the key help needs less (below)
        chosen = self._choose(fresh)
        if chosen is None:
            self.hide()
            return
        if self.asked:
            chosen = self._smaller_off_the_network(chosen, fresh)
        self.setFixedSize(chosen.size())
        self.move(chosen.topLeft())
        if self.isVisible():  # placed again (the network moved or grew): it may have lost its free place
            self._brief_in_corner()

    def _smaller_off_the_network(self, chosen: QRect, fresh: bool) -> QRect:
        """The key help where every place at its size covers a neuron (3× on a laptop: it covered the
        network whole, past the stage's bottom): smaller text, down to the 1× size, until a place leaves
        the network in view, else where the smallest covers least."""
        px = self._px
        while _hits(chosen, self.nodes()) and px > ASKED_MIN_PX:
            px = max(ASKED_MIN_PX, round(px * SHRINK))
            self._set_px(px)
            chosen = self._choose(fresh) or chosen
        return chosen

    def _choose(self, fresh: bool) -> QRect | None:
        """Where the caption goes at its text size now (None: it goes, see :meth:`place`)."""
        stage = self.parentWidget().rect()
        clear, taken, legend = self.keep_clear(), self.obstacles(), self.rather_than_nodes()
        options = [r for r in self.options() if stage.contains(r) and not _hits(r, clear) and self._lines(r)]
        allowed = [r for r in options if not _hits(r, legend)]
        free = [r for r in allowed if not _hits(r, taken)]
        self.in_corner = not free
        nodes = self.nodes() if not free else []
        clear_of_nodes = [r for r in allowed if not _hits(r, nodes)]
        over_legend = [r for r in options if not _hits(r, nodes)]
        beside = [] if free or clear_of_nodes else self._over_side_views(clear, self.nodes() + legend)
        if free:
            chosen = free[0]
        elif clear_of_nodes:  # over value boxes where it covers least of them
            chosen = min(clear_of_nodes, key=lambda r: _overlap(r, taken))
        elif beside:  # over a plot, the network and the legend left in view
            chosen = self._readable(beside, taken) if self.asked else beside[0]
        elif not fresh and self.isVisible() and not self.asked:
            return None
        elif over_legend:  # briefly over the legend rather than a neuron
            chosen = min(over_legend, key=lambda r: _overlap(r, taken + legend))
        elif allowed and self.asked:  # every place covers a neuron: readable, covering least there
            chosen = self._readable(allowed, taken)
        elif allowed:  # every place covers a neuron: where it covers least of the network
            chosen = min(allowed, key=lambda r: _overlap(r, taken))
        else:
            corner = self._fitted(stage, CORNER_SHARE, bottom=False)
            chosen = QRect(QPoint(self.fontMetrics().height() // 2, corner.top()), corner.size())
        return chosen

    def _lines(self, rect: QRect) -> bool:
        """Whether the caption at ``rect`` reads as lines: the key help asked for, in a free strip beside a
        tall network fitted with its badges, was a column of words 171 px wide and 638 px high."""
        return not self.asked or rect.width() >= rect.height()

    @staticmethod
    def _readable(allowed: list[QRect], taken: list[QRect]) -> QRect:
        """Where a message asked for goes when every place covers a neuron: a wide place (lines to read;
        the least overlap was a column of one or two words a line), covering least of the network."""
        widest = max(r.width() for r in allowed)
        wide = [r for r in allowed if r.width() >= READABLE_SHARE * widest]
        return min(wide, key=lambda r: (_overlap(r, taken), -r.width()))

    def set_style(self, background: str, text: str, border: str, px: int) -> None:
        """Colours and the text size (in the style sheet: setting a style sheet again resets a font set apart)."""
        self._colours = (background, text, border)
        self._px = px
        self._shown_px = 0
        self._set_px(px)
        if self.isVisible():
            self.place()

    def _set_px(self, px: int) -> None:
        """The text at ``px`` (the style's size, or the key help's smaller one), in the style's colours."""
        if px == self._shown_px or not px:
            return
        self._shown_px = px
        background, text, border = self._colours
        pad = self._pad = max(4, round(px * 1.2) // 4)
        self.setStyleSheet(
            f"QLabel#presentationCaption {{ font-size: {px}px; background: {background}; color: {text}; "
            f"border: 2px solid {border}; border-radius: 8px; padding: {pad}px; }}"
        )


class CaptionRoom:
    """What a presentation's caption keeps clear of and where it looks for room, in the stage's coordinates."""

    def __init__(self, presentation) -> None:
        self.presentation = presentation

    def attach(self, caption: Caption) -> None:
        caption.obstacles = self.obstacles
        caption.keep_clear = self.keep_clear
        caption.nodes = self.nodes
        caption.areas = self.areas
        caption.rather_than_nodes = self.legend
        caption.side_views = self.side_views

    def obstacles(self) -> list[QRect]:
        """Nodes, maps, number badges and text boxes on the canvas, and the focus card over it."""
        p = self.presentation
        stage, view = p.stage, p.window.view
        rects = []
        if view.isVisible():
            port = view.viewport()
            scene = p.window.scene
            boxes = (placed.rect for placed in scene.labels.last.placed)
            for area in [*scene.labels.obstacles(), *p.badge_rects(), *boxes]:
                box = view.mapFromScene(area).boundingRect()
                rects.append(QRect(port.mapTo(stage, box.topLeft()), box.size()))
        return rects + self._card()

    def _card(self) -> list[QRect]:
        """The focus card as painted (its widget spans the whole dimmed canvas), in the stage's coordinates."""
        p = self.presentation
        if p.card is None or not p.card.isVisible():
            return []
        card = p.card.drawn_card().toAlignedRect()
        return [QRect(p.card.mapTo(p.stage, card.topLeft()), card.size())]

    def nodes(self) -> list[QRect]:
        """The neurons on the canvas (in the stage's coordinates)."""
        p = self.presentation
        view = p.window.view
        if not view.isVisible():
            return []
        at = view.viewport().mapTo(p.stage, QPoint(0, 0))
        items = p.window.scene.node_items.values()
        return [view.mapFromScene(item.sceneBoundingRect()).boundingRect().translated(at) for item in items]

    def keep_clear(self) -> list[QRect]:
        """Text being read: the lesson step's text, every view on the stage but the canvas (the region
        view with its title, axes and legend, the Math panel, the curves…), the panel, the focus card (the
        gradient legend: see :meth:`legend`)."""
        p = self.presentation
        stage = p.stage
        widgets = [stage.lesson_text, stage.panel, p.live.region, *stage.views()]
        return [
            QRect(w.mapTo(stage, QPoint(0, 0)), w.size())
            for w in widgets
            if w is not None and w is not p.window.view and w.isVisible()
        ] + self._card()  # the focus card's formula is being read: never covered (it sat on it at 1280×720)

    def side_views(self) -> list[QRect]:
        """The plots beside the canvas (the region view, the curves…): a caption with no place on the
        canvas covers one of them rather than the network. Views of text (the Math panel, an exercise)
        are being read: never covered."""
        p = self.presentation
        stage = p.stage
        widgets = {id(w): w for w in [p.live.region, *stage.views()] if w is not None}.values()
        return [
            QRect(w.mapTo(stage, QPoint(0, 0)), w.size())
            for w in widgets
            if w is not p.window.view and w.isVisible() and _plot(w)
        ]

    def legend(self) -> list[QRect]:
        """The gradient legend on the canvas (kept clear but where the only other place is over a neuron)."""
        p = self.presentation
        legend = p.live.gradients.legend
        return [QRect(legend.mapTo(p.stage, QPoint(0, 0)), legend.size())] if legend.isVisible() else []

    def areas(self) -> list[QRect]:
        """The canvas pane, where free space around a fitted network usually is."""
        p = self.presentation
        view = p.window.view
        if p.stage is None or not view.isVisible():
            return []
        return [QRect(view.mapTo(p.stage, QPoint(0, 0)), view.size())]
