"""Full-batch gradients in chunks: equal to one pass over all samples, to finite differences, and
memory flat in the number of samples (counted with tracemalloc, never timed)."""

import tracemalloc

import numpy as np
import pytest

from designer.engine import Trainer, TrainingSettings, compile_network, randomize
from designer.engine import backprop as bp
from designer.engine.backprop import BatchGradient, Workspace, chunk_size, chunk_spans, parameter_gradients
from designer.engine.losses import LOSSES
from tests.netgen import layered, random_dag

ALL = ("linear", "sigmoid", "tanh", "relu", "step")


def _case(seed, loss, n=53):
    softmax = loss != "sse" and seed % 3 == 0
    model = random_dag(seed, n_inputs=3, n_hidden=7, n_outputs=2, activations=ALL, softmax=softmax)
    if loss == "cross_entropy" and not softmax:
        for o in model.outputs:
            model.neurons[o].activation = "sigmoid"
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1.5, (n, 3))
    if softmax:
        y = np.eye(2)[rng.integers(0, 2, n)]
    elif loss == "cross_entropy":
        y = rng.integers(0, 2, (n, 2)).astype(float)
    else:
        y = rng.normal(0, 1, (n, 2))
    return model, x, y


def _one_pass(net, x, y, loss):
    ws = Workspace(net, len(x), loss)
    ws.inputs[...] = x.T
    ws.forward()
    value = ws.backward(np.ascontiguousarray(y.T))
    return value, ws.grad.copy()


@pytest.mark.parametrize("chunk", [1, 5, 16, 52, 53, 1000])
@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("seed", range(6))
def test_chunked_gradient_equals_one_pass(seed, loss, chunk):
    model, x, y = _case(seed, loss)
    net = compile_network(model)
    value, grad = _one_pass(net, x, y, loss)
    got_value, got_grad = BatchGradient(net, loss, chunk=chunk).compute(np.ascontiguousarray(x.T), y.T)
    assert got_value == pytest.approx(value, rel=1e-12, abs=1e-15)
    np.testing.assert_allclose(got_grad, grad, rtol=1e-10, atol=1e-15)


@pytest.mark.parametrize("loss", LOSSES)
def test_chunked_gradient_matches_finite_differences(loss):
    model, x, y = _case(4, loss, n=40)
    net = compile_network(model)

    def loss_at(theta):
        old = net.theta.copy()
        net.theta[:] = theta
        try:
            return parameter_gradients(net, x, y, loss)[0]
        finally:
            net.theta[:] = old

    batch = BatchGradient(net, loss, chunk=7)
    _, grad = batch.compute(np.ascontiguousarray(x.T), np.ascontiguousarray(y.T))
    h = 1e-6
    for i in np.flatnonzero(net.mask):
        step = np.zeros_like(net.theta)
        step[i] = h
        expected = (loss_at(net.theta + step) - loss_at(net.theta - step)) / (2 * h)
        assert grad[i] == pytest.approx(expected, rel=1e-5, abs=1e-7), i


def test_parameter_gradients_agree_with_the_per_sample_report():
    from designer.engine import gradients

    model, x, y = _case(2, "mse", n=30)
    net = compile_network(model)
    full = gradients(net, x, y, "mse")
    value, connections, biases = parameter_gradients(net, x, y, "mse")
    assert value == pytest.approx(full.loss, rel=1e-12)
    assert connections == pytest.approx(full.connections, rel=1e-10, abs=1e-15)
    assert biases == pytest.approx(full.biases, rel=1e-10, abs=1e-15)


