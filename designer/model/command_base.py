"""What every edit command is: ``do(network)`` applies it and remembers what ``undo(network)`` needs;
a :class:`Macro` makes several one undo step. The commands themselves are in ``node_commands.py``,
``link_commands.py``, ``field_commands.py`` and ``bulk.py`` (all importable from ``commands.py``)."""

from __future__ import annotations

from dataclasses import dataclass

from designer.model.network import Network

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class CommandError(ValueError):
    """An edit that would make the network invalid; the message says why."""


class Command:
    text = "edit"
    #: Commands with equal non-None merge keys may be merged into one undo step.
    merge_key: Any = None

    def do(self, network: Network) -> None:
        raise NotImplementedError

    def undo(self, network: Network) -> None:
        raise NotImplementedError

    def merge(self, later: Command) -> bool:
        """Absorb ``later`` (already done) into self; True if it did."""
        return False


@dataclass
class Macro(Command):
    """Several commands as one undo step; if one fails, the done ones are undone."""

    commands: list[Command]
    text: str = "edit"

    def do(self, network: Network) -> None:
        done: list[Command] = []
        with network.batch():
            try:
                for command in self.commands:
                    command.do(network)
                    done.append(command)
            except Exception:
                for command in reversed(done):
                    command.undo(network)
                raise

    def undo(self, network: Network) -> None:
        with network.batch():
            for command in reversed(self.commands):
                command.undo(network)
