"""Training maths that mutation testing of the engine's math modules (docs/testing.md, "Mutation check
of the training maths") showed no test pinned: cross-entropy of outputs outside (0, 1), accuracy of
one sample or beside a NaN, Glorot limits of a lone connection, L1 at w = 0, steps undone when the
loss or the update is not finite, epoch counts, a changed loss, the float32 kernels a plot or the
derivative table uses, the CPU names that choose float32 tanh's kernel, and nested feature formulas'
gradients."""

from __future__ import annotations

import math

import numpy as np
import pytest

from designer.engine import EngineError, Trainer, TrainingSettings, activations, compile_network, randomize
from designer.engine.backprop import BatchGradient, Workspace, gradients, parameter_gradients
from designer.engine.formula import backward, evaluate
from designer.engine.losses import accuracy
from designer.engine.optimizers import make_optimizer
from designer.model import Connection, InputNode, Network, Neuron
from designer.model.fileformat import network_from_document
from designer.model.formula import TARGET, parse
from tests.engine import reference
from tests.engine.trainpath import step_gradient

#: How far cross-entropy clips a probability from 0 and 1, per dtype (losses._EPS).
CLIP = {np.float64: 1e-12, np.float32: 1e-7}


def linear_output(bias: float) -> Network:
    """y = 0·x + b: a linear output (cross-entropy then takes dL/dp, not the fused dL/dz) at exactly b."""
    return Network(
        inputs={"x": InputNode("x")},
        neurons={"y": Neuron("y", "linear", bias)},
        connections={("x", "y"): Connection("x", "y", 0.0)},
        outputs=["y"],
    )


def clipped(p: float, dtype) -> float:
    """p clipped into [eps, 1 − eps] as the dtype stores those bounds (1 − 1e-12 is 1.0 in float32)."""
    eps = CLIP[dtype]
    return float(min(max(dtype(p), dtype(eps)), dtype(1.0) - dtype(eps)))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("p", [-0.5, 0.0, 0.3, 1.0, 1.5])
@pytest.mark.parametrize("target", [0.0, 1.0])
def test_cross_entropy_of_an_output_outside_0_1_trains_on_the_clipped_probability(dtype, p, target):
    """A linear output at 0, 1 or beyond has no log-probability: the loss and its gradient are taken at
    p clipped to [eps, 1 − eps] (1e-12, float32 1e-7), so the step stays finite and pushes p back
    towards the target. Reference: the textbook BCE and its derivative (p − y)/(p(1 − p)) in plain
    Python at the clipped p; inside (0, 1) (p = 0.3) also central finite differences of the loss."""
    net = linear_output(p)
    loss, grads = step_gradient(net, [[1.0]], [[target]], "cross_entropy", dtype=dtype)
    q = clipped(p, dtype)
    expected_loss = reference.loss("cross_entropy", [[q]], [[target]], softmax=False)
    expected_slope = (q - target) / (q * (1.0 - q))
    rel = 1e-9 if dtype is np.float64 else 2e-5
    assert loss == pytest.approx(expected_loss, rel=rel, abs=1e-12)
    assert grads["y"] == pytest.approx(expected_slope, rel=rel)
    assert (grads["y"] > 0) == (target == 0.0)  # the step moves p towards the target
    if 0.0 < p < 1.0:
        numeric = reference.numeric_gradient(net, [[1.0]], [[target]], "cross_entropy")
        assert grads["y"] == pytest.approx(numeric["y"], rel=1e-6)


def test_accuracy_of_a_single_sample():
    assert accuracy(np.array([[0.8]]), np.array([[1.0]])) == 1.0
    assert accuracy(np.array([[0.8]]), np.array([[0.0]])) == 0.0
    assert accuracy(np.array([[0.1, 0.9]]), np.array([[0.0, 1.0]]), softmax=True) == 1.0


def test_a_nan_output_makes_only_its_own_sample_wrong():
    p = np.array([[0.9], [np.nan], [0.2], [0.7]])
    y = np.array([[1.0], [0.0], [0.0], [0.0]])
    assert accuracy(p, y) == pytest.approx(2 / 4)
    soft = np.array([[0.9, 0.1], [np.nan, 0.5], [0.3, 0.7]])
    assert accuracy(soft, np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]]), softmax=True) == pytest.approx(2 / 3)


