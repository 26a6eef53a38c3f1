"""Tab walks the main window in the order it is seen: left column, canvas, right column, bottom.

Qt's focus chain follows the order the widgets were made in: the Exercise panel (in the left
column) came after the right-hand panels, between the Inspector and the Loss plot. Real Tab and
Shift+Tab presses on the focused widget throughout.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QDockWidget, QWidget

from tests.ui.test_screen_reader import BACKTAB, focused, on_screen, press, tab_walk


def column(widget: QWidget, window) -> str:
    """Where ``widget`` is seen: left of the canvas, on it, right of it, or below it."""
    canvas = window.centralWidget().geometry()
    centre = widget.mapTo(window, widget.rect().center())
    if centre.x() < canvas.left():
        return "left"
    if centre.x() > canvas.right():
        return "right"
    return "bottom" if centre.y() > canvas.bottom() else "canvas"


def top_left(widget: QWidget, window) -> QPoint:
    return widget.mapTo(window, widget.rect().topLeft())


def exercise_window(qtbot, w):
    """The Exercise list in front on the left, a neuron in the Inspector on the right, the Loss plot below."""
    w.exercise.show()
    w.exercise.raise_()
    w.live.curves_dock.show()
    w.scene.select_nodes(["h1"])
    qtbot.waitUntil(lambda: w.inspector.current == "h1" and on_screen(w.exercise.panel.browser, w))
    return w


def test_tab_goes_canvas_right_bottom_then_left(qtbot, xor_window):
    """From the canvas Tab went Inspector, then the Exercise list on the far left, then back right to
    the plots: the focus jumped across the window."""
    w = exercise_window(qtbot, xor_window)
    stops = tab_walk(qtbot, w)  # from the canvas round to it
    columns = [column(stop, w) for stop in stops]
    assert {"left", "right", "bottom"} <= set(columns)
    ranks = {"right": 0, "bottom": 1, "left": 2}  # after the canvas; the left column wraps round to it
    assert [ranks[c] for c in columns] == sorted(ranks[c] for c in columns), columns
    for a, b in zip(stops, stops[1:], strict=False):  # down each column
        if column(a, w) == column(b, w) != "bottom" and a.window() is b.window():
            dock_a, dock_b = dock_of(a), dock_of(b)
            if dock_a is not dock_b and dock_a is not None and dock_b is not None:
                assert top_left(dock_a, w).y() <= top_left(dock_b, w).y()
    assert w.inspector.n_weights in stops and w.exercise.panel.browser in stops
    assert stops.index(w.inspector.n_weights) < stops.index(w.exercise.panel.browser)


def test_shift_tab_walks_the_same_stops_backwards(qtbot, xor_window):
    w = exercise_window(qtbot, xor_window)
    forward = tab_walk(qtbot, w)
    forward[-1].setFocus()  # the last stop before the canvas (Shift+Tab on the canvas selects)
    qtbot.waitUntil(forward[-1].hasFocus)
    backward = []
    for _ in forward[1:]:
        press(qtbot, BACKTAB)
        backward.append(focused())
    assert backward == forward[-2::-1]


def dock_of(widget: QWidget) -> QDockWidget | None:
    while widget is not None and not isinstance(widget, QDockWidget):
        widget = widget.parentWidget()
    return widget
