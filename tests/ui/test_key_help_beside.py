"""Help ▸ Keyboard Shortcuts opens beside the canvas, as Getting Started does: centred over the main
window, it covered the canvas the student tries the keys on."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractScrollArea, QDialog

from designer.ui import side_panel
from tests.ui.menus import click_entry, open_menu_bar


def _canvas_on_screen(window) -> QRect:
    return QRect(window.view.mapToGlobal(QPoint(0, 0)), window.view.size())


def test_the_shortcuts_open_beside_the_canvas_not_over_it(qtbot, xor_window, monkeypatch):
    """(The test screen is 800 wide, with no room beside the window: the window goes beside the canvas,
    over a dock, so the width it needs is lowered to what this screen has, as for Getting Started.)"""
    w = xor_window
    screen = w.screen().availableGeometry()
    w.setGeometry(screen.adjusted(0, 30, 0, -30))
    qtbot.waitUntil(lambda: w.geometry().top() == screen.top() + 30)
    canvas = _canvas_on_screen(w)
    assert max(screen.right() - canvas.right(), canvas.left() - screen.left()) >= 150, "no room beside"
    monkeypatch.setattr(side_panel, "MIN_WIDTH", 150)
    click_entry(qtbot, open_menu_bar(qtbot, w, "Help"), "Keyboard Shortcuts")
    qtbot.waitUntil(lambda: w.findChild(QDialog, "keyboardShortcuts") is not None, timeout=2000)
    dialog = w.findChild(QDialog, "keyboardShortcuts")
    qtbot.waitUntil(dialog.isVisible)
    page = dialog.frameGeometry()
    assert not page.intersects(_canvas_on_screen(w)), (page, _canvas_on_screen(w))
    assert screen.contains(page) and page.width() >= 150
    text = dialog.findChild(QAbstractScrollArea, "keyboardShortcutsText")
    assert "Esc" in text.toPlainText() and dialog.focusWidget() is text  # a screen reader starts there


def test_the_shortcuts_wrap_to_the_windows_width(qtbot, xor_window):
    """At 1366×768 the window beside the canvas is some 570 px wide: the lines, not wrapped, were cut
    ("leave the canvas keeping th…") with a horizontal scroll bar. Now they wrap, and a wrapped line
    goes on under the description, not under the keys."""
    w = xor_window
    click_entry(qtbot, open_menu_bar(qtbot, w, "Help"), "Keyboard Shortcuts")
    qtbot.waitUntil(lambda: w.findChild(QDialog, "keyboardShortcuts") is not None, timeout=2000)
    dialog = w.findChild(QDialog, "keyboardShortcuts")
    qtbot.waitUntil(dialog.isVisible)
    dialog.resize(560, 350)
    text = dialog.findChild(QAbstractScrollArea, "keyboardShortcutsText")
    qtbot.waitUntil(lambda: text.viewport().width() < 560)
    qtbot.wait(20)  # laid out at that width
    assert text.horizontalScrollBar().maximum() == 0 and not text.horizontalScrollBar().isVisible()
    block = text.document().findBlock(text.toPlainText().index("Ctrl+Tab, Ctrl+Shift+Tab"))
    layout = block.layout()
    assert layout.lineCount() >= 2, "the line is wrapped"
    key_end = layout.lineAt(0).cursorToX(block.text().index("leave"))[0]
    assert abs(layout.lineAt(1).x() - key_end) < 2, (layout.lineAt(1).x(), key_end)
