"""The Playground-like generators' shapes and noise, where the mutation check (docs/testing.md) found
them unpinned: points spread over the whole shape, noise drawn per point and centred, class sizes.

Noise is compared with the same seed at noise 0: every generator draws the same random numbers
whatever the noise (it only scales them), so the points (or the places labels are read at) differ
by the noise alone.
"""

import math

import numpy as np
import pytest

from designer.engine import make_dataset
from designer.engine.datasets import CATALOG, TABLES, DatasetError, dataset_info, is_truth_table

N = 4000


def _data(name, noise=0.0, n=N, seed=7):
    d = make_dataset(name, n=n, noise=noise, train_ratio=1.0, seed=seed)
    return d.x_train, d.y_train


def _angles(x):
    return np.mod(np.arctan2(x[:, 0], x[:, 1]), 2 * math.pi)


def test_circle_rings_fill_their_radii_at_every_angle():
    """Class 1 fills the disk of radius 2.5 from its centre, class 0 the ring from 3.5 to 5, evenly
    around: each eighth of the turn holds an eighth of the points."""
    x, y = _data("circle")
    r = np.linalg.norm(x, axis=1)
    inner, outer = r[y[:, 0] == 1], r[y[:, 0] == 0]
    assert inner.min() < 0.1 and inner.max() > 2.4 and inner.max() < 2.5
    assert outer.min() > 3.5 and outer.min() < 3.6 and outer.max() > 4.9
    sectors = np.bincount((_angles(x) // (math.pi / 4)).astype(int), minlength=8) / N
    assert sectors.shape == (8,) and np.all(np.abs(sectors - 1 / 8) < 0.025)


def test_xor_quadrants_fill_the_square_away_from_the_axes():
    """Points spread over [-5.3, 5.3]² outside the 0.3 band along each axis."""
    x, _ = _data("xor-quadrants")
    assert np.abs(x).min() >= 0.3 and np.abs(x).max() > 5.2 and np.abs(x).max() <= 5.3
    assert np.all(np.abs(np.quantile(x, [0.25, 0.75], axis=0)) > 2)


def test_xor_quadrant_noise_flips_labels_only_within_its_reach_on_both_sides():
    """Noise 0.5 moves where the label is read by up to 2.5 each way, per point: points farther from
    both axes keep their quadrant's label; nearer ones flip on both sides of each axis."""
    x, y = _data("xor-quadrants", noise=0.5)
    clean = (x[:, 0] * x[:, 1] >= 0).astype(float)
    flipped = y[:, 0] != clean
    assert not flipped[np.abs(x).min(axis=1) > 2.5].any()
    assert 0.05 < flipped.mean() < 0.3
    for column in (0, 1):
        near = flipped & (np.abs(x[:, column]) < 2.5)
        assert (x[near, column] > 0).sum() > 20 and (x[near, column] < 0).sum() > 20


@pytest.mark.parametrize("name", ["spiral", "moons"])
def test_noise_moves_each_point_on_its_own_centred_on_the_clean_shape(name):
    """Spiral: uniform in ±noise per coordinate; moons: normal with standard deviation 2.5 · noise."""
    clean, labels = _data(name)
    noisy, noisy_labels = _data(name, noise=0.4)
    np.testing.assert_array_equal(noisy_labels, labels)
    moved = noisy - clean
    spread = 0.4 / math.sqrt(3) if name == "spiral" else 0.4 * 2.5  # std of U(-a, a) is a/√3
    assert np.abs(moved.mean(axis=0)).max() < 0.05 * spread * 2
    np.testing.assert_allclose(moved.std(axis=0), spread, rtol=0.05)
    if name == "spiral":
        assert np.abs(moved).max() <= 0.4


def test_moon_points_cover_each_half_circle_end_to_end():
    """Upper moon (cos t, sin t), lower moon (1 − cos t, 0.5 − sin t), t uniform in [0, π]; both moved
    by (−0.5, −0.25) and scaled by 2.5."""
    x, y = _data("moons")
    p = x / 2.5 + (0.5, 0.25)
    upper, lower = p[y[:, 0] == 1], p[y[:, 0] == 0]
    for t in (np.arctan2(upper[:, 1], upper[:, 0]), np.arctan2(0.5 - lower[:, 1], 1 - lower[:, 0])):
        assert t.min() < 0.01 and t.max() > math.pi - 0.01
        assert np.abs(np.histogram(t, bins=4, range=(0, math.pi))[0] / len(t) - 0.25).max() < 0.03


def test_regression_labels_are_read_at_points_moved_on_their_own():
    """Playground's regression noise (reg-plane and reg-gauss alike): the label is read at the point
    moved by U(-6, 6) · noise per coordinate. For the plane that adds (u1 + u2) · noise / 10 to y:
    centred, with standard deviation 6 · noise · √(2/3) / 10, and at most 12 · noise / 10 away."""
    x, y = _data("reg-plane", noise=0.5)
    residual = y[:, 0] - (x[:, 0] + x[:, 1]) / 10
    expected = 6 * 0.5 * math.sqrt(2 / 3) / 10
    assert abs(residual.mean()) < 0.05 * expected
    assert residual.std() == pytest.approx(expected, rel=0.05)
    assert np.abs(residual).max() <= 12 * 0.5 / 10


@pytest.mark.parametrize("name", ["gauss-3", "spiral-3"])
def test_three_class_sets_share_the_points_out_as_evenly_as_they_can(name):
    for n, counts in ((100, [34, 33, 33]), (101, [34, 34, 33]), (99, [33, 33, 33])):
        x, y = _data(name, n=n)
        assert x.shape == (n, 2) and y.shape == (n, 3)
        assert y.sum(axis=0).tolist() == counts


def test_the_catalog_names_each_set_and_its_kind():
    kinds = {info.name: info.kind for info in CATALOG}
    assert kinds["sin"] == kinds["reg-plane"] == "regression"
    assert kinds["circle"] == kinds["gauss-3"] == kinds["xor"] == "classification"
    assert dataset_info("sin").name == "sin" and dataset_info("reg-gauss").name == "reg-gauss"
    assert dataset_info("spiral-3").name == "spiral-3"
    assert set(kinds.values()) == {"regression", "classification"}
    with pytest.raises(DatasetError, match=r"^unknown dataset '" + "n" * 59 + r"…' \(known: "):
        dataset_info("n" * 61)


def test_a_dataset_carries_its_name_and_ids_and_a_truth_table_has_no_test_rows():
    for name in TABLES:
        d = make_dataset(name, seed=3, output_ids=["out"])
        assert is_truth_table(name) and d.name == name and d.output_ids == ["out"]
        assert d.x_test.shape == (0, 2) and d.y_test.shape == (0, 1)
    d = make_dataset("circle", n=10, seed=3, output_ids=["out"])
    assert not is_truth_table("circle") and not is_truth_table("xor-quadrants")
    assert d.name == "circle" and d.output_ids == ["out"] and d.input_ids == ["x1", "x2"]
