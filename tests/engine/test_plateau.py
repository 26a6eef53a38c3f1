"""The plateau rule on synthetic curves, the best constant output's loss, and the trainer's gradient length.

A 2-2-1 sigmoid network on XOR with SGD at 0.03 sat at loss 0.25 for tens of thousands of epochs and
the app said nothing; the rule that tells it (designer/engine/plateau.py) must not tell converged,
still-learning or bouncing runs."""

import math

import numpy as np
import pytest

from designer.engine import Trainer, TrainingSettings, compile_network, losses
from designer.engine.backprop import BatchGradient
from designer.engine.plateau import MIN_WINDOW, PlateauWatch, constant_output_loss, find_plateau
from designer.engine.training import GRADIENT_EVERY, outputs_and_loss
from designer.model.templates import two_two_one

XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_Y = np.array([[0], [1], [1], [0]], dtype=float)


def curve(last: int, loss, acc=0.5):
    """Points at every epoch 0 … last; ``loss`` and ``acc`` functions of the epoch, or constants."""
    epochs = np.arange(last + 1, dtype=float)
    values = [np.array([f(e) for e in epochs]) if callable(f) else np.full(len(epochs), float(f)) for f in (loss, acc)]
    return epochs, values[0], values[1]


def stuck(e):
    """XOR's plateau as SGD at 0.03 draws it: from 0.260 down to about 0.253, then creeping."""
    return 0.2530 + 0.007 * math.exp(-e / 60)


def test_the_xor_plateau_is_found_over_the_last_half_of_the_run():
    found = find_plateau(*curve(600, stuck), gradient_norm=0.008, constant_loss=0.25)
    assert found is not None
    assert found.epochs == 300 and found.loss == pytest.approx(0.2530, abs=1e-4) and found.accuracy == 0.5


def test_a_run_shorter_than_the_window_is_not_judged():
    assert find_plateau(*curve(MIN_WINDOW - 1, 0.25), gradient_norm=0.0, constant_loss=0.25) is None
    assert find_plateau(*curve(MIN_WINDOW, 0.25), gradient_norm=0.0, constant_loss=0.25) is not None


@pytest.mark.parametrize(
    ("loss", "acc", "why"),
    [
        (0.01, 0.5, "converged: the loss is far below the constant output's"),
        (0.2, 1.0, "every training point is right"),
        (lambda e: 0.25 - 2e-5 * e, 0.5, "a slow, steady descent: 2 % over the window"),
        (0.25, lambda e: 0.5 if e < 500 else 0.75, "the accuracy got better inside the window"),
        (lambda e: 0.25 + 0.01 * (e % 2), 0.5, "the loss bounces"),
    ],
)
def test_runs_that_are_no_plateau_are_not_told(loss, acc, why):
    assert find_plateau(*curve(600, loss, acc), gradient_norm=0.001, constant_loss=0.25) is None, why


def test_a_steep_gradient_under_a_flat_loss_is_no_plateau():
    """A rate so large that the steps jump across the valley: the loss looks flat, the gradient is not."""
    assert find_plateau(*curve(600, 0.25), gradient_norm=0.1, constant_loss=0.25) is None
    assert find_plateau(*curve(600, 0.25), gradient_norm=0.01, constant_loss=0.25) is not None


def test_the_window_grows_with_the_run():
    """Flat for the last 2,000 of 10,000 epochs after a descent: not yet a plateau (half the run, 5,000
    epochs, is looked at); flat for the last half: one."""
    late = find_plateau(*curve(10_000, lambda e: max(0.25, 0.5 - 0.25 * e / 8000)), 0.001, 0.5)
    half = find_plateau(*curve(10_000, lambda e: max(0.25, 0.5 - 0.25 * e / 5000)), 0.001, 0.5)
    assert late is None and half is not None and half.epochs == 5000


def test_regression_targets_have_no_accuracy_and_are_judged_by_the_loss():
    assert find_plateau(*curve(600, 0.4, math.nan), gradient_norm=0.001, constant_loss=0.5) is not None
    assert find_plateau(*curve(600, 0.1, math.nan), gradient_norm=0.001, constant_loss=0.5) is None


def test_not_finite_numbers_find_nothing():
    epochs, loss, acc = curve(600, 0.25)
    assert find_plateau(epochs, loss, acc, math.nan, 0.25) is None
    loss[-10] = math.inf
    assert find_plateau(epochs, loss, acc, 0.001, 0.25) is None


