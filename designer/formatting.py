"""Numbers and names as people read them: shared by the views, the exports and the command line.

Pure Python (no Qt, no numpy), so every layer may use it.
"""

from __future__ import annotations

import unicodedata

TEXT, LATEX = "text", "latex"
MINUS = "\u2212"
SUPERSCRIPT_DIGITS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def check_style(style: str) -> None:
    if style not in (TEXT, LATEX):
        raise ValueError(f"style must be 'text' or 'latex', got {style!r}")


def format_number(value: float, style: str = TEXT) -> str:
    """Compact: integers without ``.0``, else up to 4 significant digits (sign included); infinity
    and NaN by name (a value that overflowed is shown, not a crash of whatever shows it)."""
    check_style(style)
    minus = MINUS if style == TEXT else "-"
    sign = minus if value < 0 else ""
    magnitude = abs(value)
    if magnitude != magnitude:
        return "NaN" if style == TEXT else r"\mathrm{NaN}"
    if magnitude == float("inf"):
        return sign + ("∞" if style == TEXT else r"\infty")
    if magnitude == int(magnitude) and magnitude < 1e15:
        return f"{sign}{int(magnitude)}" if magnitude else "0"
    mantissa, _, exponent = f"{magnitude:.4g}".partition("e")
    if not exponent:
        return sign + mantissa
    power = str(int(exponent))
    if style == TEXT:
        return f"{sign}{mantissa}·10{power.translate(SUPERSCRIPT_DIGITS)}"
    return f"{sign}{mantissa} \\cdot 10^{{{power}}}"


def clean_text(text: str) -> str:
    """One line: control characters (line breaks, U+2028, tabs, …) become spaces, runs collapsed."""
    chars = [" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs") else c for c in text]
    return " ".join("".join(chars).split())
