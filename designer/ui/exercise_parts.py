"""What the design-exercise panel, the chain-rule practice and start-up share: tagging a network
with its exercise, an exercise's starter, and the hints revealed so far."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from designer.exercises.chainrule import ChainRuleExercise
from designer.exercises.exercise import Exercise
from designer.formatting import without_overrides
from designer.model import Network


def tagged(network: Network, exercise_id: str) -> Network:
    """A copy of ``network`` naming its exercise: a file saved from it reopens the exercise."""
    copy = network.copy()
    copy.extras = {**copy.extras, "exercise": exercise_id}
    return copy


def starter_network(exercise: Exercise | ChainRuleExercise) -> Network:
    """An exercise's starter, naming its exercise and titled after it (the window title says which); a
    chain-rule drill's is the drill's own network (`nn-designer --exercise chain-…` stopped with an
    internal error: a drill has no starter)."""
    base = exercise.network if isinstance(exercise, ChainRuleExercise) else exercise.starter
    starter = tagged(base, exercise.id)
    starter.name = exercise.title
    return starter


def reveal_hint(hints: Sequence[str], shown: int, label: QLabel, button: QAbstractButton) -> int:
    """One more hint in ``label`` (all shown so far, numbered); ``button`` stays enabled while hints
    are left. Returns how many are shown now."""
    if shown >= len(hints):
        return shown
    shown += 1
    label.setTextFormat(Qt.TextFormat.PlainText)  # hints come from exercise files: text, never markup
    label.setText("\n".join(f"Hint {i}: {without_overrides(h)}" for i, h in enumerate(hints[:shown], start=1)))
    button.setEnabled(shown < len(hints))
    return shown
