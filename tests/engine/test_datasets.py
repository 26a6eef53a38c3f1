"""engine.datasets: every generator has the geometry it promises (TensorFlow Playground's sets, the
lecture's truth tables, 1-D functions), noise acts as documented, splits and CSV errors are exact."""

from __future__ import annotations

import math

import numpy as np
import pytest

from designer.engine.datasets import FUNCTIONS, DatasetError, make_dataset, read_csv, truth_table


def _all(name: str, n: int = 400, noise: float = 0.0, seed: int = 1):
    d = make_dataset(name, n=n, noise=noise, train_ratio=0.5, seed=seed)
    return d.x, d.y[:, 0]


def test_truth_tables_are_the_lecture_s():
    x, y = truth_table("xor")
    assert x.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]] and y[:, 0].tolist() == [0, 1, 1, 0]
    assert truth_table("and")[1][:, 0].tolist() == [0, 0, 0, 1]
    assert truth_table("or")[1][:, 0].tolist() == [0, 1, 1, 1]
    assert truth_table("nand")[1][:, 0].tolist() == [1, 1, 1, 0]
    d = make_dataset("and", input_ids=["a", "b"], output_ids=["q"])
    assert d.input_ids == ["a", "b"] and d.output_ids == ["q"] and len(d.x_test) == 0 and len(d.x_train) == 4


def test_circle_inside_is_class_1_and_a_gap_separates_the_rings():
    x, y = _all("circle")
    r = np.linalg.norm(x, axis=1)
    assert np.array_equal(y, (r < 2.5).astype(float))
    assert r.max() <= 5.0 and not np.any((r >= 2.5) & (r < 3.5))
    assert y.sum() == 200
    noisy_x, noisy_y = _all("circle", noise=0.5)
    wrong = np.mean(noisy_y != (np.linalg.norm(noisy_x, axis=1) < 2.5))
    assert 0.02 < wrong < 0.4  # the label comes from the jittered point


def test_xor_quadrants_label_by_the_sign_of_x1_x2_away_from_the_axes():
    x, y = _all("xor-quadrants")
    assert np.array_equal(y, (x[:, 0] * x[:, 1] >= 0).astype(float))
    assert np.abs(x).min() >= 0.3 and np.abs(x).max() <= 5.3
    assert 0.35 < y.mean() < 0.65
    noisy_x, noisy_y = _all("xor-quadrants", noise=0.5)
    wrong = np.mean(noisy_y != (noisy_x[:, 0] * noisy_x[:, 1] >= 0))
    assert 0.02 < wrong < 0.5


@pytest.mark.parametrize("noise, std", [(0.0, math.sqrt(0.5)), (0.25, math.sqrt(2.25)), (0.5, 2.0)])
def test_gauss_blobs_at_plus_and_minus_2_with_variance_from_the_noise(noise, std):
    x, y = _all("gauss", n=4000, noise=noise, seed=2)
    ones, zeros = x[y == 1], x[y == 0]
    assert len(ones) == len(zeros) == 2000
    assert ones.mean(axis=0) == pytest.approx([2, 2], abs=0.15) and zeros.mean(axis=0) == pytest.approx(
        [-2, -2], abs=0.15
    )
    assert ones.std(axis=0) == pytest.approx([std, std], rel=0.06)


def test_spiral_points_lie_on_two_arms_half_a_turn_apart():
    x, y = _all("spiral")
    r = np.linalg.norm(x, axis=1)
    assert r.max() < 5.0
    turn = 1.75 * (r / 5) * 2 * math.pi + np.where(y == 1, 0.0, math.pi)
    np.testing.assert_allclose(x, np.stack([r * np.sin(turn), r * np.cos(turn)], axis=1), atol=1e-12)
    assert y.sum() == 200
    radii = np.sort(r[y == 1])
    np.testing.assert_allclose(radii, np.arange(200) / 200 * 5, atol=1e-12)  # evenly along the arm
    noisy_x, _ = _all("spiral", noise=0.5)
    assert 0.0 < np.abs(noisy_x - x).max() <= 0.5 * math.sqrt(2)