@pytest.mark.parametrize("n, chunk", [(0, 4), (1, 4), (4, 4), (5, 4), (10, 4), (1000, 256), (1_000_000, 12483)])
def test_chunk_spans_cover_every_sample_once_within_the_size(n, chunk):
    spans = chunk_spans(n, chunk)
    ends = [0] + [c1 for _, c1 in spans]
    assert [c0 for c0, _ in spans] == ends[:-1]
    assert ends[-1] == n
    assert all(0 < c1 - c0 <= chunk for c0, c1 in spans)
    assert len(spans) == -(-n // chunk)  # as few chunks as the size allows


@pytest.mark.parametrize("n, sizes", [(512, {512}), (576, {576}), (577, {289, 288})])
def test_a_batch_a_little_over_the_chunk_runs_whole(n, sizes):
    """An eighth over the chunk is not worth two half chunks (more calls, smaller products)."""
    net = compile_network(layered([2, 3, 1], ["tanh", "sigmoid"]))
    x, y = _spiral(n)
    gradient = BatchGradient(net, "mse", chunk=512)
    gradient.compute(net.as_node_major(x), np.ascontiguousarray(y.T))
    assert set(gradient._workspaces) == sizes


def test_chunk_size_keeps_buffers_small_whatever_the_width():
    for width in (2, 8, 64, 256):
        net = compile_network(layered([2, width, width, 1], ["tanh", "tanh", "sigmoid"]))
        size = chunk_size(net)
        assert size >= 256
        assert size * net.n_rows <= max(bp.CHUNK_ENTRIES, 256 * net.n_rows)


@pytest.mark.parametrize(
    ("width", "dtype", "chunks"),
    [(64, np.float32, [1000]), (128, np.float32, [500, 500]), (256, np.float32, [500, 500])]
    + [(128, np.float64, [1000]), (256, np.float64, [500, 500])],
)
def test_a_full_batch_of_1000_runs_in_cache_sized_chunks(width, dtype, chunks):
    """float32 keeps a chunk's buffers within a 2 MB cache, never below 500 samples; float64 as before."""
    net = compile_network(layered([2, width, width, 1], ["tanh", "tanh", "sigmoid"]), dtype)
    gradient = BatchGradient(net, "mse")
    x, y = _spiral(1000)
    gradient.compute(net.as_node_major(x), np.ascontiguousarray(y.T, dtype=dtype))
    assert sorted(gradient._workspaces) == sorted(set(chunks))
    assert len(chunk_spans(1000, gradient.chunk)) == len(chunks) or len(chunks) == 1


def _spiral(n, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-6, 6, (n, 2))
    return x, (x[:, :1] * x[:, 1:] >= 0).astype(float)


def _peak_bytes_of_a_step(n):
    net = compile_network(layered([2, 8, 8, 1], ["tanh", "relu", "sigmoid"]), np.float32)
    randomize(net, 0)
    x, y = _spiral(n)
    trainer = Trainer(net, x, y, TrainingSettings(loss="mse", learning_rate=0.01))
    trainer.step()  # buffers for the chunk sizes exist from here on
    tracemalloc.start()
    try:
        trainer.step()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_full_batch_step_memory_does_not_grow_with_the_number_of_points():
    small, large = _peak_bytes_of_a_step(20_000), _peak_bytes_of_a_step(200_000)
    # one pass over 200,000 points would need 6 buffers of 22 rows × 200,000 floats (100 MB)
    assert large < 1_000_000
    assert large <= small + 50_000


def test_full_batch_training_in_chunks_follows_the_one_pass_trajectory(monkeypatch):
    x, y = _spiral(1000)

    def trained(chunk_entries):
        monkeypatch.setattr(bp, "CHUNK_ENTRIES", chunk_entries)
        net = compile_network(layered([2, 6, 5, 1], ["tanh", "relu", "sigmoid"], seed=1))
        randomize(net, 1)
        trainer = Trainer(net, x, y, TrainingSettings(loss="cross_entropy", optimizer="adam", learning_rate=0.05))
        losses = [trainer.step().loss for _ in range(30)]
        return losses, net.theta.copy(), trainer

    one_losses, one_theta, one = trained(1 << 30)
    chunked_losses, chunked_theta, chunked = trained(1)  # the minimum chunk: 256 samples, 4 chunks
    assert one._gradient.chunk >= 1000 and chunked._gradient.chunk == 256
    np.testing.assert_allclose(chunked_losses, one_losses, rtol=1e-10)
    np.testing.assert_allclose(chunked_theta, one_theta, rtol=1e-9, atol=1e-12)


def test_forward_over_many_points_keeps_only_the_outputs():
    net = compile_network(layered([2, 32, 32, 1], ["tanh", "tanh", "sigmoid"]))
    x, _ = _spiral(300_000)
    tracemalloc.start()
    try:
        out = net.forward(x)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert out.shape == (300_000, 1) and out.base is None
    # all activations of 300,000 points would be 69 rows × 300,000 × 8 bytes = 166 MB
    assert peak < 40_000_000
