"""The Help menu lists the lessons right after Getting Started.

A new user's look: Getting Started's step 5 and the lecture's hand-out say *Help ▸ Lessons*; the menu
showed Getting Started, Keyboard Shortcuts, About NN Designer and then, last, under About (where a
menu's end usually is), Lessons."""

from tests.ui.menus import click_entry, open_menu_bar, plain


def test_lessons_follow_getting_started_and_about_is_last(qtbot, xor_window):
    menu = open_menu_bar(qtbot, xor_window, "Help")
    entries = [plain(a.text()) for a in menu.actions() if not a.isSeparator()]
    assert entries == ["Getting Started", "Lessons", "Keyboard Shortcuts", "About NN Designer"]
    lessons = click_entry(qtbot, menu, "Lessons")  # the submenu still opens with the shipped lesson
    assert "Neural networks (21 steps)" in [plain(a.text()) for a in lessons.actions()]
    lessons.close()
    menu.close()
