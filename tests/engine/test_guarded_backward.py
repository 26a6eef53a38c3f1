"""Where the engine's guarded pass (missing links carry nothing, whatever the values) must run and where not.

A level with missing links is redone with :func:`designer.engine.masked.masked_product` when a plain
product let a 0 · ∞ in; a dense level (every entry a real link, the bias or a ones row) has nothing to
mask, and its 0 · ∞ or ∞ − ∞ is IEEE arithmetic, as in the plain-Python evaluator and in autograd.
The mutation check (docs/testing.md) found these cases unpinned: each network below puts an infinite
value beside a missing link or inside a dense level. Values by hand; "big" overflows to +∞
(1e308 · x1 + 1e308 for x1 ≥ 1), so no finite difference can be taken across it.
"""

import math

import numpy as np
import pytest

from designer.engine import compile_network, gradients
from designer.engine.backprop import Workspace
from designer.model.fileformat import network_from_document

#: (x1, x2) with x1 ≥ 1: "big" is +∞ at both points
X = np.array([[1.0, 0.5], [2.0, 2.0]])


def _network(neurons, connections, outputs, softmax=False):
    """A version 1 document: inputs x1, x2; ``neurons`` as (id, activation, bias); ``connections`` as
    (source, target, weight)."""
    return network_from_document(
        {
            "format": "nn-designer",
            "version": 1,
            "inputs": [{"id": "x1"}, {"id": "x2"}],
            "neurons": [{"id": n, "activation": act, "bias": b} for n, act, b in neurons],
            "connections": [{"source": s, "target": t, "weight": w} for s, t, w in connections],
            "outputs": list(outputs),
            **({"softmax": True} if softmax else {}),
        }
    )


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


#: level 1: big (reads x1 only) and g = x2 (reads x2 only): missing links on both sides
LEVEL_1 = [("big", "linear", 1e308), ("g", "linear", 0.0)]
LEVEL_1_LINKS = [("x1", "big", 1e308), ("x2", "g", 1.0)]


def test_an_input_read_by_a_skip_link_gets_its_gradient_beside_an_infinite_output():
    """y = σ(g + 0.5·x2) and o2 = big = ∞, SSE against 0. x2 reaches the loss only through y (twice:
    via g and by the skip link), so dL/dx2 = 1.5 · dL/dz_y, finite, although o2 and big, which do not
    read x2, have an infinite dL/dz (their missing links to x2 must not make it 0 · ∞ = NaN). The skip
    link makes level 2 read from x2 on, not from x1."""
    net = _network(
        [*LEVEL_1, ("y", "sigmoid", 0.0), ("o2", "linear", 0.0)],
        [*LEVEL_1_LINKS, ("g", "y", 1.0), ("x2", "y", 0.5), ("big", "o2", 1.0)],
        outputs=("y", "o2"),
    )
    result = gradients(compile_network(net), X, np.zeros((2, 2)), "sse")
    y = _sigmoid(1.5 * X[:, 1])
    dz_y = 2.0 * y * y * (1.0 - y)  # d(y − 0)²/dy · σ'(z)
    assert result.loss == math.inf
    np.testing.assert_allclose(result.grad_a["x2"], 1.5 * dz_y, rtol=1e-12)
    np.testing.assert_allclose(result.grad_a["g"], dz_y, rtol=1e-12)
    assert result.connections[("x2", "y")] == pytest.approx(float(np.sum(dz_y * X[:, 1])), rel=1e-12)