def test_randomize_a_lone_connection_to_an_output_uses_the_full_glorot_limit():
    """Target with fan-in 1 and fan-out 0: limit √(6/1) (the 2-input cases of test_training.py have sums ≥ 2)."""
    net = Network(
        inputs={"x": InputNode("x")},
        neurons={"y": Neuron("y", "tanh")},
        connections={("x", "y"): Connection("x", "y", 0.0)},
        outputs=["y"],
    )
    limit = math.sqrt(6.0 / (1 + 0))
    drawn = []
    for seed in range(200):
        compiled = compile_network(net)
        randomize(compiled, seed)
        drawn.append(compiled.weights()[("x", "y")])
    assert max(map(abs, drawn)) <= limit
    assert max(map(abs, drawn)) > 0.95 * limit  # 200 uniform draws all below √3 would have probability 0.71²⁰⁰


def test_momentum_without_options_uses_the_settings_default():
    """make_optimizer's own default μ is the one the app's settings start with (torch's SGD(momentum=0.9))."""
    mu = TrainingSettings().momentum
    opt = make_optimizer("momentum", 1, np.dtype(np.float64))
    first, second = np.array([2.0]), np.array([1.0])
    opt.step_direction(first, 1.0)
    opt.step_direction(second, 1.0)
    assert second[0] == pytest.approx(mu * 2.0 + 1.0)


def test_a_trainer_takes_a_changed_loss_from_its_next_step():
    """Trainer.settings may change between steps (the panel edits the settings object it shares):
    the next step's loss and gradient are the new loss's. Two outputs y = w·x + b at x = 2, w = 1,
    b = 0.5, targets 1: e = 1.5 each, mse = 2.25 and sse = 4.5 (dL/db 1.5 and 3)."""
    net = Network(
        inputs={"x": InputNode("x")},
        neurons={"y1": Neuron("y1", "linear", 0.5), "y2": Neuron("y2", "linear", 0.5)},
        connections={("x", "y1"): Connection("x", "y1", 1.0), ("x", "y2"): Connection("x", "y2", 1.0)},
        outputs=["y1", "y2"],
    )
    compiled = compile_network(net)
    x, y = np.array([[2.0]]), np.array([[1.0, 1.0]])
    trainer = Trainer(compiled, x, y, TrainingSettings(loss="mse", optimizer="sgd", learning_rate=0.0))
    assert trainer.step().loss == pytest.approx(reference.loss("mse", [[2.5, 2.5]], y, softmax=False))
    trainer.settings.loss = "sse"
    trainer.settings.learning_rate = 1.0
    before = compiled.biases()["y1"]
    assert trainer.step().loss == pytest.approx(reference.loss("sse", [[2.5, 2.5]], y, softmax=False))
    numeric = reference.numeric_gradient(net, x, y, "sse")
    assert before - compiled.biases()["y1"] == pytest.approx(numeric["y1"], rel=1e-6)


def test_l1_at_a_weight_of_exactly_zero_adds_no_gradient():
    """|w| has slope 0 at w = 0 as central finite differences see it (and torch's sign): a weight at 0,
    trainable or frozen, gets only its data gradient, no NaN from λ·sign(0)."""
    net = Network(
        inputs={"x": InputNode("x")},
        neurons={"y": Neuron("y", "linear", 0.5)},
        connections={("x", "y"): Connection("x", "y", 0.0)},
        outputs=["y"],
    )
    x, y = [[2.0]], [[1.0]]
    _, trained = step_gradient(net, x, y, "sse", l1=0.3)
    numeric = reference.numeric_gradient(net, x, y, "sse", l1=0.3)
    assert trained[("x", "y")] == pytest.approx(numeric[("x", "y")], rel=1e-6)  # 4e = 4·(−0.5) = −2
    net.connections[("x", "y")].trainable = False
    _, trained = step_gradient(net, x, y, "sse", l1=0.3)
    assert trained[("x", "y")] == 0.0 and trained["y"] == pytest.approx(numeric["y"], rel=1e-6)


def _linear_one(weight: float, bias: float) -> Network:
    return Network(
        inputs={"x": InputNode("x")},
        neurons={"y": Neuron("y", "linear", bias)},
        connections={("x", "y"): Connection("x", "y", weight)},
        outputs=["y"],
    )


