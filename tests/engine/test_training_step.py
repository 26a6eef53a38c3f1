"""Training's own ways through a batch (docs/performance.md, "2026-12-03: the float32 step's non-product
work"): g from weights pre-scaled by -2 or -1, g' written over z, einsum for a one-neuron level's outer
product, and dL/dW of a level reading few rows as matrix-vector products. Each must give what the
per-node workspace (the gradient views', checked against PyTorch and finite differences) gives."""

import numpy as np
import pytest

from designer.engine import activations, backprop, compile_network
from designer.engine.activations import kernel, prescaled, quiet
from designer.engine.backprop import BatchGradient, Workspace, float32_gemv, outer_product
from tests.netgen import layered, random_dag

#: values around every edge of the exp forms: overflow and underflow of e^-z and e^-2z, ±0, subnormals
EDGES = [0.0, -0.0, 1e-45, -1e-45, 1e-30, 9.0, -9.0, 44.0, -44.0, 44.5, -44.5, 88.0, -88.0, 89.0, -89.0]
EDGES += [104.0, -104.0, 1e4, -1e4, 3e38, -3e38, np.inf, -np.inf, np.nan]
MIXED = ("relu", "tanh", "sigmoid", "linear")


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(("name", "through_exp"), [("sigmoid", False), ("tanh", True), ("tanh", False)])
def test_a_prescaled_value_is_the_kernels_value_bit_for_bit(monkeypatch, name, through_exp, dtype):
    """Given factor · z, the prescaled form writes exactly what the kernel writes from z."""
    monkeypatch.setitem(activations.FLOAT32_USES_ALTERNATIVE, "tanh", through_exp)
    k = kernel(name, dtype)
    pre = prescaled(k)
    if k.value is activations.KERNELS["tanh"].value:  # numpy's tanh starts with no product
        assert pre is None
        return
    z = np.concatenate([np.linspace(-60, 60, 4801), EDGES]).astype(dtype)
    expected, got = np.empty_like(z), np.empty_like(z)
    with quiet():
        k.value(z, expected)
        pre.value(z * dtype(pre.factor), got)
    assert np.array_equal(got, expected, equal_nan=True)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", sorted(activations.KERNELS))
def test_a_slope_written_over_z_reads_only_a_and_is_nan_where_z_is(name, dtype):
    """What lets training write g' into z's rows: it does not read z, and the guarded pass's NaN check
    of z (a missing link's 0 · ∞) sees the same NaN in g' as in z."""
    k = kernel(name, dtype)
    if not k.slope_over_z:
        assert k.slope is None or name == "relu"  # relu's g' reads z and loses its NaN (0 · ∞ gives g' 0)
        return
    z = np.concatenate([np.linspace(-60, 60, 481), EDGES]).astype(dtype)
    a, expected, got = np.empty_like(z), np.empty_like(z), np.empty_like(z)
    with quiet():
        k.value(z, a)
        k.slope(z, a, expected)
        k.slope(np.full_like(z, 7.0), a, got)
    assert np.array_equal(got, expected, equal_nan=True)
    assert np.array_equal(np.isnan(got), np.isnan(z))


def _mixed_layers(sizes, seed):
    """A layered net whose hidden layers mix every smooth activation neuron by neuron (levels whose
    rows need different factors), and one hidden layer of tanh and sigmoid only (g' over z)."""
    net = layered(sizes, ["tanh"] * (len(sizes) - 2) + ["sigmoid"], seed=seed)
    for i, neuron in enumerate(n for n in net.neurons.values() if n.id.startswith("l1")):
        neuron.activation = MIXED[i % 4]
    for i, neuron in enumerate(n for n in net.neurons.values() if n.id.startswith("l2")):
        neuron.activation = ("tanh", "sigmoid")[i % 2]
    return net


