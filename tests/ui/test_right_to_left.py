"""A right-to-left override (U+202E) in user text reverses nothing drawn or shown after it.

Fault #70 isolated user text in titles and legends (``formatting.isolated``); node captions on the
canvas, the Exercise dock's title, prompt and hints and the Training panel's "Loaded N points from
<file>" still showed the rest of their text reversed after an override.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from designer.model import SetNodeField, load
from tests.conftest import EXAMPLES, ROOT

RLO = "\u202e"  # right-to-left override: everything after it, to the paragraph's end, is reversed


def _drawn(scene, node_id: str) -> QImage:
    """The node with its caption, as the canvas draws it."""
    rect = scene.node_items[node_id].sceneBoundingRect().adjusted(-40, -10, 40, 30)
    image = QImage(int(rect.width()) * 2, int(rect.height()) * 2, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        scene.render(painter, QRectF(image.rect()), rect)
    finally:
        painter.end()
    return image


def test_node_captions_drawn_with_an_override_show_their_words_in_order(xor_window):
    w = xor_window
    scene = w.scene
    scene.clear_all_selection()
    w.document.push(SetNodeField("y", "label", "y out"))
    w.document.push(SetNodeField("x1", "label", "x one"))
    clean = {n: _drawn(scene, n) for n in ("y", "x1")}
    w.document.push(SetNodeField("y", "label", f"y{RLO} out"))
    w.document.push(SetNodeField("x1", "label", f"x{RLO} one"))
    assert scene.node_items["y"]._label_text() == "y out"
    assert scene.node_items["x1"]._source_text() == "x one"
    for node_id, image in clean.items():  # the same words without the override: drawn alike
        assert _drawn(scene, node_id) == image, node_id


def _exercise_file(tmp_path):
    doc = json.loads((ROOT / "designer" / "resources" / "exercises" / "and.json").read_text(encoding="utf-8"))
    doc["id"] = "and-rlo"
    doc["title"] = f"AND{RLO} gate"
    doc["prompt"] = f"Compute x1 AND{RLO} x2 with one neuron.\n\n- a {RLO}bullet\n- and another"
    doc["hints"] = [f"Start{RLO} simple", "Then add"]
    path = tmp_path / "and-rlo.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_an_exercise_files_title_prompt_and_hints_have_their_override_removed(qtbot, xor_window, tmp_path):
    w = xor_window
    panel = w.exercise.panel
    w.exercise.show()
    assert panel.open_exercise(str(_exercise_file(tmp_path)))
    assert panel.title.text() == "AND gate"
    assert RLO not in panel.prompt.text() and "AND x2 with one neuron" in panel.prompt.text()
    assert "<li>a bullet</li>" in panel.prompt.text()  # the bullets are still bullets
    assert w.statusBar().currentMessage() == "Exercise: AND gate. Press Start to load its starter network."
    qtbot.mouseClick(panel.hint_button, Qt.MouseButton.LeftButton)
    assert panel.hints.text() == "Hint 1: Start simple"


def test_the_points_loaded_line_isolates_the_files_name(xor_window, tmp_path):
    live = xor_window.live
    path = tmp_path / f"pts{RLO}vsc.csv"
    path.write_text("x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n", encoding="utf-8")
    assert live.panel.load_csv(path)
    # the override shown as its escape (as every dialog shows a file's name): it reverses nothing, and
    # the name is told apart from ptsvsc.csv
    assert live.panel.message.text() == "Loaded 4 points from pts\\u202evsc.csv"
    bad = tmp_path / f"bad{RLO}vsc.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    assert not live.panel.load_csv(bad)
    assert live.panel.message.text().startswith("Cannot load bad\\u202evsc.csv: ")


def test_prose_keeps_its_own_isolates_balanced_and_loses_overrides():
    from designer.formatting import isolated, without_overrides

    assert without_overrides(f"a{RLO}b\n- c") == "ab\n- c"
    assert without_overrides("a\u2069b\u2067c") == "ab\u2067c\u2069"
    assert isolated(f"y{RLO} out") == "y out" and load(EXAMPLES / "xor-step.json").name
