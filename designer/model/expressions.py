"""Numbers typed by users, such as ``1/2``, ``-3/2``, ``0.5*3`` or ``2.5e-3``: parsed, never evaluated as Python.

The grammar is deliberately small (a recursive-descent parser over a handful of tokens)::

    expression := term (("+" | "-") term)*
    term       := signed (("*" | "/") signed)*
    signed     := ("+" | "-")* primary
    primary    := NUMBER | "(" expression ")"
    NUMBER     := digits ["." digits] [("e" | "E") ["+" | "-"] digits]   (also "5." and ".5")

Decisions (the GUI's status bar shows the one-line ``ValueError`` message):

- The unicode minus ``−`` (as the canvas shows negative weights), ``×``, the dots ``·`` and ``⋅`` (as the
  app's hints write products) and ``÷`` are read as ``-``, ``*``, ``*``, ``*``, ``/``. Two product signs
  in a row and a dot between two digits (``1·5``: a decimal point?) are refused (:func:`product_sign_problem`).
- A comma is read as a decimal point only when it is the text's one comma and there is no ``.``: ``0,5`` is 0.5 and
  ``-1,5/2`` is -0.75. ``1,000`` is refused as ambiguous (a thousands separator or 1.0?); ``1,5,2`` and ``1.5,2`` are
  refused too.
- No powers (``^``, ``**``), names (``pi``, ``inf``, ``nan``), calls, implicit products (``2(3)``) or digits other
  than 0-9. Division by zero and results that are not finite (``1e400``, ``1e300*1e300``) are refused; a result too
  small for a float rounds to 0, as in any calculator.
- At most :data:`MAX_LENGTH` characters and :data:`MAX_DEPTH` levels of parentheses.
"""

from __future__ import annotations

import math
import re

MAX_LENGTH = 200
MAX_DEPTH = 32

