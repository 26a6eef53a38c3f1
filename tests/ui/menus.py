"""Driving menus like a user: click a menu bar title, a toolbar button's arrow, then an entry."""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QStyleOptionToolButton, QToolButton

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


def plain(text: str) -> str:
    """A menu entry's text without its letter: no "&", nor a letter the text lacks, in brackets ("x₂² (&2)")."""
    return re.sub(r" \(&.\)$", "", text).replace("&", "")


def shown(text: str) -> str:
    """A menu entry's text as the menu shows it: its letter's "&" gone, "&&" one "&"."""
    return re.sub("&(.)", r"\1", text)


def entry(menu: QMenu, text: str) -> QAction:
    """The entry of ``menu`` showing ``text`` (accelerator ampersands ignored)."""
    found = [a for a in menu.actions() if plain(a.text()) == text]
    assert found, f"no entry {text!r} in {[plain(a.text()) for a in menu.actions()]}"
    return found[0]


def glide(menu: QMenu, point: QPoint) -> None:
    """Move the mouse onto ``point`` in a few steps: a menu ignores a click until the mouse has moved
    over it (else the release of the click that opened it would choose an entry)."""
    for dy in (7, 6, 5, 4, 3, 2, 1, 0):
        QTest.mouseMove(menu, point + QPoint(0, dy if point.y() + dy < menu.height() else -dy))


def click_entry(qtbot, menu: QMenu, text: str) -> QMenu | None:
    """Click the entry ``text`` of the open ``menu``; a submenu's entry opens it, and it is returned."""
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    action = entry(menu, text)
    point = menu.actionGeometry(action).center()
    glide(menu, point)
    QTest.mouseClick(menu, LEFT, NO_MOD, point)
    if action.menu() is not None:
        qtbot.waitUntil(action.menu().isVisible, timeout=2000)
        return action.menu()
    return None


def open_menu_bar(qtbot, window, title: str) -> QMenu:
    """Click a title of the window's menu bar; its menu opens."""
    bar = window.menuBar()
    action = next(a for a in bar.actions() if plain(a.text()) == title)
    QTest.mouseClick(bar, LEFT, NO_MOD, bar.actionGeometry(action).center())
    menu = action.menu()
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    return menu


def choose_from_menu_bar(qtbot, window, *path: str) -> None:
    """Menu bar title, then entries (submenus on the way), clicked one after the other."""
    menu = open_menu_bar(qtbot, window, path[0])
    for text in path[1:]:
        menu = click_entry(qtbot, menu, text) or menu


def arrow_point(button: QToolButton) -> QPoint:
    """Where a menu button's arrow is (the part of a MenuButtonPopup button that opens its menu)."""
    option = QStyleOptionToolButton()
    button.initStyleOption(option)
    rect = button.style().subControlRect(
        QStyle.ComplexControl.CC_ToolButton, option, QStyle.SubControl.SC_ToolButtonMenu, button
    )
    return rect.center()


def choose_from_button_menu(qtbot, button: QToolButton, text: str) -> None:
    """Click the button's arrow, then the entry ``text`` of the menu that pops up.

    The button's menu runs its own event loop until it closes, so the entry is clicked from a timer.
    """
    clicked: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu) or not menu.isVisible():
            QTimer.singleShot(10, pick)
            return
        point = menu.actionGeometry(entry(menu, text)).center()
        glide(menu, point)
        QTest.mouseClick(menu, LEFT, NO_MOD, point)
        clicked.append(text)

    QTimer.singleShot(0, pick)
    QTest.mousePress(button, LEFT, NO_MOD, arrow_point(button))
    qtbot.waitUntil(lambda: clicked == [text], timeout=3000)
    QTest.mouseRelease(button, LEFT, NO_MOD, arrow_point(button))
