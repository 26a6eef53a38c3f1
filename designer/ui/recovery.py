"""Crash recovery: unsaved work per window and per process, and what a start finds left behind.

Every window that has unsaved work owns a *slot* in the recovery folder: ``PID-N-TOKEN.json``
(the network, autosaved) and ``PID-N-TOKEN.lock`` (a QLockFile held for as long as the window
lives). Two windows, or two running copies of the app, never write, claim or delete each other's
slot: each touches only its own files, and a slot whose lock is held belongs to a live process.

A slot whose lock can be taken is *orphaned*: its process ended without cleaning up (a crash, a
kill -9, a power cut; QLockFile sees that the process in the lock is gone). At start, every orphan is
claimed (its lock taken, so a second app starting at the same moment cannot claim it too) and
offered to the user (designer/ui/recovery_offer.py): Restore (into this window, further ones into
new windows), Discard, or Keep for later. An orphan that cannot be read is reported, moved aside
into ``corrupt/`` with its reason (a note ``NAME.txt`` for each part), and never silently dropped.
Work on a saved file also leaves
``PID-N-TOKEN.origin`` (the file's path, one line; then the file's state on disk as the window last
read or wrote it, ``MTIME_NS SIZE INODE``): restored work belongs to that file again, unsaved, as
after editing it, and its Save asks before replacing a version another program wrote since.

Typed chain-rule answers not yet saved are autosaved beside the network as ``PID-N-TOKEN.answers``
(an answers file, the format ``nn-designer check`` reads) with ``PID-N-TOKEN.answers-origin`` (the
answers file they were opened from or saved to, as an origin note); either part may be there
without the other, under the one lock. A window holds one drill's answers per answers file: those
of further drills (a lesson's other steps) are ``PID-N-TOKEN.2.answers``, ``.3.answers``, … A file's
slot is its name up to the first dot. Older versions read only the ``.json`` parts.

A lesson keeps the networks of the steps left with edits only while it is open: those are autosaved as
further network parts, ``PID-N-TOKEN.2.json``, ``.3.json``, … Each network part that is a lesson step's
work has a note ``KEY.lesson`` (``KEY.2.lesson``…): the lesson's id, the step (1 is the first) and, for a
lesson file, its path, one a line; the next start offers them back into that lesson, each in its step.
A step kept stays in its part, and the kept steps are written before the one on show: a part never
gets another step's network while it may hold a step's only copy (a kill in between lost that step).

The folder is ``NN_DESIGNER_RECOVERY`` if set, else ``recovery/`` in the app's data folder.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QLockFile, QStandardPaths

from designer.exercises.answers import Answers, answers_from_document
from designer.model import FormatError, Network, loads
from designer.model.fileformat import atomic_write_bytes, atomic_write_text, parse_json, read_file_bytes
from designer.model.jsonread import one_line

#: A recovery file left by a version that kept one shared ``recovery.json`` (next to the folder).
LEGACY_NAME = "recovery.json"
#: The most an origin file may hold: a path, not a document.
ORIGIN_LIMIT = 8192
#: A file's state on disk (``designer.ui.files``): modification time (ns), size, inode.
DiskStamp = tuple[int, int, int]
_STAMP = re.compile(rb"(-?[0-9]{1,30}) ([0-9]{1,30}) ([0-9]{1,30})")
_serial = 0
#: the suffixes of a slot's two parts: the network (with its ``.origin``) and the typed answers
NETWORK, ANSWERS = ".json", ".answers"
#: the note beside a network part that is a lesson step's work
LESSON_NOTE = ".lesson"
_LESSON_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_STEP_DIGITS = 6


@dataclass(frozen=True)
class LessonPlace:
    """The lesson step a network is the work of: the lesson's id, the step (0-based) and the lesson's file
    (None: a shipped lesson, opened again by its id)."""

    lesson: str
    step: int
    file: Path | None = None

    def note(self) -> bytes | None:
        """The note's bytes; None when it cannot be written as one line each (a file name of two lines)."""
        text = f"{self.lesson}\n{self.step + 1}\n".encode()
        if self.file is None:
            return text
        name = os.fsencode(os.path.abspath(self.file))
        return None if b"\n" in name else text + name + b"\n"


def lesson_note_of(path: Path) -> Path:
    """The lesson note beside a network part: ``KEY.lesson`` for ``KEY.json``, ``KEY.2.lesson`` for ``KEY.2.json``."""
    return path.with_suffix(LESSON_NOTE)


