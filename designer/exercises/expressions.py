"""Target expressions in exercise files: a tiny, safe arithmetic language over numpy arrays.

Teachers write targets such as ``sin(x)``, ``x2 > 2*x1 - 1`` or ``x1**2 + x2**2 < 4``.
The text is parsed by the same parser as feature nodes (:mod:`designer.model.formula`, dialect
``TARGET``: numbers, the exercise's input ids, ``pi`` and ``e``, arithmetic, comparisons,
``and``/``or``/``not``, ``a if c else b`` and the functions in :data:`FUNCTIONS`) and evaluated
by :mod:`designer.engine.formula`; it is never given to ``eval``. Every fault is an
:class:`ExpressionError` with a one-line message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from designer.engine import formula as numeric
from designer.model.formula import TARGET, FormulaError, parse
from designer.model.formula_tree import Node, children

MAX_LENGTH = TARGET.max_length  # characters
MAX_DEPTH = TARGET.max_depth  # nesting of the syntax tree

Values = Mapping[str, np.ndarray]
Evaluator = Callable[[Values], np.ndarray]

#: name -> (number of arguments, numpy function)
FUNCTIONS: dict[str, tuple[int, Callable[..., np.ndarray]]] = {
    name: (arity, numeric.FUNCTIONS[name]) for name, arity in TARGET.functions
}
CONSTANTS: dict[str, float] = dict(TARGET.constants)


class ExpressionError(FormulaError):
    """An expression that cannot be used; ``str()`` is one line."""


class Compiled(NamedTuple):
    """A checked expression: its evaluator and its cost (syntax-tree nodes: array operations per point)."""

    evaluate: Evaluator
    cost: int


def compile_expression(text: str, names: Sequence[str]) -> Evaluator:
    """A function of input arrays (by id) returning the expression's values.

    The result may be a scalar for a constant expression; callers broadcast it.
    """
    if not isinstance(text, str):
        raise ExpressionError("the expression is empty")
    return compiled(text, tuple(names)).evaluate


@lru_cache(maxsize=256)
def compiled(text: str, names: tuple[str, ...]) -> Compiled:
    """The expression checked and compiled once (cached: loading, checking and plots share it).

    ``cost`` counts the syntax tree's nodes, an upper bound of the numpy operations one point
    takes; the exercise loader bounds points × cost (:data:`designer.exercises.targets.MAX_WORK`).
    """
    try:
        tree = parse(text, names, TARGET)
    except FormulaError as exc:
        raise ExpressionError(str(exc)) from None
    return Compiled(numeric.evaluator(tree), _size(tree))


def _size(tree: Node) -> int:
    count, stack = 0, [tree]
    while stack:
        node = stack.pop()
        count += 1
        stack.extend(children(node))
    return count


#: Run a compiled expression on ``n`` points; always a float array of shape (n,).
evaluate = numeric.run
