"""Typed reads of the app's settings: every value read from QSettings comes through here.

The settings file is text anyone can edit (``~/.config/NN Designer/NN Designer.conf`` on Linux),
and Qt turns ``@Point(1 2)``, ``@ByteArray(…)`` or ``@Variant(…)`` in it into objects of any type:
``scale=inf`` stopped the app at start, ``recent=@Point(1 2)`` broke File ▸ Open and Save. Each
helper returns the value when it has the expected type (and range), else the default; none raises.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QByteArray

from designer.ui.identity import settings

TRUE_WORDS, FALSE_WORDS = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def _raw(key: str) -> object:
    """The stored value, or None when there is none or Qt cannot read it."""
    try:
        return settings().value(key)
    except Exception:  # whatever a conversion of a hostile value raises: treated as no value
        return None


def read_float(key: str, default: float, low: float, high: float) -> float:
    """A number in [low, high]; ``default`` for anything else (inf, nan, 1e400, a point, a word)."""
    value = _raw(key)
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return default
    try:
        number = float(value)
    except (ValueError, OverflowError):
        return default
    return number if math.isfinite(number) and low <= number <= high else default


def read_text(key: str, default: str = "") -> str:
    """A string; ``default`` for any other type."""
    value = _raw(key)
    return value if isinstance(value, str) else default


def read_strings(key: str) -> list[str]:
    """A list of strings (Qt reads a one-item list back as a plain string); items of another type
    are left out, and a value that is no list at all reads as an empty one."""
    value = _raw(key)
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [item for item in value if isinstance(item, str)]
    return []


def read_bool(key: str, default: bool) -> bool:
    """A yes/no: a bool, 0 or 1, or a word such as ``true``/``false`` (as an INI file holds it);
    ``default`` for anything else."""
    value = _raw(key)
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    return default


def read_bytes(key: str) -> QByteArray | None:
    """Bytes Qt saved (a window's geometry); None for any other type."""
    value = _raw(key)
    return value if isinstance(value, QByteArray) else None