def _read_lesson_note(path: Path) -> LessonPlace | None:
    """The place a lesson note names; None when there is none or it is not one this app wrote (a damaged
    note only loses the place: the network is offered as a network)."""
    try:
        data = read_file_bytes(path, limit=ORIGIN_LIMIT)
    except FormatError:
        return None
    lines = data.removesuffix(b"\n").split(b"\n")
    if len(lines) not in (2, 3):
        return None
    lesson, step = lines[0].decode("ascii", "replace"), lines[1].decode("ascii", "replace")
    if not _LESSON_ID.fullmatch(lesson) or len(lesson) > 64:
        return None
    if not step.isdecimal() or len(step) > MAX_STEP_DIGITS or int(step) < 1:
        return None
    file = None
    if len(lines) == 3:
        name = os.fsdecode(lines[2])
        if not name or any(ord(c) < 32 or ord(c) == 127 for c in name) or not os.path.isabs(name):
            return None
        file = Path(name)
    return LessonPlace(lesson, int(step) - 1, file)


def note_of(path: Path) -> Path:
    """The origin note beside a recovery part: ``KEY.origin`` for the network, ``KEY.answers-origin``."""
    return path.with_suffix(".origin" if path.suffix == NETWORK else ".answers-origin")


def slot_key(path: Path) -> Path:
    """The slot a recovery part belongs to: ``KEY.json``, ``KEY.answers``, ``KEY.2.answers`` → ``KEY``."""
    return path.parent / path.name.split(".", 1)[0]


def recovery_folder() -> Path:
    override = os.environ.get("NN_DESIGNER_RECOVERY")
    if override:
        return Path(override)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".nn-designer") / "recovery"


def _lock(path: Path) -> QLockFile:
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # held for a window's lifetime: stale only when its process is gone
    return lock


def _held_by_another(lock: QLockFile) -> bool:
    """After a failed ``tryLock``: True when a live process holds the lock; False when the lock file
    could not be made at all (a full disk, a read-only folder), which says nothing about a live window."""
    return lock.error() == QLockFile.LockError.LockFailedError


def _lock_failure(folder: Path, lock: QLockFile) -> OSError:
    """Why a lock could not be taken, as the system says it ("No space left on device"): QLockFile only
    tells UnknownError, so a small file is written in ``folder`` the way it writes its lock."""
    probe = folder / f".probe-{secrets.token_hex(4)}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, f"{os.getpid()}\nNN Designer\n".encode())
        finally:
            os.close(fd)
            _unlink(probe)
    except OSError as exc:
        return OSError(exc.errno, exc.strerror, str(folder))
    return OSError(f"cannot lock the recovery file in {folder} ({lock.error().name})")


