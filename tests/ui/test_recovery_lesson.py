"""A lesson's step edits survive a crash: the networks the lesson keeps for the steps left are autosaved
beside the one on show, and the next start offers them back into that lesson, each in its own step.

Before, only the network on show was autosaved (and offered as a plain untitled network, the lesson and
its check gone): the edits of every other step were lost in a kill."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from designer.lessons import load_lesson
from designer.model import loads
from designer.ui.recovery import lesson_note_of, recovery_folder
from designer.ui.recovery_offer import offer_recovery
from tests.conftest import EXAMPLES
from tests.ui import gui
from tests.ui.test_canvas_build import on_line
from tests.ui.test_lesson_player import click
from tests.ui.test_recovery_origin import _crash, _window_on

AND_STEP, XOR_STEP = 11, 12  # steps 12 and 13 of the shipped lesson: design AND, design XOR


def _student_edits(qtbot, w):
    """Step 12: a weight turned up with the wheel and a neuron placed with Add Neuron; step 13: a weight;
    then back to step 12 and on to 13 again, as a student checks their work."""
    w.lessons.open(load_lesson("neural-networks"), AND_STEP)
    w.view.zoom_to_fit()
    gui.wheel(w.view, on_line(w, ("x1", "y")), steps=5)
    w.actions["add_neuron"].trigger()
    y = gui.node_pos(w, "y")
    gui.click(w.view, (y.x(), y.y() + 150))
    qtbot.keyClick(w.view, Qt.Key.Key_Escape)
    assert len(w.document.network.neurons) == 2
    click(qtbot, w.lessons.panel.next)
    w.view.zoom_to_fit()
    gui.wheel(w.view, on_line(w, ("x2", "y")), steps=3)
    click(qtbot, w.lessons.panel.back)
    click(qtbot, w.lessons.panel.next)
    assert w.lessons.index == XOR_STEP


def test_edits_in_two_lesson_steps_are_offered_back_into_their_steps_after_a_crash(qtbot, xor_window, dialogs):
    w = xor_window
    _student_edits(qtbot, w)
    _crash(w)
    slot = w.files.recovery
    assert loads(slot.path.read_bytes()).connections[("x2", "y")].weight == pytest.approx(0.3)  # step 13, on show
    kept = loads(slot.network_part(1).read_bytes())  # step 12's, kept by the lesson only
    assert len(kept.neurons) == 2 and kept.connections[("x1", "y")].weight == pytest.approx(0.5)
    assert lesson_note_of(slot.network_part(1)).read_text() == "neural-networks\n12\n"

    fresh = _window_on(qtbot, EXAMPLES / "xor-step.json")
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert offer_recovery(fresh) == 1
    asked = [text for _kind, title, text in dialogs.shown if title == "Restore unsaved work?"]
    assert len(asked) == 1 and "lesson “Neural networks”, steps 12 and 13" in asked[0]
    player = fresh.lessons
    assert player.is_open and player.index == XOR_STEP  # where the student was
    net = fresh.document.network
    assert net.connections[("x2", "y")].weight == pytest.approx(0.3) and fresh.document.modified
    assert fresh.exercise.panel.exercise.id == "xor"  # the step's live check, not a bare network
    click(qtbot, player.panel.back)
    assert len(net.neurons) == 2 and net.connections[("x1", "y")].weight == pytest.approx(0.5)
    assert fresh.exercise.panel.exercise.id == "and" and fresh.document.modified
    assert not list(recovery_folder().glob(f"{slot.key}*"))  # every part of the crashed slot was taken up
    assert fresh.files.recovery.network_part(1).exists()  # and is in this window's own slot now

    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not fresh.lessons.confirm_quit()  # restored work is the student's: quitting asks about it
    assert dialogs.shown[-1][1] == "Lesson edits" and "steps 12, 13" in dialogs.shown[-1][2]
    dialogs.answer = QMessageBox.StandardButton.Reset
    click(qtbot, player.panel.reset_button)  # Reset this step: the lesson's starter again
    assert len(net.neurons) == 1 and not fresh.document.modified
    for window in (w, fresh):
        window.lessons.edits.clear()


def test_lesson_edits_whose_lesson_cannot_be_opened_are_offered_as_networks(qtbot, xor_window, dialogs, tmp_path):
    """A lesson file moved away since: one line says so, and each step's network is still offered."""
    w = xor_window
    _student_edits(qtbot, w)
    _crash(w)
    slot = w.files.recovery
    for number in (0, 1):  # as if the lesson were a teacher's file, now gone
        step = lesson_note_of(slot.network_part(number)).read_text().split("\n")[1]
        lesson_note_of(slot.network_part(number)).write_text(f"neural-networks\n{step}\n{tmp_path / 'gone.json'}\n")
    fresh = _window_on(qtbot, EXAMPLES / "xor-step.json")
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert offer_recovery(fresh) == 0
    titles = [title for _kind, title, _text in dialogs.shown]
    assert titles == ["Lesson not opened", "Restore unsaved work?", "Restore unsaved work?"]
    assert "gone.json" in dialogs.shown[0][2] and "\n" not in dialogs.shown[0][2]
    assert not fresh.lessons.is_open and slot.network_part(1).exists()  # kept for a later start
    w.lessons.edits.clear()


