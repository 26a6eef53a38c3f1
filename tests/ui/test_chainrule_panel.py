"""Chain-rule practice in the Exercise dock: typed answers checked live, a mark per entry, the hint
that names the missing factor; opened from the browser and through File ▸ Open Exercise."""

from __future__ import annotations

import html
import json
import math
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from designer.exercises import load_exercise, read_answers
from designer.exercises.answers import exact_text
from designer.resources import resource_file
from tests.conftest import EXAMPLES
from tests.ui.live_gui import choose
from tests.ui.test_exercise_panel import click_exercise


def open_drill(qtbot, w, exercise_id: str):
    w.exercise.show()
    panel = w.exercise.panel
    click_exercise(qtbot, panel, exercise_id)
    assert panel.pages.currentWidget() is panel.chain and panel.chain_mode
    return panel.chain


def load_and_press(qtbot, w, exercise_id: str, key: Qt.Key):
    """The drill's network loaded with its button, then ``key`` pressed on the canvas (B, G)."""
    chain = open_drill(qtbot, w, exercise_id)
    qtbot.mouseClick(chain.load_button, Qt.MouseButton.LeftButton)
    w.activateWindow()
    qtbot.waitUntil(lambda: w.isActiveWindow())
    w.view.setFocus()
    qtbot.keyClick(w.view, key)
    return chain


def focus_field(chain, quantity_id: str) -> None:
    """Focus an entry as a click does (the panel scrolls as a whole: in this fixture's low dock the
    entry is below its bottom, where a click does not reach it)."""
    chain.field(quantity_id).setFocus(Qt.FocusReason.MouseFocusReason)


def type_answer(qtbot, chain, quantity_id: str, text: str) -> None:
    field = chain.field(quantity_id)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)


@pytest.mark.parametrize("exercise_id", ["chain-1-1-1", "chain-2-2-1-sigmoid", "chain-relu-off"])
def test_right_answers_typed_as_fractions_turn_every_mark_green(qtbot, xor_window, exercise_id):
    w = xor_window
    chain = open_drill(qtbot, w, exercise_id)
    exercise = load_exercise(exercise_id)
    assert chain.title.text() == exercise.title and [r.quantity.id for r in chain.rows] == [
        q.id for q in exercise.quantities
    ]
    assert "Sample:" in chain.sample.text()
    qtbot.mouseClick(chain.load_button, Qt.MouseButton.LeftButton)  # the drill's network on the canvas
    assert set(w.document.network.neurons) == set(exercise.network.neurons)
    assert w.document.network.extras["exercise"] == exercise_id
    for q in exercise.quantities:
        type_answer(qtbot, chain, q.id, exact_text(exercise.exact(q)))
    qtbot.waitUntil(lambda: chain.result is not None and chain.result.passed)
    assert all(row.mark.text() == "✓" and not row.hint.isVisible() for row in chain.rows)
    assert "All right" in chain.status.text()


def test_a_wrong_entry_is_marked_with_the_hint_naming_the_missing_factor(qtbot, xor_window):
    w = xor_window
    chain = open_drill(qtbot, w, "chain-relu-off")
    type_answer(qtbot, chain, "dz:h2", "-2")  # ∂L/∂a of h2 without g'(z): h2 is off, g'(z) = 0
    qtbot.waitUntil(lambda: chain.rows[[r.quantity.id for r in chain.rows].index("dz:h2")].mark.text() == "✗")
    row = next(r for r in chain.rows if r.quantity.id == "dz:h2")
    assert row.hint.isVisible() and "g'(z)" in row.hint.text() and "off" in row.hint.text()
    type_answer(qtbot, chain, "dz:h2", "0")
    qtbot.waitUntil(lambda: row.mark.text() == "✓")
    assert not row.hint.isVisible()
    type_answer(qtbot, chain, "da:y", "two")
    first = chain.rows[0]
    qtbot.waitUntil(lambda: first.mark.text() == "?")
    assert "cannot read" in first.hint.text()
    assert "1 of" in chain.status.text() and not chain.result.passed


def test_a_weight_typed_from_a_wrong_output_entry_is_told_it_builds_on_that_entry(qtbot, xor_window):
    """∂L/∂a of y typed without the squared error's 2 (1, not 2), then ∂L/∂w of h1 → y worked out right from
    it (1 · a of h1 = 2): the hint said "multiply by the input on this connection: a of h1 = 2", which
    the student had done; the drill asks no ∂L/∂z of y, so the wrong ∂L/∂a it builds on went unnamed."""
    w = xor_window
    chain = open_drill(qtbot, w, "chain-relu-off")
    type_answer(qtbot, chain, "da:y", "1")
    qtbot.keyClick(chain.field("da:y"), Qt.Key.Key_Return)
    type_answer(qtbot, chain, "dw:h1->y", "2")
    qtbot.keyClick(chain.field("dw:h1->y"), Qt.Key.Key_Return)
    row = next(r for r in chain.rows if r.quantity.id == "dw:h1->y")
    qtbot.waitUntil(lambda: row.mark.text() == "✗")
    assert row.hint.isVisible()
    assert row.hint.text() == "↳ right rule, but it builds on your ∂L/∂a of y, which is wrong"


def test_focusing_an_entry_selects_its_connection_and_answers_can_be_saved(qtbot, xor_window, tmp_path, monkeypatch):
    w = xor_window
    chain = open_drill(qtbot, w, "chain-2-2-1-sigmoid")
    qtbot.mouseClick(chain.load_button, Qt.MouseButton.LeftButton)
    focus_field(chain, "dw:h1->y")
    qtbot.waitUntil(lambda: w.scene.selected_connections == {("h1", "y")})
    focus_field(chain, "dz:h1")
    qtbot.waitUntil(lambda: w.scene.selected_node_ids() == ["h1"])
    type_answer(qtbot, chain, "da:y", "-1")
    type_answer(qtbot, chain, "dz:y", "-1/4")
    typed = tmp_path / "alice"  # a name typed without .json: the grader, which reads *.json, skipped the file
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(typed), ""))
    qtbot.mouseClick(chain.save_button, Qt.MouseButton.LeftButton)
    assert not typed.exists()
    answers = read_answers(tmp_path / "alice.json")  # the CLI's own reader: nn-designer check grades this file
    assert answers.exercise == "chain-2-2-1-sigmoid" and answers.entries == {"da:y": "-1", "dz:y": "-1/4"}
    qtbot.mouseClick(chain.answers_button, Qt.MouseButton.LeftButton)
    assert next(r for r in chain.rows if r.quantity.id == "dw:h1->y").answer.text() == "= -1/8"


