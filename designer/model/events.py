"""A tiny observer mechanism so views can follow the model without Qt in the model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
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
#: One user action made of many changes (a Macro: Add Layer, paste, delete many, their undo/redo) is
#: framed by these two events, so a view can redraw once at the end instead of once per change.
BATCH_BEGIN = "batch_begin"
BATCH_END = "batch_end"

STRUCTURAL = frozenset({NODE_ADDED, NODE_REMOVED, CONNECTION_ADDED, CONNECTION_REMOVED, OUTPUTS_CHANGED, RESET})


@dataclass(frozen=True)
class Event:
    kind: str
    key: Any = None
    field: str | None = None

    @property
    def structural(self) -> bool:
        """True when compiled arrays must be rebuilt (not just refilled)."""
        return (
            self.kind in STRUCTURAL
            or (self.kind == NODE_CHANGED and self.field in ("activation", "expression"))
            or (self.kind == NETWORK_CHANGED and self.field == "softmax")
        )


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


@dataclass
class Emitter:
    _listeners: list[Listener] = field(default_factory=list)

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
