"""A dock opened from the View menu joins a neighbour's tabs where its column has no room for it, gets
the height its content needs where the column has it, and gives its neighbours their sizes back when
it is closed.

At 1280×720 the right column holds the Inspector and the Decision Regions; opening the Loss
Landscape or the Activation view there squeezed all three below legibility (the Inspector one row
high with a horizontal scroll bar, the regions' axis labels over their legend, the landscape's
fields and text cut). Qt splits a dock area among whatever is shown; this module decides instead:
a dock shown by its View menu action stacks only while every panel in its column keeps
``LEGIBLE_PX``; else it becomes a tab beside the largest panel there (never the Inspector) and is
raised. Stacked at 1920×1080, the landscape got an equal share of the column, 30 px short of its
readout's last line: a view whose content scrolls when short (``ScrolledBody``) is given its whole
height where its neighbours keep ``LEGIBLE_PX``.

Opening Math under the canvas at 1280×720 widened that row and narrowed both side columns, and
closing it left them so: the layout shifted once, the first time a panel was opened and closed.
The sizes the other panels had before a View menu action showed a dock come back when the user
closes it (View menu or its close button); a dock shown again comes back at the size it was closed at.

Beside the loss curves under the canvas, Qt split the row about evenly: at 1366×768 PyTorch got 243 px
of the 409 it asks for. A dock shown in a row is given the width it asks for, as far as the panels
beside it have room above their own least width.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

from designer.ui.dock_list import dock_widgets
from designer.ui.live.scrolled import ScrolledBody
from designer.ui.tab_walk import parked

AREA = Qt.DockWidgetArea
LEGIBLE_PX = 240  # a panel's least share of its column: a plot with its axes, a form of a few rows
KEPT_APART = ("inspectorDock",)  # never hidden behind a tab for another panel
TABBED = "tabbedForRoom"  # a dock property: make_room just made it a tab (brought to the front once shown)


def follow_view_actions(window: QMainWindow) -> None:
    """Make room (or a tab) for every dock its View menu action shows; put the layout back when it closes."""
    room = DockRoom(window)
    for dock in dock_widgets(window):
        # toggled comes before the dock shows itself (on triggered): the room is measured as it was, and a
        # tab is made before Qt widens a row and narrows the columns beside it. A dock shown by code
        # (a lesson, a restored layout) is visible by then and left where it is put.
        action = dock.toggleViewAction()
        action.toggled.connect(lambda checked, d=dock: checked or bring_forward(window, d))  # (before room's)
        action.toggled.connect(lambda checked, d=dock: room.toggled(d, checked))
        action.triggered.connect(lambda checked, d=dock: checked and room.in_tabs(d) and _in_front(d))
        dock.installEventFilter(room)  # its close button


def bring_forward(window: QMainWindow, dock: QDockWidget) -> None:
    """The View menu entry of a panel behind another's tab unticks it: Qt counts such a panel as shown, so
    its entry was ticked and hid it (Alt+V, N with the Exercise tab in front closed the Training panel,
    the keyboard's only way to it). The entry stays ticked; the panel comes to the front (triggered)."""
    if dock.isVisible() and parked(dock, window):
        dock.toggleViewAction().setChecked(True)  # Qt's toggle then finds it shown and leaves it so


class DockRoom(QObject):
    """What the user's opening and closing of docks changed, to undo it: the other docks' sizes before
    one was shown, and each closed dock's own size."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._before: dict[QDockWidget, dict[QDockWidget, QSize]] = {}
        #: a closed dock's column (or row) as it was, its own size with it
        self._own: dict[QDockWidget, dict[QDockWidget, QSize]] = {}
        #: docks about to show, sized once the layout has given them their place
        self._settling: dict[QDockWidget, dict[QDockWidget, QSize] | None] = {}

    def toggled(self, dock: QDockWidget, checked: bool) -> None:
        """Its View menu action: before a dock shows, or before it hides (code that shows or hides a
        dock does so first, and is left alone)."""
        if checked and not dock.isVisible():
            self.opening(dock)
        elif not checked and dock.isVisible() and not dock.toggleViewAction().isChecked():  # (bring_forward)
            self.closing(dock)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and isinstance(obj, QDockWidget) and obj.isVisible():
            self.closing(obj)  # the dock's close button (code hides docks without a close event)
        elif event.type() == QEvent.Type.Show and obj in self._settling:
            own = self._settling.pop(obj)
            # once laid out in its place, after the layout request its content posts (a lazy dock's content
            # is built as it shows): sized before that, the main window's next layout pass undid it
            _after_layout(obj, lambda: self._settle(obj, own))
        return False

    def opening(self, dock: QDockWidget) -> None:
        self._before[dock] = shown_sizes(self.window, dock)
        own = self._own.get(dock)
        make_room(self.window, dock, heighten=own is None)
        self._settling[dock] = own

    def _settle(self, dock: QDockWidget, own: dict[QDockWidget, QSize] | None, again: bool = True) -> None:
        """Once shown: back at the size it was closed at (its neighbours in the column as they were), else
        as tall as its content (in a column) or as wide as it asks (in a row) where there is room."""
        if not dock.isVisible() or dock.isFloating() or self.window.tabifiedDockWidgets(dock):
            return
        if own is not None:
            area = self.window.dockWidgetArea(dock)
            put_back(self.window, {d: size for d, size in own.items() if self.window.dockWidgetArea(d) == area})
            return
        widened = give_wanted_width(self.window, dock)
        if (give_content_height(self.window, dock) or widened) and again:
            # the scroll bar that showed while it was short went away (or a label unwrapped): laid out once more
            _after_layout(dock, lambda: self._settle(dock, None, again=False))

    def in_tabs(self, dock: QDockWidget) -> bool:
        """Shown as a tab (made one for room, or one when it was closed): its tab goes in front."""
        return bool(dock.property(TABBED)) or bool(self.window.tabifiedDockWidgets(dock))

    def closing(self, dock: QDockWidget) -> None:
        if not dock.isFloating() and not self.window.tabifiedDockWidgets(dock):
            self._own[dock] = shown_sizes(self.window)
        before = self._before.pop(dock, None)
        if before:
            QTimer.singleShot(0, self.window, lambda: put_back(self.window, before))


def shown_sizes(window: QMainWindow, leaving_out: QDockWidget | None = None) -> dict[QDockWidget, QSize]:
    """The size of every docked panel on screen (the front one of each tab group)."""
    return {
        d: d.size()
        for d in dock_widgets(window)
        if d is not leaving_out and d.isVisible() and not d.isFloating() and not d.visibleRegion().isEmpty()
    }


def put_back(window: QMainWindow, sizes: dict[QDockWidget, QSize]) -> None:
    """The panels still docked and on screen at ``sizes`` (columns' widths, rows' heights, the splits)."""
    docks = [d for d in sizes if d.isVisible() and not d.isFloating()]
    if docks:
        window.resizeDocks(docks, [sizes[d].width() for d in docks], Qt.Orientation.Horizontal)
        window.resizeDocks(docks, [sizes[d].height() for d in docks], Qt.Orientation.Vertical)


def _after_layout(dock: QDockWidget, call) -> None:
    """``call`` once the layout requests posted by now (and the ones they post) are handled."""
    QTimer.singleShot(0, dock, lambda: QTimer.singleShot(0, dock, call))


def give_content_height(window: QMainWindow, dock: QDockWidget) -> bool:
    """A dock in a side column whose content scrolls when short: the height that shows it whole, taken
    from the tallest panel in the column where that one keeps ``LEGIBLE_PX``. False: nothing asked."""
    area = window.dockWidgetArea(dock)
    scroll = dock.findChild(ScrolledBody)
    if area not in (AREA.LeftDockWidgetArea, AREA.RightDockWidgetArea) or scroll is None:
        return False
    need = scroll.heightForWidth(scroll.viewport().width())
    if need < 0:  # no text that wraps: the least its layout shows whole in
        need = scroll.widget().minimumSizeHint().height()
    lacking = need - scroll.viewport().height()
    others = _stacked(window, area, dock)
    if lacking <= 0:
        return False
    tallest = max(others, key=lambda d: d.height(), default=None)
    if tallest is None or tallest.height() - lacking < LEGIBLE_PX:
        return False
    # Qt moves one separator only when asked for one dock's size: the tallest neighbour gives the room
    docks = [*others, dock]
    heights = [d.height() - (lacking if d is tallest else 0) for d in others] + [dock.height() + lacking]
    window.resizeDocks(docks, heights, Qt.Orientation.Vertical)
    return True


def give_wanted_width(window: QMainWindow, dock: QDockWidget) -> bool:
    """A dock in the row under (or over) the canvas: the width it asks for (its size hint), taken from
    the panels beside it where they keep their own least width and ``LEGIBLE_PX``. Qt split the row
    evenly: at 1366×768 PyTorch got 243 px of the 409 it asks for (its question over six lines, six
    lines of code) while the loss curves beside it kept 345. False: nothing asked or nothing to give."""
    area = window.dockWidgetArea(dock)
    if area not in (AREA.BottomDockWidgetArea, AREA.TopDockWidgetArea):
        return False
    lacking = dock.sizeHint().width() - dock.width()
    row = [d for d in _stacked(window, area, dock) if _same_row(d, dock)]
    spare = {d: max(0, d.width() - _least_width(d)) for d in row}
    given = min(lacking, sum(spare.values()))
    if given <= 0:
        return False
    ordered = sorted(row, key=lambda d: spare[d], reverse=True)  # the one with most to spare gives first
    widths, left = [], given
    for d in ordered:
        taken = min(spare[d], left)
        widths.append(d.width() - taken)
        left -= taken
    # all of the row's panels asked for at once: Qt moves one separator only when asked for one dock's size
    window.resizeDocks([*ordered, dock], [*widths, dock.width() + given], Qt.Orientation.Horizontal)
    return True


def _same_row(other: QDockWidget, dock: QDockWidget) -> bool:
    """Side by side with ``dock`` (not above or below it in the same dock area)."""
    return other.y() < dock.y() + dock.height() and dock.y() < other.y() + other.height()


def _least_width(dock: QDockWidget) -> int:
    return max(dock.minimumSizeHint().width(), dock.minimumWidth(), LEGIBLE_PX)


def make_room(window: QMainWindow, dock: QDockWidget, heighten: bool = True) -> None:
    """Tab ``dock`` with its column's largest panel when stacking it would leave a panel too small; a
    panel under the canvas gets ``LEGIBLE_PX`` of height (the Math view showed four lines in 190 px)
    unless ``heighten`` is False (it comes back at the height it was closed at)."""
    if dock.isFloating():
        return
    area = window.dockWidgetArea(dock)
    if area == AREA.NoDockWidgetArea:
        return
    vertical = area in (AREA.LeftDockWidgetArea, AREA.RightDockWidgetArea)
    if not vertical and heighten:
        QTimer.singleShot(0, dock, lambda: _tall_enough(window, dock))
    stacked = _stacked(window, area, dock)
    if not stacked:
        return
    room = _column_length(window, vertical)
    if _fits(stacked + [dock], room, vertical):
        return
    neighbours = [d for d in stacked if d.objectName() not in KEPT_APART] or stacked
    size = (lambda d: d.height()) if vertical else (lambda d: d.width())
    neighbour = max(neighbours, key=size)
    window.tabifyDockWidget(neighbour, dock)
    dock.setProperty(TABBED, True)  # once it is shown (on triggered): its tab in front


def _in_front(dock: QDockWidget) -> None:
    """Its tab current; a view that refreshes when it becomes visible hears so (the Math view's text)."""
    dock.setProperty(TABBED, False)
    dock.raise_()
    if dock.isVisible() and hasattr(dock, "refresh"):
        dock.refresh()


def _fits(docks: list[QDockWidget], room: int, vertical: bool) -> bool:
    """Whether ``docks`` side by side (or stacked) each keep ``LEGIBLE_PX`` and their own minimum: a row
    under the canvas that needs more widened it and narrowed both side columns (Math beside the loss
    curves took 100 px from the Inspector and the Decision Regions, and kept them when closed)."""
    if vertical:
        return room / len(docks) >= LEGIBLE_PX
    return sum(max(d.minimumSizeHint().width(), LEGIBLE_PX) for d in docks) <= room


def _tall_enough(window: QMainWindow, dock: QDockWidget, asked: int = LEGIBLE_PX) -> None:
    """Once laid out: a panel under (or over) the canvas at least ``LEGIBLE_PX`` high, where the
    canvas keeps as much. Asked once more for what a tab bar took from the size given."""
    central = window.centralWidget()
    room = dock.height() + (central.height() if central is not None else 0)
    if not dock.isVisible() or dock.height() >= LEGIBLE_PX or room < 2 * LEGIBLE_PX:
        return
    window.resizeDocks([dock], [asked], Qt.Orientation.Vertical)
    if asked == LEGIBLE_PX:
        QTimer.singleShot(0, dock, lambda: _tall_enough(window, dock, 2 * LEGIBLE_PX - dock.height()))


def _stacked(window: QMainWindow, area, dock: QDockWidget) -> list[QDockWidget]:
    """The other docks seen in ``area``, one per tab group (the one on top of its tabs)."""
    seen = []
    for other in dock_widgets(window):
        if other is dock or other.isFloating() or not other.isVisible() or window.dockWidgetArea(other) != area:
            continue
        if other.visibleRegion().isEmpty():  # behind another tab
            continue
        if dock in window.tabifiedDockWidgets(other):  # it is already one of this panel's tabs
            return []
        seen.append(other)
    return seen


def _column_length(window: QMainWindow, vertical: bool) -> int:
    """The room a side column has from top to bottom (or a bottom row from left to right)."""
    central = window.centralWidget()
    if vertical:
        top = window.menuBar().height() if window.menuBar() is not None else 0
        bottom = window.statusBar().height() if window.statusBar() is not None else 0
        toolbars = central.geometry().top() - top if central is not None else 0
        return window.height() - top - bottom - max(toolbars, 0)
    return central.width() if central is not None else window.width()
