"""The math: neuron equations and the nested h(x), as plain text and LaTeX."""

from __future__ import annotations

import pytest

from designer.export import latex_document, network_formula, neuron_equations, neuron_formula
from designer.export.formulas import all_neuron_formulas, display_names, latex_escape, latex_name
from designer.formatting import format_number
from designer.model import Connection, InputNode, Network, Neuron, load
from tests.conftest import EXAMPLES
from tests.netgen import random_dag


@pytest.fixture
def xor() -> Network:
    return load(EXAMPLES / "xor-step.json")


def test_xor_network_formula_is_the_issues_string(xor):
    assert network_formula(xor) == ["h(x) = step(1·step(x₁ + x₂ − 0.5) − 1·step(x₁ + x₂ − 1.5) − 0.5)"]


def test_xor_neuron_formulas_show_every_weight_and_use_labels(xor):
    assert neuron_formula(xor, "h1") == "OR = step(1·x₁ + 1·x₂ − 0.5)"
    assert all_neuron_formulas(xor) == [
        "OR = step(1·x₁ + 1·x₂ − 0.5)",
        "AND = step(1·x₁ + 1·x₂ − 1.5)",
        "y = step(1·OR − 1·AND − 0.5)",
    ]
    xor.neurons["h1"].label = None
    assert neuron_formula(xor, "h1") == "h1 = step(1·x₁ + 1·x₂ − 0.5)"


def test_xor_z_and_a_forms(xor):
    assert neuron_equations(xor, "h2") == ("z = 1·x₁ + 1·x₂ − 1.5", "a = step(z)")
    assert neuron_equations(xor, "h2", "latex") == (
        r"z = 1 \cdot x_{1} + 1 \cdot x_{2} - 1.5",
        r"a = \mathrm{step}\left(z\right)",
    )


def test_xor_latex(xor):
    assert network_formula(xor, "latex") == [
        r"h(x) = \mathrm{step}\left(1 \cdot \mathrm{step}\left(x_{1} + x_{2} - 0.5\right)"
        r" - 1 \cdot \mathrm{step}\left(x_{1} + x_{2} - 1.5\right) - 0.5\right)"
    ]
    assert (
        neuron_formula(xor, "y", "latex")
        == r"y = \mathrm{step}\left(1 \cdot \text{OR} - 1 \cdot \text{AND} - 0.5\right)"
    )


def test_latex_document_is_complete(xor):
    doc = latex_document(xor)
    assert doc.startswith(r"\documentclass{article}")
    assert doc.rstrip().endswith(r"\end{document}")
    assert r"\section*{XOR from step units}" in doc
    assert r"\text{OR} &= \mathrm{step}\left(1 \cdot x_{1} + 1 \cdot x_{2} - 0.5\right) \\" in doc
    assert doc.count(r"\begin{align*}") == doc.count(r"\end{align*}") == 2
    assert _balanced(doc)


def _balanced(text: str) -> bool:
    depth = 0
    escaped = False
    for ch in text:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


@pytest.mark.parametrize(
    ("value", "text", "latex"),
    [
        (1.0, "1", "1"),
        (-2.0, "−2", "-2"),
        (0.5, "0.5", "0.5"),
        (-0.0, "0", "0"),
        (1 / 3, "0.3333", "0.3333"),
        (-123.456, "−123.5", "-123.5"),
        (0.000012345, "1.234·10⁻⁵", r"1.234 \cdot 10^{-5}"),
        (12345.6, "1.235·10⁴", r"1.235 \cdot 10^{4}"),
        (1e20, "1·10²⁰", r"1 \cdot 10^{20}"),
        (float("inf"), "∞", r"\infty"),
        (-float("inf"), "−∞", r"-\infty"),
        (float("nan"), "NaN", r"\mathrm{NaN}"),
    ],
)
def test_numbers_are_compact(value, text, latex):
    assert format_number(value) == text
    assert format_number(value, "latex") == latex


def test_activations_and_signs():
    net = Network()
    net.inputs["a"] = InputNode("a")
    net.inputs["b"] = InputNode("b")
    for nid, act in (("s", "sigmoid"), ("r", "relu"), ("t", "tanh"), ("l", "linear")):
        net.neurons[nid] = Neuron(nid, act, bias=0.0)
        net.connections[("a", nid)] = Connection("a", nid, -1.0)
        net.connections[("b", nid)] = Connection("b", nid, 0.25)
    net.neurons["y"] = Neuron("y", "linear", bias=2.0)
    for nid, w in (("s", 1.0), ("r", -1.0), ("t", 2.0), ("l", -0.5)):
        net.connections[(nid, "y")] = Connection(nid, "y", w)
    net.outputs = ["y"]
    assert neuron_formula(net, "s") == "s = σ(−1·a + 0.25·b)"
    assert neuron_formula(net, "l") == "l = −1·a + 0.25·b"
    assert network_formula(net) == [
        "h(x) = 1·σ(−a + 0.25·b) − 1·ReLU(−a + 0.25·b) + 2·tanh(−a + 0.25·b) − 0.5·(−a + 0.25·b) + 2"
    ]
    latex = network_formula(net, "latex")[0]
    assert r"\sigma\left(-a + 0.25 \cdot b\right)" in latex and r"\mathrm{ReLU}\left(" in latex
    assert r"\tanh\left(" in latex and r"0.5 \cdot \left(-a + 0.25 \cdot b\right)" in latex


