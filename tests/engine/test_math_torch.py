"""The training path's mathematics against PyTorch autograd and torch.optim (float64).

The same cases as tests/engine/test_math.py, with torch as the second reference: a real
``Trainer.step`` against autograd for every activation, loss (with and without softmax), L1 and L2,
and every optimiser's first steps against torch.optim on the same objective. Skips without torch,
fails without it when ``NN_DESIGNER_REQUIRE_TORCH=1`` (CI).
"""

from __future__ import annotations

import numpy as np
import pytest

from designer.engine import Trainer, TrainingSettings, compile_network
from designer.model import ACTIVATIONS
from tests.engine.cases import LOSS_CASES, TARGETS, Z_VALUES, X, chain, classifier, one_weight, penalised_net
from tests.engine.trainpath import step_gradient, trajectory
from tests.netgen import random_dag
from tests.torchref import TorchNetwork, require_torch

TOL = {"rel": 1e-9, "abs": 1e-12}


@pytest.fixture(autouse=True)
def _torch():
    require_torch()


def assert_close(ours: dict, theirs: dict, where: str) -> None:
    assert ours.keys() == theirs.keys()
    for parameter, value in theirs.items():
        assert ours[parameter] == pytest.approx(value, **TOL), f"{where} d/d{parameter}"


@pytest.mark.parametrize("z", Z_VALUES)
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_every_activation_matches_autograd(activation, z):
    net, x = chain(activation, z_hidden=z, z_out=-z / 2)
    y = [[0.3, -0.4]]
    value, ours = step_gradient(net, x, y, "sse")
    ref_value, theirs = TorchNetwork(net).gradients(x, y, "sse")
    assert value == pytest.approx(ref_value, **TOL)
    assert_close(ours, theirs, f"{activation} at z={z}")


@pytest.mark.parametrize("loss, outputs, softmax, targets", LOSS_CASES)
def test_every_loss_with_and_without_softmax_matches_autograd(loss, outputs, softmax, targets):
    net = classifier(outputs, softmax)
    y = TARGETS[targets]
    value, ours = step_gradient(net, X, y, loss)
    ref_value, theirs = TorchNetwork(net).gradients(X, y, loss)
    assert value == pytest.approx(ref_value, **TOL)
    assert_close(ours, theirs, f"{loss}, {outputs} outputs, softmax={softmax}, {targets}")


@pytest.mark.parametrize("l1, l2", [(0.05, 0.0), (0.0, 0.2), (0.05, 0.2)])
def test_l1_and_l2_match_autograd(l1, l2):
    net = penalised_net()
    x = np.random.default_rng(1).normal(size=(6, 2))
    y = np.random.default_rng(2).normal(size=(6, 1))
    _, ours = step_gradient(net, x, y, "mse", l1=l1, l2=l2)
    reference = TorchNetwork(net)
    _, theirs = reference.gradients(x, y, "mse", l1=l1, l2=l2)
    trainable = {id(p) for p in reference.trainable()}
    for parameter, p in reference.params.items():  # frozen values are never moved
        if id(p) not in trainable:
            theirs[parameter] = 0.0
    assert_close(ours, theirs, f"l1={l1}, l2={l2}")


@pytest.mark.parametrize("optimizer, lr", [("sgd", 0.05), ("momentum", 0.05), ("adam", 0.1)])
def test_first_optimizer_steps_match_torch_optim_on_one_weight(optimizer, lr):
    net, x, y = one_weight()
    ours = trajectory(net, x, y, TrainingSettings(loss="sse", optimizer=optimizer, learning_rate=lr), 3)
    theirs = TorchNetwork(net).train(x, y, "sse", optimizer, lr, 3)
    for k, (a, b) in enumerate(zip(ours, theirs, strict=True), start=1):
        assert_close(a, b, f"{optimizer} step {k}")


@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_optimizers_with_penalties_and_frozen_values_match_torch_optim(optimizer, loss):
    net = penalised_net()
    if loss == "cross_entropy":
        for o in net.outputs:
            net.neurons[o].activation = "sigmoid"
    x = np.random.default_rng(3).normal(size=(8, 2))
    y = np.random.default_rng(4).integers(0, 2, size=(8, 1)).astype(float)
    settings = TrainingSettings(loss=loss, optimizer=optimizer, learning_rate=0.05, l1=0.01, l2=0.1, momentum=0.8)
    ours = trajectory(net, x, y, settings, 3)
    theirs = TorchNetwork(net).train(x, y, loss, optimizer, 0.05, 3, l1=0.01, l2=0.1, momentum=0.8)
    for k, (a, b) in enumerate(zip(ours, theirs, strict=True), start=1):
        assert_close(a, b, f"{optimizer} step {k}")


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_optimizers_match_torch_over_25_steps_with_skip_connections(optimizer):
    net = random_dag(11, n_hidden=4)
    x = np.random.default_rng(0).normal(size=(20, 2))
    y = np.random.default_rng(1).normal(size=(20, 1))
    ours = trajectory(net, x, y, TrainingSettings(loss="mse", optimizer=optimizer, learning_rate=0.05), 25)
    theirs = TorchNetwork(net).train(x, y, "mse", optimizer, 0.05, 25)
    assert ours[-1] == pytest.approx(theirs[-1], abs=1e-9)


