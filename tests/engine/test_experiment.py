"""The file's experiment and the engine: what the app shows becomes a training section and comes back
the same (data split, settings), through a saved file too."""

import numpy as np
import pytest

from designer.engine import TrainingSettings
from designer.engine import data as dm
from designer.engine.experiment import data_options, embedded_rows, prepare_data, section_from, training_settings
from designer.model import SetNetworkField, dumps, loads
from designer.model.experiment import MAX_DATA_VALUES
from tests.netgen import layered

SETTINGS = TrainingSettings(
    loss="cross_entropy", optimizer="momentum", learning_rate=0.2, batch_size=7, l1=0.01, l2=0.02, seed=4, momentum=0.5
)


def _net():
    return layered([2, 3, 1], ["tanh", "sigmoid"])


def _same(a: dm.Data, b: dm.Data) -> None:
    for name in ("x_train", "y_train", "x_test", "y_test"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))


def _through_a_file(net, section):
    SetNetworkField("training", section).do(net)
    return loads(dumps(net))


def test_a_builtin_dataset_is_saved_by_name_and_rebuilt_identically():
    net = _net()
    shown = dm.make(net, dm.DataOptions("spiral", noise=0.2, train_ratio=0.7, seed=4, n=120))
    section = section_from(net, shown, SETTINGS, epochs=40, stop_loss=0.05, steps_per_frame=3, views=["regions"])
    assert section.dataset == "spiral" and section.data is None and section.points == 120
    again = _through_a_file(net, section)
    _same(prepare_data(again, again.training), shown)
    assert training_settings(again.training) == SETTINGS
    assert data_options(again.training) == shown.options
    assert (again.training.epochs, again.training.stop_loss, again.training.steps_per_frame) == (40, 0.05, 3)


def test_csv_rows_are_embedded_in_file_order_and_split_the_same_way():
    net = _net()
    text = "x1,x2,y1\n" + "".join(f"{i / 10},{-i / 7},{i % 2}\n" for i in range(30))
    shown = dm.from_csv(net, text, "points.csv", 0.6, 11)
    section = section_from(net, shown, SETTINGS, epochs=5)
    assert section.dataset is None and section.data.source == "points.csv" and len(section.data.rows) == 30
    assert section.data.rows[3] == (0.3, -3 / 7, 1.0)
    again = _through_a_file(net, section)
    rebuilt = prepare_data(again, again.training)
    _same(rebuilt, shown)
    assert rebuilt.name == "csv: points.csv" and rebuilt.options.name == dm.CSV


def test_painted_points_are_embedded_as_training_points():
    net = _net()
    painted = dm.empty(2, 1).with_points(np.array([[0.5, 1.0], [-2.0, 3.0]]), np.array([[1.0], [0.0]]))
    section = section_from(net, painted, SETTINGS, epochs=5)
    assert section.data.source is None and section.train_ratio == 1.0
    rebuilt = prepare_data(net, section)
    _same(rebuilt, painted)
    assert rebuilt.options.name == dm.CUSTOM


def test_data_too_large_to_embed_is_left_out():
    net = _net()
    n = MAX_DATA_VALUES // 3 + 1
    x, y = np.zeros((n, 2)), np.zeros((n, 1))
    big = dm.empty(2, 1).with_points(x, y)
    assert embedded_rows(big, net) is None
    section = section_from(net, big, SETTINGS, epochs=1)
    assert section.data is None and section.dataset is None and prepare_data(net, section) is None


def test_an_unknown_dataset_name_is_reported_when_the_data_is_built():
    net = _net()
    section = section_from(net, dm.make(net, dm.DataOptions("xor")), SETTINGS, epochs=1)
    section.dataset = "made-up"
    with pytest.raises(dm.DatasetError, match="unknown dataset 'made-up'"):
        prepare_data(net, section)


def test_points_painted_over_a_dataset_keep_their_test_points():
    net = _net()
    base = dm.make(net, dm.DataOptions("gauss", n=20, train_ratio=0.5, seed=2))
    painted = base.with_points(np.array([[5.0, 5.0]]), np.array([[1.0]]))
    section = section_from(net, painted, SETTINGS, epochs=1)
    assert section.data.columns == ("x1", "x2", "y1", "split") and len(section.data.rows) == 21
    again = _through_a_file(net, section)
    _same(prepare_data(again, again.training), painted)
