"""The formula tree (frozen dataclasses), the questions asked of it and its text.

:mod:`designer.model.formula` parses text into these trees; the engine evaluates them
(``designer.engine.formula``) and the exports write them back with :func:`to_source`, so a
formula read from a file, shown on the canvas and written into generated code is one tree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Union


# ------------------------------------------------------------------ the tree
@dataclass(frozen=True)
class Number:
    value: float


@dataclass(frozen=True)
class Name:
    id: str


@dataclass(frozen=True)
class Unary:
    op: str  # "-", "+" or "not"
    operand: Node


@dataclass(frozen=True)
class Binary:
    op: str  # "+", "-", "*", "/", "%" or "**"
    left: Node
    right: Node


@dataclass(frozen=True)
class Call:
    function: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Compare:
    ops: tuple[str, ...]  # "<", "<=", ">", ">=", "==", "!="
    operands: tuple[Node, ...]  # one more than ops: a < b <= c


@dataclass(frozen=True)
class Logic:
    op: str  # "and" or "or"
    operands: tuple[Node, ...]


@dataclass(frozen=True)
class IfElse:
    test: Node
    body: Node
    orelse: Node


Node = Union[Number, Name, Unary, Binary, Call, Compare, Logic, IfElse]  # noqa: UP007 - a runtime alias


# ------------------------------------------------------------------ questions
def children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, (Call,)):
        return node.args
    if isinstance(node, (Compare, Logic)):
        return node.operands
    if isinstance(node, IfElse):
        return (node.test, node.body, node.orelse)
    return ()


def walk(node: Node) -> Iterator[Node]:
    """Every node of the tree, parents before children."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))


def referenced_names(node: Node) -> list[str]:
    """The names a formula reads, in order of first appearance."""
    return list(dict.fromkeys(n.id for n in walk(node) if isinstance(n, Name)))


def rename(node: Node, mapping: Mapping[str, str]) -> Node:
    """The same formula reading ``mapping[name]`` instead of each mapped name."""
    if isinstance(node, Name):
        return Name(mapping.get(node.id, node.id))
    if isinstance(node, Unary):
        return Unary(node.op, rename(node.operand, mapping))
    if isinstance(node, Binary):
        return Binary(node.op, rename(node.left, mapping), rename(node.right, mapping))
    if isinstance(node, Call):
        return Call(node.function, tuple(rename(a, mapping) for a in node.args))
    if isinstance(node, Compare):
        return Compare(node.ops, tuple(rename(a, mapping) for a in node.operands))
    if isinstance(node, Logic):
        return Logic(node.op, tuple(rename(a, mapping) for a in node.operands))
    if isinstance(node, IfElse):
        return IfElse(rename(node.test, mapping), rename(node.body, mapping), rename(node.orelse, mapping))
    return node


# ------------------------------------------------------------------ writing back
#: Binding strength: a child weaker than its parent needs parentheses.
_PRECEDENCE = {"or": 1, "and": 2, "not": 3, "compare": 4, "+": 5, "-": 5, "*": 6, "/": 6, "%": 6, "unary": 7, "**": 8}


def precedence(node: Node) -> int:
    if isinstance(node, Binary):
        return _PRECEDENCE[node.op]
    if isinstance(node, Unary):
        return _PRECEDENCE["not"] if node.op == "not" else _PRECEDENCE["unary"]
    if isinstance(node, Compare):
        return _PRECEDENCE["compare"]
    if isinstance(node, Logic):
        return _PRECEDENCE[node.op]
    if isinstance(node, IfElse):
        return 0
    if isinstance(node, Number) and node.value < 0:
        return _PRECEDENCE["unary"]
    return 10


def number_text(value: float) -> str:
    """A number as Python reads it back exactly: 2, 0.5, 1e-05."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def to_source(
    node: Node,
    name: Callable[[str], str] = lambda n: n,
    function: Callable[[str], str] = lambda f: f,
    power: str = "^",
) -> str:
    """Formula text that parses back to the same tree, evaluating in the same order.

    ``name`` and ``function`` map ids and function names (the PyTorch export maps x1 to a tensor
    column and sin to torch.sin); ``power`` is ``^`` for the app, ``**`` for Python.
    """

    def wrap(child: Node, needs: bool) -> str:
        text = write(child)
        return f"({text})" if needs else text

    def write(n: Node) -> str:
        if isinstance(n, Number):
            return number_text(n.value)
        if isinstance(n, Name):
            return name(n.id)
        if isinstance(n, Unary):
            if n.op == "not":
                return "not " + wrap(n.operand, precedence(n.operand) < _PRECEDENCE["not"])
            return n.op + wrap(n.operand, precedence(n.operand) <= _PRECEDENCE["unary"])
        if isinstance(n, Binary):
            p = _PRECEDENCE[n.op]
            right_assoc = n.op == "**"
            left = wrap(n.left, precedence(n.left) < p or (right_assoc and precedence(n.left) <= p))
            right = wrap(n.right, precedence(n.right) < p or (not right_assoc and precedence(n.right) <= p))
            if n.op == "**":  # x1^2 in the app's notation, x1 ** 2 in Python's
                return f"{left}{power}{right}" if power == "^" else f"{left} {power} {right}"
            return f"{left} {n.op} {right}"
        if isinstance(n, Call):
            return f"{function(n.function)}({', '.join(write(a) for a in n.args)})"
        if isinstance(n, Compare):
            parts = [wrap(n.operands[0], precedence(n.operands[0]) <= _PRECEDENCE["compare"])]
            for op, operand in zip(n.ops, n.operands[1:], strict=True):
                parts.append(f"{op} {wrap(operand, precedence(operand) <= _PRECEDENCE['compare'])}")
            return " ".join(parts)
        if isinstance(n, Logic):
            p = _PRECEDENCE[n.op]
            return f" {n.op} ".join(wrap(o, precedence(o) <= p) for o in n.operands)
        assert isinstance(n, IfElse)
        return f"{wrap(n.body, True)} if {wrap(n.test, True)} else {wrap(n.orelse, True)}"

    return write(node)
