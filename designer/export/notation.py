"""The lecture's own notation for a network, beside the numbers (math view and ``--notation`` of the LaTeX export).

The lecture writes a network in layers: the inputs are layer 1 (z₁,ᵢ = xᵢ), and unit j of layer d
computes z_{d,j} = g(Σᵢ w_{d−1,i,j} z_{d−1,i}); its output is called z (the app's a). The bias is the
weight w_{d−1,0,j} on a constant unit z_{d−1,0} = 1 (x₀ = 1 for the inputs), and the whole network
is the nested h_w(x) = g(Σ_k w_{3,k,1} g(Σ_j w_{2,j,k} g(Σ_i w_{1,i,j} x_i))).

Here a neuron's layer is one more than its deepest source (the engine's levels, inputs first), units
are numbered within their layer top to bottom as they sit on the canvas, and inputs in file order;
outputs come first in their layer, in the outputs' order, as the exported model's result columns.
A skip connection from layer d to layer e > d + 1 is written w_{d→e,i,j}. Each unit is drawn with
its own g (σ, step, ReLU, tanh; linear is no function), so mixed networks stay exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from designer.export.formulas import LATEX_HEAD, LATEX_TAIL, _Writer, latex_escape
from designer.export.latex_lines import align_row
from designer.formatting import LATEX, TEXT, clean_text
from designer.model.graph import levels, topological_order
from designer.model.network import Network

NOTATIONS: tuple[str, ...] = ("numbers", "lecture", "both")
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


@dataclass(frozen=True)
class LectureEquation:
    """One neuron: ``symbol = symbolic`` and ``symbol = numeric``, term by term the same."""

    node: str  # the neuron's id
    name: str  # its name on the canvas (label or id)
    symbol: str  # z_{d,j}
    symbolic: str  # g(w_{d-1,0,j}·x₀ + w_{d-1,1,j}·z_{d-1,1} + …)
    numeric: str  # g(b·1 + w·z_{d-1,1} + …) with the current values


def _unit_order(network: Network, outputs: dict[str, int], neuron_id: str) -> tuple[int, float, float]:
    """Where a neuron is numbered within its layer: the outputs first, in the outputs' order (the columns
    of the exported model's result, h_w(x)'s components), then the others top to bottom on the canvas."""
    x, y = network.neurons[neuron_id].position
    if neuron_id in outputs:
        return 0, outputs[neuron_id], 0.0
    return 1, y, x


class _Lecture:
    """Layer and unit numbers of every node, and the symbols built from them, in one style."""

    def __init__(self, network: Network, style: str, max_terms: int | None = None) -> None:
        self.network = network
        self.style = style
        self.writer = _Writer(network, style, max_terms)
        depth = levels(network)
        self.layer = {node_id: depth.get(node_id, 0) + 1 for node_id in network.node_ids()}
        self.unit: dict[str, int] = {}
        first = [n for n in network.node_ids() if n not in network.neurons]  # inputs (and any other sources)
        for i, node_id in enumerate(first, start=1):
            self.unit[node_id] = i
            self.layer[node_id] = 1
        by_layer: dict[int, list[str]] = {}
        for node_id in network.neurons:
            by_layer.setdefault(self.layer[node_id], []).append(node_id)
        outputs = {o: k for k, o in enumerate(network.outputs)}
        for members in by_layer.values():
            members.sort(key=lambda n: _unit_order(network, outputs, n))
            for j, node_id in enumerate(members, start=1):
                self.unit[node_id] = j
        #: evaluation order, each layer's units by number (a unit's sources are in earlier layers)
        self.order = sorted(topological_order(network), key=lambda n: (self.layer[n], self.unit[n]))
        #: each neuron's incoming connections, indexed once (network.incoming scans them all per call)
        self.incoming: dict[str, list] = {}
        for connection in network.connections.values():
            self.incoming.setdefault(connection.target, []).append(connection)

    # ------------------------------------------------------------ symbols
    def sub(self, *parts: object) -> str:
        """Subscript: ``₂,₁`` in text, ``_{2,1}`` in LaTeX."""
        text = ",".join(str(p) for p in parts)
        if self.style == TEXT:
            return text.translate(_SUBSCRIPT)
        return "_{" + text.replace("→", r"\to ") + "}"

    def value_symbol(self, node_id: str) -> str:
        """x_i for an input, z_{d,j} for a neuron."""
        if node_id in self.network.neurons:
            return "z" + self.sub(self.layer[node_id], self.unit[node_id])
        return "x" + self.sub(self.unit[node_id])

    def constant_symbol(self, layer: int) -> str:
        """The constant unit the biases of layer + 1 are weights on: x₀, or z_{d,0}."""
        return "x" + self.sub(0) if layer == 1 else "z" + self.sub(layer, 0)

    def weight_symbol(self, source: str | None, target: str) -> str:
        """w_{d,i,j} (a bias: i = 0, d = the layer before the target); w_{d→e,i,j} for a skip connection."""
        e = self.layer[target]
        if source is None:
            return "w" + self.sub(e - 1, 0, self.unit[target])
        d = self.layer[source]
        layer = f"{d}" if e == d + 1 else f"{d}→{e}"
        return "w" + self.sub(layer, self.unit[source], self.unit[target])

    def times(self) -> str:
        return self.writer.times()

    # -------------------------------------------------------------- terms
    def terms(self, neuron_id: str) -> list[tuple[str | None, float]]:
        """(source or None for the bias, value), the bias first: Σ from i = 0."""
        neuron = self.network.neurons[neuron_id]
        incoming = sorted(self.incoming.get(neuron_id, ()), key=lambda c: (self.layer[c.source], self.unit[c.source]))
        return [(None, neuron.bias), *((c.source, c.weight) for c in incoming)]

    def operand(self, source: str | None, target: str) -> str:
        return self.constant_symbol(self.layer[target] - 1) if source is None else self.value_symbol(source)

    def symbolic_sum(self, neuron_id: str, operands: dict[str, str] | None = None) -> str:
        parts = []
        shown, hidden = self.writer.shown(self.terms(neuron_id))
        for source, _ in shown:
            operand = (operands or {}).get(source or "", self.operand(source, neuron_id))
            parts.append(f"{self.weight_symbol(source, neuron_id)}{self.times()}{operand}")
        return " + ".join(parts) + (self.writer.more_terms(hidden) if hidden else "")

    def numeric_sum(self, neuron_id: str) -> str:
        shown, hidden = self.writer.shown(self.terms(neuron_id))
        terms = [(value, "1" if source is None else self.value_symbol(source), True) for source, value in shown]
        return self.writer.weighted_sum(terms, 0.0, drop_unit=False, hidden=hidden)

    def apply(self, neuron_id: str, inner: str) -> str:
        return self.writer.apply(self.network.neurons[neuron_id].activation, inner)


def lecture_equations(network: Network, style: str = TEXT, *, max_terms: int | None = None) -> list[LectureEquation]:
    """Every neuron in evaluation order, symbolic and with its numbers: ``z₂,₁ = step(w₁,₀,₁·x₀ + …)``;
    with ``max_terms`` each sum shows that many terms and how many more there are."""
    lecture = _Lecture(network, style, max_terms)
    names = lecture.writer.names
    return [
        LectureEquation(
            node=n,
            name=names[n],
            symbol=lecture.value_symbol(n),
            symbolic=lecture.apply(n, lecture.symbolic_sum(n)),
            numeric=lecture.apply(n, lecture.numeric_sum(n)),
        )
        for n in lecture.order
    ]


def lecture_weights(network: Network, style: str = TEXT, *, most: int | None = None) -> list[tuple[str, float]]:
    """(symbol, value) of every bias and weight, neuron by neuron as in :func:`lecture_equations`
    (the first ``most`` of them when given: the Math view names a few and counts the rest)."""
    lecture = _Lecture(network, style)
    every = ((lecture.weight_symbol(s, n), v) for n in lecture.order for s, v in lecture.terms(n))
    return list(islice(every, most))


def lecture_legend(network: Network, style: str = TEXT) -> list[tuple[str, str]]:
    """(symbol, name on the canvas) of every node: ``("z₂,₁", "h1")``."""
    lecture = _Lecture(network, style)
    names = lecture.writer.names
    first = [n for n in network.node_ids() if n not in network.neurons]
    return [(lecture.value_symbol(n), names[n]) for n in [*first, *lecture.order]]


def lecture_network_formula(
    network: Network, style: str = TEXT, *, max_inline: int = 400, max_terms: int | None = None
) -> list[str]:
    """The nested h_w(x) in symbols; a unit whose expansion is too long is named and defined first."""
    lecture = _Lecture(network, style, max_terms)
    expr: dict[str, str] = {}
    named: list[str] = []
    outputs = list(network.outputs)
    for n in lecture.order:
        operands = {}
        for c in lecture.incoming.get(n, ()):
            if c.source in network.neurons and c.source not in named:
                operands[c.source] = lecture.writer._operand(c.source, expr[c.source])  # (…) around a linear unit
        expr[n] = lecture.apply(n, lecture.symbolic_sum(n, operands))
        if len(expr[n]) > max_inline and n not in outputs:
            named.append(n)
    lines = [f"{lecture.value_symbol(n)} = {expr[n]}" for n in named]
    h = "h_w(x)" if style == TEXT else r"h_{\mathbf{w}}(\mathbf{x})"
    if network.softmax:
        lines += [f"{lecture.value_symbol(o)} = {expr[o]}" for o in outputs]
        inner = ", ".join(lecture.value_symbol(o) for o in outputs)
        lines.append(f"{h} = {lecture.writer.apply('softmax', inner)}")
    elif len(outputs) == 1:
        lines.append(f"{h} = {lecture.value_symbol(outputs[0])} = {expr[outputs[0]]}")
    else:  # several outputs: h_w(x) is their tuple, in the outputs' order (the exported model's columns)
        lines += [f"{lecture.value_symbol(o)} = {expr[o]}" for o in outputs]
        lines.append(f"{h} = ({', '.join(lecture.value_symbol(o) for o in outputs)})")
    return lines


# -------------------------------------------------------------------- LaTeX
_DOCUMENT = (
    LATEX_HEAD
    + r"""In the lecture's notation the inputs are layer 1 ($z_{1,i} = x_i$), unit $j$ of layer $d$ computes
