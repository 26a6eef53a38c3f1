"""Commands that add or remove one connection, and the rules a new connection must follow."""

from __future__ import annotations

from dataclasses import dataclass, field

from designer.model.command_base import Command, CommandError
from designer.model.graph import would_create_cycle
from designer.model.network import Connection, ConnectionKey, Network


def connection_refusal(network: Network, source: str, target: str) -> str | None:
    """Why source→target may not be added, or None if it may."""
    reason = ends_refusal(network, source, target)
    if reason is None and would_create_cycle(network, source, target):
        return cycle_refusal(source, target)
    return reason


def cycle_refusal(source: str, target: str) -> str:
    return f"connecting '{source}' to '{target}' would make a cycle"


def ends_refusal(network: Network, source: str, target: str) -> str | None:
    """Why source→target may not be added, cycles left out (:class:`~designer.model.bulk.AddConnections`
    looks for those once for all its links), or None."""
    if not network.has_node(source):
        return f"no node '{source}'"
    if not network.has_node(target):
        return f"no node '{target}'"
    if target in network.inputs:
        return f"cannot connect into input '{target}': inputs receive no connections"
    if target in network.features:
        return f"cannot connect into feature '{target}': a feature is computed from the inputs"
    if source == target:
        return f"cannot connect '{source}' to itself"
    if (source, target) in network.connections:
        return f"'{source}' is already connected to '{target}'"
    return None


@dataclass
class AddConnection(Command):
    connection: Connection
    index: int | None = None

    def __post_init__(self) -> None:
        self.text = f"connect {self.connection.source} → {self.connection.target}"

    def do(self, network: Network) -> None:
        reason = connection_refusal(network, self.connection.source, self.connection.target)
        if reason:
            raise CommandError(reason)
        network.insert_connection(self.connection, self.index)

    def undo(self, network: Network) -> None:
        network.pop_connection(self.connection.key)


@dataclass
class RemoveConnection(Command):
    key: ConnectionKey
    _removed: tuple[Connection, int] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.text = f"disconnect {self.key[0]} → {self.key[1]}"

    def do(self, network: Network) -> None:
        if self.key not in network.connections:
            raise CommandError(f"no connection {self.key[0]} → {self.key[1]}")
        self._removed = network.pop_connection(self.key)

    def undo(self, network: Network) -> None:
        assert self._removed is not None
        network.insert_connection(*self._removed)