def test_a_neuron_reading_an_infinite_one_through_a_zero_weight_leaves_the_output_beside_it_alone():
    """q = 0·o + y is NaN (0 · ∞ on a real link, IEEE as in the plain evaluator) in a dense level after a
    level with missing links; q is no output, so the loss and y's gradients are finite and exact."""
    net = _network(
        [*LEVEL_1, ("o", "linear", 0.0), ("y", "sigmoid", 0.0), ("q", "linear", 0.0)],
        [*LEVEL_1_LINKS, ("big", "o", 1.0), ("g", "y", 1.0), ("o", "q", 0.0), ("y", "q", 1.0)],
        outputs=("y",),
    )
    compiled = compile_network(net)
    assert np.isnan(compiled.forward_all(X)[1][compiled.index["q"]]).all()
    target = np.array([[1.0], [0.0]])
    result = gradients(compiled, X, target, "mse")
    y = _sigmoid(X[:, 1])
    dz_y = 2.0 * (y - target[:, 0]) / 2 * y * (1.0 - y)  # the mean over 2 samples
    assert result.loss == pytest.approx(float(np.mean((y - target[:, 0]) ** 2)), rel=1e-12)
    assert result.biases["y"] == pytest.approx(float(dz_y.sum()), rel=1e-12)
    assert result.connections[("g", "y")] == pytest.approx(float(np.sum(dz_y * X[:, 1])), rel=1e-12)
    assert result.connections[("x2", "g")] == pytest.approx(float(np.sum(dz_y * X[:, 1])), rel=1e-12)


def test_an_infinite_output_in_a_dense_level_sends_infinite_gradients_back():
    """q = o + y with o = ∞: q's level reads every row of its block (nothing to mask), so dL/dz_q = ∞
    flows back as IEEE says: y and g get +∞, the loss is ∞; no error."""
    net = _network(
        [*LEVEL_1, ("o", "linear", 0.0), ("y", "sigmoid", 0.0), ("q", "linear", 0.0)],
        [*LEVEL_1_LINKS, ("big", "o", 1.0), ("g", "y", 1.0), ("o", "q", 1.0), ("y", "q", 1.0)],
        outputs=("y", "q"),
    )
    result = gradients(compile_network(net), X, np.zeros((2, 2)), "sse")
    assert result.loss == math.inf
    for neuron_id in ("q", "y", "g"):
        assert result.biases[neuron_id] == math.inf, neuron_id
    assert (result.grad_a["y"] == math.inf).all() and (result.grad_a["x2"] == math.inf).all()


def test_an_input_on_a_zero_weight_link_to_an_infinite_neuron_gets_nan_not_an_error():
    """h = 1e308·x1 + 0·x2 + 1e308 = ∞ reads both inputs (a dense level); k also reads x2, o does not
    (a level with a missing link). dL/dx1 = 1e308 · ∞ = ∞ and dL/dx2 = 0 · ∞ = NaN on h's real link,
    as IEEE and autograd give."""
    net = _network(
        [("h", "linear", 1e308), ("o", "linear", 0.0), ("k", "sigmoid", 0.0)],
        [("x1", "h", 1e308), ("x2", "h", 0.0), ("h", "o", 1.0), ("h", "k", 1.0), ("x2", "k", 1.0)],
        outputs=("o",),
    )
    result = gradients(compile_network(net), X, np.zeros((2, 1)), "sse")
    assert result.loss == math.inf
    assert (result.grad_a["x1"] == math.inf).all()
    assert np.isnan(result.grad_a["x2"]).all()
    assert result.biases["o"] == math.inf and result.biases["k"] == 0.0


def test_softmax_outputs_leave_their_activations_in_the_workspace():
    """The backward walk (``ui/live/backward.py``) shows each source's value a from the workspace, and
    J = the output reads the output's a there: the softmax probabilities are the network's outputs,
    kept apart, even where the outputs are neighbouring rows (one level) that a view could share."""
    net = _network(
        [("o1", "linear", 0.5), ("o2", "linear", -1.0), ("d", "sigmoid", 0.0)],
        [("x1", "o1", 2.0), ("x2", "o2", 1.0), ("o1", "d", 1.0)],
        outputs=("o1", "o2"),
        softmax=True,
    )
    compiled = compile_network(net)
    for loss in ("cross_entropy", "mse"):
        ws = Workspace(compiled, 1, loss)
        ws.inputs[:, 0] = [0.25, 3.0]
        p = ws.forward()[:, 0]
        a1, a2 = 2.0 * 0.25 + 0.5, 3.0 - 1.0
        assert ws.a[compiled.index["o1"], 0] == a1 and ws.a[compiled.index["o2"], 0] == a2
        assert ws.a[compiled.index["d"], 0] == pytest.approx(_sigmoid(a1), rel=1e-15)
        np.testing.assert_allclose(p, np.exp([a1, a2]) / np.exp([a1, a2]).sum(), rtol=1e-15)
