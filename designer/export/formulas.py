"""The math behind every neuron, in the lecture's notation, as plain text or LaTeX.

- :func:`neuron_formula`: one neuron with its current numbers, ``h1 = step(1·x₁ + 1·x₂ − 0.5)``
  (every weight shown, ``1·`` included, so a student can read each number off the canvas).
- :func:`neuron_equations`: the same neuron as ``z = Σ w·x + b`` and ``a = g(z)``.
- :func:`network_formula`: the whole network's h(x) as one nested formula, e.g.
  ``h(x) = step(1·step(x₁ + x₂ − 0.5) − 1·step(x₁ + x₂ − 1.5) − 0.5)``. In the nested form a
  weight of exactly 1 in front of a plain input is left out (``x₁`` rather than ``1·x₁``), but
  kept in front of a nested unit (``1·step(…)``), as in the lecture's example. Several outputs
  give one line each; with softmax the output neurons' z lines come first, then ``h(x) = softmax(…)``.
  A hidden unit whose expansion would be longer than ``max_inline`` characters (deep nets with
  skip connections blow up otherwise) is written by name and defined on a line of its own first.
- :func:`latex_document`: a standalone LaTeX document with all of it (``--to latex``).

The Math view passes ``max_terms``: a sum with more terms shows its first ``max_terms`` and then
``… 772 more terms``, so a 784-input neuron is one readable line (exports and Copy LaTeX pass none
and write every term).

Nodes are shown by their label when set (else their id). Labels are free text: in plain text, line
breaks and other control characters become spaces; in LaTeX they are escaped inside ``\\text{…}``
(``x₁``, ``x1`` and ``x_1`` become ``x_{1}``).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TypeVar

from designer.export.feature_math import feature_names
from designer.export.latex_lines import align_rows
from designer.formatting import LATEX, MINUS, TEXT, clean_text, format_weight
from designer.formatting import check_style as _check_style
from designer.model.graph import levels, topological_order
from designer.model.network import Network

_TEXT_G: dict[str, str] = {"sigmoid": "σ", "step": "step", "relu": "ReLU", "tanh": "tanh", "softmax": "softmax"}
_LATEX_G: dict[str, str] = {
    "sigmoid": r"\sigma",
    "step": r"\mathrm{step}",
    "relu": r"\mathrm{ReLU}",
    "tanh": r"\tanh",
    "softmax": r"\mathrm{softmax}",
}
_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_GREEK = dict(
    zip(
        "αβγδεζηθικλμνξοπρςστυφχψωΓΔΘΛΞΠΣΥΦΨΩ",
        r"""\alpha \beta \gamma \delta \epsilon \zeta \eta \theta \iota \kappa \lambda \mu \nu \xi o \pi \rho
        \varsigma \sigma \tau \upsilon \phi \chi \psi \omega \Gamma \Delta \Theta \Lambda \Xi \Pi \Sigma \Upsilon
        \Phi \Psi \Omega""".split(),
        strict=True,
    )
)
#: Characters of labels that pdflatex (T1, utf8) cannot set but math can: written as math, so the
#: document compiles with the LaTeX everyone has (a label "σ" stopped pdflatex: "Unicode character σ
#: (U+03C3) not set up for use with LaTeX", with the shipped activations example too).
_LATEX_AS_MATH = {
    **{greek: f"\\ensuremath{{{command}}}" for greek, command in _GREEK.items()},
    **{digit: f"\\textsubscript{{{i}}}" for i, digit in enumerate("₀₁₂₃₄₅₆₇₈₉")},
    **{digit: f"\\textsuperscript{{{i}}}" for i, digit in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹") if i > 3 or i == 0},
    "−": r"\ensuremath{-}",
    "→": r"\ensuremath{\rightarrow}",
    "←": r"\ensuremath{\leftarrow}",
    "≤": r"\ensuremath{\leq}",
    "≥": r"\ensuremath{\geq}",
    "≠": r"\ensuremath{\neq}",
    "∂": r"\ensuremath{\partial}",
    "∑": r"\ensuremath{\sum}",
    "√": r"\ensuremath{\surd}",
    "∞": r"\ensuremath{\infty}",
    "…": r"\ldots{}",
}
T = TypeVar("T")
#: The most terms of one sum a view shows before counting the rest (the Math view, a neuron's tooltip,
#: the presented neuron): a 784-input neuron reads as one line, not 784 numbers nobody reads at once.
READABLE_TERMS = 10
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_SIMPLE_NAME = re.compile(r"([A-Za-z]+)_?\{?([0-9]+)\}?")
_SUBSCRIPTED = re.compile(r"(.*?)([₀-₉]+)")


# -------------------------------------------------------------------- names
def latex_escape(text: str) -> str:
    """Text for ``\\text{…}``: LaTeX's special characters escaped, Greek letters and the like as math, one line."""
    return "".join(_LATEX_SPECIAL.get(c) or _LATEX_AS_MATH.get(c, c) for c in clean_text(text))


