"""Target expressions in exercise files: a tiny, safe arithmetic language over numpy arrays.

Teachers write targets such as ``sin(x)``, ``x2 > 2*x1 - 1`` or ``x1**2 + x2**2 < 4``.
The text is parsed with :mod:`ast` and checked against a whitelist (numbers, the
exercise's input ids, ``pi`` and ``e``, arithmetic, comparisons, ``and``/``or``/``not``,
``a if c else b`` and the functions in :data:`FUNCTIONS`); it is never given to ``eval``.
Every fault is an :class:`ExpressionError` with a one-line message.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping, Sequence
from functools import reduce

import numpy as np

MAX_LENGTH = 2000  # characters
MAX_DEPTH = 60  # nesting of the syntax tree

Values = Mapping[str, np.ndarray]
Evaluator = Callable[[Values], np.ndarray]

#: name -> (number of arguments, numpy function)
FUNCTIONS: dict[str, tuple[int, Callable[..., np.ndarray]]] = {
    "abs": (1, np.abs),
    "sin": (1, np.sin),
    "cos": (1, np.cos),
    "tan": (1, np.tan),
    "exp": (1, np.exp),
    "log": (1, np.log),
    "sqrt": (1, np.sqrt),
    "tanh": (1, np.tanh),
    "floor": (1, np.floor),
    "ceil": (1, np.ceil),
    "sign": (1, np.sign),
    "min": (2, np.minimum),
    "max": (2, np.maximum),
    "hypot": (2, np.hypot),
}
CONSTANTS: dict[str, float] = {"pi": math.pi, "e": math.e}

_BINARY: dict[type[ast.operator], Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    ast.Add: np.add,
    ast.Sub: np.subtract,
    ast.Mult: np.multiply,
    ast.Div: np.true_divide,
    ast.Pow: np.power,
    ast.Mod: np.mod,
}
_COMPARE: dict[type[ast.cmpop], Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    ast.Lt: np.less,
    ast.LtE: np.less_equal,
    ast.Gt: np.greater,
    ast.GtE: np.greater_equal,
    ast.Eq: np.equal,
    ast.NotEq: np.not_equal,
}


class ExpressionError(ValueError):
    """An expression that cannot be used; ``str()`` is one line."""


def _depth(tree: ast.AST) -> int:
    deepest = 0
    stack = [(tree, 1)]
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        stack.extend((child, d + 1) for child in ast.iter_child_nodes(node))
    return deepest


def _as_float(value: object) -> np.ndarray:
    return np.asarray(value, dtype=np.float64)


class _Compiler:
    def __init__(self, names: Sequence[str]) -> None:
        self.names = set(names)
        self.known = ", ".join(sorted(self.names)) or "none"

    def build(self, node: ast.AST) -> Evaluator:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
                raise ExpressionError(f"only numbers can be written literally, not {node.value!r}"[:120])
            try:
                number = float(node.value)
            except OverflowError:
                raise ExpressionError("a number is too large") from None
            return lambda v: np.float64(number)
        if isinstance(node, ast.Name):
            name = node.id
            if name in self.names:
                return lambda v: v[name]
            if name in CONSTANTS:
                constant = CONSTANTS[name]
                return lambda v: np.float64(constant)
            raise ExpressionError(f"unknown name '{name[:40]}' (inputs: {self.known}; constants: pi, e)")
        if isinstance(node, ast.BinOp):
            op = _BINARY.get(type(node.op))
            if op is None:
                raise ExpressionError(f"operator {type(node.op).__name__} is not allowed (use + - * / ** %)")
            left, right = self.build(node.left), self.build(node.right)
            return lambda v: op(_as_float(left(v)), _as_float(right(v)))
        if isinstance(node, ast.UnaryOp):
            operand = self.build(node.operand)
            if isinstance(node.op, ast.USub):
                return lambda v: np.negative(_as_float(operand(v)))
            if isinstance(node.op, ast.UAdd):
                return lambda v: _as_float(operand(v))
            if isinstance(node.op, ast.Not):
                return lambda v: np.logical_not(operand(v))
            raise ExpressionError("operator ~ is not allowed (use not)")
        if isinstance(node, ast.BoolOp):
            parts = [self.build(p) for p in node.values]
            combine = np.logical_and if isinstance(node.op, ast.And) else np.logical_or
            return lambda v: reduce(combine, (p(v) for p in parts))
        if isinstance(node, ast.Compare):
            return self._compare(node)
        if isinstance(node, ast.IfExp):
            test, body, other = self.build(node.test), self.build(node.body), self.build(node.orelse)
            return lambda v: np.where(test(v), _as_float(body(v)), _as_float(other(v)))
        if isinstance(node, ast.Call):
            return self._call(node)
        raise ExpressionError(f"{type(node).__name__} is not allowed in a target expression")

    def _compare(self, node: ast.Compare) -> Evaluator:
        terms = [self.build(node.left), *(self.build(c) for c in node.comparators)]
        ops = []
        for op in node.ops:
            fn = _COMPARE.get(type(op))
            if fn is None:
                raise ExpressionError(f"comparison {type(op).__name__} is not allowed (use < <= > >= == !=)")
            ops.append(fn)

        def evaluate(v: Values) -> np.ndarray:
            values = [_as_float(t(v)) for t in terms]
            pairs = (fn(a, b) for fn, a, b in zip(ops, values, values[1:], strict=False))
            return reduce(np.logical_and, pairs)

        return evaluate

    def _call(self, node: ast.Call) -> Evaluator:
        if not isinstance(node.func, ast.Name):
            raise ExpressionError(f"only the listed functions can be called ({', '.join(FUNCTIONS)})")
        if node.func.id not in FUNCTIONS:
            raise ExpressionError(f"unknown function '{node.func.id[:40]}' (known: {', '.join(FUNCTIONS)})")
        if node.keywords:
            raise ExpressionError(f"{node.func.id}() takes no keyword arguments")
        arity, fn = FUNCTIONS[node.func.id]
        if len(node.args) != arity or any(isinstance(a, ast.Starred) for a in node.args):
            plural = "s" if arity > 1 else ""
            raise ExpressionError(f"{node.func.id}() takes {arity} argument{plural}, got {len(node.args)}")
        args = [self.build(a) for a in node.args]
        return lambda v: fn(*(_as_float(a(v)) for a in args))


def compile_expression(text: str, names: Sequence[str]) -> Evaluator:
    """A function of input arrays (by id) returning the expression's values.

    The result may be a scalar for a constant expression; callers broadcast it.
    """
    if not isinstance(text, str) or not text.strip():
        raise ExpressionError("the expression is empty")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression too long ({len(text)} characters, limit {MAX_LENGTH})")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"not a valid expression: {exc.msg} (column {exc.offset})") from None
    except (RecursionError, MemoryError, ValueError):
        raise ExpressionError("not a valid expression (nested too deeply)") from None
    if _depth(tree) > MAX_DEPTH:
        raise ExpressionError(f"expression nested too deeply (limit {MAX_DEPTH} levels)")
    return _Compiler(names).build(tree.body)


def evaluate(evaluator: Evaluator, values: Values, n: int) -> np.ndarray:
    """Run a compiled expression on ``n`` points; always a float array of shape (n,)."""
    with np.errstate(all="ignore"):
        result = evaluator(values)
    return np.broadcast_to(np.asarray(result, dtype=np.float64), (n,)).copy()
