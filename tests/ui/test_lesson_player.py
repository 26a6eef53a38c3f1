"""The lesson player in the window: open a lesson from the menus, move with Next/Back and the step list,
edits kept while moving and saved as a normal file, Reset, safe text, bad files, and the app's --lesson."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from designer.lessons import load_lesson
from designer.model import SetNodeField, load
from designer.model.fileformat import to_document
from designer.resources import resource_file
from tests.exercises.test_chainrule import BY_HAND
from tests.ui import gui
from tests.ui.menus import plain
from tests.ui.test_canvas_build import on_line

EXAMPLES_XOR = resource_file("examples", "xor-step.json")


def small_lesson(tmp_path: Path, text: str = "A *neuron*: $z = w x + b$.") -> Path:
    """Three steps: a perceptron, the same network trained, and the XOR exercise on its starter."""
    doc = {
        "format": "nn-designer-lesson",
        "version": 1,
        "id": "tiny",
        "title": "Tiny lesson",
        "steps": [
            {
                "title": "One <i>neuron</i>",
                "text": text,
                "network": to_document(load(resource_file("examples", "perceptron.json"))),
                "training": {"dataset": "gauss", "learning_rate": 0.3},
                "views": ["canvas", "regions", "math"],
                "layout": "canvas+regions",
                "notation": "lecture",
            },
            {
                "title": "Trained",
                "text": "Ten epochs.",
                "training": {"loss": "cross_entropy"},
                "views": ["canvas", "regions", "curves"],
                "action": {"kind": "train", "epochs": 10},
            },
            {
                "title": "XOR",
                "text": "Now you.",
                "exercise": "xor",
                "network": "starter",
                "training": {"dataset": "xor"},
            },
        ],
    }
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.fixture
def window(qtbot, xor_window):
    w = xor_window
    w.live.build_plots()
    return w


def open_file(w, path: Path, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    w.actions["open_lesson"].trigger()


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_help_menu_lists_the_shipped_lessons_and_opens_one(qtbot, window):
    w = window
    menu = w.lessons.menu
    menu.aboutToShow.emit()
    entry = next(a for a in menu.actions() if a.objectName() == "lesson:neural-networks")
    assert "Neural networks" in plain(entry.text()) and "21 steps" in entry.text()
    entry.trigger()
    player, panel = w.lessons, w.lessons.panel
    assert player.is_open and player.index == 0 and w.lessons.dock.isVisible()
    assert panel.steps.count() == 21 and panel.position.text() == "Step 1 of 21"
    assert panel.step_title.text() == "One neuron: the perceptron"
    assert "perceptron" in panel.text.toPlainText()
    assert set(w.document.network.neurons) == {"y"} and w.live.session.options.name == "gauss"
    assert w.live.region_dock.isVisible() and w.exports.math_dock.isVisible()
    assert not w.live.landscape_dock.isVisible() and not w.exercise.isVisible()
    assert w.scene.selected_node_ids() == ["y"]  # the step's action: select y


def test_next_back_and_the_step_list_set_each_steps_state(qtbot, window, tmp_path, monkeypatch):
    w = window
    open_file(w, small_lesson(tmp_path), monkeypatch)
    player, panel = w.lessons, w.lessons.panel
    assert panel.lesson_title.text() == "Tiny lesson" and not panel.back.isEnabled()
    assert w.exports.math_dock.notation == "lecture"
    assert w.live.training.settings.learning_rate == pytest.approx(0.3)
    click(qtbot, panel.next)
    assert player.index == 1 and w.live.training.settings.loss == "cross_entropy"
    assert w.live.panel.loss.currentData() == "cross_entropy"  # the panel shows what training uses
    assert w.live.curves_dock.isVisible() and not w.exports.math_dock.isVisible()
    qtbot.waitUntil(lambda: not player.runner.busy, timeout=10_000)
    assert w.live.training.epoch == 10  # the step's action trained 10 epochs
    assert not w.live.panel.stop_epochs_on.isChecked()  # the step's own "stop at" is back
    item = panel.steps.item(2)
    click_item(qtbot, panel.steps, item)
    assert player.index == 2 and w.exercise.isVisible()
    assert w.exercise.panel.exercise.id == "xor" and w.document.network.extras["exercise"] == "xor"
    assert w.live.session.options.name == "xor" and not panel.next.isEnabled()
    click(qtbot, panel.back)
    assert player.index == 1 and w.exercise.panel.exercise is None  # no exercise in this step
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    qtbot.keyClick(w.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert player.index == 2
    qtbot.keyClick(w.view, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert player.index == 1


def click_item(qtbot, view, item) -> None:
    rect = view.visualItemRect(item)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_edits_are_kept_moving_back_and_forth_saved_as_a_file_and_reset_or_reopen_starts_fresh(
    qtbot, window, tmp_path, monkeypatch, dialogs
):
    w = window
    path = small_lesson(tmp_path)
    open_file(w, path, monkeypatch)
    player = w.lessons
    net = w.document.network
    w.view.zoom_to_fit()
    gui.wheel(w.view, on_line(w, ("x1", "y")), steps=3)  # 1 → 1.3, an edit during the step
    assert net.connections[("x1", "y")].weight == pytest.approx(1.3)
    click(qtbot, player.panel.next)  # step 2 keeps the network of step 1: with the edit
    assert net.connections[("x1", "y")].weight != pytest.approx(1.0)
    qtbot.waitUntil(lambda: not player.runner.busy, timeout=10_000)
    trained = net.connections[("x1", "y")].weight
    click(qtbot, player.panel.next)
    assert net.extras["exercise"] == "xor" and all(c.weight == 0 for c in net.connections.values())  # its starter
    click(qtbot, player.panel.back)
    assert net.connections[("x1", "y")].weight == pytest.approx(trained)  # kept, not trained again
    assert w.live.training.epoch == 0

    target = tmp_path / "mine.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    w.actions["save_as"].trigger()
    saved = load(target)  # a normal network file
    assert saved.connections[("x1", "y")].weight == pytest.approx(trained)
    click(qtbot, player.panel.back)  # a saved file is no reason to ask: nothing is lost
    assert player.index == 0

    dialogs.answer = QMessageBox.StandardButton.Cancel
    click(qtbot, player.panel.reset_button)  # the step has edits: asked first, and Cancel keeps them
    assert dialogs.shown[-1][:2] == ("question", "Reset this step")
    assert net.connections[("x1", "y")].weight == pytest.approx(1.3)
    dialogs.answer = QMessageBox.StandardButton.Reset
    click(qtbot, player.panel.reset_button)  # the step as the lesson sets it
    assert net.connections[("x1", "y")].weight == pytest.approx(1.0)
    asked = len(dialogs.shown)
    click(qtbot, player.panel.reset_button)  # nothing edited since: nothing to ask
    assert len(dialogs.shown) == asked
    gui.wheel(w.view, on_line(w, ("x1", "y")), steps=2)
    dialogs.answer = QMessageBox.StandardButton.Cancel
    open_file(w, path, monkeypatch)  # reloading the lesson would drop the edit: asked, and Cancel keeps it
    assert dialogs.shown[-1][:2] == ("question", "Lesson edits") and "step 1 " in dialogs.shown[-1][2]
    assert net.connections[("x1", "y")].weight == pytest.approx(1.2)
    dialogs.answer = QMessageBox.StandardButton.Discard
    open_file(w, path, monkeypatch)  # reloading the lesson starts fresh
    assert player.index == 0 and net.connections[("x1", "y")].weight == pytest.approx(1.0)


def test_step_text_is_rendered_without_interpreting_html_from_the_file(qtbot, window, tmp_path, monkeypatch):
    w = window
    hostile = 'Look: <b>bold?</b> <img src="/dev/zero"> <a href="file:///etc/passwd">link</a> and **real bold**.'
    open_file(w, small_lesson(tmp_path, hostile), monkeypatch)
    panel = w.lessons.panel
    shown = panel.text.toPlainText()
    assert '<b>bold?</b> <img src="/dev/zero"> <a href="file:///etc/passwd">link</a>' in shown
    assert "real bold" in shown and "**" not in shown  # the Markdown-lite is rendered
    assert "<img" not in panel.text.toHtml().replace("&lt;img", "")
    assert panel.step_title.text() == "One <i>neuron</i>" and panel.step_title.textFormat() == Qt.TextFormat.PlainText
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    qtbot.keyClick(w, Qt.Key.Key_F5)  # the presentation's strip: the same escaped rendering
    strip = w.presentation.stage.lesson_text.text()
    assert "&lt;img" in strip and "<img" not in strip and "One &lt;i&gt;neuron&lt;/i&gt;" in strip
    assert "<b>real bold</b>" in strip


def test_a_lesson_files_overrides_and_line_breaks_reverse_and_split_nothing(qtbot, window, tmp_path, monkeypatch):
    """A teacher's lesson titled "Intro\u202e\x1b[31mtxt.exe" with a line break in a step's title: the dock's
    headings and the step list showed "exe.txt[31m", the list entry two lines tall; an unclosed U+202E in the
    step text reversed the rest of its paragraph (in the dock and in the presentation's strip)."""
    path = small_lesson(tmp_path, "Plain \u202eevil text.\n\nNext paragraph.")
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["title"] = "Intro\u202e\x1b[31mtxt.exe"
    doc["steps"][0]["title"] = "One\nneuron\u202eright"
    path.write_text(json.dumps(doc), encoding="utf-8")
    w = window
    open_file(w, path, monkeypatch)
    panel = w.lessons.panel
    assert panel.lesson_title.text() == "Intro [31mtxt.exe"
    assert panel.step_title.text() == "One neuron right"
    assert panel.steps.item(0).text() == "1. One neuron right"
    assert panel.text.toPlainText().startswith("Plain evil text.")
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    qtbot.keyClick(w, Qt.Key.Key_F5)  # the presentation's strip
    strip = w.presentation.stage.lesson_text.text()
    assert "\u202e" not in strip and "One neuron right" in strip and "Plain evil text." in strip


def test_a_lesson_that_cannot_be_used_gets_one_line_and_changes_nothing(qtbot, window, tmp_path, monkeypatch, dialogs):
    w = window
    before = to_document(w.document.network)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "nn-designer-lesson", "version": 1, "id": "bad", "title": "x", "steps": [{"titel": 1}]}')
    open_file(w, bad, monkeypatch)
    kind, title, text = dialogs.shown[-1]
    assert kind == "warning" and title == "Cannot open lesson" and "\n" not in text and "titel" in text
    assert not w.lessons.is_open and to_document(w.document.network) == before
    (tmp_path / "huge.json").write_bytes(b"[" * 100_000)
    open_file(w, tmp_path / "huge.json", monkeypatch)
    assert dialogs.shown[-1][1] == "Cannot open lesson" and not w.lessons.is_open


