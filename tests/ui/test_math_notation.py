"""The Math view's notation toggle: the app's numbers, the lecture's symbols, or both side by side."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from tests.ui import gui
from tests.ui.live_gui import choose
from tests.ui.test_canvas_build import on_line


def test_lecture_notation_beside_the_numbers_follows_edits_and_exports(qtbot, xor_window, tmp_path, monkeypatch):
    w = xor_window
    dock = w.exports.math_dock
    dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: "h(x) =" in dock.text.toPlainText())
    assert "w₁,₀,₁" not in dock.text.toPlainText()  # numbers first, as before

    choose(dock.notation_box, "lecture")
    text = dock.text.toPlainText()
    # XOR from steps: h1, h2 are layer 2 (units 1, 2 top to bottom), y is z₃,₁; the bias is w_{d-1,0,j}
    assert "z₂,₁ = step(w₁,₀,₁·x₀ + w₁,₁,₁·x₁ + w₁,₂,₁·x₂)" in text
    assert "h_w(x) = z₃,₁ = step(w₂,₀,₁·z₂,₀ + w₂,₁,₁·step(" in text
    assert "w₁,₀,₁ = −0.5" in text and "z₂,₁ is OR" in text
    assert "0.5·1" not in text  # symbols only

    choose(dock.notation_box, "both")
    lines = dock.text.toPlainText().splitlines()
    i = lines.index("z₂,₁ = step(w₁,₀,₁·x₀ + w₁,₁,₁·x₁ + w₁,₂,₁·x₂)")
    assert lines[i + 1].strip() == "= step(−0.5·1 + 1·x₁ + 1·x₂)"  # the numbers term by term under the symbols
    w.view.zoom_to_fit()
    gui.wheel(w.view, on_line(w, ("x1", "h1")), steps=3)  # an edit: the numbers follow, the symbols stay
    qtbot.waitUntil(lambda: "step(−0.5·1 + 1.3·x₁ + 1·x₂)" in dock.text.toPlainText())

    dock.copy_latex()
    assert "w_{1,0,1}" in QGuiApplication.clipboard().text()
    target = tmp_path / "net.tex"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    w.actions["export_latex"].trigger()
    tex = target.read_text(encoding="utf-8")
    assert "w_{1,0,1}" in tex and "1.3" in tex  # File ▸ Export writes the notation on show

    choose(dock.notation_box, "numbers")
    assert "w₁,₀,₁" not in dock.text.toPlainText()


def half_adder_without_outputs():
    """a, b → OR, AND → c (added first, on top) and s (below), sigmoids: the outputs are still to be marked."""
    from designer.model import Connection, InputNode, Network, Neuron

    net = Network(name="half adder")
    for i, node_id in enumerate(("a", "b")):
        net.inputs[node_id] = InputNode(node_id, position=(0.0, 160.0 * i))
    for node_id, label, bias, y in (("h1", "OR", -5.0, 0.0), ("h2", "AND", -15.0, 160.0)):
        net.neurons[node_id] = Neuron(node_id, "sigmoid", bias, label=label, position=(220.0, y))
    for node_id, y in (("c", 0.0), ("s", 160.0)):
        net.neurons[node_id] = Neuron(node_id, "sigmoid", -10.0, position=(440.0, y))
    for source in ("a", "b"):
        for target in ("h1", "h2"):
            net.connections[(source, target)] = Connection(source, target, 10.0)
    for source, target, weight in (("h1", "s", 20.0), ("h2", "s", -20.0), ("h2", "c", 20.0)):
        net.connections[(source, target)] = Connection(source, target, weight)
    return net


def test_the_math_view_numbers_the_outputs_as_the_pytorch_export_orders_them(qtbot):
    """A half adder whose carry neuron was added first (on top) and whose outputs were marked s, then c:
    the PyTorch export returns (s, c), but the Math view numbered the output layer by the neurons (c was
    z₃,₁) and listed c's equation first, so the lecture's h_w(x) and the model's columns disagreed."""
    from tests.ui.live_gui import open_window
    from tests.ui.test_building import key

    w = open_window(qtbot, half_adder_without_outputs())
    for output in ("s", "c"):  # mark the outputs like a user: select, O
        gui.click(w.view, gui.node_pos(w, output))
        key(qtbot, w.view, Qt.Key.Key_O)
    assert w.document.network.outputs == ["s", "c"] and list(w.document.network.neurons)[-2:] == ["c", "s"]
    code = w.exports.code_dock
    code.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: "OUTPUTS = ('s', 'c')" in code.text.toPlainText())
    dock = w.exports.math_dock
    dock.toggleViewAction().trigger()
    choose(dock.notation_box, "both")
    qtbot.waitUntil(lambda: "Units:" in dock.text.toPlainText())
    lines = dock.text.toPlainText().splitlines()
    assert "z₃,₁ is s, z₃,₂ is c" in next(line for line in lines if line.startswith("Units:"))
    s_line = lines.index("z₃,₁ = σ(w₂,₀,₁·z₂,₀ + w₂,₁,₁·z₂,₁ + w₂,₂,₁·z₂,₂)")  # s reads OR and AND
    assert lines[s_line + 1].strip() == "= σ(−10·1 + 20·z₂,₁ − 20·z₂,₂)"
    c_line = lines.index("z₃,₂ = σ(w₂,₀,₂·z₂,₀ + w₂,₂,₂·z₂,₂)")  # c reads AND only: its weight's j is 2
    assert lines[c_line + 1].strip() == "= σ(−10·1 + 20·z₂,₂)" and s_line < c_line
    assert "h_w(x) = (z₃,₁, z₃,₂)" in lines  # the tuple the model returns, (s, c)
    choose(dock.notation_box, "numbers")
    lines = dock.text.toPlainText().splitlines()
    assert lines.index("s = σ(20·OR − 20·AND − 10)") < lines.index("c = σ(20·AND − 10)")
