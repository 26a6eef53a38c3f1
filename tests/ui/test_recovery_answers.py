"""Typed chain-rule answers survive a crash like network work: autosaved into the window's recovery
slot, offered back at the next start into their drill (unsaved, on their answers file), gone after a
save or a clean close; a damaged answers part is reported in one line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from designer.exercises import read_answers
from designer.ui.recovery import recovery_folder
from designer.ui.recovery_offer import offer_recovery
from tests.conftest import EXAMPLES
from tests.ui.test_chainrule_panel import open_drill, type_answer
from tests.ui.test_recovery_origin import _crash, _window_on


def _typed_drill(qtbot, window):
    chain = open_drill(qtbot, window, "chain-2-2-1-sigmoid")
    type_answer(qtbot, chain, "da:y", "-1")
    type_answer(qtbot, chain, "dz:y", "-1/4")
    return chain


def test_typed_answers_are_autosaved_and_offered_back_into_their_drill(qtbot, xor_window, dialogs):
    """Only networks were autosaved: a crash (or a second SIGTERM while "Unsaved answers" was asked) lost them."""
    _typed_drill(qtbot, xor_window)
    assert not xor_window.document.modified  # nothing of the network to keep: the answers alone
    _crash(xor_window)
    slot = xor_window.files.recovery
    assert read_answers(slot.answers_path).entries == {"da:y": "-1", "dz:y": "-1/4"}  # nn-designer check reads it
    assert not slot.path.exists()

    fresh = _window_on(qtbot, EXAMPLES / "xor-step.json")
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert offer_recovery(fresh) == 1
    assert dialogs.shown[-1][1] == "Restore unsaved answers?"
    assert "answers to “Chain rule: a 2-2-1 sigmoid network with MSE” (2 entries" in dialogs.shown[-1][2]
    chain = fresh.exercise.panel.chain
    assert fresh.exercise.isVisible() and fresh.exercise.panel.chain_mode
    assert chain.exercise.id == "chain-2-2-1-sigmoid" and chain.field("dz:y").text() == "-1/4"
    assert chain.unsaved  # restored work is not saved work: Quit asks about it
    assert not slot.answers_path.exists()  # the orphan is gone: the fresh window's own slot holds them
    assert read_answers(fresh.files.recovery.answers_path).entries["da:y"] == "-1"


def test_restored_answers_belong_to_their_answers_file_again(qtbot, xor_window, tmp_path, monkeypatch, dialogs):
    chain = _typed_drill(qtbot, xor_window)
    mine = tmp_path / "mine.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(mine), ""))
    qtbot.mouseClick(chain.save_button, Qt.MouseButton.LeftButton)
    type_answer(qtbot, chain, "dz:h1", "3/16")
    _crash(xor_window)
    assert xor_window.files.recovery.answers_path.exists()

    fresh = _window_on(qtbot, EXAMPLES / "xor-step.json")
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert offer_recovery(fresh) == 1
    assert "from mine.json" in dialogs.shown[-1][2]
    restored = fresh.exercise.panel.chain
    assert restored.path == mine and restored.field("dz:h1").text() == "3/16" and restored.unsaved
    offered: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda p, t, suggested, *a: offered.append(suggested) or (suggested, "")
    )
    qtbot.mouseClick(restored.save_button, Qt.MouseButton.LeftButton)
    assert offered == [str(mine)] and read_answers(mine).entries["dz:h1"] == "3/16"
    assert not fresh.files.recovery.answers_path.exists()  # saved: nothing to offer after a crash now


def test_saved_or_closed_answers_leave_nothing_to_offer(qtbot, xor_window, tmp_path, monkeypatch, dialogs):
    chain = _typed_drill(qtbot, xor_window)
    files = xor_window.files
    files.autosave.timeout.emit()
    assert files.recovery.answers_path.exists()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "a.json"), ""))
    qtbot.mouseClick(chain.save_button, Qt.MouseButton.LeftButton)
    assert not files.recovery.answers_path.exists() and not list(recovery_folder().glob("*.lock"))
    type_answer(qtbot, chain, "dz:h1", "1")
    files.autosave.timeout.emit()
    assert files.recovery.answers_path.exists()
    dialogs.answer = QMessageBox.StandardButton.Discard
    xor_window.close()
    assert not any(recovery_folder().iterdir())


def test_answers_discarded_on_leaving_the_drill_are_not_offered_after_a_crash(qtbot, xor_window, dialogs):
    from tests.ui.test_exercise_panel import click_exercise

    _typed_drill(qtbot, xor_window)
    xor_window.files.autosave.timeout.emit()
    assert xor_window.files.recovery.answers_path.exists()
    dialogs.answer = QMessageBox.StandardButton.Discard
    click_exercise(qtbot, xor_window.exercise.panel, "xor")  # the question: Discard
    assert not xor_window.files.recovery.answers_path.exists()  # at once, not at the next autosave
    dialogs.shown.clear()
    xor_window.close()  # and Quit does not ask about the discarded answers again
    assert dialogs.shown == [] and not xor_window.isVisible()


def test_a_damaged_answers_part_gets_a_one_line_reason(qtbot, xor_window, dialogs):
    folder = recovery_folder()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "1-1-abcdef.answers").write_text(json.dumps({"format": "nn-designer-answers", "version": 1, "x": 1}))
    (folder / "2-1-abcdef.answers").write_bytes(b"\xff" * 10)
    assert offer_recovery(xor_window) == 0
    kind, title, text = dialogs.shown[-1]
    assert (kind, title) == ("warning", "Unreadable recovery files") and "Traceback" not in text
    assert "1-1-abcdef.answers: unknown key 'x'" in text
    assert sorted(p.suffix for p in (folder / "corrupt").iterdir()) == [".answers", ".answers", ".txt", ".txt"]


def test_a_second_quit_signal_during_the_answers_question_keeps_them(qtbot, xor_window, dialogs):
    """The second SIGTERM while "Unsaved answers" was asked wrote only an unsaved network: answers were lost."""
    from designer.ui.app import keep_unsaved_work

    _typed_drill(qtbot, xor_window)
    keep_unsaved_work(xor_window)  # what the second signal does before the app exits
    assert read_answers(xor_window.files.recovery.answers_path).entries == {"da:y": "-1", "dz:y": "-1/4"}


def test_answers_restored_at_start_stay_on_show(qtbot, app_windows, monkeypatch, dialogs):
    """The start's default exercise (XOR) came after the question and replaced the restored drill."""
    from designer.ui import app as app_module
    from designer.ui import recovery_offer

    crashed = _window_on(qtbot, EXAMPLES / "xor-step.json")
    _typed_drill(qtbot, crashed)
    _crash(crashed)
    monkeypatch.setattr(app_module, "offer_recovery", recovery_offer.offer_recovery)
    monkeypatch.setattr(app_module, "fit_to_screen", lambda window: window.resize(1000, 720))
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert app_module.run() == 0
    window = app_windows[-1]
    qtbot.waitUntil(lambda: window.live._region is not None)  # plots built: the start's exercise came now
    panel = window.exercise.panel
    assert window.exercise.isVisible() and panel.chain_mode and panel.chain.field("dz:y").text() == "-1/4"