def test_closing_the_lesson_keeps_the_network_and_the_app_runs_a_lesson_from_the_command_line(qtbot, app_windows):
    from designer.ui import app as app_module

    lesson = load_lesson("neural-networks")
    assert app_module.run(lesson=lesson, lesson_step=7) == 0  # nn-designer --lesson neural-networks --step 8
    w = app_windows[0]
    qtbot.waitUntil(lambda: w.lessons.is_open, timeout=5000)
    assert w.lessons.index == 7 and set(w.document.network.neurons) == set(lesson.steps[7].network.neurons)
    assert w.exports.math_dock.notation == "both" and w.live.forward.active  # the step walks the forward pass
    assert w.exercise.panel.exercise is None  # no start-up exercise beside a lesson
    click(qtbot, w.lessons.panel.close_button)
    assert not w.lessons.is_open and not w.lessons.dock.isVisible()
    assert set(w.document.network.neurons) == set(lesson.steps[7].network.neurons)


def test_the_views_beside_the_canvas_share_the_height_the_inspector_takes_a_modest_part(qtbot, window):
    """Step 8 opens Decision Regions and Math on the right under the Inspector: neither is squeezed to
    a strip (the Inspector's tallest page set its minimum height)."""
    w = window
    w.resize(1680, 972)
    w.lessons.open(load_lesson("neural-networks"), 7)
    region, math, inspector = w.live.region_dock, w.exports.math_dock, w.inspector_dock
    qtbot.waitUntil(lambda: region.isVisible() and math.isVisible())

    def shared() -> None:  # the docks are sized once laid out (after zero-delay timers)
        assert inspector.height() <= 0.3 * w.height()
        assert region.height() >= 0.25 * w.height() and math.height() >= 0.25 * w.height()

    qtbot.waitUntil(shared)


