"""Fitting the network to the stage while presenting: how far the layout spreads (room for the nodes
and weight labels at the presentation's text sizes), the kept panels' sizes, and the canvas zoomed
to fit, again once the layout has settled.
"""

from __future__ import annotations

from math import ceil

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QDockWidget, QPlainTextEdit

from designer.formatting import format_weight
from designer.ui.canvas.spread import spread_for
from designer.ui.live import thumbs
from designer.ui.presentation import config as cfg
from designer.ui.presentation.room import ARRANGEMENTS, ROW, TABS, fits

SIDE_SHARE, BOTTOM_SHARE = 0.22, 0.3  # of the screen, for panels kept while presenting
MAX_DOCK = 0.32  # of the screen: a kept panel's largest width (side) or height (bottom)
#: a side panel whose content needs more (its buttons at lecture-hall sizes) may take up to this share
MAX_WIDE_DOCK = 0.4
CUT_OFF_HINT = (
    "Not all neurons fit at a readable size: scroll for the rest (scroll bar or middle button) · "
    "Z shows them all, small"
)
OVERVIEW_NOTE = "The whole network, its neurons small: Z again for readable sizes"
#: the narrowest a node is fitted while presenting, in the smallest text's heights (16 px at 1×): a
#: 2-16-16-1 network at 1280×720 had neurons 7 px wide, dots from the back of the room (small networks
#: stay whole however small: ``zoom.FEW_NODES``)
NODE_FLOOR = 2 / 3
FIT_ROUNDS = 4  # fits in a row until the zoom settles (the text and badges follow the zoom)
PANEL_LINES = 2  # a panel's text view under the stage shows at least this many whole lines
REFIT_MS = 250  # after a view's needs change, the stage is arranged again this much later
#: the hint on reaching a cut-off network's rest waits this long after the last fit (shown at once, the fit
#: that followed F5 placed it again, over the neurons, and hid it)
HINT_MS = 2 * REFIT_MS


def fit_settled(view) -> None:
    """Fit the canvas until its zoom settles: its text and the number badges keep their size on screen, so
    at a new zoom they take another room in the scene (a fit to the badges placed at the zoom before left
    towers-sin's badge 13 off the canvas's edge)."""
    for _ in range(FIT_ROUNDS):
        before = view.transform().m11()
        view.zoom_to_fit()
        if abs(view.transform().m11() - before) <= 0.01 * before:
            break


def _needed_width(dock: QDockWidget) -> int:
    """The width a panel's content needs (its minimum; for a scroll area, its page's)."""
    content = dock.widget()
    return content.minimumSizeHint().width() if content is not None else 0


def least_height(dock: QDockWidget) -> int:
    """The least height a panel under the stage is given: its minimum, with :data:`PANEL_LINES` whole
    lines in its text views (at its minimum the Math panel showed lesson step 1's formula cut in half)."""
    least = dock.minimumSizeHint().height()
    extra = 0
    for text in dock.findChildren(QPlainTextEdit):
        if text.isVisibleTo(dock):
            frame = 2 * text.frameWidth() + 2 * round(text.document().documentMargin())
            wanted = ceil(PANEL_LINES * text.fontMetrics().lineSpacing()) + frame
            at_least = least - (dock.height() - text.height())  # the text takes what the panel gains or loses
            extra = max(extra, wanted - at_least)
    return least + extra


