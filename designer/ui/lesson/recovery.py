"""Crash recovery of a lesson: what the autosave keeps of its steps, and that work put back after a crash.

The autosave (designer/ui/files.py) writes the network of the step on show as the slot's own part and
the edited networks the lesson keeps for its other steps as further parts, each with its step
(designer/ui/recovery.py). The next start opens the lesson with them (designer/ui/recovery_lesson.py):
each network is its step's edits again, unsaved, and chain-rule answers typed in a step go back into it.

The lesson reopens at the step the student was on. That is the slot's own part's step when its network
was edited; a step left clean has no part, so the step on show is also kept in the settings
(``recovery/lesson-steps``, ``STEP SLOT`` strings, newest first), by the window's slot: the lesson
reopened at the first edited step instead. The recovery files are as before.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from designer.ui.identity import settings
from designer.ui.lesson.resume import is_shipped
from designer.ui.recovery import LessonPlace
from designer.ui.settings_values import read_strings
from designer.ui.undo import History

if TYPE_CHECKING:
    from designer.exercises.answers import Answers
    from designer.model import Network
    from designer.ui.lesson.player import LessonPlayer

ON_SHOW_KEY = "recovery/lesson-steps"
ON_SHOW_KEPT = 20  # windows remembered (a slot's entry goes when its work is restored or discarded)
MAX_STEP_DIGITS = 6


def _on_show_entries() -> list[tuple[int, str]]:
    entries = []
    for text in read_strings(ON_SHOW_KEY):
        step, _, slot = text.partition(" ")
        if step.isdecimal() and len(step) <= MAX_STEP_DIGITS and slot:  # (a hand-edited entry is left out)
            entries.append((int(step), slot))
    return entries


def remember_on_show(slot: str, index: int) -> None:
    """The lesson step (0-based) on show in the window whose recovery slot is ``slot``."""
    entries = [(index, slot)] + [(s, k) for s, k in _on_show_entries() if k != slot]
    settings().setValue(ON_SHOW_KEY, [f"{s} {k}" for s, k in entries[:ON_SHOW_KEPT]])


def forget_on_show(slot: str) -> None:
    """The slot's lesson is closed, or its work restored or discarded: no step to reopen at."""
    entries = _on_show_entries()
    if any(k == slot for _s, k in entries):
        settings().setValue(ON_SHOW_KEY, [f"{s} {k}" for s, k in entries if k != slot])


def on_show(slot: str) -> int | None:
    """The lesson step (0-based) last on show in the window of ``slot``; None when not known."""
    return next((s for s, k in _on_show_entries() if k == slot), None)


class LessonRecovery:
    """The lesson player's side of crash recovery (it reads the player's lesson, step and edits)."""

    def __init__(self, player: LessonPlayer) -> None:
        self.player = player

    def put_back(self, restored: dict[int, Network]) -> None:
        """Networks autosaved before a crash, by step: each kept for its step (and those that share its
        network) as unsaved edits, without undo steps, and shown as it is (its actions do not run again)."""
        player = self.player
        steps = player.lesson.steps
        for index, network in restored.items():
            if not 0 <= index < len(steps):
                continue
            kept = steps[index].network_from
            player.edits.keep(kept, network, History((), 0, -1))  # never clean: unsaved work
            player.edits.restored(kept)
            player.visited |= {i for i, step in enumerate(steps) if step.network_from == kept}

    def take_answers(self, answers: Answers, path: Path | None) -> bool:
        """Chain-rule answers autosaved before a crash, for a drill of this lesson: back in the first step
        with that drill (the step on show: in its fields), unsaved, as if typed there (the Exercise dock
        would have left the lesson's drill for them). False when no lesson is open or no step has it."""
        from designer.ui.chainrule_panel import typed_from_answers

        player = self.player
        steps = player.lesson.steps if player.lesson is not None else []
        index = next((i for i, s in enumerate(steps) if s.exercise and s.exercise.id == answers.exercise), None)
        if index is None or not hasattr(steps[index].exercise, "quantities"):
            return False
        panel = player.exercise.panel
        if index == player.index and panel.chain_mode and panel.shown_id == answers.exercise:
            panel.chain.fill(answers, path)
            panel.chain.mark_unsaved()
        else:
            player.edits.typed[index] = typed_from_answers(steps[index].exercise, answers, path)
        return True

    def work(self) -> tuple[LessonPlace | None, list[tuple[Network, LessonPlace]]]:
        """What the autosave keeps of the lesson: the step whose network is on show (None: no lesson, or
        a file opened during it) and the edited networks kept for the other steps, each with its step."""
        player = self.player
        step, lesson = player.step, player.lesson
        if lesson is None or step is None:
            return None, []
        file = None if is_shipped(lesson) or not lesson.source else Path(lesson.source)
        on_show = None if player.foreign else step.network_from
        shown = None if on_show is None else LessonPlace(lesson.id, player.index, file)
        kept = [
            (network, LessonPlace(lesson.id, index, file))
            for index in sorted(player.edits.edited)
            if index != on_show and (network := player.edits.networks.get(index)) is not None
        ]
        return shown, kept

    def step_shown(self, index: int) -> None:
        """Step ``index`` is on show: after a crash the lesson reopens there, edited or not."""
        remember_on_show(self.player.files.recovery.key, index)

    def closed(self) -> None:
        forget_on_show(self.player.files.recovery.key)

    def autosave_now(self) -> None:
        """The recovery slot as the lesson's edits are now, without waiting for the timer: edits just
        discarded (the lesson closed or opened again, a step reset) are not offered after a crash."""
        self.player.files.write_recovery()