def test_a_lesson_opened_over_unsaved_work_asks_first_and_cancel_keeps_it(qtbot, window, dialogs):
    w = window
    w.document.push(SetNodeField("y", "bias", -0.75))  # unsaved work, never saved to a file
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not w.lessons.open_id("neural-networks")
    assert dialogs.shown[-1][:2] == ("question", "Unsaved changes")
    assert not w.lessons.is_open and w.document.network.neurons["y"].bias == -0.75 and w.document.modified
    dialogs.answer = QMessageBox.StandardButton.Discard
    assert w.lessons.open_id("neural-networks") and w.lessons.is_open


def test_undo_goes_on_where_it_was_left_when_a_step_is_shown_again(qtbot, window, tmp_path, monkeypatch, dialogs):
    """A step's edits were kept when moving away and back, but its undo history was not: Undo was grey."""
    w = window
    open_file(w, small_lesson(tmp_path), monkeypatch)
    player = w.lessons
    net = w.document.network
    w.view.zoom_to_fit()
    gui.wheel(w.view, on_line(w, ("x1", "y")), steps=3)  # 1 → 1.3
    click(qtbot, player.panel.next)  # step 2 trains step 1's network (step units: nothing moves)
    qtbot.waitUntil(lambda: not player.runner.busy, timeout=10_000)
    click(qtbot, player.panel.next)  # step 3, the XOR starter: an edit of its own
    gui.wheel(w.view, on_line(w, ("x2", "y")), steps=2)
    edited = net.connections[("x2", "y")].weight
    click_item(qtbot, player.panel.steps, player.panel.steps.item(0))  # back to step 1
    assert player.index == 0 and net.connections[("x1", "y")].weight == pytest.approx(1.3)
    undo, redo = w.actions["undo"], w.actions["redo"]
    assert undo.isEnabled() and w.document.undo_stack.undoText() == "set weight of x1 → y"
    undo.trigger()
    assert net.connections[("x1", "y")].weight == pytest.approx(1.0) and not undo.isEnabled()
    assert not w.document.modified  # the step as the lesson set it
    redo.trigger()
    assert net.connections[("x1", "y")].weight == pytest.approx(1.3) and w.document.modified
    click_item(qtbot, player.panel.steps, player.panel.steps.item(2))
    assert net.connections[("x2", "y")].weight == pytest.approx(edited) != 0 and undo.isEnabled()
    assert w.document.modified
    undo.trigger()
    assert net.connections[("x2", "y")].weight == 0 and not undo.isEnabled() and redo.isEnabled()
    assert not w.document.modified  # back at the starter as the lesson set it
    assert player.edits.unsaved_steps(player.step, player.index, keep_current=False) == [1]  # step 1's edit


def test_undoing_past_the_steps_own_training_then_coming_back_keeps_redo_and_asks_nothing(
    qtbot, window, tmp_path, monkeypatch, dialogs
):
    """Undone past the lesson's own run, left and shown again: Undo and Redo were both grey, the
    document was modified, and quitting asked about edits that no longer existed."""
    doc = json.loads(small_lesson(tmp_path).read_text(encoding="utf-8"))
    doc["steps"][0]["network"] = to_document(load(resource_file("examples", "logistic-regression.json")))
    doc["steps"][0]["action"] = {"kind": "train", "epochs": 5}
    path = tmp_path / "trains.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    w = window
    open_file(w, path, monkeypatch)
    player = w.lessons
    qtbot.waitUntil(lambda: not player.runner.busy, timeout=10_000)
    stack = w.document.undo_stack
    assert [stack.command(i).text() for i in range(stack.count())] == ["train"] and not w.document.modified
    bias = next(iter(w.document.network.neurons))
    w.document.push(SetNodeField(bias, "bias", 0.25))
    click(qtbot, player.panel.next)
    click(qtbot, player.panel.back)
    undo, redo = w.actions["undo"], w.actions["redo"]
    undo.trigger()
    undo.trigger()  # the lesson's own run too
    assert not undo.isEnabled() and redo.isEnabled()
    click(qtbot, player.panel.next)
    click(qtbot, player.panel.back)
    assert not undo.isEnabled() and redo.isEnabled() and redo.text().endswith("train")  # as it was left
    assert player.edits.unsaved_steps(player.step, player.index, keep_current=False) == []  # nothing of the user's
    redo.trigger()
    redo.trigger()
    assert w.document.network.neurons[bias].bias == 0.25
    assert player.edits.unsaved_steps(player.step, player.index, keep_current=False) == [1]


