"""An underlined letter for each panel in the View menu (Inspector, History, Decision Regions…).

The panels' entries are their docks' toggle actions, named by the docks' titles, which have no
letter: the twelve of them were reached only by going down the menu one entry at a time.
:func:`letter_entries` gives each entry without a letter the first letter of its text that no
other entry of the menu uses (the docks keep their titles; they never change). Menus filled as they
open (File ▸ Open Recent, Network ▸ Add Feature, Help ▸ Lessons, View ▸ Present with Preset) call it
after each fill. Only letters and digits a key types count: the ₁ and ² of a feature's x₁² do not.
An entry none of whose letters is left (x₂² and x₁x₂, whose only one is the x that x₁² has) gets
one in brackets after its text, as Qt and Windows write a letter a text does not hold ("x₂² (&2)"):
the digit its ₂ or ² stands for first, else any letter or digit left.
"""

from __future__ import annotations

import string
import unicodedata

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu


def _letter(text: str) -> str:
    """The underlined letter of a menu text ("" for none)."""
    key = QKeySequence.mnemonic(text)
    return "" if key.isEmpty() else key.toString().removeprefix("Alt+").lower()


def _typed(char: str) -> bool:
    """A key types it: a letter or a plain digit (not the ₁ or ² of a feature's name, which no key gives)."""
    return char.isalpha() or char.isdecimal()


def _candidates(text: str, used: set[str]) -> list[str]:
    """The letters (and digits) of ``text`` no entry uses yet, in reading order."""
    return [char.lower() for char in text if _typed(char) and char.lower() not in used]


def _matched(bare: list[QAction], used: set[str]) -> dict[QAction, str]:
    """As many of ``bare`` as can have a letter of their own get one (a maximum matching: Kuhn's
    augmenting paths), each preferring its text's earliest free letter: an entry takes one from an
    entry before it only when it has none free (x₂ (x2) took x₁ (x1)'s x, leaving x₁ the 1)."""
    owner: dict[str, QAction] = {}

    def place(action: QAction, seen: set[str]) -> bool:
        candidates = _candidates(action.text(), used)
        free = [letter for letter in candidates if letter not in owner]
        for letter in free[:1] or candidates:
            if letter in seen:
                continue
            seen.add(letter)
            if letter not in owner or place(owner[letter], seen):
                owner[letter] = action
                return True
        return False

    for action in bare:
        place(action, set())
    return {action: letter for letter, action in owner.items()}


def letter_entries(menu: QMenu) -> None:
    """Each entry of ``menu`` without a letter gets an unused letter of its text, as many entries as
    can have one (all of the View menu's panels); the rest one in brackets while any is left."""
    used = {_letter(action.text()) for action in menu.actions()} - {""}
    bare = [a for a in menu.actions() if not a.isSeparator() and a.text() and not _letter(a.text())]
    matched = _matched(bare, used)
    for action, letter in matched.items():
        text = action.text()
        at = next(i for i, char in enumerate(text) if char.lower() == letter)  # ("a&&b" → "a&&&b": & and B)
        action.setText(f"{text[:at]}&{text[at:]}")
    used |= set(matched.values())
    for action in (a for a in bare if a not in matched):
        letter = _spare(action.text(), used)
        if letter:
            used.add(letter)
            action.setText(f"{action.text()} (&{letter.upper()})")


def _spare(text: str, used: set[str]) -> str:
    """A letter for an entry whose text has none left: a digit its ₂ or ² stands for, else the first
    letter or digit no entry uses ("" when all 36 are taken)."""
    digits = [str(unicodedata.digit(char)) for char in text if unicodedata.digit(char, None) is not None]
    return next((c for c in (*digits, *string.ascii_lowercase, *string.digits) if c not in used), "")
