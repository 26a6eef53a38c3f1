"""Opening, saving, recent files and autosave for the main window.

Files are read by the model's safe reader (regular files only, never blocking, capped) and saved
by its one writer (atomic; links, devices and modes kept: designer/model/atomic.py). A file that
cannot be read gets a dialog with the one-line reason, shown as plain text, and the open network
stays untouched. Unsaved work is autosaved every 30 s into this window's own recovery slot
(designer/ui/recovery.py). A save or an autosave that fails is never silent: a dialog at once,
and for autosave a red note in the status bar until autosaving works again.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox

from designer.exercises.answers import Answers, answers_from_document, is_answers
from designer.exercises.exercise import EXERCISE_FORMAT
from designer.export.names import network_stem
from designer.lessons.lesson import LESSON_FORMAT
from designer.model import FormatError, Network, dumps
from designer.model.fileformat import atomic_write_text, network_from_document, parse_json, read_file_bytes
from designer.model.jsonread import check_encodable
from designer.model.safefile import not_kept_there, same_file, shown_path
from designer.ui.identity import settings
from designer.ui.recovery import DiskStamp, LessonPlace, Slot
from designer.ui.remembered import (
    last_folder,
    path_from_store,
    path_to_store,
    remember_folder,
    remember_work,
    with_suffix,
)
from designer.ui.safetext import Button, message_box, plain_message, save_first, set_plain, shorten
from designer.ui.settings_values import read_strings
from designer.ui.undo import Document

if TYPE_CHECKING:
    from collections.abc import Callable

    from designer.ui.experiment import Experiment

AUTOSAVE_MS = 30_000
MAX_RECENT = 8
FILTER = "NN Designer networks (*.json);;All files (*)"


def network_text(network: Network) -> str:
    """The file's text, or FormatError (one line) if this network could not be written and read back."""
    try:
        text = dumps(network)
    except (ValueError, RecursionError) as exc:  # a NaN or a nesting that got in somehow
        raise FormatError(f"not saved: {exc}") from None
    check_encodable(text, "not saved: the network")
    return text


