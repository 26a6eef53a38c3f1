"""Feature nodes' formulas in the lecture's notation: ``x₁²``, ``sin x₁``, ``x₁·x₂`` or LaTeX ``x_{1}^{2}``.

Inputs are written by their shown names (label, else id). A feature with a label is shown by its
label; one without is shown by its formula, so h(x) reads ``σ(−1·x₁² − 1·x₂² + 6.25)``.
"""

from __future__ import annotations

from collections.abc import Mapping

from designer.formatting import LATEX, MINUS, SUPERSCRIPT_DIGITS, TEXT, check_style, format_number
from designer.model.formula import FEATURE, parse_unchecked
from designer.model.formula_tree import Binary, Call, Name, Node, Number, Unary
from designer.model.network import Network

_LATEX_FUNCTIONS = {"sin": r"\sin", "cos": r"\cos", "exp": r"\exp", "tanh": r"\tanh"}
#: How tightly a written form binds: an operand weaker than its context gets parentheses.
_SUM, _PRODUCT, _SIGN, _POWER, _ATOM = 1, 2, 3, 4, 5


def _strength(node: Node) -> int:
    if isinstance(node, Binary):
        return {"+": _SUM, "-": _SUM, "*": _PRODUCT, "/": _PRODUCT, "**": _POWER}[node.op]
    if isinstance(node, Unary):
        return _SIGN if node.op == "-" else _strength(node.operand)
    if isinstance(node, Call):
        return _ATOM if node.function == "abs" else _PRODUCT
    return _ATOM


class _Math:
    def __init__(self, names: Mapping[str, str], style: str) -> None:
        check_style(style)
        self.names = names
        self.text = style == TEXT

    def group(self, node: Node, weakest: int) -> str:
        """``node`` written, in parentheses if it binds less tightly than ``weakest``."""
        body = self.write(node)
        if _strength(node) >= weakest:
            return body
        return f"({body})" if self.text else f"\\left({body}\\right)"

    def write(self, node: Node) -> str:
        if isinstance(node, Number):
            return format_number(node.value, TEXT if self.text else LATEX)
        if isinstance(node, Name):
            return self.names.get(node.id, node.id)
        if isinstance(node, Unary):
            sign = (MINUS if self.text else "-") if node.op == "-" else ""
            return sign + self.group(node.operand, _POWER if node.op == "-" else _SIGN)
        if isinstance(node, Call):
            return self.call(node)
        assert isinstance(node, Binary)
        if node.op == "**":
            return self.power(node)
        if node.op == "/" and not self.text:
            return f"\\frac{{{self.write(node.left)}}}{{{self.write(node.right)}}}"
        level = _SUM if node.op in "+-" else _PRODUCT
        left = self.group(node.left, level)
        right = self.group(node.right, level + 1 if node.op in "-/" else level)
        if node.op == "*":
            return f"{left}·{right}" if self.text else f"{left} \\cdot {right}"
        if node.op == "/":
            return f"{left}/{right}"
        op = node.op if node.op == "+" else (MINUS if self.text else "-")
        return f"{left} {op} {right}"

    def power(self, node: Binary) -> str:
        base = self.group(node.left, _ATOM)
        k = node.right.value if isinstance(node.right, Number) else None
        if self.text and k is not None and float(k).is_integer():
            return base + str(int(k)).translate(SUPERSCRIPT_DIGITS)
        exponent = self.write(node.right)
        return f"{base}^({exponent})" if self.text else f"{{{base}}}^{{{exponent}}}"

    def call(self, node: Call) -> str:
        arg = node.args[0]
        if node.function == "abs":
            inner = self.write(arg)
            return f"|{inner}|" if self.text else f"\\left|{inner}\\right|"
        name = node.function if self.text else _LATEX_FUNCTIONS[node.function]
        if _strength(arg) == _ATOM and not isinstance(arg, Call):
            return f"{name} {self.write(arg)}"
        return f"{name}({self.write(arg)})" if self.text else f"{name}\\left({self.write(arg)}\\right)"


def formula_math(expression: str, names: Mapping[str, str], style: str = TEXT) -> str:
    """A feature formula in math notation, ``names`` for the inputs (the text as typed if it does not parse)."""
    try:
        node = parse_unchecked(expression, FEATURE)
    except ValueError:
        return expression
    return _Math(names, style).write(node)


def feature_names(network: Network, input_names: Mapping[str, str], style: str = TEXT) -> dict[str, str]:
    """Feature id → how formulas show it: its label (already in ``input_names``' style) if set, else its formula.

    A formula that is a sum or difference is wrapped in parentheses, so ``0.5·(x₁ + x₂)`` reads right.
    """
    shown = {}
    for feature in network.features.values():
        if feature.label:
            continue
        try:
            node = parse_unchecked(feature.expression, FEATURE)
        except ValueError:
            continue
        text = _Math(input_names, style).write(node)
        if _strength(node) < _PRODUCT or (isinstance(node, Unary) and node.op == "-"):
            text = f"({text})" if style == TEXT else f"\\left({text}\\right)"
        shown[feature.id] = text
    return shown
