"""Formulas (``designer.model.formula`` trees) evaluated with numpy over whole arrays, and their gradient.

:func:`evaluator` turns a tree into a function of named arrays; feature nodes and exercise
targets both use it. :func:`backward` gives d(formula)/d(each name) for feature nodes, whose
values the chain rule carries back to the raw inputs (``grad`` on a network with features).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import reduce

import numpy as np

from designer.model.formula import TARGET
from designer.model.formula_tree import Binary, Call, Compare, IfElse, Logic, Name, Node, Number, Unary

Values = Mapping[str, np.ndarray]
Evaluator = Callable[[Values], np.ndarray]

#: name -> numpy function, for every function of every dialect.
FUNCTIONS: dict[str, Callable[..., np.ndarray]] = {
    "abs": np.abs,
    "sin": np.sin,
    "cos": np.cos,
    "tan": np.tan,
    "exp": np.exp,
    "log": np.log,
    "sqrt": np.sqrt,
    "tanh": np.tanh,
    "floor": np.floor,
    "ceil": np.ceil,
    "sign": np.sign,
    "min": np.minimum,
    "max": np.maximum,
    "hypot": np.hypot,
}
CONSTANTS: dict[str, float] = dict(TARGET.constants)

_BINARY: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "+": np.add,
    "-": np.subtract,
    "*": np.multiply,
    "/": np.true_divide,
    "**": np.power,
    "%": np.mod,
}
_COMPARE: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "<": np.less,
    "<=": np.less_equal,
    ">": np.greater,
    ">=": np.greater_equal,
    "==": np.equal,
    "!=": np.not_equal,
}


def _as_float(value: object) -> np.ndarray:
    """Floats stay as they are (float32 rows stay float32); True/False and integers become float64."""
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return value
    if isinstance(value, float):
        return value  # type: ignore[return-value] - a Python float keeps an array's dtype in arithmetic
    return np.asarray(value, dtype=np.float64)


def evaluator(node: Node) -> Evaluator:
    """A function of arrays by name returning the formula's values (a scalar for a constant formula).

    A name missing from the values is read as a constant of the target dialect (``pi``, ``e``);
    arithmetic follows numpy (1/0 is inf, no exception) in the arrays' float type (float32 rows
    stay float32; comparisons give float64 0/1).
    """
    if isinstance(node, Number):
        value = float(node.value)
        return lambda v: value
    if isinstance(node, Name):
        name = node.id
        constant = CONSTANTS.get(name)
        if constant is not None:
            return lambda v: v[name] if name in v else constant
        return lambda v: v[name]
    if isinstance(node, Binary):
        op = _BINARY[node.op]
        left, right = evaluator(node.left), evaluator(node.right)
        if node.op == "**" and isinstance(node.right, Number) and node.right.value == 2:
            return lambda v: np.square(_as_float(left(v)))
        return lambda v: op(_as_float(left(v)), _as_float(right(v)))
    if isinstance(node, Unary):
        operand = evaluator(node.operand)
        if node.op == "-":
            return lambda v: np.negative(_as_float(operand(v)))
        if node.op == "+":
            return lambda v: _as_float(operand(v))
        return lambda v: np.logical_not(operand(v))
    if isinstance(node, Call):
        fn = FUNCTIONS[node.function]
        args = [evaluator(a) for a in node.args]
        if len(args) == 1:
            only = args[0]
            return lambda v: fn(_as_float(only(v)))
        return lambda v: fn(*(_as_float(a(v)) for a in args))
    if isinstance(node, Logic):
        parts = [evaluator(p) for p in node.operands]
        combine = np.logical_and if node.op == "and" else np.logical_or
        return lambda v: reduce(combine, (p(v) for p in parts))
    if isinstance(node, Compare):
        return _compare(node)
    assert isinstance(node, IfElse)
    test, body, other = evaluator(node.test), evaluator(node.body), evaluator(node.orelse)
    return lambda v: np.where(test(v), _as_float(body(v)), _as_float(other(v)))


def _compare(node: Compare) -> Evaluator:
    terms = [evaluator(t) for t in node.operands]
    ops = [_COMPARE[op] for op in node.ops]

    def evaluate(v: Values) -> np.ndarray:
        values = [_as_float(t(v)) for t in terms]
        pairs = (fn(a, b) for fn, a, b in zip(ops, values, values[1:], strict=False))
        return reduce(np.logical_and, pairs)

    return evaluate


def run(function: Evaluator, values: Values, n: int) -> np.ndarray:
    """An evaluator's values at ``n`` points: always a float64 array of shape (n,), warnings silenced."""
    with np.errstate(all="ignore"):
        result = function(values)
    return np.broadcast_to(np.asarray(result, dtype=np.float64), (n,)).copy()


def evaluate(node: Node, values: Values, n: int) -> np.ndarray:
    """The formula at ``n`` points (see :func:`run`)."""
    return run(evaluator(node), values, n)


# ------------------------------------------------------------------ gradient
def backward(node: Node, values: Values, grad: np.ndarray) -> dict[str, np.ndarray]:
    """d(formula)/d(name) · grad for every name the formula reads (the chain rule, node by node).

    Covers the feature dialect (numbers, names, + - * /, whole powers, sin cos exp abs tanh);
    abs'(0) is taken as 0, like numpy's sign.
    """
    result: dict[str, np.ndarray] = {}
    with np.errstate(all="ignore"):
        _backward(node, values, np.asarray(grad, dtype=np.float64), result)
    return result


def _value(node: Node, values: Values) -> np.ndarray:
    return _as_float(evaluator(node)(values))


def _backward(node: Node, values: Values, grad: np.ndarray, out: dict[str, np.ndarray]) -> None:
    if isinstance(node, Number):
        return
    if isinstance(node, Name):
        out[node.id] = out[node.id] + grad if node.id in out else np.array(grad, dtype=np.float64)
        return
    if isinstance(node, Unary):
        _backward(node.operand, values, -grad if node.op == "-" else grad, out)
        return
    if isinstance(node, Binary):
        _backward_binary(node, values, grad, out)
        return
    if isinstance(node, Call) and len(node.args) == 1:
        arg = node.args[0]
        x = _value(arg, values)
        local = {
            "sin": np.cos,
            "cos": lambda t: -np.sin(t),
            "exp": np.exp,
            "abs": np.sign,
            "tanh": lambda t: 1.0 - np.tanh(t) ** 2,
        }.get(node.function)
        if local is None:
            raise ValueError(f"no derivative for {node.function}()")
        _backward(arg, values, grad * local(x), out)
        return
    raise ValueError(f"no derivative for {type(node).__name__}")


def _backward_binary(node: Binary, values: Values, grad: np.ndarray, out: dict[str, np.ndarray]) -> None:
    left, right = node.left, node.right
    if node.op in ("+", "-"):
        _backward(left, values, grad, out)
        _backward(right, values, grad if node.op == "+" else -grad, out)
        return
    a = _value(left, values)
    if node.op == "**":
        if not isinstance(right, Number):
            raise ValueError("no derivative for a power with a variable exponent")
        k = right.value
        _backward(left, values, grad * (k * a ** (k - 1.0) if k != 0 else 0.0 * a), out)
        return
    b = _value(right, values)
    if node.op == "*":
        _backward(left, values, grad * b, out)
        _backward(right, values, grad * a, out)
        return
    if node.op == "/":
        _backward(left, values, grad / b, out)
        _backward(right, values, -grad * a / (b * b), out)
        return
    raise ValueError(f"no derivative for the operator {node.op}")
