"""Rows of an ``align*`` broken into lines that fit a page.

The nested h(x) of a 2-3-3-1 network was one row of some 600 characters: LaTeX set it as one line
running far off the page (``align*`` never breaks a row). A row longer than :data:`LINE_WIDTH`
printed characters is broken before a ``+`` or ``−`` between terms, at the outermost level of
parentheses where the terms there fit a line; its continuation lines are
indented under the right-hand side. ``\\left( … \\right)`` cannot span lines, so a broken row's
delimiters get fixed sizes by how deeply they nest (innermost plain, then ``\\bigl``, ``\\Bigl``, …),
as one writes them by hand. Short rows are written as before.
"""

from __future__ import annotations

import re

#: printed characters (roughly) of math that fit the text width of an article at 10 pt
LINE_WIDTH = 54
#: where a continuation line starts: under the right-hand side, a little in
CONTINUATION = "&\\qquad {}"
_DELIMITER = re.compile(r"\\(left|right)(\\\{|\\\}|\\\||[()\[\]|.])")
_SIZES = ("", "\\bigl", "\\Bigl", "\\biggl", "\\Biggl")
_INVISIBLE_COMMAND = re.compile(r"\\(?:left|right|[bB]igg?[lr]|mathrm|text|operatorname)(?![a-zA-Z])")
_COMMAND = re.compile(r"\\[a-zA-Z]+")
_MARKUP = re.compile(r"[{}_^ ]")


def align_rows(pairs: list[tuple[str, str]]) -> str:
    """``lhs &= rhs`` rows of an ``align*``, each broken into lines where it is too long."""
    return " \\\\\n".join(align_row(lhs, rhs) for lhs, rhs in pairs)


def align_row(lhs: str, rhs: str) -> str:
    """One row, ``lhs &= rhs``, broken before a term wherever a line would pass :data:`LINE_WIDTH`."""
    if printed_length(lhs) + printed_length(rhs) <= LINE_WIDTH:
        return f"{lhs} &= {rhs}"
    lines = _lines(fixed_delimiters(rhs), LINE_WIDTH - printed_length(lhs))
    return f"{lhs} &= " + " \\\\\n".join([lines[0], *(f"{CONTINUATION}{line}" for line in lines[1:])])


def printed_length(latex: str) -> int:
    """About how many characters wide ``latex`` prints (a command name is two, markup nothing, a ``+`` or
    ``-`` between terms two: math sets space on both sides of it; counted as one, towers-sin's h(x) ran
    19 pt past the text width).

    Commands are counted before spaces go: ``\\cdot \\text{income}`` without its space read as the
    one command ``\\cdotincome``, and labelled rows were never broken."""
    binary = latex.count(" + ") + latex.count(" - ")
    return len(_MARKUP.sub("", _COMMAND.sub("xx", _INVISIBLE_COMMAND.sub("", latex)))) + binary


def fixed_delimiters(latex: str) -> str:
    """``latex`` with each ``\\left``/``\\right`` pair sized by how many pairs nest inside it."""
    found = list(_DELIMITER.finditer(latex))
    height = [0] * len(found)
    stack: list[int] = []
    for index, match in enumerate(found):
        if match.group(1) == "left":
            stack.append(index)
        elif stack:
            opening = stack.pop()
            height[index] = height[opening]
            if stack:
                height[stack[-1]] = max(height[stack[-1]], height[opening] + 1)
    if stack:
        return latex  # unpaired: leave it as it is (it cannot be broken safely anyway)
    out, last = [], 0
    for match, level in zip(found, height, strict=True):
        size = _SIZES[min(level, len(_SIZES) - 1)]
        side = "l" if match.group(1) == "left" else "r"
        delimiter = match.group(2)
        sized = f"{size[:-1]}{side}{delimiter}" if size else _plain(delimiter)
        out += [latex[last : match.start()], sized]
        last = match.end()
    return "".join([*out, latex[last:]])


def _plain(delimiter: str) -> str:
    return "" if delimiter == "." else delimiter


def _lines(rhs: str, first_width: int) -> list[str]:
    """``rhs`` cut before a `` + ``/`` - `` outside braces so each line keeps within its width, at the
    outermost level of parentheses where that is enough: a cut inside ``ReLU(…)`` only where the term
    holding it does not fit a line by itself (the lecture notation's h_w(x) of a 1-3-1 network was cut in
    the middle of its last ReLU's argument, though that whole term fitted the next line)."""
    pieces = _pieces(rhs, _terms(rhs), 0, LINE_WIDTH - printed_length(CONTINUATION))
    lines = [pieces[0]]
    width = first_width
    for piece in pieces[1:]:
        if printed_length(lines[-1] + piece) > width:
            lines.append(piece.lstrip())
            width = LINE_WIDTH - printed_length(CONTINUATION)
        else:
            lines[-1] += piece
    return lines


def _pieces(latex: str, cuts: list[tuple[int, int]], level: int, width: int) -> list[str]:
    """``latex`` split at its ``cuts`` (index, parenthesis depth) of depth ``level``; a part still wider
    than ``width`` is split again at the next depth inside it."""
    here = [index for index, depth in cuts if depth == level]
    bounds = [0, *here, len(latex)]
    pieces: list[str] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        if start == end:
            continue
        inner = [(index - start, depth) for index, depth in cuts if start < index < end and depth > level]
        part = latex[start:end]
        if inner and printed_length(part) > width:
            pieces += _pieces(part, inner, min(depth for _, depth in inner), width)
        else:
            pieces.append(part)
    return pieces


def _terms(latex: str) -> list[tuple[int, int]]:
    """Where ``latex`` may be cut, with how many parentheses are open there: before each `` + `` and
    `` - `` that stands outside braces (not inside ``\\text{…}``, subscripts)."""
    cuts: list[tuple[int, int]] = []
    depth = 0
    parentheses = 0
    escaped = False
    for index, char in enumerate(latex):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and char in "([":
            parentheses += 1
        elif depth == 0 and char in ")]":
            parentheses = max(0, parentheses - 1)
        elif depth == 0 and latex[index : index + 3] in (" + ", " - ") and index > 0:
            cuts.append((index, parentheses))
    return cuts
