"""The canvas's camera: zoom, fit the network into view, and keep it fitted as the view resizes.

Kept apart from the gestures in ``view.py``: how much of the network the view shows, and where,
is one job (the presentation stage drives it too, with its own margins and zoom limits); what a
click or a key does to the model is another. :class:`~designer.ui.canvas.view.CanvasView` builds
on this view.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QGraphicsView, QStyle

from designer.ui.canvas.scene import NetworkScene
from designer.ui.canvas.scroll_range import scroll_range

MIN_ZOOM, MAX_ZOOM = 0.1, 6.0  # the zoom-out and zoom-in limits
NODE_FIT_PX = 8  # screen pixels around the nodes a fit below its readable floor keeps
FEW_NODES = 12  # networks of at most this many nodes are fitted whole, whatever :attr:`min_node_px` says
#: fits with the margins at the zoom the one before gave (the boxes' text keeps its size on screen, so the
#: margins in the scene grow as the zoom falls)
MARGIN_ROUNDS = 2
FIT_MARGIN = 40.0  # scene units a fit leaves around the content, and how far beyond it the view scrolls
KEEP_PX = 40  # screen pixels kept between a node a key selected or moved and the view's edge


def margined(rect: QRectF) -> QRectF:
    return rect.adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN)


class ZoomingView(QGraphicsView):
    """A view of a :class:`NetworkScene` that zooms, fits its content and frames its text boxes."""

    zoomed = Signal(float)  # the new zoom factor, after zoom(), zoom_to_fit() and zoom_reset()

    def __init__(self, scene: NetworkScene) -> None:
        super().__init__(scene)
        self._scene = scene
        self.max_fit_zoom = 2.0  # zoom_to_fit enlarges small networks up to this (presentation: more)
        self.fit_margin_px = 0.0  # zoom_to_fit leaves this much screen around the network (presentation)
        #: the scene width, at a zoom, of the widest box that comes and goes centred under or over a node
        #: (presentation: a neuron's values): the fit leaves room for it beside the outermost nodes too
        self.fit_box_width: Callable[[float], float] | None = None
        #: zoom_to_fit keeps every node at least this wide on screen, even where the network is then larger
        #: than the view (presentation: a 2-16-16-1 network at 1280×720 had neurons 7 px wide); 0: no floor
        self.min_node_px = 0.0
        #: what is drawn beside the nodes and fitted with them (a presented neuron's number badge, which
        #: stood out above its circle by more than the 24 px once allowed for it: towers-sin's top badges cut)
        self.node_marks: list[Callable[[], QRectF]] = []
        #: the last fit left nodes outside the view (at the floor above): the rest is reached by scrolling
        self.cut_off = False
        #: the scroll range such a fit set (the nodes and their badges), else null: the content's (below)
        self.cut_rect = QRectF()
        #: the network was fitted and the user has not zoomed, panned or scrolled since: a resize (docks
        #: shown after the first paint, the window resized) fits it again instead of cutting it off
        self.fitted = False
        self.refit_on_resize = True  # off while presenting: the stage fits and spreads in its own order
        #: the room the last fit had, scroll bars left out: a scroll bar that comes or goes after a fit
        #: changes the viewport but not this, and must not refit (that refit brought the bar back and
        #: forth some 9,000 times a second for a small network in a narrow canvas: a frozen window)
        self._fitted_room = QSize()
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.actionTriggered.connect(self._user_moved)
        # once the scroll range has grown around them (it follows the content on the next event pass)
        scene.nodes_added.connect(lambda ids: QTimer.singleShot(0, self, lambda: self.bring_into_view(ids)))
        scene.extent_changed.connect(self._content_changed)
        self.follow_content()

    def _user_moved(self, *_args) -> None:
        self.fitted = False

    def zoom(self, factor: float) -> None:
        self.fitted = False
        current = self.transform().m11()
        factor = max(MIN_ZOOM / current, min(factor, MAX_ZOOM / current))
        self.scale(factor, factor)
        self.frame_labels()
        self.zoomed.emit(self.transform().m11())

    def zoom_to_fit(self) -> None:
        rect = self._scene.content_rect()  # nodes with their maps and text boxes
        if rect.isNull():
            self._scene.flush_extent()  # nothing to fit: the scroll range follows as it would have
            return
        self._scene.drop_extent()  # the fit follows the content at its end (not in the centerOn below)
        self._fitted_room = self.maximumViewportSize()
        self.cut_rect = QRectF()  # the content's range, unless this fit leaves nodes out (below)
        self.setSceneRect(margined(rect))  # what the fit centres in (the view is not yet where it will be)
        self.resetTransform()
        self.fitInView(margined(rect), Qt.AspectRatioMode.KeepAspectRatio)
        if self.fit_margin_px > 0:  # a margin on screen: room for the text boxes that come and go
            for _ in range(MARGIN_ROUNDS):
                dx, dy = self._fit_margins(max(self.transform().m11(), 1e-6))
                self.resetTransform()
                self.fitInView(rect.adjusted(-dx, -dy, dx, dy), Qt.AspectRatioMode.KeepAspectRatio)
        # not so big that a tiny net looks odd, nor so small that text is unreadable, unless only a
        # smaller zoom shows every node (a 1-8-1 net in a 1280×720 window kept h1, h2, h7, h8 cut)
        nodes_zoom = self._nodes_fit_zoom()
        floor = max(min(self.lowest_fit_zoom(), nodes_zoom), MIN_ZOOM, self.readable_zoom())
        factor = min(max(self.transform().m11(), floor), self.max_fit_zoom)
        whole = factor <= nodes_zoom * (1 + 1e-6)  # every node shows, only value boxes at the edge may be cut
        if factor != self.transform().m11():
            cut = factor > self.transform().m11()  # the content (with its text boxes) is larger than the view
            self.resetTransform()
            self.scale(factor, factor)
            if not whole:  # the nodes do not all fit: from their edge (badges included), not the text boxes'
                edge = NODE_FIT_PX / factor
                rect = self.nodes_rect().adjusted(-edge, -edge, edge, edge)
                if self.min_node_px > 0:  # scrolling reaches every node, and no further (the scene had grown
                    self.cut_rect = rect  # with the spread of earlier fits: a 2-32-1 scrolled into empty space)
                    self.setSceneRect(rect)
            self.centerOn(self._nodes_centre() if cut and whole else self._fit_centre(rect))
        self.cut_off = not whole
        self.follow_content()
        self.frame_labels()
        self.fitted = True
        self.zoomed.emit(self.transform().m11())

    def _fit_margins(self, zoom: float) -> tuple[float, float]:
        """The margins at ``zoom`` in scene units, left and right, above and below: :attr:`fit_margin_px`,
        and beside the network room for a box of :attr:`fit_box_width` centred on its narrowest node."""
        margin = self.fit_margin_px / zoom
        items = self._scene.node_items.values()
        if self.fit_box_width is None or not items:
            return margin, margin
        node = min(item.sceneBoundingRect().width() for item in items)
        return max(margin, (self.fit_box_width(zoom) - node) / 2), margin

    def _content_changed(self) -> None:
        """Not while a node is dragged (the maps refresh during a training run): a range set then
        brought a scroll bar that narrowed the view under the cursor. The drag's end sets it."""
        if self._scene.mouseGrabberItem() is None:
            self.follow_content()

    def follow_content(self) -> None:
        """Scroll over the content (nodes, maps, text boxes) with :data:`FIT_MARGIN` and over what the
        view shows now (``scroll_range.py``), not over all the scene ever held. A cut-off fit's range
        (presentation) stays."""
        if not self.cut_rect.isNull():
            return
        self.setSceneRect(
            scroll_range(
                self.visible_scene_rect(),
                self.maximumViewportSize(),
                self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self),
                self.transform().m11(),
                self._scene.content_rect(),
                FIT_MARGIN,
            )
        )

    def centerOn(self, *args) -> None:
        """Centre on a point or item, the scroll range first brought up to what was just added or moved
        (it follows the content at the next turn of the event loop: a node added a moment ago was
        beyond it, and the view stopped short)."""
        self._scene.flush_extent()
        super().centerOn(*args)

    def ensureVisible(self, *args) -> None:
        self._scene.flush_extent()
        super().ensureVisible(*args)

    def show_whole(self, rect: QRectF, margin_px: int = KEEP_PX) -> None:
        """Scroll ``rect`` (what a key selected or moved) into view with ``margin_px`` around it, less
        where the view lacks the room: with margins wider than the view, Qt kept the far one and cut
        the near edge of the node off (a narrow canvas, zoomed in)."""
        scale = self.transform().m11()
        room = self.viewport().size()
        x_margin = max(0, min(margin_px, int((room.width() - rect.width() * scale) / 2)))
        y_margin = max(0, min(margin_px, int((room.height() - rect.height() * scale) / 2)))
        self.ensureVisible(rect, x_margin, y_margin)

    def readable_zoom(self) -> float:
        """The zoom at which the smallest node is :attr:`min_node_px` wide on screen (0 without a floor).

        A small network has no floor: it is fitted whole however small (a lesson's 2-2-1 under the backward
        walk's legend at 1024×768 was cut off whole, where the walk needs every node)."""
        items = self._scene.node_items.values()
        if self.min_node_px <= 0 or len(items) <= FEW_NODES:
            return 0.0
        return self.min_node_px / max(min(2 * item.radius for item in items), 1e-6)

    def _nodes_fit_zoom(self) -> float:
        """The largest zoom that shows every node whole with its map and badge (value boxes may be cut)."""
        nodes = self.nodes_rect()
        port = self.viewport().rect()
        if nodes.isNull() or port.isEmpty():
            return self.lowest_fit_zoom()
        room_w, room_h = port.width() - 2 * NODE_FIT_PX, port.height() - 2 * NODE_FIT_PX
        # not held at MIN_ZOOM: a network that shows whole only below it (784 inputs) is not called whole
        return min(room_w / max(nodes.width(), 1e-6), room_h / max(nodes.height(), 1e-6))

    def _nodes_centre(self) -> QPointF:
        """Where a fit that shows the nodes but not all their text boxes centres: the nodes with their
        badges."""
        return self.nodes_rect().center()

    def nodes_rect(self) -> QRectF:
        """The nodes with what is drawn at them (maps, badges), in scene coordinates."""
        nodes = QRectF()
        for rect in [*self._scene.labels.obstacles(), *(marks() for marks in self.node_marks)]:
            nodes = nodes.united(rect)
        return nodes

    def _fit_centre(self, rect: QRectF) -> QPointF:
        """Where a fit at a clamped zoom centres: the content's centre, or, where the network is taller or
        wider than the view at that zoom, the inputs and outputs (a lesson's 1-12-1 net showed twelve
        hidden neurons and neither x nor y), kept inside the content; where even they are taller than the
        view, the content's top."""
        scene = self._scene
        ends = QRectF()
        for node_id, item in scene.node_items.items():
            if scene.network.is_source(node_id) or node_id in scene.network.outputs:
                ends = ends.united(item.sceneBoundingRect())
        seen = self.mapToScene(self.viewport().rect()).boundingRect()
        if ends.isNull() or (seen.width() >= rect.width() and seen.height() >= rect.height()):
            return rect.center()
        centre = ends.center()
        half_w, half_h = seen.width() / 2, seen.height() / 2
        x = (
            rect.center().x()
            if seen.width() >= rect.width()
            else min(max(centre.x(), rect.left() + half_w), rect.right() - half_w)
        )
        if seen.height() >= rect.height():
            y = rect.center().y()
        elif ends.height() > seen.height():  # the inputs alone are taller than the view (784 of them):
            y = rect.top() + half_h  # from the top, as a page is read (it opened on the middle of x₁…x₇₈₄)
        else:
            y = min(max(centre.y(), rect.top() + half_h), rect.bottom() - half_h)
        return QPointF(x, y)

    def lowest_fit_zoom(self) -> float:
        """A fit zooms out no further: for small nets not so small that text is unreadable."""
        return 0.1 if len(self._scene.node_items) > 40 else 0.6

    def fit_width(self) -> float:
        """How wide the canvas must be to show the whole network at the lowest zoom a fit uses."""
        rect = self._scene.content_rect()
        if rect.isNull():
            return 0.0
        frame = self.width() - self.maximumViewportSize().width() + self.verticalScrollBar().sizeHint().width()
        return (rect.width() + 80) * self.lowest_fit_zoom() + frame

    def zoom_reset(self) -> None:
        self.fitted = False
        self.resetTransform()
        self.frame_labels()
        self.zoomed.emit(1.0)

    # ---------------------------------------------------------------- framing
    def keep_nodes_in_view(self) -> None:
        """Fit again when an edit put nodes outside the view (Add Layer pushed the outputs off the right edge)."""
        nodes = self.nodes_rect()
        if not nodes.isNull() and not self.visible_scene_rect().contains(nodes):
            self.zoom_to_fit()

    def bring_into_view(self, node_ids: list[str]) -> None:
        """Nodes an edit added, in sight: scrolled to where they fit at this zoom, else the whole
        network fitted (a fitted view stays fitted: a feature below x₂, a layer of eight)."""
        shown = [n for n in node_ids if n in self._scene.node_items]
        if not shown:
            return
        added = self._scene.nodes_extent(shown)
        seen = self.visible_scene_rect()
        if seen.contains(added):
            return
        if self.fitted or added.width() > seen.width() or added.height() > seen.height():
            self.zoom_to_fit()
        else:
            self.ensureVisible(added, 20, 20)

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def frame_labels(self) -> None:
        """Text boxes go where this view shows them, not beyond its edge (after a scroll, zoom, resize)."""
        if self.scene() is not self._scene:
            return  # the scene is being taken away (the application is shutting down)
        self._scene.labels.frame = self.visible_scene_rect()
        self._scene.labels.update()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.frame_labels()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.fitted and self.refit_on_resize and self.maximumViewportSize() != self._fitted_room:
            self.zoom_to_fit()  # frames the labels too
        else:
            self.follow_content()  # a window made larger scrolls no further than the content needs
            self.frame_labels()
