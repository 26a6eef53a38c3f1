"""The presentation's central widget: canvas and/or decision regions side by side, an optional
math or code panel below, a caption for messages and hints, and the pointer ring.

The canvas view and the region view are borrowed from the window while presenting and given
back when it ends (see :class:`designer.ui.presentation.mode.Presentation`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QSplitter, QTabWidget, QVBoxLayout, QWidget

from designer.ui.presentation.caption import CAPTION_MS, CORNER_MS, Caption
from designer.ui.presentation.overlays import PointerRing
from designer.ui.presentation.room import COLUMN, ROW, TABS, Room, needed_height
from designer.ui.presentation.split import canvas_share
from designer.ui.safetext import wrappable_html

__all__ = ["CAPTION_MS", "CORNER_MS", "Caption", "LessonText", "Stage"]

CANVAS_SHARE = 0.48  # of the width, when canvas and regions are side by side
REGION_ASPECT = 1.2  # decision regions alone: at most this wide for its height (a square map, centred)
PANEL_SHARE = 0.3  # of the height, for the math or code panel
#: a lesson's stage: the columns' shares of the width, by how many are shown (the canvas first)
LESSON_SHARES = {1: (1.0,), 2: (CANVAS_SHARE, 1 - CANVAS_SHARE), 3: (0.36, 0.32, 0.32)}
#: a lesson's stage with a view under its left neighbour (loss curves under the decision regions): the
#: canvas and that column of two
STACKED_SHARES = (0.36, 0.64)
STACK_SHARES = (0.6, 0.4)  # of the height: the upper view, the one under it
QWIDGETSIZE_MAX = 16_777_215
TAB_BAR_LINES = 1.8  # a tab bar's height, in lines of its text
MIN_TEXT_HEIGHT = 40  # pixels, a lesson step's text strip at least (it is always shown whole)


class LessonText(QLabel):
    """A lesson step's title and text in a strip above the views: it takes its own room, so it never
    covers the canvas or a plot. The text is the lesson's Markdown-lite rendered to escaped HTML
    (``designer.lessons.to_html``: raw HTML from the file is never interpreted)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("lessonCaption")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.hide()

    def set_style(self, text: str, border: str, px: int) -> None:
        """Colours and text size (in the style sheet: a style sheet resets a font set apart)."""
        pad = max(6, px // 4)
        self.setStyleSheet(
            f"QLabel#lessonCaption {{ font-size: {px}px; color: {text}; border-bottom: 2px solid {border}; "
            f"padding: {pad}px {2 * pad}px; }}"
        )


class Stage(QWidget):
    #: a lesson step's view needs another size (its text grew or shrank): the arrangement may change
    needs_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("presentationStage")
        # the stage takes the room the screen has: the minimum sizes of the views on it made a full-screen
        # window taller than a 1366×768 screen (the views are arranged to fit instead, see room.py)
        self.setMinimumSize(1, 1)
        self.columns = QSplitter(Qt.Orientation.Horizontal)
        self.columns.setChildrenCollapsible(False)
        self.rows = QSplitter(Qt.Orientation.Vertical)
        self.rows.setChildrenCollapsible(False)
        self.rows.addWidget(self.columns)
        self.rows.setMinimumSize(1, 1)  # under the step's whole text whatever room is left (never over it)
        #: a lesson step's view and the one that goes under it (wide and low: loss curves), as one column
        self.stack = QSplitter(Qt.Orientation.Vertical, self)
        self.stack.setObjectName("stageStack")
        self.stack.setChildrenCollapsible(False)
        self.stack.hide()  # in the row of columns only while a lesson step uses it
        #: a lesson step's views beside the canvas as tabs, where they fit neither side by side nor one
        #: above another (the step's main view first)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("stageTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.hide()
        self.mode = ROW  # how a lesson step's views stand beside the canvas (see room.py)
        self._balanced: tuple = ()  # a lesson step's shown columns and their shares, as last balanced
        self._order: list[QWidget] = []  # the step's views, left to right
        self._canvas_wanted = False
        self._lesson_views: list[QWidget] = []  # the step's views but the canvas, left to right
        self._below: list[QWidget] = []
        self._titles: dict[QWidget, str] = {}
        self._main: QWidget | None = None
        self.panel = QPlainTextEdit()
        self.panel.setObjectName("presentationPanel")
        self.panel.setReadOnly(True)
        self.panel.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.rows.addWidget(self.panel)
        self.lesson_text = LessonText()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.lesson_text)
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(0)
        layout.addWidget(self.rows, 1)
        layout.addStretch(0)  # the two stretches centre a decision-region map shown alone
        outer.addLayout(layout, 1)
        self.layout_name = "both"
        #: views borrowed for a lesson step, with how each one goes back to its dock
        self._homes: dict[QWidget, Callable[[QWidget], None]] = {}
        self.caption = Caption(self)
        self.pointer = PointerRing(self)
        self.canvas: QWidget | None = None
        self.region: QWidget | None = None

    def arrange(self, canvas: QWidget, region: QWidget, layout: str, panel: bool) -> None:
        """Show the canvas and/or the region view (``layout``: both, canvas, region) and the panel."""
        self.give_back(keep=[region])
        self.canvas, self.region = canvas, region
        if canvas.parentWidget() is not self.columns:
            self.columns.insertWidget(0, canvas)
        if region.parentWidget() is not self.columns:
            self.columns.addWidget(region)
        self.layout_name = layout
        self._unstack()
        canvas.setVisible(layout in ("both", "canvas"))
        region.setVisible(layout in ("both", "region"))
        self.panel.setVisible(panel)
        self.balance()

    def balance(self) -> None:
        """The panes' shares of the stage (again after each resize: full screen arrives late)."""
        width = max(self.width(), 2)
        if self.layout_name == "lesson":
            shown = self._shown_columns()
            self._balanced = (shown, self._lesson_shares(shown))
            shares = iter(self._balanced[1])
            self.columns.setSizes(
                [round(width * next(shares)) if i in shown else 0 for i in range(self.columns.count())]
            )
        else:
            shares = {self.canvas: CANVAS_SHARE, self.region: 1 - CANVAS_SHARE}
            self.columns.setSizes(
                [round(width * shares.get(self.columns.widget(i), 0.0)) for i in range(self.columns.count())]
            )
        height = max(self.height(), 2)
        self.stack.setSizes(self._stack_sizes(height))
        self.rows.setSizes([round(height * (1 - PANEL_SHARE)), round(height * PANEL_SHARE)])
        alone = self.layout_name == "region" and not self.panel.isVisible()
        self.rows.setMaximumWidth(round(height * REGION_ASPECT) if alone else QWIDGETSIZE_MAX)

    def _shown_columns(self) -> list[int]:
        return [i for i in range(self.columns.count()) if not self.columns.widget(i).isHidden()]

    def _lesson_shares(self, shown: list[int]) -> tuple[float, ...]:
        """The shown columns' shares of the width on a lesson step's stage."""
        table = LESSON_SHARES if self.mode == ROW and self.stack.isHidden() else {2: STACKED_SHARES}
        return tuple(self._beside_canvas(shown) or table.get(len(shown), [1 / max(len(shown), 1)] * len(shown)))

    def rebalance(self) -> None:
        """The columns' shares again where a view's needs changed them (the region view turned from a map to
        a curve after the step's arrangement: lesson step 11 reached with PageDown kept step 10's split, the
        plot 569 px wide where opened directly it had 708), else left as they are."""
        if self.layout_name == "lesson":
            shown = self._shown_columns()
            if (shown, self._lesson_shares(shown)) != self._balanced:
                self.balance()
            elif self.stack.isVisible() and self.mode != COLUMN:
                target = self._stack_target()  # (its text wrapped anew: a view may need more height now)
                if target is not None and target != self.stack.sizes():
                    self.stack.setSizes(target)

    def _beside_canvas(self, shown: list[int]) -> tuple[float, float] | None:
        """The canvas and one view side by side: their shares by what the view uses (see split.py)."""
        if self.mode != ROW or len(shown) != 2 or self.columns.widget(shown[0]) is not self.canvas:
            return None
        view = self.columns.widget(shown[1])
        if view is self.stack or view is self.tabs:
            return None
        share = self._canvas_share(view)
        return share, 1 - share

    def _canvas_share(self, view: QWidget) -> float:
        text = self.lesson_text.height() if self.lesson_text.isVisibleTo(self) else 0
        return canvas_share(view, self.width(), self.height() - text)

    def arrange_views(
        self,
        views: list[tuple[QWidget, Callable[[QWidget], None] | None]],
        below: list[QWidget] = (),
        titles: dict[QWidget, str] | None = None,
        main: QWidget | None = None,
    ) -> None:
        """A lesson step's stage: exactly these views side by side, left to right, no panel; a view in
        ``below`` goes under the view on its left (one column of two), when that is not the canvas.
        Where they do not fit so (:meth:`set_mode`), they go one above another or into tabs named by
        ``titles``, ``main`` first.

        Each view but the canvas comes from a dock and goes back there through its callable when
        it leaves the stage (another step, the lesson closed, presentation ended). Call
        :meth:`arrange` first: the canvas and region view are the stage's own.
        """
        wanted = [widget for widget, _ in views]
        self.give_back(keep=wanted)
        for widget, home in views:
            if home is not None:
                self._homes[widget] = home
        self._order = wanted
        self._canvas_wanted = self.canvas is not None and self.canvas in wanted
        self._lesson_views = [widget for widget in wanted if widget is not self.canvas]
        self._below = list(below)
        self._titles = dict(titles or {})
        self._main = main if main in self._lesson_views else None
        for widget in self._lesson_views:
            widget.removeEventFilter(self)  # (once each)
            widget.installEventFilter(self)
        self.layout_name = "lesson"
        self.mode = ""
        self.set_mode(ROW)
        self.panel.hide()

    def set_mode(self, how: str) -> None:
        """The lesson step's views beside the canvas: side by side (``ROW``), one above another
        (``COLUMN``) or in tabs (``TABS``), the step's main view first in the last two."""
        if self.layout_name != "lesson" or how == self.mode:
            return
        self.mode = how
        self._unstack()
        canvas = self.canvas if self._canvas_wanted else None
        if how == ROW:
            self._place_row()
        else:
            if canvas is not None:
                self.columns.insertWidget(0, canvas)
            holder = self.stack if how == COLUMN else self.tabs
            self.columns.insertWidget(1 if canvas is not None else 0, holder)
            for widget in self.ordered():
                if how == COLUMN:
                    self.stack.addWidget(widget)
                else:
                    self.tabs.addTab(widget, self._titles.get(widget, widget.windowTitle()))
            self.tabs.setCurrentIndex(0)
        for i in range(self.columns.count()):
            widget = self.columns.widget(i)
            holds = (widget is self.stack and self.stack.count() > 0) or (widget is self.tabs and self.tabs.count() > 0)
            widget.setVisible(widget in self._order or holds)
        for widget in self._lesson_views:
            widget.show()
        if how == TABS:
            for i in range(1, self.tabs.count()):
                self.tabs.widget(i).hide()  # a tab's page shows when its tab is chosen
        self.balance()

    def _place_row(self) -> None:
        column = 0
        wanted = self._order
        for i, widget in enumerate(wanted):
            upper = wanted[i - 1] if i > 0 else None
            if widget in self._below and upper is not None and upper is not self.canvas and self.stack.count() == 0:
                self.columns.insertWidget(column - 1, self.stack)
                self.stack.addWidget(upper)
                self.stack.addWidget(widget)
                continue
            self.columns.insertWidget(column, widget)  # moves a view already there
            column += 1

    def ordered(self) -> list[QWidget]:
        """The step's views but the canvas, its main view first."""
        first = [self._main] if self._main is not None else []
        return first + [widget for widget in self._lesson_views if widget not in first]

    def groups(self, how: str) -> list[list[QWidget]]:
        """The columns beside the canvas arranged ``how``, each a list of views one above another."""
        if how != ROW:
            return [self.ordered()] if self._lesson_views else []
        found: list[list[QWidget]] = []
        for i, widget in enumerate(self._order):
            upper = self._order[i - 1] if i > 0 else None
            stacked = any(len(group) > 1 for group in found)
            if widget in self._below and upper is not None and upper is not self.canvas and not stacked:
                found[-1].append(widget)
            elif widget is not self.canvas:
                found.append([widget])
        return found

    def shares(self, how: str) -> list[float]:
        """The columns' shares of the width beside the canvas arranged ``how``."""
        groups = self.groups(how)
        if how == ROW and self._canvas_wanted and len(groups) == 1 and len(groups[0]) == 1:
            return [1 - self._canvas_share(groups[0][0])]  # as balance() gives it
        count = len(groups) + (1 if self._canvas_wanted else 0)
        table = LESSON_SHARES if how == ROW and count == len(self._lesson_views) + 1 else {2: STACKED_SHARES}
        shares = list(table.get(count, [1 / max(count, 1)] * count))
        return shares[1:] if self._canvas_wanted else shares

    def room(self, extra_height: int = 0) -> Room:
        """The room below the step's text for the views (``extra_height``: what the panels under the stage
        would give back)."""
        self._fit_text()
        text = self.lesson_text.height() if self.lesson_text.isVisibleTo(self) else 0
        tab_bar = round(self.tabs.tabBar().fontMetrics().height() * TAB_BAR_LINES)  # (empty now: no size hint)
        return Room(self.width(), self.height() + extra_height - text, tab_bar)

    def _stack_sizes(self, height: int) -> list[int]:
        """A column of views: each by the height it needs (a view and the one under it: 60/40)."""
        count = self.stack.count()
        if self.mode != COLUMN or count == 0:
            return self._stack_target() or [round(height * share) for share in STACK_SHARES]
        width = max(self.stack.width(), 1)
        needs = [max(needed_height(self.stack.widget(i), width), 1) for i in range(count)]
        return [round(height * need / sum(needs)) for need in needs]

    def _stack_target(self) -> list[int] | None:
        """A view and the one under it: the upper one gets 60 % of the column, or more where it needs more at
        its width and the lower one keeps what it needs (lesson step 21's region view, its title and class
        key wrapped to two lines, got 60 % of a 1280×720 stage, less than it needs, and its legend was laid
        over the map's axis title)."""
        if self.stack.count() != 2:
            return None
        have = sum(self.stack.sizes())  # (the handle between them left out)
        if have <= 0:
            return None
        width = max(self.stack.width(), 1)
        needs = [needed_height(self.stack.widget(i), width) for i in range(2)]
        upper = max(round(have * STACK_SHARES[0]), min(needs[0], have - needs[1]))
        return [upper, have - upper]

    def _unstack(self) -> None:
        """The views stacked or tabbed for the last step back into the row of columns (hidden until shown)."""
        while self.stack.count():
            widget = self.stack.widget(0)
            widget.hide()
            self.columns.addWidget(widget)
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            widget.hide()
            self.columns.addWidget(widget)
        self.stack.hide()
        self.tabs.hide()

    def views(self) -> list[QWidget]:
        """The views on the stage now, stacked and tabbed ones included (a lesson step's in its order)."""
        if self.layout_name == "lesson":
            return [w for w in self._order if w.isVisible() or self.tabs.indexOf(w) >= 0]
        found = []
        for i in range(self.columns.count()):
            widget = self.columns.widget(i)
            if widget is self.stack:
                found += [self.stack.widget(j) for j in range(self.stack.count()) if self.stack.widget(j).isVisible()]
            elif widget is self.tabs and widget.isVisible():
                found += [self.tabs.widget(j) for j in range(self.tabs.count())]  # each a click away
            elif widget.isVisible():
                found.append(widget)
        return found

    def give_back(self, keep: list[QWidget] = ()) -> None:
        """Borrowed lesson views (except ``keep``) back to their docks."""
        for widget, home in list(self._homes.items()):
            if widget in keep:
                continue
            del self._homes[widget]
            widget.removeEventFilter(self)
            if widget is self.region:
                self.region = None
            home(widget)

    def show_lesson_text(self, html: str) -> None:
        """A lesson step's title and text above the views ("": none), always whole (at 1366×768 its last
        line was cut)."""
        self.lesson_text.setText(wrappable_html(html))  # a long word (a URL) wraps instead of running off
        self.lesson_text.setVisible(bool(html))
        self._fit_text()

    def _fit_text(self) -> None:
        label = self.lesson_text
        before = label.height()
        label.setMinimumHeight(0)  # (a label's height for a width is never less than its minimum height)
        label.setMaximumHeight(QWIDGETSIZE_MAX)
        height = max(label.heightForWidth(self.width()), MIN_TEXT_HEIGHT)
        label.setFixedHeight(height)
        if before != height and label.isVisible():
            self.layout().activate()  # the views move under it now, not when the stage is next laid out

    def release(self) -> tuple[QWidget | None, QWidget | None]:
        """Give the borrowed views back (lesson views to their docks; the canvas and the region view
        parentless, or None when a lesson step gave the region view back: the caller re-homes them)."""
        self.give_back()
        canvas, region = self.canvas, self.region
        for widget in (canvas, region):
            if widget is not None:
                widget.setParent(None)
        self.canvas = self.region = None
        return canvas, region

    def show_panel_text(self, text: str) -> None:
        if text != self.panel.toPlainText():
            scroll = self.panel.verticalScrollBar().value()
            self.panel.setPlainText(text)
            self.panel.verticalScrollBar().setValue(scroll)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and obj in self._lesson_views:
            self.needs_changed.emit()
        return False

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.balance()
        self._fit_text()
        self.pointer.setGeometry(self.rect())
        if self.caption.isVisible():
            self.caption.place()
