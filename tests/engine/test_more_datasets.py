"""Three-class and regression datasets, the catalog, and data prepared for networks with several outputs."""

import math

import numpy as np
import pytest

from designer.engine import data as dm
from designer.engine import make_dataset
from designer.engine.datasets import CATALOG, DATASETS, DatasetError, dataset_info
from designer.model import InputNode, Network, Neuron


@pytest.mark.parametrize("name", DATASETS)
def test_the_catalog_describes_what_make_dataset_returns(name):
    info = dataset_info(name)
    ds = make_dataset(name, n=60, noise=0.1, seed=3)
    assert ds.x.shape[1] == info.n_inputs and ds.y.shape[1] == info.n_outputs
    labels = np.unique(ds.y)
    if info.kind == "classification" and name not in ("and", "or", "nand", "xor"):
        assert set(labels) <= {0.0, 1.0}
    assert info.description and "\n" not in info.description
    assert [i.name for i in CATALOG] == list(DATASETS)


def test_unknown_names_are_one_line():
    with pytest.raises(DatasetError, match="unknown dataset 'nope' \\(known: and, or"):
        dataset_info("nope")


def test_three_gaussian_blobs_sit_at_their_centres():
    ds = make_dataset("gauss-3", n=3000, noise=0.0, seed=1, train_ratio=1.0)
    labels = np.argmax(ds.y, axis=1)
    assert np.all(ds.y.sum(axis=1) == 1) and np.bincount(labels).tolist() == [1000, 1000, 1000]
    for c, angle in enumerate((90, 210, 330)):
        centre = 3 * np.array([math.cos(math.radians(angle)), math.sin(math.radians(angle))])
        points = ds.x[labels == c]
        assert np.linalg.norm(points.mean(axis=0) - centre) < 0.08
        assert points.std(axis=0) == pytest.approx([math.sqrt(0.5)] * 2, rel=0.08)  # variance 0.5 at noise 0
    wide = make_dataset("gauss-3", n=3000, noise=0.5, seed=1, train_ratio=1.0)
    assert wide.x[np.argmax(wide.y, axis=1) == 0].std(axis=0) == pytest.approx([2.0, 2.0], rel=0.08)  # variance 4


def test_three_spiral_arms_follow_their_curve():
    ds = make_dataset("spiral-3", n=300, noise=0.0, seed=0, train_ratio=1.0)
    labels = np.argmax(ds.y, axis=1)
    assert np.bincount(labels).tolist() == [100, 100, 100]
    r = np.hypot(ds.x[:, 0], ds.x[:, 1])
    assert r.max() <= 5.0
    turn = 0.75 * 2 * math.pi * r / 5 + labels * 2 * math.pi / 3  # the arm's angle at that radius
    np.testing.assert_allclose(ds.x, np.stack([r * np.sin(turn), r * np.cos(turn)], axis=1), atol=1e-12)


def test_playground_regression_plane():
    ds = make_dataset("reg-plane", n=400, noise=0.0, seed=5)
    assert np.abs(ds.x).max() <= 6
    np.testing.assert_allclose(ds.y[:, 0], (ds.x[:, 0] + ds.x[:, 1]) / 10, rtol=0, atol=1e-15)
    noisy = make_dataset("reg-plane", n=400, noise=0.5, seed=5)
    assert not np.allclose(noisy.y[:, 0], (noisy.x[:, 0] + noisy.x[:, 1]) / 10)


def _playground_gaussian_label(x, y):
    """regressGaussian's getLabel from TensorFlow Playground's dataset.ts, point by point."""
    label = 0.0
    for cx, cy, sign in ((-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1)):
        distance = math.sqrt((x - cx) ** 2 + (y - cy) ** 2)
        new = sign * min(max(1 - distance / 2, 0.0), 1.0)  # d3 linear [0, 2] -> [1, 0], clamped
        if abs(new) > abs(label):
            label = new
    return label


def test_playground_regression_gaussians():
    ds = make_dataset("reg-gauss", n=500, noise=0.0, seed=2)
    expected = [_playground_gaussian_label(a, b) for a, b in ds.x.tolist()]
    np.testing.assert_allclose(ds.y[:, 0], expected, atol=1e-12)
    assert ds.y.min() < -0.8 and ds.y.max() > 0.8


def _net(n_outputs: int, softmax: bool = True) -> Network:
    net = Network(softmax=softmax)
    for i in (1, 2):
        net.inputs[f"x{i}"] = InputNode(f"x{i}")
    for k in range(n_outputs):
        net.neurons[f"o{k}"] = Neuron(f"o{k}", "linear")
    net.outputs = list(net.neurons)
    return net


def test_three_class_data_needs_three_outputs():
    fits = dm.make(_net(3), dm.DataOptions("spiral-3", seed=1))
    assert fits.problem == "" and fits.y_train.shape[1] == 3 and fits.n_classes == 3
    assert fits.rect == (-6.0, 6.0, -6.0, 6.0)
    wrong = dm.make(_net(1, softmax=False), dm.DataOptions("spiral-3"))
    assert wrong.problem == "dataset 'spiral-3' has 3 classes: the network needs 3 outputs (softmax), it has 1"
    regression = dm.make(_net(1, softmax=False), dm.DataOptions("reg-gauss"))
    assert regression.problem == "" and not regression.classification and regression.n_classes == 0
    lo, hi = regression.target_range
    assert -1.0 <= lo < -0.8 and 0.8 < hi <= 1.0
    assert dm.make(_net(1, softmax=False), dm.DataOptions("sin", n=5)).target_range == pytest.approx((-1, 1), abs=0.1)
