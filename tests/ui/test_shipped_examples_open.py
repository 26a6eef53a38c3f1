"""A shipped example opened on its own (File ▸ Open) shows the data and settings its description promises
in the Training panel, and Play does what it says: XOR-stuck stops at its epoch, stuck, and Reset + Play
gives the same weights again."""

import math

import numpy as np
import pytest
from PySide6.QtCore import Qt

from tests.cli.test_shipped_examples import DEMOS
from tests.conftest import EXAMPLES
from tests.ui.test_experiment_file import open_file, train_until_stopped, weights

#: what each description promises: dataset, loss, optimiser, learning rate (as the panel shows it), stop epoch
PROMISED = {
    "perceptron": ("gauss", "mse", "sgd", "0.5", 100),
    "logistic-regression": ("gauss", "cross_entropy", "sgd", "0.5", 100),
    "step-start": ("gauss", "mse", "sgd", "0.5", 100),
    "sigmoid-start": ("gauss", "mse", "sgd", "0.5", 100),
    "regression-1-8-1": ("sin", "mse", "adam", "0.03", 1000),
    "mlp-2-3-3-1": ("circle", "cross_entropy", "adam", "0.03", 500),
    "linear-layers": ("gauss", "mse", "sgd", "0.003", 100),
    "towers-sin": ("sin", "mse", "adam", "0.03", 500),
    "xor-stuck": ("xor", "cross_entropy", "sgd", "1", 3000),
}


@pytest.mark.parametrize("name", sorted(PROMISED))
def test_opening_an_example_shows_its_data_and_settings(qtbot, xor_window, monkeypatch, name):
    w = xor_window  # the window as the app starts: XOR from step units, the default experiment
    open_file(qtbot, w, EXAMPLES / f"{name}.json", monkeypatch)
    panel, training = w.live.panel, w.live.training
    dataset, loss, optimizer, rate, epochs = PROMISED[name]
    assert (panel.dataset.currentData(), panel.data_seed.value(), panel.noise.value()) == (dataset, 0, 0)
    assert w.session.options.name == dataset and w.session.data.n_train > 0
    assert (panel.loss.currentData(), panel.optimizer.currentData(), panel.rate.currentText()) == (
        loss,
        optimizer,
        rate,
    )
    assert panel.batch.value() == 0 and training.settings.batch_size is None  # full batch
    assert panel.stop_epochs_on.isChecked() and panel.stop_epochs.value() == epochs == training.stop_epochs
    assert (training.settings.loss, training.settings.learning_rate, training.settings.seed) == (
        loss,
        float(rate),
        0,
    )


def test_the_towers_are_shown_over_sin_not_the_bump(qtbot, xor_window, monkeypatch):
    open_file(qtbot, xor_window, EXAMPLES / "towers-sin.json", monkeypatch)
    x, y = xor_window.session.data.x_train[:, 0], xor_window.session.data.y_train[:, 0]
    assert np.allclose(y, np.sin(x))


def test_xor_stuck_played_to_its_stop_is_stuck_and_the_same_again_after_reset(qtbot, xor_window, monkeypatch):
    w = xor_window
    open_file(qtbot, w, EXAMPLES / "xor-stuck.json", monkeypatch)
    train_until_stopped(qtbot, w)
    assert w.live.training.epoch == 3000
    first = weights(w)
    assert abs(w.live.training.history.column("train_loss")[-1] - math.log(2) / 2) < 0.01  # the plateau
    qtbot.mouseClick(w.live.panel.buttons["train_reset"], Qt.MouseButton.LeftButton)
    train_until_stopped(qtbot, w)
    assert weights(w) == first


def test_every_example_with_an_experiment_is_checked_here():
    assert sorted(PROMISED) == sorted(DEMOS)


@pytest.mark.parametrize("name", ["towers-sin", "xor-stuck"])
def test_nn_designer_on_an_example_shows_its_training_panel_not_the_xor_exercise(qtbot, app_windows, name):
    """``nn-designer EXAMPLE.json`` (the instructor's way in): the file says which views are open, so the
    start's default XOR exercise does not cover the Training panel (nor prompt XOR over a sin network)."""
    from designer.ui import app as app_module

    assert app_module.run(str(EXAMPLES / f"{name}.json")) == 0
    window = app_windows[0]
    qtbot.waitUntil(lambda: window.live._region is not None and window.live.region_dock.isVisible())
    assert window.live.training_dock.isVisible()
    assert not window.exercise.isVisible()
    assert window.live.panel.dataset.currentData() == PROMISED[name][0]