def test_file_open_exercise_with_a_chain_rule_file_shows_the_practice(qtbot, xor_window, tmp_path, monkeypatch):
    """It crashed before: the design panel tried to check the network against a chain-rule drill."""
    w = xor_window
    doc = json.loads(Path(resource_file("exercises", "chain-1-1-1.json")).read_text(encoding="utf-8"))
    doc["id"] = "my-chain"
    doc["prompt"] = "<b>not bold</b> compute the derivatives"
    path = tmp_path / "my-chain.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    w.actions["open_exercise"].trigger()
    panel = w.exercise.panel
    assert panel.pages.currentWidget() is panel.chain and panel.chain.exercise.id == "my-chain"
    assert panel.exercise is None  # no design check runs against the canvas
    assert panel.chain.prompt.text().startswith("<b>") and panel.chain.prompt.textFormat() == Qt.TextFormat.PlainText
    click_exercise(qtbot, panel, "xor")  # back to a design exercise
    assert panel.pages.currentWidget() is panel.detail and panel.exercise.id == "xor"


def test_quitting_with_typed_answers_offers_to_save_them(qtbot, xor_window, tmp_path, monkeypatch):
    """The answers were lost on Quit without a word (they are not part of the network file)."""
    from PySide6.QtWidgets import QMessageBox

    w = xor_window
    chain = open_drill(qtbot, w, "chain-1-1-1")
    asked = []

    def answer(reply):
        def exec_(box):
            asked.append(box.text())
            return reply

        monkeypatch.setattr(QMessageBox, "exec", exec_)

    answer(QMessageBox.StandardButton.Cancel)
    w.actions["quit"].trigger()  # nothing typed yet: no question about answers
    assert asked == [] and not w.isVisible()
    w.show()
    type_answer(qtbot, chain, chain.rows[0].quantity.id, "1")
    w.actions["quit"].trigger()
    assert asked == ["Save your chain-rule answers first?"] and w.isVisible()  # Cancel keeps the window
    target = tmp_path / "answers.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    answer(QMessageBox.StandardButton.Save)
    w.actions["quit"].trigger()
    assert read_answers(target).entries == {chain.rows[0].quantity.id: "1"} and not w.isVisible()
    w.show()
    asked.clear()
    w.actions["quit"].trigger()  # saved since: nothing to ask
    assert asked == [] and not w.isVisible()


def test_answers_saved_come_back_through_file_open_to_go_on_with(qtbot, xor_window, tmp_path, monkeypatch, dialogs):
    """A saved answers file could not be reopened: File ▸ Open said "not an NN Designer network file"."""
    w = xor_window
    chain = open_drill(qtbot, w, "chain-2-2-1-sigmoid")
    first, second = (row.quantity.id for row in chain.rows[:2])
    type_answer(qtbot, chain, first, "-3/8")
    saved = tmp_path / "mine.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), ""))
    qtbot.mouseClick(chain.save_button, Qt.MouseButton.LeftButton)
    click_exercise(qtbot, w.exercise.panel, "xor")  # on to something else; the answers were saved
    assert dialogs.shown == [] and not w.exercise.panel.chain_mode
    network_before = w.document.network

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(saved), ""))
    qtbot.keyClick(w, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # File ▸ Open
    assert dialogs.shown == [] and w.exercise.isVisible()
    assert w.exercise.panel.chain_mode and chain.exercise.id == "chain-2-2-1-sigmoid"
    assert chain.field(first).text() == "-3/8" and not chain.unsaved
    assert w.document.network is network_before  # the network on the canvas stays
    type_answer(qtbot, chain, second, "1/4")
    seen: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda parent, title, suggested, *a: seen.append(suggested) or ("", "")
    )
    qtbot.mouseClick(chain.save_button, Qt.MouseButton.LeftButton)
    assert seen == [str(saved)]  # Save answers… offers the file they came from


def test_an_answers_file_for_no_drill_is_refused_in_one_line(qtbot, xor_window, tmp_path, monkeypatch, dialogs):
    w = xor_window
    path = tmp_path / "odd.json"
    path.write_text(json.dumps({"format": "nn-designer-answers", "version": 1, "exercise": "xor", "answers": {}}))
    before = w.document.network
    assert not w.files.open_path(path)
    assert dialogs.shown[-1][:2] == ("warning", "Cannot open file")
    assert "answers for 'xor', which is not a chain-rule exercise" in dialogs.shown[-1][2]
    assert w.document.network is before


def test_leaving_a_drill_with_unsaved_answers_asks_first(qtbot, xor_window, dialogs):
    """Clicking another exercise threw typed answers away without a word (Quit asked)."""
    from PySide6.QtWidgets import QMessageBox

    w = xor_window
    chain = open_drill(qtbot, w, "chain-1-1-1")
    first = chain.rows[0].quantity.id
    type_answer(qtbot, chain, first, "2")
    dialogs.answer = QMessageBox.StandardButton.Cancel
    click_exercise(qtbot, w.exercise.panel, "chain-relu-off")
    assert dialogs.shown[-1][1:] == ("Unsaved answers", "Save your chain-rule answers first?")
    assert chain.exercise.id == "chain-1-1-1" and chain.field(first).text() == "2"
    qtbot.waitUntil(lambda: w.exercise.panel.browser.currentItem().data(0, Qt.ItemDataRole.UserRole) == "chain-1-1-1")
    dialogs.answer = QMessageBox.StandardButton.Discard
    click_exercise(qtbot, w.exercise.panel, "chain-relu-off")
    assert chain.exercise.id == "chain-relu-off"


def test_a_drill_answered_all_right_gets_its_tick_in_the_list(qtbot, xor_window):
    """Solved designs got a ✓ in the exercise list, solved drills none."""
    from tests.ui.test_exercise_panel import _browser_item

    w = xor_window
    chain = open_drill(qtbot, w, "chain-relu-off")
    exercise = load_exercise("chain-relu-off")
    assert "✓" not in _browser_item(w.exercise.panel, "chain-relu-off").text(0)
    for q in exercise.quantities:
        type_answer(qtbot, chain, q.id, exact_text(exercise.exact(q)))
    qtbot.waitUntil(lambda: chain.result is not None and chain.result.passed)
    assert "✓" in _browser_item(w.exercise.panel, "chain-relu-off").text(0)
    assert w.exercise.panel.chain_mode and chain.exercise.id == "chain-relu-off"  # still on show


