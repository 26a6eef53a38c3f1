"""The key help and the captions on a 1366×768 laptop (the window 1229×691, as it opens there), found by a
tester: Esc with the key help up closed it and left the presentation; F5's key help covered the shipped
lesson's whole network; in step 2, D's legend lay under the "Not all neurons fit…" hint."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.test_presentation_help import present

K = Qt.Key


def test_esc_closes_the_key_help_and_a_second_esc_leaves(qtbot, xor_window):
    w = xor_window
    present(qtbot, w)
    caption = w.presentation.stage.caption
    assert caption.isVisible() and caption.text() == w.presentation.keys.help_text()  # F5's key help
    qtbot.keyClick(w.view, K.Key_Escape)
    assert not caption.isVisible()
    assert w.presentation.active and w.actions["present"].isChecked()  # still presenting
    qtbot.keyClick(w.view, K.Key_Question)
    assert caption.isVisible()
    qtbot.keyClick(w.view, K.Key_Escape)
    assert not caption.isVisible() and w.presentation.active
    qtbot.keyClick(w.view, K.Key_Escape)  # no help up: Esc leaves
    assert not w.presentation.active and not w.actions["present"].isChecked()


def test_esc_after_the_key_help_has_gone_leaves_at_once(qtbot, xor_window):
    w = xor_window
    present(qtbot, w)
    w.presentation.stage.caption.hide()  # its time is over
    qtbot.keyClick(w.view, K.Key_Escape)
    assert not w.presentation.active
