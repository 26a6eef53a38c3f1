"""Strict reading of JSON documents (exercise files, chain-rule drills, answers, lessons).

Every fault is one line naming the place (``steps[3].action.epochs: …``); unknown keys are errors,
with a "did you mean" for typos.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from typing import Any

from designer.exercises.exercise import ExerciseError
from designer.model import ACTIVATIONS, FormatError
from designer.model.fileformat import not_this_format, type_name

MAX_TEXT = 10_000
MAX_HINTS = 50


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def finite_number(value: Any, where: str) -> float:
    """A JSON number that is finite (ints too large for a float count as infinite)."""
    if not _is_number(value):
        raise ExerciseError(f"{where}: expected a number, got {type_name(value)}")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise ExerciseError(f"{where}: {value!r} is not a finite number"[:200])
    return number


class StrictObject:
    """One JSON object with its allowed keys; typed getters name the path of any fault."""

    def __init__(self, value: Any, path: str, required: Sequence[str], optional: Sequence[str] = ()) -> None:
        self.path = path
        if not isinstance(value, dict):
            raise ExerciseError(f"{path or 'the file'}: expected an object, got {type_name(value)}")
        allowed = (*required, *optional)
        for key in value:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(allowed)})"
                raise ExerciseError(f"{self.at(key[:40])}: unknown key{hint}")
        missing = [k for k in required if k not in value]
        if missing:
            raise ExerciseError(f"{path or 'the file'}: missing " + ", ".join(f'"{k}"' for k in missing))
        self.value = value

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        return key in self.value

    def raw(self, key: str) -> Any:
        return self.value[key]

    def text(self, key: str, limit: int = MAX_TEXT, default: str | None = None) -> str:
        if key not in self.value and default is not None:
            return default
        value = self.value[key]
        if not isinstance(value, str):
            raise ExerciseError(f"{self.at(key)}: expected a string, got {type_name(value)}")
        if not value.strip():
            raise ExerciseError(f"{self.at(key)}: must not be empty")
        if len(value) > limit:
            raise ExerciseError(f"{self.at(key)}: text too long ({len(value)} characters, limit {limit})")
        return value

    def number(self, key: str, default: float, low: float = -math.inf, high: float = math.inf) -> float:
        if key not in self.value:
            return default
        number = finite_number(self.value[key], self.at(key))
        if not low <= number <= high:
            raise ExerciseError(f"{self.at(key)}: {number:g} is outside {low:g}..{high:g}")
        return number + 0.0  # a setting of -0 is 0: shown as "0%", never "-0%"

    def integer(self, key: str, default: int | None, low: int, high: int = 10**9, nullable: bool = False) -> int | None:
        if key not in self.value or (nullable and self.value[key] is None):
            return default
        value = self.value[key]
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            got = value if isinstance(value, int) and not isinstance(value, bool) else type_name(value)
            raise ExerciseError(f"{self.at(key)}: expected a whole number from {low} to {high}, got {got}")
        return value

    def flag(self, key: str, default: bool) -> bool:
        if key not in self.value:
            return default
        value = self.value[key]
        if not isinstance(value, bool):
            raise ExerciseError(f"{self.at(key)}: expected true or false, got {type_name(value)}")
        return value

    def items(self, key: str, limit: int, allow_empty: bool = False) -> list[Any]:
        value = self.value[key]
        if not isinstance(value, list):
            raise ExerciseError(f"{self.at(key)}: expected a list, got {type_name(value)}")
        if not value and not allow_empty:
            raise ExerciseError(f"{self.at(key)}: must not be empty")
        if len(value) > limit:
            raise ExerciseError(f"{self.at(key)}: too many entries ({len(value)}, limit {limit})")
        return value

    def activations(self, key: str) -> tuple[str, ...]:
        if key not in self.value:
            return ACTIVATIONS
        names = self.items(key, len(ACTIVATIONS) * 2)
        for i, name in enumerate(names):
            if name not in ACTIVATIONS:
                shown = name[:40] if isinstance(name, str) else type_name(name)
                raise ExerciseError(f"{self.at(key)}[{i}]: unknown activation '{shown}' ({_activation_hint(name)})")
        return tuple(dict.fromkeys(names))


def _activation_hint(name: Any) -> str:
    """A close known name ("ReLU" is 'relu': case counts in the format), else the known names."""
    if isinstance(name, str):
        close = difflib.get_close_matches(name.lower(), ACTIVATIONS, n=1)
        if close:
            return f"did you mean '{close[0]}'?"
    return f"known: {', '.join(ACTIVATIONS)}"


def check_header(doc: Any, format_name: str, latest: int, what: str, error: type[FormatError] = ExerciseError) -> None:
    """A document's ``format`` and ``version``: ``error`` (one line) unless this app reads it."""
    if not isinstance(doc, dict) or doc.get("format") != format_name:
        raise error(not_this_format(doc, format_name, what))
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise error('"version": expected a whole number')
    if version < 1:  # a whole number, so not "expected a whole number" (it said so for 0)
        shown = str(version) if version > -(10**20) else str(version)[:21] + "…"
        reads = "version 1" if latest == 1 else f"versions 1 to {latest}"
        raise error(f"unknown {what} version {shown} (this one reads {reads})")
    if version > latest:
        shown = str(version) if version < 10**20 else str(version)[:20] + "…"
        raise error(f"made by a newer NN Designer ({what} version {shown}; this one reads up to {latest})")


def hint_list(top: StrictObject) -> tuple[str, ...]:
    """The optional ``hints``: non-empty texts."""
    hints = top.items("hints", MAX_HINTS, allow_empty=True) if top.has("hints") else []
    for i, hint in enumerate(hints):
        if not isinstance(hint, str) or not hint.strip() or len(hint) > MAX_TEXT:
            raise ExerciseError(f"hints[{i}]: expected a non-empty string of at most {MAX_TEXT} characters")
    return tuple(hints)
