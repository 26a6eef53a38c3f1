"""Help ▸ Getting Started as a new student meets it at 1366×768: where the page opens, what Esc does
in it, and how its steps write the keys they name."""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QTextBrowser

from designer.ui import side_panel
from designer.ui.canvas.modes import ADD_INPUT, SELECT
from designer.ui.side_panel import MIN_WIDTH, side_panel_frame
from tests.ui.gui import click, node_pos
from tests.ui.test_getting_started import _open_from_the_help_menu


def _canvas_on_screen(window) -> QRect:
    return QRect(window.view.mapToGlobal(QPoint(0, 0)), window.view.size())


def _on_screen(widget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def _add_input_from_the_page(qtbot, view):
    """The page in front, its step 2 key pressed: the canvas's Add Input tool is on; the page."""
    page = view.window()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=2000)
    qtbot.keyClick(view, Qt.Key.Key_I)  # step 2: the Add Input tool
    return page


def test_the_page_opens_beside_the_canvas_not_over_it(qtbot, xor_window, monkeypatch):
    """It opened centred over the main window (and, as its child, in front of it): at 1366×768 the
    student had to drag it aside before step 1, and it still covered the canvas. (The test screen is
    800 wide, with no room beside the window: the page goes beside the canvas, over a dock, narrower
    than at 1366×768, so the width it needs is lowered to what this screen has.)"""
    w = xor_window
    screen = w.screen().availableGeometry()
    w.setGeometry(screen.adjusted(0, 30, 0, -30))
    qtbot.waitUntil(lambda: w.geometry().top() == screen.top() + 30)
    room = max(screen.right() - _canvas_on_screen(w).right(), _canvas_on_screen(w).left() - screen.left())
    assert room >= 150, "the test needs some room beside the canvas"
    monkeypatch.setattr(side_panel, "MIN_WIDTH", 150)
    view = _open_from_the_help_menu(qtbot, w)
    page = view.window().frameGeometry()
    assert not page.intersects(_canvas_on_screen(w)), (page, _canvas_on_screen(w))
    assert screen.contains(page) and page.width() >= 150
    regions = _on_screen(w.live.region_dock)  # as tall as the screen above the Decision Regions view
    assert page.top() == screen.top() and page.bottom() + 1 == regions.top(), (page, regions)
    before = view.verticalScrollBar().value()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)  # it still scrolls (the page is longer than the screen)
    assert view.verticalScrollBar().value() > before


def test_the_side_panel_goes_beside_the_window_where_the_screen_has_room():
    screen = QRect(0, 0, 2560, 1400)
    main, canvas = QRect(100, 50, 1229, 691), QRect(460, 130, 490, 400)
    assert side_panel_frame(screen, main, canvas, 760) == QRect(1329, 0, 760, 1400)  # right of the window
    main = QRect(1300, 50, 1229, 691)
    assert side_panel_frame(screen, main, canvas.translated(1200, 0), 760) == QRect(540, 0, 760, 1400)  # left
    screen, main, canvas = QRect(0, 0, 1366, 768), QRect(68, 38, 1229, 691), QRect(427, 115, 492, 396)
    assert side_panel_frame(screen, main, canvas, 760) == QRect(919, 0, 447, 768)  # narrower, over the dock
    assert side_panel_frame(screen, main, QRect(300, 115, 900, 396), 760).width() == MIN_WIDTH  # no room


def test_the_page_over_the_right_docks_leaves_the_decision_regions_in_sight(qtbot, xor_window, monkeypatch):
    """At 1366×768 and 1280×720 there is no room beside the window: the page went over the right docks
    from the screen's top to its bottom and covered the Decision Regions view, which step 1 asks the
    student to look at ("now shows the line x₁ + x₂ = 1.5"). It covers the Inspector above it instead.
    (The test screen is 800×800: the window takes it as a 1366×768 one is taken, a margin all round,
    and the page's least width is lowered to the room this screen has beside the canvas.)"""
    w = xor_window
    monkeypatch.setattr(side_panel, "MIN_WIDTH", 150)
    screen = w.screen().availableGeometry()
    w.setGeometry(screen.adjusted(40, 30, -40, -30))
    qtbot.waitUntil(lambda: w.geometry().top() == screen.top() + 30)
    regions = w.live.region_dock
    qtbot.waitUntil(regions.isVisible)
    view = _open_from_the_help_menu(qtbot, w)
    page = view.window().frameGeometry()
    shown = _on_screen(regions)
    assert page.right() > shown.left(), "the page sits over the right column, as at 1366×768"
    assert not page.intersects(shown), (page, shown)
    assert not page.intersects(_canvas_on_screen(w))
    assert page.height() >= side_panel.MIN_HEIGHT and page.top() == screen.top()
    assert regions.visibleRegion().boundingRect().size() == regions.size()  # the view itself is whole
    bar = view.verticalScrollBar()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)  # the rest of the page is read by scrolling it
    assert 0 < bar.value() < bar.maximum()