def test_a_note_says_when_the_canvas_shows_another_network_than_the_drills(qtbot, xor_window):
    """The XOR example has h1, h2 and y too: its weights were taken for the drill's ("this network")."""
    w = xor_window
    chain = open_drill(qtbot, w, "chain-2-2-1-sigmoid")
    assert chain.canvas_note.isVisibleTo(chain) and "another network" in chain.canvas_note.text()
    qtbot.mouseClick(chain.load_button, Qt.MouseButton.LeftButton)
    assert not chain.canvas_note.isVisibleTo(chain)
    from designer.lessons import load_lesson

    w.lessons.open(load_lesson("neural-networks"), 16)  # step 17: the lesson shows the drill's own network
    assert w.exercise.panel.chain_mode and not chain.canvas_note.isVisibleTo(chain)


def test_the_first_save_of_answers_offers_the_open_networks_folder(qtbot, xor_window, tmp_path, monkeypatch):
    """It offered the documents folder, far from the homework the student had open."""
    homework = tmp_path / "homework"
    homework.mkdir()
    w = xor_window
    w.files._write(homework / "xor.json")
    chain = open_drill(qtbot, w, "chain-1-1-1")
    offered: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda p, t, suggested, *a: offered.append(suggested) or ("", "")
    )
    qtbot.mouseClick(chain.save_button, Qt.MouseButton.LeftButton)
    assert offered == [str(homework / "chain-1-1-1-answers.json")]


def test_an_answers_file_names_its_drill_by_id_never_by_a_path(qtbot, xor_window, tmp_path, dialogs):
    """ "exercise": "/some/path.json" made File ▸ Open read whatever file the answers named."""
    w = xor_window
    drill = tmp_path / "drill.json"
    drill.write_bytes((resource_file("exercises", "chain-1-1-1.json")).read_bytes())
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"format": "nn-designer-answers", "version": 1, "exercise": str(drill), "answers": {}}))
    assert not w.files.open_path(path)
    assert "which is no built-in exercise: open that exercise first" in dialogs.shown[-1][2]


def test_answers_are_never_saved_over_the_open_network(qtbot, xor_window, tmp_path, monkeypatch, dialogs):
    """Save answers… onto xor.json replaced the network with an answers file, and the window still looked saved."""
    w = xor_window
    own = tmp_path / "xor.json"
    w.files._write(own)
    before = own.read_bytes()
    chain = open_drill(qtbot, w, "chain-1-1-1")
    type_answer(qtbot, chain, chain.rows[0].quantity.id, "1")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(own), ""))
    qtbot.mouseClick(chain.save_button, Qt.MouseButton.LeftButton)
    assert dialogs.shown[-1][:2] == ("warning", "Answers not saved") and own.read_bytes() == before
    assert chain.unsaved


def test_a_drill_typed_from_the_shown_answers_gets_no_tick(qtbot, xor_window):
    """Copying the values "Show the answers" put beside the fields marked the drill solved (a design
    solved after "Show a solution" does not count either)."""
    from tests.ui.test_exercise_panel import _browser_item

    w = xor_window
    chain = open_drill(qtbot, w, "chain-1-1-1")
    exercise = load_exercise("chain-1-1-1")
    qtbot.mouseClick(chain.answers_button, Qt.MouseButton.LeftButton)
    for q in exercise.quantities:
        type_answer(qtbot, chain, q.id, exact_text(exercise.exact(q)))
    qtbot.waitUntil(lambda: chain.result is not None and chain.result.passed)
    assert "✓" not in _browser_item(w.exercise.panel, "chain-1-1-1").text(0)


