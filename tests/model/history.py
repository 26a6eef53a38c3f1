"""A plain undo history for testing model commands without Qt (the GUI uses a QUndoStack, designer/ui/undo.py)."""

from __future__ import annotations

from designer.model.commands import Command
from designer.model.network import Network


class History:
    def __init__(self, network: Network) -> None:
        self.network = network
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._clean_index: int | None = 0

    def push(self, command: Command, *, merge: bool = False) -> None:
        """Do ``command``; with ``merge``, fold it into the previous step when it allows."""
        command.do(self.network)
        self._undone.clear()
        if self._clean_index is not None and self._clean_index > len(self._done):
            self._clean_index = None  # the clean state was in the discarded redo branch
        if merge and self._done and self._clean_index != len(self._done) and self._done[-1].merge(command):
            return
        self._done.append(command)

    def undo(self) -> bool:
        if not self._done:
            return False
        command = self._done.pop()
        command.undo(self.network)
        self._undone.append(command)
        return True

    def redo(self) -> bool:
        if not self._undone:
            return False
        command = self._undone.pop()
        command.do(self.network)
        self._done.append(command)
        return True

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    def set_clean(self) -> None:
        self._clean_index = len(self._done)

    @property
    def is_clean(self) -> bool:
        return self._clean_index == len(self._done)
