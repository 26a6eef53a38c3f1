"""A lesson's step networks a crashed session left (designer/ui/recovery.py): offered back into the lesson.

The network parts one session left for a lesson's steps are asked about together: Yes opens the lesson
(in this window; a further session's in a new window) at the step that was on show, each network in its
step as unsaved edits (Reset this step brings back the lesson's); No discards them; Cancel keeps them
for the next start. A lesson that cannot be opened now (its file moved or broken, or with fewer steps
than the work's) is said in one line,
and its networks are then offered as plain networks: the work is never dropped with the lesson.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from designer.model import FormatError
from designer.model.safefile import shown_path
from designer.ui.lesson.recovery import forget_on_show, on_show
from designer.ui.lesson.resume import lesson_key
from designer.ui.safetext import Button, label_in_text, plain_message

if TYPE_CHECKING:
    from designer.lessons import Lesson
    from designer.model import Network
    from designer.ui.recovery import Orphan


def offer_lessons(
    window: QWidget,
    orphans: list[Orphan],
    into: dict[Path, QWidget],
    open_window: Callable[[], QWidget],
    stop: Callable[[], bool] | None,
) -> tuple[int, list[Orphan]]:
    """Ask about each session's lesson networks in turn: the number of lessons restored, and the orphans
    of lessons that cannot be opened (to be offered as networks). ``into``: the window each slot's work
    went to, by the slot's key (filled in here)."""
    groups: dict[tuple[Path, str, Path | None], list[Orphan]] = {}
    for orphan in orphans:  # by lesson too: notes naming two lessons put one's networks into the other's steps
        assert orphan.lesson is not None
        groups.setdefault((orphan.key, orphan.lesson.lesson, orphan.lesson.file), []).append(orphan)
    restored, plain = 0, []
    for i, ((key, _lesson, _file), group) in enumerate(groups.items()):
        lesson = _lesson_of(window, group)
        if lesson is None:
            plain += group
            continue
        answer = Button.Cancel if stop and stop() else _ask(window, lesson, group, i, len(groups))
        if stop and stop():  # the question was closed by a quit signal: not an answer
            answer = Button.Cancel
        if answer == Button.Yes:
            target = window if not into else open_window()
            if not _restore(target, lesson, group):
                continue  # (a question before the lesson opened was cancelled: kept for a later start)
            into[key] = target
            restored += 1
            if target.files.write_recovery():  # the work is in the target's own slot before the orphans go
                for orphan in group:
                    orphan.discard()
                forget_on_show(key.name)
        elif answer == Button.No:
            for orphan in group:
                orphan.discard()
            forget_on_show(key.name)
    return restored, plain


def _lesson_of(window: QWidget, group: list[Orphan]) -> Lesson | None:
    """The lesson the group's networks belong to, read again; None (said in one line) when it cannot be."""
    from designer.lessons import load_lesson

    place = group[0].lesson
    assert place is not None
    asked = str(place.file) if place.file is not None else place.lesson
    try:
        lesson = load_lesson(asked)
        if lesson.id != place.lesson:
            raise FormatError(f"it is now the lesson '{lesson.id}', not '{place.lesson}'")
    except (FormatError, OSError) as exc:
        where = shown_path(place.file) if place.file is not None else place.lesson
        plain_message(
            window,
            "warning",
            "Lesson not opened",
            f"The lesson {label_in_text(where)} of your autosaved edits cannot be opened: {exc}",
            "Its steps' networks are offered as networks instead.",
        )
        return None
    count = len(lesson.steps)
    beyond = max((o.lesson.step + 1 for o in group if o.lesson is not None and o.lesson.step >= count), default=0)
    if beyond:  # the file has fewer steps now: offered as networks (each keeps its work), said as the above
        plain_message(
            window,
            "warning",
            "Lesson not opened",
            f"The lesson {label_in_text(f'“{lesson.title}”')} has {count} step{'s' if count > 1 else ''} now, "
            f"and your autosaved edits include step {beyond}.",
            "Its steps' networks are offered as networks instead.",
        )
        return None
    return lesson


def _on_show(orphan: Orphan) -> bool:
    """Whether the orphan is the slot's own network part (the step that was on show), not a further one."""
    return orphan.path.name == f"{orphan.key.name}.json"


def _shown(lesson: Lesson, group: list[Orphan]) -> int:
    """The step that was on show: that of the slot's own network part (its network was edited), else the
    step the window last showed (a step left clean has no part: the lesson reopened at the first edited
    step), else the first edited step."""
    main = [o for o in group if _on_show(o)]
    if main:
        return main[0].lesson.step
    shown = on_show(group[0].key.name)
    if shown is not None and shown < len(lesson.steps):
        return shown
    return min(o.lesson.step for o in group)


def _step_networks(group: list[Orphan]) -> dict[int, Network]:
    """Each step's network. A crash while the parts changed steps (Back, Next) can leave a step in two
    parts: the one on show is its latest, else the newest."""
    ordered = sorted(group, key=lambda o: (_on_show(o), o.saved))
    return {orphan.lesson.step: orphan.network for orphan in ordered}


def _restore(target: QWidget, lesson: Lesson, group: list[Orphan]) -> bool:
    networks = _step_networks(group)
    asked = str(group[0].lesson.file) if group[0].lesson.file is not None else lesson.id
    return target.lessons.open(lesson, _shown(lesson, group), lesson_key(asked, lesson.id), restored=networks)


def _ask(window: QWidget, lesson: Lesson, group: list[Orphan], index: int, total: int) -> QMessageBox.StandardButton:
    steps = sorted({o.lesson.step + 1 for o in group})
    numbers = ", ".join(str(n) for n in steps[:-1]) + (" and " if len(steps) > 1 else "") + str(steps[-1])
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(max(o.saved for o in group)))
    what = (
        f"your edits in the lesson {label_in_text(f'“{lesson.title}”')}, step{'s' if len(steps) > 1 else ''} {numbers}"
    )
    count = f" ({index + 1} of {total})" if total > 1 else ""
    return plain_message(
        window,
        "question",
        "Restore unsaved work?",
        f"NN Designer did not close normally. Restore {what} (autosaved {when}){count}?",
        "Yes opens the lesson with them in their steps; No discards them; Cancel keeps them for the next start.",
        Button.Yes | Button.No | Button.Cancel,
        Button.Yes,
    )