def test_several_outputs_and_softmax():
    net = random_dag(1, n_inputs=2, n_hidden=1, n_outputs=2, softmax=True)
    lines = network_formula(net)
    assert [line.split(" = ")[0] for line in lines] == ["z_y1", "z_y2", "h(x)"]
    assert lines[-1] == "h(x) = softmax(z_y1, z_y2)"
    net.softmax = False
    assert [line.split(" = ")[0] for line in network_formula(net)] == ["y1(x)", "y2(x)"]
    assert network_formula(net, "latex")[-1].startswith("y_{2}(x) = ")


def test_neuron_without_inputs():
    net = Network(neurons={"c": Neuron("c", "sigmoid", bias=0.0)}, outputs=["c"])
    assert neuron_formula(net, "c") == "c = σ(0)"
    assert neuron_equations(net, "c") == ("z = 0", "a = σ(z)")


def test_long_expansions_are_named_instead_of_inlined():
    net = random_dag(4, n_inputs=3, n_hidden=14, density=0.9, activations=("sigmoid", "tanh"))
    full = network_formula(net, max_inline=10**9)
    short = network_formula(net, max_inline=200)
    assert len(full) == 1 and len(short) > 1
    assert len(full[0]) > 10 * sum(len(line) for line in short) / len(short)
    assert short[-1].startswith("h(x) = ")
    defined = [line.split(" = ")[0] for line in short[:-1]]
    assert all(name.startswith("h") for name in defined)


def test_latex_escapes_labels():
    assert latex_escape(r"a_b & 50% $x$ #1 {y} ~^\ ") == (
        r"a\_b \& 50\% \$x\$ \#1 \{y\} \textasciitilde{}\textasciicircum{}\textbackslash{}"
    )
    assert latex_name("x₁") == "x_{1}" and latex_name("x12") == "x_{12}" and latex_name("w_3") == "w_{3}"
    assert latex_name("OR") == r"\text{OR}" and latex_name("b") == "b"
    assert latex_name("out₂") == r"\text{out}_{2}"
    assert latex_name("evil}\n\\input{/etc/passwd}") == r"\text{evil\} \textbackslash{}input\{/etc/passwd\}}"


def test_hostile_labels_stay_on_one_line_and_balanced():
    net = load(EXAMPLES / "xor-step.json")
    net.name = "}\\end{document}\n\\input{x}"
    net.neurons["h1"].label = "a\nb\u2028c}{"
    text = neuron_formula(net, "h1")
    assert text == "a b c}{ = step(1·x₁ + 1·x₂ − 0.5)"
    doc = latex_document(net)
    assert doc.count(r"\end{document}") == 1 and r"\input{" not in doc
    assert _balanced(doc)


def test_equal_labels_are_told_apart():
    net = load(EXAMPLES / "xor-step.json")
    net.neurons["h2"].label = "OR"
    names = display_names(net)
    assert names["h1"] == "h1" and names["h2"] == "h2" and names["x1"] == "x₁"
    net.neurons["h2"].label = "h1"  # a label equal to another node's id
    names = display_names(net)
    assert len(set(names.values())) == len(names)


def test_bad_style_is_refused(xor):
    with pytest.raises(ValueError, match="style"):
        network_formula(xor, "html")


@pytest.mark.parametrize("notation", ["numbers", "lecture", "both"])
def test_latex_of_greek_labels_is_pdflatex_safe(tmp_path, capsys, notation):
    """The shipped activations example labels a neuron "σ": its LaTeX held ``\\text{σ}``, and pdflatex (T1,
    utf8, what Overleaf and most installs run) stopped with "Unicode character σ (U+03C3) not set up"."""
    from designer.cli import main

    out = tmp_path / "act.tex"
    assert (
        main(["export", str(EXAMPLES / "activations.json"), "--to", "latex", "--notation", notation, "-o", str(out)])
        == 0
    )
    document = out.read_text(encoding="utf-8")
    assert "\\text{\\ensuremath{\\sigma}}" in document
    document.encode("latin-1")  # every character one pdflatex's utf8 input reads with T1 fonts
    assert latex_escape("θ₁₂ − Δ → ∂L/∂w") == (
        "\\ensuremath{\\theta}\\textsubscript{1}\\textsubscript{2} \\ensuremath{-} \\ensuremath{\\Delta} "
        "\\ensuremath{\\rightarrow} \\ensuremath{\\partial}L/\\ensuremath{\\partial}w"
    )
