"""The loss landscape against direct loss evaluations, finite differences and PyTorch."""

import itertools
import random

import numpy as np
import pytest

from designer.engine import EngineError, compile_network, gradients
from designer.engine.landscape import MAX_GRID_POINTS, Parameter, default_axis, loss_landscape, parameter_index
from tests.engine.test_gradients import _data
from tests.netgen import layered, random_dag
from tests.torchref import TorchNetwork, require_torch


def all_parameters(net_model):
    return [Parameter(t, s) for s, t in net_model.connections] + [Parameter(n) for n in net_model.neurons]


def direct_loss(net, x, y, loss, parameters, values):
    """Set the values in theta, run the engine's forward and loss, put theta back."""
    saved = net.theta.copy()
    for parameter, value in zip(parameters, values, strict=True):
        net.theta[parameter_index(net, parameter)] = value
    value = gradients(net, x, y, loss).loss
    net.theta[:] = saved
    return value


def model(seed, loss):
    """A random DAG with skip connections; sigmoid outputs for cross-entropy, sometimes softmax (over two
    or three outputs: over one, a mean over outputs and one over samples cannot be told apart)."""
    softmax = loss != "sse" and seed % 3 == 0
    outputs = 2 + seed % 2 if softmax else 1 + seed % 3
    net_model = random_dag(seed, n_inputs=2, n_hidden=5, n_outputs=outputs, softmax=softmax)
    if loss == "cross_entropy" and not softmax and seed % 2:
        for o in net_model.outputs:
            net_model.neurons[o].activation = "sigmoid"
    return net_model


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("loss", ["mse", "sse", "cross_entropy"])
def test_every_grid_point_is_the_direct_loss(seed, loss):
    net_model = model(seed, loss)
    net = compile_network(net_model)
    x, y = _data(net_model, seed, n=11, classification=loss == "cross_entropy")
    rng = random.Random(seed)
    parameters = rng.sample(all_parameters(net_model), 2)
    axes = [np.linspace(-2.5, 2.0, 5), np.array([-1.0, 0.3, 1.7, 3.0])]
    before = net.theta.copy()
    result = loss_landscape(net, x, y, loss, parameters, axes, dtype=np.float64)
    assert np.array_equal(net.theta, before)  # the network is left as it was
    assert result.values.shape == (5, 4)
    for i, j in itertools.product(range(5), range(4)):
        expected = direct_loss(net, x, y, loss, parameters, (axes[0][i], axes[1][j]))
        assert result.values[i, j] == pytest.approx(expected, rel=1e-11, abs=1e-12), (parameters, i, j)
    assert result.current == tuple(net.theta[parameter_index(net, p)] for p in parameters)
    assert result.current_loss == pytest.approx(gradients(net, x, y, loss).loss, rel=1e-12)


@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
def test_every_pair_of_parameters_of_a_small_net(loss):
    """Same neuron, same level, different levels, an output feeding nothing: all pairs, float32 too."""
    net_model = random_dag(3, n_inputs=2, n_hidden=3, n_outputs=1)
    if loss == "cross_entropy":
        net_model.neurons["y1"].activation = "sigmoid"
    net = compile_network(net_model)
    x, y = _data(net_model, 3, n=6, classification=loss == "cross_entropy")
    axes = [np.array([-1.5, 0.5]), np.array([-0.5, 2.0])]
    for pair in itertools.combinations(all_parameters(net_model), 2):
        exact = loss_landscape(net, x, y, loss, pair, axes, dtype=np.float64).values
        single = loss_landscape(net, x, y, loss, pair, axes).values
        for i, j in itertools.product(range(2), range(2)):
            expected = direct_loss(net, x, y, loss, pair, (axes[0][i], axes[1][j]))
            assert exact[i, j] == pytest.approx(expected, rel=1e-11, abs=1e-12), pair
            assert single[i, j] == pytest.approx(expected, rel=2e-5, abs=1e-6), pair


def test_a_first_layer_weight_of_a_wide_net_changes_every_row_after_it():
    net_model = layered([2, 8, 8, 1], ["tanh", "tanh", "sigmoid"], seed=4)
    net = compile_network(net_model)
    x, y = _data(net_model, 4, n=30, classification=True)
    parameters = [Parameter("l1n3", "x2"), Parameter("l2n5", "l1n3")]
    axes = [np.linspace(-3, 3, 4), np.linspace(-2, 2, 3)]
    values = loss_landscape(net, x, y, "cross_entropy", parameters, axes).values
    for i, j in itertools.product(range(4), range(3)):
        expected = direct_loss(net, x, y, "cross_entropy", parameters, (axes[0][i], axes[1][j]))
        assert values[i, j] == pytest.approx(expected, rel=2e-5)