def test_opening_answers_over_unsaved_network_work_asks_nothing(qtbot, xor_window, tmp_path, monkeypatch, dialogs):
    """File ▸ Open asked "Save the changes to this network first?" before an answers file, which replaces
    no network, and Cancel there kept the answers from opening."""
    from designer.model import SetNodeField

    w = xor_window
    path = tmp_path / "answers.json"
    path.write_text(
        json.dumps({"format": "nn-designer-answers", "version": 1, "exercise": "chain-1-1-1", "answers": {}})
    )
    w.document.push(SetNodeField("h1", "bias", 0.25))  # unsaved work on the canvas
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.keyClick(w, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert dialogs.shown == [] and w.exercise.panel.chain_mode and w.document.modified


def _teachers_copy(tmp_path, exercise_id: str) -> Path:
    """A teacher's own drill file that keeps a built-in's id (and its content)."""
    path = tmp_path / "teacher" / f"{exercise_id}.json"
    path.parent.mkdir()
    path.write_bytes(resource_file("exercises", f"{exercise_id}.json").read_bytes())
    return path


def _solve_drill(qtbot, chain, exercise) -> None:
    for q in exercise.quantities:
        type_answer(qtbot, chain, q.id, exact_text(exercise.exact(q)))
    qtbot.waitUntil(lambda: chain.result is not None and chain.result.passed)


def test_a_teachers_drill_with_a_built_in_id_does_not_tick_the_built_in(qtbot, xor_window, tmp_path, monkeypatch):
    """Solved marks were kept by id: a teacher's file with "id": "chain-1-1-1" ticked the built-in drill."""
    from tests.ui.test_exercise_panel import _browser_item

    w = xor_window
    path = _teachers_copy(tmp_path, "chain-1-1-1")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    w.actions["open_exercise"].trigger()
    panel = w.exercise.panel
    assert panel.chain_mode and panel.chain.exercise.source == str(path)
    _solve_drill(qtbot, panel.chain, load_exercise(path))
    assert w.statusBar().currentMessage().startswith("Solved:")  # the teacher's drill counts as solved
    assert "✓" not in _browser_item(panel, "chain-1-1-1").text(0)  # the built-in one is not


def test_a_solved_built_in_leaves_a_teachers_drill_with_its_id_unsolved(qtbot, xor_window, tmp_path, monkeypatch):
    """The other way round: with the built-in drill solved, the teacher's one never said "Solved"."""
    from tests.ui.test_exercise_panel import _browser_item

    w = xor_window
    chain = open_drill(qtbot, w, "chain-1-1-1")
    _solve_drill(qtbot, chain, load_exercise("chain-1-1-1"))
    assert "✓" in _browser_item(w.exercise.panel, "chain-1-1-1").text(0)
    w.statusBar().clearMessage()
    path = _teachers_copy(tmp_path, "chain-1-1-1")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    w.actions["open_exercise"].trigger()
    assert chain.exercise.source == str(path)
    _solve_drill(qtbot, chain, load_exercise(path))
    assert w.statusBar().currentMessage().startswith("Solved:")


def test_built_in_ticks_saved_by_earlier_versions_are_still_shown(qtbot, xor_window):
    """Settings keep the built-ins' ids, as every version wrote them."""
    from designer.ui.identity import settings
    from tests.ui.test_exercise_panel import _browser_item

    settings().setValue("exercises/solved", ["xor", "chain-1-1-1"])
    w = xor_window
    w.exercise.show()
    panel = w.exercise.panel
    assert "✓" in _browser_item(panel, "xor").text(0) and "✓" in _browser_item(panel, "chain-1-1-1").text(0)
    assert "✓" not in _browser_item(panel, "and").text(0)


def test_entries_an_opened_answers_file_holds_for_no_asked_quantity_are_saved_back(
    qtbot, xor_window, tmp_path, monkeypatch
):
    """Entries with unknown quantity ids (a newer drill's, a typo) and the student's name were dropped:
    the next Save answers… lost them without a word."""
    w = xor_window
    exercise = load_exercise("chain-1-1-1")
    first, second = (q.id for q in exercise.quantities[:2])
    path = tmp_path / "answers.json"
    document = {
        "format": "nn-designer-answers",
        "version": 1,
        "exercise": "chain-1-1-1",
        "student": "Alice",
        "answers": {first: "2", "dz:old-name": "-3/4", "extra": 1.5},
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.keyClick(w, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    chain = w.exercise.panel.chain
    assert chain.exercise.id == "chain-1-1-1" and chain.field(first).text() == "2"
    type_answer(qtbot, chain, second, "5")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(chain.save_button, Qt.MouseButton.LeftButton)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["answers"] == {first: "2", second: "5", "dz:old-name": "-3/4", "extra": 1.5}
    assert saved["student"] == "Alice" and not chain.unsaved
    assert read_answers(path).entries == saved["answers"]


def test_loading_a_drills_network_brings_its_sample_not_the_last_exercises_points(qtbot):
    """After solving "A bump from steps", Load its network of the chain of three functions showed the
    bump's points under the chain, and f₃'s output −1.5 at the sample x = 2 fell below the plot."""
    from designer.model import load
    from tests.ui.live_gui import shown_text, sized_window

    w = sized_window(qtbot, load(EXAMPLES / "xor-step.json"), (1400, 900))
    w.exercise.show()
    panel = w.exercise.panel
    click_exercise(qtbot, panel, "bump", double=True)  # double-click: Start
    session = w.live.session
    qtbot.waitUntil(lambda: session.data.name == "exercise: A bump from steps")
    qtbot.waitUntil(lambda: "exercise: A bump from steps" in shown_text(w.live.region.legend))
    chain = open_drill(qtbot, w, "chain-1-1-1")
    qtbot.mouseClick(chain.load_button, Qt.MouseButton.LeftButton)
    drill = load_exercise("chain-1-1-1")
    assert set(w.document.network.neurons) == set(drill.network.neurons)
    data = session.data
    assert data.name == f"exercise: {drill.title}"
    qtbot.waitUntil(lambda: "exercise: Chain rule" in shown_text(w.live.region.legend))
    assert "bump" not in shown_text(w.live.region.legend).lower()
    assert w.live.panel.dataset.currentText() == "exercise points"
    assert data.x_train.tolist() == [[2.0]] and data.y_train[0, 0] == pytest.approx(-1.5)
    assert data.rect[0] < 2.0 < data.rect[1]
    qtbot.waitUntil(lambda: w.live.region.line._y_range is not None)
    y0, y1 = w.live.region.line._y_range
    assert y0 < -1.5 < y1  # the output at the sample is on show
    assert not w.document.modified


def test_an_opened_answers_file_saved_back_stays_one_the_app_and_check_read(
    qtbot, xor_window, tmp_path, monkeypatch, dialogs
):
    """Kept entries made the saved file unreadable: 999 unknown ones plus the typed answers were over
    the 1,000 an answers file may hold, and a NaN or infinite value went back as bare NaN/Infinity,
    which strict JSON readers refuse."""
    from designer.exercises.answers import MAX_ENTRIES

    w = xor_window
    exercise = load_exercise("chain-1-1-1")
    first, second = (q.id for q in exercise.quantities[:2])
    path = tmp_path / "answers.json"
    unknown = {f"old{i}": i for i in range(MAX_ENTRIES - 3)} | {"nan": math.nan, "big": math.inf}
    document = {"format": "nn-designer-answers", "version": 1, "exercise": "chain-1-1-1", "student": -math.inf}
    path.write_text(json.dumps(document | {"answers": {first: "2", **unknown}}), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.keyClick(w, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    chain = w.exercise.panel.chain
    assert chain.field(first).text() == "2"
    dropped = len(unknown) - (MAX_ENTRIES - len(exercise.quantities))
    told = f"{dropped} entries of answers.json for quantities this drill does not ask are not kept"
    assert [title for _, title, text in dialogs.shown if told in text] == ["Answers not all kept"]
    type_answer(qtbot, chain, second, "5")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(chain.save_button, Qt.MouseButton.LeftButton)

    def refuse(constant):
        raise ValueError(f"not strict JSON: {constant}")

    saved = json.loads(path.read_text(encoding="utf-8"), parse_constant=refuse)
    assert len(saved["answers"]) <= MAX_ENTRIES and saved["answers"]["old0"] == 0
    assert saved["student"] == "-inf" and saved["answers"].get("big", "inf") == "inf"
    assert read_answers(path).entries[second] == "5"


def test_every_way_of_replacing_the_network_asks_about_a_drills_unsaved_answers(
    qtbot, xor_window, tmp_path, monkeypatch, dialogs
):
    """File ▸ New (a template or Ctrl+N), Open, Open Recent and a dropped file left the drill and threw the
    typed answers away without a word (only the network's own question came, if any)."""
    from PySide6.QtWidgets import QMessageBox

    w = xor_window
    chain = open_drill(qtbot, w, "chain-2-2-1-sigmoid")
    type_answer(qtbot, chain, "da:y", "-1")
    type_answer(qtbot, chain, "dz:y", "-1/4")
    before = w.document.network.copy()
    other = tmp_path / "other.json"
    w.files._write(other)  # a network file to open (the window's own, saved: no network question)
    dialogs.shown.clear()
    dialogs.answer = QMessageBox.StandardButton.Cancel
    single = w.findChild(QAction, "new_single")
    drill = tmp_path / "drill.json"
    drill.write_bytes(resource_file("exercises", "chain-1-1-1.json").read_bytes())
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda p, title, *a, **k: (str(drill if "xercise" in title else other), "")
    )
    for leave in (
        single.trigger,  # File ▸ New ▸ Single neuron (2 → 1)
        lambda: qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier),
        lambda: qtbot.keyClick(w, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier),
        lambda: w.files.open_recent(str(other)),
        w.actions["open_exercise"].trigger,  # File ▸ Open Exercise… (another drill's file)
    ):
        dialogs.shown.clear()
        leave()
        assert dialogs.shown and dialogs.shown[0][1:] == ("Unsaved answers", "Save your chain-rule answers first?")
        assert w.exercise.panel.chain_mode and chain.exercise.id == "chain-2-2-1-sigmoid"  # Cancel: all stays
        assert chain.field("da:y").text() == "-1" and chain.field("dz:y").text() == "-1/4"
    assert w.document.network == before and "h1" in w.document.network.neurons
    saved = tmp_path / "mine.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), ""))
    dialogs.answer = QMessageBox.StandardButton.Save
    single.trigger()
    assert read_answers(saved).entries == {"da:y": "-1", "dz:y": "-1/4"}
    assert not w.exercise.panel.chain_mode and set(w.document.network.neurons) == {"y"}  # the single neuron


def test_a_lesson_step_change_asks_about_a_drill_the_step_does_not_keep(qtbot, xor_window, dialogs):
    """A drill picked from the list during a lesson step without one: the next step threw its answers away."""
    from PySide6.QtWidgets import QMessageBox

    from designer.lessons import load_lesson

    w = xor_window
    lesson = load_lesson("neural-networks")
    assert lesson.steps[0].exercise is None and lesson.steps[1].exercise is None
    w.lessons.open(lesson, 0)
    chain = open_drill(qtbot, w, "chain-1-1-1")
    type_answer(qtbot, chain, chain.rows[0].quantity.id, "2")
    dialogs.shown.clear()
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not w.lessons.go(1)
    assert dialogs.shown[0][1:] == ("Unsaved answers", "Save your chain-rule answers first?")
    assert w.lessons.index == 0 and chain.exercise.id == "chain-1-1-1" and chain.rows[0].field.text() == "2"
    dialogs.answer = QMessageBox.StandardButton.Discard
    assert w.lessons.go(1) and not w.exercise.panel.chain_mode


def test_save_answers_starts_where_a_network_or_answers_file_was_last_saved(qtbot, xor_window, tmp_path, monkeypatch):
    """It opened in the home folder after Load its network (no file open), far from the saved homework."""
    homework, other = tmp_path / "homework", tmp_path / "other"
    homework.mkdir()
    other.mkdir()
    w = xor_window
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(homework / "mine.json"), ""))
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert w.document.path == homework / "mine.json"
    chain = open_drill(qtbot, w, "chain-1-1-1")
    qtbot.mouseClick(chain.load_button, Qt.MouseButton.LeftButton)  # the drill's network: no file now
    assert w.document.path is None
    offered: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda p, t, suggested, *a: offered.append(suggested) or ("", "")
    )
    qtbot.mouseClick(chain.save_button, Qt.MouseButton.LeftButton)
    assert offered == [str(homework / "chain-1-1-1-answers.json")]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other / "a.json"), ""))
    qtbot.mouseClick(chain.save_button, Qt.MouseButton.LeftButton)  # answers saved elsewhere
    w.files._write(homework / "again.json")  # then the network, in the homework folder again
    relu = open_drill(qtbot, w, "chain-relu-off")
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda p, t, suggested, *a: offered.append(suggested) or ("", "")
    )
    qtbot.mouseClick(relu.save_button, Qt.MouseButton.LeftButton)
    assert offered[-1] == str(homework / "chain-relu-off-answers.json")


