"""A status message longer than the bar ends in "…" between words and is whole in the bar's tooltip.

On a 1152 px window the cross-entropy advice given at Play was clipped mid-word against "Tool: Select"
("or, for several c"), with no sign that more was there.
"""

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QFontMetrics, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from tests.ui.live_gui import choose, mlp, sized_window

NARROW = (1152, 720)


def tooltip_over(qtbot, bar, point: QPoint) -> str:
    """The tooltip a pointer resting at ``point`` of ``bar`` brings up ("" for none)."""
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())  # (a tip hides a moment after it is told to)
    event = QHelpEvent(QEvent.Type.ToolTip, point, bar.mapToGlobal(point))
    QApplication.sendEvent(bar, event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_a_long_message_on_a_narrow_window_is_elided_between_words_and_whole_in_the_tooltip(qtbot):
    w = sized_window(qtbot, mlp([2, 2, 1], "tanh", "linear"), NARROW)
    choose(w.live.panel.loss, "cross_entropy")
    qtbot.keyClick(w, Qt.Key.Key_F8)  # Play: the advice on a linear output under cross-entropy
    qtbot.keyClick(w, Qt.Key.Key_F8)  # Pause
    bar = w.statusBar()
    message = bar.currentMessage()
    assert message.startswith("y: cross-entropy reads an output as a probability") and message.endswith("MSE.")
    message_end = QPoint(w.tool_label.x() - 40, bar.height() // 2)  # pointing at the text by "Tool: Select"
    assert tooltip_over(qtbot, bar, message_end) == message  # the whole text
    assert tooltip_over(qtbot, bar, w.tool_label.geometry().center()) == ""  # not over "Tool: Select"
    room = bar.message_rect()
    assert room.right() < w.tool_label.x()  # the message stops before "Tool: Select"
    shown = bar.shown_message()
    assert shown != message and shown.endswith("…")  # too long for 1152 px: a sign that more follows
    kept = shown[:-1]
    assert message.startswith(kept) and message[len(kept)] == " "  # cut between two words
    assert QFontMetrics(bar.font()).horizontalAdvance(shown) <= room.width()


def test_a_message_that_fits_is_shown_whole_without_a_tooltip(qtbot):
    w = sized_window(qtbot, mlp([2, 2, 1], "tanh", "sigmoid"), NARROW)
    w.actions["select_all"].trigger()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    bar = w.statusBar()
    assert bar.currentMessage().startswith("Undone: ")
    assert bar.shown_message() == bar.currentMessage()
    assert tooltip_over(qtbot, bar, bar.message_rect().center()) == ""
