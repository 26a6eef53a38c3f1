"""The live session: one compiled network, training reaches the model as one command, edits/undo/save commit it."""

import re
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt

from designer.model import SetConnectionField
from designer.model.fileformat import load
from tests.ui.live_gui import choose, mlp, open_window

UI = Path(__file__).resolve().parents[2] / "designer" / "ui"


def weights(network) -> dict:
    return {k: c.weight for k, c in network.connections.items()}


def start_training(qtbot, w) -> None:
    panel = w.live.panel
    choose(panel.dataset, "xor-quadrants")
    qtbot.mouseClick(panel.buttons["train_randomize"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.buttons["train_play"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.live.training.steps >= 30, timeout=10_000)


def test_training_runs_on_the_sessions_one_compiled_network(qtbot):
    w = open_window(qtbot, mlp([2, 3, 1]))
    start_training(qtbot, w)
    session = w.session
    assert w.live.training.trainer.net is session.compiled  # no second compiled copy to keep in step
    assert session.compiled.dtype == np.float32
    qtbot.mouseClick(w.live.panel.buttons["train_play"], Qt.MouseButton.LeftButton)


def test_a_run_stays_in_the_session_until_pause_then_is_one_undo_step(qtbot):
    w = open_window(qtbot, mlp([2, 3, 1]))
    net = w.document.network
    start_training(qtbot, w)
    stack = w.document.undo_stack
    count, before = stack.count(), weights(net)
    qtbot.waitUntil(lambda: w.live.training.steps >= 60, timeout=10_000)
    assert weights(net) == before  # the model is not written while the run goes on
    shown = w.scene.connections.weights  # ... but the canvas shows the live values
    live = w.session.weights_for(list(net.connections))
    assert np.array_equal(shown, live) and not np.allclose(shown, list(before.values()))
    qtbot.mouseClick(w.live.panel.buttons["train_play"], Qt.MouseButton.LeftButton)
    assert stack.count() == count + 1 and stack.text(stack.count() - 1) == "train"
    assert np.allclose(list(weights(net).values()), w.scene.connections.weights)
    w.actions["undo"].trigger()
    assert weights(net) == before


def test_an_edit_during_training_commits_the_run_first_and_training_goes_on(qtbot):
    w = open_window(qtbot, mlp([2, 3, 1]))
    net = w.document.network
    start_training(qtbot, w)
    stack = w.document.undo_stack
    before, index = weights(net), stack.index()
    key = next(iter(net.connections))
    assert w.document.push(SetConnectionField(key, "weight", 2.5))
    assert [stack.text(i) for i in range(stack.count())][-2:] == ["train", f"set weight of {key[0]} → {key[1]}"]
    assert w.live.training.running
    assert w.session.compiled.theta[w.session.compiled.connection_index[0]] == np.float32(2.5)
    qtbot.mouseClick(w.live.panel.buttons["train_play"], Qt.MouseButton.LeftButton)
    stack.setIndex(index)  # undo the edit, the run after it, and the run before it
    assert weights(net) == before


def test_ctrl_z_while_training_pauses_and_undoes_the_run(qtbot):
    w = open_window(qtbot, mlp([2, 3, 1]))
    net = w.document.network
    start_training(qtbot, w)
    randomized = weights(net)
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert weights(net) == randomized  # the run was committed, then undone
    assert w.document.undo_stack.redoText() == "train"


def test_saving_during_training_writes_the_values_reached(qtbot, tmp_path):
    w = open_window(qtbot, mlp([2, 3, 1]))
    start_training(qtbot, w)
    path = tmp_path / "trained.json"
    assert w.files._write(path)
    saved = load(path)
    live = w.session.weights_for(list(saved.connections))
    qtbot.mouseClick(w.live.panel.buttons["train_play"], Qt.MouseButton.LeftButton)
    assert np.allclose([c.weight for c in saved.connections.values()], live)
    assert weights(saved) == weights(w.document.network)


def test_file_new_during_training_drops_the_run_without_an_undo_step(qtbot, dialogs):
    from designer.model.templates import empty

    w = open_window(qtbot, mlp([2, 3, 1]))
    start_training(qtbot, w)
    w.document.replace(empty(), path=None)
    assert not w.live.training.running and not w.live.training.uncommitted
    assert w.document.undo_stack.count() == 0


def test_the_history_view_commits_a_run_before_a_click_moves_through_it(qtbot):
    w = open_window(qtbot, mlp([2, 3, 1]))
    start_training(qtbot, w)
    history = w.history_dock.widget()
    w.history_dock.show()
    qtbot.waitExposed(history)
    qtbot.mouseClick(history.viewport(), Qt.MouseButton.LeftButton, pos=history.viewport().rect().topLeft())
    assert "train" in [w.document.undo_stack.text(i) for i in range(w.document.undo_stack.count())]


def test_no_part_of_the_ui_attaches_attributes_to_the_window_from_outside():
    """MainWindow builds its parts; nothing else sets ``window.<name> = …`` (no service locator)."""
    offenders = []
    for path in UI.rglob("*.py"):
        if path.name == "mainwindow.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(r"\bwindow_?\.\w+\s*=[^=]", line) or re.search(r"setattr\(\s*(self\.)?window", line):
                offenders.append(f"{path.relative_to(UI)}:{number}: {line.strip()}")
    assert offenders == []
