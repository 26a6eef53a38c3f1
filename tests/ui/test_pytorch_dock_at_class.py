"""The PyTorch view opens on the class that answers "how would you write this network in PyTorch?".

It opened on the module docstring and the import boilerplate: in the lesson's step 9, presented at
1920×1080, the nn.Sequential was below the panel's edge. Edits keep where the reader scrolled to.
"""

from PySide6.QtCore import QPoint

from designer.lessons import load_lesson
from designer.model import load
from tests.conftest import EXAMPLES
from tests.ui import gui
from tests.ui.live_gui import open_window
from tests.ui.menus import choose_from_menu_bar
from tests.ui.test_canvas_build import on_line
from tests.ui.test_experiment_file import open_file


def first_shown_line(dock) -> str:
    return dock.text.cursorForPosition(QPoint(4, 4)).block().text()


def test_the_pytorch_view_opens_on_the_class_and_keeps_the_scroll_while_editing(qtbot, monkeypatch):
    w = open_window(qtbot, load(EXAMPLES / "mlp-2-3-3-1.json"))
    dock = w.exports.code_dock
    choose_from_menu_bar(qtbot, w, "View", "PyTorch")
    qtbot.waitUntil(lambda: "nn.Sequential" in dock.text.toPlainText())
    qtbot.waitUntil(lambda: first_shown_line(dock).startswith("class A2331MultilayerPerceptron(nn.Module)"))
    assert dock.text.textCursor().block().text().startswith("class ")  # the caret is there too

    dock.text.verticalScrollBar().setValue(dock.text.verticalScrollBar().maximum() // 2)  # the reader scrolls on
    shown = first_shown_line(dock)
    gui.wheel(w.view, on_line(w, ("x1", "a1")), steps=3)  # a weight changes: the code follows…
    qtbot.waitUntil(lambda: "1.05" in dock.text.toPlainText())
    assert first_shown_line(dock) == shown  # …where the reader is

    open_file(qtbot, w, EXAMPLES / "xor-step.json", monkeypatch)  # another network: its class first
    qtbot.waitUntil(lambda: first_shown_line(dock).startswith("class XorStep(nn.Module)"))  # named after the file


def test_the_lessons_pytorch_step_shows_the_layers(qtbot):
    w = open_window(qtbot, load(EXAMPLES / "xor-step.json"))
    lesson = load_lesson("neural-networks")
    number = next(i for i, step in enumerate(lesson.steps) if "PyTorch" in step.title)
    w.lessons.open(lesson, number)
    dock = w.exports.code_dock
    qtbot.waitUntil(lambda: dock.isVisible() and "nn.Sequential" in dock.text.toPlainText())
    qtbot.waitUntil(lambda: first_shown_line(dock).startswith("class "))
