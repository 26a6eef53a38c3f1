"""The shipped lesson on a school laptop: a 1024×768 screen, the window at 1000×720.

Step 3 put three views beside the canvas and the window's minimum width rose to 1094 px, past the
screen; an empty Inspector took some 560×200 px; "Hover for values" was cut to "Hover for".
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt

from designer.lessons import load_lesson
from designer.ui.lesson import arrange
from designer.ui.lesson.views import main_view
from tests.ui import gui
from tests.ui.live_gui import sized_window
from tests.ui.test_landscape_view import small_net

SCREEN = QSize(1024, 768)
WINDOW = (1000, 720)


@pytest.fixture
def laptop(qtbot, monkeypatch):
    """The app's window at 1000×720 on a 1024×768 screen (the offscreen screen has another size)."""
    monkeypatch.setattr(arrange, "room", lambda window: window.size().boundedTo(SCREEN))
    return sized_window(qtbot, small_net(), WINDOW)


def test_no_step_makes_the_window_larger_than_the_screen(qtbot, laptop):
    w = laptop
    lesson = load_lesson("neural-networks")
    assert w.lessons.open(lesson)
    for number, step in enumerate(lesson.steps, start=1):
        w.lessons.go(number - 1)
        need = w.minimumSizeHint()
        assert need.width() <= SCREEN.width() and need.height() <= SCREEN.height(), (number, need)
        docks = [w.lessons.views.dock(name) for name in step.views if name != "canvas"]
        assert all(dock.isVisible() for dock in docks), number  # every view of the step is there
        main = w.lessons.views.dock(main_view(step)) if main_view(step) else None
        # the step's main view shows (in front of its tab group, if the views went into tabs)
        qtbot.waitUntil(lambda main=main: main is None or not main.visibleRegion().isEmpty(), timeout=3000)
    assert w.width() <= SCREEN.width() and w.height() <= SCREEN.height()


def test_step_3_stacks_its_views_and_keeps_the_window_size(qtbot, laptop):
    w = laptop
    assert w.lessons.open(load_lesson("neural-networks"), 2)  # canvas, decision regions, loss landscape
    regions, landscape = w.live.region_dock, w.live.landscape_dock
    how = w.lessons.views.arrangement
    assert how in (arrange.COLUMN, arrange.TABS)  # not side by side: that took 1094 px
    if how == arrange.COLUMN:  # the landscape, which the step is about, on top
        qtbot.waitUntil(lambda: landscape.geometry().bottom() <= regions.geometry().top(), timeout=3000)
        shown = (regions, landscape)
    else:  # the landscape's tab in front, the regions' a click away
        assert regions in w.tabifiedDockWidgets(landscape)
        qtbot.waitUntil(lambda: not landscape.visibleRegion().isEmpty(), timeout=3000)
        shown = (landscape,)
    assert (w.width(), w.height()) == WINDOW
    for dock in shown:  # each at least its minimum size: nothing squeezed
        assert dock.width() >= dock.minimumSizeHint().width() and dock.height() >= dock.minimumSizeHint().height()


def test_the_empty_inspector_takes_only_its_hint_until_something_is_selected(qtbot, laptop):
    w = laptop
    assert w.lessons.open(load_lesson("neural-networks"), 1)  # logistic regression: nothing selected
    dock = w.inspector_dock
    hint = dock.sizeHint().height()
    qtbot.waitUntil(lambda: dock.isVisible() and dock.height() <= hint + 4, timeout=3000)
    assert dock.height() < 0.15 * w.height()
    qtbot.waitUntil(lambda: not w.view.viewport().visibleRegion().isEmpty(), timeout=3000)
    w.view.zoom_to_fit()  # (as the step does once its docks have their sizes)
    gui.inspect(qtbot, w, "y")  # a neuron selected: its page needs the room
    qtbot.waitUntil(lambda: dock.height() > 0.15 * w.height(), timeout=3000)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Escape)  # nothing selected
    qtbot.waitUntil(lambda: w.inspector.current is None, timeout=3000)
    qtbot.waitUntil(lambda: dock.height() <= hint + 4, timeout=3000)


@pytest.mark.parametrize("step", [3, 7])
def test_hover_for_values_is_not_cut(qtbot, laptop, step):
    w = laptop
    assert w.lessons.open(load_lesson("neural-networks"), step - 1)
    readout = w.live.curves.readout
    qtbot.waitUntil(lambda: readout.isVisible() and readout.width() > 0, timeout=3000)

    def whole() -> bool:
        if readout.wordWrap():
            return readout.height() >= readout.heightForWidth(readout.width())
        return readout.width() >= readout.fontMetrics().horizontalAdvance(readout.text())

    qtbot.waitUntil(whole, timeout=3000)


def test_step_1_shows_the_weights_it_asks_to_drag(qtbot, laptop):
    """Step 1 selects y and says "drag a weight or the bias": the Inspector's incoming weights sat below
    a 150 px fold (and a column asked for more than it had shrank every dock's share)."""
    w = laptop
    assert w.lessons.open(load_lesson("neural-networks"), 0)
    qtbot.waitUntil(lambda: w.inspector.current == "y", timeout=3000)
    table = w.inspector.n_weights
    scroll = w.inspector_dock.widget()

    def rows_shown() -> bool:
        last = table.visualItemRect(table.item(table.rowCount() - 1, 0))
        bottom = table.viewport().mapTo(scroll.viewport(), last.bottomLeft()).y()
        return table.rowCount() == 2 and 0 < bottom <= scroll.viewport().height()

    qtbot.waitUntil(rows_shown, timeout=3000)
    assert w.live.region_dock.height() >= w.live.region_dock.minimumSizeHint().height()
