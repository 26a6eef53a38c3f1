"""A demo file's noise, split, seed and stop loss stay exact when the Training panel shows them rounded.

The Noise and Split fields show whole percents, Seed went to 999,999 and Stop at loss shows four
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


def opened_demo(qtbot, tmp_path, monkeypatch, training: dict | None = None):
    """A 2-3-1 demo file opened with File ▸ Open: its "training" is ``EXPERIMENT`` or ``training``."""
    doc = json.loads(dumps(mlp([2, 3, 1], "tanh", "sigmoid", weight=0.8)))
    doc["version"] = 2
    doc["training"] = dict(EXPERIMENT) if training is None else training
    path = tmp_path / "demo.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    window = open_window(qtbot, mlp([2, 3, 1]))
    open_file(qtbot, window, path, monkeypatch)
    return window


def test_tab_through_the_data_fields_keeps_the_files_points(qtbot, tmp_path, monkeypatch):
    w = opened_demo(qtbot, tmp_path, monkeypatch)
    panel, session = w.live.panel, w.live.session
    points = session.data.x_train.copy()
    assert (panel.noise.text(), panel.train_ratio.text(), panel.data_seed.text()) == ("12 %", "33 %", "5000000")
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
    assert panel.stop_loss_on.isChecked() and panel.stop_loss.text() == "5e-05"  # four decimals showed 0.0001
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
    assert w.live.panel.data_seed.text() == "5000001"
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


def test_the_seed_field_shows_and_takes_every_seed_a_file_may_hold(qtbot, tmp_path, monkeypatch):
    """Seeds go to 2³²−1 in a file; the field stopped at 999,999, showed a file's 4,294,967,295 as 999,999
    and refused a typed 4,000,000,000 (fields33-2)."""
    from tests.ui.test_experiment_file import type_into

    w = opened_demo(qtbot, tmp_path, monkeypatch)
    panel, session = w.live.panel, w.live.session
    type_into(qtbot, panel.data_seed, "4000000000")
    assert session.options.seed == 4_000_000_000 and panel.data_seed.text() == "4000000000"
    qtbot.mouseClick(panel.regenerate, Qt.MouseButton.LeftButton)
    assert session.options.seed == 4_000_000_001
    type_into(qtbot, panel.data_seed, "4294967295")  # the format's largest seed
    assert session.options.seed == 2**32 - 1 and panel.data_seed.text() == "4294967295"
    qtbot.mouseClick(panel.regenerate, Qt.MouseButton.LeftButton)  # no seed past the format's: 0 comes next
    assert session.options.seed == 0 and panel.data_seed.text() == "0"
    type_into(qtbot, panel.data_seed, "4294967296")  # one past it: the field keeps a seed a file can hold
    assert session.options.seed <= 2**32 - 1
    saved = save_as(qtbot, w, tmp_path / "seed.json", monkeypatch)["training"]
    assert saved["seed"] == session.options.seed


def _demo_with(qtbot, tmp_path, monkeypatch, **training):
    return opened_demo(qtbot, tmp_path, monkeypatch, {"dataset": "gauss", "epochs": 0, **training})


def test_a_files_largest_seed_is_shown_as_it_is(qtbot, tmp_path, monkeypatch):
    """Opening a file with the format's largest seed raised OverflowError in the Seed field (a C int) and
    the field showed 0 (fields33-2)."""
    w = _demo_with(qtbot, tmp_path, monkeypatch, seed=2**32 - 1)
    assert w.live.panel.data_seed.text() == "4294967295" and w.live.session.options.seed == 2**32 - 1


def test_l1_and_l2_show_a_files_penalties_exactly_and_take_typed_numbers(qtbot, tmp_path, monkeypatch):
    """L1 and L2 had four decimals from 0 to 10: a file's l1 of 0.00004 showed 0.0000 and an l2 of 20 showed
    10.0000 while training used the file's numbers (fields33-3)."""
    from tests.ui.test_experiment_file import type_into

    w = _demo_with(qtbot, tmp_path, monkeypatch, l1=4e-5, l2=20)
    panel, settings = w.live.panel, w.live.training.settings
    assert (panel.l1.text(), panel.l2.text()) == ("4e-05", "20")
    panel.l1.setFocus()
    qtbot.waitUntil(panel.l1.hasFocus)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # past L1 and L2: nothing changes
    qtbot.waitUntil(panel.l2.hasFocus)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert (settings.l1, settings.l2) == (4e-5, 20)
    type_into(qtbot, panel.l2, "1/1000")  # the typed-number rule of every other number field
    assert settings.l2 == 0.001 and panel.l2.text() == "0.001"
    type_into(qtbot, panel.l1, "250000")  # the format holds up to 10⁶
    assert settings.l1 == 250_000 and panel.l1.text() == "250000"
    for text in ("-1", "2e6", "abc", "1e400"):
        type_into(qtbot, panel.l2, text)
        assert settings.l2 == 0.001 and panel.l2.text() == "0.001", text  # the penalty in use
        assert panel.message.isVisible() and panel.message.text().startswith(f"L2 '{text}'"), text
    panel.l2.setFocus()
    qtbot.waitUntil(panel.l2.hasFocus)
    for _ in range(3):
        qtbot.keyClick(panel.l2, Qt.Key.Key_Up)  # the arrows step by 0.001 without binary noise
    assert settings.l2 == 0.004 and panel.l2.text() == "0.004"
    saved = save_as(qtbot, w, tmp_path / "again.json", monkeypatch)["training"]
    assert (saved["l1"], saved["l2"]) == (250_000, 0.004)


