"""Numbers and names as people read them: shared by the views, the exports and the command line.

Pure Python (no Qt, no numpy), so every layer may use it.
"""

from __future__ import annotations

import math
import re
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


#: decimals of a reading: at least READING_DECIMALS, at most MAX_READING_DECIMALS (float32 outputs)
READING_DECIMALS, MAX_READING_DECIMALS = 4, 9


def format_reading(value: float, resolution: float = 0.0, max_decimals: int = MAX_READING_DECIMALS) -> str:
    """A network's value where it is read or compared with a target (a truth table, the probe, the
    walks): decimals, the same way near 0 and near 1, and never an integer it is not. 0.99995 read "1"
    (while 0.00005 read "5·10⁻⁵"): now 0.999955 and 0.000045, two digits of the distance to the
    nearest integer; a distance that needs more than ``max_decimals`` (float32's digits), or within
    ``resolution`` (the rounding error of the arithmetic that computed it), reads "≈1". Exact integers
    stay bare ("1", "0")."""
    magnitude = abs(value)
    if magnitude != magnitude or magnitude == float("inf") or magnitude == int(magnitude) or magnitude >= 1e6:
        return format_number(value)
    nearest = round(magnitude)
    distance = abs(magnitude - nearest)
    decimals = max(READING_DECIMALS, 1 - math.floor(math.log10(distance)))  # two digits of the distance
    if decimals > max_decimals or distance <= resolution:
        return approximately(value)
    sign = MINUS if value < 0 else ""
    return sign + f"{magnitude:.{decimals}f}".rstrip("0")


def format_weight(value: float, style: str = TEXT) -> str:
    """A weight or bias where it is shown, not edited (on its line, in a formula, in a readout): short as
    :func:`format_number` (4 significant digits), but never an integer it is not. A trained weight of
    0.99996 read "1", and a student took it for exactly 1: where 4 digits round a value to an integer,
    it reads as :func:`format_reading` does ("0.99996"; "≈1" past float64's use of it)."""
    shown = format_number(value, style)
    if not _integer_text(shown) or math.isnan(value) or math.isinf(value) or value == int(value):
        return shown
    reading = format_reading(value)
    return reading if style == TEXT else reading.replace(MINUS, "-").replace("≈", r"\approx ")


def _integer_text(text: str) -> bool:
    return text.lstrip(MINUS + "-").isdigit()


def approximately(value: float) -> str:
    """The reading "≈n" for the integer n nearest to ``value``: it cannot tell n from its neighbours."""
    nearest = round(abs(value))
    return "≈" + (MINUS if value < 0 and nearest else "") + str(nearest)


def clean_text(text: str) -> str:
    """One line: control characters (line breaks, U+2028, tabs, …) become spaces, runs collapsed; the
    bytes of a name that is not UTF-8 shown as escapes (:func:`undecodable_escaped`)."""
    chars = [" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in undecodable_escaped(text)]
    return " ".join("".join(chars).split())


# Patterns kept as text: re compiles and caches each at its first use (compiling these four at import
# was 0.7 ms of every command's start, issue 14).
_SURROGATES = "[\ud800-\udfff]"


def undecodable_escaped(text: str) -> str:
    """``text`` with each lone surrogate written as its escape (``\\udcff``). A file name that is not
    UTF-8 (``\\xff.json`` on Linux) reaches Python with them, and Qt drops them from whatever it shows:
    the name was shown as ``.json``, another file's name. The command line writes them the same way."""
    if not re.search(_SURROGATES, text):
        return text
    return re.sub(_SURROGATES, lambda found: found.group().encode("unicode_escape").decode("ascii"), text)


#: bidi embeddings (U+202A, U+202B), overrides (U+202D, U+202E) and their end (U+202C): they reach
#: beyond the text they sit in (up to the paragraph's end)
_EMBEDDINGS = "[\u202a-\u202e]"
_ISOLATES = "[\u2066-\u2069]"
OPEN_ISOLATES, CLOSE_ISOLATE = "\u2066\u2067\u2068", "\u2069"
#: letters written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko, … and their presentation forms)
_RIGHT_TO_LEFT = "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]"


def isolated(text: str) -> str:
    """User text (a label, an id, a file name) for a title or legend that joins it to the app's words.

    Embeddings and overrides go (an unclosed U+202E in an output label reversed the rest of the view's
    title, in the window and in the exported figure), isolates are balanced, and text with
    right-to-left letters or isolates is wrapped in one (U+2068 … U+2069): it orders its own letters
    without moving the words around it. Text in left-to-right scripts only comes back unchanged.
    """
    text = without_overrides(text)
    if not re.search(_ISOLATES, text) and not re.search(_RIGHT_TO_LEFT, text):
        return text
    return f"\u2068{text}{CLOSE_ISOLATE}"


def without_overrides(text: str) -> str:
    """User prose shown on its own (an exercise's prompt): embeddings and overrides dropped, isolates
    balanced, so that no U+202E shows the rest of it reversed. Not wrapped: it keeps its own direction
    and the markup at the start of its lines (``- `` bullets)."""
    text = re.sub(_EMBEDDINGS, "", str(text))
    return _balanced_isolates(text) if re.search(_ISOLATES, text) else text


def _balanced_isolates(text: str) -> str:
    """Every isolate closed within ``text`` (closings without an opening dropped): none reaches out."""
    kept, depth = [], 0
    for c in text:
        if c in OPEN_ISOLATES:
            depth += 1
        elif c == CLOSE_ISOLATE:
            if not depth:
                continue
            depth -= 1
        kept.append(c)
    return "".join(kept) + CLOSE_ISOLATE * depth
