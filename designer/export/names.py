"""File names offered for exports of a network that has none: a lesson step's network is shown
without a file, and every export of it was offered ``network-….png``, one name for all steps.
"""

from __future__ import annotations

import re
import unicodedata

STEM_PART_LIMIT = 48  # characters of a title kept in a name (a whole sentence makes an unwieldy file name)
#: Letters without a decomposition into ASCII, written as their languages spell them without them
_SPELLED_OUT = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "SS",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "þ": "th",
        "Þ": "Th",
    }
)


def name_part(text: str, limit: int = STEM_PART_LIMIT) -> str:
    """``text`` as a piece of a file name that every file system takes: lower-case ASCII letters and
    digits joined by ``-`` (accents dropped, ``é`` → ``e``, ``ß`` → ``ss``; other characters are separators), cut at a
    ``-`` within ``limit`` characters; empty when nothing is left."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPELLED_OUT))
    ascii_text = "".join(c if c.isascii() else " " for c in decomposed if not unicodedata.combining(c))
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    part = ""
    for word in words:
        joined = f"{part}-{word}" if part else word
        if len(joined) > limit:
            return part or word[:limit]
        part = joined
    return part


def lesson_step_stem(lesson_id: str, number: int, count: int, title: str) -> str:
    """``neural-networks-step-08-a-multilayer-perceptron-and-its`` for step 8 of 21: the lesson, the
    step's number (zero-padded, so the files sort in the lesson's order) and the start of its title."""
    digits = max(2, len(str(count)))
    lesson = name_part(lesson_id) or "lesson"
    step = f"{lesson}-step-{number:0{digits}d}"
    titled = name_part(title)
    return f"{step}-{titled}" if titled else step


def network_stem(name: str, exercise: object = None) -> str:
    """The file name (without ``.json``) Save As offers a network that has no file yet: its exercise's id
    (what a grader sorts hand-ins by), else its name as a file-name piece ("XOR with ReLUs, exactly"
    offered ``XOR with ReLUs, exactly.json``: spaces and commas that break a TA's shell loop)."""
    if isinstance(exercise, str) and (part := name_part(exercise)):
        return part
    return name_part(name) or "network"
