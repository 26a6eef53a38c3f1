"""Long rows of the LaTeX export are broken into lines that fit a page, and still say the same."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from designer.export import latex_document, network_formula
from designer.export.latex_lines import CONTINUATION, LINE_WIDTH, align_row, fixed_delimiters, printed_length
from designer.export.notation import lecture_latex_document
from designer.formatting import LATEX
from tests.conftest import EXAMPLES
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


def _open_parentheses(line: str) -> int:
    """Parentheses a line leaves open (negative: closes more than it opens), outside braces."""
    text = re.sub(r"\{[^{}]*\}", "", re.sub(r"\{[^{}]*\}", "", line))  # subscripts, \text{…}
    return text.count("(") - text.count(")")


def test_the_lecture_notations_h_is_broken_between_whole_terms_where_they_fit(tmp_path, capsys):
    """The week's hat y = relu(x − 1) − 2·relu(x − 2) + relu(x − 3), exported for slides with
    ``--notation lecture``: h_w(x) was cut inside its last ReLU's argument (``…ReLU(w_{1,0,3} · x_0`` and
    ``+ w_{1,1,3} · x_1)`` on the next line) though the whole term fitted that line."""
    from designer.cli import main
    from designer.model import save

    net = layered([1, 3, 1], ["relu", "linear"])
    path = tmp_path / "hat.json"
    save(net, path)
    assert main(["export", str(path), "--to", "latex", "--notation", "lecture"]) == 0
    document = capsys.readouterr().out
    lines = aligned_lines(document)
    first = next(i for i, line in enumerate(lines) if line.startswith("h_{\\mathbf{w}}(\\mathbf{x}) &= z_{3,1} ="))
    rows = [lines[first]]  # the row and the continuation lines that follow it
    for line in lines[first + 1 :]:
        if not line.startswith(CONTINUATION):
            break
        rows.append(line)
    for line in rows:
        assert _open_parentheses(line) == 0, line  # every line holds whole ReLU(…) terms
        assert printed_length(line) <= LINE_WIDTH + printed_length(CONTINUATION), line
    assert sum(line.count("\\mathrm{ReLU}(") for line in rows) == 3
    assert all(line.count("\\mathrm{ReLU}(") <= 1 for line in rows)


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="needs pdflatex (apt-get install texlive-latex-base)")
@pytest.mark.parametrize("example", ["towers-sin", "activations", "mlp-2-3-3-1"])
@pytest.mark.parametrize("notation", ["numbers", "lecture", "both"])
def test_the_shipped_examples_latex_compiles_with_pdflatex_within_the_page(tmp_path, example, notation):
    """What a teacher does with the export: pdflatex. towers-sin's h(x) ran 19 pt past the text width (a
    ``+`` between terms was counted one character wide) and its lecture notation's align* 27 pt past the
    page's foot (align* never breaks across pages without \\allowdisplaybreaks); activations' "σ" label
    stopped pdflatex."""
    from designer.cli import main

    tex = tmp_path / "doc.tex"
    assert (
        main(["export", str(EXAMPLES / f"{example}.json"), "--to", "latex", "--notation", notation, "-o", str(tex)])
        == 0
    )
    run = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=120,
        check=False,
    )
    log = (tmp_path / "doc.log").read_text(encoding="latin-1")
    assert run.returncode == 0, log[-600:]
    assert "Overfull" not in log, re.findall(r"Overfull.*", log)


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