$z_{d,j} = g\left(\sum_{i} w_{d-1,i,j}\, z_{d-1,i}\right)$, and the bias is the weight $w_{d-1,0,j}$
on the constant unit $z_{d-1,0} = 1$ ($x_0 = 1$).%(skip)s
\subsection*{Units}
\begin{align*}
%(legend)s
\end{align*}
\subsection*{Neurons}
\begin{align*}
%(neurons)s
\end{align*}
\subsection*{Weights}
\begin{align*}
%(weights)s
\end{align*}
"""
    + LATEX_TAIL
)


def lecture_latex_document(network: Network, notation: str = "lecture", *, max_inline: int = 400) -> str:
    """A standalone LaTeX document in the lecture's notation; ``both`` puts the numbers beside the symbols.

    ``numbers`` is :func:`designer.export.formulas.latex_document` (the export's default).
    """
    from designer.export.formulas import latex_document

    if notation not in NOTATIONS:
        raise ValueError(f"unknown notation '{notation}' (known: {', '.join(NOTATIONS)})")
    if notation == "numbers":
        return latex_document(network, max_inline=max_inline)
    both = notation == "both"
    equations = lecture_equations(network, LATEX)
    neurons = [align_row(e.symbol, e.symbolic) for e in equations]
    if both:  # the numbers on a line of their own under the symbols
        neurons = [f"{row} \\\\\n{align_row('', e.numeric)}" for row, e in zip(neurons, equations, strict=True)]
    writer = _Writer(network, LATEX)  # once: building one per weight made the export quadratic
    weights = [f"{symbol} &= {writer.num(value)}" for symbol, value in lecture_weights(network, LATEX)]
    nested = lecture_network_formula(network, LATEX, max_inline=max_inline)
    if both:
        from designer.export.formulas import _network_pairs

        nested += [f"{lhs} = {rhs}" for lhs, rhs in _network_pairs(network, LATEX, max_inline)]
    title = latex_escape(network.name) if clean_text(network.name) else "Network"
    skip = " A skip connection from layer $d$ to layer $e$ is written $w_{d\\to e,i,j}$." if _has_skip(network) else ""
    return _DOCUMENT % {
        "title": title,
        "skip": skip,
        "legend": " \\\\\n".join(f"{symbol} &: {name}" for symbol, name in lecture_legend(network, LATEX)),
        "neurons": " \\\\\n".join(neurons),
        "weights": " \\\\\n".join(weights) or r"&\text{none}",
        "network": " \\\\\n".join(align_row(*_sides(line)) for line in nested),
    }


def _sides(line: str) -> tuple[str, str]:
    lhs, _, rhs = line.partition(" = ")
    return lhs, rhs


def _has_skip(network: Network) -> bool:
    depth = levels(network)
    return any(depth.get(t, 0) != depth.get(s, 0) + 1 for s, t in network.connections)