class Slot:
    """One window's recovery files; created (and locked) at the first autosave, removed when clean."""

    def __init__(self, folder: Path | None = None) -> None:
        global _serial
        _serial += 1
        self.folder = folder or recovery_folder()
        self.key = f"{os.getpid()}-{_serial}-{secrets.token_hex(3)}"
        self.path = self.folder / f"{self.key}.json"
        self._lock: QLockFile | None = None
        self._answer_parts = 0  # how many answers parts were written (the first is ``answers_path``)
        self._lesson_parts: dict[int, bytes | None] = {}  # further network parts written: number → its note
        self._kept_parts: set[int] = set()  # those the last write_lesson_networks wrote

    @property
    def answers_path(self) -> Path:
        return self.path.with_suffix(ANSWERS)

    def answers_part(self, number: int) -> Path:
        """The ``number``-th answers part (0: ``KEY.answers``, 1: ``KEY.2.answers``, …)."""
        return self.answers_path if number == 0 else self.folder / f"{self.key}.{number + 1}{ANSWERS}"

    def network_part(self, number: int) -> Path:
        """The ``number``-th network part (0: ``KEY.json``, 1: ``KEY.2.json``, …)."""
        return self.path if number == 0 else self.folder / f"{self.key}.{number + 1}{NETWORK}"

    def write(
        self, text: str, origin: Path | None = None, disk: DiskStamp | None = None, lesson: LessonPlace | None = None
    ) -> None:
        """Autosave ``text``, the work on the file ``origin`` (None: never saved) as it was on ``disk`` when
        the window last read or wrote it, or on the lesson step ``lesson``; OSError if it cannot be written
        (the caller tells the user)."""
        self._write_network_part(self.path, text, origin, disk, lesson)

    def write_lesson_networks(self, parts: list[tuple[str, LessonPlace]]) -> None:
        """Autosave the networks a lesson keeps for its steps not on show (a network file's text each, with
        its step), one part each from ``KEY.2.json`` on: into the part that holds that step already, else
        into a part not written yet. Written before the part on show, and parts of steps no longer kept go
        only after it (:meth:`drop_lesson_networks_not_kept`): a part was given another step's network while
        it held a step's only copy (Back from step 13 to 12 wrote 12 over ``KEY.json``, then 13 over
        ``KEY.2.json``), and a crash in between lost step 13's edits."""
        holding = {note: number for number, note in self._lesson_parts.items() if note is not None}
        self._kept_parts = set()
        for text, place in parts:
            note = place.note()
            number = holding.get(note) if note is not None else None
            if number is None or number in self._kept_parts:
                number = self._unused_part_number()
            self._write_network_part(self.network_part(number), text, None, None, place)
            self._lesson_parts[number] = note
            self._kept_parts.add(number)

    def _unused_part_number(self) -> int:
        """The lowest further part number neither on disk from an earlier write nor written just now."""
        number = 1
        while number in self._lesson_parts or number in self._kept_parts:
            number += 1
        return number

    def drop_lesson_networks_not_kept(self) -> None:
        """Remove the further network parts the last :meth:`write_lesson_networks` did not write."""
        for number in sorted(set(self._lesson_parts) - self._kept_parts, reverse=True):
            self._clear_part(self.network_part(number))
            del self._lesson_parts[number]

    def clear_lesson_networks(self) -> None:
        """Remove the lesson's network parts (``KEY.json`` stays)."""
        self._kept_parts = set()
        self.drop_lesson_networks_not_kept()

    def _write_network_part(
        self, path: Path, text: str, origin: Path | None, disk: DiskStamp | None, lesson: LessonPlace | None
    ) -> None:
        """A network part and its lesson note. A note that changes goes before the network is replaced: a
        crash between the two leaves the work without a place (offered as a network), never in another step."""
        note_path = lesson_note_of(path)
        note = None if lesson is None else lesson.note()
        try:
            unchanged = note is not None and read_file_bytes(note_path, limit=ORIGIN_LIMIT) == note
        except FormatError:
            unchanged = False
        if not unchanged:
            _unlink(note_path)
        self._write_part(path, text, origin, disk)
        if note is not None and not unchanged:
            atomic_write_bytes(note_path, note)

    def write_all_answers(self, parts: list[tuple[str, Path | None]]) -> None:
        """Autosave the typed answers of each drill (an answers file's text, its answers file), one part
        each; parts of drills no longer among them go (none: as :meth:`clear_answers`)."""
        for number, (text, origin) in enumerate(parts):
            self._write_part(self.answers_part(number), text, origin, None)
            self._answer_parts = max(self._answer_parts, number + 1)
        self._clear_answer_parts(len(parts))

    def _write_part(self, path: Path, text: str, origin: Path | None, disk: DiskStamp | None) -> None:
        if self._lock is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            lock = _lock(self.folder / f"{self.key}.lock")
            if not lock.tryLock(0):
                raise _lock_failure(self.folder, lock)
            self._lock = lock
        atomic_write_text(path, text)
        name = None if origin is None else os.fsencode(os.path.abspath(origin))  # a name need not be UTF-8
        if name is None or b"\n" in name:  # (a name of two lines could not be read back as one)
            _unlink(note_of(path))
        else:
            stamp = b"" if disk is None else b"%d %d %d\n" % disk
            atomic_write_bytes(note_of(path), name + b"\n" + stamp)

    def clear(self) -> None:
        """Remove this slot's network (saved or discarded); the lock goes last, once the answers are gone too."""
        self._clear_part(self.path)

    def clear_answers(self) -> None:
        """Remove this slot's typed answers (saved, discarded or left)."""
        self._clear_answer_parts(0)

    def _clear_answer_parts(self, keep: int) -> None:
        """Remove the answers parts from the ``keep``-th on; the first goes last (the lock goes with it)."""
        for number in reversed(range(keep, max(self._answer_parts, 1))):
            self._clear_part(self.answers_part(number))
        self._answer_parts = min(self._answer_parts, keep)

    def _clear_part(self, path: Path) -> None:
        _unlink(note_of(path))
        if path.suffix == NETWORK:
            _unlink(lesson_note_of(path))
        _unlink(path)
        if self._lock is not None and not self._holds_parts():
            self._lock.unlock()  # also removes the lock file
            self._lock = None

    def _holds_parts(self) -> bool:
        """Whether any part of this slot is there (a lesson step's network with nothing else unsaved, say):
        the lock stays while one is, else another start would take the work of a live window."""
        try:
            return any(
                slot_key(p) == self.folder / self.key and p.suffix in (NETWORK, ANSWERS)
                for p in self.folder.glob(f"{self.key}.*")
            )
        except OSError:
            return True


