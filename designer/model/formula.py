"""Formulas over named inputs: the one parser behind feature nodes and exercise targets.

Text is parsed with Python's :mod:`ast` (parsing never runs code) and converted, node by node,
against a whitelist (a :class:`Dialect`) into a small tree of frozen dataclasses
(:mod:`designer.model.formula_tree`); how the typed text reaches Python's parser, and its faults
in a student's words, is :mod:`designer.model.formula_text`. The engine evaluates that tree with
numpy (``designer.engine.formula``), the exports render it; nothing gives the text to ``eval``.
Every fault is a :class:`FormulaError` with a one-line message.

Two dialects:

- :data:`FEATURE` (feature nodes): numbers, the raw input ids, ``+ - * /``, ``^`` or ``**`` with
  a whole-number power from -8 to 8, parentheses, ``sin cos exp abs tanh``. At most 200
  characters and 20 levels of nesting.
- :data:`TARGET` (exercise targets, docs/exercises.md): also ``%``, any power, comparisons,
  ``and``/``or``/``not``, ``a if c else b``, the constants ``pi`` and ``e`` and more functions.

In both, ``^`` means a power (as on a calculator), and the typographic ``−``, ``×``, ``·``,
``÷``, ``²``, ``³`` and subscript digits (``x₁``) are read as ``-``, ``*``, ``*``, ``/``, ``^2``,
``^3`` and digits, so a formula copied from the canvas (``x₁²``) parses.
"""

from __future__ import annotations

import ast
import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from designer.model.formula_text import character_problem, python_source, syntax_fault
from designer.model.formula_tree import (
    Binary,
    Call,
    Compare,
    IfElse,
    Logic,
    Name,
    Node,
    Number,
    Unary,
    referenced_names,
)
from designer.model.jsonread import one_line


class FormulaError(ValueError):
    """A formula that cannot be used; ``str()`` is one line."""


# ------------------------------------------------------------------ dialects
@dataclass(frozen=True)
class Dialect:
    """What a formula may contain, and how faults are worded."""

    key: str
    what: str  # "feature", "target expression": how messages name the formula
    functions: tuple[tuple[str, int], ...]  # (name, number of arguments)
    constants: tuple[tuple[str, float], ...]
    operators: tuple[str, ...]  # binary operators
    logic: bool  # comparisons, and/or/not, if-else
    max_power: int | None  # None: any exponent; else a whole number from -max_power to max_power
    max_length: int
    max_depth: int  # levels of Python's syntax tree (operators count as a level)
    plain_words: bool  # name refused constructs in plain words (else by their ast class name)

    @property
    def function_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.functions)

    @property
    def constant_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.constants)

    def arity(self, name: str) -> int | None:
        return dict(self.functions).get(name)

    def allowed(self) -> str:
        """What the dialect allows, as a hint after a refusal."""
        power = "^" if self.max_power is not None else "**"
        operators = " ".join(self.operators).replace("**", power)
        return f"use numbers, the inputs, {operators}, ( ) and {' '.join(self.function_names)}"


FEATURE = Dialect(
    key="feature",
    what="feature",
    functions=(("sin", 1), ("cos", 1), ("exp", 1), ("abs", 1), ("tanh", 1)),
    constants=(),
    operators=("+", "-", "*", "/", "**"),
    logic=False,
    max_power=8,
    max_length=200,
    max_depth=20,
    plain_words=True,
)

TARGET = Dialect(
    key="target",
    what="target expression",
    functions=(
        ("abs", 1),
        ("sin", 1),
        ("cos", 1),
        ("tan", 1),
        ("exp", 1),
        ("log", 1),
        ("sqrt", 1),
        ("tanh", 1),
        ("floor", 1),
        ("ceil", 1),
        ("sign", 1),
        ("min", 2),
        ("max", 2),
        ("hypot", 2),
    ),
    constants=(("pi", math.pi), ("e", math.e)),
    operators=("+", "-", "*", "/", "**", "%"),
    logic=True,
    max_power=None,
    max_length=2000,
    max_depth=60,
    plain_words=False,
)

DIALECTS: dict[str, Dialect] = {d.key: d for d in (FEATURE, TARGET)}

_BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Mod: "%", ast.Pow: "**"}
_OPERATOR_SYMBOLS = {
    "BitXor": "^",
    "BitOr": "|",
    "BitAnd": "&",
    "FloorDiv": "//",
    "MatMult": "@",
    "LShift": "<<",
    "RShift": ">>",
}
_COMPARE = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
_PLAIN_WORDS = {
    "Attribute": "an attribute (.)",
    "Subscript": "indexing ([ ])",
    "Compare": "a comparison",
    "BoolOp": "and/or",
    "IfExp": "if-else",
    "Lambda": "lambda",
    "List": "a list",
    "Tuple": "a tuple",
    "Dict": "a dictionary",
    "Set": "a set",
    "Starred": "*",
    "NamedExpr": ":=",
    "JoinedStr": "text",
    "Await": "await",
    "Yield": "yield",
    "GeneratorExp": "a generator",
    "ListComp": "a comprehension",
    "SetComp": "a comprehension",
    "DictComp": "a comprehension",
    "Slice": "a slice",
}


# ------------------------------------------------------------------ parsing
def parse(text: str, names: Sequence[str], dialect: Dialect = FEATURE) -> Node:
    """The tree of ``text``, whose names must be among ``names`` (or the dialect's constants).

    Raises FormulaError (one line) for anything else.
    """
    node = parse_unchecked(text, dialect)
    check_names(node, names, dialect)
    return node


def parse_unchecked(text: str, dialect: Dialect = FEATURE) -> Node:
    """The tree of ``text`` before its names are checked (cached: formulas are parsed on every validation)."""
    if not isinstance(text, str):
        raise FormulaError(f"the {_noun(dialect)} must be text")
    return _parse_cached(text, dialect.key)


@functools.lru_cache(maxsize=2048)
def _parse_cached(text: str, dialect_key: str) -> Node:
    dialect = DIALECTS[dialect_key]
    if not text.strip():
        raise FormulaError(f"the {_noun(dialect)} is empty")
    if len(text) > dialect.max_length:
        raise FormulaError(f"{dialect.what} too long ({len(text)} characters, limit {dialect.max_length})")
    if found := character_problem(text):
        raise FormulaError(f"not a valid {_noun(dialect)}: {found[1]} (column {found[0]})")
    source, origin = python_source(text)
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"not a valid {_noun(dialect)}: {syntax_fault(text, origin, exc)}") from None
    except (RecursionError, MemoryError, ValueError):
        raise FormulaError(f"not a valid {_noun(dialect)} (nested too deeply)") from None
    if _depth(tree) > dialect.max_depth:
        raise FormulaError(f"{dialect.what} nested too deeply (limit {dialect.max_depth} levels)")
    return _Converter(dialect).convert(tree.body)


def _noun(dialect: Dialect) -> str:
    return "expression" if dialect is TARGET else "formula"


def _depth(tree: ast.AST) -> int:
    deepest = 0
    stack = [(tree, 1)]
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        stack.extend((child, d + 1) for child in ast.iter_child_nodes(node))
    return deepest