def test_the_penalty_row_is_no_wider_than_the_rate_row_above_it(qtbot):
    """The exact fields (up to 1000000) need no more room than the row above (a rate, "batch", "full batch"):
    the panel keeps its width at 1280×720."""
    from PySide6.QtWidgets import QLabel

    w = open_window(qtbot, mlp([2, 3, 1]))
    panel = w.live.panel
    labels = {label.buddy(): label for label in panel.findChildren(QLabel) if label.buddy() is not None}

    def row(first, second, hint):
        return sum(getattr(widget, hint)().width() for widget in (first, labels[second], second))

    for hint in ("sizeHint", "minimumSizeHint"):
        assert row(panel.l1, panel.l2, hint) <= row(panel.rate, panel.batch, hint), hint


def test_stop_at_loss_takes_typed_numbers_and_refuses_others_with_a_reason(qtbot):
    """Stop at loss had four decimals up to 1000 (fields33-5): a target of 0.00001 could not be typed."""
    from tests.ui.test_experiment_file import type_into

    w = open_window(qtbot, mlp([2, 3, 1], "tanh", "sigmoid"))
    panel, training = w.live.panel, w.live.training
    qtbot.mouseClick(panel.stop_loss_on, Qt.MouseButton.LeftButton)
    type_into(qtbot, panel.stop_loss, "1e-5")
    assert training.stop_loss == 1e-5 and panel.stop_loss.text() == "1e-05"
    type_into(qtbot, panel.stop_loss, "-1")
    assert training.stop_loss == 1e-5 and panel.stop_loss.text() == "1e-05"
    assert panel.message.text().startswith("Stop at loss '-1'")


def test_a_seed_past_the_fields_int_range_opens_and_regenerates(qtbot, tmp_path, monkeypatch):
    """A seed the file format takes (up to 2**32 - 1) but a Qt spin box's int cannot hold: the file did
    not open (OverflowError from QSpinBox.setValue) and Regenerate from 2**31 - 1 raised it too. Regenerate
    from the largest seed goes on from 0 (it stayed there: the same points again)."""
    for seed in (2**32 - 1, 2**31 - 1):
        monkeypatch.setitem(EXPERIMENT, "seed", seed)
        w = opened_demo(qtbot, tmp_path, monkeypatch)
        panel, session = w.live.panel, w.live.session
        assert session.options.seed == seed and panel.data_seed.value() == seed
        points = session.data.x_train.copy()
        qtbot.mouseClick(panel.regenerate, Qt.MouseButton.LeftButton)
        assert session.options.seed == (seed + 1) % 2**32
        assert panel.data_seed.value() == session.options.seed
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


def test_a_typed_minus_zero_is_zero(qtbot):
    """ "-0" (or "-1e-400", "-0/5") typed into L2, Stop at loss or a paint target was taken as −0.0: the field read
    "-0" and a saved file's "l2": -0.0, a penalty below none."""
    from tests.ui.test_experiment_file import type_into

    w = open_window(qtbot, mlp([2, 3, 1], "tanh", "sigmoid"))
    panel, settings = w.live.panel, w.live.training.settings
    type_into(qtbot, panel.l2, "0.5")
    for text in ("-0", "-1e-400", "-0/5"):
        type_into(qtbot, panel.l2, text)
        assert panel.l2.text() == "0" and str(settings.l2) == "0.0", text
