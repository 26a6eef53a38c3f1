"""engine.data: the one set of rules by which the app and ``nn-designer train`` prepare data."""

from __future__ import annotations

import numpy as np
import pytest

from designer.engine import data as dm
from designer.model import Connection, InputNode, Network, Neuron
from tests.netgen import layered


def _net(n_in: int, n_out: int) -> Network:
    net = Network()
    for i in range(n_in):
        net.inputs[f"x{i + 1}"] = InputNode(f"x{i + 1}")
    for k in range(n_out):
        net.neurons[f"y{k + 1}"] = Neuron(f"y{k + 1}", "sigmoid")
        for i in range(n_in):
            net.connections[(f"x{i + 1}", f"y{k + 1}")] = Connection(f"x{i + 1}", f"y{k + 1}", 1.0)
    net.outputs = [f"y{k + 1}" for k in range(n_out)]
    return net


def test_default_dataset_follows_the_number_of_inputs():
    assert [dm.default_name(_net(n, 1)) for n in (0, 1, 2, 3)] == [dm.CUSTOM, "bump", "xor", dm.CUSTOM]


def test_domains():
    assert dm.domain("xor", np.zeros((4, 2))) == (-0.5, 1.5, -0.5, 1.5)
    assert dm.domain("spiral", np.zeros((4, 2))) == (-6.0, 6.0, -6.0, 6.0)
    lo, hi = 0.0, 2 * np.pi  # sin on [0, 2π], padded by 5 % each side
    assert dm.domain("sin", np.zeros((4, 1))) == pytest.approx((lo - 0.1 * np.pi, hi + 0.1 * np.pi, -1.0, 1.0))
    assert dm.domain(dm.CUSTOM, np.array([[0.0, 10.0], [4.0, 30.0]])) == pytest.approx((-0.4, 4.4, 8.0, 32.0))


def test_bounds_pad_by_a_tenth_of_the_span_and_at_least_0_1():
    assert dm.bounds(np.zeros((0, 2))) == (-6.0, 6.0, -6.0, 6.0)
    assert dm.bounds(np.zeros((3, 0))) == (-6.0, 6.0, -6.0, 6.0)
    assert dm.bounds(np.array([[1.0, 2.0], [1.5, 2.0]])) == pytest.approx((0.9, 1.6, 1.9, 2.1))  # span ≥ 1
    assert dm.bounds(np.array([[-2.0], [3.0]])) == pytest.approx((-2.5, 3.5, -1.0, 1.0))  # 1 column: y is ±1


def test_the_plotted_domain_of_huge_values_stays_finite():
    """CSV rows of ±1e308: the span was ∞ and the region plot refused its range (a traceback)."""
    rect = dm.bounds(np.array([[1e308, 1e308], [-1e308, 0.0]]))
    assert all(np.isfinite(rect)) and all(np.isfinite([rect[1] - rect[0], rect[3] - rect[2]]))
    assert rect[0] < -1e299 and rect[1] > 1e299  # still frames them, as far as a plot can


def test_fit_targets_one_hot_for_several_outputs():
    y = np.array([[0.0], [1.0], [1.0]])
    same, problem = dm.fit_targets(y, 1)
    assert same is y and problem == ""
    onehot, problem = dm.fit_targets(y, 2)
    assert onehot.tolist() == [[1, 0], [0, 1], [0, 1]] and problem == ""
    zeros, problem = dm.fit_targets(np.array([[0.5], [1.0]]), 2)  # not labels: cannot be one-hot
    assert zeros.shape == (2, 2) and not zeros.any()
    assert problem == "the data has 1 target column(s) but the network has 2 outputs"
    _, problem = dm.fit_targets(np.zeros((2, 3)), 2)
    assert problem == "the data has 3 target column(s) but the network has 2 outputs"


def test_make_a_truth_table_for_the_network():
    data = dm.make(_net(2, 1), dm.DataOptions("and", train_ratio=1.0))
    assert data.problem == "" and data.name == "and" and data.rect == (-0.5, 1.5, -0.5, 1.5)
    rows = sorted(zip(map(tuple, data.x_train.tolist()), data.y_train[:, 0].tolist(), strict=True))
    assert rows == [((0.0, 0.0), 0.0), ((0.0, 1.0), 0.0), ((1.0, 0.0), 0.0), ((1.0, 1.0), 1.0)]
    assert data.classification and dm.compatible(data, _net(2, 1)) and not dm.compatible(data, _net(2, 2))
    assert data.labels(data.y_train).tolist() == data.y_train[:, 0].astype(int).tolist()


def test_make_a_classification_set_with_one_hot_targets_for_two_outputs():
    options = dm.DataOptions("circle", noise=0.1, train_ratio=0.5, seed=3, n=40)
    data = dm.make(_net(2, 2), options)
    assert data.problem == "" and data.options is options
    assert len(data.x_train) == len(data.x_test) == 20
    assert data.y_train.shape == (20, 2) and np.all(data.y_train.sum(axis=1) == 1)
    assert data.labels(data.y_train).tolist() == np.argmax(data.y_train, axis=1).tolist()
    again = dm.make(_net(2, 2), options)
    assert np.array_equal(again.x_train, data.x_train) and np.array_equal(again.y_test, data.y_test)