@pytest.mark.parametrize(
    "x, bias, loss, what",
    [
        (1.0, 1e200, math.inf, "the loss (1e200 − 1)² overflows, its gradient 2e200 does not"),
        (1e308, 3.0, 4.0, "the loss is (3 − 1)² = 4, dL/dw = 2·2·1e308 overflows"),
    ],
)
def test_a_step_is_undone_when_either_the_loss_or_the_update_is_not_finite(x, bias, loss, what):
    compiled = compile_network(_linear_one(0.0, bias))
    trainer = Trainer(compiled, np.array([[x]]), np.array([[1.0]]), TrainingSettings(loss="sse", learning_rate=1.0))
    before = compiled.theta.copy()
    result = trainer.step()
    assert result.diverged, what
    assert np.array_equal(compiled.theta, before), what
    assert result.loss == loss, what
    assert (result.epoch, result.step) == (0, 0)


def test_a_diverged_step_reports_the_epochs_and_steps_done_before_it():
    compiled = compile_network(_linear_one(0.0, 0.5))
    trainer = Trainer(compiled, np.array([[2.0]]), np.array([[1.0]]), TrainingSettings(loss="sse", learning_rate=0.1))
    for _ in range(3):
        trainer.step()
    compiled.theta[compiled.bias_index] = 1e200
    result = trainer.step()
    assert result.diverged and math.isinf(result.loss)
    assert (result.epoch, result.step) == (3, 3) == (trainer.epoch, trainer.steps)


@pytest.mark.parametrize("batch_size, epochs", [(None, [1, 2, 3, 4, 5, 6]), (2, [0, 0, 1, 1, 1, 2])])
def test_epochs_count_up_with_the_steps_that_finish_them(batch_size, epochs):
    """Full batch: every step is an epoch. 5 samples in batches of 2: 2 + 2 + 1, so every third step
    ends one. (Counted step by step: a wrong count must fail here, not hang run_epoch.)"""
    compiled = compile_network(_linear_one(1.0, 0.5))
    x, y = np.arange(5.0)[:, None], np.zeros((5, 1))
    settings = TrainingSettings(loss="mse", learning_rate=0.01, batch_size=batch_size)
    trainer = Trainer(compiled, x, y, settings)
    assert [trainer.step().epoch for _ in range(6)] == epochs
    assert trainer.epoch == epochs[-1] and trainer.steps == 6


def test_run_epoch_returns_when_the_epoch_is_done(monkeypatch):
    """5 samples in batches of 2: three steps. A run_epoch that missed the end would step for ever;
    the step counter stops it after a few more so the test fails instead of hanging."""
    compiled = compile_network(_linear_one(1.0, 0.5))
    trainer = Trainer(compiled, np.arange(5.0)[:, None], np.zeros((5, 1)), TrainingSettings(batch_size=2))
    step, calls = trainer.step, []

    def counted():
        calls.append(1)
        assert len(calls) <= 10, "run_epoch did not stop at the end of the epoch"
        return step()

    monkeypatch.setattr(trainer, "step", counted)
    result = trainer.run_epoch()
    assert (len(calls), result.epoch, result.step) == (3, 1, 3)


@pytest.mark.parametrize("bad, shown", [(1.5, "1.5"), (-0.25, "\u22120.25"), (2.0, "2")])
def test_a_trainer_refuses_cross_entropy_against_targets_outside_0_1(bad, shown):
    """Such a target makes the loss negative and meaningless (−[y log p + (1 − y) log(1 − p)] < 0 for
    y = 2, p = 0.5): refused, naming the value outside (not the 1 beside it); mse and sse take any
    target, and 0 and 1 are fine."""
    compiled = compile_network(_linear_one(0.0, 0.5))
    x = np.array([[1.0], [2.0]])
    message = (
        rf"^cross-entropy needs targets between 0 and 1 \(this data has {shown}\); use mse or sse for other targets$"
    )
    with pytest.raises(EngineError, match=message):
        Trainer(compiled, x, np.array([[1.0], [bad]]), TrainingSettings(loss="cross_entropy"))
    for loss in ("mse", "sse"):
        Trainer(compiled, x, np.array([[1.0], [bad]]), TrainingSettings(loss=loss))
    Trainer(compiled, x, np.array([[0.0], [1.0]]), TrainingSettings(loss="cross_entropy"))