@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
@pytest.mark.parametrize(
    ("dtype", "through_exp"), [(np.float32, True), (np.float32, False), (np.float64, False)], ids=("exp", "np", "f64")
)
@pytest.mark.parametrize("seed", range(3))
def test_the_training_workspace_gets_the_per_node_gradient_bit_for_bit(monkeypatch, seed, dtype, through_exp, loss):
    """Pre-scaled levels, g' over z and einsum outer products change no bit of loss or gradient, over
    three batches (z rows hold other things between passes)."""
    monkeypatch.setitem(activations.FLOAT32_USES_ALTERNATIVE, "tanh", through_exp)
    monkeypatch.setattr(backprop, "FLOAT32_GEMV", False)
    net = compile_network(_mixed_layers([3, 12, 10, 6, 1], seed), dtype)
    n = 80
    training = Workspace(net, n, loss, per_node=False)
    # levels: mixed, tanh and sigmoid, tanh (pre-scaled only through exp), the output (never)
    assert [step[1] is not None for step in training.steps] == [True, True, through_exp, False]
    assert [s.base is training.z for s in training.level_slopes] == [False, True, True, False]
    rng = np.random.default_rng(seed)
    for _ in range(3):
        x = rng.normal(0, 2.0, (3, n))
        y = rng.integers(0, 2, (1, n)).astype(float)
        reference = Workspace(net, n, loss)
        for ws in (training, reference):
            ws.inputs[...] = x
            ws.forward()
        assert training.backward(y) == reference.backward(y)
        assert np.array_equal(training.grad, reference.grad)


@pytest.mark.parametrize("n", [10, 80])
def test_the_outer_product_is_the_broadcast_product(n):
    rng = np.random.default_rng(n)
    column, row = rng.normal(size=(7, 1)).astype(np.float32), rng.normal(size=(1, n)).astype(np.float32)
    out = np.empty((7, n), np.float32)
    outer_product(n)(column, row, out=out)
    assert np.array_equal(out, column * row)


def _two_input_net(dtype):
    return compile_network(layered([2, 16, 8, 1], ["tanh", "tanh", "sigmoid"], seed=5), dtype)


def test_dl_dw_of_a_first_layer_by_rows_agrees_with_one_product(monkeypatch):
    """dL/dW of the layer reading two inputs and the ones row, as three matrix-vector products: the
    same sums in another order (float32 rounding apart), and the other levels' bit for bit."""
    net = _two_input_net(np.float32)
    rng = np.random.default_rng(0)
    x, y = rng.normal(0, 2, (2, 200)).astype(np.float32), rng.integers(0, 2, (1, 200)).astype(np.float32)
    grads = {}
    for by_rows in (False, True):
        monkeypatch.setattr(backprop, "FLOAT32_GEMV", by_rows)
        gradient = BatchGradient(net, "mse")
        grads[by_rows] = gradient.compute(x, y)[1].copy()
        columns = [entry[4] for entry in gradient.workspace(200)._back]
        assert [c is not None for c in columns] == [False, False, by_rows]  # walking back: only the first layer
    first = slice(*net.levels[0].w_range)
    scale = float(np.max(np.abs(grads[False][first])))  # sums of 200 terms: float32 rounding of the largest
    assert scale > 0
    np.testing.assert_allclose(grads[True][first], grads[False][first], rtol=1e-5, atol=1e-6 * scale)
    assert np.array_equal(grads[True][first.stop :], grads[False][first.stop :])


def test_float64_and_small_batches_keep_one_product(monkeypatch):
    monkeypatch.setattr(backprop, "FLOAT32_GEMV", True)
    for dtype, n in [(np.float64, 200), (np.float32, backprop.GEMV_SAMPLES - 1)]:
        ws = BatchGradient(_two_input_net(dtype), "mse").workspace(n)
        assert all(entry[4] is None for entry in ws._back), (dtype, n)


