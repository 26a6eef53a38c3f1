"""The documented size limits of a network file (docs/format.md), apart from the reader so that edits
can keep to them too: a label the app accepted but its own reader refused made the saved file, and the
crash recovery of the work, unreadable."""

from __future__ import annotations

MAX_NODES = 10_000
MAX_CONNECTIONS = 200_000
MAX_TEXT = 10_000  # characters in an id, label or name
MAX_DESCRIPTION = 100_000
#: Node positions lie within ±this on both axes (canvas units; a node is 40 across). No real drawing
#: is this large, and a node at 1e12 or 1e308 made the canvas's grid and scroll bars hang or crash.
POSITION_LIMIT = 1_000_000.0

#: the limit of each text field an edit can set
TEXT_LIMITS = {"label": MAX_TEXT, "name": MAX_TEXT, "description": MAX_DESCRIPTION}


def text_too_long(field: str, value: object) -> str:
    """Why ``value`` cannot be ``field``'s text in a file ("" when it can)."""
    limit = TEXT_LIMITS.get(field)
    if limit is None or not isinstance(value, str) or len(value) <= limit:
        return ""
    return f"a {field} has at most {limit:,} characters (this one has {len(value):,})"