def test_a_trainer_refuses_targets_of_the_wrong_shape_and_no_samples():
    compiled = compile_network(_linear_one(0.0, 0.5))
    with pytest.raises(ValueError, match=r"^targets must have shape \(3, 1\)$"):
        Trainer(compiled, np.zeros((3, 1)), np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"^no training samples$"):
        Trainer(compiled, np.zeros((0, 1)), np.zeros((0, 1)))


# ------------------------------------------------- float32 kernels outside training
@pytest.fixture
def tanh_through_exp(monkeypatch):
    """float32 tanh through exp, as on an AVX2 CPU; z where that differs from numpy's tanh."""
    monkeypatch.setitem(activations.FLOAT32_USES_ALTERNATIVE, "tanh", True)
    z = np.linspace(-3, 3, 601, dtype=np.float32)
    alternative = np.empty_like(z)
    activations.KERNELS["tanh"].float32_alternative(z, alternative)
    assert not np.array_equal(alternative, np.tanh(z))  # otherwise the tests below could not tell
    return z, alternative


def test_apply_computes_float32_tanh_as_float32_training_does(tanh_through_exp):
    z, alternative = tanh_through_exp
    out = np.empty_like(z)
    activations.apply("tanh", z, out)
    assert np.array_equal(out, alternative)
    trained = compile_network(_one_tanh(), np.float32).forward(z[:, None])[:, 0]
    assert np.array_equal(out, trained)


def test_float32_training_computes_tanh_as_the_forward_pass_does(tanh_through_exp):
    """The training workspace uses the same float32 kernel as the forward pass and the views, so the
    loss a step reports is the loss of the outputs shown."""
    z, alternative = tanh_through_exp
    compiled = compile_network(_one_tanh(), np.float32)
    ws = BatchGradient(compiled, "mse").workspace(len(z))
    ws.inputs[0] = z
    ws.forward()
    assert np.array_equal(ws.a[compiled.index["y"]], alternative)


def test_the_derivative_table_of_float32_reads_plain_numbers_as_float32(tanh_through_exp):
    z, alternative = tanh_through_exp
    slope = activations.derivative("tanh", z.tolist(), np.float32)  # Python floats, as a table asks
    assert slope.dtype == np.float32
    assert np.array_equal(slope, (1 - alternative * alternative).astype(np.float32))


def _one_tanh() -> Network:
    return Network(
        inputs={"x": InputNode("x")},
        neurons={"y": Neuron("y", "tanh")},
        connections={("x", "y"): Connection("x", "y", 1.0)},
        outputs=["y"],
    )


# ------------------------------------------- which CPU takes float32 tanh through exp
@pytest.mark.parametrize("machine", ["x86_64", "AMD64", "amd64", "i686", "x86", "X86"])
def test_float32_tanh_goes_through_exp_on_every_x86_name_with_avx2(monkeypatch, machine):
    monkeypatch.setattr(activations, "numpy_simd_target", lambda ufunc, dtype: "X86_V3")
    monkeypatch.setattr(activations.platform, "machine", lambda: machine)
    assert activations._alternative_wins("tanh") is True


@pytest.mark.parametrize("machine", ["aarch64", "arm64", "ppc64le", ""])
def test_float32_tanh_stays_numpys_off_x86(monkeypatch, machine):
    monkeypatch.setattr(activations, "numpy_simd_target", lambda ufunc, dtype: "X86_V3")
    monkeypatch.setattr(activations.platform, "machine", lambda: machine)
    assert activations._alternative_wins("tanh") is False


def test_the_float32_tanh_choice_reads_numpys_float32_report(monkeypatch):
    """numpy may run float32 and float64 tanh on different code: the float32 one decides."""
    import numpy.lib.introspect as introspect

    def report(func_name, signature=None):
        codes = {"float16": "X86_V4", "float32": "X86_V3", "float64": "X86_V4"}
        chosen = codes if signature is None else {signature: codes.get(signature, "")}
        return {"tanh": {dtype: {"current": code} for dtype, code in chosen.items()}}

    monkeypatch.setattr(introspect, "opt_func_info", report)
    monkeypatch.setattr(activations.platform, "machine", lambda: "x86_64")
    assert activations._alternative_wins("tanh") is True


