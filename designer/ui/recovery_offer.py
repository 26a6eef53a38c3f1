"""Crash recovery at start: every orphaned slot (designer/ui/recovery.py) offered to the user.

Unreadable slots are reported in one dialog; a session's networks of a lesson's steps are asked about
together and go back into that lesson (designer/ui/recovery_lesson.py); each other readable network is
asked about in turn (Restore into this window, further ones into new windows; Discard; Keep for the
next start), then the typed answers the same sessions left (designer/ui/recovery_answers.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from designer.formatting import isolated
from designer.model.safefile import shown_path
from designer.ui.recovery import Orphan, find_orphans
from designer.ui.recovery_answers import offer_answers
from designer.ui.recovery_lesson import offer_lessons
from designer.ui.safetext import Button, label_in_text, plain_message


def offer_recovery(
    window: QWidget, open_window: Callable[[], QWidget] | None = None, stop: Callable[[], bool] | None = None
) -> int:
    """Offer every orphaned recovery file to the user; the number restored.

    Unreadable ones are reported (where they were kept). Each readable one is asked about in
    turn: Yes restores it (into ``window`` first, then into ``open_window()``'s new windows), No
    discards it, Cancel (or closing the question) keeps it for the next start. Once ``stop()`` is
    true (the app was asked to quit) every file not yet answered is kept, unasked.
    """
    orphans = find_orphans()
    try:
        unreadable = [o for o in orphans if not o.readable]
        if unreadable:
            _report_unreadable(window, unreadable)
        restored = 0
        into: dict[Path, QWidget] = {}  # the window each slot's network went to: its answers follow it
        lessons = [o for o in orphans if o.network is not None and o.lesson is not None]
        lessons_restored, readable = offer_lessons(window, lessons, into, open_window or _new_window, stop)
        readable += [o for o in orphans if o.network is not None and o.lesson is None]
        for i, orphan in enumerate(readable):
            answer = Button.Cancel if stop and stop() else _ask(window, orphan, i, len(readable), len(into))
            if stop and stop():  # the question was closed by a quit signal: not an answer
                answer = Button.Cancel
            if answer == Button.Yes:
                target = window if not into else (open_window or _new_window)()
                restored += 1
                restore(target.document, orphan)
                if orphan.origin is not None:  # Save asks if the file changed since the crashed window had it
                    target.files.remember_disk(orphan.origin, orphan.disk)
                into[orphan.key] = target
                if target.files.write_recovery():  # the work is in the target's own slot before the orphan goes
                    orphan.discard()  # (else, a full disk: the orphan stays the work's only copy on disk)
            elif answer == Button.No:
                orphan.discard()
        answers = [o for o in orphans if o.answers is not None]
        return lessons_restored + restored + offer_answers(window, answers, into, open_window or _new_window, stop)
    finally:
        for orphan in orphans:  # what was not discarded stays for a later start
            orphan.release()


#: Unreadable recovery files named one by one in the one dialog about them; further ones are counted.
LISTED_UNREADABLE = 5


def _report_unreadable(window: QWidget, unreadable: list[Orphan]) -> None:
    """One dialog for all unreadable recovery files (40 of them were 40 modal warnings in a row)."""
    if len(unreadable) == 1:
        (orphan,) = unreadable
        kept = (
            f"It was kept as {shown_path(orphan.kept_as)}."
            if orphan.kept_as
            else f"It stays at {shown_path(orphan.path)}."
        )
        plain_message(
            window, "warning", "Unreadable recovery file", f"A recovery file could not be read: {orphan.problem}", kept
        )
        return
    lines = [f"{shown_path(o.path.name)}: {o.problem}" for o in unreadable[:LISTED_UNREADABLE]]
    if len(unreadable) > LISTED_UNREADABLE:
        lines.append(f"… and {len(unreadable) - LISTED_UNREADABLE} more")
    folders = sorted({shown_path(o.kept_as.parent) for o in unreadable if o.kept_as is not None})
    stayed = sorted({shown_path(o.path.parent) for o in unreadable if o.kept_as is None})
    where = [f"They were kept in {', '.join(folders)}."] if folders else []
    if stayed:
        where.append(f"{'Those not moved stay' if folders else 'They stay'} in {', '.join(stayed)}.")
    plain_message(
        window,
        "warning",
        "Unreadable recovery files",
        f"{len(unreadable)} recovery files could not be read:\n" + "\n".join(lines),
        " ".join(where),
    )


def restore(document, orphan: Orphan) -> None:
    """Show the orphan's network as the unsaved work it was: on its file again (Save writes there) and
    modified; like opening a file, not an edit to undo (Undo must not bring back the network shown
    before, on that file's path, for a Save to write over it)."""
    assert orphan.network is not None
    document.replace(orphan.network, path=orphan.origin)
    document.undo_stack.resetClean()


def _newer_note(orphan: Orphan) -> str:
    """A warning when the file was saved after the work was autosaved (another window, or a later
    session): Save would replace that newer version."""
    if orphan.origin is None:
        return ""
    try:
        saved = orphan.origin.stat().st_mtime
    except OSError:
        return ""
    if saved <= orphan.saved:
        return ""
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(saved))
    return (
        f"{shown_path(orphan.origin.name)} was saved after this work ({when}): Save would replace that "
        "version; File ▸ Save As keeps both. "
    )


def _ask(window: QWidget, orphan: Orphan, index: int, total: int, restored: int) -> QMessageBox.StandardButton:
    network = orphan.network
    assert network is not None
    nodes = len(network.inputs) + len(network.neurons)
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(orphan.saved))
    # (a 10,000-character name filled the question's 2,000 characters: its nodes, time and "?" were cut off)
    what = f"{label_in_text(network.name or 'an untitled network')} ({nodes} nodes, autosaved {when})"
    if orphan.origin is not None:
        what = f"your changes to {isolated(shown_path(orphan.origin.name))}: {what}"
    where = "into this window" if restored == 0 else "in a new window"
    count = f" ({index + 1} of {total})" if total > 1 else ""
    return plain_message(
        window,
        "question",
        "Restore unsaved work?",
        f"NN Designer did not close normally. Restore {what}{count}?",
        f"{_newer_note(orphan)}Yes restores it {where}; No discards it; Cancel keeps it for the next start.",
        Button.Yes | Button.No | Button.Cancel,
        Button.Yes,
    )


_extra_windows: list[QWidget] = []


def _new_window() -> QWidget:
    """A further main window for a second restored network (kept alive here until it is closed)."""
    from designer.ui.mainwindow import MainWindow  # main windows import this module

    window = MainWindow()
    _extra_windows.append(window)
    window.destroyed.connect(lambda *_: _extra_windows.remove(window) if window in _extra_windows else None)
    window.show()
    return window