def test_a_step_saved_as_a_file_and_shown_again_is_clean_where_the_lesson_set_it(
    qtbot, window, tmp_path, monkeypatch, dialogs
):
    """Its clean state stayed at the save, though it is shown again as the lesson's network: undoing
    every edit left it modified, and quitting asked about edits in that step."""
    w = window
    open_file(w, small_lesson(tmp_path), monkeypatch)
    player = w.lessons
    w.document.push(SetNodeField("y", "bias", 0.75))
    target = tmp_path / "mine.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    w.actions["save_as"].trigger()
    assert w.document.path == target and not w.document.modified
    click(qtbot, player.panel.next)
    qtbot.waitUntil(lambda: not player.runner.busy, timeout=10_000)
    click(qtbot, player.panel.back)
    assert w.document.path is None and w.document.network.neurons["y"].bias == 0.75
    assert w.document.modified  # the lesson's network with an edit (the file has it too)
    undo = w.actions["undo"]
    while undo.isEnabled():  # the edit, and the experiment the save wrote into the network
        undo.trigger()
    assert not w.document.modified and w.document.network.neurons["y"].bias == 0
    assert player.edits.unsaved_steps(player.step, player.index, keep_current=False) == []


def test_a_value_half_typed_on_the_canvas_goes_into_the_step_it_was_typed_in(qtbot, window, tmp_path, monkeypatch):
    """Typed into step 1's bias editor, then Ctrl+PgDown: the editor stayed open over the next step
    and the next click put the value into that step's network."""
    w = window
    open_file(w, small_lesson(tmp_path), monkeypatch)
    player = w.lessons
    gui.double_click(w.view, gui.node_pos(w, "y"))  # the bias editor
    editor = w.view.editor
    assert editor.active
    editor.line.setText("7")
    qtbot.keyClick(editor.line, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert player.index == 1 and not editor.active and not editor.line.isVisible()
    qtbot.waitUntil(lambda: not player.runner.busy, timeout=10_000)
    assert w.document.network.neurons["y"].bias == 7  # step 2 shows step 1's network: with the value typed
    click(qtbot, player.panel.next)
    assert w.document.network.neurons["y"].bias == 0  # the XOR starter: untouched
    gui.double_click(w.view, gui.node_pos(w, "y"))
    editor.line.setText("5")
    w.document.replace(load(EXAMPLES_XOR), path=EXAMPLES_XOR)  # another network shown (File ▸ Open…)
    assert not editor.active and w.document.network.neurons["y"].bias != 5  # typed for the one before


def test_the_step_list_goes_with_enter_and_next_goes_on_from_the_step_on_show(qtbot, window, tmp_path, monkeypatch):
    """Arrow keys in the step list moved only its highlight, and Next then went on from the highlight."""
    w = window
    open_file(w, small_lesson(tmp_path), monkeypatch)
    player = w.lessons
    steps = player.panel.steps
    steps.setFocus()
    qtbot.keyClick(steps, Qt.Key.Key_Down)
    qtbot.keyClick(steps, Qt.Key.Key_Down)  # the highlight on step 3, step 1 still on show
    assert player.index == 0 and steps.currentRow() == 2
    click(qtbot, player.panel.next)
    assert player.index == 1  # after the step on show, not after the highlight
    qtbot.waitUntil(lambda: not player.runner.busy, timeout=10_000)
    steps.setFocus()
    qtbot.keyClick(steps, Qt.Key.Key_Down)
    qtbot.keyClick(steps, Qt.Key.Key_Return)  # Enter goes to the highlighted step
    assert player.index == 2


def test_quitting_asks_about_edits_kept_for_earlier_steps_but_not_about_what_the_lesson_did(
    qtbot, window, tmp_path, monkeypatch, dialogs
):
    w = window
    open_file(w, small_lesson(tmp_path), monkeypatch)
    player = w.lessons
    click(qtbot, player.panel.next)  # step 2 trains ten epochs: the lesson's doing, no edit of the user's
    qtbot.waitUntil(lambda: not player.runner.busy, timeout=10_000)
    asked = len(dialogs.shown)
    assert player.confirm_quit() and w.files.confirm_discard() and len(dialogs.shown) == asked
    click(qtbot, player.panel.back)
    w.view.zoom_to_fit()
    gui.wheel(w.view, on_line(w, ("x1", "y")), steps=3)  # an edit in step 1
    click(qtbot, player.panel.next)
    click(qtbot, player.panel.next)  # step 3 on show, the edit kept for step 1 (and 2, which shares it)
    dialogs.answer = QMessageBox.StandardButton.Cancel
    w.close()
    assert w.isVisible() and dialogs.shown[-1][:2] == ("question", "Lesson edits")
    assert "step 1 " in dialogs.shown[-1][2]
    click(qtbot, player.panel.back)
    click(qtbot, player.panel.back)
    assert w.document.network.connections[("x1", "y")].weight == pytest.approx(1.3)  # still there
    dialogs.answer = QMessageBox.StandardButton.Discard
    closed = len(dialogs.shown)
    player.close()  # closing the lesson keeps step 1's network open (its own edit): nothing to ask
    assert len(dialogs.shown) == closed and not player.is_open


def test_chain_rule_answers_typed_in_a_step_are_kept_moving_back_and_forth(qtbot, window, dialogs):
    from tests.ui.test_chainrule_panel import type_answer

    w = window
    w.lessons.open(load_lesson("neural-networks"), 15)  # step 16: the first chain-rule drill
    chain = w.exercise.panel.chain
    assert w.exercise.panel.chain_mode and chain.rows
    first = chain.rows[0].quantity.id
    type_answer(qtbot, chain, first, "1/2")
    click(qtbot, w.lessons.panel.next)
    click(qtbot, w.lessons.panel.back)
    assert w.exercise.panel.chain_mode and chain.field(first).text() == "1/2"
    dialogs.answer = QMessageBox.StandardButton.Cancel
    w.lessons.next()
    w.close()  # typed in step 16, step 17 on show: the lesson asks
    assert w.isVisible() and dialogs.shown[-1][:2] == ("question", "Lesson edits") and "16" in dialogs.shown[-1][2]


@pytest.mark.parametrize("far", [1e39, 1e100, 1e308])
def test_a_lesson_walk_at_a_point_far_beyond_the_plot_draws_without_crashing(qtbot, window, tmp_path, far):
    """A point beyond float32 crashed the region plot's paint (Qt's coordinates overflow), and at 1e308 the
    canvas's rounded probe values overflowed to infinity in the formatting."""
    doc = json.loads(small_lesson(tmp_path).read_text(encoding="utf-8"))
    doc["steps"] = doc["steps"][:1]
    doc["steps"][0]["action"] = {"kind": "forward", "point": [far, -far]}
    path = tmp_path / "far.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    w = window
    assert w.lessons.open_id(str(path))
    region = w.live.region
    w.live.region_dock.show()
    region.plot.viewport().grab()  # painted as the screen would
    w.view.viewport().grab()
    assert w.live.session.probe is not None and tuple(w.live.session.probe) == (far, -far)
    assert region.probe.marker.data.size == 0  # far off the plot: no marker drawn
    if far < 1e300:  # (a view around 1e308 has a span pyqtgraph cannot hold)
        region.vb.setRange(xRange=(far / 4, far), yRange=(-far, -far / 4), padding=0)
        region.plot.viewport().grab()
        assert region.probe.marker.data.size == 1  # the view went there: the marker shows


def test_a_steps_status_message_does_not_stay_for_the_next_step(qtbot, window, tmp_path, monkeypatch):
    w = window
    open_file(w, small_lesson(tmp_path), monkeypatch)
    w.report("Level 2 of 2 (y). ← next level towards the inputs, → back")  # what a walk in this step said
    click(qtbot, w.lessons.panel.next)
    assert "Level 2 of 2" not in w.statusBar().currentMessage()


def test_the_1d_legend_is_short_and_takes_the_plots_emptiest_corner(qtbot, window):
    """Lesson step 11 (towers drawing sin x): the legend listed 8 of 12 contributions in the top left
    corner, over the rising curve and its data."""
    from designer.ui.live.line import points_under_corners

    w = window
    w.lessons.open(load_lesson("neural-networks"), 10)
    line = w.live.region.line
    w.live.region.plot.viewport().grab()
    labels = [label.text for _, label in line.legend.items]
    assert len(labels) == 2 and labels[1] == "each neuron's w·a"
    vb = w.live.region.vb
    (x0, x1), (y0, y1) = vb.viewRange()
    xs = np.concatenate([c.getData()[0] for c in (line.output, *line.contributions)])
    ys = np.concatenate([c.getData()[1] for c in (line.output, *line.contributions)])
    size, box = line.legend.boundingRect(), vb.boundingRect()
    covered = points_under_corners(xs, ys, (x0, x1, y0, y1), (box.width(), box.height()), (size.width(), size.height()))
    assert covered[line.legend.corner] == covered.min()
    d = w.live.session.data  # the legend, wider than this narrow plot, hides no data point (a band above them)
    targets = np.concatenate([d.x_train, d.x_test])[:, 0], np.concatenate([d.y_train, d.y_test])[:, 0]
    covered = points_under_corners(
        *targets, (x0, x1, y0, y1), (box.width(), box.height()), (size.width(), size.height())
    )
    assert covered[line.legend.corner] == 0
    shown = line.legend.mapRectToItem(vb, line.legend.boundingRect())  # where it is drawn, in the plot's pixels
    expected_left = line.legend.corner in (0, 2)
    assert (shown.left() < box.width() / 2) == expected_left


def test_the_lessons_own_training_is_not_an_edit_even_cut_short_but_an_edit_during_it_is(
    qtbot, window, tmp_path, monkeypatch, dialogs
):
    """Step 2 trains (its network is step 1's). Reset and leaving while it runs are not the user's
    edits (they were asked about); a bias typed while it runs is one, also once the run has ended (the
    lesson marked the whole run clean and the edit was lost on quit)."""
    w = window
    player = w.lessons
    open_file(w, small_lesson(tmp_path), monkeypatch)
    click(qtbot, player.panel.next)
    assert w.live.training.running  # (nothing runs until the event loop turns: the checks below are in time)
    dialogs.answer = QMessageBox.StandardButton.Cancel
    asked = len(dialogs.shown)
    player.reset()  # nothing of the user's to lose: no question, the step starts again
    assert len(dialogs.shown) == asked and w.live.training.running
    player.back()  # leaves while the lesson trains
    assert player.confirm_quit() and len(dialogs.shown) == asked
    player.next()
    player.reset()
    assert w.live.training.running
    w.document.push(SetNodeField("y", "bias", 2.5))  # typed while the lesson trains
    qtbot.waitUntil(lambda: not player.runner.busy, timeout=60_000)  # the run ends
    player.back()
    assert not player.confirm_quit()  # Cancel: the edit (in step 1's network) is asked about
    assert dialogs.shown[-1][:2] == ("question", "Lesson edits") and "step 1 " in dialogs.shown[-1][2]


def test_a_file_opened_during_a_lesson_is_not_taken_for_a_steps_network(qtbot, window, tmp_path, monkeypatch, dialogs):
    w = window
    path = small_lesson(tmp_path)
    open_file(w, path, monkeypatch)
    player = w.lessons
    w.view.zoom_to_fit()
    gui.wheel(w.view, on_line(w, ("x1", "y")), steps=3)  # an edit in step 1 (its network: the perceptron)
    click(qtbot, player.panel.next)
    qtbot.waitUntil(lambda: not player.runner.busy, timeout=10_000)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(EXAMPLES_XOR), ""))
    w.actions["open"].trigger()  # File ▸ Open during the lesson
    assert w.document.network.name == load(EXAMPLES_XOR).name
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not player.confirm_quit()  # step 1's edit lives only in the lesson: asked about
    assert dialogs.shown[-1][:2] == ("question", "Lesson edits") and "step 1" in dialogs.shown[-1][2]
    click(qtbot, player.panel.back)  # step 1 shows its own network with the edit, not the file
    assert w.document.network.connections[("x1", "y")].weight == pytest.approx(1.3)
    assert "h1" not in w.document.network.neurons