def test_the_watch_tells_a_plateau_once_and_again_after_the_loss_left_it():
    watch = PlateauWatch()
    epochs, loss, acc = curve(600, stuck)
    assert watch.check(epochs, loss, acc, 0.008, 0.25) is not None
    for last in range(601, 2000, 100):  # the same plateau, checked every frame: not told again
        assert watch.check(*curve(last, stuck), 0.008, 0.25) is None
    lower = curve(3000, lambda e: stuck(e) if e < 1500 else 0.125)  # left it, then stuck lower
    assert watch.check(*lower, 0.002, 0.25) is not None
    assert watch.check(*lower, 0.002, 0.25) is None
    watch.clear()  # a new run (new weights): told again
    assert watch.check(*lower, 0.002, 0.25) is not None


@pytest.mark.parametrize(
    ("y", "loss", "softmax", "expected"),
    [
        (XOR_Y, "mse", False, 0.25),
        (XOR_Y, "sse", False, 1.0),  # summed over the 4 rows
        (XOR_Y, "cross_entropy", False, math.log(2)),
        (np.eye(3), "cross_entropy", True, math.log(3)),
        (np.array([[1.0], [1.0]]), "cross_entropy", False, 0.0),  # one class only: the constant fits
        (np.array([[0.0], [2.0], [4.0]]), "mse", False, 8 / 3),  # the targets' variance
    ],
)
def test_the_best_constant_output_loses_what_the_targets_spread_costs(y, loss, softmax, expected):
    assert constant_output_loss(y, loss, softmax) == pytest.approx(expected, abs=1e-9)


def gradient_norm_now(net, x, y, loss="mse") -> float:
    _, grad = BatchGradient(net, loss).compute_unchecked(net.as_node_major(x), np.ascontiguousarray(y.T))
    return float(np.linalg.norm(grad))


def test_the_trainer_measures_the_full_gradient_in_one_epoch_of_eight():
    net = compile_network(two_two_one(), np.float64)
    trainer = Trainer(net, XOR_X, XOR_Y, TrainingSettings(optimizer="sgd", learning_rate=0.03))
    for _ in range(GRADIENT_EVERY - 1):
        trainer.step()
    assert math.isnan(trainer.gradient_norm)
    expected = gradient_norm_now(net, XOR_X, XOR_Y)
    trainer.step()  # the 8th epoch: measured where it starts
    assert trainer.gradient_norm == pytest.approx(expected, rel=1e-12)
    trainer.step()
    assert trainer.gradient_norm == pytest.approx(expected, rel=1e-12)  # kept until the 16th


def test_with_mini_batches_the_trainer_measures_the_mean_of_the_epochs_batch_gradients():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(40, 2))
    y = (x[:, :1] * x[:, 1:] > 0).astype(float)
    net = compile_network(two_two_one(), np.float64)
    settings = TrainingSettings(optimizer="sgd", learning_rate=1e-12, batch_size=10)  # θ stays put
    trainer = Trainer(net, x, y, settings)
    for _ in range(GRADIENT_EVERY):
        trainer.run_epoch()
    assert trainer.gradient_norm == pytest.approx(gradient_norm_now(net, x, y), rel=1e-6)


def run_xor(optimizer: str, epochs: int) -> list[int]:
    """Train the 2-2-1 template on XOR in float32 as the app does, checking for a plateau every 16 epochs
    (a frame); the epochs it was told at."""
    net = compile_network(two_two_one(), np.float32)
    trainer = Trainer(net, XOR_X, XOR_Y, TrainingSettings(optimizer=optimizer, learning_rate=0.03))
    watch, told = PlateauWatch(), []
    points: list[tuple[float, float, float]] = []
    for epoch in range(epochs + 1):
        if epoch:
            trainer.step()
        p, loss = outputs_and_loss(net, XOR_X, XOR_Y, "mse")
        points.append((epoch, loss, losses.accuracy(p, XOR_Y)))
        if epoch % 16 == 0:
            curves = (np.array(c) for c in zip(*points, strict=True))
            if watch.check(*curves, trainer.gradient_norm, 0.25) is not None:
                told.append(epoch)
    return told


def test_the_templates_old_sgd_run_is_told_once_and_adam_which_learns_never():
    told = run_xor("sgd", 1000)
    assert len(told) == 1 and told[0] <= 500
    assert run_xor("adam", 1000) == []
