"""The lecture's notation: layered indices w_{d,i,j}, the bias on a constant input, the nested h_w(x)."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from designer.cli import main
from designer.engine import compile_network
from designer.export import latex_document
from designer.export.notation import (
    lecture_equations,
    lecture_latex_document,
    lecture_legend,
    lecture_network_formula,
    lecture_weights,
)
from designer.model import load
from tests.conftest import EXAMPLES
from tests.netgen import layered, random_dag

XOR = EXAMPLES / "xor-step.json"


def test_xor_in_the_lecture_notation():
    xor = load(XOR)
    equations = lecture_equations(xor)
    assert [(e.name, e.symbol) for e in equations] == [("OR", "z₂,₁"), ("AND", "z₂,₂"), ("y", "z₃,₁")]
    assert equations[0].symbolic == "step(w₁,₀,₁·x₀ + w₁,₁,₁·x₁ + w₁,₂,₁·x₂)"
    assert equations[0].numeric == "step(−0.5·1 + 1·x₁ + 1·x₂)"
    assert equations[2].symbolic == "step(w₂,₀,₁·z₂,₀ + w₂,₁,₁·z₂,₁ + w₂,₂,₁·z₂,₂)"
    assert equations[2].numeric == "step(−0.5·1 + 1·z₂,₁ − 1·z₂,₂)"
    assert lecture_weights(xor)[:3] == [("w₁,₀,₁", -0.5), ("w₁,₁,₁", 1.0), ("w₁,₂,₁", 1.0)]
    assert lecture_legend(xor)[2] == ("z₂,₁", "OR")
    [nested] = lecture_network_formula(xor)
    assert nested == (
        "h_w(x) = z₃,₁ = step(w₂,₀,₁·z₂,₀ + w₂,₁,₁·step(w₁,₀,₁·x₀ + w₁,₁,₁·x₁ + w₁,₂,₁·x₂)"
        " + w₂,₂,₁·step(w₁,₀,₂·x₀ + w₁,₁,₂·x₁ + w₁,₂,₂·x₂))"
    )


def test_xor_in_latex():
    xor = load(XOR)
    first = lecture_equations(xor, "latex")[0]
    assert first.symbol == "z_{2,1}"
    assert (
        first.symbolic
        == r"\mathrm{step}\left(w_{1,0,1} \cdot x_{0} + w_{1,1,1} \cdot x_{1} + w_{1,2,1} \cdot x_{2}\right)"
    )
    assert lecture_network_formula(xor, "latex")[0].startswith(r"h_{\mathbf{w}}(\mathbf{x}) = z_{3,1} = ")


def test_units_are_numbered_top_to_bottom_within_a_layer():
    net = layered([2, 3, 1], ["sigmoid", "linear"])
    net.neurons["l1n1"].position, net.neurons["l1n3"].position = (200.0, 400.0), (200.0, 0.0)
    symbols = {e.node: e.symbol for e in lecture_equations(net)}
    assert symbols == {"l1n3": "z₂,₁", "l1n2": "z₂,₂", "l1n1": "z₂,₃", "y1": "z₃,₁"}


def test_a_skip_connection_names_both_layers():
    net = layered([1, 1, 1], ["relu", "linear"])
    net.connections[("x1", "y1")] = type(net.connections[("l1n1", "y1")])("x1", "y1", 2.0)
    [hidden, out] = lecture_equations(net)
    assert out.symbolic == "w₂,₀,₁·z₂,₀ + w₁→₃,₁,₁·x₁ + w₂,₁,₁·z₂,₁"  # linear: no function around it
    assert "w_{1\\to 3,1,1}" in lecture_latex_document(net)
    assert "A skip connection from layer" in lecture_latex_document(net)
    assert "A skip connection" not in lecture_latex_document(load(XOR))


ACTIVATIONS = {
    "σ": lambda z: 1 / (1 + math.exp(-z)),
    "step": lambda z: 1.0 if z >= 0 else 0.0,
    "ReLU": lambda z: max(0.0, z),
    "tanh": math.tanh,
}


def evaluate(formula: str, weights: dict[str, float], inputs: list[float]) -> float:
    """Read a symbolic text formula back as arithmetic: an independent check of indices and nesting."""
    text = formula.replace("·", "*").replace("−", "-")
    text = re.sub(r"w[₀-₉,→]+", lambda m: repr(weights[m.group()]), text)
    text = re.sub(r"x([₀-₉]+)", lambda m: repr(([1.0, *inputs])[int(m.group(1).translate(DIGITS))]), text)
    text = re.sub(r"z[₀-₉]+,₀", "1.0", text)
    text = text.replace("σ(", "sigma(").replace("ReLU(", "relu(")
    names = {"sigma": ACTIVATIONS["σ"], "relu": ACTIVATIONS["ReLU"], "step": ACTIVATIONS["step"], "tanh": math.tanh}
    assert re.fullmatch(r"[\d.e+\-*/() ,a-z]*", text), text
    return eval(text, {"__builtins__": {}}, names)  # test-only, on text whose every name was checked above


DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")


@pytest.mark.parametrize("seed", range(8))
def test_the_nested_formula_computes_what_the_engine_computes(seed):
    net = (
        random_dag(seed, n_inputs=2, n_hidden=4, n_outputs=1)
        if seed % 2
        else layered([2, 3, 2, 1], ["tanh", "relu", "sigmoid"], seed)
    )
    weights = dict(lecture_weights(net))
    [formula] = lecture_network_formula(net, max_inline=10_000)
    rhs = formula.split(" = ", 2)[2]
    for x in np.random.default_rng(seed).uniform(-2, 2, (5, 2)):
        expected = compile_network(net).forward(x[None, :])[0, 0]
        assert evaluate(rhs, weights, x.tolist()) == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_long_units_are_named_and_defined_first():
    net = random_dag(5, n_inputs=3, n_hidden=8, n_outputs=1, density=0.9)
    lines = lecture_network_formula(net, max_inline=80)
    assert len(lines) > 1 and lines[-1].startswith("h_w(x) = z")
    assert all(re.match(r"z[₀-₉]+,[₀-₉]+ = ", line) for line in lines[:-1])


def test_several_outputs_and_softmax():
    net = random_dag(2, n_inputs=2, n_hidden=2, n_outputs=2, softmax=True)
    lines = lecture_network_formula(net)
    assert lines[-1].startswith("h_w(x) = softmax(z") and len(lines) == 3


def test_numbers_is_the_default_document_and_both_has_symbols_and_numbers():
    xor = load(XOR)
    assert lecture_latex_document(xor, "numbers") == latex_document(xor)
    lecture = lecture_latex_document(xor, "lecture")
    both = lecture_latex_document(xor, "both")
    assert r"w_{1,0,1} &= -0.5" in lecture and r"-0.5 \cdot 1 + 1 \cdot x_{1}" not in lecture
    assert r" &= \mathrm{step}\left(-0.5 \cdot 1 + 1 \cdot x_{1} + 1 \cdot x_{2}\right)" in both
    # (\left( on one row, \bigl( where the row is broken between terms: latex_lines.py)
    assert re.search(r"h\(x\) &= \\mathrm\{step\}\\(left|bigl)\(1 \\cdot \\mathrm\{step\}", both)
    assert both.count(r"\begin{align*}") == both.count(r"\end{align*}") == 4
    with pytest.raises(ValueError, match="unknown notation"):
        lecture_latex_document(xor, "greek")


def test_labels_are_escaped_in_the_legend():
    xor = load(XOR)
    xor.neurons["h1"].label = "50% & $x$"
    assert r"z_{2,1} &: \text{50\% \& \$x\$}" in lecture_latex_document(xor)


def test_cli_notation_option(tmp_path, capsys):
    assert main(["export", str(XOR), "--to", "latex"]) == 0
    assert capsys.readouterr().out == latex_document(load(XOR))  # the default is unchanged (contract)
    for notation in ("lecture", "both", "numbers"):
        out = tmp_path / f"{notation}.tex"
        assert main(["export", str(XOR), "--to", "latex", "--notation", notation, "-o", str(out)]) == 0
        assert out.read_text(encoding="utf-8") == lecture_latex_document(load(XOR), notation)
    assert main(["export", str(XOR), "--to", "pytorch", "--notation", "lecture"]) == 2
    err = capsys.readouterr().err
    assert err == "nn-designer: error: --notation applies to --to latex only, not --to pytorch\n"
    assert main(["export", str(XOR), "--to", "latex", "--notation", "greek"]) == 2
    assert "invalid choice: 'greek'" in capsys.readouterr().err


@pytest.mark.parametrize("notation", ["lecture", "both"])
def test_the_lecture_document_scans_the_connections_a_fixed_number_of_times(monkeypatch, notation):
    """A writer built per weight and a scan of every connection per neuron made the export quadratic:
    500 neurons took 15 s. Counted, not timed: the scans of the connections must not grow with the size."""
    from designer.export import formulas
    from designer.export import notation as notation_module
    from designer.model import Network

    counts = {"writers": 0, "incoming": 0}
    writer_init, incoming = formulas._Writer.__init__, Network.incoming

    def counted_writer(self, *args, **kwargs):
        counts["writers"] += 1
        writer_init(self, *args, **kwargs)

    def counted_incoming(self, node_id):
        counts["incoming"] += 1
        return incoming(self, node_id)

    monkeypatch.setattr(formulas._Writer, "__init__", counted_writer)
    monkeypatch.setattr(Network, "incoming", counted_incoming)
    seen = []
    for width in (4, 16):
        counts.update(writers=0, incoming=0)
        notation_module.lecture_latex_document(layered([2, width, width, 1], ["tanh", "tanh", "sigmoid"]), notation)
        seen.append(dict(counts))
    assert seen[0] == seen[1] and seen[0]["incoming"] == 0
