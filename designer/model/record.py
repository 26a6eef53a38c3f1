"""Value classes for the model types every command loads, written without :mod:`dataclasses`.

``dataclasses`` imports :mod:`inspect` (and with it ``ast``, ``dis`` and ``tokenize``): 5.5 ms of each
CLI start in a plain venv, and building a dataclass runs generated code at import, another 0.3 ms
per class. Issue 14 gives ``nn-designer eval`` 2.5 empty Python starts in all, so the few classes on
every path (nodes, connections, the training section, events) spell out their ``__init__`` and take
equality, ``repr`` and :meth:`Record.replace` from this base. Their ``__slots__`` name the fields,
in order; a network of 100,000 connections also holds a third less memory this way.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is 2 ms of a start: only the type checker reads these
    from typing import Any, TypeVar

    R = TypeVar("R", bound="Record")


class Record:
    """Equality by fields (same class only), a dataclass-like ``repr``, and ``replace``.

    Mutable records are unhashable, as a dataclass with ``eq=True`` is.
    """

    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        """The fields, in the order ``__init__`` takes them (the slots of the class and its bases)."""
        names: list[str] = []
        for klass in reversed(cls.__mro__):
            names.extend(klass.__dict__.get("__slots__", ()))
        return tuple(names)

    def values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.field_names())

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.values() == other.values()  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.field_names())
        return f"{type(self).__name__}({shown})"

    def replace(self: R, **changes: Any) -> R:
        """A copy with ``changes`` (as :func:`dataclasses.replace`); an unknown name is a TypeError."""
        names = self.field_names()
        unknown = sorted(set(changes) - set(names))
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {unknown[0]!r}")
        values = {name: getattr(self, name) for name in names}
        values.update(changes)
        return type(self)(**values)
