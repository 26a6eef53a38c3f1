"""The open document: a network, its QUndoStack, its file, and whether it is modified.

Model commands run first (so a refused edit raises before anything is pushed), then a
thin QUndoCommand wrapper puts them on the stack. Undo/redo call the model command again,
and the scene redraws from the model's events: one path for every change.

Live work that has not reached the model yet (a training run in progress) registers a
*committer* with :meth:`Document.add_live_source`; every push, undo, redo and save calls
:meth:`Document.commit_live` first, so the run becomes its own undo step before anything
else touches the document, and nothing has to guess whose event it is seeing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from designer.model import Command, CommandError, Network, ReplaceNetwork
from designer.model.fileformat import beyond_file_limits

_MERGE_IDS: dict[object, int] = {}


def _merge_id(key: object) -> int:
    """QUndoCommand ids are ints; map each model merge key to a stable one."""
    if key is None:
        return -1
    return _MERGE_IDS.setdefault(key, len(_MERGE_IDS) + 1)


def size_problem(network: Network) -> str:
    """Why ``network`` is beyond what File ▸ Open reads (``""``: it is not)."""
    nodes = len(network.inputs) + len(network.features) + len(network.neurons)
    too_big = beyond_file_limits(nodes, len(network.connections))
    return f"that would make {too_big}" if too_big else ""


class ModelUndoCommand(QUndoCommand):
    def __init__(self, document: Document, command: Command, mergeable: bool, done: bool = True) -> None:
        super().__init__(command.text)
        self.document = document
        self.command = command
        self._done_once = done  # push() calls redo(): the command already ran (unless put back undone)
        self._id = _merge_id(command.merge_key) if mergeable else -1

    def redo(self) -> None:
        if self._done_once:
            self._done_once = False
            return
        self.command.do(self.document.network)

    def undo(self) -> None:
        self.command.undo(self.document.network)

    def id(self) -> int:
        return self._id

    def mergeWith(self, other: QUndoCommand) -> bool:
        return isinstance(other, ModelUndoCommand) and self.command.merge(other.command)


@dataclass(frozen=True)
class History:
    """A network's undo steps: all of them in order (the last ``len - index`` undone) and how many
    were done when it was last clean (-1: never, or at a step no longer there)."""

    commands: tuple[Command, ...]
    index: int
    clean: int


class Document(QObject):
    """What the main window edits. Emits ``refused`` with a reason when an edit is invalid."""

    refused = Signal(str)
    path_changed = Signal()
    #: another network is shown (File ▸ New/Open, an exercise's Start, restored work): not emitted by saves
    replaced = Signal()

    def __init__(self, network: Network | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.network = network if network is not None else Network(name="Untitled")
        self.undo_stack = QUndoStack(self)
        self.path: Path | None = None
        #: True while another network takes the place of this one without an undo step (File ▸ Open, a
        #: lesson's step): what belonged to the old one (a run's curves) goes; an undoable replacement
        #: (Collapse, Show a solution) is an edit like any other
        self.loading = False
        self._live_sources: list[Callable[[], None]] = []

    def add_live_source(self, commit: Callable[[], None]) -> None:
        """``commit()`` pushes live changes the model does not hold yet (and does nothing when there are none)."""
        self._live_sources.append(commit)

    def commit_live(self) -> None:
        """Bring every live change into the model as its own undo step (before an edit, undo, save…)."""
        for commit in self._live_sources:
            commit()

    def undo(self) -> None:
        self.commit_live()
        self.undo_stack.undo()

    def redo(self) -> None:
        self.commit_live()
        self.undo_stack.redo()

    def push(self, command: Command, *, merge: bool = False) -> bool:
        """Run ``command`` and put it on the undo stack; False (and ``refused``) if it was invalid."""
        self.commit_live()
        try:
            command.do(self.network)
        except CommandError as exc:
            self.refused.emit(str(exc))
            return False
        if too_big := size_problem(self.network):  # it could be saved but never opened again
            command.undo(self.network)
            self.refused.emit(too_big)
            return False
        self.undo_stack.push(ModelUndoCommand(self, command, merge))
        return True

    def push_or_reason(self, command: Command) -> str | None:
        """Like :meth:`push` for a caller that shows the reason itself: None when done, else why not
        (the status bar hears it too, through ``refused``)."""
        reasons: list[str] = []
        self.refused.connect(reasons.append)
        try:
            done = self.push(command)
        finally:
            self.refused.disconnect(reasons.append)
        return None if done else (reasons[0] if reasons else "not allowed")

    def replace(self, network: Network, *, path: Path | None, undoable: bool = False, text: str = "new") -> None:
        """Show another network: a loaded file (clears history) or an undoable replacement."""
        if undoable:
            self.push(ReplaceNetwork(network, text=text))
        else:
            self.undo_stack.clear()
            self.loading = True
            try:
                self.network.replace_with(network)
            finally:
                self.loading = False
            self.undo_stack.setClean()
        self.path = path
        self.path_changed.emit()
        self.replaced.emit()

    def history(self) -> History:
        """The undo steps, to put back with :meth:`restore_history` when this network is shown again
        (a lesson's step left and come back to)."""
        self.commit_live()
        stack = self.undo_stack
        commands = tuple(stack.command(i).command for i in range(stack.count()))  # each a ModelUndoCommand
        return History(commands, stack.index(), stack.cleanIndex())

    def restore_history(self, history: History) -> None:
        """Put back the undo steps of the network on show, which is as it was after the first
        ``history.index`` of them: those are not run again; the undone ones are run and undone again,
        so Redo has them. The clean state is where it was."""
        stack = self.undo_stack
        stack.clear()
        for i, command in enumerate(history.commands):
            if i == history.clean:
                stack.setClean()
            stack.push(ModelUndoCommand(self, command, mergeable=False, done=i < history.index))
        if history.clean == len(history.commands):
            stack.setClean()
        elif history.clean < 0:
            stack.resetClean()
        stack.setIndex(history.index)

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()