def test_the_window_title_names_the_lesson_step_whose_network_is_shown(qtbot, window, tmp_path, monkeypatch):
    """Steps 12–15 were titled "start[*]" (their starter network's name), step 7 by step 4's network."""
    w = window
    open_file(w, small_lesson(tmp_path), monkeypatch)
    player, panel = w.lessons, w.lessons.panel
    assert w.windowTitle().startswith("Tiny lesson · step 1: ")
    click(qtbot, panel.next)
    qtbot.waitUntil(lambda: not player.runner.busy, timeout=10_000)
    assert w.windowTitle().startswith(f"Tiny lesson · step 2: {player.lesson.steps[1].title}[*]")
    w.findChild(type(w.actions["open"]), "new_xor-starter").trigger()  # File ▸ New: the step's fresh network
    assert w.windowTitle().startswith("Tiny lesson · step 2: ")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(EXAMPLES_XOR), ""))
    w.actions["open"].trigger()  # a file: its own name
    assert w.windowTitle().startswith("xor-step.json")


def test_an_exercise_step_without_data_of_its_own_shows_the_exercises_points(qtbot, window):
    """Step 14 (the triangle) showed the circle data kept from an earlier step: "PASS" beside "misclassified 106"."""
    w = window
    w.lessons.open(load_lesson("neural-networks"), 12)  # step 13, XOR: its own xor dataset
    assert w.live.session.options.name == "xor"
    click(qtbot, w.lessons.panel.next)  # step 14, the triangle: no data of its own
    assert w.lessons.index == 13 and w.exercise.panel.exercise.id == "triangle"
    w.live.session.flush()
    points = w.live.region.points
    qtbot.waitUntil(lambda: "exercise: A triangle" in points.legend.text(), timeout=2000)
    assert "train&nbsp;1576" in points.legend.text()
    click(qtbot, w.exercise.panel.solution_button)
    w.live.session.flush()
    qtbot.waitUntil(lambda: points.misclassified == 0, timeout=2000)