@dataclass
class Orphan:
    """Work left by a process that ended without cleaning up; claimed (locked) by this process."""

    path: Path
    lock: QLockFile
    network: Network | None = None
    problem: str = ""  # why it could not be read ("" when ``network`` is set)
    saved: float = 0.0  # modification time
    kept_as: Path | None = field(default=None)  # where an unreadable one was moved
    origin: Path | None = None  # the file this work was on (None: never saved, or not known)
    disk: DiskStamp | None = None  # that file on disk as the window last read or wrote it (None: not known)
    answers: Answers | None = None  # typed chain-rule answers (a slot's ``.answers`` part; no network then)
    lesson: LessonPlace | None = None  # the lesson step whose work the network is (None: no lesson's)

    @property
    def key(self) -> Path:
        """The slot it was left in (its network and answers parts share it)."""
        return slot_key(self.path)

    @property
    def readable(self) -> bool:
        return self.network is not None or self.answers is not None

    def discard(self) -> None:
        """Remove this part's files (the claim is given up once every part of the slot is answered)."""
        _unlink(note_of(self.path))
        if self.path.suffix == NETWORK:
            _unlink(lesson_note_of(self.path))
        _unlink(self.path)

    def release(self) -> None:
        """Give the claim up; the files not discarded stay for a later start (Keep for later)."""
        if self.lock is not None:
            self.lock.unlock()


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _read_origin(path: Path) -> tuple[Path | None, DiskStamp | None]:
    """The file an origin note names and its state on disk then: one absolute path without control
    characters, naming a regular file or nothing yet (a device or FIFO there would swallow or stall the
    next Save), and the stamp line if there is one (an older version wrote none); else (None, None) (a
    damaged or hostile note only loses the file name, never the work)."""
    try:
        line, _, rest = read_file_bytes(path, limit=ORIGIN_LIMIT).partition(b"\n")
    except FormatError:
        return None, None
    stamp = _STAMP.fullmatch(rest.removesuffix(b"\n"))
    if rest and stamp is None:
        return None, None  # a second line that is no stamp: not a note this app wrote
    name = os.fsdecode(line)
    if not line or any(ord(c) < 32 or ord(c) == 127 for c in name) or not os.path.isabs(name):
        return None, None
    try:
        if not stat.S_ISREG(os.stat(name).st_mode):
            return None, None
    except FileNotFoundError:
        pass  # deleted since: Save makes it again
    except (OSError, ValueError):
        return None, None
    disk = None if stamp is None else (int(stamp[1]), int(stamp[2]), int(stamp[3]))
    return Path(name), disk


def find_orphans(folder: Path | None = None, exclude: tuple[Path, ...] = ()) -> list[Orphan]:
    """Claim every orphaned recovery file in ``folder``, oldest first; unreadable ones moved aside."""
    folder = folder or recovery_folder()
    _adopt_legacy(folder)
    try:
        candidates = {
            p for p in folder.iterdir() if p.suffix in (NETWORK, ANSWERS) and p not in exclude and slot_key(p).name
        }
    except OSError:
        return []
    orphans = []
    for key in sorted({slot_key(p) for p in candidates}):
        lock = _claim(key.parent / f"{key.name}.lock")
        if lock is None:
            continue  # a live window's slot, in this process or another
        parts = sorted((path for path in candidates if slot_key(path) == key), key=_part_order)
        found = [_read(path, lock) for path in parts if path.exists()]  # (cleaned up since the listing?)
        if not found:
            lock.unlock()
        orphans += found
    return sorted(orphans, key=lambda o: o.saved)