def latex_name(name: str) -> str:
    """A node name in math mode: ``x₁``/``x1``/``x_1`` → ``x_{1}``, one letter as is, else ``\\text{…}``."""
    name = clean_text(name)
    simple = _SIMPLE_NAME.fullmatch(name)
    if simple:
        base, sub = simple.groups()
        return f"{_latex_base(base)}_{{{sub}}}"
    sub_match = _SUBSCRIPTED.fullmatch(name)
    if sub_match and sub_match.group(1):
        base, sub = sub_match.groups()
        return f"{_latex_base(base)}_{{{sub.translate(_SUBSCRIPTS)}}}"
    return _latex_base(name)


def _latex_base(text: str) -> str:
    if len(text) == 1 and text.isascii() and text.isalpha():
        return text
    return f"\\text{{{latex_escape(text)}}}"


def display_names(network: Network) -> dict[str, str]:
    """Node id → name shown in formulas: the cleaned label (or id), made unambiguous.

    Nodes whose label is shared fall back to their id; still-equal names get `` (2)``, `` (3)``…
    """
    ids = list(network.node_ids())
    names = {i: clean_text(network.node(i).display_label) or clean_text(i) or "?" for i in ids}
    counts = Counter(names.values())
    for i in ids:
        if counts[names[i]] > 1:
            names[i] = clean_text(i) or "?"
    seen: Counter[str] = Counter()
    counts = Counter(names.values())
    for i in ids:
        if counts[names[i]] > 1:
            seen[names[i]] += 1
            if seen[names[i]] > 1:
                names[i] = f"{names[i]} ({seen[names[i]]})"
    return names


# ---------------------------------------------------------------- formulas
class _Writer:
    """Builds formula strings for one network in one style."""

    def __init__(self, network: Network, style: str, max_terms: int | None = None) -> None:
        _check_style(style)
        self.network = network
        self.style = style
        self.max_terms = max_terms
        names = display_names(network)
        self.names = {k: latex_name(v) for k, v in names.items()} if style == LATEX else names
        self.names.update(feature_names(network, self.names, style))  # unlabelled features show their formula
        self.sources: dict[str, list[tuple[float, str]]] = {n: [] for n in network.neurons}
        for c in network.connections.values():
            self.sources[c.target].append((c.weight, c.source))

    def num(self, value: float) -> str:
        return format_weight(value, self.style)

    def times(self) -> str:
        return "·" if self.style == TEXT else r" \cdot "

    def apply(self, activation: str, inner: str) -> str:
        """g(inner); linear is the identity (no function name)."""
        if activation == "linear":
            return inner
        if self.style == TEXT:
            return f"{_TEXT_G[activation]}({inner})"
        return f"{_LATEX_G[activation]}\\left({inner}\\right)"

    def shown(self, items: list[T]) -> tuple[list[T], int]:
        """The first ``max_terms`` of a sum's terms and how many are left out (none without a limit)."""
        if self.max_terms is None or len(items) <= self.max_terms:
            return items, 0
        return items[: self.max_terms], len(items) - self.max_terms

    def more_terms(self, hidden: int) -> str:
        """`` + … 772 more terms`` where a sum's terms are left out (a plain word in LaTeX too)."""
        words = f"{hidden:,} more term{'s' if hidden != 1 else ''}"
        return f" + … {words}" if self.style == TEXT else rf" + \dots\text{{ {words}}}"

    def weighted_sum(
        self, terms: list[tuple[float, str, bool]], bias: float, *, drop_unit: bool, hidden: int = 0
    ) -> str:
        """Σ w·operand + b with signs folded in; operand flag: True if it is a plain variable.
        ``hidden``: how many terms after these are left out (said, not written)."""
        minus = MINUS if self.style == TEXT else "-"
        parts: list[str] = []
        for weight, operand, plain in terms:
            negative = weight < 0
            magnitude = self.num(abs(weight))
            body = operand if (drop_unit and plain and magnitude == "1") else f"{magnitude}{self.times()}{operand}"
            parts.append(self._signed(body, negative, first=not parts, minus=minus))
        if hidden:
            parts.append(self.more_terms(hidden))
        if bias != 0 or not parts:
            parts.append(self._signed(self.num(abs(bias)), bias < 0, first=not parts, minus=minus))
        return "".join(parts)

    @staticmethod
    def _signed(body: str, negative: bool, *, first: bool, minus: str) -> str:
        if first:
            return f"{minus}{body}" if negative else body
        return f" {minus} {body}" if negative else f" + {body}"

    def neuron(self, neuron_id: str) -> tuple[str, str]:
        neuron = self.network.neurons[neuron_id]
        sources, hidden = self.shown(self.sources[neuron_id])
        terms = [(w, self.names[s], True) for w, s in sources]
        inner = self.weighted_sum(terms, neuron.bias, drop_unit=False, hidden=hidden)
        return self.names[neuron_id], self.apply(neuron.activation, inner)

    def nested(self, max_inline: int) -> tuple[list[tuple[str, str]], dict[str, str]]:
        """Definitions of units too long to inline, and every neuron's nested expression."""
        expr: dict[str, str] = {}
        named: list[str] = []
        outputs = set(self.network.outputs)
        for neuron_id in topological_order(self.network):
            neuron = self.network.neurons[neuron_id]
            terms = []
            sources, hidden = self.shown(self.sources[neuron_id])
            for weight, source in sources:
                if self.network.is_source(source) or source in named:
                    terms.append((weight, self.names[source], True))
                else:
                    terms.append((weight, self._operand(source, expr[source]), False))
            inner = self.weighted_sum(terms, neuron.bias, drop_unit=True, hidden=hidden)
            expr[neuron_id] = self.apply(neuron.activation, inner)
            if len(expr[neuron_id]) > max_inline and neuron_id not in outputs:
                named.append(neuron_id)
        return [(self.names[n], expr[n]) for n in named], expr

    def _operand(self, source: str, expression: str) -> str:
        if self.network.neurons[source].activation != "linear":
            return expression
        return f"({expression})" if self.style == TEXT else f"\\left({expression}\\right)"


