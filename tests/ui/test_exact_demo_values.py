"""A demo file's noise, split, seed and stop loss stay exact when the Training panel shows them rounded.

The Noise and Split fields show whole percents, Seed goes to 999,999 and Stop at loss shows four
decimals; read back from the fields, the shown numbers replaced the file's: Tab past the Data fields
regenerated other points, ticking Stop at epoch changed the target loss, and the demo no longer
replayed as the file says (attack33-2).
"""

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from designer.model import dumps
from tests.ui.live_gui import mlp, open_window
from tests.ui.test_experiment_file import open_file, save_as

EXPERIMENT = {
    "dataset": "gauss",
    "noise": 0.125,
    "seed": 5_000_000,
    "train_ratio": 0.333,
    "stop_loss": 0.00005,
    "epochs": 0,
}


def opened_demo(qtbot, tmp_path, monkeypatch):
    doc = json.loads(dumps(mlp([2, 3, 1], "tanh", "sigmoid", weight=0.8)))
    doc["version"] = 2
    doc["training"] = dict(EXPERIMENT)
    path = tmp_path / "demo.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    window = open_window(qtbot, mlp([2, 3, 1]))
    open_file(qtbot, window, path, monkeypatch)
    return window


def test_tab_through_the_data_fields_keeps_the_files_points(qtbot, tmp_path, monkeypatch):
    w = opened_demo(qtbot, tmp_path, monkeypatch)
    panel, session = w.live.panel, w.live.session
    points = session.data.x_train.copy()
    assert (panel.noise.text(), panel.train_ratio.text(), panel.data_seed.value()) == ("12 %", "33 %", 999_999)
    panel.noise.setFocus()
    qtbot.waitUntil(
        lambda: QApplication.focusWidget() is not None and panel.noise.isAncestorOf(QApplication.focusWidget())
    )
    for field in (panel.noise, panel.train_ratio, panel.data_seed):
        qtbot.waitUntil(lambda f=field: f.hasFocus())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # leaving the field: editingFinished
    options = session.options
    assert (options.noise, options.train_ratio, options.seed) == (0.125, 0.333, 5_000_000)
    assert (session.data.x_train == points).all()
    saved = save_as(qtbot, w, tmp_path / "again.json", monkeypatch)["training"]
    assert {k: saved[k] for k in EXPERIMENT} == EXPERIMENT


def test_ticking_stop_at_epoch_keeps_the_files_target_loss(qtbot, tmp_path, monkeypatch):
    w = opened_demo(qtbot, tmp_path, monkeypatch)
    panel, training = w.live.panel, w.live.training
    assert panel.stop_loss_on.isChecked() and panel.stop_loss.text() == "0.0001"  # four decimals
    qtbot.mouseClick(panel.stop_epochs_on, Qt.MouseButton.LeftButton)
    assert training.stop_epochs is not None and training.stop_loss == 0.00005
    panel.stop_loss.lineEdit().selectAll()
    qtbot.keyClicks(panel.stop_loss.lineEdit(), "0.2")  # a target typed by the student is the field's own
    qtbot.keyClick(panel.stop_loss.lineEdit(), Qt.Key.Key_Return)
    assert training.stop_loss == 0.2


def test_regenerate_goes_on_from_the_files_seed(qtbot, tmp_path, monkeypatch):
    w = opened_demo(qtbot, tmp_path, monkeypatch)
    qtbot.mouseClick(w.live.panel.regenerate, Qt.MouseButton.LeftButton)
    assert w.live.session.options.seed == 5_000_001  # the field's 999,999 + 1 clamped: Regenerate did nothing
    assert w.live.session.options.noise == 0.125


def test_a_rate_that_is_no_rate_is_refused_in_the_panel_and_the_field_shows_the_rate_in_use(qtbot):
    """The Rate field read Python's float(): ``inf`` and ``1e400`` trained at an infinite rate (the save then
    refused the whole experiment) and ``1_0`` was 10; a refused ``-1`` stayed in the field while training
    went on at the old rate (attack33-5)."""
    from tests.ui.test_experiment_file import type_into

    w = open_window(qtbot, mlp([2, 3, 1], "tanh", "sigmoid"))
    panel, training = w.live.panel, w.live.training
    for text in ("inf", "1e400", "1_0", "-1", "nan", "0"):
        type_into(qtbot, panel.rate, text)
        assert training.settings.learning_rate == 0.03, text
        assert panel.rate.currentText() == "0.03", text  # the rate in use, not what was refused
        assert panel.message.isVisible() and panel.message.text().startswith(f"Learning rate '{text}'"), text
    type_into(qtbot, panel.rate, "1/100")  # the typed-number rule of every other number field
    assert training.settings.learning_rate == 0.01


def test_a_seed_past_the_fields_int_range_opens_and_regenerates(qtbot, tmp_path, monkeypatch):
    """A seed the file format takes (up to 2**32 - 1) but a Qt spin box's int cannot hold: the file did
    not open (OverflowError from QSpinBox.setValue) and Regenerate from 2**31 - 1 raised it too. Regenerate
    from the largest seed goes on from 0 (it stayed there: the same points again)."""
    for seed in (2**32 - 1, 2**31 - 1):
        monkeypatch.setitem(EXPERIMENT, "seed", seed)
        w = opened_demo(qtbot, tmp_path, monkeypatch)
        panel, session = w.live.panel, w.live.session
        assert session.options.seed == seed and panel.data_seed.value() == 999_999
        points = session.data.x_train.copy()
        qtbot.mouseClick(panel.regenerate, Qt.MouseButton.LeftButton)
        assert session.options.seed == (seed + 1) % 2**32
        assert panel.data_seed.value() == min(session.options.seed, 999_999)
        assert not (session.data.x_train.shape == points.shape and (session.data.x_train == points).all())


def test_a_split_that_leaves_no_training_point_is_named_when_play_is_refused(qtbot, tmp_path, monkeypatch):
    """A demo's split of 0.001 on 10 points (the Split field shows its lowest, 10 %, and the exact split
    stays): Play said "No training data: choose a dataset, paint points on the map or load a CSV file"
    beside a chosen dataset of 10 points and a split reading 10 %."""
    monkeypatch.setitem(EXPERIMENT, "train_ratio", 0.001)
    monkeypatch.setitem(EXPERIMENT, "points", 10)
    w = opened_demo(qtbot, tmp_path, monkeypatch)
    panel, training = w.live.panel, w.live.training
    assert w.live.session.data.n_train == 0 and panel.train_ratio.text() == "10 %"
    qtbot.mouseClick(panel.buttons["train_play"], Qt.MouseButton.LeftButton)
    assert not training.running
    assert panel.message.text() == (
        "No training data: the split (0.1 %) puts all 10 points in the test set; raise Split in the Training panel"
    )
