"""Long rows of the LaTeX export are broken into lines that fit a page, and still say the same."""

from __future__ import annotations

import re

import pytest

from designer.export import latex_document, network_formula
from designer.export.latex_lines import CONTINUATION, LINE_WIDTH, align_row, fixed_delimiters, printed_length
from designer.export.notation import lecture_latex_document
from designer.formatting import LATEX
from tests.export.test_formulas import _balanced
from tests.netgen import layered


def aligned_lines(document: str) -> list[str]:
    """Every line LaTeX sets in the document's align* environments."""
    blocks = re.findall(r"\\begin\{align\*\}\n(.*?)\n\\end\{align\*\}", document, re.DOTALL)
    return [line.removesuffix(" \\\\") for block in blocks for line in block.split("\n")]


@pytest.mark.parametrize("notation", ["numbers", "lecture", "both"])
def test_the_nested_formula_of_a_2_3_3_1_network_fits_the_page(notation):
    """h(x) of a 2-3-3-1 network was one row of ~600 characters in align*, far off the page."""
    net = layered([2, 3, 3, 1], ["tanh", "tanh", "sigmoid"])
    document = lecture_latex_document(net, notation)
    lines = aligned_lines(document)
    for line in lines:
        # a page's width (the lhs of a row counts once: continuation lines start under the rhs)
        assert printed_length(line) <= LINE_WIDTH + printed_length(CONTINUATION), line
        assert _balanced(line), line  # a break never falls inside braces (\text{…}, subscripts)
        assert line.count("\\left") == line.count("\\right"), line  # \left…\right never spans lines
    assert any(line.startswith(CONTINUATION) for line in lines)  # something was long enough to break
    assert _balanced(document)


def test_a_broken_row_says_what_the_formula_says():
    """Joined again, the lines are the nested formula with its delimiters sized by hand."""
    net = layered([2, 3, 3, 1], ["tanh", "tanh", "sigmoid"])
    (formula,) = network_formula(net, LATEX)
    lhs, _, rhs = formula.partition(" = ")
    row = align_row(lhs, rhs)
    assert row.count("\n") >= 3
    joined = row.replace(" \\\\\n" + CONTINUATION, " ")
    assert joined == f"{lhs} &= {fixed_delimiters(rhs)}"
    assert "\\Bigl(" in joined and "\\bigl(" in joined  # outer pairs larger than inner ones
    assert re.sub(r"\\[bB]ig[lr]|\\left|\\right", "", joined) == re.sub(r"\\left|\\right", "", f"{lhs} &= {rhs}")
    assert f"h(x) &= {fixed_delimiters(rhs).split(' - ')[0]}" in latex_document(net)


def test_short_rows_and_labels_with_signs_are_left_whole():
    assert align_row("y", "\\sigma\\left(x_{1} + 1\\right)") == "y &= \\sigma\\left(x_{1} + 1\\right)"
    label = "\\text{" + "a + b - c " * 12 + "}"  # a label's + and - are not between terms
    assert "\n" not in align_row("h", label + " + " + label)[: len(label) + 8]
    assert all(_balanced(line) for line in align_row("h", label + " + " + label).split("\n"))


def test_a_word_after_a_command_counts_in_a_rows_width():
    """``\\cdot \\text{income}`` lost its space, then read as one command ``\\cdotincome`` of two
    characters: rows of labelled networks were never broken (the 2-3-3-1 below, ~130 printed
    characters in h(x), stayed one line off the page)."""
    assert printed_length("0.75 \\cdot \\text{income}") == len("0.75") + 2 + len("income")
    assert printed_length("\\sigma\\left(w \\cdot x_{1}\\right)") == len("xx(w xx x1)") - 2  # spaces are not printed
    net = layered([2, 3, 3, 1], ["tanh", "tanh", "sigmoid"])
    names = ["income", "savings", "spending", "saving", "risk", "trust", "credit", "debt", "approved"]
    for node, name in zip([*net.inputs.values(), *net.neurons.values()], names, strict=True):
        node.label = name
    for document in (latex_document(net), lecture_latex_document(net, "both")):
        for line in aligned_lines(document):
            words = "".join(re.findall(r"\\text\{([a-z]+)\}", line))  # the labels alone, measured without LaTeX
            assert len(words) <= LINE_WIDTH + printed_length(CONTINUATION), line