def _disk_stamp(path: Path) -> DiskStamp | None:
    """What tells one version of a file from another: modification time, size, inode (None: no file)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino


def _could_name_a_file(path: str) -> bool:
    """Whether ``path`` could name a file, there or not (an empty name, a name too long or holding a
    NUL cannot)."""
    if not path:
        return False
    try:
        os.lstat(path)
    except ValueError:
        return False
    except OSError as exc:
        return exc.errno != errno.ENAMETOOLONG
    return True


#: Files that File ▸ Open does not read, by their "format", with the menu item that does.
_OPENED_ELSEWHERE = {
    EXERCISE_FORMAT: "File ▸ Open Exercise…",
    LESSON_FORMAT: "File ▸ Open Lesson…",
}


def _where_to_open(document: object) -> str:
    """ "; open it with File ▸ Open Exercise…" for an exercise or lesson file (a teacher's, or one a
    student double-clicked), else ""."""
    kind = document.get("format") if isinstance(document, dict) else None
    menu = _OPENED_ELSEWHERE.get(kind) if isinstance(kind, str) else None
    return f"; open it with {menu}" if menu else ""


class FileController:
    def __init__(self, window: QMainWindow, document: Document, report) -> None:
        self.window = window
        self.document = document
        self.report = report
        self.recovery = Slot()
        self.autosave_problem = ""  # why the last autosave failed ("" while autosaving works)
        self._autosave_notice: QMessageBox | None = None
        self._autosave_label: QLabel | None = None
        #: the window's experiment (``designer.ui.experiment``): saved with the network, asked before discarding
        self.experiment: Experiment | None = None
        #: puts a chain-rule answers file into the Exercise dock (File ▸ Open takes those too): None when
        #: done, else why not ("" when the user cancelled)
        self.answers_opener: Callable[[Path, Answers], str | None] | None = None
        #: asked before another network replaces the open one: a chain-rule drill that network leaves offers
        #: its typed answers a save (the Exercise dock's own question); True when it is fine to go on
        self.leave_guard: Callable[[Network | None], bool] | None = None
        #: typed chain-rule answers not saved yet, one drill's each (the Exercise dock's, those a lesson
        #: keeps for its other steps), as an answers file's text with the answers file they belong to
        #: (empty: nothing unsaved): autosaved beside the network
        self.answers_to_keep: Callable[[], list[tuple[str, Path | None]]] | None = None
        #: the answers files of the drill on show and of those a lesson keeps for its other steps, each with
        #: what it is ("the open chain-rule answers file") and its drill's id: Save As must not write a network
        #: over them, nor Save answers… another drill's answers
        self.answers_files: Callable[[], list[tuple[Path, str, str]]] | None = None
        #: the lesson's work (designer/ui/lesson/player.py): the step whose network is on show (None: no
        #: lesson's, or a file opened during it) and the networks kept for its other steps with edits, each
        #: with its step: they live only while the lesson is open, and are autosaved beside the network
        self.lesson_work: Callable[[], tuple[LessonPlace | None, list[tuple[Network, LessonPlace]]]] | None = None
        #: a new network (File ▸ New, an exercise's Start) for the lesson step on show, as its own fresh network
        #: (designer/ui/lesson/player.py): True when the step took it; False to replace the open network
        self.new_in_lesson: Callable[[Network], bool] | None = None
        #: asked before a file replaces the open network: True when a lesson kept it as its step's edits
        #: (designer/ui/lesson/player.py), which it asks about when it closes: no save question then
        self.kept_by_lesson: Callable[[], bool] | None = None
        #: the file on disk as this window last read or wrote it: Save asks before replacing another version
        self._on_disk: tuple[Path, DiskStamp] | None = None
        self.autosave = QTimer(window)
        self.autosave.setInterval(int(os.environ.get("NN_DESIGNER_AUTOSAVE_MS", AUTOSAVE_MS)))
        self.autosave.timeout.connect(self.write_recovery)
        self.autosave.start()

    # ----------------------------------------------------------------- open
    def open_dialog(self) -> None:
        start = str(self.document.path.parent if self.document.path else last_folder("networks"))
        path, _ = QFileDialog.getOpenFileName(self.window, "Open network", start, FILTER)
        if path:
            remember_folder("networks", Path(path))
            self.open_path(Path(path), ask_first=True)

    def open_path(self, path: Path, ask_first: bool = False) -> bool:
        """Load ``path``; on failure show the reason (plain text) and keep the current network. A
        chain-rule answers file goes to the Exercise dock (the network stays). ``ask_first``: offer to save
        unsaved work before a network replaces it (asked once the file is known to be one: an answers file
        replaces nothing, and Cancel there stopped the answers from opening)."""
        document = None
        try:
            document = parse_json(read_file_bytes(path))
            if self.answers_opener is not None and is_answers(document):
                return self._open_answers(path, answers_from_document(document))
            network = network_from_document(document)
            if ask_first and not self.may_replace(network):
                return False
        except FormatError as exc:
            return self._not_opened(path, f"{exc}{_where_to_open(document)}")
        except MemoryError:
            return self._not_opened(path, "not enough memory to open it")
        except RecursionError:
            return self._not_opened(path, "nested too deeply")
        self.document.replace(network, path=path)
        self.remember_disk(path)
        self.remember_opened(path)
        self.report(f"Opened {shown_path(path)}")
        return True

    def _open_answers(self, path: Path, answers: Answers) -> bool:
        assert self.answers_opener is not None
        reason = self.answers_opener(path, answers)
        if reason is not None:
            return self._not_opened(path, reason) if reason else False
        self.add_recent(path)
        self.report(f"Opened the answers in {shown_path(path)}")
        return True

    def _not_opened(self, path: Path, reason: str) -> bool:
        name = shown_path(path.name)  # one line: a name may hold a line break (Open Recent keeps any name)
        plain_message(self.window, "warning", "Cannot open file", f"{name}: {reason}")
        self.report(shorten(f"Not opened: {name}: {reason}", 500))
        return False

    # ----------------------------------------------------------------- save
    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._may_replace(self.document.path) and self._write(self.document.path)

    def _may_replace(self, path: Path) -> bool:
        """Whether a save may write ``path``: asked when it is the open file and another program or window
        changed it on disk since (Save, or Save As choosing the same name); False, said in the status bar,
        when the user keeps that version."""
        own = self.document.path
        if own is None or not (path == own or same_file(path, own)) or not self._changed_on_disk(own):
            return True
        if self._replace_other_version(own):
            return True
        self.report(f"Not saved: {shown_path(own.name)} was changed on disk (File ▸ Save As keeps both)")
        return False

    def remember_disk(self, path: Path, stamp: DiskStamp | None = None) -> None:
        """Note the file as it is on disk now (just opened or saved by this window), or as ``stamp`` says
        it was (restored work: when the window that crashed last read or wrote it)."""
        stamp = stamp or _disk_stamp(path)
        self._on_disk = (path, stamp) if stamp is not None else None

    def _disk_of(self, path: Path | None) -> DiskStamp | None:
        """``path`` on disk as this window last read or wrote it (None: not known)."""
        return self._on_disk[1] if self._on_disk is not None and self._on_disk[0] == path else None

    def _changed_on_disk(self, path: Path) -> bool:
        """Whether another program or window wrote ``path`` since this window read or wrote it."""
        if self._on_disk is None or self._on_disk[0] != path:
            return False
        now = _disk_stamp(path)
        return now is not None and now != self._on_disk[1]

    def _replace_other_version(self, path: Path) -> bool:
        answer = plain_message(
            self.window,
            "question",
            "File changed on disk",
            f"{shown_path(path.name)} was changed on disk since this window opened or saved it (by another program or "
            "window). Save over it? That version is then lost; File ▸ Save As keeps both.",
            buttons=QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            default=QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Save

    def save_as(self) -> bool:
        network = self.document.network
        stem = network_stem(network.name, network.extras.get("exercise"))
        suggested = self.document.path or last_folder("networks") / f"{stem}.json"
        path, _ = QFileDialog.getSaveFileName(self.window, "Save network as", str(suggested), FILTER)
        if not path:
            return False
        chosen = with_suffix(path, ".json")
        remember_folder("networks", chosen)
        answers = self.answers_file_named(chosen)
        if answers:  # the dialog offers existing names: the answers would be lost
            plain_message(
                self.window,
                "warning",
                "Network not saved",
                f"{shown_path(chosen.name)} is {answers}: save the network under another name.",
            )
            return False
        return self._may_replace(chosen) and self._write(chosen)

    def answers_file_named(self, path: Path, other_than: str | None = None) -> str:
        """What answers file of a drill in this window ``path`` is (on show, or a lesson step's), or "";
        ``other_than``: a drill id whose answers files do not count (its own answers may go there)."""
        answers = self.answers_files() if self.answers_files is not None else []
        return next((what for kept, what, drill in answers if drill != other_than and same_file(path, kept)), "")

    def _write(self, path: Path) -> bool:
        if problem := not_kept_there(path):
            return self._not_saved(path, problem)
        self.document.commit_live()  # a training run in progress is saved as far as it got
        if self.experiment is not None:
            self.experiment.store()  # the data and settings shown, as the network's training section
        try:
            atomic_write_text(path, network_text(self.document.network))
        except FormatError as exc:
            return self._not_saved(path, str(exc))
        except OSError as exc:
            return self._not_saved(path, exc.strerror or str(exc))
        if self.experiment is not None:
            self.experiment.saved()
        self.document.undo_stack.setClean()
        self.document.path = path
        self.remember_disk(path)
        remember_work(path)
        self.document.path_changed.emit()
        self.clear_recovery()  # saved: a crash from now on has nothing to offer (not only from the next autosave)
        self.add_recent(path)
        self.report(f"Saved {shown_path(path)}")
        return True

    def _not_saved(self, path: Path, reason: str) -> bool:
        name = shown_path(path.name)
        self.report(shorten(f"NOT SAVED: {name}: {reason}", 500))
        plain_message(self.window, "critical", "Cannot save", f"{name} was not saved: {reason}")
        return False

    def _network_to_save(self) -> Network:
        """For the recovery file: the network with the experiment the window shows (when it should carry one)."""
        if self.experiment is None:
            return self.document.network
        return self.experiment.network_to_save()

    def may_replace(self, network: Network | None) -> bool:
        """Before ``network`` replaces the open one (File ▸ New, Open, Open Recent, a dropped file): typed
        answers of a drill it leaves, then unsaved changes of the network, are offered a save (unless a lesson
        keeps them for its step); True to go on."""
        leaving = self.leave_guard is None or self.leave_guard(network)
        return leaving and ((self.kept_by_lesson is not None and self.kept_by_lesson()) or self.confirm_discard())

    def confirm_discard(self, why: str = "") -> bool:
        """Ask before losing unsaved changes (``why``: what replaces them); True if it is fine to go on."""
        self.document.commit_live()
        if not self.document.modified and not (self.experiment is not None and self.experiment.unsaved):
            return True
        question = "Save the changes to this network first?"
        return save_first(self.window, "Unsaved changes", question, self.save, why)

    # --------------------------------------------------------------- recent
    def recent(self) -> list[str]:
        """The recent files, newest first, those not there now too (on a USB stick that is not plugged in:
        the menu marks them, and only the user removes them); a text that can name no file (too long, a
        NUL) is left out. The app stores at most MAX_RECENT: more are not looked up."""
        paths = [path_from_store(text) for text in read_strings("recent")[:MAX_RECENT]]
        return [p for p in paths if _could_name_a_file(p)]

    def open_recent(self, path: str) -> bool:
        """File ▸ Open Recent: open ``path``, or say it is not there now and offer to take it off the list."""
        if os.path.exists(path):
            return self.open_path(Path(path), ask_first=True)
        answer = plain_message(
            self.window,
            "question",
            "File not found",
            f"{shown_path(Path(path).name)} is not there now: {shown_path(path)}",
            "It may be on a drive that is not connected, or it was moved or deleted. Remove it from "
            "Open Recent, or keep it for when it is back?",
            buttons=Button.Yes | Button.No,
            default=Button.No,
            labels={Button.Yes: "Remove from List", Button.No: "Keep"},
        )
        if answer == Button.Yes:
            self._store_recent([p for p in self.recent() if p != path])
            self.report(f"Removed {shown_path(Path(path).name)} from Open Recent.")
        return False

    def remember_opened(self, path: Path) -> None:
        """What opening a network file leaves in the settings, however it was opened (a dialog, Open
        Recent, a drop, the command line): Open Recent lists it, Save answers… starts in its folder."""
        self.add_recent(path)
        remember_work(path)

    def add_recent(self, path: Path) -> None:
        """Remember ``path`` as the user named it: a link stays the link (``current.json`` that a teacher
        points at this week's file), not the file it points to today."""
        path_text = os.path.abspath(path)
        items = [p for p in self.recent() if p != path_text]
        self._store_recent([path_text, *items][:MAX_RECENT])

    @staticmethod
    def _store_recent(paths: list[str]) -> None:
        settings().setValue("recent", [path_to_store(p) for p in paths])

    # ------------------------------------------------------------- recovery
    def write_recovery(self) -> bool:
        """Keep unsaved work (the network, typed answers) safe in this window's slot; clean work needs
        none. False if it failed."""
        self.document.commit_live()
        shown, kept = self.lesson_work() if self.lesson_work is not None else (None, [])
        try:  # the steps kept first, then the one on show: a step's only copy is never written over
            self.recovery.write_lesson_networks([(network_text(network), place) for network, place in kept])
            if self.document.modified:
                path = self.document.path
                text = network_text(self._network_to_save())
                self.recovery.write(text, origin=path, disk=self._disk_of(path), lesson=shown)
            else:
                self.recovery.clear()
            self.recovery.drop_lesson_networks_not_kept()
            self._write_answers()
        except (FormatError, OSError) as exc:
            self._autosave_failed(getattr(exc, "strerror", None) or str(exc))
            return False
        self._autosave_works()
        return True

    def unsaved_answers(self) -> list[tuple[str, Path | None]]:
        return self.answers_to_keep() if self.answers_to_keep is not None else []

    def unsaved_lesson_work(self) -> bool:
        """Whether a lesson keeps edited networks of steps not on show (only it has them)."""
        return self.lesson_work is not None and bool(self.lesson_work()[1])

    def _write_answers(self) -> None:
        self.recovery.write_all_answers(self.unsaved_answers())

    def autosave_answers(self) -> None:
        """The answers' part of the slot as they are now (just saved: gone), without waiting for the timer."""
        try:
            self._write_answers()
        except OSError as exc:
            self._autosave_failed(exc.strerror or str(exc))

    def clear_recovery(self, answers_too: bool = False) -> None:
        """Remove this window's recovery data of the network (saved or discarded) and, ``answers_too``, of
        typed answers and a lesson's steps (the window closed); never another window's."""
        if answers_too:
            self.recovery.clear_answers()
            self.recovery.clear_lesson_networks()
        self.recovery.clear()
        self._autosave_works()

    def _autosave_failed(self, reason: str) -> None:
        """Tell the user at once: a dialog (once per run of failures) and a red status note that stays."""
        first = not self.autosave_problem
        self.autosave_problem = reason
        note = f"Autosave failed: {reason}. Save your work (File ▸ Save As) to keep it."
        if self._autosave_label is None:
            self._autosave_label = QLabel()
            self._autosave_label.setObjectName("autosaveProblem")
            self._autosave_label.setStyleSheet("color: white; background: #b00020; padding: 2px 6px;")
            self.window.statusBar().addPermanentWidget(self._autosave_label)
        set_plain(self._autosave_label, shorten(note, 200))
        self._autosave_label.show()
        if first:
            box = message_box(self.window, "critical", "Autosave failed", note)
            box.open()  # not modal: the timer goes on, and so does the work
            self._autosave_notice = box

    def _autosave_works(self) -> None:
        self.autosave_problem = ""
        if self._autosave_label is not None:
            self._autosave_label.hide()