def test_ctrl_pagedown_in_a_drills_field_goes_on_typing_in_the_next_drill(qtbot, window):
    """The focused answer field went with its step: the focus went nowhere, and typing did nothing."""
    w = window
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    w.lessons.open(load_lesson("neural-networks"), 15)
    chain = w.exercise.panel.chain
    field = chain.rows[0].field
    field.setFocus()
    qtbot.keyClicks(field, "1")
    qtbot.keyClick(field, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert w.lessons.index == 16
    assert QApplication.focusWidget() is chain.rows[0].field  # step 17's drill, its first field
    qtbot.keyClicks(QApplication.focusWidget(), "-1")
    assert chain.rows[0].field.text() == "-1"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert w.lessons.index == 17 and QApplication.focusWidget() is w.view  # no drill: the canvas
    qtbot.keyClick(w.view, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert w.lessons.index == 16 and w.view.hasFocus()  # the canvas kept it: nothing was lost


def test_a_lesson_opened_again_from_help_goes_on_at_the_step_left(qtbot, window, dialogs):
    """Help ▸ Lessons always started at step 1: the student looked for their place in the step list."""
    from designer.ui.mainwindow import MainWindow
    from tests.ui.menus import choose_from_menu_bar

    w = window
    choose_from_menu_bar(qtbot, w, "Help", "Lessons", "Neural networks (21 steps)")
    assert w.lessons.index == 0
    panel = w.lessons.panel
    item = panel.steps.item(7)
    panel.steps.scrollToItem(item)
    qtbot.mouseClick(panel.steps.viewport(), Qt.MouseButton.LeftButton, pos=panel.steps.visualItemRect(item).center())
    assert w.lessons.index == 7
    click(qtbot, panel.close_button)
    assert not w.lessons.is_open

    tomorrow = MainWindow()
    qtbot.addWidget(tomorrow)
    tomorrow.show()
    qtbot.waitExposed(tomorrow)
    tomorrow.live.build_plots()
    choose_from_menu_bar(qtbot, tomorrow, "Help", "Lessons", "Neural networks (21 steps)")
    assert tomorrow.lessons.index == 7 and tomorrow.lessons.panel.position.text() == "Step 8 of 21"
    assert "back at step 8, where you left off" in tomorrow.statusBar().currentMessage()
    tomorrow.lessons.open(load_lesson("neural-networks"), 2)  # opened by itself at a step: nothing remembered
    click(qtbot, tomorrow.lessons.panel.close_button)
    choose_from_menu_bar(qtbot, tomorrow, "Help", "Lessons", "Neural networks (21 steps)")
    assert tomorrow.lessons.index == 7


BACKPROP_ANSWERS = BY_HAND["chain-2-2-1-sigmoid"]  # the lecture's worked answers


def test_the_backprop_steps_walk_waits_in_the_window_until_the_table_is_filled_in(qtbot, window):
    """Step 17 started its backward walk at once: the overlay and the lines showed ∂L/∂a, ∂L/∂z and ∂L/∂w
    of y, four of the drill's eleven answers, before one was typed ("fill in the table, then check it")."""
    w = window
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    w.lessons.open(load_lesson("neural-networks"), 15)
    field = w.exercise.panel.chain.rows[0].field
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    live, chain = w.live, w.exercise.panel.chain
    assert w.lessons.index == 16 and not live.backward.active
    assert not live.actions["backward_pass"].isChecked()
    assert tuple(live.session.probe) == (1.0, 2.0) and tuple(live.session.probe_target) == (1.0,)  # ready
    assert "once it is right the backward pass is walked here (B walks it now)" in w.statusBar().currentMessage()
    for _row in chain.rows:  # typed one after the other, Enter between them
        focused = QApplication.focusWidget()
        qtbot.keyClicks(focused, BACKPROP_ANSWERS[focused.objectName().removeprefix("answer:")])
        assert not live.backward.active
        qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert chain.result.passed  # all right: the walk starts, and ← goes to the canvas, not into a field
    assert live.backward.active and live.backward.level == 2 and w.view.hasFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Left)
    assert live.backward.level == 1
    qtbot.keyClick(w.view, Qt.Key.Key_B)  # B turns it off and on again
    assert not live.backward.active
    qtbot.keyClick(w.view, Qt.Key.Key_B)
    assert live.backward.active and live.backward.level == 2
    click(qtbot, w.lessons.panel.next)
    click(qtbot, w.lessons.panel.back)  # answered: the walk runs as the lesson says, on every visit
    assert live.backward.active


def test_presenting_the_backprop_step_still_walks_its_pass(qtbot, window):
    w = window
    w.lessons.open(load_lesson("neural-networks"), 16)
    assert not w.live.backward.active
    w.actions["present"].trigger()
    assert w.live.backward.active and w.live.backward.level == 2
    w.actions["present"].trigger()


def test_space_on_next_up_to_the_last_step_leaves_the_focus_on_back_not_on_reset(qtbot, window):
    """Next went grey on the last step and passed the focus on to "Reset this step": the next Space
    reset the step instead of going anywhere."""
    w = window
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    w.lessons.open(load_lesson("neural-networks"), 19)
    panel = w.lessons.panel
    panel.next.setFocus()
    qtbot.keyClick(panel.next, Qt.Key.Key_Space)
    assert w.lessons.index == 20 and panel.back.hasFocus()
    qtbot.keyClick(panel.back, Qt.Key.Key_Space)
    assert w.lessons.index == 19


def test_the_lesson_edits_question_says_how_to_keep_typed_answers(qtbot, window, dialogs, monkeypatch):
    """It said only "To keep a step's network, … File ▸ Save As": a student with answers in step 16
    saved the network, which holds none of them."""
    from tests.ui.test_chainrule_panel import type_answer

    recorded = QMessageBox.exec  # the dialogs fixture's: it records the text, this the informative text
    informative: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: informative.append(box.informativeText()) or recorded(box))
    w = window
    w.lessons.open(load_lesson("neural-networks"), 15)
    type_answer(qtbot, w.exercise.panel.chain, "da:f3", "1")
    click(qtbot, w.lessons.panel.next)
    dialogs.answer = QMessageBox.StandardButton.Cancel
    w.close()
    assert dialogs.shown[-1][:2] == ("question", "Lesson edits")
    assert "use Save answers… in the Exercise dock" in informative[-1] and "File ▸ Save As" not in informative[-1]