def test_moons_are_two_interleaved_half_circles():
    x, y = _all("moons")
    p = x / 2.5 + (0.5, 0.25)
    upper, lower = p[y == 1], p[y == 0]
    np.testing.assert_allclose(np.linalg.norm(upper, axis=1), 1.0)
    assert upper[:, 1].min() >= 0
    lower_centre = lower - (1.0, 0.5)
    np.testing.assert_allclose(np.linalg.norm(lower_centre, axis=1), 1.0)
    assert lower_centre[:, 1].max() <= 1e-12
    assert len(upper) == len(lower) == 200
    noisy_x, _ = _all("moons", noise=0.2)
    spread = np.abs(np.linalg.norm((noisy_x / 2.5 + (0.5, 0.25))[y == 1], axis=1) - 1)
    assert 0.05 < spread.mean() < 0.5


def test_checkerboard_cells_of_3():
    x, y = _all("checkerboard")
    cells = np.floor(x / 3.0).astype(int)
    assert np.array_equal(y, ((cells[:, 0] + cells[:, 1]) % 2 == 0).astype(float))
    assert np.abs(x).max() <= 6.0 and 0.35 < y.mean() < 0.65
    noisy_x, noisy_y = _all("checkerboard", noise=0.5)
    noisy_cells = np.floor(noisy_x / 3.0).astype(int)
    wrong = np.mean(noisy_y != ((noisy_cells[:, 0] + noisy_cells[:, 1]) % 2 == 0))
    assert 0.05 < wrong < 0.6


def test_checkerboard_noise_moves_points_across_cell_borders_both_ways():
    x, y = _all("checkerboard", n=4000, noise=0.1)  # each coordinate moves by up to 0.1 * 3
    cells = np.floor(x / 3.0)
    wrong = y != ((cells[:, 0] + cells[:, 1]) % 2 == 0)
    within = np.mod(x[wrong], 3.0)  # where a mislabelled point sits inside its cell
    assert 0.0 < wrong.mean() < 0.3
    assert np.all(np.any((within <= 0.3) | (within >= 2.7), axis=1))  # only next to a border
    just_above, just_below = np.any(within <= 0.3, axis=1).mean(), np.any(within >= 2.7, axis=1).mean()
    assert just_above > 0.3 and just_below > 0.3


@pytest.mark.parametrize("name", FUNCTIONS)
def test_functions_on_an_even_grid_of_their_domain(name):
    fn, (lo, hi) = FUNCTIONS[name]
    d = make_dataset(name, n=101, train_ratio=1.0, input_ids=["t", "u"])
    assert d.input_ids == ["t"] and d.x_train.shape == (101, 1)
    xs = np.sort(d.x_train[:, 0])
    np.testing.assert_allclose(xs, np.linspace(lo, hi, 101))
    np.testing.assert_array_equal(d.y_train, fn(d.x_train))
    noisy = make_dataset(name, n=2000, noise=0.3, train_ratio=1.0)
    residual = noisy.y_train - fn(noisy.x_train)
    assert residual.std() == pytest.approx(0.3, rel=0.08) and abs(residual.mean()) < 0.03


def test_function_values_by_hand():
    assert FUNCTIONS["sin"][1] == (0.0, 2 * math.pi) and FUNCTIONS["abs"][1] == (-5.0, 5.0)
    t = np.array([-1.0, 0.0, 0.5, 1.0, 2.999, 3.0])
    assert FUNCTIONS["step"][0](t).tolist() == [0, 1, 1, 1, 1, 1]
    assert FUNCTIONS["bump"][0](t).tolist() == [0, 0, 0, 1, 1, 0]
    assert FUNCTIONS["square"][0](t).tolist() == pytest.approx([1, 0, 0.25, 1, 2.999**2, 9])
    assert FUNCTIONS["step"][1] == (-3.0, 3.0) and FUNCTIONS["bump"][1] == (-2.0, 6.0)
    assert FUNCTIONS["square"][1] == (-2.0, 2.0)


