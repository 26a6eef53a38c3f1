"""Typed chain-rule answers a crashed session left (designer/ui/recovery.py): offered back at start.

Each is asked about like autosaved networks: Yes puts the answers back into their drill, unsaved, on
the answers file they were opened from or saved to (Save answers… offers it again); they go to the
window that got the same session's network (into its lesson's step with that drill, when the session's
lesson was reopened), else to the first window whose drill holds nothing unsaved. No discards them;
Cancel keeps them for the next start.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from designer.exercises import load_exercise
from designer.exercises.catalog import BUILTIN_IDS
from designer.formatting import isolated
from designer.model import FormatError
from designer.model.safefile import shown_path
from designer.ui.safetext import Button, label_in_text, plain_message

if TYPE_CHECKING:
    from designer.ui.recovery import Orphan


def offer_answers(
    window: QWidget,
    orphans: list[Orphan],
    into: dict[Path, QWidget],
    open_window: Callable[[], QWidget],
    stop: Callable[[], bool] | None,
) -> int:
    """Ask about each orphan's answers in turn; the number restored. ``into``: the window each slot's
    network was restored into (by the slot's key, :func:`~designer.ui.recovery.slot_key`)."""
    restored = 0
    # the answers of a session whose network was restored first, into that network's window: answers asked
    # about earlier could take that window's drill, and these were then put into the same drill
    orphans = sorted(orphans, key=lambda orphan: orphan.key not in into)
    for i, orphan in enumerate(orphans):
        answer = Button.Cancel if stop and stop() else _ask(window, orphan, i, len(orphans))
        if stop and stop():  # the question was closed by a quit signal: not an answer
            answer = Button.Cancel
        if answer == Button.Yes:
            own = into.get(orphan.key)
            if own is not None and own.lessons.take_answers(orphan.answers, orphan.origin):
                restored += 1  # the session's lesson was reopened: into the step with that drill
                if own.files.write_recovery():
                    orphan.discard()
                continue
            target = own if own is not None and own.exercise.unsaved_answers() is None else None
            target = target or _free_window(window, open_window)
            reason = target.exercise.restore_answers(orphan.answers, orphan.origin)
            if reason is not None:  # kept for a later start ("": the answers typed there were kept)
                if reason:
                    _not_restored(target, orphan, reason)
                continue
            restored += 1
            if target.files.write_recovery():  # in the target's own slot before the orphan goes
                orphan.discard()
        elif answer == Button.No:
            orphan.discard()
    return restored


def _not_restored(target: QWidget, orphan: Orphan, reason: str) -> None:
    """Why the answers stay in the recovery folder (a teacher's drill that is not open)."""
    kept = f"They stay in {shown_path(orphan.path)} (an answers file: File ▸ Open reads it once that drill is open)."
    plain_message(target, "warning", "Answers not restored", f"The autosaved answers: {reason}", kept)


def _free_window(window: QWidget, open_window: Callable[[], QWidget]) -> QWidget:
    """``window``, unless its drill holds answers not saved (restored a moment ago): then a new one."""
    return window if window.exercise.unsaved_answers() is None else open_window()


def _drill_name(exercise_id: str | None) -> str:
    """A built-in drill's title ("Chain rule: a 2-2-1 sigmoid network with MSE"), else its id as written."""
    if exercise_id in BUILTIN_IDS:
        try:
            return label_in_text(f"“{load_exercise(exercise_id).title}”")
        except FormatError:
            pass
    return label_in_text(exercise_id or "a drill")  # a file's text: short and isolated


def _ask(window: QWidget, orphan: Orphan, index: int, total: int) -> QMessageBox.StandardButton:
    answers = orphan.answers
    assert answers is not None
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(orphan.saved))
    count = len(answers.entries)
    entries = "1 entry" if count == 1 else f"{count} entries"
    what = f"your chain-rule answers to {_drill_name(answers.exercise)} ({entries}, autosaved {when})"
    if orphan.origin is not None:
        what += f" from {isolated(shown_path(orphan.origin.name))}"
    of = f" ({index + 1} of {total})" if total > 1 else ""
    return plain_message(
        window,
        "question",
        "Restore unsaved answers?",
        f"NN Designer did not close normally. Restore {what}{of}?",
        "Yes puts them back into their drill; No discards them; Cancel keeps them for the next start.",
        Button.Yes | Button.No | Button.Cancel,
        Button.Yes,
    )