def _line(pair: tuple[str, str]) -> str:
    return f"{pair[0]} = {pair[1]}"


def neuron_formula(network: Network, neuron_id: str, style: str = TEXT, max_terms: int | None = None) -> str:
    """``h1 = step(1·x₁ + 1·x₂ − 0.5)``: one neuron with its current weights and bias (``max_terms``: as
    the Math view, a long sum cut to that many terms and counted)."""
    return _line(_Writer(network, style, max_terms).neuron(neuron_id))


def neuron_equations(network: Network, neuron_id: str, style: str = TEXT) -> tuple[str, str]:
    """``("z = 1·x₁ + 1·x₂ − 0.5", "a = step(z)")``: the lecture's z = Σ w·x + b, a = g(z)."""
    writer = _Writer(network, style)
    neuron = network.neurons[neuron_id]
    terms = [(w, writer.names[s], True) for w, s in writer.sources[neuron_id]]
    z_line = f"z = {writer.weighted_sum(terms, neuron.bias, drop_unit=False)}"
    return z_line, f"a = {writer.apply(neuron.activation, 'z')}"


def _network_pairs(
    network: Network, style: str, max_inline: int, max_terms: int | None = None
) -> list[tuple[str, str]]:
    writer = _Writer(network, style, max_terms)
    definitions, expr = writer.nested(max_inline)
    outputs = list(network.outputs)
    names = writer.names
    if network.softmax:
        z_names = {o: f"z_{names[o]}" if style == TEXT else f"z_{{{names[o]}}}" for o in outputs}
        pairs = [(z_names[o], expr[o]) for o in outputs]
        pairs.append(("h(x)", writer.apply("softmax", ", ".join(z_names[o] for o in outputs))))
        return definitions + pairs
    if len(outputs) == 1:
        return [*definitions, ("h(x)", expr[outputs[0]])]
    return definitions + [(f"{names[o]}(x)", expr[o]) for o in outputs]


def network_formula(
    network: Network, style: str = TEXT, *, max_inline: int = 400, max_terms: int | None = None
) -> list[str]:
    """h(x) as nested formula lines (see the module docstring for the layout)."""
    return [_line(p) for p in _network_pairs(network, style, max_inline, max_terms)]


def all_neuron_formulas(network: Network, style: str = TEXT, *, max_terms: int | None = None) -> list[str]:
    """:func:`neuron_formula` for every neuron, in evaluation order; within a level the outputs first, in
    the outputs' order (as the whole network's lines and the exported model's result columns)."""
    writer = _Writer(network, style, max_terms)
    return [_line(writer.neuron(n)) for n in outputs_first(network)]


def outputs_first(network: Network) -> list[str]:
    """:func:`topological_order` with each level's outputs moved to its front, in the outputs' order."""
    outputs = {o: k for k, o in enumerate(network.outputs)}
    order = topological_order(network)
    depth = levels(network)
    return sorted(order, key=lambda n: (depth[n], n not in outputs, outputs.get(n, 0)))


#: The start of every exported LaTeX document, up to its title (``%(title)s``, escaped).
LATEX_HEAD = r"""\documentclass{article}
%% Generated by NN Designer. Labels with characters outside Latin-1 need lualatex or xelatex.
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{amsmath}
\allowdisplaybreaks
\begin{document}
\section*{%(title)s}
"""
#: The end of every exported LaTeX document: the nested h(x) (``%(network)s``, aligned lines).
LATEX_TAIL = r"""\subsection*{The network}
\begin{align*}
%(network)s
\end{align*}
\end{document}
"""
_DOCUMENT = (
    LATEX_HEAD
    + r"""\subsection*{Neurons}
Each neuron computes $z = \sum_i w_i x_i + b$ and $a = g(z)$.
\begin{align*}
%(neurons)s
\end{align*}
"""
    + LATEX_TAIL
)


def latex_document(network: Network, *, max_inline: int = 400) -> str:
    """A standalone LaTeX document: every neuron's equation and the nested h(x)."""
    writer = _Writer(network, LATEX)
    title = latex_escape(network.name) if clean_text(network.name) else "Network"
    return _DOCUMENT % {
        "title": title,
        "neurons": align_rows([writer.neuron(n) for n in outputs_first(network)]),
        "network": align_rows(_network_pairs(network, LATEX, max_inline)),
    }