def test_make_names_a_mismatch_and_keeps_the_points_for_display():
    data = dm.make(_net(3, 1), dm.DataOptions("xor"))
    assert data.problem == "dataset 'xor' has 2 input(s) but the network has 3"
    assert data.x_train.shape[1] == 3 and not data.x_train[:, 2].any()
    one = dm.make(_net(1, 1), dm.DataOptions("xor"))
    assert one.x_train.shape[1] == 1 and "has 2 input(s) but the network has 1" in one.problem
    assert dm.make(_net(2, 0), dm.DataOptions(dm.CUSTOM)).x_train.shape == (0, 2)


def test_make_a_function_for_a_one_input_network():
    net = layered([1, 3, 1], ["tanh", "linear"])
    data = dm.make(net, dm.DataOptions("square", train_ratio=0.75, seed=1, n=40))
    assert data.problem == "" and not data.classification
    assert len(data.x_train) == 30 and len(data.x_test) == 10
    np.testing.assert_allclose(data.y_train[:, 0], data.x_train[:, 0] ** 2)


def test_empty_and_points_added_by_hand():
    data = dm.empty(2, 1)
    assert data.n_train == 0 and not data.classification and data.rect == (-6.0, 6.0, -6.0, 6.0)
    more = data.with_points(np.array([[1.0, 2.0]]), np.array([[1.0]]))
    assert more.name == dm.CUSTOM and more.n_train == 1 and more.x_test.shape == (0, 2)
    assert more.classification and data.n_train == 0


def test_split_rows():
    x = np.arange(10.0).reshape(5, 2)
    y = np.arange(5.0).reshape(5, 1)
    a, b, c, d = dm.split_rows(x, y, 1.0, 0)
    assert a is x and b is y and c.shape == (0, 2) and d.shape == (0, 1)
    a, b, c, d = dm.split_rows(x[:1], y[:1], 0.5, 0)
    assert len(a) == 1 and len(c) == 0
    a, b, c, d = dm.split_rows(x, y, 0.6, 4)
    assert len(a) == 3 and len(c) == 2
    assert sorted(b[:, 0].tolist() + d[:, 0].tolist()) == [0, 1, 2, 3, 4]
    assert np.array_equal(a[:, 0] / 2, b[:, 0]) and np.array_equal(c[:, 0] / 2, d[:, 0])  # rows stay paired
    a, _, c, _ = dm.split_rows(x, y, 0.1, 4)
    assert len(a) == 1 and len(c) == 4  # at least one training row


def test_from_csv():
    net = _net(2, 1)
    data = dm.from_csv(net, "x2,x1,y1\n1,0,1\n3,2,0\n5,4,1\n7,6,0\n", "points.csv", 1.0, 0)
    assert data.name == "csv: points.csv" and data.options == dm.DataOptions("csv", 0.0, 1.0, 0)
    assert data.x_train.tolist() == [[0, 1], [2, 3], [4, 5], [6, 7]]  # the network's input order
    assert data.y_train[:, 0].tolist() == [1, 0, 1, 0]
    assert data.rect == pytest.approx((-0.6, 6.6, 0.4, 7.6))
    one = dm.from_csv(_net(1, 1), "x1,y1\n0,-2\n1,3\n", "f.csv", 0.5, 0)
    assert one.rect[2:] == (-2.0, 3.0) and len(one.x_train) == 1 and len(one.x_test) == 1
    with pytest.raises(dm.DatasetError, match="header but no data rows"):
        dm.from_csv(net, "x1,x2,y1\n", "empty.csv", 1.0, 0)


def test_embedded_data_missing_a_column_names_what_is_missing_and_what_is_there():
    net = layered([2, 1], ["sigmoid"])  # inputs x1, x2; output y1
    wanted = [*net.inputs, *net.outputs]
    with pytest.raises(dm.DatasetError) as info:
        dm.from_rows(net, [wanted[0], "z"], np.zeros((3, 2)), "rows", 0.5, 0)
    assert str(info.value) == f"the embedded data lacks columns {wanted[1]}, {wanted[2]} (columns: {wanted[0]}, z)"


def _targets(*values: float) -> dm.Data:
    y = np.array(values, dtype=float).reshape(-1, 1)
    x = np.zeros((len(y), 2))
    return dm.Data("csv: t.csv", x, y, x[:0], y[:0], (-1.0, 1.0, -1.0, 1.0))


def test_a_few_targets_besides_0_and_1_are_named_when_the_set_becomes_regression():
    """One typing slip among 0/1 targets made the whole set numbers to predict, without a word."""
    assert dm.regression_note(_targets(*([0, 1] * 10), 0.5)) == (
        "read as numbers to predict, not classes: one row with a target not 0 or 1 (0.5)"
    )
    assert "2 rows with a target not 0 or 1 (7)" in dm.regression_note(_targets(*([0, 1] * 10), 7, 0.25))
    assert dm.regression_note(_targets(0, 1, 1, 0)) == ""  # classes
    assert dm.regression_note(_targets(0.1, 0.5, 2.0, 0, 1)) == ""  # numbers throughout


def test_csv_rows_split_like_a_dataset_taking_the_whole_part_of_the_share():
    """5 rows at 0.5 give 2 training rows, as the built-in datasets cut (floor), not 3; a CSV keeps at least one."""
    from designer.engine.data import split_rows
    from designer.engine.datasets import split

    x, y = np.arange(10.0).reshape(5, 2), np.arange(5.0).reshape(5, 1)
    for ratio, training in ((0.5, 2), (0.3, 1), (0.79, 3), (1.0, 5)):
        assert len(split_rows(x, y, ratio, 0)[0]) == training, ratio
        assert len(split(x, y, ratio, np.random.default_rng(0))[0]) == training, ratio
    assert len(split_rows(x, y, 0.1, 0)[0]) == 1