class StageFitter:
    """Spreads and fits the canvas for a :class:`~designer.ui.presentation.mode.Presentation`."""

    def __init__(self, presentation) -> None:
        self.presentation = presentation
        self.window = presentation.window
        self.live = presentation.live
        #: a view's needs changed (a readout got longer while training): arranged again once they settle
        self._views_changed = QTimer(presentation)
        self._views_changed.setSingleShot(True)
        self._views_changed.setInterval(REFIT_MS)
        self._views_changed.timeout.connect(self._refit_views)
        self._shrunk = False
        self._sized_for: dict[str, int] = {}  # each side panel's needed width when it was last sized
        #: Z on a network cut off at the readable size: the whole network, its neurons as small as that takes
        self.overview = False
        self._told_cut_off = False  # the hint on how to reach the rest was given (once per presentation)
        self._hint = QTimer(presentation)
        self._hint.setSingleShot(True)
        self._hint.setInterval(HINT_MS)
        self._hint.timeout.connect(self._tell_cut_off)

    def views_changed(self) -> None:
        self._views_changed.start()

    def settled(self) -> bool:
        """No refit pending: what a test or a screenshot waits for before it measures the stage."""
        return not self._views_changed.isActive()

    def _refit_views(self) -> None:
        stage = self.presentation.stage
        if stage is None or not self.presentation.active:
            return
        before = (stage.mode, [dock.height() for dock in self._bottom_docks()])
        self._fit_views()
        stage.rebalance()
        moved = (stage.mode, [dock.height() for dock in self._bottom_docks()]) != before
        if self._side_docks_cut():
            self._shrunk = False
            self.fit()
        elif moved or self._shrunk:
            self._shrunk = False
            self._fit_kept_panels()

    def _fit_kept_panels(self) -> None:
        """The canvas fitted and its layout spread again around the panels as :meth:`_fit_views` left
        them: not sized back to their share first (at 1366×768 the Math panel under the stage was sized back,
        shrunk again by the next re-fit, and so on every 0.6 s: the stage never settled)."""
        if self.presentation.active:
            fit_settled(self.window.view)
            self.presentation.place_card()
            QTimer.singleShot(0, self._fit_again)  # the panels' new sizes are laid out by then

    def fit(self) -> None:
        p = self.presentation
        if p.active:
            self._size_docks()
            self._fit_views()
            fit_settled(self.window.view)
            p.place_card()
            QTimer.singleShot(0, self._fit_again)  # the docks' new sizes are laid out by then

    def _fit_again(self) -> None:
        if self.presentation.active:
            self._fit_views()
            self.spread_nodes()  # canvas text follows the zoom: the room it needs may have changed
            self.fit_canvas()

    def fit_canvas(self) -> None:
        """The network fitted into the canvas as it is now, the card and caption placed again, and the hint
        on reaching the rest where the fit leaves nodes out: how a resize's fit ends, and all that follows
        a change of the walk legend's band (lesson step 2 at 1229×691: the band grew with a line, the
        network fitted into the 61 px left was cut off without a word). Not spread again there: spread
        for the lower zoom of a canvas given up to the band, 2-8-8-1 at 1280×720 grew taller at each
        round and ended cut off at the readable floor, where as it was it fitted whole."""
        p = self.presentation
        if not (p.active and p.stage is not None):
            return
        fit_settled(self.window.view)
        p.place_card()
        if p.stage.caption.isVisible():
            p.stage.caption.place()  # the network has its final place now
        if self.window.view.cut_off and not self._told_cut_off:
            self._hint.start()  # once the fits have settled: a fit after it placed it off the neurons

    def _tell_cut_off(self) -> None:
        p = self.presentation
        caption = p.stage.caption if p.stage is not None else None
        if caption is not None and caption.isVisible() and caption.asked:
            self._hint.start()  # after the key help: it took the help's place, F5's help never showed
            return
        if p.active and self.window.view.cut_off and not self._told_cut_off:
            self._told_cut_off = True
            p.caption(CUT_OFF_HINT)

    def start(self) -> None:
        """A new presentation: readable sizes, and the hint again where the network is cut off."""
        self.overview = self._told_cut_off = False

    def node_floor(self) -> float:
        """The smallest a node is fitted on screen (16 px at 1×), unless the teacher asked for the whole
        network (:meth:`toggle_overview`)."""
        return 0.0 if self.overview else NODE_FLOOR * cfg.text_px(self.presentation.scale)

    def toggle_overview(self) -> None:
        """Z: fit at the readable size; on a network that is cut off there, again Z shows all of it (small)."""
        view = self.window.view
        self.overview = not self.overview and view.fitted and view.cut_off
        view.min_node_px = self.node_floor()
        self.fit()
        if self.overview:
            self.presentation.caption(OVERVIEW_NOTE)
        elif view.cut_off:
            self.presentation.caption(CUT_OFF_HINT)

    def scroll_bars(self) -> None:
        """Scroll bars where the fitted network is cut off (a touchpad has no middle button to pan with)."""
        view = self.window.view
        nodes, seen = view.nodes_rect(), view.visible_scene_rect()
        for bar_policy, cut in (
            (view.setHorizontalScrollBarPolicy, nodes.left() < seen.left() or nodes.right() > seen.right()),
            (view.setVerticalScrollBarPolicy, nodes.top() < seen.top() or nodes.bottom() > seen.bottom()),
        ):
            on = view.cut_off and cut
            bar_policy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if on else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _fit_views(self) -> None:
        """A lesson step's views side by side, else one above another, else in tabs, whichever first gives
        each its minimum size below the step's whole text; the panels under the stage give up their
        share where that is what is missing: down to a few whole lines of their text, else to their minimum."""
        stage = self.presentation.stage
        if stage is None or stage.layout_name != "lesson" or not stage.groups(TABS):
            return
        bottom = self._bottom_docks()
        now = sum(dock.height() for dock in bottom)  # (the sizes just asked for are laid out later)
        smallest = [dock.minimumSizeHint().height() for dock in bottom]
        for shrink, wanted in enumerate((self._bottom_heights(bottom), [least_height(d) for d in bottom], smallest)):
            if shrink and not bottom:
                break
            room = stage.room(now - sum(wanted))
            for how in ARRANGEMENTS if len(stage.groups(TABS)[0]) > 1 else (ROW,):  # one view: its column
                if fits(how, stage.groups(how), stage.shares(how), room):
                    if shrink:
                        self._shrink_docks(bottom, wanted)
                    stage.set_mode(how)
                    return
        # nothing fits: the views get all the room there is (at 1280×720 the Loss Landscape was crushed to
        # 90 px of plot in its tab while the loss curves below kept 216 px)
        self._shrink_docks(bottom, smallest)
        stage.set_mode(TABS if len(stage.groups(TABS)[0]) > 1 else ROW)  # the least room there is

    def _shrink_docks(self, bottom: list, heights: list[int]) -> None:
        if bottom and [dock.height() for dock in bottom] != heights:
            self.window.resizeDocks(bottom, heights, Qt.Orientation.Vertical)
            self._shrunk = True

    def _bottom_docks(self) -> list:
        w = self.window
        under = (Qt.DockWidgetArea.BottomDockWidgetArea, Qt.DockWidgetArea.TopDockWidgetArea)
        return [
            dock
            for dock in self.presentation.kept_docks()
            if dock.isVisible() and not dock.isFloating() and w.dockWidgetArea(dock) in under
        ]

    def _size_docks(self) -> None:
        """Kept panels take a modest share of the screen (the stage stays the main thing), a side panel
        as much as its content needs, up to :data:`MAX_WIDE_DOCK` (else its buttons were cut)."""
        w = self.window
        side, bottom = self._kept_docks_by_side()
        widths = []
        for dock in side:  # however many panels are kept, the stage stays the main thing
            self._sized_for[dock.objectName()] = needed = _needed_width(dock)
            width = min(max(round(w.width() * SIDE_SHARE), needed), round(w.width() * MAX_WIDE_DOCK))
            dock.setMaximumWidth(max(width, round(w.width() * MAX_DOCK)))
            widths.append(width)
        for dock in bottom:
            dock.setMaximumHeight(round(w.height() * MAX_DOCK))
        if side:
            w.resizeDocks(side, widths, Qt.Orientation.Horizontal)
        if bottom:
            w.resizeDocks(bottom, self._bottom_heights(bottom), Qt.Orientation.Vertical)

    def _kept_docks_by_side(self) -> tuple[list[QDockWidget], list[QDockWidget]]:
        """The kept panels shown in the window: those beside the stage, those under (or over) it."""
        w = self.window
        side, bottom = [], []
        for dock in self.presentation.kept_docks():
            if dock.isVisible() and not dock.isFloating():
                area = w.dockWidgetArea(dock)
                under = area in (Qt.DockWidgetArea.BottomDockWidgetArea, Qt.DockWidgetArea.TopDockWidgetArea)
                (bottom if under else side).append(dock)
        return side, bottom

    def _side_docks_cut(self) -> bool:
        """A panel beside the stage is narrower than its content now needs, and may grow: a lesson step's
        exercise put its task toggle beside its title only after the step's fit (steps 12–15 reached with
        PageDown showed "313 of 157", the sin plot's axis and the toggle cut at the panel's right edge). Not
        for a need it was sized for already (a window with no more room would be fitted again and again)."""
        most = round(self.window.width() * MAX_WIDE_DOCK)
        return any(
            dock.width() < min(needed, most) and needed != self._sized_for.get(dock.objectName())
            for dock in self._kept_docks_by_side()[0]
            if (needed := _needed_width(dock))
        )

    def _bottom_heights(self, bottom: list) -> list[int]:
        """The panels under the stage: their share of the height (never less than they need)."""
        share = round(self.window.height() * BOTTOM_SHARE)
        return [max(share, least_height(dock)) for dock in bottom]

    def spread_nodes(self) -> None:
        """Spread the layout on screen just enough that the nodes at this scale keep apart (see spread.py),
        with room between the columns for the weight labels and, during a forward walk, between the
        rows for the values (a middle neuron's box had no free place at lecture-hall text sizes)."""
        scene = self.window.scene
        items = list(scene.node_items.values())
        if not items:
            return
        s = scene.theme.scale
        width = max(item.boundingRect().width() for item in items) + 16 * s
        height = max(item.boundingRect().height() for item in items) + 16 * s
        if self.live.maps.isVisible():
            height += (thumbs.SIZE + thumbs.GAP) * s
        if self.live.forward.active:  # room between the rows for a neuron's z and g(z) below it
            height += self.live.probe.box_height()
        layer = scene.connections
        if layer.show_weights and layer.keys:  # room between columns for the widest weight label
            metrics = QFontMetricsF(scene.theme.font(8.5, bold=True))
            texts = {format_weight(float(v)) for v in layer.weights}
            width += max(metrics.horizontalAdvance(t) for t in texts) + 16 * s
        positions = [scene.network.node(item.node_id).position for item in items]
        scene.set_spread(*spread_for(np.array(positions), width, height))