def test_a_lesson_step_switch_keeps_an_opened_answers_files_path_and_other_entries(
    qtbot, xor_window, tmp_path, monkeypatch, dialogs
):
    """Back on the drill's step only the typed entries came back: Save answers… offered a new name and
    dropped the file's entries for no asked quantity and its student."""
    from designer.lessons import load_lesson

    w = xor_window
    w.lessons.open(load_lesson("neural-networks"), 16)
    chain = w.exercise.panel.chain
    assert w.exercise.panel.chain_mode
    first = chain.rows[0].quantity.id
    path = tmp_path / "alice.json"
    document = {
        "format": "nn-designer-answers",
        "version": 1,
        "exercise": chain.exercise.id,
        "student": "Alice",
        "answers": {first: "2", "dz:old-name": "-3/4"},
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.keyClick(w, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert chain.field(first).text() == "2" and chain.path == path
    type_answer(qtbot, chain, chain.rows[1].quantity.id, "5")
    assert w.lessons.go(15) and w.lessons.go(16)
    assert chain.field(first).text() == "2" and chain.unsaved
    offered: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda p, t, suggested, *a: offered.append(suggested) or (suggested, "")
    )
    qtbot.mouseClick(chain.save_button, Qt.MouseButton.LeftButton)
    assert offered == [str(path)]
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["student"] == "Alice"
    assert saved["answers"] == {first: "2", chain.rows[1].quantity.id: "5", "dz:old-name": "-3/4"}


def test_the_backward_pass_on_a_drills_network_walks_its_objective_j(qtbot, xor_window):
    """chain-1-1-1 asks for the derivatives of J = z₃, the output itself. Loaded with "Load its network",
    B walked the training loss instead: the drill's sample has the output as its target, so it said
    "loss 0" and wrote 0 on every line, where the drill's answers are 1/2, −3/4 and −3."""
    w = xor_window
    exercise = load_exercise("chain-1-1-1")
    load_and_press(qtbot, w, "chain-1-1-1", Qt.Key.Key_B)
    walk, legend = w.live.backward, w.live.gradients.legend
    assert walk.active
    assert "of J = the output f₃ = −1.5: ∂J/∂f₃ = 1" in legend.text()
    seen, legends = {}, []
    for _ in range(walk.depth):
        seen.update({key: f.product for key, f in walk.factors.items()})
        seen.update({f"z:{n}": delta for n, (_, _, delta) in walk.deltas.items()})
        legends.append(legend.text())
        qtbot.keyClick(w.view, Qt.Key.Key_Left)
    for q in exercise.quantities:
        if q.kind == "w":
            assert seen[(q.source, q.node)] == pytest.approx(exercise.exact(q)), q.id
        elif q.kind == "z":
            assert seen[f"z:{q.node}"] == pytest.approx(exercise.exact(q)), q.id
    assert "f₂: ∂J/∂z = ∂J/∂a · g'(z) = −3 · 0.25 = −0.75" in legends[1]  # the lecture's J, not L


def press_g_on_the_drills_network(qtbot, w, exercise_id: str):
    """The drill's network loaded with "Load its network", then G on the canvas: the gradient flow."""
    load_and_press(qtbot, w, exercise_id, Qt.Key.Key_G)
    flow = w.live.gradients
    assert flow.enabled and flow.result is not None
    return flow


@pytest.mark.parametrize(
    ("exercise_id", "training_loss", "symbol"),
    [("chain-1-1-1", "mse", "J"), ("chain-2-2-1-sigmoid", "cross_entropy", "L"), ("chain-relu-off", "mse", "L")],
)
def test_gradient_flow_on_a_drills_network_shows_the_drills_exact_answers(
    qtbot, xor_window, exercise_id, training_loss, symbol
):
    """G coloured a drill's network by the training loss: for chain-1-1-1 (J = z₃, the output itself,
    whose sample has the output as its target) it said "L = 0" and "every one is exactly 0" where B walked
    ∂J/∂w = 1/2, −3/4, −3; for an MSE drill trained with another loss its numbers were not the drill's."""
    w = xor_window
    choose(w.live.panel.loss, training_loss)
    flow = press_g_on_the_drills_network(qtbot, w, exercise_id)
    exercise = load_exercise(exercise_id)
    layer = w.scene.connections
    for q in exercise.quantities:
        if q.kind == "w":
            shown = layer.display_values[layer.position_of[(q.source, q.node)]]
            assert shown == pytest.approx(exercise.exact(q), rel=1e-5, abs=1e-7), q.id
        elif q.kind in ("z", "b"):
            assert flow.result.bias[q.node] == pytest.approx(exercise.exact(q), rel=1e-5, abs=1e-7), q.id
    d = f"∂{symbol}/"
    assert f"lines: {d}∂w" in flow.legend.text() and "exactly 0" not in flow.legend.text()
    output = next(iter(exercise.network.outputs))
    assert f"\n{d}∂z summed over the data (= {d}∂b): " in w.scene.tooltip_for(output)


def test_gradient_flow_says_j_on_the_output_drill_and_l_again_on_another_network(qtbot, xor_window):
    """Gradient flow on chain-1-1-1 is headed like the backward pass (J = the output f₃ = −1.5); another
    network opened afterwards is coloured by the training loss again."""
    w = xor_window
    flow = press_g_on_the_drills_network(qtbot, w, "chain-1-1-1")
    assert "Gradient flow of J = the output f₃ = −1.5 at the drill's sample" in flow.legend.text()
    assert "∂J/∂z summed over the data (= ∂J/∂b): −0.75" in w.scene.tooltip_for("f2")  # the formula's minus
    assert w.files.open_path(EXAMPLES / "xor-step.json")
    w.view.setFocus()
    if not flow.enabled:
        qtbot.keyClick(w.view, Qt.Key.Key_G)
    qtbot.waitUntil(lambda: "L = " in flow.legend.text())
    assert "lines: ∂L/∂w" in flow.legend.text() and "∂J" not in flow.legend.text()
    assert "∂L/∂z = 0" in w.scene.tooltip_for("y")  # xor-step: step units, no gradient


def test_enter_in_an_answer_field_marks_it_at_once_and_goes_to_the_next_field(qtbot, xor_window):
    """Enter did nothing: a student typing answer after answer had to reach for Tab or the mouse."""
    w = xor_window
    w.activateWindow()
    chain = open_drill(qtbot, w, "chain-1-1-1")
    first, second = chain.rows[0], chain.rows[1]
    type_answer(qtbot, chain, first.quantity.id, "2")
    qtbot.keyClick(first.field, Qt.Key.Key_Return)
    assert first.mark.text() == "✗" and first.hint.text()  # at once, not after the typing pause
    assert second.field.hasFocus()
    qtbot.keyClicks(second.field, "1/2")
    qtbot.keyClick(second.field, Qt.Key.Key_Return)
    assert second.mark.text() == "✓" and chain.rows[2].field.hasFocus()
    last = chain.rows[-1]
    last.field.setFocus()
    qtbot.keyClick(last.field, Qt.Key.Key_Return)  # the last one: the focus stays
    assert last.field.hasFocus()


def test_saved_answers_are_in_open_recent_to_go_on_with_them_next_time(qtbot, xor_window, tmp_path, monkeypatch):
    """Save answers… left no trace in File ▸ Open Recent (an opened answers file was listed): the next day
    the student had to find the file to go on with the drill."""
    from designer.ui.mainwindow import MainWindow
    from tests.ui.menus import choose_from_menu_bar

    chain = open_drill(qtbot, xor_window, "chain-1-1-1")
    type_answer(qtbot, chain, "da:f3", "1")
    mine = tmp_path / "week3.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(mine), ""))
    qtbot.mouseClick(chain.save_button, Qt.MouseButton.LeftButton)
    assert mine.exists()
    xor_window.close()

    tomorrow = MainWindow()
    qtbot.addWidget(tomorrow)
    tomorrow.show()
    qtbot.waitExposed(tomorrow)
    choose_from_menu_bar(qtbot, tomorrow, "File", "Open Recent", "week3.json")
    drill = tomorrow.exercise.panel
    assert drill.chain_mode and drill.chain.exercise.id == "chain-1-1-1"
    assert drill.chain.field("da:f3").text() == "1"


def test_a_product_written_with_the_lectures_dot_after_a_decimal_is_read(qtbot, xor_window):
    """-1.5·2 (the · of the lecture's chain rule) was "cannot read '5·2': write 5.2 for a decimal or 5*2 for
    a product": a hint about a number the student did not write, for an answer that was right."""
    chain = open_drill(qtbot, xor_window, "chain-1-1-1")
    field = chain.field("dw:x->f1")
    type_answer(qtbot, chain, "dw:x->f1", "-1.5·2")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    row = next(r for r in chain.rows if r.quantity.id == "dw:x->f1")
    assert row.mark.text() == "✓" and not row.hint.isVisible()


def test_enter_on_a_drill_in_the_list_goes_to_its_first_open_field(qtbot, xor_window):
    """Enter (or a double-click) starts a design exercise; on a drill it did nothing, and reaching the
    first answer field took a Tab past every button."""
    from PySide6.QtWidgets import QApplication

    w = xor_window
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    chain = open_drill(qtbot, w, "chain-1-1-1")
    type_answer(qtbot, chain, "da:f3", "1")
    browser = w.exercise.panel.browser
    browser.setFocus()
    qtbot.keyClick(browser, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is chain.field("dw:f2->f3")  # the first one not filled in
    qtbot.keyClicks(QApplication.focusWidget(), "1/2")
    assert chain.field("dw:f2->f3").text() == "1/2"


def drill_answers_saved(qtbot, w, tmp_path, monkeypatch):
    """chain-1-1-1 open with ∂J/∂a₃ = 1 typed and saved as ``week3.json``: (the drill's panel, the file,
    its bytes)."""
    chain = open_drill(qtbot, w, "chain-1-1-1")
    type_answer(qtbot, chain, "da:f3", "1")
    answers = tmp_path / "week3.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(answers), ""))
    qtbot.mouseClick(chain.save_button, Qt.MouseButton.LeftButton)
    return chain, answers, answers.read_bytes()


def test_save_as_onto_the_open_answers_file_keeps_the_answers(qtbot, xor_window, tmp_path, monkeypatch, dialogs):
    """Save answers… refused the open network's own file, but File ▸ Save As took the open answers file
    (the dialog offers existing names): the network went over the student's answers without a word."""
    from tests.ui.menus import choose_from_menu_bar

    chain, answers, saved = drill_answers_saved(qtbot, xor_window, tmp_path, monkeypatch)
    choose_from_menu_bar(qtbot, xor_window, "File", "Save As…")
    assert answers.read_bytes() == saved and read_answers(answers).entries == {"da:f3": "1"}
    assert dialogs.shown[-1][:2] == ("warning", "Network not saved")
    assert (
        dialogs.shown[-1][2] == "week3.json is the open chain-rule answers file: save the network under another name."
    )
    assert xor_window.document.path != answers
    network = tmp_path / "mine.json"  # another name is saved as usual
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(network), ""))
    choose_from_menu_bar(qtbot, xor_window, "File", "Save As…")
    assert xor_window.document.path == network and network.exists()


