"""Which views a lesson step opens and how they are laid out, in the window and on the presentation stage.

A step names its views (``designer.lessons.VIEWS``) and a layout: the views side by side, left to
right. In the window the canvas stays in the centre, the layout's other views go to the right side
by side and the rest are side panels in their usual places. While presenting, the layout's views
are the stage's columns (each borrowed from its dock and given back when it leaves the stage) and
the exercise, the loss curves and the text panels among its other views are the only panels kept
beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget

from designer.ui.dock_list import dock_widgets
from designer.ui.exercise_layout import needed_height
from designer.ui.lesson import arrange as placing
from designer.ui.lesson.arrange import ROW, arrange, within

if TYPE_CHECKING:
    from designer.lessons import Step

AREA = Qt.DockWidgetArea
STAGE_SHARE = 0.5  # of the window's width, for the layout's views beside the canvas
INSPECTOR_SHARE = 0.2  # of the window's height, for the Inspector above them
INSPECTOR_MAX_SHARE = 0.45  # of the window's height at most, for a selection's page in the Inspector
LESSON_WIDTH = 320  # pixels, the Lesson dock
LESSON_SHARE = 0.24  # of the window's width at most, for the Lesson dock (a small window keeps room for the canvas)
MIN_STAGE_WIDTH = 280  # pixels: a layout's view gets at least this much beside the canvas
#: In a design step (an exercise checked under the lesson text) the student builds on the canvas: the
#: layout's views get this share of the width the left column leaves, the canvas the rest, whatever the
#: network's size (at 1366×768 the canvas had some 300 px beside 600 px of Decision Regions, and its
#: width followed the student's network from step to step, 302 to 489 px)
DESIGN_VIEW_SHARE = 0.4
#: In a design step the Exercise dock under the lesson text gets at least this share of the left column
#: where the text leaves it, its target picture the room beyond the check's words (at 1680×972 the dock
#: asked for its verdict and picture only, and the check's reasons sat below the fold of step 14).
DESIGN_CHECK_SHARE = 0.55
SIDE_SHARE = 0.3  # of the window's width at most, for side panels at the right when the layout has none there
#: While presenting, the step's other views that stay beside the stage: the exercise's check on the
#: left, loss curves and text panels below. (A plot beside the stage would squeeze it at lecture-hall
#: text sizes; a step that wants one on screen puts it in its layout.)
PRESENTATION_SIDE = ("exercise", "chainrule", "curves", "math", "pytorch")
#: While presenting, views that are wide and low: after another plot in a layout they go under it (a
#: third column squeezed the loss and accuracy plots to some 250 px each at 1920×1080).
STACKED_BELOW = ("curves",)


def main_view(step: Step) -> str | None:
    """The view a step is about, shown first where its views go one above another or into tabs: the
    one its actions set up (the loss landscape), else the first of its layout after the canvas."""
    if "landscape" in step.layout and any(action.kind == "landscape" for action in step.actions):
        return "landscape"
    return next((name for name in step.layout if name != "canvas"), None)


@dataclass
class StagePlan:
    """What the presentation stage shows for a step."""

    columns: list[tuple[QWidget, Callable[[QWidget], None] | None]]  # (view, how it goes home); canvas: None
    side_docks: dict[str, QDockWidget] = field(default_factory=dict)  # the panels kept beside the stage
    below: list[QWidget] = field(default_factory=list)  # views that go under the view on their left
    titles: dict[QWidget, str] = field(default_factory=dict)  # the views' names, for tabs
    main: QWidget | None = None  # the view the step is about: first where the views are stacked or tabbed
    text_html: str = ""  # the step's title and text (escaped HTML)


class StepViews:
    """The views of one window by lesson name: their docks, their widgets, where they live."""

    def __init__(self, window, live, exercise, exports) -> None:
        self.window = window
        self.live = live
        self.exercise = exercise
        self.exports = exports
        #: name → (dock, home area)
        self.docks: dict[str, tuple[QDockWidget, Qt.DockWidgetArea]] = {
            "regions": (live.region_dock, AREA.RightDockWidgetArea),
            "activation": (live.activation_dock, AREA.RightDockWidgetArea),
            "landscape": (live.landscape_dock, AREA.RightDockWidgetArea),
            "math": (exports.math_dock, AREA.BottomDockWidgetArea),
            "pytorch": (exports.code_dock, AREA.BottomDockWidgetArea),
            "curves": (live.curves_dock, AREA.BottomDockWidgetArea),
            "training": (live.training_dock, AREA.LeftDockWidgetArea),
            "exercise": (exercise, AREA.LeftDockWidgetArea),
            "chainrule": (exercise, AREA.LeftDockWidgetArea),
        }
        self.arrangement = ROW  # how the layout's views were placed for the step on show
        #: the step's wanted views, its layout's docks and its main view, as last placed in the window
        #: and the room the window had then
        self._placed: tuple[set[QDockWidget], list[QDockWidget], QDockWidget | None, QSize] | None = None
        self._inspector_empty: bool | None = None

    def dock(self, name: str) -> QDockWidget | None:
        entry = self.docks.get(name)
        return entry[0] if entry is not None else None

    # ------------------------------------------------------------- window
    def show_in_window(self, step: Step, lesson_dock: QDockWidget) -> None:
        """Open the step's views and close the other lesson views; the layout's views to the right, as
        many side by side as the window has room for (see :mod:`designer.ui.lesson.arrange`)."""
        w = self.window
        layout = w.layout()
        layout.setEnabled(False)  # no layout until the views have their places: a window laid out on the
        try:  # way there took the minimum size of a placement tried and dropped, and stayed that large
            self._place_views(step, lesson_dock)
        finally:
            layout.setEnabled(True)
            layout.invalidate()

    def _place_views(self, step: Step, lesson_dock: QDockWidget) -> None:
        w = self.window
        wanted = {self.dock(name) for name in step.views if name != "canvas"}
        for name, (dock, area) in self.docks.items():
            if dock not in wanted:
                dock.hide()
            elif name not in step.layout and w.dockWidgetArea(dock) != area:
                w.addDockWidget(area, dock)  # a side panel goes back to its usual place
        lesson_dock.show()
        if self.exercise in wanted:
            if w.tabifiedDockWidgets(self.exercise):  # out of its tab group first: split from the group, a
                w.removeDockWidget(self.exercise)  # tab bar of the group was left in the middle of it
                self.exercise.show()
            if w.dockWidgetArea(self.exercise) != AREA.LeftDockWidgetArea:
                w.addDockWidget(AREA.LeftDockWidgetArea, self.exercise)
            w.splitDockWidget(lesson_dock, self.exercise, Qt.Orientation.Vertical)
        for dock in wanted:
            dock.show()
        stage = self._layout_docks(step)
        homes = {self.dock(name): self.docks[name][1] for name in step.layout if name in self.docks}
        main = self.dock(main_view(step))
        limit = placing.room(w)  # (through the module: a test stands in for a smaller screen there)
        self.arrangement = arrange(w, stage, main, homes, w.view.fit_width(), MIN_STAGE_WIDTH)
        self._placed = (wanted, stage, main, limit)
        self._tab_other_views_if_too_tall(wanted, stage, main, limit)
        if self.exercise in wanted:
            self.exercise.raise_()
        design = "exercise" in step.views and "exercise" not in step.layout
        # sizes stick once the docks are laid out
        QTimer.singleShot(0, lambda: self._size(stage, lesson_dock, design))

    def keep_within_room(self) -> None:
        """Once the step's data and actions are in the views, checked again against the room the window had
        before the step: what they add (step 5's line view and pinned probe under the decision regions)
        made the column 12 px taller than the check before them, and the window grew from 691 to 706 px
        at 1366×768 and stayed so for every later step. It goes back to that room once the views fit."""
        if self._placed is None:
            return
        wanted, stage, main, limit = self._placed
        w = self.window
        self._tab_other_views_if_too_tall(wanted, stage, main, limit)
        if within(w, limit) and (w.width() > limit.width() or w.height() > limit.height()):
            w.resize(w.size().boundedTo(limit))

    def _tab_other_views_if_too_tall(
        self, wanted: set[QDockWidget], stage: list[QDockWidget], main, limit: QSize
    ) -> None:
        """The step's other views at the right go behind the layout's first view's tab when the column
        is taller than the window may be (step 5's activation view, decision regions and Inspector, one
        above another, asked for 701 px of a 680 px window on a 1280×720 screen: it grew past the screen
        and stayed so for the steps after)."""
        w = self.window
        front = main if main in stage else (stage[0] if stage else None)
        if front is None or within(w, limit) or w.dockWidgetArea(front) != AREA.RightDockWidgetArea:
            return
        right = AREA.RightDockWidgetArea
        others = [d for d in wanted if d not in stage and d is not w.inspector_dock and w.dockWidgetArea(d) == right]
        for dock in sorted(others, key=lambda d: d.objectName()):
            w.tabifyDockWidget(front, dock)
        if others:
            front.raise_()

    def _layout_docks(self, step: Step) -> list[QDockWidget]:
        """The docks of the step's layout, left to right (the canvas is not a dock)."""
        stage: list[QDockWidget] = []
        for name in step.layout:
            dock = self.dock(name)
            if dock is not None and dock not in stage:
                stage.append(dock)
        return stage

    def _size(self, stage: list[QDockWidget], lesson_dock: QDockWidget, design: bool = False) -> None:
        """The layout's views share half the width and most of the height, but leave the canvas the
        width the network needs (at 1000×720 the chain-rule drill's canvas was 165 px wide and showed
        one of its four nodes); in a ``design`` step the canvas has the larger share, the same in every
        such step (:data:`DESIGN_VIEW_SHARE`). Then the canvas is fitted."""
        w = self.window
        lesson = min(LESSON_WIDTH, round(w.width() * LESSON_SHARE))
        w.resizeDocks([lesson_dock], [lesson], Qt.Orientation.Horizontal)
        lesson = max(lesson, lesson_dock.minimumSizeHint().width())  # its buttons' row
        room = w.width() - lesson - w.view.fit_width()
        right = [dock for dock in stage if w.dockWidgetArea(dock) == AREA.RightDockWidgetArea]
        if right:
            columns = right if self.arrangement == ROW else right[:1]  # one above another, or tabs: one column
            wanted = (w.width() - lesson) * DESIGN_VIEW_SHARE if design else min(w.width() * STAGE_SHARE, room)
            share = max(wanted, MIN_STAGE_WIDTH * len(columns))
            w.resizeDocks(columns, [round(share / len(columns))] * len(columns), Qt.Orientation.Horizontal)
        elif side := self._right_docks():  # only side panels at the right: the canvas first
            w.resizeDocks(side[:1], [round(max(min(w.width() * SIDE_SHARE, room), 0))], Qt.Orientation.Horizontal)
        self._size_right_column()
        self._size_left_column(lesson_dock)
        # again once the widths above are laid out: the step's text wraps to the Lesson dock's new width
        QTimer.singleShot(0, lambda: self._size_left_column(lesson_dock))
        QTimer.singleShot(0, w.view.zoom_to_fit)

    def _size_left_column(self, lesson_dock: QDockWidget) -> None:
        """The Exercise dock under the Lesson dock gets the height its check asks for, the Lesson dock
        keeping at least its minimum (half and half cut the truth table and the verdict of steps 12–16
        at 1152×680: the student had to scroll to see whether the answer was right). In this order:
        the Lesson dock's minimum, the exercise's verdict, the step's text to read (it was 2.5 lines at
        1366×768), the rest of the exercise's page (its truth table or picture, the check's reasons,
        the hints; a target picture up to :data:`DESIGN_CHECK_SHARE` of the column), then the rest to
        the lesson. Where the column cannot hold the text and the whole check (615 px at 1280×720), the
        step list shrinks to the current step and the target plot to what is left, down to its readable
        least (:data:`~designer.ui.exercise_target.PLOT_MIN_HEIGHT`)."""
        w = self.window
        dock = self.exercise
        panel = lesson_dock.widget()
        if not dock.isVisible() or dock.isFloating() or w.dockWidgetArea(dock) != AREA.LeftDockWidgetArea:
            panel.compact_list(False)
            return
        if w.tabifiedDockWidgets(dock) or w.dockWidgetArea(lesson_dock) != AREA.LeftDockWidgetArea:
            panel.compact_list(False)
            return
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # the page's parts as they now ask
        column = lesson_dock.height() + dock.height()
        scroll = dock.widget()
        content = scroll.widget() if hasattr(scroll, "widget") else None
        frame = max(0, dock.height() - scroll.viewport().height()) if hasattr(scroll, "viewport") else 0
        need = self._page_height(content, scroll) + frame
        verdict = self._verdict_height(content, frame)
        title_bar = lesson_dock.height() - panel.height()
        plot = self.exercise.panel.detail.picture if self._picture_grows() else None
        if plot is not None:  # the page as it asks with the plot at its full height
            need += plot.full_height - plot.sizeHint().height()
        low = self._design_page_shown() and title_bar + panel.reading_height(full=True) + need > column
        panel.compact_list(low)
        reading = title_bar + panel.reading_height()
        if plot is not None:  # low: it asks for its least and stretches into what the check leaves (also
            rest = need - plot.full_height  # when the check's reasons change later)
            plot.ask_for(plot.least_height if low else plot.full_height)
            need = max(rest + plot.sizeHint().height(), round(column * DESIGN_CHECK_SHARE))
        wanted = max(reading, column - need)
        lesson = max(lesson_dock.minimumSizeHint().height(), min(column - verdict, wanted))
        if column > lesson:
            w.resizeDocks([lesson_dock, dock], [lesson, column - lesson], Qt.Orientation.Vertical)

    def _page_height(self, content, scroll) -> int:
        """The Exercise page's height at the width it has (its size hint took the verdict's two wrapped
        lines for one), or the dock's size hint where it has no page yet."""
        if content is None:
            return self.exercise.sizeHint().height()
        return needed_height(content, scroll.viewport().width())

    def _design_page_shown(self) -> bool:
        """Whether the Exercise dock shows a design check (not the browser or a chain-rule drill)."""
        page = self.exercise.panel.detail
        return page.isVisible() and page.status.isVisible()

    def _verdict_height(self, content, frame: int) -> int:
        """How tall the Exercise dock must be to show its verdict (the dock's whole height when it is not
        the design page)."""
        page = self.exercise.panel.detail
        if content is None or not page.isVisible() or not page.status.isVisible():
            return (content.sizeHint().height() if content is not None else 0) + frame
        return page.status.mapTo(content, page.status.rect().bottomLeft()).y() + frame + 4

    def _picture_grows(self) -> bool:
        """Whether the design page shows a target plot (it takes the room it gets; a truth table does not)."""
        page = self.exercise.panel.detail
        picture = page.picture
        return page.isVisible() and picture.isVisible() and picture.currentWidget() is picture.plot

    def _size_right_column(self) -> None:
        """The Inspector a modest share of the right side's height, just its one-line hint while nothing
        is selected (empty, it took some 560×200 px of a 1000×720 window); the views below it share the
        rest (else a view between the Inspector and the layout's first view was squeezed to a strip)."""
        w = self.window
        inspector = w.inspector_dock
        if not inspector.isVisible() or w.dockWidgetArea(inspector) != AREA.RightDockWidgetArea:
            return
        others = [dock for dock in self._right_docks() if dock is not inspector and not self._behind_a_tab(dock)]
        if not others:
            return
        self._inspector_empty = w.inspector.stack.currentWidget() is w.inspector.empty
        tall = self._inspector_height()
        column = inspector.height() + sum(dock.height() for dock in others)  # the column's own height
        column = column if column > tall else w.height()  # (not laid out yet: the window's)
        rest = max(1, (column - tall) // len(others))  # asking for more than the column scaled every share down
        w.resizeDocks([inspector, *others], [tall, *[rest] * len(others)], Qt.Orientation.Vertical)

    def _right_docks(self) -> list[QDockWidget]:
        w = self.window
        return [
            dock
            for dock in dock_widgets(w)
            if dock.isVisible() and not dock.isFloating() and w.dockWidgetArea(dock) == AREA.RightDockWidgetArea
        ]

    def _behind_a_tab(self, dock: QDockWidget) -> bool:
        """A dock in a tab group whose tab is not the one shown (it has no height of its own)."""
        return bool(self.window.tabifiedDockWidgets(dock)) and dock.visibleRegion().isEmpty()

    def _inspector_height(self) -> int:
        """With nothing selected, what the Inspector's hint needs; with a neuron or a connection, what
        its page needs (step 1 asks to drag the weights, which sat below the fold of a 150 px Inspector)
        between :data:`INSPECTOR_SHARE` and :data:`INSPECTOR_MAX_SHARE` of the height."""
        w = self.window
        tall = round(w.height() * INSPECTOR_SHARE)
        if w.inspector.stack.currentWidget() is w.inspector.empty:
            return min(tall, w.inspector_dock.sizeHint().height())
        dock = w.inspector_dock
        scroll = dock.widget()
        viewport = scroll.viewport().height() if hasattr(scroll, "viewport") else dock.height()
        frame = max(0, dock.height() - viewport)  # the title bar and the scroll area's frame, as laid out now
        need = w.inspector.sizeHint().height() + frame
        return max(tall, min(need, round(w.height() * INSPECTOR_MAX_SHARE)))

    def selection_shown(self) -> None:
        """During a lesson in the window: the Inspector grows when it shows something and shrinks back
        to its hint when the selection is gone."""
        w = self.window
        if (w.inspector.stack.currentWidget() is w.inspector.empty) != self._inspector_empty:
            self._size_right_column()

    # -------------------------------------------------------------- stage
    def stage_plan(self, step: Step, text_html: str) -> StagePlan:
        """The layout's views as the stage's columns; the step's other views as the panels beside it."""
        columns: list[tuple[QWidget, Callable[[QWidget], None] | None]] = []
        below: list[QWidget] = []
        titles: dict[QWidget, str] = {}
        main = None
        on_stage: set[QDockWidget] = set()
        for name in step.layout:
            if name == "canvas":
                columns.append((self.window.view, None))
                continue
            widget, home = self._stage_view(name)
            if all(widget is not shown for shown, _ in columns):
                if name in STACKED_BELOW:
                    below.append(widget)
                columns.append((widget, home))
                on_stage.add(self.dock(name))
                titles[widget] = self.dock(name).windowTitle()
                if name == main_view(step):
                    main = widget
        side = {}
        for name in step.views:
            dock = self.dock(name)
            if name in PRESENTATION_SIDE and dock not in on_stage and dock not in side.values():
                side[name] = dock
        return StagePlan(columns, side, below, text_html=text_html, titles=titles, main=main)

    def _stage_view(self, name: str) -> tuple[QWidget, Callable[[QWidget], None]]:
        """A view's widget for the stage and how it goes back to where it lives."""
        live = self.live
        if name == "regions":
            return live.region, live.region_dock.setWidget
        if name in ("activation", "landscape"):
            dock = self.dock(name)
            return dock.content, dock.setWidget
        if name == "curves":
            return live.curves, live.curves_dock.setWidget
        if name == "training":
            return live.panel, live.training_dock.setWidget
        if name in ("math", "pytorch"):
            dock = self.dock(name)
            dock.refresh()
            return dock.body, dock.setWidget
        panel = self.exercise.panel
        if name == "chainrule":
            return panel.chain, panel.take_back_chain
        return panel, self.exercise.take_back