def _claim(path: Path) -> QLockFile | None:
    """The lock ``path`` of an orphan's slot, taken; None when a live window holds it.

    A lock the claim could not make (a full disk), or one that is no regular file, is held by no live
    window (a live window's lock is a regular file): the slot is offered unclaimed. QLockFile is never
    let at a lock that is no regular file: it reads it to see whose it is, and a FIFO or a link to
    ``/dev/zero`` there kept the start waiting forever (a folder made it skip the work for good)."""
    lock = _lock(path)
    try:
        regular = stat.S_ISREG(os.lstat(path).st_mode)
    except FileNotFoundError:
        regular = True  # made by the claim
    except (OSError, ValueError):
        regular = False
    if regular and not lock.tryLock(0) and _held_by_another(lock):
        return None
    return lock  # claimed, or not lockable: an unlock of it does nothing


def _part_order(path: Path) -> tuple[bool, int, str]:
    """The network first, then the answers parts in the order they were written."""
    number = path.name.split(".")[1] if path.name.count(".") == 2 else "1"
    # isdecimal, not isdigit: ``KEY.².answers`` passed isdigit, int() refused it, and the app never started
    return path.suffix != NETWORK, int(number) if number.isdecimal() else 0, path.name


def _read(path: Path, lock: QLockFile) -> Orphan:
    try:
        saved = path.lstat().st_mtime
    except OSError:
        saved = time.time()
    try:
        if path.suffix == ANSWERS:
            answers = answers_from_document(parse_json(read_file_bytes(path)))
            origin, _disk = _read_origin(note_of(path))
            return Orphan(path, lock, None, saved=saved, origin=origin, answers=answers)
        network = loads(read_file_bytes(path))
        origin, disk = _read_origin(path.with_suffix(".origin"))
        lesson = _read_lesson_note(lesson_note_of(path))
        return Orphan(path, lock, network, saved=saved, origin=origin, disk=disk, lesson=lesson)
    except FormatError as exc:
        problem = one_line(str(exc), 200)
    except (MemoryError, RecursionError):
        problem = "too large or nested too deeply"
    orphan = Orphan(path, lock, None, problem, saved)
    orphan.kept_as = _move_aside(path, problem)
    return orphan


def _move_aside(path: Path, problem: str) -> Path | None:
    """Keep an unreadable recovery file in ``corrupt/`` with a note of why; None if it cannot be moved."""
    corrupt = path.parent / "corrupt"
    try:
        corrupt.mkdir(exist_ok=True)
        target = _free_name(corrupt, path)
        os.replace(path, target)
    except OSError:
        return None
    try:  # moved: where it is now is what the user is told, even when the note cannot be written (a full disk)
        atomic_write_text(reason_note(target), f"{problem}\n")
    except OSError:
        pass
    notes = [note_of] if path.suffix == ANSWERS else [note_of, lesson_note_of]
    for note in notes:
        if note(path).exists():
            try:
                os.replace(note(path), note(target))
            except OSError:
                pass
    return target


def reason_note(kept: Path) -> Path:
    """The note of why ``kept`` could not be read: its whole name and ``.txt`` (``KEY-STAMP.json.txt``),
    so the parts of one slot (``KEY.json``, ``KEY.answers``), moved aside together, each keep their own."""
    return kept.with_name(f"{kept.name}.txt")


#: The most of a part's name (bytes) kept in ``corrupt/`` (with the stamp and the note's ``.txt`` it stays
#: under the 255 bytes a file name may have: a longer one could not be moved and was reported at every start)
KEPT_STEM = 120


def _free_name(corrupt: Path, path: Path) -> Path:
    """A name in ``corrupt`` for ``path`` that nothing there has yet: ``KEY-STAMP.json``, else ``KEY-STAMP-2.json``…"""
    kept = os.fsdecode(os.fsencode(path.stem)[:KEPT_STEM])  # bytes: a name's limit is 255 bytes, not characters
    stem = f"{kept}-{time.strftime('%Y%m%d-%H%M%S')}"
    target = corrupt / f"{stem}{path.suffix}"
    number = 1
    while target.exists() or reason_note(target).exists():
        number += 1
        target = corrupt / f"{stem}-{number}{path.suffix}"
    return target


def _adopt_legacy(folder: Path) -> None:
    """A shared ``recovery.json`` from an older version becomes an orphan like any other."""
    legacy = folder.parent / LEGACY_NAME
    if os.environ.get("NN_DESIGNER_RECOVERY") or not legacy.is_file():
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.replace(legacy, folder / f"legacy-{int(legacy.stat().st_mtime)}.json")
    except OSError:
        pass
