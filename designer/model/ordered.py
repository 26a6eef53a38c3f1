"""Dicts kept in the model's order while items are put in at an index or many at once: the splicing
the network's low-level mutations need (dicts keep insertion order, but have no insert)."""

from __future__ import annotations

from itertools import compress

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs every command's start (issue 14): only the type checker reads it
    from typing import Any

    from designer.model.parts import Connection, ConnectionKey


def insert_at(mapping: dict[Any, Any], key: Any, value: Any, index: int | None) -> dict[Any, Any]:
    """Return ``mapping`` with ``key`` inserted at ``index`` (dicts keep order).

    Appending is done in place: building a layer appends thousands of connections one by one.
    """
    if index is None or index >= len(mapping):
        mapping[key] = value
        return mapping
    items = list(mapping.items())
    items.insert(max(index, 0), (key, value))
    return dict(items)


def positions_of(order: list[ConnectionKey], wanted: set[ConnectionKey]) -> list[int]:
    """Where the ``wanted`` keys stand in ``order``, ascending: one pass at C speed, no Python step per key."""
    return list(compress(range(len(order)), map(wanted.__contains__, order)))


def merged_in(keys: list[Any], values: list[Any], placed: list[tuple[Connection, int]]) -> tuple[list[Any], list[Any]]:
    """``keys`` and ``values`` with each connection of ``placed`` (ascending indices) standing at its
    index: slices copied, one Python step per connection placed. Kept as two lists until the dict is
    made (a list of 100,000 new item pairs woke the garbage collector, which walked every object)."""
    new_keys: list[Any] = []
    new_values: list[Any] = []
    taken = 0
    for connection, index in placed:
        count = max(0, index - len(new_keys))
        new_keys += keys[taken : taken + count]
        new_values += values[taken : taken + count]
        taken += count
        new_keys.append(connection.key)
        new_values.append(connection)
    new_keys += keys[taken:]
    new_values += values[taken:]
    return new_keys, new_values
