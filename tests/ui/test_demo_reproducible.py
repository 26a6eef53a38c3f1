"""A demo played again draws the same curves and stops on the same weights, whatever the frames.

The curves got a point wherever a frame ended, and "Stop at loss" was checked there too: frames end
when their time is up, so each Play of the same demo drew slightly different curves and stopped at
another epoch (61, 100, 64 epochs for one file), with other weights. Points and stops now depend on
the steps alone; the speed setting (steps per frame) only changes how often the window redraws.
"""

import numpy as np
from PySide6.QtCore import Qt

from tests.ui.live_gui import choose, mlp, open_window
from tests.ui.test_experiment_file import distinct, train_until_stopped, type_into, weights


def curves(window) -> list[tuple[float, ...]]:
    """The points of the train and test loss curves, as the Loss and Accuracy view plots them."""
    shown = window.live.curves
    epochs, train = shown.data("train_loss")
    _, test = shown.data("test_loss")
    return list(zip(np.asarray(epochs).tolist(), np.asarray(train).tolist(), np.asarray(test).tolist(), strict=True))


def played(qtbot, window, speed: int) -> tuple:
    """Reset, then Play at ``speed`` steps a frame until the run stops by itself: where it stopped."""
    panel, training = window.live.panel, window.live.training
    qtbot.mouseClick(panel.buttons["train_reset"], Qt.MouseButton.LeftButton)
    choose(panel.speed, speed)
    train_until_stopped(qtbot, window)
    return training.epoch, training.steps, weights(window), curves(window), panel.message.text()


def test_stop_at_loss_and_the_curves_do_not_depend_on_the_frames(qtbot):
    w = open_window(qtbot, distinct(mlp([2, 4, 1], "tanh", "sigmoid", weight=0.7)))
    w.live.curves_dock.show()
    panel = w.live.panel
    choose(panel.dataset, "xor-quadrants")  # 250 training points: 25 steps of 10 an epoch
    type_into(qtbot, panel.noise, "10")
    type_into(qtbot, panel.data_seed, "7")
    choose(panel.optimizer, "adam")
    type_into(qtbot, panel.batch, "10")
    qtbot.mouseClick(panel.stop_loss_on, Qt.MouseButton.LeftButton)
    type_into(qtbot, panel.stop_loss, "0.21")
    assert w.live.training.stop_loss == 0.21 and w.live.training.stop_epochs is None
    train_until_stopped(qtbot, w)  # the first run sets where Reset goes back to

    slow = played(qtbot, w, 10)  # frames end every 10 steps: 2.5 frames an epoch
    fast = played(qtbot, w, 100)  # 4 epochs a frame
    epoch, steps, _, points, message = slow
    assert message.startswith("Stopped: training loss") and steps == 25 * epoch  # at an epoch's end
    assert fast[:3] == slow[:3]  # the same epoch, steps and weights (stopped 20 steps apart before)
    assert fast[3] == points  # the same curves (they had a point at each frame's end: 0.4, 0.8, 1.2 … epochs)
    assert [e for e, *_ in points] == list(range(epoch + 1))  # a point per epoch, from the start


def test_a_long_run_keeps_every_epoch_up_to_2048_and_then_half_as_many_a_doubling():
    from designer.ui.live.history import epoch_recorded

    kept = [e for e in range(1, 2**16 + 1) if epoch_recorded(e)]
    assert kept[:2048] == list(range(1, 2049))  # the lecture's runs: a point per epoch
    assert sum(1 for e in kept if 2**15 <= e < 2**16) == 1024  # later a bounded number, by the epoch alone
    assert len(kept) == 2047 + 1024 * 5 + 1  # 65,536 epochs: 7,168 points
