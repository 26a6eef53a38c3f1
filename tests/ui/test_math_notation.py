"""The Math view's notation toggle: the app's numbers, the lecture's symbols, or both side by side."""

from __future__ import annotations

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