def test_a_deep_chain_holds_a_bounded_number_of_buffer_entries(monkeypatch):
    """Chunks were sized by the widest level, while every level keeps its own buffers: a 1,000-level chain
    took 4.4 GB. Counted, not timed: the entries allocated at once stay within BUFFER_ENTRIES per buffer kind."""
    from designer.engine import landscape

    monkeypatch.setattr(landscape, "BUFFER_ENTRIES", 1 << 14)  # small, so a 120-level chain must respect it
    net_model = layered([1] + [1] * 120, ["tanh"] * 119 + ["linear"], seed=1)
    net = compile_network(net_model)
    x, y = _data(net_model, 1, n=50)
    held: list[int] = []
    real = landscape._Run._buffers_for

    def counted(self, points):
        buffers = real(self, points)
        held.append(sum(b.size for level in buffers for b in level))
        return buffers

    monkeypatch.setattr(landscape._Run, "_buffers_for", counted)
    first = next(iter(net_model.connections))
    values = loss_landscape(net, x, y, "mse", [Parameter(first[1], first[0])], [np.linspace(-1, 1, 200)]).values
    assert max(held) <= 3 * (1 << 14)
    expected = direct_loss(net, x, y, "mse", [Parameter(first[1], first[0])], (0.5,))
    assert loss_landscape(net, x, y, "mse", [Parameter(first[1], first[0])], [[0.5]]).values[0] == pytest.approx(
        expected, rel=2e-5
    )
    assert np.all(np.isfinite(values))


def test_one_parameter_gives_a_curve_whose_slope_is_the_gradient():
    net_model = layered([2, 4, 3, 1], ["tanh", "sigmoid", "linear"], seed=2)
    net = compile_network(net_model)
    x, y = _data(net_model, 2, n=20)
    g = gradients(net, x, y, "mse")
    h = 1e-5
    for parameter in all_parameters(net_model):
        value = net.theta[parameter_index(net, parameter)]
        curve = loss_landscape(net, x, y, "mse", [parameter], [[value - h, value, value + h]], dtype=np.float64)
        assert curve.values.shape == (3,)
        slope = (curve.values[2] - curve.values[0]) / (2 * h)
        exact = g.biases[parameter.target] if parameter.is_bias else g.connections[(parameter.source, parameter.target)]
        assert slope == pytest.approx(exact, rel=1e-5, abs=1e-8), parameter.id
        assert curve.values[1] == pytest.approx(g.loss, rel=1e-12)


@pytest.mark.parametrize("seed", range(4))
def test_against_pytorch(seed):
    require_torch()
    loss = ("mse", "sse", "cross_entropy", "mse")[seed]
    net_model = model(seed + 20, loss)
    net = compile_network(net_model)
    x, y = _data(net_model, seed, n=9, classification=loss == "cross_entropy")
    first, second = random.Random(seed).sample(all_parameters(net_model), 2)
    axes = [np.array([-1.0, 0.75]), np.array([0.5, -2.0, 1.25])]
    values = loss_landscape(net, x, y, loss, [first, second], axes, dtype=np.float64).values
    for i, j in itertools.product(range(2), range(3)):
        changed = net_model.copy()
        for parameter, value in ((first, axes[0][i]), (second, axes[1][j])):
            if parameter.is_bias:
                changed.neurons[parameter.target].bias = float(value)
            else:
                changed.connections[(parameter.source, parameter.target)].weight = float(value)
        reference = float(TorchNetwork(changed).data_loss(x, y, loss).detach())
        assert values[i, j] == pytest.approx(reference, rel=1e-9, abs=1e-12)


def test_step_units_make_plateaus_that_gradients_cannot_see():
    """The lecture's point, seen on the landscape: the loss changes in jumps, the gradient is 0."""
    net_model = layered([2, 2, 1], ["step", "sigmoid"], seed=1)
    net = compile_network(net_model)
    x, y = _data(net_model, 1, n=40, classification=True)
    parameter = Parameter("l1n1", "x1")
    curve = loss_landscape(net, x, y, "mse", [parameter], [np.linspace(-3, 3, 601)], dtype=np.float64).values
    steps = np.diff(curve)
    assert np.count_nonzero(steps) < 60 and np.abs(steps).max() > 1e-3  # flat almost everywhere, with jumps
    assert gradients(net, x, y, "mse").connections[("x1", "l1n1")] == 0.0


def test_parameters_are_written_w_and_b():
    assert Parameter.parse("w:x1->h1") == Parameter("h1", "x1")
    assert Parameter.parse("b:h1") == Parameter("h1")
    assert Parameter("h1", "x1").id == "w:x1->h1" and Parameter("y").id == "b:y"
    for bad in ("x1->h1", "w:x1", "b:", "", "w:->h", None):
        with pytest.raises(ValueError, match="is not a parameter"):
            Parameter.parse(bad)