def test_answers_of_a_drill_not_at_hand_are_kept_with_the_reason(qtbot, xor_window, dialogs):
    folder = recovery_folder()
    folder.mkdir(parents=True, exist_ok=True)
    part = folder / "1-1-abcdef.answers"
    part.write_text(json.dumps({"format": "nn-designer-answers", "version": 1, "exercise": "teachers", "answers": {}}))
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert offer_recovery(xor_window) == 0
    assert dialogs.shown[-1][:2] == ("warning", "Answers not restored")
    assert "which is no built-in exercise: open that exercise first" in dialogs.shown[-1][2]
    assert part.exists() and not xor_window.exercise.drilling  # kept for a later start


def _crashed_sessions(newer_part: str) -> tuple[Path, Path]:
    """What two crashed sessions left: older, one's answers alone; then the other's network and, newer
    still, its answers part ``newer_part`` (both answers to chain-2-2-1-sigmoid: "-1", then "-2")."""
    import os

    from designer.model import dumps, load

    folder = recovery_folder()
    folder.mkdir(parents=True, exist_ok=True)

    def answers(value: str) -> str:
        document = {"format": "nn-designer-answers", "version": 1, "exercise": "chain-2-2-1-sigmoid"}
        return json.dumps({**document, "answers": {"da:y": value}})

    older, network, newer = folder / "1-1-aaaaaa.answers", folder / "2-1-dddddd.json", folder / newer_part
    older.write_text(answers("-1"))
    network.write_text(dumps(load(EXAMPLES / "xor-step.json")))
    newer.write_text(answers("-2"))
    for age, part in enumerate((older, network, newer)):
        os.utime(part, (1_000_000 + age, 1_000_000 + age))
    return older, newer