def landscape_on_the_drills_network(qtbot, w, exercise_id: str, parameters: list[str]):
    """The drill's network loaded with "Load its network", then View ▸ Loss Landscape over ``parameters``
    (chosen in its parameter boxes like a user; "" for a curve)."""
    chain = open_drill(qtbot, w, exercise_id)
    qtbot.mouseClick(chain.load_button, Qt.MouseButton.LeftButton)
    w.live.landscape_dock.show()
    view = w.live.landscape
    for combo, parameter in zip(view.picker.combos, parameters, strict=True):
        choose(combo, parameter)
    qtbot.waitUntil(
        lambda: view.landscape is not None and len(view.landscape.axes) == len([p for p in parameters if p])
    )
    return view


def plot_title(view) -> str:
    """The landscape plot's title as it reads (it is HTML), "" while it has none."""
    title = view.plot.getPlotItem().titleLabel
    return html.unescape(title.text) if title.isVisible() else ""


def test_the_loss_landscape_on_the_output_drill_plots_its_j_with_the_slope_the_drill_asks_for(qtbot, xor_window):
    """On chain-1-1-1 (J = z₃, the output itself) the Loss Landscape plotted the training MSE against a
    target equal to the output: "loss 0 · lowest here 0" at the point shown, a valley nobody asked about,
    while G and B showed J = −1.5 and ∂J/∂w₃ = 1/2. It plots J over w₃ now, titled so: a line of slope 1/2."""
    w = xor_window
    view = landscape_on_the_drills_network(qtbot, w, "chain-1-1-1", ["w:f2->f3", ""])
    item = view.plot.getPlotItem()
    assert item.getAxis("left").labelText == "J" and plot_title(view) == "J = the output f₃ at the drill's sample"
    land = view.landscape
    assert land.current_loss == pytest.approx(-1.5, abs=1e-6)
    slope = np.diff(land.values) / np.diff(land.axes[0])
    assert slope == pytest.approx(np.full(len(slope), 0.5), rel=1e-4)  # ∂J/∂w₃ = z₂ = 1/2, the drill's answer
    assert view.readout.text().startswith("Now: w: f₂ → f₃ = −3, J −1.5 · ")
    assert w.files.open_path(EXAMPLES / "xor-step.json")  # another network: the training loss again
    choose(view.picker.combos[0], "w:h1->y")
    choose(view.picker.combos[1], "")
    qtbot.waitUntil(lambda: item.getAxis("left").labelText == "training loss" and not plot_title(view))