def test_lesson_edits_beyond_the_lessons_steps_now_say_why_they_are_offered_as_networks(qtbot, xor_window, dialogs):
    """The lesson has fewer steps than when the work was autosaved (a teacher's file cut short since): the
    networks were offered as plain networks without a word, the student left to wonder where the lesson went."""
    w = xor_window
    _student_edits(qtbot, w)
    _crash(w)
    slot = w.files.recovery
    for number, step in ((0, 30), (1, 12)):  # as if step 13's work had been step 30 of a longer lesson
        lesson_note_of(slot.network_part(number)).write_text(f"neural-networks\n{step}\n")
    fresh = _window_on(qtbot, EXAMPLES / "xor-step.json")
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert offer_recovery(fresh) == 0
    titles = [title for _kind, title, _text in dialogs.shown]
    assert titles == ["Lesson not opened", "Restore unsaved work?", "Restore unsaved work?"]
    said = dialogs.shown[0][2]
    assert "“Neural networks”" in said and "21 steps now" in said and "step 30" in said and "\n" not in said
    assert not fresh.lessons.is_open and slot.path.exists() and slot.network_part(1).exists()  # kept
    w.lessons.edits.clear()


@pytest.mark.parametrize(
    "note",
    [
        b"",
        b"neural-networks\n",
        b"neural-networks\n\xc2\xb2\n",
        b"Neural Networks\n12\n",
        b"neural-networks\n0\n",
        b"neural-networks\n999\n",
        b"neural-networks\n12\nrelative/path.json\n",
        b"\xff" * 9000,
    ],
    ids=["empty", "no-step", "superscript", "bad-id", "step-0", "beyond-the-lesson", "relative-file", "huge"],
)
def test_a_damaged_lesson_note_loses_only_the_place_never_the_work(qtbot, xor_window, dialogs, note):
    w = xor_window
    _student_edits(qtbot, w)
    _crash(w)
    slot = w.files.recovery
    lesson_note_of(slot.path).write_bytes(note)
    lesson_note_of(slot.network_part(1)).write_bytes(note)
    fresh = _window_on(qtbot, EXAMPLES / "xor-step.json")
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert offer_recovery(fresh) == 0
    asked = [text for _kind, title, text in dialogs.shown if title == "Restore unsaved work?"]
    assert len(asked) == 2 and all("start (" in text for text in asked)  # each step's network, as a network
    assert slot.path.exists() and slot.network_part(1).exists()  # kept for a later start
    w.lessons.edits.clear()


