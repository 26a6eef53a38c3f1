"""The Math view of a wide network writes a few terms of each long sum and counts the rest; Copy text and
the exports still write every term (counted, never timed: a 784-128-64-10 net formatted 218,000 numbers
at every edit)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

import designer.export.formulas as formulas
from designer.ui.code_docks import VIEW_TERMS
from tests.ui.live_gui import choose, mlp, open_window

WIDE = [40, 3, 1]  # each hidden neuron sums 40 inputs


def shown_math(qtbot, w):
    dock = w.exports.math_dock
    dock.toggleViewAction().trigger()  # View ▸ Math
    qtbot.waitUntil(lambda: "h(x) =" in dock.text.toPlainText())
    return dock


def test_a_wide_neuron_shows_ten_terms_and_how_many_more(qtbot, monkeypatch):
    w = open_window(qtbot, mlp(WIDE))
    formatted: list[float] = []
    real = formulas.format_weight
    monkeypatch.setattr(formulas, "format_weight", lambda v, *a: formatted.append(v) or real(v, *a))
    dock = shown_math(qtbot, w)
    lines = dock.text.toPlainText().splitlines()
    h1 = next(line for line in lines if line.startswith("h1_1 = "))
    assert h1.endswith(f"+ … {40 - VIEW_TERMS} more terms)") and "x10" in h1 and "x11" not in h1
    assert next(line for line in lines if line.startswith("y = ")).endswith("− 0.5·h1_2 + 0.5·h1_3)")  # 3: all
    assert len(formatted) <= 4 * 2 * (VIEW_TERMS + 1)  # each neuron twice (its line, the whole net), 11 numbers
    formatted.clear()

    w.scene.select_nodes(["h1_2"])  # an edit: the view follows, again formatting only what it shows
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: "h1_2" not in dock.text.toPlainText())
    assert 0 < len(formatted) <= 3 * 2 * (VIEW_TERMS + 1)


def test_copy_text_copies_every_term_of_what_the_view_cuts_short(qtbot):
    w = open_window(qtbot, mlp(WIDE))
    dock = shown_math(qtbot, w)
    assert "x40" not in dock.text.toPlainText()
    qtbot.mouseClick(dock.findChild(QPushButton, "copyText"), Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert "0.5·x40)" in copied.splitlines()[1] and "more term" not in copied
    dock.copy_latex()
    assert "x_{40}" in QGuiApplication.clipboard().text() and "more term" not in QGuiApplication.clipboard().text()


def test_the_lecture_notation_names_a_few_weights_and_counts_the_rest(qtbot):
    w = open_window(qtbot, mlp(WIDE))
    dock = shown_math(qtbot, w)
    choose(dock.notation_box, "lecture")
    text = dock.text.toPlainText()
    total = 3 + 1 + 40 * 3 + 3  # every bias and every weight
    weights = next(line for line in text.splitlines() if line.startswith("Weights: "))
    assert weights.count(" = ") == 4 * VIEW_TERMS and weights.endswith(f", … and {total - 4 * VIEW_TERMS} more")
    units = next(line for line in text.splitlines() if line.startswith("Units: "))
    assert units.endswith(f", … and {40 + 3 + 1 - 4 * VIEW_TERMS} more")
    assert "z₂,₁ = σ(w₁,₀,₁·x₀ + w₁,₁,₁·x₁" in text and f"… {41 - VIEW_TERMS} more terms)" in text


def test_a_wide_neurons_tooltip_counts_the_terms_it_leaves_out(qtbot):
    """A neuron's tooltip wrote all its terms (784 of them in an MNIST-sized net: a tip wider than any
    screen); it now shows what the Math view shows of the sum."""
    from designer.ui.canvas.scene import default_tooltip

    w = open_window(qtbot, mlp(WIDE))
    tip = default_tooltip(w.document.network, "h1_1")
    assert f"… {WIDE[0] - VIEW_TERMS} more terms" in tip
    assert tip.count("·") == VIEW_TERMS
