"""A lecture rehearsed on a projector: the lesson step's strip above the stage, the exercise panel beside
it, the region view's title for a focused neuron.

A word without a space (a URL, a German compound) in a step's text ran past the strip's right edge,
cut, and the label's minimum width (1,470 px) made the window wider than the screen.
"""

from __future__ import annotations

import html
import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget

from designer.lessons.loader import parse_lesson
from designer.resources import resource_file
from tests.ui.live_gui import open_window
from tests.ui.test_landscape_view import small_net
from tests.ui.test_presentation_lesson_room import go_to, present_lesson

K = Qt.Key
SIZE = (1366, 768)
URL = "https://example.org/lecture/neural-networks/backpropagation-through-the-whole-network-explained-slowly?page=1&lang=en"
WORD = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstaltsbeamtenausweisnummernverzeichnis"


def lesson_with_long_words():
    """The shipped lesson, its first two steps' texts led by a long URL and a longer word."""
    doc = json.loads(resource_file("lessons", "neural-networks.json").read_text(encoding="utf-8"))
    for step in doc["steps"][:2]:
        step["text"] = f"See {URL} and {WORD} for more.\n{step['text']}"
    return parse_lesson(json.dumps(doc))


def present_at(qtbot, monkeypatch, lesson):
    w = open_window(qtbot, small_net())
    monkeypatch.setattr(w, "showFullScreen", lambda: w.resize(*SIZE))
    monkeypatch.setattr(w, "isFullScreen", lambda: w.presentation.active)
    w.live.build_plots()
    w.lessons.open(lesson)
    qtbot.keyClick(w, K.Key_F5)
    assert w.presentation.active
    qtbot.waitUntil(lambda: w.width() == SIZE[0] and w.presentation.stage.width() > SIZE[0] // 2)
    return w


def shown_words(label) -> str:
    """The strip's text as read: entities as their characters, without the zero-width break chances."""
    return html.unescape(label.text()).replace("\u200b", "")


def test_a_long_word_in_a_steps_text_wraps_inside_the_strip(qtbot, monkeypatch):
    w = present_at(qtbot, monkeypatch, lesson_with_long_words())
    strip = w.presentation.stage.lesson_text
    for step in (1, 2):  # the second one reached with the clicker's PageDown
        if step == 2:
            qtbot.keyClick(w.view, K.Key_PageDown)
            qtbot.waitUntil(lambda: w.lessons.index == 1)
        qtbot.waitUntil(lambda: strip.isVisible())
        assert URL in shown_words(strip) and WORD in shown_words(strip), step  # every letter, in order
        assert strip.minimumSizeHint().width() <= strip.width(), step  # no line wider than the strip
        assert strip.width() <= SIZE[0] and w.minimumSizeHint().width() <= SIZE[0], step
        assert strip.height() >= strip.heightForWidth(strip.width()), step  # and the wrapped lines all shown


def test_the_exercise_panel_beside_the_stage_grows_to_what_its_page_needs(qtbot, monkeypatch):
    """Steps 12–15 reached with PageDown at 1920×1080: the exercise put its task toggle beside its title
    after the step's fit, and the panel kept its width: the toggle, the verdict and the plot's axis were
    cut at its right edge (opened at the step itself, the panel was wide enough)."""
    w = present_lesson(qtbot, monkeypatch, 1920, 1080)
    go_to(qtbot, w, 14)
    qtbot.keyClick(w.view, K.Key_PageDown)
    qtbot.waitUntil(lambda: w.lessons.index == 14)
    dock = w.findChild(QDockWidget, "exerciseDock")
    scroll = dock.widget()
    page = scroll.widget()
    qtbot.waitUntil(lambda: w.presentation.fitter.settled() and dock.isVisible())
    qtbot.waitUntil(lambda: page.width() <= scroll.viewport().width(), timeout=3000)
    assert page.minimumSizeHint().width() <= scroll.viewport().width()  # the whole page, nothing cut
    assert w.exercise.panel.detail.task.isVisible()  # the task toggle beside the title, in full
    assert dock.width() <= 0.4 * w.width()  # the stage stays the main thing


def test_the_region_title_says_focused_for_a_neuron_focused_by_its_number(qtbot, xor_window):
    """Key 2 while presenting: the region view showed h2's map titled "(hovered)", with no mouse on it."""
    w = xor_window
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    qtbot.keyClick(w, K.Key_F5)
    assert w.presentation.active
    qtbot.keyClick(w.view, K.Key_2)
    focused = w.presentation.focused
    assert focused is not None
    title = w.live.region.title.text()
    assert "over the plane (focused)" in title and "hovered" not in title
    qtbot.keyClick(w.view, K.Key_Escape)  # back to the whole network: the outputs' title again
    assert w.presentation.focused is None and "over the plane" not in w.live.region.title.text()
