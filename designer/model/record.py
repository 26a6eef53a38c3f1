"""Value classes for the model types every command loads, written without :mod:`dataclasses`.

``dataclasses`` imports :mod:`inspect` (and with it ``ast``, ``dis`` and ``tokenize``): 5.5 ms of each
CLI start in a plain venv, and building a dataclass runs generated code at import, another 0.3 ms
per class. Issue 14 gives ``nn-designer eval`` 2.5 empty Python starts in all, so the few classes on
every path (nodes, connections, the training section, events) spell out their ``__init__`` and take
equality, ``repr`` and :meth:`Record.replace` from this base. Their ``__slots__`` name the fields,
in order; a network of 100,000 connections also holds a third less memory this way.
"""

from __future__ import annotations

from operator import attrgetter

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is 2 ms of a start: only the type checker reads these
    from collections.abc import Callable
    from typing import Any, TypeVar

    R = TypeVar("R", bound="Record")


class Record:
    """Equality by fields (same class only), a dataclass-like ``repr``, and ``replace``.

    Mutable records are unhashable, as a dataclass with ``eq=True`` is.
    """

    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]
    #: Set for each subclass: its fields in ``__init__``'s order and a getter of their values (a
    #: tuple), which ``__eq__`` holds in a closure: 0.5 µs a comparison (a dataclass's generated one:
    #: 0.25 µs; two networks of 109,000 connections compare in 27 ms instead of 16 ms).
    _fields: tuple[str, ...] = ()
    _values: Callable[[Any], tuple[Any, ...]] = staticmethod(lambda record: ())

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        names: list[str] = []
        for klass in reversed(cls.__mro__):
            names.extend(klass.__dict__.get("__slots__", ()))
        cls._fields = tuple(names)
        cls._values = staticmethod(_tuple_getter(cls._fields))
        cls.__eq__ = _equality(cls._values)  # type: ignore[method-assign]

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        """The fields, in the order ``__init__`` takes them (the slots of the class and its bases)."""
        return cls._fields

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self._values(self), strict=True))
        return f"{type(self).__name__}({shown})"

    def replace(self: R, **changes: Any) -> R:
        """A copy with ``changes`` (as :func:`dataclasses.replace`); an unknown name is a TypeError."""
        unknown = sorted(set(changes) - set(self._fields))
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {unknown[0]!r}")
        values = dict(zip(self._fields, self._values(self), strict=True))
        values.update(changes)
        return type(self)(**values)


def _tuple_getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving a record's field values as a tuple (attrgetter gives a bare value for one name)."""
    if len(names) > 1:
        return attrgetter(*names)
    return (lambda record: ()) if not names else (lambda record, get=attrgetter(*names): (get(record),))


def _equality(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, object], bool]:
    """``__eq__`` of one record class: same class, equal fields (a closure: the getter is no class
    attribute to look up on each of a network's 100,000 comparisons)."""

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return values(self) == values(other)

    return __eq__
