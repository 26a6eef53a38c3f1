"""Where a small window of the live views (the restarts) opens over the main window: clear of the neurons.

At the main window's lower left it covered the Lesson dock's step list, but where that dock is narrower
than the window (1366×768: a 300 px dock, a 520 px window) it covered x₂ and h₂ on the canvas too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, QTimer
from PySide6.QtWidgets import QWidget

GAP = 8  # pixels between a neuron and the window shortened to clear it
MIN_HEIGHT = 220  # a window shortened to clear the neurons keeps at least this (its plot must be readable)


def node_areas(window) -> list[QRect]:
    """The neurons and inputs the canvas shows, in screen coordinates (the parts in its viewport)."""
    view, scene = getattr(window, "view", None), getattr(window, "scene", None)
    if view is None or scene is None or not view.isVisible():
        return []
    port = view.viewport()
    shown = QRect(port.mapToGlobal(QPoint(0, 0)), port.size())
    rects = []
    for item in scene.node_items.values():
        box = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
        rect = QRect(port.mapToGlobal(box.topLeft()), box.size()).intersected(shown)
        if not rect.isEmpty():
            rects.append(rect)
    return rects


class ClearOfNodes(QObject):
    """Keeps ``dialog`` clear of ``window``'s neurons while the canvas settles (a lesson step fits it again
    once its docks have their sizes, after the restarts began) and until the user moves the dialog."""

    def __init__(self, dialog: QWidget, window: QWidget) -> None:
        super().__init__(dialog)
        self.dialog, self.window = dialog, window
        self.size = dialog.frameGeometry().size()  # as asked for: a shortened window grows back when it can
        self.at: QPoint | None = None
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.timeout.connect(self.place)
        view = getattr(window, "view", None)
        if view is not None:
            view.zoomed.connect(self._canvas_moved)
            for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
                bar.valueChanged.connect(self._canvas_moved)
            view.viewport().installEventFilter(self)
        self.place()

    def place(self) -> None:
        if self.dialog.isWindow() and self.dialog.isVisible() and self.window.isVisible():  # (not on the stage)
            place_clear(self.dialog, self.window, lambda: node_areas(self.window), self.size)
            self.at = self.dialog.pos()

    def _canvas_moved(self, *_args) -> None:
        if self.at is not None and self.dialog.isWindow() and self.dialog.pos() == self.at:  # not moved since
            self._later.start(0)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._canvas_moved()
        return False


def place_clear(dialog: QWidget, window: QWidget, nodes: Callable[[], list[QRect]], size: QSize) -> None:
    """``dialog`` at ``window``'s lower left where it covers no neuron, else shortened below the lowest
    one it would cover, else at the lower right, else the upper right; where all cover one, the lower left."""
    area = on_screen(QRect(window.mapToGlobal(QPoint(0, 0)), window.size()), window)
    frame = dialog.frameGeometry()
    extra = frame.size() - dialog.size()  # a window manager's title bar and borders
    width, height = size.width(), min(size.height(), area.height())
    taken = nodes()

    def free(rect: QRect) -> bool:
        return not any(rect.intersects(node) for node in taken)

    lower_left = QRect(area.left(), area.bottom() - height + 1, width, height)
    corners = [
        QRect(area.right() - width + 1, area.bottom() - height + 1, width, height),
        QRect(area.right() - width + 1, area.top(), width, height),
    ]
    chosen = lower_left if free(lower_left) else _shortened(lower_left, taken, dialog, extra.height())
    if chosen is None:
        chosen = next((rect for rect in corners if free(rect)), lower_left)
    if chosen.size() != frame.size():
        dialog.resize(chosen.width() - extra.width(), chosen.height() - extra.height())
    dialog.move(chosen.topLeft())


def on_screen(area: QRect, window: QWidget) -> QRect:
    """The part of ``area`` the screen shows: a main window reaching below a 720 px screen (no window
    manager to keep it on) put the restarts at y 381 with 360 px, its lower part off the screen."""
    screen = window.screen()
    shown = area.intersected(screen.availableGeometry()) if screen is not None else area
    return shown if shown.width() >= 200 and shown.height() >= 200 else area


def _shortened(rect: QRect, taken: list[QRect], dialog: QWidget, frame_height: int) -> QRect | None:
    """``rect`` with its top moved below the neurons it covers, if it keeps a readable height."""
    covered = [node for node in taken if node.intersects(rect)]
    top = max(node.bottom() for node in covered) + GAP + 1
    least = max(MIN_HEIGHT, dialog.minimumSizeHint().height() + frame_height)
    if rect.bottom() - top + 1 < least:
        return None
    return QRect(rect.left(), top, rect.width(), rect.bottom() - top + 1)