@pytest.mark.parametrize("error", [ImportError, AttributeError, TypeError, ValueError])
def test_numpy_simd_target_is_empty_when_numpy_cannot_say(monkeypatch, error):
    import numpy.lib.introspect as introspect

    def broken(**_):
        raise error("no report")

    monkeypatch.setattr(introspect, "opt_func_info", broken)
    assert activations.numpy_simd_target("tanh", "float32") == ""


# ------------------------------------------------- a feature formula's gradient
NESTED_FORMULAS = [
    "(x1 * x2) ** 2",  # a power of a product: the power's base needs the values too
    "sin(x1) * x2",  # a product whose left factor is a call
    "x1 * tanh(x2 + x1)",  # and whose right factor is
    "(x1 - x2) / (x1 * x1 + 1)",
    "-exp(x1 / 2) + cos(x2) ** 3",
]


@pytest.mark.parametrize("text", NESTED_FORMULAS)
def test_a_nested_feature_formulas_gradient_matches_finite_differences(text):
    """d(formula)/dx by the chain rule through every node (what carries dL/d(feature) back to the raw
    inputs) against central differences of the formula's own values."""
    tree = parse(text, ["x1", "x2"])
    x1, x2 = np.array([0.7, -1.3, 2.1]), np.array([0.4, 0.9, -0.6])
    got = backward(tree, {"x1": x1, "x2": x2}, np.ones(3))
    h = 1e-6
    for name, shift in (("x1", (h, 0.0)), ("x2", (0.0, h))):
        up = evaluate(tree, {"x1": x1 + shift[0], "x2": x2 + shift[1]}, 3)
        down = evaluate(tree, {"x1": x1 - shift[0], "x2": x2 - shift[1]}, 3)
        assert got[name] == pytest.approx((up - down) / (2 * h), rel=1e-6, abs=1e-8), (text, name)


# ------------------------------------------------- backward pass corners
def test_training_beside_a_dangling_infinite_neuron_takes_the_exact_step():
    """ "big" overflows to ∞ and feeds only o2, which is no output and whose link is frozen: the loss is
    finite. In y's level "big" is a missing link (a 0 weight in the block), so the first backward pass
    gives ∞ · 0 there; training must redo it with missing links masked (guarded), not call it
    diverged. Reference: central differences of the plain-Python objective of the net without them."""
    net = network_from_document(
        {
            "format": "nn-designer",
            "version": 1,
            "inputs": [{"id": "x1"}, {"id": "x2"}],
            "neurons": [
                {"id": "big", "activation": "linear", "bias": 1e308},
                {"id": "g", "activation": "tanh", "bias": 0.1},
                {"id": "y", "activation": "sigmoid", "bias": -0.2},
                {"id": "o2", "activation": "linear", "bias": 0},
            ],
            "connections": [
                {"source": "x1", "target": "big", "weight": 1e308},
                {"source": "x2", "target": "g", "weight": 0.8},
                {"source": "g", "target": "y", "weight": 1.3},
                {"source": "big", "target": "o2", "weight": 1, "trainable": False},
            ],
            "outputs": ["y"],
        }
    )
    x, y = [[1.0, 0.5], [2.0, -1.0]], [[1.0], [0.0]]
    _, trained = step_gradient(net, x, y, "sse")  # asserts the step did not diverge
    assert trained[("big", "o2")] == 0.0  # frozen
    for dangling in ("big", "o2"):  # nothing of theirs reaches y: the reference is the net without them
        del net.neurons[dangling]
    net.connections = {k: c for k, c in net.connections.items() if k in {("x2", "g"), ("g", "y")}}
    numeric = reference.numeric_gradient(net, x, y, "sse")
    assert numeric.keys() == {("x2", "g"), ("g", "y"), "g", "y"}
    for parameter, value in numeric.items():
        assert trained[parameter] == pytest.approx(value, rel=1e-6, abs=1e-12), parameter