_NUMBER = re.compile(r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_WORD = re.compile(r"[^\W\d]\w*")
_SAME_LENGTH_SPELLINGS = str.maketrans({"−": "-", "×": "*", "·": "*", "⋅": "*", "÷": "/"})
_AMBIGUOUS_COMMA = re.compile(r"(?<![0-9.])[1-9][0-9]{0,2},[0-9]{3}(?![0-9])")
_HINT = "use digits, + - * / and parentheses"


def parse_number(text: str) -> float:
    """The value of ``text``, a number or a small arithmetic expression; ``ValueError`` (one line) otherwise."""
    if not isinstance(text, str):
        raise ValueError(f"expected text, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ValueError(f"too long ({len(text)} characters, at most {MAX_LENGTH})")
    if not text.strip():
        raise ValueError("empty: type a number such as 0.5, -1 or 1/2")
    if found := product_sign_problem(text):
        raise ValueError(f"{found[1]} (position {found[0]})")
    return _Parser(_decimal_commas(text.translate(_SAME_LENGTH_SPELLINGS)), shown=text).parse()


#: Typographic product signs, read as ``*``; with ``*`` they make the signs a product may not double.
PRODUCT_SIGNS = "×·⋅"


def product_sign_problem(text: str) -> tuple[int, str] | None:
    """(position from 1, why) when a typographic product sign cannot be read as a product, else None.

    Doubled (``x1··2``, ``2*·3``): read as ``*`` each, two signs would become Python's power ``**``.
    A dot between two digits (``1·5``): a British decimal point or a product? The reader cannot tell,
    so it asks (``1.5`` or ``1*5``). ``3×4`` is a product: no one writes a decimal point so; nor is
    ``0.75·2`` or ``2·0.5`` anything else (a number has one decimal point).
    """
    signs = PRODUCT_SIGNS + "*"
    for i, c in enumerate(text):
        if c not in PRODUCT_SIGNS:
            continue
        before, after = text[i - 1 : i], text[i + 1 : i + 2]
        if (before and before in signs) or (after and after in signs):
            return i + 1, "two product signs in a row"
        if c != "×" and before.isdigit() and after.isdigit():
            left, right = _digits_before(text, i), _digits_after(text, i + 1)
            if _has_point_before(text, i - len(left)) or text[i + 1 + len(right) : i + 2 + len(right)] == ".":
                continue  # 0.75·2 (a number with its decimal point already): a product, as the lecture writes it
            decimal, product = f"{left}.{right}", f"{left}*{right}"
            return i + 1, f"'{left}{c}{right}': write {decimal} for a decimal or {product} for a product"
    return None


#: One literal number as :func:`plain_number` reads it: the parser's NUMBER token with an optional sign.
_PLAIN = re.compile(r"\s*([+\-\u2212]?)(" + _NUMBER.pattern + r")\s*")


def plain_number(text: str) -> float:
    """One literal number (data files such as CSV): the parser's own NUMBER rule, no arithmetic.

    An optional sign (``+``, ``-``, ``−``) and ASCII digits only, white space around it allowed (as
    the typed-number parser skips it):
    ``-1.5e3`` and ``" 0 "`` are numbers; ``1_000``, ``١٢``, ``１２``, ``0x10``, ``1/2``, ``nan``
    and ``inf`` are not (Python's ``float`` accepts the first three). A result that is not finite
    (``1e400``) is refused too. ``ValueError`` (one line) otherwise.
    """
    match = _PLAIN.fullmatch(text)
    if match is None:
        raise ValueError("not a number")
    value = float(match.group(2))
    if math.isinf(value):
        raise ValueError("not a finite number")
    return -value if match.group(1) in ("-", "\u2212") else value


def _digits_before(text: str, end: int) -> str:
    start = end
    while start > 0 and text[start - 1].isdigit():
        start -= 1
    return text[start:end]


def _has_point_before(text: str, start: int) -> bool:
    """Whether the digits starting at ``start`` follow a decimal point (``0.75``: the ``75``)."""
    return start > 0 and text[start - 1] == "."


def _digits_after(text: str, start: int) -> str:
    end = start
    while end < len(text) and text[end].isdigit():
        end += 1
    return text[start:end]


def _decimal_commas(text: str) -> str:
    commas = text.count(",")
    if commas == 0:
        return text
    if commas > 1 or "." in text:
        raise ValueError("use '.' as the decimal point (a comma is accepted only alone, as in 0,5)")
    if _AMBIGUOUS_COMMA.search(text):
        raise ValueError("ambiguous comma (a thousands separator?): write e.g. 1.5 or 1500")
    return text.replace(",", ".")


def _shown(ch: str) -> str:
    return ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")


class _Parser:
    def __init__(self, text: str, shown: str | None = None) -> None:
        self.text = text
        #: the text as typed, for messages: same length as ``text`` (its spellings are one character each)
        self.shown = shown if shown is not None and len(shown) == len(text) else text
        self.pos = 0
        self.depth = 0

    # ------------------------------------------------------------ scanning
    def _skip_space(self) -> None:
        text = self.text
        while self.pos < len(text) and text[self.pos].isspace():
            self.pos += 1

    def _peek(self) -> str:
        self._skip_space()
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def _unexpected(self) -> ValueError:
        ch = self._peek()
        if not ch:
            return ValueError("incomplete: a number or '(' is missing at the end")
        word = _WORD.match(self.text, self.pos)
        if word:
            name = word.group()
            shown = name if len(name) <= 20 else name[:19] + "…"
            return ValueError(f"'{shown}' is not a number ({_HINT})")
        if ch in "^*" and self.text.startswith(("^", "**"), self.pos):
            return ValueError(f"powers are not supported ({_HINT})")
        return ValueError(f"unexpected '{_shown(self.shown[self.pos])}' at position {self.pos + 1} ({_HINT})")

    # ------------------------------------------------------------- grammar
    def parse(self) -> float:
        value = self._expression()
        if self._peek():
            raise self._unexpected()
        return value

    def _expression(self) -> float:
        value = self._term()
        while (op := self._peek()) in ("+", "-"):
            self.pos += 1
            right = self._term()
            value = _finite(value + right if op == "+" else value - right)
        return value

    def _term(self) -> float:
        value = self._signed()
        while (op := self._peek()) in ("*", "/"):
            self.pos += 1
            if op == "*" and self._peek() == "*":
                self.pos -= 1
                raise self._unexpected()
            right = self._signed()
            if op == "*":
                value = _finite(value * right)
            elif right == 0:
                raise ValueError("division by zero")
            else:
                value = _finite(value / right)
        return value

    def _signed(self) -> float:
        negative = False
        while (op := self._peek()) in ("+", "-"):
            self.pos += 1
            negative ^= op == "-"
        value = self._primary()
        return -value if negative else value

    def _primary(self) -> float:
        ch = self._peek()
        if ch == "(":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise ValueError(f"too many nested parentheses (at most {MAX_DEPTH})")
            self.pos += 1
            value = self._expression()
            if self._peek() != ")":
                if not self._peek():
                    raise ValueError("a closing ')' is missing")
                raise self._unexpected()
            self.pos += 1
            self.depth -= 1
            return value
        match = _NUMBER.match(self.text, self.pos)
        if not match:
            raise self._unexpected()
        self.pos = match.end()
        value = float(match.group())
        if math.isinf(value):
            raise ValueError(f"{match.group()[:20]} is too large for a number")
        return value


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError("the result is too large for a number")
    return value