@pytest.mark.parametrize("training_loss", ["cross_entropy", "sse"])
def test_the_loss_landscape_on_an_mse_drill_plots_the_drills_mse_whatever_training_uses(
    qtbot, xor_window, training_loss
):
    """chain-relu-off asks for ∂L/… of its MSE; trained with another loss, the landscape showed that one."""
    w = xor_window
    choose(w.live.panel.loss, training_loss)
    w.live.panel.l2.setValue(0.5)  # training's penalty is no part of the drill's L
    view = landscape_on_the_drills_network(qtbot, w, "chain-relu-off", ["w:h1->y", "w:h2->y"])
    assert plot_title(view) == "L = the drill's MSE at its sample"
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_G)  # Gradient Flow's L: the drill's MSE at its sample
    flow = w.live.gradients
    assert view.landscape.current_loss == pytest.approx(flow.result.loss, rel=1e-5)
    assert view.readout.text().startswith("Now: w: h1 → y = ")
    assert ", L " in view.readout.text() and "penalty" not in view.readout.text()


@pytest.mark.parametrize(
    ("exercise_id", "kind"),
    [
        ("chain-1-1-1", "The drill's sample: J = the output itself (no target)"),
        ("chain-2-2-1-sigmoid", "The drill's sample: target y = 1 · L = MSE"),
    ],
)
def test_the_training_panel_says_what_a_drills_sample_is(qtbot, xor_window, exercise_id, kind):
    """The Training panel read "regression · targets from −2 to −1" for chain-1-1-1, whose one sample has
    no target (J = f₃ = −1.5 is the output itself), and "classes: 2" for chain-2-2-1-sigmoid's one sample."""
    w = xor_window
    chain = open_drill(qtbot, w, exercise_id)
    qtbot.mouseClick(chain.load_button, Qt.MouseButton.LeftButton)
    assert w.live.panel.kind.text() == kind


def answers_saved_in_step_17(qtbot, w, tmp_path, monkeypatch):
    """Lesson step 17's drill with one answer typed and saved as ``week3.json``: (the drill's panel, the
    answered quantity, the file, its bytes)."""
    from designer.lessons import load_lesson

    w.lessons.open(load_lesson("neural-networks"), 16)
    chain = w.exercise.panel.chain
    first = chain.rows[0].quantity.id
    type_answer(qtbot, chain, first, "2")
    answers = tmp_path / "week3.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(answers), ""))
    qtbot.mouseClick(chain.save_button, Qt.MouseButton.LeftButton)
    return chain, first, answers, answers.read_bytes()


