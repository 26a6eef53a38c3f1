"""What training reports besides gradients: loss values, accuracy, evaluation, epochs, and
optimiser state (reset after a divergence, kept in the network's dtype)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from designer.engine import Trainer, TrainingSettings, compile_network, loss_value
from designer.engine.losses import accuracy, is_classification
from designer.engine.optimizers import make_optimizer
from tests.engine import reference
from tests.engine.cases import LOSS_CASES, TARGETS, X, classifier
from tests.netgen import layered
from tests.torchref import TorchNetwork, require_torch


def test_loss_values_with_softmax_and_several_outputs():
    p = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]])
    y = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    assert loss_value("cross_entropy", p, y, softmax=True) == pytest.approx(-(math.log(0.7) + math.log(0.1)) / 2)
    assert loss_value("mse", p, y) == pytest.approx(np.mean((p - y) ** 2))
    assert loss_value("sse", p, y, softmax=True) == pytest.approx(np.sum((p - y) ** 2))
    bce = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert loss_value("cross_entropy", p, y) == pytest.approx(bce)
    assert math.isfinite(loss_value("cross_entropy", np.array([[0.0, 1.0]]), np.array([[1.0, 0.0]]), softmax=True))
    # reported in float64 whatever comes in: a float32 p of 0 is clipped to 1e-12, not to float32's 1e-7
    assert loss_value("cross_entropy", np.float32([[0.0]]), [[1.0]]) == pytest.approx(-math.log(1e-12))
    with pytest.raises(ValueError, match="unknown loss 'hinge' \\(known: mse, sse, cross_entropy\\)"):
        loss_value("hinge", p, y)


def test_accuracy_by_argmax_for_softmax_and_by_threshold_otherwise():
    p = np.array([[0.6, 0.4], [0.3, 0.7], [0.5, 0.5], [0.45, 0.55]])
    y = np.array([[1.0, 0.0], [1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    assert accuracy(p, y, softmax=True) == 0.75  # argmax; a tie goes to the first output
    assert accuracy(p, y) == 0.5  # every output must be on the right side of 0.5 (0.5 counts as 1)
    one = np.array([[0.2], [0.5], [0.9]])
    assert accuracy(one, np.array([[0.0], [1.0], [0.0]])) == pytest.approx(2 / 3)
    assert accuracy(one, np.array([[0.0], [1.0], [0.0]]), softmax=True) == pytest.approx(2 / 3)  # 1 output: threshold
    assert math.isnan(accuracy(np.zeros((0, 1)), np.zeros((0, 1))))


def test_is_classification():
    assert is_classification(np.array([[0.0], [1.0]]))
    assert not is_classification(np.array([[0.0], [0.5]]))
    assert not is_classification(np.zeros((0, 1)))


def test_evaluate_reports_the_loss_and_accuracy_of_the_current_weights():
    net = classifier("linear", softmax=True)
    x = np.array([[0.5, -1.0], [1.5, 0.25], [-0.75, 0.8]])
    y = np.eye(3)[[0, 2, 1]]
    trainer = Trainer(compile_network(net), x, y, TrainingSettings(loss="cross_entropy"))
    metrics = trainer.evaluate(x, y)
    p = [reference.outputs(net, s) for s in x]
    assert metrics.loss == pytest.approx(reference.loss("cross_entropy", p, y, softmax=True), rel=1e-12)
    assert metrics.accuracy == np.mean(np.argmax(p, axis=1) == [0, 2, 1])
    regression = trainer.evaluate(x, y * 0.5)
    assert regression.accuracy is None
    assert regression.loss == pytest.approx(reference.loss("cross_entropy", p, y * 0.5, softmax=True), rel=1e-12)
    empty = trainer.evaluate(np.zeros((0, 2)), np.zeros((0, 3)))
    assert math.isnan(empty.loss) and empty.accuracy is None


def test_an_epoch_is_every_sample_once_in_batches():
    net = layered([2, 2, 1], ["tanh", "sigmoid"])
    x = np.random.default_rng(0).normal(size=(10, 2))
    y = (x[:, :1] > 0).astype(float)
    trainer = Trainer(compile_network(net), x, y, TrainingSettings(batch_size=4, learning_rate=0.1))
    result = trainer.run_epoch()
    assert (result.epoch, result.step, trainer.steps) == (1, 3, 3)  # 4 + 4 + 2
    result = trainer.run_epoch()
    assert (result.epoch, result.step) == (2, 6)
    assert [r.step for r in trainer.iterate(2)] == [7, 8, 9, 10, 11, 12]
    assert trainer.epoch == 4


def test_an_epoch_stops_at_a_divergence():
    net = layered([1, 1], ["linear"])
    trainer = Trainer(
        compile_network(net), np.array([[1e200], [1.0]]), np.array([[0.0], [1.0]]), TrainingSettings(batch_size=1)
    )
    result = trainer.run_epoch()
    assert result.diverged and trainer.epoch == 0


@pytest.mark.parametrize("name", ["momentum", "adam"])
def test_reset_forgets_the_optimizer_state(name):
    """After a divergence training restarts the optimiser: the next step is a first step again."""
    opt = make_optimizer(name, 3, np.dtype(np.float64))
    g = np.array([1.0, -2.0, 0.5])
    first = g.copy()
    opt.step_direction(first, 0.1)
    second = np.array([3.0, 1.0, -4.0])
    opt.step_direction(second, 0.1)
    assert not np.allclose(second, [0.3, 0.1, -0.4])  # the state from the first step counts
    opt.reset()
    again = g.copy()
    opt.step_direction(again, 0.1)
    np.testing.assert_array_equal(again, first)


def test_a_divergence_resets_the_optimizer_of_the_trainer():
    net = layered([1, 1], ["linear"])
    settings = TrainingSettings(loss="sse", optimizer="momentum", learning_rate=0.01, batch_size=1)
    trainer = Trainer(compile_network(net), np.array([[1.0], [1e200]]), np.array([[1.0], [0.0]]), settings)
    while not trainer.step().diverged:
        pass
    assert not trainer.optimizer.velocity.any() and not trainer.optimizer.started


@pytest.mark.parametrize("name", ["sgd", "momentum", "adam"])
def test_optimizer_state_stays_in_the_network_dtype(name):
    net = layered([2, 3, 1], ["tanh", "sigmoid"])
    x = np.random.default_rng(0).normal(size=(8, 2)).astype(np.float32)
    y = (x[:, :1] > 0).astype(np.float32)
    trainer = Trainer(compile_network(net, np.float32), x, y, TrainingSettings(optimizer=name))
    trainer.step()
    state = [v for v in vars(trainer.optimizer).values() if isinstance(v, np.ndarray)]
    assert len(state) == {"sgd": 0, "momentum": 1, "adam": 3}[name]  # velocity; m, v and a scratch buffer
    assert all(v.dtype == np.float32 and v.shape == trainer.net.theta.shape for v in state)
    assert trainer.net.theta.dtype == np.float32
    with pytest.raises(ValueError, match="unknown optimizer 'rmsprop' \\(known: sgd, momentum, adam\\)"):
        make_optimizer("rmsprop", 3, np.dtype(np.float32))


def _saturated(softmax: bool):
    """One input; a sigmoid output (or two softmax outputs) pushed far into saturation on the wrong side."""
    net = layered([1, 2 if softmax else 1], ["linear" if softmax else "sigmoid"])
    net.softmax = softmax
    for k, c in enumerate(net.connections.values()):
        c.weight = 40.0 if k == 0 else -40.0
    for neuron in net.neurons.values():
        neuron.bias = 0.0
    x = np.array([[1.0], [-1.0], [0.5], [0.0]])
    one_hot = np.array([[0.0, 1.0], [1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])
    y = one_hot if softmax else np.array([[0.0], [1.0], [1.0], [0.5]])
    return net, x, y


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("softmax", [False, True])
def test_the_loss_evaluated_is_the_loss_training_takes_even_when_outputs_saturate(softmax, dtype):
    """Sigmoid and softmax outputs with cross-entropy: the loss reported (``train``'s summary, the live
    curves) is the exact one of a training step and of autograd, not that of p clipped to 1e-12
    (14.0 where the loss is 20.2)."""
    torch = require_torch()
    net, x, y = _saturated(softmax)
    compiled = compile_network(net, dtype)
    settings = TrainingSettings(loss="cross_entropy", learning_rate=1e-12)
    trainer = Trainer(compiled, x, y, settings)
    reported = trainer.evaluate(x, y).loss
    z = torch.tensor(x, dtype=torch.float64) * torch.tensor([c.weight for c in net.connections.values()])
    target = torch.tensor(y, dtype=torch.float64)
    if softmax:
        exact = float(-(target * torch.log_softmax(z, dim=1)).sum(dim=1).mean())
    else:
        exact = float(torch.nn.functional.binary_cross_entropy_with_logits(z, target))
    assert exact > 20  # its wrong samples lose 40 each, beyond -log 1e-12 = 27.6
    assert reported == pytest.approx(exact, rel=1e-6)
    assert trainer.step().loss == pytest.approx(reported, rel=1e-6)  # the step's loss, before its update


def test_the_loss_evaluated_in_chunks_is_the_loss_of_the_whole_set(monkeypatch):
    from designer.engine import compiled as compiled_module
    from designer.engine import training

    net = compile_network(layered([2, 3, 1], ["tanh", "sigmoid"], seed=4))
    x = np.random.default_rng(0).normal(size=(50, 2))
    y = np.random.default_rng(1).integers(0, 2, size=(50, 1)).astype(float)
    whole_p, whole = training.outputs_and_loss(net, x, y, "cross_entropy")
    monkeypatch.setattr(training, "MAX_BUFFER_ENTRIES", 7 * net.n_rows)  # chunks of 7 samples
    assert compiled_module.MAX_BUFFER_ENTRIES != training.MAX_BUFFER_ENTRIES
    chunked_p, chunked = training.outputs_and_loss(net, x, y, "cross_entropy")
    assert chunked == pytest.approx(whole, rel=1e-12) and np.array_equal(chunked_p, whole_p)
    assert whole == pytest.approx(loss_value("cross_entropy", whole_p, y), rel=1e-12)  # unsaturated: the same


def test_epochs_done_counts_the_share_of_the_epoch_its_batches_used():
    """25 samples in batches of 10: 10, 10, 5 per epoch; the curves plot 0.4, 0.8, 1.0, 1.4 (steps × 10 / 25
    gave 1.2 at the end of the first epoch and 120 after 100 epochs)."""
    net = compile_network(layered([2, 3, 1], ["tanh", "sigmoid"], seed=0))
    x, y = np.random.default_rng(1).normal(size=(25, 2)), np.ones((25, 1))
    trainer = Trainer(net, x, y, TrainingSettings(loss="mse", batch_size=10, learning_rate=0.01))
    assert trainer.epochs_done == 0.0
    done = []
    for _ in range(6):
        trainer.step()
        done.append(trainer.epochs_done)
    assert done == pytest.approx([0.4, 0.8, 1.0, 1.4, 1.8, 2.0])
    whole = Trainer(net, x, y, TrainingSettings(loss="mse", learning_rate=0.01))
    whole.step()
    assert whole.epochs_done == 1.0


@pytest.mark.parametrize("loss, outputs, softmax, targets", LOSS_CASES)
def test_the_loss_evaluated_is_autograds_for_every_loss_and_kind_of_output(loss, outputs, softmax, targets):
    """mse's mean over samples and outputs, sse's sum, cross-entropy's fused, dL/dp and softmax paths:
    the loss ``train`` reports and the live curves plot is the objective autograd differentiates."""
    net, y = classifier(outputs, softmax), TARGETS[targets]
    reported = Trainer(compile_network(net), X, y, TrainingSettings(loss=loss)).evaluate(X, y).loss
    assert reported == pytest.approx(float(TorchNetwork(net).data_loss(X, y, loss).detach()), rel=1e-12)