def test_lesson_edits_discarded_or_reset_are_not_offered_after_a_crash(qtbot, xor_window, dialogs):
    w = xor_window
    _student_edits(qtbot, w)
    w.files.autosave.timeout.emit()
    slot = w.files.recovery
    assert slot.network_part(1).exists()  # step 12's edits, kept by the lesson
    click(qtbot, w.lessons.panel.back)
    dialogs.answer = QMessageBox.StandardButton.Reset
    click(qtbot, w.lessons.panel.reset_button)  # step 12 as the lesson sets it: its edits are gone
    assert not slot.path.exists()
    notes = [p.read_text() for p in recovery_folder().glob(f"{slot.key}.*.lesson")]
    assert notes == ["neural-networks\n13\n"]  # only step 13's now
    dialogs.answer = QMessageBox.StandardButton.Discard
    click(qtbot, w.lessons.panel.close_button)  # "Discard them?" Discard: nothing of it is left to offer
    assert not list(recovery_folder().glob("*.json"))


def test_answers_typed_in_a_lesson_go_back_into_their_step_when_the_lesson_is_restored(qtbot, xor_window, dialogs):
    """With the lesson reopened for its networks, the answers went into the Exercise dock's drill over the
    step on show (design XOR's check gave way to the chain-rule table); they belong to their own step."""
    from tests.ui.test_chainrule_panel import type_answer
    from tests.ui.test_lesson_player import click_item

    w = xor_window
    _student_edits(qtbot, w)  # steps 12 and 13 edited, 13 on show
    player = w.lessons
    click_item(qtbot, player.panel.steps, player.panel.steps.item(15))  # step 16: the drill chain-1-1-1
    type_answer(qtbot, w.exercise.panel.chain, "da:f3", "1")
    click_item(qtbot, player.panel.steps, player.panel.steps.item(XOR_STEP))
    assert player.index == XOR_STEP
    _crash(w)

    fresh = _window_on(qtbot, EXAMPLES / "xor-step.json")
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert offer_recovery(fresh) == 2
    titles = [title for _kind, title, _text in dialogs.shown]
    assert titles == ["Restore unsaved work?", "Restore unsaved answers?"]
    panel = fresh.exercise.panel
    assert fresh.lessons.index == XOR_STEP and panel.exercise.id == "xor" and not panel.chain_mode
    click_item(qtbot, fresh.lessons.panel.steps, fresh.lessons.panel.steps.item(15))
    assert panel.chain_mode and panel.chain.field("da:f3").text() == "1" and panel.chain.unsaved
    assert fresh.files.recovery.answers_path.exists()  # in this window's own slot
    for window in (w, fresh):
        window.lessons.edits.clear()


def test_a_teachers_lesson_file_comes_back_from_its_file(qtbot, xor_window, dialogs, tmp_path, monkeypatch):
    from tests.ui.test_lesson_player import open_file, small_lesson

    w = xor_window
    path = small_lesson(tmp_path)
    open_file(w, path, monkeypatch)  # File ▸ Open Lesson…
    w.view.zoom_to_fit()
    gui.wheel(w.view, on_line(w, ("x1", "y")), steps=3)  # step 1: 1 → 1.3
    click(qtbot, w.lessons.panel.next)
    qtbot.waitUntil(lambda: not w.lessons.runner.busy, timeout=10_000)
    click(qtbot, w.lessons.panel.next)  # step 3, the XOR starter
    _crash(w)
    note = lesson_note_of(w.files.recovery.network_part(1)).read_text()
    assert note == f"tiny\n1\n{path}\n"  # step 1's network (step 2 shares it), from the teacher's file

    fresh = _window_on(qtbot, EXAMPLES / "xor-step.json")
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert offer_recovery(fresh) == 1
    assert "lesson “Tiny lesson”, step 1 (" in dialogs.shown[-1][2]
    player = fresh.lessons
    # at step 3, where the student was, though it was not edited (it opened at step 1, the one edited)
    assert player.is_open and player.lesson.source == str(path) and player.index == 2
    assert not fresh.document.modified and fresh.exercise.panel.exercise.id == "xor"
    click(qtbot, player.panel.back)
    assert fresh.lessons.runner.busy is False  # shown as left: step 2 does not train it again
    weight = fresh.document.network.connections[("x1", "y")].weight
    assert weight != pytest.approx(1.0) and fresh.document.modified  # the student's, trained in step 2
    for window in (w, fresh):
        window.lessons.edits.clear()


