"""Room on low screens while presenting (1024×768, 1280×720): the Math panel's note that nothing collapses
took two of its lines, so at its minimum height the formula line was cut."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from designer.model import ReplaceNetwork
from tests.ui.live_gui import mlp
from tests.ui.test_presentation_lesson_room import go_to, present_lesson

K = Qt.Key


def whole_lines(text) -> int:
    """How many whole lines of its text a plain-text view shows."""
    room = text.viewport().height() - 2 * text.document().documentMargin()
    return int(room // text.fontMetrics().lineSpacing())


@pytest.mark.parametrize("size", [(1024, 768), (1280, 720)])
def test_the_math_panel_shows_its_formula_line_not_a_note_that_nothing_collapses(qtbot, monkeypatch, size):
    w = present_lesson(qtbot, monkeypatch, *size)
    go_to(qtbot, w, 1)
    qtbot.keyClick(w.view, K.Key_D)  # the backward walk pins a probe
    qtbot.wait(50)
    math = w.exports.math_dock
    assert math.isVisible()
    assert not math.collapse_label.isVisible()  # nothing to collapse in the lesson's network
    assert whole_lines(math.text) >= 2  # (at 1024×768 it showed one and a half)


def test_a_network_with_something_to_collapse_keeps_its_note_while_presenting(qtbot, monkeypatch):
    w = present_lesson(qtbot, monkeypatch, 1024, 768)
    w.document.push(ReplaceNetwork(mlp([2, 2, 1], hidden="linear")))
    math = w.exports.math_dock
    math.refresh()
    assert math.brief and not math.collapse_label.isHidden()
    assert "hidden linear neuron(s)" in math.collapse_label.text()
    qtbot.keyClick(w.view, K.Key_F5)  # leaving: the note as before, whatever the network
    assert not math.brief