def test_answers_in_the_exercise_dock_go_on_in_the_lessons_step_with_that_drill(qtbot, window, dialogs):
    """Answers restored after a crash come back in the Exercise dock; opening the lesson again offered
    only to save them, and step 17 began empty."""
    from designer.exercises import read_answers
    from tests.ui.menus import choose_from_menu_bar
    from tests.ui.test_chainrule_panel import open_drill, type_answer

    w = window
    chain = open_drill(qtbot, w, "chain-2-2-1-sigmoid")
    type_answer(qtbot, chain, "da:y", "-1")
    chain.mark_unsaved()  # as restored after a crash
    choose_from_menu_bar(qtbot, w, "Help", "Lessons", "Neural networks (21 steps)")
    assert w.lessons.index == 0 and not any(title == "Unsaved answers" for _kind, title, _text in dialogs.shown)
    w.files.autosave.timeout.emit()
    assert read_answers(w.files.recovery.answers_path).entries == {"da:y": "-1"}  # kept meanwhile
    panel = w.lessons.panel
    item = panel.steps.item(16)
    panel.steps.scrollToItem(item)
    qtbot.mouseClick(panel.steps.viewport(), Qt.MouseButton.LeftButton, pos=panel.steps.visualItemRect(item).center())
    assert w.lessons.index == 16 and chain.field("da:y").text() == "-1" and chain.unsaved


@pytest.mark.parametrize("step", ["²", "9" * 5000])
def test_a_hand_edited_step_in_the_settings_opens_the_lesson_at_step_1(qtbot, window, dialogs, step):
    """A remembered step ``str.isdigit`` took for a number and ``int`` refused (a superscript ², more digits
    than Python converts) raised ValueError: Help ▸ Lessons opened nothing, every time."""
    from designer.ui.identity import settings
    from tests.ui.menus import choose_from_menu_bar

    settings().setValue("lessons/last-steps", [f"{step} neural-networks"])
    choose_from_menu_bar(qtbot, window, "Help", "Lessons", "Neural networks (21 steps)")
    assert window.lessons.is_open and window.lessons.index == 0


