"""A node dragged to the canvas's edge scrolls the canvas, as drag-and-drop in a list does.

Getting Started's step 3 says "drag y to the right to make room": after Start, y already sat by the
view's right edge, and a drag stopped there (the view scrolls only as far as the scene reaches, and
nothing scrolled it). While a dragged node's cursor is within EDGE_PX of an edge, the view scrolls that
way every TICK_MS, its scroll range grown ahead of it, and the node follows the still cursor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from designer.ui.canvas.view import CanvasView

EDGE_PX = 24  # the cursor this close to an edge (on screen) scrolls the view
STEP_PX = 12  # screen pixels per tick
TICK_MS = 30  # about 400 pixels a second


def edge_push(area: QRect, pos: QPointF, edge: float = EDGE_PX) -> tuple[int, int]:
    """Which way (-1, 0, 1 in x and in y) the cursor at ``pos`` pushes a view showing ``area``."""
    dx = -1 if pos.x() < area.left() + edge else 1 if pos.x() > area.right() - edge else 0
    dy = -1 if pos.y() < area.top() + edge else 1 if pos.y() > area.bottom() - edge else 0
    return dx, dy


def grown(rect: QRectF, ahead: QRectF, dx: int, dy: int) -> QRectF:
    """``rect`` grown to reach ``ahead`` along the axes the drag scrolls, and only along them: a range
    grown upwards too became a viewport's height (give or take rounding) and brought a scroll bar,
    which narrowed the view under the held cursor."""
    if dx:
        rect = rect.united(QRectF(ahead.left(), rect.top(), ahead.width(), rect.height()))
    if dy:
        rect = rect.united(QRectF(rect.left(), ahead.top(), rect.width(), ahead.height()))
    return rect


class EdgeScroll(QObject):
    """Scrolls ``view`` while a node drag holds the cursor by one of its edges."""

    def __init__(self, view: CanvasView) -> None:
        super().__init__(view)
        self._view = view
        self._pos = QPointF()
        self._modifiers = Qt.KeyboardModifier.NoModifier
        self._grown = False  # the scroll range was grown for this drag: put back at its end
        self._policies: tuple[Qt.ScrollBarPolicy, Qt.ScrollBarPolicy] | None = None  # before the bars were held
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    @property
    def scrolling(self) -> bool:
        return self._timer.isActive()

    def follow(self, pos: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        """The dragged node's cursor is at ``pos`` (viewport): scroll while it is by an edge."""
        self._pos, self._modifiers = QPointF(pos), modifiers
        if edge_push(self._view.viewport().rect(), pos) == (0, 0):
            self._timer.stop()
        elif not self._timer.isActive():
            self._timer.start()

    def stop(self) -> None:
        """The drag ended: no more scrolling, and the scroll range is the view's own again."""
        self._timer.stop()
        if not self._grown:
            return
        self._grown = False
        view = self._view
        if view.cut_rect.isNull():  # the content's range, which reaches the moved nodes
            view.follow_content()
        else:  # a fit's range (presentation), widened to reach the moved nodes
            view.cut_rect = view.cut_rect.united(view.nodes_rect())
            view.setSceneRect(view.cut_rect)
        self._let_bars_go()  # (after: with the range grown for the drag, a bar came that the new one needs not)

    def _hold_bars(self) -> None:
        """Scroll bars neither come nor go while the drag scrolls: a bar that came (the range grew to
        the right, and the content was as tall as the view) narrowed the view under the held cursor,
        and the node ended beyond its edge. The range still scrolls with a bar held off."""
        view = self._view
        self._policies = (view.horizontalScrollBarPolicy(), view.verticalScrollBarPolicy())
        for bar, policy, set_policy in (
            (view.horizontalScrollBar(), self._policies[0], view.setHorizontalScrollBarPolicy),
            (view.verticalScrollBar(), self._policies[1], view.setVerticalScrollBarPolicy),
        ):
            if policy == Qt.ScrollBarPolicy.ScrollBarAsNeeded:
                on = bar.isVisible()
                set_policy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn if on else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _let_bars_go(self) -> None:
        if self._policies is not None:
            self._view.setHorizontalScrollBarPolicy(self._policies[0])
            self._view.setVerticalScrollBarPolicy(self._policies[1])
            self._policies = None

    def _tick(self) -> None:
        view = self._view
        dx, dy = edge_push(view.viewport().rect(), self._pos)
        if (dx, dy) == (0, 0) or view.scene().mouseGrabberItem() is None:  # (the drag was taken away)
            self._timer.stop()
            return
        step = STEP_PX / max(view.transform().m11(), 1e-6)
        ahead = view.visible_scene_rect().translated(dx * step, dy * step)
        if not self._grown:
            self._hold_bars()
        view.setSceneRect(grown(view.sceneRect(), ahead, dx, dy))  # room to scroll into
        self._grown = True
        view.fitted = False  # the user moved the view: a resize no longer refits it
        for bar, d in ((view.horizontalScrollBar(), dx), (view.verticalScrollBar(), dy)):
            bar.setValue(bar.value() + d * STEP_PX)
        moved = QMouseEvent(
            QEvent.Type.MouseMove,
            self._pos,
            QPointF(view.viewport().mapToGlobal(self._pos.toPoint())),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            self._modifiers,
        )
        QApplication.sendEvent(view.viewport(), moved)  # the node follows the cursor, which stayed put