def test_the_matrix_vector_way_follows_numpys_simd_code(monkeypatch):
    """Decided once from what numpy reports (as float32 tanh's way), never timed."""
    for avx2, expected in [(True, True), (False, False)]:
        monkeypatch.setattr(backprop, "FLOAT32_GEMV", None)
        monkeypatch.setattr(backprop, "avx2_code", lambda _ufunc, a=avx2: a)
        assert float32_gemv(np.dtype(np.float32)) is expected
        monkeypatch.setattr(backprop, "avx2_code", lambda _ufunc, a=avx2: not a)
        assert float32_gemv(np.dtype(np.float32)) is expected  # fixed for the process once decided
        assert float32_gemv(np.dtype(np.float64)) is False


@pytest.mark.parametrize("seed", range(8))
def test_missing_links_beside_infinite_sources_stay_exact_in_training(monkeypatch, seed):
    """The guarded pass (a missing link's 0 · ∞) still finds the NaN in z rows that hold -2z, -z or g'
    (a relu's g' would lose it: its rows keep z)."""
    monkeypatch.setitem(activations.FLOAT32_USES_ALTERNATIVE, "tanh", True)
    model = random_dag(seed, n_inputs=3, n_hidden=9, activations=("tanh", "sigmoid", "relu"), density=0.5)
    net = compile_network(model, np.float32)
    n = 70
    x = np.random.default_rng(seed).normal(0, 1, (3, n))
    x[seed % 3, 5] = np.inf
    x[(seed + 1) % 3, 9] = -np.inf
    y = np.ones((1, n))
    training, reference = Workspace(net, n, "mse", per_node=False), Workspace(net, n, "mse")
    assert training.guard and any(step[1] is not None for step in training.steps)
    for ws in (training, reference):
        ws.inputs[...] = x
        ws.forward()
    assert np.array_equal(training.a, reference.a, equal_nan=True)
    with np.errstate(all="ignore"):  # as in a training step: what is not finite is reported, not warned about
        assert np.array_equal(training.backward(y), reference.backward(y), equal_nan=True)
    assert np.array_equal(training.grad, reference.grad, equal_nan=True)


def _with_skip(net):
    """``net`` with every first-layer neuron also read by every output: a dense level reading two layers."""
    from designer.model import Connection

    first = [n for n in net.neurons if n.startswith("l1")]
    for out in net.outputs:
        for source in first:
            net.connections[(source, out)] = Connection(source, out, 0.3)
    return net


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("skip", [False, True], ids=("chain", "skip"))
def test_dl_da_over_a_only_in_a_chain_and_bit_for_bit(dtype, skip):
    """In a dense chain of layers training writes dL/da over a (one buffer fewer): the ones rows and
    inputs stay, the next batch's forward pass starts clean, and loss and gradient are the per-node
    workspace's bit for bit. A level reading two layers (a skip connection) keeps dL/da apart."""
    model = layered([2, 9, 7, 1], ["tanh", "tanh", "sigmoid"], seed=4)
    net = compile_network(_with_skip(model) if skip else model, dtype)
    n = 120
    training = Workspace(net, n, "mse", per_node=False)
    assert (training.grad_a is training.a) is not skip
    assert Workspace(net, n, "mse").grad_a is not Workspace(net, n, "mse").a  # per node: never
    rng = np.random.default_rng(1)
    for _ in range(3):
        x = rng.normal(0, 2.0, (2, n))
        y = rng.integers(0, 2, (1, n)).astype(float)
        reference = Workspace(net, n, "mse")
        for ws in (training, reference):
            ws.inputs[...] = x
            ws.forward()
        assert np.array_equal(training.a, reference.a)
        assert training.backward(y) == reference.backward(y)
        assert np.array_equal(training.grad, reference.grad)
        assert np.all(training.a[net.ones_rows] == 1.0) and np.array_equal(training.inputs, x.astype(dtype))


def test_input_gradients_need_a_workspace_keeping_dl_da_apart():
    net = compile_network(layered([2, 4, 1], ["tanh", "sigmoid"]))
    training = Workspace(net, 8, "mse", per_node=False)
    training.forward()
    with pytest.raises(ValueError, match="input gradients"):
        training.backward(np.zeros((1, 8)), input_grads=True)