class _Converter:
    """Python's syntax tree to formula nodes, refusing whatever the dialect does not allow."""

    def __init__(self, dialect: Dialect) -> None:
        self.d = dialect

    def refuse(self, construct: str) -> FormulaError:
        d = self.d
        if d.plain_words:
            shown = _PLAIN_WORDS.get(construct, construct)
            return FormulaError(f"{shown} is not allowed in a {d.what} ({d.allowed()})")
        return FormulaError(f"{construct} is not allowed in a {d.what}")

    def convert(self, node: ast.AST) -> Node:
        if isinstance(node, ast.Constant):
            return self.number(node)
        if isinstance(node, ast.Name):
            return Name(node.id)
        if isinstance(node, ast.BinOp):
            return self.binary(node)
        if isinstance(node, ast.UnaryOp):
            return self.unary(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        if self.d.logic:
            if isinstance(node, ast.BoolOp):
                op = "and" if isinstance(node.op, ast.And) else "or"
                return Logic(op, tuple(self.convert(v) for v in node.values))
            if isinstance(node, ast.Compare):
                return self.compare(node)
            if isinstance(node, ast.IfExp):
                return IfElse(self.convert(node.test), self.convert(node.body), self.convert(node.orelse))
        raise self.refuse(type(node).__name__)

    def number(self, node: ast.Constant) -> Number:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            if self.d.plain_words:
                raise FormulaError(f"only numbers can be written in a {self.d.what}, not {value!r}"[:120])
            raise FormulaError(f"only numbers can be written literally, not {value!r}"[:120])
        try:
            number = float(value)
        except OverflowError:
            raise FormulaError("a number is too large") from None
        if not math.isfinite(number):
            raise FormulaError("a number is too large")
        return Number(number)

    def binary(self, node: ast.BinOp) -> Node:
        op = _BINARY.get(type(node.op))
        if op is None or op not in self.d.operators:
            name = type(node.op).__name__
            if self.d.plain_words:
                symbol = op or _OPERATOR_SYMBOLS.get(name, name)
                raise FormulaError(f"operator {symbol} is not allowed in a {self.d.what} ({self.d.allowed()})")
            raise FormulaError(f"operator {name} is not allowed (use {' '.join(self.d.operators)})")
        left = self.convert(node.left)
        if op == "**" and self.d.max_power is not None:
            return Binary(op, left, Number(float(self.power(node.right))))
        return Binary(op, left, self.convert(node.right))

    def power(self, node: ast.AST) -> int:
        """A whole-number exponent within the dialect's limit: 2, -1, (3)."""
        limit = self.d.max_power
        assert limit is not None
        sign = 1
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            sign = -1 if isinstance(node.op, ast.USub) else 1
            node = node.operand
        value = node.value if isinstance(node, ast.Constant) else None
        whole = isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer()
        if not whole or abs(value) > limit:  # type: ignore[arg-type]
            raise FormulaError(f"a power must be a whole number from -{limit} to {limit}, e.g. x1^2")
        return sign * int(value)  # type: ignore[arg-type]

    def unary(self, node: ast.UnaryOp) -> Node:
        operand = self.convert(node.operand)
        if isinstance(node.op, ast.USub):
            return Unary("-", operand)
        if isinstance(node.op, ast.UAdd):
            return Unary("+", operand)
        if isinstance(node.op, ast.Not) and self.d.logic:
            return Unary("not", operand)
        if self.d.plain_words:
            shown = "not" if isinstance(node.op, ast.Not) else "~"
            raise FormulaError(f"operator {shown} is not allowed in a {self.d.what} ({self.d.allowed()})")
        raise FormulaError("operator ~ is not allowed (use not)")

    def compare(self, node: ast.Compare) -> Compare:
        ops = []
        for op in node.ops:
            symbol = _COMPARE.get(type(op))
            if symbol is None:
                raise FormulaError(f"comparison {type(op).__name__} is not allowed (use < <= > >= == !=)")
            ops.append(symbol)
        operands = (self.convert(node.left), *(self.convert(c) for c in node.comparators))
        return Compare(tuple(ops), operands)

    def call(self, node: ast.Call) -> Call:
        known = ", ".join(self.d.function_names)
        if not isinstance(node.func, ast.Name):
            if self.d.plain_words and isinstance(node.func, ast.Constant):
                raise FormulaError("a number followed by '(': write * for a product, e.g. 2*(x1 + 1)")
            if self.d.plain_words:
                raise FormulaError(f"only the functions {known} can be called")
            raise FormulaError(f"only the listed functions can be called ({known})")
        name = node.func.id
        arity = self.d.arity(name)
        if arity is None:
            raise FormulaError(f"unknown function '{one_line(name, 40)}' (known: {known})")
        if node.keywords:
            raise FormulaError(f"{name}() takes no keyword arguments")
        if len(node.args) != arity or any(isinstance(a, ast.Starred) for a in node.args):
            plural = "s" if arity > 1 else ""
            raise FormulaError(f"{name}() takes {arity} argument{plural}, got {len(node.args)}")
        return Call(name, tuple(self.convert(a) for a in node.args))


def check_names(node: Node, names: Sequence[str], dialect: Dialect = FEATURE) -> None:
    """Every name in ``node`` must be one of ``names`` or a constant of the dialect."""
    allowed = set(names) | set(dialect.constant_names)
    for name in referenced_names(node):
        if name not in allowed:
            known = ", ".join(sorted(names)[:20]) or "none"
            if len(names) > 20:
                known += ", …"
            if dialect.constants:
                consts = ", ".join(dialect.constant_names)
                raise FormulaError(f"unknown name '{one_line(name, 40)}' (inputs: {known}; constants: {consts})")
            raise FormulaError(f"unknown name '{one_line(name, 40)}' (a {dialect.what} may use the inputs {known})")