def test_a_workspace_run_twice_gives_the_same_input_gradients():
    """dL/dx (the backward walk's numbers at the inputs) from a reused Workspace: the rows of the inputs
    are cleared before each pass, so nothing of the last pass adds in. Reference: central differences
    of the plain-Python loss in each input."""
    net = Network(
        inputs={"x1": InputNode("x1"), "x2": InputNode("x2")},
        neurons={"h": Neuron("h", "tanh", 0.1), "y": Neuron("y", "sigmoid", -0.3)},
        connections={
            ("x1", "h"): Connection("x1", "h", 0.9),
            ("x2", "h"): Connection("x2", "h", -1.1),
            ("h", "y"): Connection("h", "y", 1.7),
            ("x2", "y"): Connection("x2", "y", 0.4),
        },
        outputs=["y"],
    )
    sample, target = [0.6, -0.8], [[1.0]]
    ws = Workspace(compile_network(net), 1, "mse")
    ws.inputs[:, 0] = sample
    runs = []
    for _ in range(2):
        ws.forward()
        ws.backward(np.array(target), input_grads=True)
        runs.append(ws.grad_a[:2, 0].copy())
    h = 1e-6
    for i in range(2):
        up, down = list(sample), list(sample)
        up[i] += h
        down[i] -= h
        expected = (reference.objective(net, [up], target, "mse") - reference.objective(net, [down], target, "mse")) / (
            2 * h
        )
        assert runs[0][i] == pytest.approx(expected, rel=1e-6) and runs[1][i] == runs[0][i], i


def test_softmax_outputs_keep_their_own_activation_where_another_neuron_reads_one():
    """y2 reads the output y1: it reads y1's activation a = z, not y1's softmax probability
    (the probabilities are the network's outputs, kept apart). Reference: central differences."""
    net = Network(
        inputs={"x": InputNode("x")},
        neurons={"y1": Neuron("y1", "linear", 0.2), "y2": Neuron("y2", "linear", -0.1)},
        connections={("x", "y1"): Connection("x", "y1", 0.7), ("y1", "y2"): Connection("y1", "y2", 1.4)},
        outputs=["y1", "y2"],
        softmax=True,
    )
    x, y = [[0.5], [-1.5]], [[1.0, 0.0], [0.0, 1.0]]
    for loss in ("cross_entropy", "mse"):
        value, trained = step_gradient(net, x, y, loss)
        assert value == pytest.approx(reference.objective(net, x, y, loss), rel=1e-12), loss
        numeric = reference.numeric_gradient(net, x, y, loss)
        for parameter, expected in numeric.items():
            assert trained[parameter] == pytest.approx(expected, rel=1e-6, abs=1e-10), (loss, parameter)


def test_gradients_refuse_cross_entropy_against_targets_outside_0_1():
    """What the gradient views and `nn-designer grad` ask: the same refusal as training's."""
    compiled = compile_network(_linear_one(0.5, 0.5))
    x, y = np.array([[1.0]]), np.array([[2.0]])
    for ask in (gradients, parameter_gradients):
        with pytest.raises(EngineError, match=r"^cross-entropy needs targets between 0 and 1 \(this data has 2\)"):
            ask(compiled, x, y, "cross_entropy")
        ask(compiled, x, y, "mse")


# ------------------------------------------------- target formulas (the numbers a dataset trains on)
X1 = np.array([2.0, -1.0, 0.0])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("+x1 * 2", [4.0, -2.0, 0.0]),  # unary plus is the value, not a logical not
        ("-(x1 > 0) + 1", [0.0, 1.0, 1.0]),  # a comparison's 0/1 is a number to compute with
        ("x1 if x1 > 0 else -x1 / 2", [2.0, 0.5, -0.0]),  # each branch where its test holds
        ("1 if x1 >= 0 else 2", [1.0, 2.0, 1.0]),
        ("x1 > 0", [1.0, 0.0, 0.0]),  # float64 0/1, not booleans
        ("e * 0 + 3", [3.0, 3.0, 3.0]),  # a constant formula, one value per point
    ],
)
def test_target_formulas_give_the_lectures_numbers(text, expected):
    """At x1 = 2, −1, 0, values worked out by hand."""
    values = evaluate(parse(text, ["x1"], TARGET), {"x1": X1}, 3)
    assert values.dtype == np.float64
    assert values.tolist() == expected


def test_an_input_named_like_a_constant_is_read_as_the_input():
    """A column called e (or pi) is the data, not Euler's number; only a name no input has is the constant."""
    tree = parse("e + 1", ["e"], TARGET)
    assert evaluate(tree, {"e": np.array([0.0, 10.0])}, 2).tolist() == [1.0, 11.0]
    assert evaluate(parse("e + 1", [], TARGET), {}, 2).tolist() == [math.e + 1, math.e + 1]
