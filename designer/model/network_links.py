"""A node's links, read from the network's link index (:class:`designer.model.link_index.LinkIndex`):
as many steps as the node has links, never a pass over every link of the network. A part of
:class:`designer.model.network.Network` (its base class), kept apart from the network's content and
its changes."""

from __future__ import annotations

from designer.model.link_index import LinkIndex

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs every command's start 2 ms (issue 14): only the type checker reads it
    from typing import Any

    from designer.model.parts import Connection, ConnectionKey


def _second(pair: tuple[Any, Any]) -> Any:
    return pair[1]


class NodeLinks:
    """The link queries of :class:`~designer.model.network.Network`, and the index they read (a batch's
    links are put in order first: ``_place_unplaced``, of its changes)."""

    connections: dict[ConnectionKey, Connection]
    _links: LinkIndex | None

    def incoming(self, node_id: str) -> list[Connection]:
        """The connections into ``node_id`` in the model's order, from the link index: as many steps as
        the node has links (the Inspector's table scanned all 109,184 links of a big net for one neuron)."""
        index = self._ordered_index(node_id, index_of_target=True)
        connections = self.connections
        return [connections[(source, node_id)] for source in index.sources.get(node_id, ())]

    def outgoing(self, node_id: str) -> list[Connection]:
        """The connections out of ``node_id`` in the model's order, from the link index."""
        index = self._ordered_index(node_id, index_of_target=False)
        connections = self.connections
        return [connections[(node_id, target)] for target in index.targets.get(node_id, ())]

    def _ordered_index(self, node_id: str, index_of_target: bool) -> LinkIndex:
        """The link index with ``node_id``'s sources (or targets) in the model's order: put in order by
        one scan if a link of it was put back in the middle since (rare: an undo), else as it is."""
        self._place_unplaced()
        index = self._link_index()
        unordered = index.unordered_targets if index_of_target else index.unordered_sources
        if node_id in unordered:
            unordered.discard(node_id)
            if index_of_target:
                index.sources[node_id] = {s: None for s, t in self.connections if t == node_id}
            else:
                index.targets[node_id] = {t: None for s, t in self.connections if s == node_id}
        return index

    def attached(self, node_id: str) -> list[Connection]:
        """The connections leaving or entering ``node_id`` in the model's order (the node menu's Disconnect
        entries), from the link index: its links out and in merged by their stamps, as many steps as the
        node has links (a pass over all 109,184 links of a big net each time the menu opened). After a
        link was put back in the middle (an undo) the index is made again once, in the model's order."""
        self._place_unplaced()
        index = self._link_index()
        if not index.stamped:
            index = self._links = LinkIndex(self.connections)
        stamped = [((node_id, t), stamp) for t, stamp in index.targets.get(node_id, {}).items()]
        stamped += [((s, node_id), stamp) for s, stamp in index.sources.get(node_id, {}).items() if s != node_id]
        stamped.sort(key=_second)  # two runs, each in order: one merge
        connections = self.connections
        return [connections[key] for key, _ in stamped]

    def _link_index(self) -> LinkIndex:
        index = self._links
        if index is None or index.of is not self.connections or index.count != len(self.connections):
            index = self._links = LinkIndex(self.connections)  # first use, or the dict was filled or replaced by hand
        return index

    def successors(self, node_id: str) -> list[str]:
        """The targets of ``node_id``'s connections (an index: cycle checks stay linear while a layer is built)."""
        return list(self._link_index().targets.get(node_id, ()))

    def predecessors(self, node_id: str) -> list[str]:
        """The sources of ``node_id``'s connections, from the index (the connect menus' walk upstream)."""
        return list(self._link_index().sources.get(node_id, ()))

    def attached_keys(self, node_id: str) -> list[ConnectionKey]:
        """The keys of the connections leaving or entering ``node_id``, from the index: as many steps as
        the node has links, not one per connection of the network (deleting a neuron of a big net)."""
        index = self._link_index()
        out = [(node_id, t) for t in index.targets.get(node_id, ())]
        return out + [(s, node_id) for s in index.sources.get(node_id, ())]

    def _follow_connections(self) -> None:
        """The dict of connections was made again by the network itself: its link index stays valid."""
        if self._links is not None:
            self._links.follow(self.connections)