def test_an_unreadable_step_network_is_kept_aside_with_its_note_and_the_rest_comes_back(qtbot, xor_window, dialogs):
    w = xor_window
    _student_edits(qtbot, w)
    _crash(w)
    slot = w.files.recovery
    slot.network_part(1).write_bytes(b"{not json")
    fresh = _window_on(qtbot, EXAMPLES / "xor-step.json")
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert offer_recovery(fresh) == 1
    assert [title for _kind, title, _text in dialogs.shown] == ["Unreadable recovery file", "Restore unsaved work?"]
    corrupt = sorted(p.name.split("-", 3)[-1].split(".", 1)[-1] for p in (recovery_folder() / "corrupt").iterdir())
    assert corrupt == ["json", "json.txt", "lesson"]  # the part, why it was unreadable, and its step
    assert fresh.lessons.index == XOR_STEP and "lesson “Neural networks”, step 13 (" in dialogs.shown[-1][2]
    for window in (w, fresh):
        window.lessons.edits.clear()


def test_a_note_that_cannot_be_written_never_puts_the_work_in_another_step(qtbot, xor_window, dialogs, monkeypatch):
    """The network part was replaced first and its note after: a full disk in between left step 13's network
    under step 12's note, and the next start put it into step 12."""
    from designer.ui import recovery

    w = xor_window
    w.lessons.open(load_lesson("neural-networks"), AND_STEP)
    w.view.zoom_to_fit()
    gui.wheel(w.view, on_line(w, ("x1", "y")), steps=5)
    w.files.autosave.timeout.emit()
    slot = w.files.recovery
    assert lesson_note_of(slot.path).read_text() == "neural-networks\n12\n"
    click(qtbot, w.lessons.panel.next)
    gui.wheel(w.view, on_line(w, ("x2", "y")), steps=3)  # step 13 on show: the slot's own part is its network

    def full_disk(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(recovery, "atomic_write_bytes", full_disk)
    w.files.autosave.timeout.emit()  # step 12, now kept, goes first (the part on show holds its only copy)
    kept = slot.network_part(1)
    assert loads(kept.read_bytes()).connections[("x1", "y")].weight == pytest.approx(0.5)
    assert not lesson_note_of(kept).exists()  # no place rather than the wrong one
    assert lesson_note_of(slot.path).read_text() == "neural-networks\n12\n"  # step 12 under its own note
    assert loads(slot.path.read_bytes()).connections[("x1", "y")].weight == pytest.approx(0.5)
    w.lessons.edits.clear()
    w.files.autosave_problem = ""


class _Killed(BaseException):
    """A kill -9 at a write: nothing after it runs (no handler takes a BaseException)."""


def _is_step_12(network) -> bool:
    """The student's step 12 (design AND, see _student_edits): the weight turned up, a neuron added."""
    return len(network.neurons) == 2 and network.connections[("x1", "y")].weight == pytest.approx(0.5)


def _is_step_13(network) -> bool:
    return network.connections[("x2", "y")].weight == pytest.approx(0.3)


@pytest.mark.parametrize("writes", range(4))  # (the autosave after Back writes 2 networks and 2 notes)
def test_a_crash_while_back_moves_the_steps_between_parts_loses_no_step(qtbot, xor_window, dialogs, writes):
    """Back from step 13 to 12 moved step 12 into the slot's own part (written first, over step 13's only copy)
    and step 13 into the further part: a kill between the two left "steps 12 and 12", step 13's edits gone."""
    from designer.ui import recovery
    from tests.ui.test_lesson_player import click_item

    w = xor_window
    _student_edits(qtbot, w)  # steps 12 and 13 edited, 13 on show
    w.files.autosave.timeout.emit()
    click(qtbot, w.lessons.panel.back)  # step 12 on show: the parts change steps at the next autosave
    done = []

    def killed_after(write):
        def at_a_write(path, data):
            if len(done) == writes:
                raise _Killed
            done.append(path)
            write(path, data)

        return at_a_write

    with pytest.MonkeyPatch.context() as kill, pytest.raises(_Killed):
        kill.setattr(recovery, "atomic_write_text", killed_after(recovery.atomic_write_text))
        kill.setattr(recovery, "atomic_write_bytes", killed_after(recovery.atomic_write_bytes))
        w.files.write_recovery()  # the 30 s timer firing
    w.files.autosave.stop()  # killed: nothing more is written, and the lock is let go
    w.files.recovery._lock.unlock()
    w.files.recovery._lock = None

    for part in recovery_folder().glob(f"{w.files.recovery.key}*.json"):  # no step's network under another's note
        note = lesson_note_of(part)
        if note.exists():
            step = {"12": _is_step_12, "13": _is_step_13}[note.read_text().split("\n")[1]]
            assert step(loads(part.read_bytes())), (part.name, note.read_text())
    fresh = _window_on(qtbot, EXAMPLES / "xor-step.json")
    further = []  # a network part killed before its note came is offered as a network, into a window of its own

    def open_window():
        further.append(_window_on(qtbot, EXAMPLES / "xor-step.json"))
        return further[-1]

    try:
        dialogs.answer = QMessageBox.StandardButton.Yes
        assert offer_recovery(fresh, open_window) == 1 + len(further)
        asked = [text for _kind, title, text in dialogs.shown if "lesson “Neural networks”" in text]
        assert len(asked) == 1 and "steps 12 and 13 (" in asked[0]
        steps = fresh.lessons.panel.steps
        click_item(qtbot, steps, steps.item(AND_STEP))
        assert _is_step_12(fresh.document.network)
        click_item(qtbot, steps, steps.item(XOR_STEP))
        assert _is_step_13(fresh.document.network)  # was lost: the lesson's own step 13 (weight 0)
    finally:
        for window in (w, fresh):
            window.lessons.edits.clear()


def test_notes_naming_two_lessons_never_put_one_lessons_network_into_the_other(qtbot, xor_window, dialogs, tmp_path):
    """Step 12's part, its note naming another lesson (a teacher's file, gone), came back as step 1 of the
    shipped lesson beside step 13 ("steps 1 and 13")."""
    w = xor_window
    _student_edits(qtbot, w)
    _crash(w)
    slot = w.files.recovery
    lesson_note_of(slot.network_part(1)).write_text(f"tiny\n1\n{tmp_path / 'gone.json'}\n")
    fresh = _window_on(qtbot, EXAMPLES / "xor-step.json")
    dialogs.answer = QMessageBox.StandardButton.Yes
    fresh_windows = []

    def open_window():
        fresh_windows.append(_window_on(qtbot, EXAMPLES / "xor-step.json"))
        return fresh_windows[-1]

    assert offer_recovery(fresh, open_window) == 2
    said = {title: text for _kind, title, text in dialogs.shown if "Neural networks" in text or "gone" in text}
    assert "lesson “Neural networks”, step 13 (" in said["Restore unsaved work?"]
    assert "gone.json" in said["Lesson not opened"]
    assert fresh.lessons.is_open and fresh.lessons.index == XOR_STEP and _is_step_13(fresh.document.network)
    assert [_is_step_12(other.document.network) for other in fresh_windows] == [True]  # as a network of its own
    for window in (w, fresh):
        window.lessons.edits.clear()