@pytest.mark.skipif(os.name != "posix", reason="file names that are not UTF-8 are a POSIX matter")
def test_a_lesson_file_whose_name_is_not_utf8_keeps_its_own_place(qtbot, window, dialogs, tmp_path):
    """The place of ``\\xff.json`` was kept under ``.json`` (Qt drops a name's lone surrogates): another
    lesson file, ``.json`` beside it, opened at the step left in the first."""
    import shutil

    import designer

    shipped = Path(designer.__file__).parent / "resources" / "lessons" / "neural-networks.json"
    odd = os.fsdecode(bytes(tmp_path) + b"/\xff.json")
    plain = tmp_path / ".json"
    shutil.copy(shipped, odd)
    shutil.copy(shipped, plain)
    w = window
    assert w.lessons.open_id(odd)
    click(qtbot, w.lessons.panel.next)
    click(qtbot, w.lessons.panel.next)
    assert w.lessons.open_id(str(plain))
    assert w.lessons.index == 0  # its own place: never opened before
    assert w.lessons.open_id(odd)
    assert w.lessons.index == 2 and w.lessons.panel.position.text() == "Step 3 of 21"


def test_a_network_opened_in_an_exercise_step_does_not_point_to_a_hidden_exercise_list(qtbot, window, monkeypatch):
    """File ▸ New in step 12 (Design AND) said "Pick an exercise above" where a lesson shows no list (File ▸
    New gives the step a fresh network with its check now: tests/ui/test_lesson_new_network.py; a file opened
    there is no step's network)."""
    w = window
    w.lessons.open(load_lesson("neural-networks"), 11)  # step 12, Design AND
    w.exercise.show()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(EXAMPLES_XOR), ""))
    w.actions["open"].trigger()
    panel = w.exercise.panel
    assert panel.exercise is None and panel.browser.isHidden()
    assert "above" not in panel.prompt.text()
    assert "Reset this step" in panel.prompt.text()


def test_long_unbroken_titles_wrap_and_keep_the_window_its_size(qtbot, window, tmp_path, monkeypatch):
    """A lesson file's title and a step's title of 200 letters without a space (the most the loader takes):
    a word-wrapped label is as narrow as its longest word, so the Lesson dock asked for 2,993 px and the
    window grew from 1,204 to 3,589 px, wider than the screen. The titles now wrap, and read as written."""
    w = window
    path = small_lesson(tmp_path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["title"], doc["steps"][0]["title"] = "<b>" + "W" * 197, "M" * 200
    path.write_text(json.dumps(doc), encoding="utf-8")
    width = w.frameGeometry().width()
    open_file(w, path, monkeypatch)
    panel = w.lessons.panel
    title = panel.step_title
    lines = title.fontMetrics().height()
    qtbot.waitUntil(lambda: title.heightForWidth(title.width()) > 3 * lines, timeout=3000)  # wrapped onto lines
    assert title.width() < width / 2 and w.frameGeometry().width() == width
    assert w.lessons.dock.minimumSizeHint().width() < w.screen().availableGeometry().width() / 2
    assert panel.lesson_title.text().replace("\u200b", "") == "<b>" + "W" * 197
    assert panel.step_title.text().replace("\u200b", "") == "M" * 200
    assert panel.lesson_title.textFormat() == Qt.TextFormat.PlainText
    said = w.statusBar().currentMessage()  # (it named the whole title)
    assert said.startswith("Lesson: <b>WWW") and said.endswith("W…, 3 steps") and len(said) < 100


def test_a_long_unbroken_step_title_wraps_in_the_presentation_strip(qtbot, window, tmp_path, monkeypatch):
    """F5 on a step whose title is 200 letters without a space: the strip above the views asked for
    3,000 px and the title ran off the projector's screen, cut."""
    w = window
    path = small_lesson(tmp_path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["steps"][0]["title"] = "M" * 200
    path.write_text(json.dumps(doc), encoding="utf-8")
    open_file(w, path, monkeypatch)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    qtbot.keyClick(w, Qt.Key.Key_F5)
    strip = w.presentation.stage.lesson_text
    qtbot.waitUntil(strip.isVisible, timeout=2000)
    assert strip.minimumSizeHint().width() <= strip.screen().availableGeometry().width()
    assert "M" * 24 + "\u200b" + "M" * 24 in strip.text() and strip.text().count("M") == 200


def test_a_step_uses_its_own_training_not_the_section_of_its_network_file(
    qtbot, window, tmp_path, monkeypatch, dialogs
):
    """A shipped example (or a teacher's file) carries its own experiment; in a lesson the step's
    ``training`` is the experiment: none of the file's stop loss, speed or views comes along, and
    quitting asks nothing about settings the lesson set."""
    net = json.loads(resource_file("examples", "xor-stuck.json").read_text(encoding="utf-8"))
    net["training"].update(stop_loss=0.2, steps_per_frame=1, views=["maps"])
    (tmp_path / "stuck.json").write_text(json.dumps(net), encoding="utf-8")
    steps = [
        {"title": "Stuck", "text": "Own settings.", "network": "stuck.json", "training": {"dataset": "and"}},
        {"title": "Stuck again", "text": "The example.", "network": "xor-stuck", "training": {"learning_rate": 0.5}},
    ]
    doc = {"format": "nn-designer-lesson", "version": 1, "id": "own", "title": "Own", "steps": steps}
    (tmp_path / "own.json").write_text(json.dumps(doc), encoding="utf-8")
    w = window
    open_file(w, tmp_path / "own.json", monkeypatch)
    panel, training = w.live.panel, w.live.training
    for rate in ("0.03", "0.5"):
        assert (panel.dataset.currentData(), panel.loss.currentData(), panel.rate.currentText()) == ("and", "mse", rate)
        assert not panel.stop_epochs_on.isChecked() and training.stop_loss is None
        assert training.steps_per_frame is None
        assert w.document.network.training is None
        click(qtbot, w.lessons.panel.next)
    asked = len(dialogs.shown)
    assert w.lessons.confirm_quit() and w.files.confirm_discard() and len(dialogs.shown) == asked
