"""A formula's text as Python's parser reads it, and what goes wrong there in a student's words.

The typographic ``−``, ``×``, ``·``, ``÷``, ``²``, ``³`` and subscript digits become ASCII and ``^``
becomes ``**``, keeping, for every character, the column it was typed at; characters the parser
would misread or drop (``#``, ``0x1``, control characters) are caught first; Python's syntax errors
are reworded ("a number runs into letters (write 2*x1 for a product)") at the column the user sees.
:mod:`designer.model.formula` turns the parsed text into a formula tree.
"""

from __future__ import annotations

import re
import unicodedata

from designer.model.expressions import product_sign_problem

#: Typographic characters read as their ASCII spelling (a formula copied from the canvas parses).
_SPELLINGS = str.maketrans(
    {
        "−": "-",
        "×": "*",
        "·": "*",
        "⋅": "*",
        "÷": "/",
        "²": "^2",
        "³": "^3",
        **{chr(0x2080 + d): str(d) for d in range(10)},
    }
)
#: Python's words for a syntax fault → a student's (the rest are clear as they are: "'(' was never closed").
_SYNTAX_WORDS = {
    "invalid syntax": "unexpected",
    "invalid decimal literal": "a number runs into letters (write 2*x1 for a product)",
    "invalid hexadecimal literal": "not a number",
    "invalid octal literal": "not a number",
    "invalid binary literal": "not a number",
    "leading zeros in decimal integer literals": "a number cannot start with 0 (write 1, or 0.1)",
    "unterminated string literal": "quotes are not allowed",
    "unterminated triple-quoted string literal": "quotes are not allowed",
}


def character_problem(text: str) -> tuple[int, str] | None:
    """(column from 1, why) for a character Python's parser would misread or drop, before it sees it:
    ``#`` starts a comment (``x1 + x2 # x3`` was read as x1 + x2), control characters and lone
    surrogates (no message of Python's names them), Python's hexadecimal, binary and octal numbers
    (``0x1`` was read as 1 where 0*x1 was meant), and doubled or ambiguous product signs."""
    if "\n" in text.strip() or "\r" in text.strip():
        return None  # said as "a formula is one line" where Python's fault is worded
    for i, c in enumerate(text):
        if c == "#":
            return i + 1, "unexpected '#'"
        if unicodedata.category(c) in ("Cc", "Cs") and c not in "\t\n\r":
            return i + 1, f"a character that cannot be in a formula (U+{ord(c):04X})"
    if found := _PREFIXED_NUMBER.search(text):  # Python reads 0x1 as hexadecimal 1, where 0*x1 was meant
        return found.start() + 1, f"a number runs into letters (write {found[1]}*{found[2]} for a product)"
    return product_sign_problem(text)


def python_source(text: str) -> tuple[str, list[int]]:
    """``text`` as Python writes it (``^`` → ``**``, ``x₁²`` → ``x1**2``), and for each of its characters
    the index of the typed character it came from: a fault's column is the one the user sees."""
    parts, origin = [], []
    start = len(text) - len(text.lstrip())
    for i, char in enumerate(text.strip(), start=start):
        spelled = char.translate(_SPELLINGS).replace("^", "**")
        parts.append(spelled)
        origin.extend([i] * len(spelled))
    return "".join(parts), origin


def syntax_fault(text: str, origin: list[int], exc: SyntaxError) -> str:
    """Python's syntax error in the app's words, at the column of the text as typed (1 = first)."""
    if "\n" in text.strip() or "\r" in text.strip():
        return "a formula is one line"
    words = next((plain for python, plain in _SYNTAX_WORDS.items() if exc.msg.startswith(python)), exc.msg)
    offset = exc.offset or 0
    if not 0 < offset <= len(origin):  # Python reports an expression cut short at column 0
        return f"something is missing after '{text.strip()[-20:]}'"
    column = origin[offset - 1]
    if exc.msg.startswith("invalid decimal literal"):
        words = _number_into_letters(text, column) or words
    if words == "unexpected":
        return f"unexpected '{text[column:].split(maxsplit=1)[0][:10]}' (column {column + 1})"
    return f"{words} (column {column + 1})"


#: ``0x1``, ``0b1``, ``0o7``: Python's hexadecimal, binary and octal numbers, which the formulas do not have.
_PREFIXED_NUMBER = re.compile(r"(?<![\w.])(0)([xXbBoO]\w*)")
_NUMBER_AND_NAME = re.compile(r"(?<![\w.])(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)([A-Za-z_]\w*)")


def _number_into_letters(text: str, column: int) -> str:
    """The fault of ``2x`` in the text's own words, "write 2*x for a product" (it always said 2*x1, also
    for an exercise whose input is x), or "" when the number and the name cannot be told apart."""
    for found in _NUMBER_AND_NAME.finditer(text):  # Python points into the number, or just past it
        if found.start() <= column <= found.end():
            return f"a number runs into letters (write {found[1]}*{found[2]} for a product)"
    return ""