def _window_opener(qtbot) -> tuple[list, Callable]:
    """The windows a start opens for further restored work, and how it opens one."""
    opened = []

    def open_window():
        opened.append(_window_on(qtbot, EXAMPLES / "xor-step.json"))
        return opened[-1]

    return opened, open_window


def test_answers_of_two_crashed_sessions_are_both_restored_and_the_drill_question_is_not_asked(
    qtbot, xor_window, dialogs
):
    """An older session's answers went into the window first; then the answers of the session whose network
    that window had got were put into the same drill: "Save your chain-rule answers first?" came up at start,
    and Cancel there counted as restored and deleted them (Discard deleted the first ones)."""
    older, newer = _crashed_sessions("2-1-dddddd.answers")
    opened, open_window = _window_opener(qtbot)
    dialogs.answer = QMessageBox.StandardButton.Yes  # every question of the start: Yes (Cancel for any other)
    assert offer_recovery(xor_window, open_window) == 3
    assert "Unsaved answers" not in [title for _, title, _ in dialogs.shown]
    windows = [xor_window, *opened]
    shown = sorted(w.exercise.panel.chain.field("da:y").text() for w in windows if w.exercise.drilling)
    assert shown == ["-1", "-2"]
    assert xor_window.exercise.panel.chain.field("da:y").text() == "-2"  # with its own session's network
    assert not older.exists() and not newer.exists()  # each in its window's own slot now


def test_answers_typed_in_a_lesson_step_not_on_show_survive_a_crash(qtbot, xor_window, dialogs):
    """Only the drill on show was autosaved: answers typed in step 16 were lost in a crash on step 17."""
    from designer.lessons import load_lesson
    from tests.ui.test_lesson_player import click

    w = xor_window
    w.lessons.open(load_lesson("neural-networks"), 15)  # step 16: the drill chain-1-1-1
    chain = w.exercise.panel.chain
    type_answer(qtbot, chain, "da:f3", "1")
    click(qtbot, w.lessons.panel.next)  # step 17: the drill chain-2-2-1-sigmoid
    type_answer(qtbot, chain, "da:y", "-1")
    _crash(w)
    slot = w.files.recovery
    assert read_answers(slot.answers_path).entries == {"da:y": "-1"}  # the drill on show
    kept = read_answers(slot.answers_part(1))  # and step 16's, with its drill
    assert kept.exercise == "chain-1-1-1" and kept.entries == {"da:f3": "1"}

    fresh = _window_on(qtbot, EXAMPLES / "xor-step.json")
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert offer_recovery(fresh) == 2
    offered = [text for _kind, title, text, *_ in dialogs.shown if title == "Restore unsaved answers?"]
    step_16 = "“Chain rule: a chain of three functions” (1 entry, autosaved"  # not "1 entries"
    assert len(offered) == 2 and any(step_16 in text for text in offered)
    assert not list(recovery_folder().glob(f"{slot.key}*"))  # every part of the crashed slot was taken up


def test_a_lesson_closed_or_its_answers_saved_leaves_no_answers_part(qtbot, xor_window, dialogs):
    from designer.lessons import load_lesson
    from tests.ui.test_lesson_player import click

    w = xor_window
    w.lessons.open(load_lesson("neural-networks"), 15)
    type_answer(qtbot, w.exercise.panel.chain, "da:f3", "1")
    click(qtbot, w.lessons.panel.next)
    assert w.files.recovery.answers_path.exists()  # step 16's, autosaved as the step was left
    dialogs.answer = QMessageBox.StandardButton.Discard
    click(qtbot, w.lessons.panel.close_button)
    assert not list(recovery_folder().glob("*.answers"))