def test_save_as_onto_the_answers_file_of_a_lesson_step_not_on_show_keeps_the_answers(
    qtbot, xor_window, tmp_path, monkeypatch, dialogs
):
    """Save As refused the answers file of the drill on show only: one step on in the lesson, File ▸ Save
    As choosing the drill step's answers file wrote the network over the student's answers."""
    from tests.ui.menus import choose_from_menu_bar

    w = xor_window
    chain, first, answers, saved = answers_saved_in_step_17(qtbot, w, tmp_path, monkeypatch)
    assert w.lessons.go(15)  # another step: the drill's answers are kept by the lesson
    assert w.exercise.answers_file() != answers
    choose_from_menu_bar(qtbot, w, "File", "Save As…")
    assert answers.read_bytes() == saved and read_answers(answers).entries == {first: "2"}
    assert dialogs.shown[-1] == (
        "warning",
        "Network not saved",
        "week3.json is the chain-rule answers file of lesson step 17: save the network under another name.",
    )
    assert w.document.path != answers


def test_save_answers_onto_another_lesson_steps_answers_file_keeps_them(
    qtbot, xor_window, tmp_path, monkeypatch, dialogs
):
    """Save answers… of one drill over the answers file the lesson keeps for another step's drill wrote
    over that drill's answers (and that step's Save then wrote over these)."""
    w = xor_window
    chain, first, answers, saved = answers_saved_in_step_17(qtbot, w, tmp_path, monkeypatch)
    assert w.lessons.go(15) and chain.exercise.id == "chain-1-1-1"  # the step before: another drill
    type_answer(qtbot, chain, "da:f3", "1")
    qtbot.mouseClick(chain.save_button, Qt.MouseButton.LeftButton)  # the dialog offers week3.json
    assert answers.read_bytes() == saved and chain.unsaved
    assert dialogs.shown[-1] == (
        "warning",
        "Answers not saved",
        "week3.json is the chain-rule answers file of lesson step 17: save these answers under another name.",
    )
    assert w.lessons.go(16)  # the drill's own step saves there as before
    type_answer(qtbot, chain, first, "3")
    qtbot.mouseClick(chain.save_button, Qt.MouseButton.LeftButton)
    assert read_answers(answers).entries == {first: "3"} and not chain.unsaved


def test_space_through_the_hints_never_shows_the_answers(qtbot, xor_window):
    """Space on Next hint, once per hint: at the last one the button went grey and Qt passed the focus on
    to Show the answers, so the next Space showed every exact value unasked. The focus goes to the first
    open answer field instead."""
    from PySide6.QtWidgets import QApplication

    w = xor_window
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    chain = open_drill(qtbot, w, "chain-1-1-1")
    hints = len(chain.exercise.hints)
    assert hints >= 1
    chain.hint_button.setFocus()
    qtbot.waitUntil(chain.hint_button.hasFocus)
    for _ in range(hints):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert chain.hints_shown == hints and not chain.hint_button.isEnabled()
    assert w.statusBar().currentMessage() == f"Hint {hints}: {' '.join(chain.exercise.hints[-1].split())}"  # said
    assert QApplication.focusWidget() is chain.rows[0].field  # where typing goes on
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert not chain.answers_shown and all(not row.answer.text() for row in chain.rows)


def test_a_drill_with_long_labels_keeps_its_page_within_the_dock(qtbot, xor_window, tmp_path, monkeypatch):
    """A teacher's drill whose neuron f₂ is labelled with 3,000 letters, and one quantity given a label of
    200 letters (the most the file takes): the rows' labels were one unbroken word each, 35,579 px wide, and
    the page was laid out that wide in the Exercise dock: its prompt no longer wrapped, and Load its
    network, Save answers… and the fields were out of reach to the right."""
    w = xor_window
    open_drill(qtbot, w, "chain-1-1-1")
    chain = w.exercise.panel.chain
    usual = chain.minimumSizeHint().width()  # the shipped drill's
    doc = json.loads(Path(resource_file("exercises", "chain-1-1-1.json")).read_text(encoding="utf-8"))
    doc["id"] = "long-labels"
    doc["network"]["neurons"][1]["label"] = "W" * 3_000
    doc["asked"] = [q["id"] for q in doc["asked"]]
    doc["asked"][0] = {"id": doc["asked"][0], "label": "M" * 200}
    path = tmp_path / "long-labels.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    w.actions["open_exercise"].trigger()
    assert chain.exercise.id == "long-labels"
    for row in chain.rows:  # at most a run of 24 of the widest letters (35,579 px before)
        assert row.label.minimumSizeHint().width() <= row.label.fontMetrics().horizontalAdvance("W" * 26)
    assert chain.minimumSizeHint().width() <= usual
    label = next(row.label for row in chain.rows if row.quantity.id == "da:f2")
    assert label.text().replace("\u200b", "") == "∂J/∂a of " + "W" * 39 + "…"  # one line of 40 characters
    first = next(row.label for row in chain.rows if row.quantity.id == doc["asked"][0]["id"])
    assert first.text().replace("\u200b", "") == "M" * 200  # the file's own label, wrapped as it is


def test_load_its_network_moves_the_focus_to_the_first_open_field(qtbot, xor_window):
    """A click on Load its network left the keyboard focus on that button: the student's next keys (the
    first answer) went nowhere, and a Space loaded the network again. The focus goes to the first answer
    field not filled in yet."""
    from PySide6.QtWidgets import QApplication

    w = xor_window
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    chain = open_drill(qtbot, w, "chain-1-1-1")
    type_answer(qtbot, chain, "da:f3", "1")
    chain.load_button.setFocus(Qt.FocusReason.MouseFocusReason)  # as the click's press does
    qtbot.mouseClick(chain.load_button, Qt.MouseButton.LeftButton)
    assert w.document.network.extras["exercise"] == "chain-1-1-1"  # the drill's network on the canvas
    assert QApplication.focusWidget() is chain.field("dw:f2->f3")  # the first one not filled in
    qtbot.keyClicks(QApplication.focusWidget(), "1/2")
    assert chain.field("dw:f2->f3").text() == "1/2" and chain.field("da:f3").text() == "1"


def test_a_teachers_drills_title_and_prompt_reverse_nothing(qtbot, xor_window, tmp_path, monkeypatch):
    """A drill titled "Chain\\u202erule" showed "Chain" then "elur" in its heading (the text after an unclosed
    U+202E reversed; a line break split the heading), and its prompt's override reversed the prompt's rest."""
    w = xor_window
    path = _teachers_copy(tmp_path, "chain-1-1-1")
    drill = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**drill, "title": "Chain\nrule\u202eback", "prompt": "Type \u202eeach one."}))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    w.actions["open_exercise"].trigger()
    chain = w.exercise.panel.chain
    assert w.exercise.panel.chain_mode and chain.title.text() == "Chain rule back"
    assert chain.prompt.text() == "Type each one."
