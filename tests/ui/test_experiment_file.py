"""The whole demo in one file: the GUI saves the experiment (data, noise, seed, split, points, loss,
optimizer and its settings, learning rate, batch size, L1/L2, speed, stop epoch/loss, open views)
with the network and restores it on open; Reset + Play to the stop epoch gives byte-identical
weights twice, also in another window; a plain design stays a version-1 file."""

import json

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from designer.model import dumps, load
from designer.model.experiment import TrainingSection
from tests.conftest import EXAMPLES
from tests.ui.live_gui import choose, mlp, open_window, plot_click
from tests.ui.menus import choose_from_menu_bar


def type_into(qtbot, widget, text):
    """Select what a spin box or editable combo shows, type ``text``, press Enter."""
    line = widget.lineEdit()
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def save_as(qtbot, window, path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    choose_from_menu_bar(qtbot, window, "File", "Save As…")
    assert path.exists()
    return json.loads(path.read_text(encoding="utf-8"))


def open_file(qtbot, window, path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    choose_from_menu_bar(qtbot, window, "File", "Open…")


def weights(window):
    net = window.document.network
    return [c.weight for c in net.connections.values()] + [n.bias for n in net.neurons.values()]


def train_until_stopped(qtbot, window):
    """F8 (Play); the run stops by itself at the file's epoch."""
    training = window.live.training
    window.activateWindow()  # shortcuts go to the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert training.running
    qtbot.waitUntil(lambda: not training.running, timeout=30_000)


def distinct(network):
    """No two hidden neurons exact copies (Play would first say they stay copies under training)."""
    for i, connection in enumerate(network.connections.values()):
        connection.weight *= 1 + 0.05 * i
    return network


@pytest.fixture
def demo(qtbot, tmp_path, monkeypatch):
    """A 2-8-3 softmax classifier on spiral-3, every setting chosen in the panel, saved from the GUI."""
    w = open_window(qtbot, distinct(mlp([2, 8, 3], "tanh", "sigmoid", weight=0.7)))
    panel = w.live.panel
    choose(panel.dataset, "spiral-3")
    type_into(qtbot, panel.noise, "10")
    type_into(qtbot, panel.train_ratio, "70")
    type_into(qtbot, panel.data_seed, "3")
    choose_from_menu_bar(qtbot, w, "Network", "Softmax Outputs")
    choose(panel.optimizer, "adam")
    type_into(qtbot, panel.rate, "0.02")
    type_into(qtbot, panel.batch, "25")
    type_into(qtbot, panel.l2, "0.001")
    choose(panel.speed, 1)
    qtbot.mouseClick(panel.stop_epochs_on, Qt.MouseButton.LeftButton)
    type_into(qtbot, panel.stop_epochs, "4")
    qtbot.mouseClick(panel.stop_loss_on, Qt.MouseButton.LeftButton)
    type_into(qtbot, panel.stop_loss, "0.001")
    choose_from_menu_bar(qtbot, w, "View", "Math")  # open the Math dock
    choose_from_menu_bar(qtbot, w, "View", "Loss and Accuracy")  # close the loss curves
    path = tmp_path / "demo.json"
    document = save_as(qtbot, w, path, monkeypatch)
    return w, path, document


def test_the_saved_file_carries_the_whole_experiment(demo):
    _, _, document = demo
    assert document["version"] == 2 and document["softmax"] is True
    assert document["training"] == {
        "dataset": "spiral-3",
        "noise": 0.1,
        "seed": 3,
        "train_ratio": 0.7,
        "loss": "cross_entropy",  # followed the softmax switch
        "optimizer": "adam",
        "learning_rate": 0.02,
        "momentum": 0.9,
        "batch_size": 25,
        "l1": 0.0,
        "l2": 0.001,
        "epochs": 4,
        "stop_loss": 0.001,
        "steps_per_frame": 1,
        "views": ["regions", "training", "maps", "math"],
    }


def test_opening_the_file_restores_data_settings_stops_speed_and_views(qtbot, demo, monkeypatch):
    saved, path, _ = demo
    w = open_window(qtbot, mlp([2, 2, 1]))  # another window with its own defaults
    open_file(qtbot, w, path, monkeypatch)
    panel, training, session = w.live.panel, w.live.training, w.session
    assert (panel.dataset.currentData(), panel.noise.value(), panel.train_ratio.value(), panel.data_seed.value()) == (
        "spiral-3",
        10,
        70,
        3,
    )
    assert np.array_equal(session.data.x_train, saved.session.data.x_train)
    assert np.array_equal(session.data.y_test, saved.session.data.y_test)
    assert training.settings == saved.live.training.settings
    assert (panel.loss.currentData(), panel.optimizer.currentData(), panel.rate.currentText()) == (
        "cross_entropy",
        "adam",
        "0.02",
    )
    assert (panel.batch.value(), panel.l2.value(), panel.speed.currentData()) == (25, 0.001, 1)
    assert training.steps_per_frame == 1
    assert panel.stop_epochs_on.isChecked() and panel.stop_epochs.value() == 4 and training.stop_epochs == 4
    assert panel.stop_loss_on.isChecked() and training.stop_loss == 0.001
    assert w.exports.math_dock.isVisible() and not w.live.curves_dock.isVisible()
    assert w.live.region_dock.isVisible() and w.actions["neuron_maps"].isChecked()
    assert panel.kind.text() == "classes: 3 · softmax over 3 outputs (one-hot targets)"


def test_reset_and_play_to_the_stop_epoch_gives_byte_identical_weights(qtbot, demo, monkeypatch):
    saved, path, _ = demo
    w = open_window(qtbot, mlp([2, 2, 1]))
    open_file(qtbot, w, path, monkeypatch)
    start = weights(w)
    train_until_stopped(qtbot, w)
    assert w.live.training.epoch == 4
    first = weights(w)
    assert first != start
    qtbot.mouseClick(w.live.panel.buttons["train_reset"], Qt.MouseButton.LeftButton)
    assert weights(w) == start
    train_until_stopped(qtbot, w)
    assert weights(w) == first  # float for float
    other = open_window(qtbot, load(path))  # the same file in a fresh window (as `nn-designer FILE` opens it)
    qtbot.waitUntil(lambda: other.exports.math_dock.isVisible())  # its views, once the window is shown
    assert not other.live.curves_dock.isVisible()
    train_until_stopped(qtbot, other)
    assert dumps(other.document.network) == dumps(w.document.network)  # byte for byte
    train_until_stopped(qtbot, saved)  # and the lecturer's own window, before the file was handed out
    assert weights(saved) == first


def test_painted_points_travel_in_the_file(qtbot, tmp_path, monkeypatch):
    w = open_window(qtbot, mlp([2, 3, 1]))
    w.live.build_plots()
    panel, region = w.live.panel, w.live.region
    qtbot.mouseClick(panel.buttons["train_reset"], Qt.MouseButton.LeftButton)
    w.session.clear_points()
    qtbot.mouseClick(panel.paint, Qt.MouseButton.LeftButton)
    for x, y, button in ((0.0, 0.0, Qt.MouseButton.LeftButton), (1.0, 1.0, Qt.MouseButton.RightButton)):
        plot_click(region, x, y, button)
    painted = w.session.data
    document = save_as(qtbot, w, tmp_path / "painted.json", monkeypatch)
    assert document["training"]["data"]["columns"] == ["x1", "x2", "y"]
    assert len(document["training"]["data"]["rows"]) == 2
    other = open_window(qtbot, mlp([2, 3, 1]))
    open_file(qtbot, other, tmp_path / "painted.json", monkeypatch)
    data = other.session.data
    assert np.allclose(data.x_train, painted.x_train, atol=1e-9) and np.array_equal(data.y_train, painted.y_train)
    assert other.live.panel.dataset.currentData() == "custom"


def test_csv_points_travel_in_the_file_with_their_source(qtbot, tmp_path, monkeypatch):
    csv = tmp_path / "points.csv"
    csv.write_text("x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n0.5,0.5,1\n", encoding="utf-8")
    w = open_window(qtbot, mlp([2, 2, 1]))
    assert w.live.panel.load_csv(csv)
    document = save_as(qtbot, w, tmp_path / "csv.json", monkeypatch)
    assert document["training"]["data"]["source"] == "points.csv"
    assert document["training"]["data"]["rows"][4] == [0.5, 0.5, 1.0]
    other = open_window(qtbot, mlp([2, 2, 1]))
    open_file(qtbot, other, tmp_path / "csv.json", monkeypatch)
    data, before = other.session.data, w.session.data
    assert data.name == "csv: points.csv"
    assert np.array_equal(data.x_train, before.x_train) and np.array_equal(data.x_test, before.x_test)


def test_a_plain_design_stays_a_version_1_file(qtbot, xor_window, tmp_path, monkeypatch):
    w = xor_window
    choose_from_menu_bar(qtbot, w, "View", "Math")  # views alone do not make an experiment
    document = save_as(qtbot, w, tmp_path / "xor.json", monkeypatch)
    assert document["version"] == 1 and "training" not in document
    type_into(qtbot, w.live.panel.rate, "0.3")
    document = save_as(qtbot, w, tmp_path / "xor.json", monkeypatch)
    assert document["version"] == 2 and document["training"]["learning_rate"] == 0.3
    type_into(qtbot, w.live.panel.rate, "0.03")  # back to the defaults: the file keeps its section
    document = save_as(qtbot, w, tmp_path / "xor.json", monkeypatch)
    assert document["training"]["learning_rate"] == 0.03 and document["training"]["dataset"] == "xor"


def test_unknown_keys_of_the_section_survive_a_save(qtbot, tmp_path, monkeypatch):
    net = load(EXAMPLES / "xor-step.json")
    net.training = TrainingSection(dataset="xor", extras={"lecture_note": "week 3"})
    w = open_window(qtbot, net)
    document = save_as(qtbot, w, tmp_path / "kept.json", monkeypatch)
    assert document["training"]["lecture_note"] == "week 3"


def test_closing_after_changing_the_experiment_asks_to_save(qtbot, demo, dialogs):
    w, _, _ = demo
    type_into(qtbot, w.live.panel.rate, "0.5")
    assert not w.document.modified  # a setting is not an edit of the network…
    from PySide6.QtWidgets import QMessageBox

    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not w.close()  # …but it is unsaved work of the file
    assert dialogs.shown and dialogs.shown[-1][1] == "Unsaved changes"


def test_a_file_naming_an_unknown_dataset_opens_and_says_why_it_has_no_data(qtbot, tmp_path, monkeypatch):
    document = json.loads((EXAMPLES / "xor-step.json").read_text(encoding="utf-8"))
    document["version"] = 2
    document["training"] = {"dataset": "spirals-9", "learning_rate": 0.5}
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    w = open_window(qtbot, mlp([2, 2, 1]))
    open_file(qtbot, w, path, monkeypatch)
    assert w.document.path == path
    message = w.live.panel.message.text()
    assert message.startswith("The file's training data cannot be used: unknown dataset 'spirals-9'")
    assert w.live.training.settings.learning_rate == 0.5  # the rest of the experiment still applies


def test_after_saving_the_model_is_what_the_file_holds(qtbot, xor_window, tmp_path, monkeypatch):
    w = xor_window
    type_into(qtbot, w.live.panel.rate, "0.3")
    save_as(qtbot, w, tmp_path / "xor.json", monkeypatch)
    assert load(tmp_path / "xor.json") == w.document.network
    stack = w.document.undo_stack
    assert not w.document.modified and stack.undoText() == "save the experiment with the network"
    w.actions["undo"].trigger()  # one step, like every change of the network
    assert w.document.network.training is None and w.document.modified


def test_a_setting_the_format_refuses_is_not_saved_and_the_file_stays_readable(
    qtbot, xor_window, tmp_path, monkeypatch
):
    w = xor_window
    type_into(qtbot, w.live.panel.rate, "1e7")  # the panel trains with it; the file format stops at 10⁶
    assert w.live.training.settings.learning_rate == 1e7
    document = save_as(qtbot, w, tmp_path / "fast.json", monkeypatch)
    assert "training" not in document and load(tmp_path / "fast.json") is not None
    assert w.live.panel.message.text().startswith(
        "The experiment was not saved with the network: training.learning_rate"
    )


def test_a_network_no_dataset_fits_stays_plain_too(qtbot, tmp_path, monkeypatch):
    w = open_window(qtbot, mlp([3, 2, 1]))  # three inputs: the app shows no points by itself
    assert not len(w.session.data.x_train)
    document = save_as(qtbot, w, tmp_path / "three.json", monkeypatch)
    assert document["version"] == 1 and "training" not in document


def test_points_too_large_for_float32_with_gradient_colouring_say_so_instead_of_crashing(qtbot, tmp_path, monkeypatch):
    """Rows of ±1e39 made every gradient NaN: the legend's paint raised on the NaN scale and Qt
    crashed (SIGSEGV) on the painter left open."""
    document = json.loads(dumps(load(EXAMPLES / "mlp-2-3-3-1.json")))
    document["version"] = 2
    document["training"] = {
        "data": {"columns": ["x1", "x2", "y"], "rows": [[1e39, -1e39, 1], [-1e39, 1e39, 0], [0, 0, 1], [1, 1, 0]]},
        "views": ["regions", "curves", "training", "gradients"],
    }
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    w = open_window(qtbot, mlp([2, 2, 1]))
    open_file(qtbot, w, path, monkeypatch)
    legend = w.live.gradients.legend
    qtbot.waitUntil(lambda: "not a finite number" in legend.text(), timeout=5000)
    assert w.live.gradients.result is None and w.scene.connections.display_values is None
    w.grab()  # the canvas and the legend paint


def test_a_solution_saved_from_an_exercise_stays_small_and_reopens_with_the_exercises_points(
    qtbot, xor_window, tmp_path, monkeypatch
):
    """A file saved while solving the triangle embedded the exercise's points (67 KB, version 2),
    though its "exercise" id brings them back; with a setting changed, the section names no data."""
    from designer.exercises import check, load_exercise
    from tests.ui.test_exercise_panel import click_exercise

    w = xor_window
    w.exercise.show()
    click_exercise(qtbot, w.exercise.panel, "triangle", double=True)  # double-click: Start
    session = w.live.session
    qtbot.waitUntil(lambda: session.showing_exercise)
    path = tmp_path / "triangle.json"
    document = save_as(qtbot, w, path, monkeypatch)
    assert document["version"] == 1 and "training" not in document and document["exercise"] == "triangle"
    assert path.stat().st_size < 10_000
    type_into(qtbot, w.live.panel.rate, "0.3")
    document = save_as(qtbot, w, path, monkeypatch)
    section = document["training"]
    assert section["learning_rate"] == 0.3 and "data" not in section and "dataset" not in section
    assert path.stat().st_size < 10_000
    assert check(load(path), load_exercise("triangle")) is not None  # what the grader reads
    w.document.replace(load(EXAMPLES / "xor-step.json"), path=None)  # another network in between
    assert not session.showing_exercise
    open_file(qtbot, w, path, monkeypatch)
    qtbot.waitUntil(lambda: session.showing_exercise)
    assert session.data.name == "exercise: A triangle" and w.live.training.settings.learning_rate == 0.3


def test_reopening_a_demo_brings_the_training_dock_to_the_front_not_no_exercise(qtbot, demo, monkeypatch):
    """A demo saved with the Exercise dock open beside the Training dock (one tab bar) reopened with
    the Exercise dock's "No exercise" in front: it was the last view the file's list opened."""
    saved, path, _ = demo
    choose_from_menu_bar(qtbot, saved, "View", "Exercise")
    document = save_as(qtbot, saved, path, monkeypatch)
    assert "exercise" in document["training"]["views"] and "training" in document["training"]["views"]
    w = open_window(qtbot, mlp([2, 2, 1]))
    open_file(qtbot, w, path, monkeypatch)
    training, exercise = w.live.training_dock, w.exercise
    assert exercise in w.tabifiedDockWidgets(training)  # they share a tab bar: one is in front
    qtbot.waitUntil(lambda: not training.visibleRegion().isEmpty())
    assert exercise.visibleRegion().isEmpty() and exercise.panel.title.text() == "No exercise"