def test_split_shares_and_default_sizes():
    d = make_dataset("spiral", train_ratio=0.3, seed=4)
    assert len(d.x_train) == 150 and len(d.x_test) == 350 and d.y.shape == (500, 1)
    assert len(make_dataset("sin").x) == 200
    whole = make_dataset("circle", n=10, train_ratio=1.0)
    assert len(whole.x_train) == 10 and len(whole.x_test) == 0
    a, b = make_dataset("circle", n=50, seed=1), make_dataset("circle", n=50, seed=2)
    assert not np.array_equal(a.x_train, b.x_train)
    pairs = make_dataset("xor-quadrants", n=60, seed=3)  # shuffled together: labels still match points
    assert np.array_equal(pairs.y[:, 0], (pairs.x[:, 0] * pairs.x[:, 1] >= 0).astype(float))


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"noise": -0.1}, r"noise must be between 0 and 0.5 \(got -0.1\)"),
        ({"noise": 1.5}, r"noise must be between 0 and 0.5 \(got 1.5\)"),
        ({"train_ratio": 0.0}, r"train ratio must be in \(0, 1\] \(got 0.0\)"),
        ({"train_ratio": 1.01}, r"train ratio must be in \(0, 1\] \(got 1.01\)"),
    ],
    ids=["noise below 0", "noise above 0.5", "ratio 0", "ratio above 1"],
)
def test_bad_requests(kwargs, message):
    with pytest.raises(DatasetError, match=message):
        make_dataset("circle", **kwargs)
    make_dataset("circle", n=4, noise=0.5, train_ratio=1.0)  # the edges are allowed
    make_dataset("circle", n=4, noise=0.0, train_ratio=1.0)


def test_unknown_dataset_names_the_known_ones():
    with pytest.raises(DatasetError, match=r"unknown dataset 'nope' \(known: and, or, nand, xor, circle, "):
        make_dataset("nope")


def test_csv_reading():
    x, y = read_csv(" x2 , y ,x1\n1,2,3\n\n , \n4,5,6\n", ["x1", "x2"], ["y"])
    assert x.tolist() == [[3, 1], [6, 4]] and y.tolist() == [[2], [5]]
    x, y = read_csv("x1\n7\n", ["x1"])
    assert x.tolist() == [[7]] and y.shape == (1, 0)


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "the CSV file is empty"),
        ("\n , \n", "the CSV file is empty"),
        ("a,b\n1,2\n", "CSV header lacks columns x1, y"),
        ("x1,b\n1,2\n", r"CSV header lacks column y \(header: x1, b\)"),
        ("x1,y\n1\n", "CSV line 2: 1 fields, header has 2"),
        ("x1,y\n1,2\n3,4,5\n", "CSV line 3: 3 fields, header has 2"),
        ("x1,y\n1,two\n", "CSV line 2, column y: not a number: 'two'"),
        ("x1,y\n1,nan\n", r"CSV contains a non-finite number \(nan or inf\)"),
        ("x1,y\n1,2\n-inf,2\n", "non-finite"),
        ('x1,y\n"1,2\n', "CSV line 2: 1 fields"),
    ],
    ids=["empty", "blank rows", "two missing", "one missing", "short row", "long row", "text", "nan", "-inf", "quote"],
)
def test_csv_errors(text, message):
    with pytest.raises(DatasetError, match=message):
        read_csv(text, ["x1"], ["y"])


def test_csv_error_messages_stay_short():
    header = ",".join(f"column{i}" for i in range(100))
    with pytest.raises(DatasetError) as error:
        read_csv(header + "\n", ["x1"], ["y"])
    message = str(error.value)
    assert message.endswith("…)") and len(message) < 300
    with pytest.raises(DatasetError, match="unreadable CSV"):
        read_csv("x1,y\n" + '"' + "a" * 200_000 + '"\n', ["x1"], ["y"])
