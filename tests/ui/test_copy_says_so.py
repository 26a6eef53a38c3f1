"""The Copy buttons of the PyTorch and Math views: a click put the text on the clipboard and changed
nothing one could see, so a student clicked again, unsure it had worked. The status bar now says what
was copied."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

LEFT = Qt.MouseButton.LeftButton


def test_copying_the_pytorch_code_says_so_in_the_status_bar(qtbot, xor_window):
    w = xor_window
    dock = w.exports.code_dock
    dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: "nn.Sequential" in dock.text.toPlainText())
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dock.findChild(QPushButton, "copyCode"), LEFT)
    code = dock.text.toPlainText()
    assert QGuiApplication.clipboard().text() == code
    assert code.endswith('print("ok")\n')  # the file's last line, ended as a file's is
    lines = code.count("\n")  # as an editor or wc -l counts them once pasted (it said one more)
    assert lines == len(code.splitlines())
    assert w.statusBar().currentMessage() == f"Copied the PyTorch code ({lines} lines) to the clipboard."


def test_copying_the_math_as_text_or_latex_says_so_in_the_status_bar(qtbot, xor_window):
    w = xor_window
    dock = w.exports.math_dock
    dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: "h(x) =" in dock.text.toPlainText())
    qtbot.mouseClick(dock.findChild(QPushButton, "copyText"), LEFT)
    copied = QGuiApplication.clipboard().text()
    assert "h(x) =" in copied
    assert (
        w.statusBar().currentMessage()
        == f"Copied the equations as text ({len(copied.splitlines())} lines) to the clipboard."
    )
    qtbot.mouseClick(dock.findChild(QPushButton, "copyLatex"), LEFT)
    copied = QGuiApplication.clipboard().text()
    assert r"\mathrm{step}" in copied
    assert w.statusBar().currentMessage().startswith("Copied the equations as LaTeX (")