def test_bad_requests_get_one_line_reasons():
    net_model = layered([2, 2, 1], ["tanh", "linear"])
    net = compile_network(net_model)
    x, y = np.zeros((3, 2)), np.zeros((3, 1))
    axis = np.linspace(-1, 1, 3)
    cases = [
        ([Parameter("nope")], [axis], EngineError, "no neuron 'nope'"),
        ([Parameter("y1", "x1")], [axis], EngineError, "no connection x1 → y1"),
        ([Parameter("y1")] * 2, [axis, axis], ValueError, "must differ"),
        ([Parameter("y1")] * 3, [axis] * 3, ValueError, "one or two parameters"),
        ([Parameter("y1")], [[]], ValueError, "at least one finite value"),
        ([Parameter("y1")], [[np.nan]], ValueError, "at least one finite value"),
        ([Parameter("y1"), Parameter("l1n1")], [np.zeros(1001), np.zeros(1000)], ValueError, "at most 1,000,000"),
    ]
    for parameters, axes, error, message in cases:
        with pytest.raises(error, match=message):
            loss_landscape(net, x, y, "mse", parameters, axes)
    with pytest.raises(EngineError, match="targets of shape"):
        loss_landscape(net, x, np.zeros((3, 2)), "mse", [Parameter("y1")], [axis])
    with pytest.raises(EngineError, match="no samples"):
        loss_landscape(net, x[:0], y[:0], "mse", [Parameter("y1")], [axis])
    with pytest.raises(ValueError, match="unknown loss"):
        loss_landscape(net, x, y, "hinge", [Parameter("y1")], [axis])
    assert MAX_GRID_POINTS == 1_000_000


def test_default_axis_is_centred_on_the_value():
    axis = default_axis(0.5)
    assert len(axis) == 60 and axis[0] == -2.5 and axis[-1] == 3.5
    wide = default_axis(-4.0, points=5)
    assert wide.tolist() == [-12.0, -8.0, -4.0, 0.0, 4.0]


@pytest.mark.parametrize("seed", range(4))
def test_the_l1_and_l2_penalties_training_adds_are_in_the_landscape(seed):
    """With L2 = 0.5 the view showed the loss alone: its "lowest here" sat at large weights, where
    training never goes (it shrinks them)."""
    net_model = model(seed, "mse")
    frozen = sorted(net_model.connections)[seed]  # a frozen weight: never penalised
    net_model.connections[frozen].trainable = False
    net = compile_network(net_model)
    x, y = _data(net_model, seed, n=9, classification=False)
    weight = next(k for k in sorted(net_model.connections) if k != frozen)
    parameters = [Parameter(weight[1], weight[0]), Parameter(sorted(net_model.neurons)[0])]  # a weight, a bias
    axes = [np.linspace(-2.0, 2.0, 5), np.array([-1.0, 0.5])]
    l1, l2 = 0.03, 0.5
    result = loss_landscape(net, x, y, "mse", parameters, axes, dtype=np.float64, l1=l1, l2=l2)

    def penalty(weights):  # from the model, by hand: trainable connections only, biases never
        values = [weights.get(k, c.weight) for k, c in net_model.connections.items() if c.trainable]
        return l1 * sum(abs(v) for v in values) + l2 / 2 * sum(v * v for v in values)

    for i, j in itertools.product(range(5), range(2)):
        data_loss = direct_loss(net, x, y, "mse", parameters, (axes[0][i], axes[1][j]))
        expected = data_loss + penalty({weight: axes[0][i]})
        assert result.values[i, j] == pytest.approx(expected, rel=1e-11, abs=1e-12), (i, j)
    assert result.current_loss == pytest.approx(gradients(net, x, y, "mse").loss + penalty({}), rel=1e-12)
    frozen_only = [Parameter(frozen[1], frozen[0])]
    flat = loss_landscape(net, x, y, "mse", frozen_only, [axes[0]], dtype=np.float64, l1=l1, l2=l2)
    plain = loss_landscape(net, x, y, "mse", frozen_only, [axes[0]], dtype=np.float64)
    assert np.allclose(flat.values - plain.values, penalty({}))  # the frozen weight's value is not penalised


@pytest.mark.parametrize("seed", range(4))
def test_the_output_objective_is_the_mean_output_at_every_grid_point(seed):
    """A chain-rule drill's J = the output (no target): each grid value is the network's output there,
    averaged over the samples and outputs; the targets are not read."""
    from designer.engine.landscape import OUTPUT

    net_model = random_dag(seed, n_inputs=2, n_hidden=4, n_outputs=1 + seed % 2)
    net = compile_network(net_model, np.float64)
    x, y = _data(net_model, seed, n=7)
    parameters = random.Random(seed).sample(all_parameters(net_model), 2)
    axes = [np.linspace(-2.0, 2.0, 4), np.array([-1.0, 0.5, 2.5])]
    values = loss_landscape(net, x, np.full_like(y, np.nan), OUTPUT, parameters, axes, dtype=np.float64).values
    saved = net.theta.copy()
    for (i, a), (j, b) in itertools.product(enumerate(axes[0]), enumerate(axes[1])):
        net.theta[parameter_index(net, parameters[0])] = a
        net.theta[parameter_index(net, parameters[1])] = b
        assert values[i, j] == pytest.approx(float(np.mean(net.forward(x))), rel=1e-9, abs=1e-12)
        net.theta[:] = saved
