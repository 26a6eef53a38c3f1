"""File ▸ New ▸ 2-2-1 then Play learns XOR, and a run stuck on a plateau is said once in the status bar.

A new user's test: File ▸ New ▸ 2-2-1, the dataset xor, Play with the first settings (MSE, SGD, 0.03):
the loss sat at 0.25 and the accuracy at 0.5 for 20,000+ epochs, minutes, and nothing said why. The
frames are run by hand here (``Training.tick``, what the frame timer calls), without waiting: the curves,
the stop and the note depend on the steps trained, not on the clock."""

import math
import re

from PySide6.QtCore import Qt

from designer.lessons import load_lesson
from tests.ui.live_gui import choose
from tests.ui.menus import choose_from_menu_bar

NOTE = "On a plateau"


def press(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def said(window) -> list[tuple[int, str]]:
    """What the status bar says from now on, with the epoch it was said at."""
    lines: list[tuple[int, str]] = []
    training = window.live.training
    window.statusBar().messageChanged.connect(lambda text: lines.append((training.epoch, text)))
    return lines


def frames_until_stopped(training, stop: int) -> None:
    """Frames until the run stops by itself at epoch ``stop``."""
    while training.running and training.epoch < stop:
        training.tick()
    assert not training.running and training.epoch == stop, f"at epoch {training.epoch}"


def new_2_2_1(qtbot, window):
    choose_from_menu_bar(qtbot, window, "File", "New", "2-2-1 network")
    assert window.document.network.name == "2-2-1 network"
    return window.live.panel, window.live.training


def test_file_new_2_2_1_shows_settings_that_learn_and_play_learns_xor(qtbot, xor_window):
    w = xor_window
    lines = said(w)
    panel, training = new_2_2_1(qtbot, w)
    assert (panel.dataset.currentData(), panel.loss.currentData(), panel.optimizer.currentData()) == (
        "xor",
        "mse",
        "adam",
    )
    assert panel.rate.currentText() == "0.03" and training.settings.learning_rate == 0.03
    assert panel.stop_epochs_on.isChecked() and panel.stop_epochs.value() == 1000 == training.stop_epochs
    press(qtbot, panel.buttons["train_play"])
    assert training.running
    frames_until_stopped(training, 1000)
    assert panel.message.text() == "Stopped at epoch 1000"
    assert training.history.last("train_acc") == 1.0 and training.history.last("train_loss") < 0.001
    assert not any(NOTE in text for _, text in lines)  # a run that learns has no plateau


def test_the_first_settings_on_xor_are_said_to_be_on_a_plateau_once(qtbot, xor_window):
    w = xor_window
    panel, training = new_2_2_1(qtbot, w)
    choose(panel.optimizer, "sgd")  # the app's first settings: MSE, SGD, 0.03
    lines = said(w)
    press(qtbot, panel.buttons["train_play"])
    frames_until_stopped(training, 1000)  # the template's stop
    assert training.history.last("train_acc") < 1.0 and training.history.last("train_loss") > 0.25
    notes = [(epoch, text) for epoch, text in lines if NOTE in text]
    assert len(notes) == 1, lines
    epoch, text = notes[0]
    assert epoch <= 600
    assert "2 of 4 points wrong" in text and "gradient ≈ 0" in text
    assert "try Adam, a larger learning rate or Randomize" in text
    panel.stop_epochs_on.setChecked(False)
    press(qtbot, panel.buttons["train_play"])  # Play again on the same plateau: not said again
    for _ in range(200):
        training.tick()
    press(qtbot, panel.buttons["train_play"])
    assert training.epoch > 1000 and [t for _, t in lines if NOTE in t] == [text]


def test_lesson_18_still_gets_stuck_and_its_own_run_is_not_told(qtbot, xor_window):
    """Step 18 trains a 2-2-1 XOR into a local optimum on purpose: its run (the lesson's, not the user's
    Play) ends stuck as before, without a note telling the answer over the lesson's text."""
    w = xor_window
    lines = said(w)
    lesson = load_lesson("neural-networks")
    step = next(i for i, s in enumerate(lesson.steps) if "stuck" in s.title.lower())
    w.lessons.open(lesson, step)
    training = w.live.training
    assert training.running  # the step's train action
    frames_until_stopped(training, 3000)
    assert abs(training.history.last("train_loss") - math.log(2) / 2) < 0.01
    assert not any(NOTE in text for _, text in lines)


def test_the_notes_count_is_the_decision_maps_count_when_it_is_said(qtbot, xor_window, monkeypatch):
    """2-2-1 on spiral (250 training and 250 test points), SGD at 0.03: the note said "101 of 250 points
    wrong" (training points only) under a map whose legend said "✕ misclassified 198", and, said on a
    frame that skipped the views, one off the map's count for its own weights. The views are shown every
    third frame here, as the frame clock does on a busy machine."""
    from tests.ui.live_gui import shown_text

    w = xor_window
    clock = w.live.training.clock
    monkeypatch.setattr(type(clock), "views_due", property(lambda c: c.frame % 3 == 0))
    panel, training = new_2_2_1(qtbot, w)
    choose(panel.optimizer, "sgd")
    choose(panel.dataset, "spiral")
    panel.stop_epochs_on.setChecked(False)
    region = w.live.region
    seen: list[tuple[str, int | None, int, str]] = []  # the note and the map, at the moment it is said

    def look(text: str) -> None:
        if NOTE in text:
            crosses = len(region.points.errors.getData()[0])
            seen.append((text, region.points.misclassified, crosses, shown_text(region.legend)))

    w.statusBar().messageChanged.connect(look)
    press(qtbot, panel.buttons["train_play"])
    for _ in range(3000):
        if seen or not training.running:
            break
        training.tick()
    press(qtbot, panel.buttons["train_play"])
    assert len(seen) == 1, "no plateau note"
    text, counted, crosses, legend = seen[0]
    wrong, total = map(int, re.search(r"(\d+) of (\d+) points wrong", text).groups())
    assert total == 500
    assert wrong == counted == crosses and f"✕ misclassified {wrong}" in legend
