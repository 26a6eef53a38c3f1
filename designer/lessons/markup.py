"""Markdown-lite for lesson texts: a small, documented subset that can never carry HTML.

The subset (docs/lessons.md):

- a blank line starts a new paragraph; a single line break is kept as a line break;
- lines that start with ``- `` (or ``* ``) make a bulleted list, one item each;
- ``**bold**``, ``*emphasis*``, ```code```, and ``$inline math$``;
- in math: ``x_1``, ``x_{1,2}``, ``x^2``, ``e^{-z}`` become sub- and superscripts, and ``\\sum``,
  ``\\sigma``, ``\\partial``, ``\\cdot`` … become Σ, σ, ∂, · (the table :data:`SYMBOLS`); ``\\hat y``,
  ``\\bar x``, ``\\tilde x`` put the accent on the letter; a one-letter name is set in italics, and
  ``-`` is a minus sign;
- a backslash before ``* ` $ \\`` writes the character itself.

Everything else is text: ``<b>`` is shown as the four characters it is. :func:`parse` gives blocks
of styled spans (for painting a caption), :func:`to_html` escaped HTML of the tags ``p``, ``br``,
``ul``, ``li``, ``b``, ``i``, ``code``, ``sub``, ``sup`` only (for a Qt rich-text label), and
:func:`to_plain` one plain string (terminals, tooltips).
"""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass

#: TeX-like names allowed in math, and what they show.
SYMBOLS: dict[str, str] = {
    "sum": "Σ",
    "prod": "Π",
    "sigma": "σ",
    "partial": "∂",
    "nabla": "∇",
    "cdot": "·",
    "times": "×",
    "le": "≤",
    "leq": "≤",
    "ge": "≥",
    "geq": "≥",
    "ne": "≠",
    "neq": "≠",
    "approx": "≈",
    "to": "→",
    "in": "∈",
    "infty": "∞",
    "pi": "π",
    "ldots": "…",
    "dots": "…",
    "pm": "±",
    "ell": "ℓ",
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "Delta": "Δ",
    "epsilon": "ε",
    "eta": "η",
    "theta": "θ",
    "lambda": "λ",
    "mu": "μ",
    "oplus": "⊕",
    "land": "∧",
    "lor": "∨",
    "neg": "¬",
    "max": "max",
    "min": "min",
    "log": "log",
    "exp": "exp",
}
_SUB = str.maketrans("0123456789+-−=()aeijklmnoprstuvx,", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ,")
_SUP = str.maketrans("0123456789+-−=()inxyz", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁱⁿˣʸᶻ")
#: escape | `code` | $math$ (no space inside the dollars, no digit after: "$5 and $6" is text) | **bold** | *em*
_INLINE = re.compile(
    r"\\([*`$\\])|`([^`\n]+)`|\$(?!\s)((?:\\.|[^$\\\n])+?)(?<!\s)\$(?![0-9])|\*\*(.+?)\*\*|\*([^*\s](?:.*?[^*\s])?)\*"
)
_BULLET = re.compile(r"\s*[-*]\s+")
_MATH_TOKEN = re.compile(
    r"\\(hat|bar|tilde) ?(\{[^{}]*\}|[A-Za-z])|\\([A-Za-z]+) ?|\\(.)|([_^])(\{[^{}]*\}|\\[A-Za-z]+|.)|([A-Za-z]+)|(.)",
    re.DOTALL,
)
#: Accents over a letter: \hat y → ŷ (a combining character after each letter).
_ACCENTS = {"hat": "\u0302", "bar": "\u0304", "tilde": "\u0303"}
#: Symbols written before what they apply to: the space after the name is dropped, as in TeX (∂L, Σᵢ).
_PREFIX = frozenset({"sum", "prod", "partial", "nabla", "neg", "Delta", "delta"})


@dataclass(frozen=True)
class Span:
    """A run of text in one style. ``kind``: text, code or math (math: ``text`` is its source)."""

    text: str
    kind: str = "text"
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    """A paragraph (``lines``: its lines) or a bulleted list (``lines``: its items)."""

    kind: str  # paragraph, bullets
    lines: tuple[tuple[Span, ...], ...]


# ------------------------------------------------------------------ parsing
def parse(text: str) -> list[Block]:
    """Blocks of styled spans; never fails (unmatched markers are plain text)."""
    blocks = []
    for chunk in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        for is_list, run in itertools.groupby(lines, key=lambda line: bool(_BULLET.match(line))):
            if is_list:
                blocks.append(Block("bullets", tuple(tuple(inline(_BULLET.sub("", line, count=1))) for line in run)))
            else:
                blocks.append(Block("paragraph", tuple(tuple(inline(line)) for line in run)))
    return blocks


def inline(text: str, bold: bool = False, italic: bool = False) -> list[Span]:
    """One line's spans: code, math, bold and emphasis (which may hold code and math)."""
    spans: list[Span] = []
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            spans.append(Span(text[position : match.start()], "text", bold, italic))
        escaped, code, math, strong, emphasis = match.groups()
        if escaped is not None:
            spans.append(Span(escaped, "text", bold, italic))
        elif code is not None:
            spans.append(Span(code, "code", bold, italic))
        elif math is not None:
            spans.append(Span(math, "math", bold, italic))
        elif strong is not None:
            spans.extend(inline(strong, True, italic))
        else:
            spans.extend(inline(emphasis, bold, True))
        position = match.end()
    if position < len(text):
        spans.append(Span(text[position:], "text", bold, italic))
    return _merged(spans)


def _merged(spans: list[Span]) -> list[Span]:
    """Neighbouring text spans of one style as one span."""
    out: list[Span] = []
    for span in spans:
        if out and span.kind == "text" == out[-1].kind and (span.bold, span.italic) == (out[-1].bold, out[-1].italic):
            out[-1] = Span(out[-1].text + span.text, "text", span.bold, span.italic)
        else:
            out.append(span)
    return out


# --------------------------------------------------------------------- math
def math_pieces(source: str) -> list[tuple[str, str]]:
    """Math as (style, text) pieces: style ``""``, ``i`` (a one-letter name), ``sub`` or ``sup``."""
    pieces: list[tuple[str, str]] = []
    for match in _MATH_TOKEN.finditer(source):
        accent, accented, command, escaped, script, argument, word, other = match.groups()
        if accent is not None:
            letters = accented.strip("{}")
            mark = _ACCENTS[accent]
            pieces.append(("i" if len(letters) == 1 else "", "".join(ch + mark for ch in letters)))
        elif command is not None:
            symbol = SYMBOLS.get(command, "\\" + command)
            ends_in_space = match.group().endswith(" ")
            pieces.append(("", symbol + (" " if ends_in_space and command not in _PREFIX else "")))
        elif escaped is not None:
            pieces.append(("", escaped))
        elif script is not None:
            body = argument[1:-1] if argument.startswith("{") else argument
            body = "".join(text for _, text in math_pieces(body))
            pieces.append(("sub" if script == "_" else "sup", body))
        elif word is not None:
            pieces.append(("i" if len(word) == 1 else "", word))
        else:
            pieces.append(("", "−" if other == "-" else other))  # a minus sign, not a hyphen
    return pieces


def math_text(source: str) -> str:
    """Math as plain Unicode: ``z_1`` → z₁, ``x^2`` → x², or ``_{…}`` kept when no subscript exists."""
    out = []
    for style, text in math_pieces(source):
        if style in ("sub", "sup"):
            table = _SUB if style == "sub" else _SUP
            converted = text.translate(table)
            if any(ch == original for ch, original in zip(converted, text, strict=True) if ch not in ", "):
                converted = ("_" if style == "sub" else "^") + (text if len(text) == 1 else "{" + text + "}")
            out.append(converted)
        else:
            out.append(text)
    return "".join(out)


# ---------------------------------------------------------------- rendering
def to_html(text: str) -> str:
    """Escaped HTML for a rich-text label: only p, br, ul, li, b, i, code, sub, sup; no attributes."""
    out = []
    for block in parse(text):
        rendered = ["".join(_span_html(span) for span in line) for line in block.lines]
        if block.kind == "bullets":
            out.append("<ul>" + "".join(f"<li>{item}</li>" for item in rendered) + "</ul>")
        else:
            out.append("<p>" + "<br>".join(rendered) + "</p>")
    return "".join(out)


def _span_html(span: Span) -> str:
    if span.kind == "math":
        body = "".join(_math_html(style, piece) for style, piece in math_pieces(span.text))
    elif span.kind == "code":
        body = f"<code>{html.escape(span.text, quote=True)}</code>"
    else:
        body = html.escape(span.text, quote=True)
    if span.italic:
        body = f"<i>{body}</i>"
    if span.bold:
        body = f"<b>{body}</b>"
    return body


def _math_html(style: str, text: str) -> str:
    escaped = html.escape(text, quote=True)
    if style == "i":
        return f"<i>{escaped}</i>"
    if style in ("sub", "sup"):
        return f"<{style}>{escaped}</{style}>"
    return escaped


def to_plain(text: str) -> str:
    """The text without markup: paragraphs separated by a blank line, bullets as ``• ``."""
    out = []
    for block in parse(text):
        lines = ["".join(math_text(s.text) if s.kind == "math" else s.text for s in line) for line in block.lines]
        out.append("\n".join(f"• {line}" for line in lines) if block.kind == "bullets" else "\n".join(lines))
    return "\n\n".join(out)
