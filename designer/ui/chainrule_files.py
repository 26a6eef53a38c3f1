"""The chain-rule panel's answers files: open into the fields, save for hand-in, ask before losing them.

A part of :class:`~designer.ui.chainrule_panel.ChainRulePanel` (its base class), apart from showing and
checking the drill: an answers file (docs/exercises.md) is written atomically, never onto the open
network's file or another drill's answers, and keeps what an opened file held besides this drill's
entries. The panel provides ``exercise``, ``rows``, ``document``, ``files``, ``report``, ``path``,
``unsaved``, ``_entered``, ``run_check`` and the ``_saved``, ``_kept`` and ``_student`` it keeps.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from designer.exercises.answers import MAX_ENTRIES, Answers, answers_text, read_value
from designer.model.atomic import atomic_write_text
from designer.model.safefile import not_kept_there, same_file, shown_path
from designer.ui.chainrule_entries import json_safe
from designer.ui.remembered import last_folder, remember_work, with_suffix
from designer.ui.safetext import plain_message, save_first


class AnswersFiles:
    """Fill the fields from an answers file, save them to one, and offer to save before they are lost."""

    def confirm_discard(self) -> bool:
        """Before the window closes: offer to save typed answers; True if it is fine to go on."""
        if not self.unsaved:
            return True
        return save_first(self, "Unsaved answers", "Save your chain-rule answers first?", self.save_dialog)

    def fill(self, answers: Answers, path: Path | None) -> None:
        """The entries of an opened answers file in their fields, as saved (nothing unsaved yet); the
        file's other entries and its student are kept for the next save."""
        asked = {row.quantity.id for row in self.rows}
        for row in self.rows:
            row.field.setText(read_value(answers.entries.get(row.quantity.id))[0])
        others = [(key, value) for key, value in answers.entries.items() if key not in asked]
        room = MAX_ENTRIES - len(asked)  # a saved file must stay one the app and `check` read
        self._kept = {key: json_safe(value) for key, value in others[:room]}
        self._student = json_safe(answers.student)
        if len(others) > room:
            plain_message(
                self,
                "warning",
                "Answers not all kept",
                f"{len(others) - room} entries of {shown_path(path.name) if path else 'the file'} for quantities "
                f"this drill does not ask are not kept: an answers file holds at most {MAX_ENTRIES}.",
            )
        self._saved = self._entered()
        self.path = path
        if path is not None:
            remember_work(path)
        self.run_check()

    def save_dialog(self) -> bool:
        """Ask where, then save; False when cancelled or not saved."""
        if self.exercise is None:
            return False
        network_file = self.document.path
        # where a network or answers file was last opened or saved: the homework's folder, not the documents one
        folder = last_folder("work", network_file.parent if network_file is not None else None)
        suggested = self.path or folder / f"{self.exercise.id}-answers.json"
        path, _ = QFileDialog.getSaveFileName(self, "Save answers", str(suggested), "Answers (*.json)")
        if not path:
            return False
        chosen = with_suffix(path, ".json")
        if network_file is not None and same_file(chosen, network_file):  # the dialog offers existing names
            plain_message(
                self,
                "warning",
                "Answers not saved",
                f"{shown_path(chosen.name)} is the open network's own file: save the answers under another name.",
            )
            return False
        if taken := self.files.answers_file_named(chosen, other_than=self.exercise.id):  # another drill's answers
            plain_message(
                self,
                "warning",
                "Answers not saved",
                f"{chosen.name} is {taken}: save these answers under another name.",
            )
            return False
        return self.save(chosen)

    def answers_text(self) -> str:
        """The answers file (docs/exercises.md) of the entries on show, with what an opened file held besides."""
        assert self.exercise is not None
        return answers_text(self.exercise.id, {**self._entered(), **self._kept}, self._student)

    def save(self, path: Path) -> bool:
        """An answers file, written atomically; a failure is one line in a dialog."""
        entered = self._entered()
        if problem := not_kept_there(path):
            plain_message(self, "warning", "Cannot save answers", f"{shown_path(path.name)}: {problem}")
            return False
        try:
            atomic_write_text(path, self.answers_text())
        except OSError as exc:
            plain_message(self, "warning", "Cannot save answers", f"{shown_path(path.name)}: {exc}")
            return False
        self._saved = entered
        self.path = path
        remember_work(path)
        self.files.add_recent(path)  # tomorrow's File ▸ Open Recent goes on with them, as with a network
        self.files.autosave_answers()  # saved: a crash from now on has none of them to offer
        self.report(f"Answers saved to {shown_path(path)}")
        return True