def test_a_sessions_further_answers_part_goes_first_to_its_networks_window(qtbot, xor_window, dialogs):
    """The order of the questions took ``KEY.2.answers`` for no slot's (``KEY.2``, not ``KEY``): with its
    session's first part damaged, an older session's answers took the window its network went to, and these
    were put into a new window instead."""
    _crashed_sessions("2-1-dddddd.2.answers")
    (recovery_folder() / "2-1-dddddd.answers").write_bytes(b"\xff" * 10)  # the session's first part, damaged
    opened, open_window = _window_opener(qtbot)
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert offer_recovery(xor_window, open_window) == 3
    assert xor_window.exercise.panel.chain.field("da:y").text() == "-2"  # with its own session's network
    assert [w.exercise.panel.chain.field("da:y").text() for w in opened] == ["-1"]


def test_a_part_numbered_with_a_superscript_digit_does_not_stop_the_start(qtbot, xor_window, dialogs):
    """``KEY.².answers`` (a name ``str.isdigit`` takes for a number, ``int`` does not) left in the recovery
    folder raised ValueError in the listing of orphans: the app stopped with 'internal error' at every start."""
    _typed_drill(qtbot, xor_window)
    _crash(xor_window)
    slot = xor_window.files.recovery
    stray = slot.folder / f"{slot.key}.².answers"
    stray.write_bytes(slot.answers_path.read_bytes())

    fresh = _window_on(qtbot, EXAMPLES / "xor-step.json")
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert offer_recovery(fresh) >= 1
    assert fresh.exercise.panel.chain.field("dz:y").text() == "-1/4"


def test_each_unreadable_part_of_one_slot_keeps_its_own_note(qtbot, xor_window, dialogs):
    """A slot whose network and answers were both damaged: the two notes in corrupt/ had one name
    (``KEY-STAMP.txt``) and the second overwrote the first, so one reason was lost."""
    folder = recovery_folder()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "7-1-abcdef.json").write_bytes(b"{ truncated")
    (folder / "7-1-abcdef.answers").write_text(json.dumps({"format": "nn-designer-answers", "version": 1, "x": 1}))
    (folder / "7-1-abcdef.2.answers").write_bytes(b"\xff" * 10)
    assert offer_recovery(xor_window) == 0
    text = dialogs.shown[-1][2]
    assert "not valid JSON" in text and "unknown key 'x'" in text
    corrupt = folder / "corrupt"
    kept = {p.name: p for p in corrupt.iterdir() if p.suffix != ".txt"}
    assert sorted(p.suffix for p in kept.values()) == [".answers", ".answers", ".json"]
    notes = {p.name: p.read_text(encoding="utf-8") for p in corrupt.glob("*.txt")}
    assert sorted(notes) == sorted(f"{name}.txt" for name in kept)  # one note per part, named after it...
    assert len(set(notes.values())) == 3  # ...each with its own reason
    (json_note,) = (text for name, text in notes.items() if name.endswith(".json.txt"))
    assert "not valid JSON" in json_note
    assert sum("unknown key 'x'" in text for text in notes.values()) == 1


@pytest.mark.parametrize("letter", ["a", "é", "😀"])
def test_an_unreadable_part_with_a_name_near_the_limit_is_moved_aside_too(qtbot, xor_window, dialogs, letter):
    """A part named with 250 bytes could not be moved (its name with the stamp is too long for the file
    system): it stayed, and every start reported it again."""
    folder = recovery_folder()
    folder.mkdir(parents=True, exist_ok=True)
    name = "7-1-" + letter * (241 // len(letter.encode())) + ".json"
    (folder / name).write_bytes(b"{ truncated")
    assert offer_recovery(xor_window) == 0
    assert dialogs.shown[-1][1] == "Unreadable recovery file" and not (folder / name).exists()
    (kept,) = (folder / "corrupt").glob("*.json")
    assert kept.read_bytes() == b"{ truncated" and "not valid JSON" in Path(f"{kept}.txt").read_text(encoding="utf-8")
    dialogs.shown.clear()
    assert offer_recovery(xor_window) == 0 and dialogs.shown == []  # not reported again
