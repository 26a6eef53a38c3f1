"""A tiny observer mechanism so views can follow the model without Qt in the model."""

from __future__ import annotations

from designer.model.record import Record

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs every command's start 2 ms (issue 14): only the type checker reads these
    from collections.abc import Callable
    from typing import Any

#: Event kinds a view can follow. ``key`` is a node id, or a (source, target) pair.
NODE_ADDED = "node_added"
NODE_REMOVED = "node_removed"
NODE_CHANGED = "node_changed"
CONNECTION_ADDED = "connection_added"
CONNECTION_REMOVED = "connection_removed"
CONNECTION_CHANGED = "connection_changed"
OUTPUTS_CHANGED = "outputs_changed"
NETWORK_CHANGED = "network_changed"  # name, description, softmax, extras, training
VALUES_CHANGED = "values_changed"  # many weights/biases at once (training)
RESET = "reset"  # everything replaced (file loaded)
#: Many nodes or connections added or removed at once (deleting a layer, its undo): ``key`` is a tuple of
#: node ids or of (source, target) pairs, in the model's order. One event for the lot: one per link cost
#: the views a call each (4,288 calls to delete a layer of a 2-64-64-1 net).
NODES_ADDED = "nodes_added"
NODES_REMOVED = "nodes_removed"
CONNECTIONS_ADDED = "connections_added"
CONNECTIONS_REMOVED = "connections_removed"
#: One field of many nodes set at once (a multi-node move, Add Layer moving the outputs a column right):
#: ``key`` is the tuple of node ids, ``field`` the field. One event per node cost the views a call each.
NODES_CHANGED = "nodes_changed"
#: One user action made of many changes (a Macro: Add Layer, paste, delete many, their undo/redo) is
#: framed by these two events, so a view can redraw once at the end instead of once per change.
BATCH_BEGIN = "batch_begin"
BATCH_END = "batch_end"

STRUCTURAL = frozenset(
    {
        NODE_ADDED,
        NODE_REMOVED,
        CONNECTION_ADDED,
        CONNECTION_REMOVED,
        NODES_ADDED,
        NODES_REMOVED,
        CONNECTIONS_ADDED,
        CONNECTIONS_REMOVED,
        OUTPUTS_CHANGED,
        RESET,
    }
)


class Event(Record):
    """One change of the model; read-only by convention (views keep them, nobody edits them)."""

    __slots__ = ("kind", "key", "field")

    def __init__(self, kind: str, key: Any = None, field: str | None = None) -> None:
        self.kind = kind
        self.key = key
        self.field = field

    def __hash__(self) -> int:
        return hash((self.kind, self.key, self.field))

    @property
    def structural(self) -> bool:
        """True when compiled arrays must be rebuilt (not just refilled)."""
        return (
            self.kind in STRUCTURAL
            or (self.kind in (NODE_CHANGED, NODES_CHANGED) and self.field in ("activation", "expression"))
            or (self.kind == NETWORK_CHANGED and self.field == "softmax")
        )


if TYPE_CHECKING:
    Listener = Callable[[Event], None]


def once_per_action(callback: Callable[[], None]) -> Listener:
    """A listener calling ``callback()`` once per user action: after a single change, or once when a
    batch of changes (BATCH_BEGIN … BATCH_END) is over. For views that redo their work from scratch."""
    depth = 0

    def listener(event: Event) -> None:
        nonlocal depth
        if event.kind == BATCH_BEGIN:
            depth += 1
        elif event.kind == BATCH_END:
            depth -= 1
            if depth == 0:
                callback()
        elif depth == 0:
            callback()

    return listener


class Emitter:
    """The listeners of one model object, called in the order they subscribed."""

    __slots__ = ("_listeners",)

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Register ``listener``; returns a function that unsubscribes it."""
        self._listeners.append(listener)
        return lambda: self.unsubscribe(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def emit(self, event: Event) -> None:
        for listener in list(self._listeners):
            listener(event)
