"""A chain-rule drill's entries as a lesson keeps them while another step is on show, and as JSON holds them.

Apart from the panel (``chainrule_panel.py``) because the lesson's edits, player and crash recovery
keep and restore these records without a panel on show; no Qt here.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, NamedTuple

from designer.exercises import ChainRuleExercise
from designer.exercises.answers import MAX_ENTRIES, Answers, read_value


class Typed(NamedTuple):
    """A drill's entries as a lesson keeps them while another step is on show: what is typed, what of it
    was saved, and the answers file they belong to with what it holds besides (other entries, the student)."""

    entered: dict[str, str]
    saved: dict[str, str]
    kept: dict[str, str | float]
    student: Any
    path: Path | None


def typed_from_answers(exercise: ChainRuleExercise, answers: Answers, path: Path | None) -> Typed:
    """An answers file's entries as a lesson keeps them for a step with ``exercise`` (not on show), all
    unsaved (autosaved before a crash): what :meth:`ChainRulePanel.fill` and ``typed()`` would give."""
    asked = [quantity.id for quantity in exercise.quantities]
    entered = {key: read_value(answers.entries.get(key))[0] for key in asked}
    others = [(key, value) for key, value in answers.entries.items() if key not in asked]
    kept = {key: json_safe(value) for key, value in others[: MAX_ENTRIES - len(asked)]}
    return Typed({k: v for k, v in entered.items() if v.strip()}, {}, kept, json_safe(answers.student), path)


def json_safe(value: Any) -> Any:
    """``value`` as strict JSON can hold it: an infinite or NaN number (which Python's reader accepts
    in an opened file) becomes its text, so a saved file is not one that strict readers refuse."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {key: json_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_safe(item) for item in value]
    return value
