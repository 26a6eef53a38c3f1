"""Which connections leave and enter each node: the network's index, so that a node's links are found
without a pass over every link of the network (the Inspector of a 784-128-64-10 net read 109,184)."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs every command's start (issue 14): only the type checker reads it
    from designer.model.parts import Connection, ConnectionKey


class LinkIndex:
    """Which connections leave and enter each node, kept up to date by the network's own mutations.

    Each node's lists follow the model's order of connections while links are only appended or removed;
    a link put back in the middle (an undo) marks its two ends, whose lists are put in order again when
    next asked for in order (:meth:`Network.incoming`). Each link's entries hold its stamp, a number that
    grows with each link added: while ``stamped``, the stamps follow the model's order, so a node's links
    in and out are merged in that order without a pass over every link (:meth:`Network.attached`)."""

    def __init__(self, connections: dict[ConnectionKey, Connection]) -> None:
        #: the dict indexed: another one put in the network's place by hand (``net.connections = …``) is
        #: indexed anew; the network's own methods that make the dict again hand it over (:meth:`follow`)
        self.of = connections
        self.count = 0
        self.stamp = 0
        #: False once a link was put back in the middle: the stamps no longer follow the model's order
        self.stamped = True
        self.targets: dict[str, dict[str, int | None]] = {}
        self.sources: dict[str, dict[str, int | None]] = {}
        #: nodes whose ``sources`` / ``targets`` may be out of the model's order
        self.unordered_targets: set[str] = set()
        self.unordered_sources: set[str] = set()
        for source, target in connections:
            self.add(source, target)

    def add(self, source: str, target: str, in_order: bool = True) -> None:
        self.stamp += 1
        self.targets.setdefault(source, {})[target] = self.stamp
        self.sources.setdefault(target, {})[source] = self.stamp
        self.count += 1
        if not in_order:
            self.unordered_targets.add(target)
            self.unordered_sources.add(source)
            self.stamped = False

    def follow(self, connections: dict[ConnectionKey, Connection]) -> None:
        """The network made its dict again with the same links (in another order): index that one."""
        self.of = connections

    def remove(self, source: str, target: str) -> None:
        self.targets[source].pop(target, None)
        self.sources[target].pop(source, None)
        self.count -= 1