def _far_apart_softmax():
    """Softmax over three linear outputs whose z lie 800 apart at x = 1: e^z overflows unless the largest
    z is taken off first (the smallest taken off gives inf/inf = NaN)."""
    from designer.model import Connection, InputNode, Network, Neuron

    net = Network(name="far apart", softmax=True)
    net.inputs["x1"] = InputNode("x1")
    for k, weight in enumerate([800.0, 0.0, -800.0], start=1):
        net.neurons[f"y{k}"] = Neuron(f"y{k}", "linear", bias=0.5 * k)
        net.connections[("x1", f"y{k}")] = Connection("x1", f"y{k}", weight)
    net.outputs = ["y1", "y2", "y3"]
    return net, np.array([[1.0], [0.0], [-1.0]]), np.array([[0.0, 1.0, 0.0], [0.2, 0.3, 0.5], [1.0, 0.0, 0.0]])


@pytest.mark.parametrize("loss", ["mse", "sse", "cross_entropy"])
def test_softmax_far_apart_is_stable_in_the_outputs_the_loss_training_the_landscape_and_the_summary(loss):
    """Each softmax takes the largest z off before e^z (forward, training, loss, landscape): taking off
    another value passed every other test."""
    from designer.engine.landscape import Parameter, loss_landscape

    net, x, y = _far_apart_softmax()
    reference = TorchNetwork(net)
    compiled = compile_network(net)
    expected = reference.outputs(x).detach().numpy()
    np.testing.assert_allclose(compiled.forward(x), expected, rtol=1e-12, atol=1e-300)
    ref_loss, theirs = reference.gradients(x, y, loss)
    assert np.isfinite(ref_loss)
    value, ours = step_gradient(net, x, y, loss)  # the training path
    assert value == pytest.approx(ref_loss, **TOL)
    assert_close(ours, theirs, f"softmax far apart, {loss}")
    settings = TrainingSettings(loss=loss)
    assert Trainer(compile_network(net), x, y, settings).evaluate(x, y).loss == pytest.approx(ref_loss, **TOL)
    landscape = loss_landscape(compiled, x, y, loss, [Parameter("y2")], [np.array([0.5, 1.0])], dtype=np.float64)
    assert landscape.values[1] == pytest.approx(ref_loss, **TOL)  # y2's bias is 1.0 in the network


def torch_minibatch_trajectory(net, x, y, loss, optimizer, lr, batch, epochs, seed, order_of_epoch=None):
    """Parameters after ``epochs`` epochs of torch.optim on mini-batches: each epoch the sample order is
    shuffled again by ``numpy.random.default_rng(seed)`` (the previous epoch's order, shuffled in place),
    cut into batches of ``batch`` (the last may be shorter), each batch's mean loss one step."""
    torch = require_torch()
    reference = TorchNetwork(net)
    params = reference.trainable()
    opt = {"sgd": torch.optim.SGD, "momentum": torch.optim.SGD, "adam": torch.optim.Adam}[optimizer](
        params, lr=lr, **({"momentum": 0.9} if optimizer == "momentum" else {})
    )
    rng, order = np.random.default_rng(seed), np.arange(len(x))
    for epoch in range(epochs):
        if order_of_epoch is None:
            rng.shuffle(order)
        else:
            order = order_of_epoch(epoch)
        for c0 in range(0, len(x), batch):
            rows = order[c0 : c0 + batch]
            opt.zero_grad()
            reference.objective(x[rows], y[rows], loss).backward()
            opt.step()
    return {k: float(p.detach()) for k, p in reference.params.items()}


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_mini_batches_follow_torch_in_the_seeded_shuffled_order(optimizer):
    """Batches of 4 of 11 samples (4, 4, 3), reshuffled every epoch by the seed: three epochs equal torch.optim
    on the same batches. Batches in file order every epoch, or the shuffle of another seed, do not."""
    net = random_dag(5, n_hidden=4, n_outputs=2)
    x = np.random.default_rng(8).normal(size=(11, 2))
    y = np.random.default_rng(9).normal(size=(11, 2))
    settings = TrainingSettings(loss="mse", optimizer=optimizer, learning_rate=0.05, batch_size=4, seed=3)
    ours = trajectory(net, x, y, settings, 9)[-1]
    theirs = torch_minibatch_trajectory(net, x, y, "mse", optimizer, 0.05, 4, 3, seed=3)
    assert_close(ours, theirs, f"{optimizer}, mini-batches")
    in_file_order = torch_minibatch_trajectory(net, x, y, "mse", optimizer, 0.05, 4, 3, 3, lambda _: np.arange(11))
    other_seed = torch_minibatch_trajectory(net, x, y, "mse", optimizer, 0.05, 4, 3, seed=0)
    for other in (in_file_order, other_seed):  # the comparison tells the orders apart
        assert max(abs(other[k] - ours[k]) for k in ours) > 1e-4