def test_a_page_that_would_be_too_low_above_the_regions_keeps_its_height():
    """Above a Decision Regions view placed high (the Inspector closed) the page would show a few lines:
    it then keeps the screen's height (the student can read on), over the view."""
    frame = QRect(919, 0, 447, 768)
    assert side_panel.above(frame, QRect(925, 374, 372, 350)) == QRect(919, 0, 447, 374)
    assert side_panel.above(frame, QRect(925, 120, 372, 600)) == frame  # 120 px: too few lines
    assert side_panel.above(frame, QRect(100, 374, 300, 350)) == frame  # not under the page
    assert side_panel.above(frame, None) == frame  # closed, floating or behind another tab


def test_esc_in_the_page_ends_the_canvas_tool_and_ctrl_w_closes_the_page(qtbot, xor_window):
    """Step 2 says "press Esc to end the tool": pressed as read, with the page in front, Esc closed the
    page and the Add Input tool stayed on."""
    w = xor_window
    view = _open_from_the_help_menu(qtbot, w)
    page = _add_input_from_the_page(qtbot, view)
    assert w.view.mode == ADD_INPUT
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=2000)
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # "Press Esc to end the tool"
    assert w.view.mode == SELECT and "Select" in w.tool_label.text()
    assert page.isVisible()  # the page stays, to read on
    close = page.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    close.setFocus()
    qtbot.keyClick(close, Qt.Key.Key_Escape)  # Esc with the focus on its Close button is the window's too
    assert page.isVisible()
    shown = " ".join(view.toPlainText().split())
    assert "Ctrl+W" in shown and "Esc as well" in shown  # the page says how it closes
    page.activateWindow()  # (the page's own Ctrl+W; from the main window: the test below)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=2000)
    qtbot.keyClick(view, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.findChild(QDialog, "gettingStarted") is None, timeout=2000)  # closed and gone


def test_the_output_key_is_written_so_it_cannot_be_read_as_zero(qtbot, xor_window):
    """Step 7 said "press `O`": in the page's monospace font the letter O looks like the digit 0 (which
    does nothing). Pressed as the page now names it, with a neuron selected, it marks the output."""
    w = xor_window
    view = _open_from_the_help_menu(qtbot, w)
    shown = " ".join(view.toPlainText().split())
    assert "press O" not in shown and not re.search(r"press 0\b", shown)
    named = re.findall(r"Click the (?:neuron|last neuron) and press the letter (\w)\b", shown)
    assert named == ["O", "O"], named  # steps 1.7 and 4.3
    w.activateWindow()
    click(w.view, node_pos(w, "h2"))  # "Click the neuron"
    qtbot.waitUntil(lambda: w.actions["toggle_output"].isEnabled())
    page = view.window()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=2000)
    qtbot.keyClick(view, getattr(Qt.Key, f"Key_{named[0]}"))
    assert "h2" in w.document.network.outputs


def test_ctrl_w_closes_the_page_after_esc_handed_the_keys_to_the_window(qtbot, xor_window):
    """Esc in the page ends the canvas's tool and makes the main window active (its next keys go to the
    canvas): Ctrl+W, which the page names as its Close key, then did nothing until the student clicked
    the page again, since the page's Close key counted only while the page was active."""
    w = xor_window
    view = _open_from_the_help_menu(qtbot, w)
    page = _add_input_from_the_page(qtbot, view)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=2000)
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # "Press Esc to end the tool"
    assert w.view.mode == SELECT and page.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w and QApplication.focusWidget() is w.view, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)  # where keys go
    qtbot.waitUntil(lambda: w.findChild(QDialog, "gettingStarted") is None, timeout=2000)  # closed and gone
    assert QApplication.focusWidget() is w.view  # the keys stay on the canvas
    qtbot.keyClick(w.view, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)  # no page open: nothing, no error
    assert w.view.mode == SELECT


def test_getting_started_chosen_again_brings_the_open_page_back_not_a_second_one(qtbot, xor_window):
    """Each Help ▸ Getting Started opened one more page: two pages' Close keys in the main window were
    ambiguous, and Ctrl+W there closed neither."""
    w = xor_window
    first = _open_from_the_help_menu(qtbot, w).window()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    text = first.findChild(QTextBrowser)
    text.verticalScrollBar().setValue(text.verticalScrollBar().maximum() // 2)  # read halfway down
    where = text.verticalScrollBar().value()
    again = _open_from_the_help_menu(qtbot, w).window()
    assert again is first and len(w.findChildren(QDialog, "gettingStarted")) == 1
    qtbot.waitUntil(lambda: QApplication.focusWidget() is text, timeout=2000)  # back in the text, to read on
    assert where > 0 and text.verticalScrollBar().value() == where  # where the student was reading
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.findChild(QDialog, "gettingStarted") is None, timeout=2000)
