"""The Math panel's notation list on a lesson stage at 1366×768: reached with PageDown (step 7 → 8) it
read "Lecture notation and n…" with room to spare beside it. It is narrow in a window's side column (its
longest entry made the row 405 px wide there) and shows its whole text where the row has the room."""

from __future__ import annotations

from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

from tests.ui.live_gui import open_window
from tests.ui.test_landscape_view import small_net
from tests.ui.test_presentation_lesson_room import go_to, present_lesson
from tests.ui.test_presented_landscape_page_down import page_down_to


def shown_whole(box) -> bool:
    """The combo box's field is wide enough for its current text (not elided)."""
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    field = box.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, box
    )
    return box.fontMetrics().horizontalAdvance(box.currentText()) <= field.width()


def test_the_notation_list_shows_its_whole_text_on_the_stage(qtbot, monkeypatch):
    w = present_lesson(qtbot, monkeypatch, 1366, 768)
    go_to(qtbot, w, 7)
    page_down_to(qtbot, w, 8)
    math = w.exports.math_dock
    box = math.notation_box
    assert math.body in w.presentation.stage.views() and box.isVisible()
    assert box.currentData() == "both"
    qtbot.waitUntil(lambda: shown_whole(box), timeout=3000)
    row = box.parentWidget().width()
    assert box.geometry().right() < row  # inside the panel


def test_it_asks_for_its_whole_text_and_may_shrink_to_lecture_notation(qtbot):
    w = open_window(qtbot, small_net())
    box = w.exports.math_dock.notation_box
    box.setCurrentIndex(box.findData("both"))
    least = box.minimumSizeHint().width()
    assert least < box.sizeHint().width()  # a side column may give it less than its whole text
    assert box.fontMetrics().horizontalAdvance("Lecture notation") <= least
