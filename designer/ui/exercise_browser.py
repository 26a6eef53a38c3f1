"""The list of exercises in the Exercise dock: "No exercise" first, then the groups; solved ones ticked.

Solved exercises are remembered in the settings (``exercises/solved``): a built-in by its id (as every
version wrote it), a teacher's file by its id and resolved path (``xor@/course/xor.json``), so a file
that keeps a built-in's id neither ticks the built-in nor counts as solved with it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QTreeWidgetItemIterator

from designer.exercises import GROUPS, ChainRuleExercise, list_exercises
from designer.exercises.catalog import is_shipped
from designer.exercises.exercise import Exercise
from designer.formatting import isolated
from designer.model.safefile import shown_path
from designer.ui.files import settings
from designer.ui.safetext import title_text, tooltip
from designer.ui.settings_values import read_strings
from designer.ui.theme import readable_on

NO_EXERCISE = "\x00none"  # the entry that leaves the exercise (no exercise id can look like it)
#: the start of a teacher's file's entry: its resolved path follows (no exercise id can look like it)
TEACHERS_FILE = "\x00file:"
PASS_COLOR = "#1b7f3b"  # solved in the list, PASS in the dock


def solved_ids() -> set[str]:
    """What the settings remember as solved: built-ins' ids and :func:`solved_key` of teachers' files."""
    return set(read_strings("exercises/solved"))


def solved_key(exercise: Exercise | ChainRuleExercise) -> str:
    """How ``exercise`` is remembered as solved: a built-in by its id, a teacher's file by id@path (no id
    holds an @)."""
    if is_shipped(exercise):
        return exercise.id
    try:
        where = str(Path(exercise.source).resolve()) if exercise.source else ""
    except (OSError, RuntimeError, ValueError):
        where = exercise.source or ""
    return f"{exercise.id}@{where}"


def browser_key(exercise: Exercise | ChainRuleExercise | None) -> str:
    """What the browser's entry for ``exercise`` holds: a built-in's id, a teacher's file by its resolved
    path (:data:`TEACHERS_FILE`), :data:`NO_EXERCISE` for none. An exercise without a file (a lesson's own)
    has no entry of its own: its id."""
    if exercise is None:
        return NO_EXERCISE
    if is_shipped(exercise) or not exercise.source:
        return exercise.id
    return TEACHERS_FILE + solved_key(exercise).split("@", 1)[1]


def is_solved(exercise: Exercise | ChainRuleExercise) -> bool:
    return solved_key(exercise) in solved_ids()


def mark_solved(exercise: Exercise | ChainRuleExercise) -> None:
    settings().setValue("exercises/solved", sorted(solved_ids() | {solved_key(exercise)}))


class ExerciseBrowser(QTreeWidget):
    """Entries hold an exercise id (or NO_EXERCISE) as user data; choosing one is ``currentItemChanged``."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("exerciseBrowser")
        self.setAccessibleName("Exercises")
        self.setHeaderHidden(True)
        #: teachers' files opened in this window, by browser_key: listed in their groups to go back to
        #: (an exercise opened with File ▸ Open Exercise… had no entry: nothing was chosen in the list,
        #: and once another was clicked the way back was the file dialog again)
        self.opened: dict[str, Exercise | ChainRuleExercise] = {}

    def add_opened(self, exercise: Exercise | ChainRuleExercise | None) -> None:
        """List ``exercise`` from now on if it is a teacher's file (built-ins are listed anyway), as it reads
        now: a file edited since it was listed and read again shows its new title (and group)."""
        key = browser_key(exercise)
        if exercise is None or not key.startswith(TEACHERS_FILE):
            return
        listed = self.opened.get(key)
        self.opened[key] = exercise
        if listed is None or (listed.title, listed.group) != (exercise.title, exercise.group):
            self.fill(self.current_key())

    def current_key(self) -> str:
        item = self.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else NO_EXERCISE

    def fill(self, selected: str) -> None:
        """Rebuild the list (a newly solved exercise gets its tick), keeping ``selected`` chosen."""
        self.blockSignals(True)
        try:
            self.clear()
            none = QTreeWidgetItem(["No exercise"])
            none.setData(0, Qt.ItemDataRole.UserRole, NO_EXERCISE)
            none.setToolTip(0, "Leave the exercise: no checks, no marks; the live views show a dataset again")
            self.addTopLevelItem(none)
            done = solved_ids()
            groups: dict[str, QTreeWidgetItem] = {}
            for group in GROUPS:
                item = QTreeWidgetItem([group[0].upper() + group[1:].replace("1-d", "1-D")])
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[group] = item
                self.addTopLevelItem(item)
            for info in list_exercises(kind=None):  # designs and chain-rule drills
                solved = info.id in done
                self._add(groups, info.group, info.id, info.title, f"{info.id}{' (solved)' if solved else ''}", solved)
            for key, exercise in self.opened.items():  # teachers' files, after the built-ins of their group
                where = key.removeprefix(TEACHERS_FILE)
                solved = solved_key(exercise) in done
                # title and file name on one printable line: a line break in either made the entry two lines tall
                title = f"{title_text(exercise.title)} ({isolated(shown_path(Path(where).name))})"
                self._add(groups, exercise.group, key, title, f"{where}{' (solved)' if solved else ''}", solved)
            self.expandAll()
        finally:
            self.blockSignals(False)
        self.select(selected)

    def _add(
        self, groups: dict[str, QTreeWidgetItem], group: str, key: str, title: str, tip: str, solved: bool
    ) -> None:
        """An entry under ``group`` (made when it is not one of the browser's sections: the drills')."""
        child = QTreeWidgetItem([f"✓ {title}" if solved else title])
        child.setData(0, Qt.ItemDataRole.UserRole, key)
        child.setToolTip(0, tooltip(tip))
        if solved:
            child.setForeground(0, QBrush(QColor(readable_on(PASS_COLOR, self.palette()))))
        if group not in groups:  # e.g. the chain-rule drills' "backpropagation"
            groups[group] = QTreeWidgetItem([group[0].upper() + group[1:]])
            groups[group].setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addTopLevelItem(groups[group])
        groups[group].addChild(child)

    def item_for(self, exercise_id: str) -> QTreeWidgetItem | None:
        it = QTreeWidgetItemIterator(self)
        while it.value():
            if it.value().data(0, Qt.ItemDataRole.UserRole) == exercise_id:
                return it.value()
            it += 1
        return None

    def select(self, exercise_id: str) -> None:
        """Show ``exercise_id`` (a :func:`browser_key`) as chosen without choosing it again."""
        self.blockSignals(True)
        self.setCurrentItem(self.item_for(exercise_id))
        self.blockSignals(False)
