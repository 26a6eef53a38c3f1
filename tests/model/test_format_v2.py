"""File format version 2: feature nodes and the training section; migration from version 1 and back."""

import copy
import json

import jsonschema
import pytest

from designer.model import (
    CommandError,
    EmbeddedData,
    FeatureNode,
    FormatError,
    SetNetworkField,
    TrainingSection,
    dumps,
    load,
    loads,
    save,
    validate,
)
from designer.model.experiment import LOSS_NAMES, MAX_DATA_VALUES, MAX_NAME, OPTIMIZER_NAMES, training_problems
from designer.model.fileformat import BASE_VERSION, FORMAT_VERSION, MIGRATIONS, to_document, uses_version_2
from tests.conftest import EXAMPLES, RESOURCES

XOR = EXAMPLES / "xor-step.json"
SCHEMA = json.loads((RESOURCES / "network.schema.json").read_text(encoding="utf-8"))


def _demo():
    net = load(XOR)
    net.features["x1x2"] = FeatureNode("x1x2", "x1*x2", label="x₁x₂", position=(0.0, 240.0))
    net.training = TrainingSection(
        dataset="xor",
        loss="cross_entropy",
        optimizer="adam",
        learning_rate=0.01,
        batch_size=4,
        l2=0.001,
        epochs=250,
        stop_loss=0.01,
        steps_per_frame=5,
        views=("regions", "curves"),
    )
    return net


def test_a_network_using_nothing_new_is_written_as_version_1_byte_for_byte():
    text = XOR.read_text(encoding="utf-8")
    net = loads(text)
    assert not uses_version_2(net) and to_document(net)["version"] == BASE_VERSION == 1
    assert dumps(net) == text


def test_features_or_training_make_it_version_2_and_round_trip():
    net = _demo()
    text = dumps(net)
    doc = json.loads(text)
    assert doc["version"] == FORMAT_VERSION == 2
    order = ["format", "version", "name", "description", "inputs", "features", "neurons", "connections", "outputs"]
    assert list(doc) == [*order, "training"]
    assert doc["features"] == [{"id": "x1x2", "label": "x₁x₂", "expression": "x1*x2", "position": [0.0, 240.0]}]
    assert doc["training"]["dataset"] == "xor" and doc["training"]["views"] == ["regions", "curves"]
    again = loads(text)
    assert again == net and dumps(again) == text
    jsonschema.validate(doc, SCHEMA)


def test_a_version_1_file_migrates_to_version_2_and_back_to_the_same_network():
    v1 = json.loads(XOR.read_text(encoding="utf-8"))
    v2 = MIGRATIONS[1](copy.deepcopy(v1))
    assert v2["version"] == 2 and {k: v for k, v in v2.items() if k != "version"} == {
        k: v for k, v in v1.items() if k != "version"
    }
    from_v2 = loads(json.dumps(v2))
    assert from_v2 == loads(json.dumps(v1))
    assert json.loads(dumps(from_v2)) == v1  # written back as version 1: the same file


def test_version_1_sections_named_like_version_2_keys_are_kept_as_they_were():
    v1 = json.loads(XOR.read_text(encoding="utf-8"))
    v1["training"] = {"my": ["own", "notes"]}
    v1["features"] = 3
    net = loads(json.dumps(v1))
    assert net.training is None and not net.features
    assert net.extras == {"v1_training": {"my": ["own", "notes"]}, "v1_features": 3}
    assert json.loads(dumps(net)) == v1  # still version 1, under the old names
    net.training = TrainingSection()  # now it needs version 2: the old sections stay set aside
    doc = json.loads(dumps(net))
    assert doc["version"] == 2 and doc["v1_training"] == {"my": ["own", "notes"]} and doc["v1_features"] == 3
    assert loads(dumps(net)) == net


def test_a_newer_version_is_refused_with_a_clear_message():
    doc = json.loads(dumps(_demo()))
    doc["version"] = 3
    with pytest.raises(FormatError, match=r"made by a newer NN Designer \(format version 3; this one reads up to 2\)"):
        loads(json.dumps(doc))


def test_every_training_setting_is_written_and_read():
    net = load(XOR)
    net.training = TrainingSection(
        data=EmbeddedData(("x1", "x2", "y"), ((0.0, 0.0, 0.0), (1.0, 0.5, 1.0)), source="tiny.csv"),
        noise=0.25,
        seed=7,
        train_ratio=0.8,
        points=None,
        loss="sse",
        optimizer="momentum",
        learning_rate=0.5,
        momentum=0.5,
        batch_size=None,
        l1=0.1,
        l2=0.2,
        epochs=0,
        steps_per_frame=1,
        views=("maps", "a-view-of-a-later-version"),
        extras={"later": {"setting": [1, 2]}},
    )
    text = dumps(net)
    assert '"rows": [\n        [0.0, 0.0, 0.0],\n        [1.0, 0.5, 1.0]\n      ]' in text  # one row per line
    assert loads(text) == net
    jsonschema.validate(json.loads(text), SCHEMA)


def test_embedded_data_without_rows_is_written_and_read_back():
    net = load(XOR)
    net.training = TrainingSection(data=EmbeddedData(("x1", "x2", "y"), ()))
    text = dumps(net)
    assert '"columns": ["x1", "x2", "y"],\n      "rows": []\n    }' in text
    assert loads(text) == net


def test_two_features_with_one_id_are_named_as_features():
    doc = json.loads(XOR.read_text(encoding="utf-8"))
    doc["version"] = 2
    doc["features"] = [{"id": "p", "expression": "x1*x2"}, {"id": "p", "expression": "x1+x2"}]
    with pytest.raises(FormatError, match="^duplicate feature id 'p'$"):
        loads(json.dumps(doc))


@pytest.mark.parametrize("other, named", [("x1", "an input"), ("h1", "a neuron")])
def test_a_feature_with_the_id_of_another_node_names_that_node(other, named):
    net = loads(XOR.read_text(encoding="utf-8"))
    net.features[other] = FeatureNode(other, "x1*x2")
    assert f"duplicate id '{other}': used by a feature and {named}" in validate(net)


def test_a_hand_written_feature_without_a_position_is_placed_below_the_inputs():
    doc = json.loads(XOR.read_text(encoding="utf-8"))
    doc["version"] = 2
    doc["features"] = [{"id": "p", "expression": "x1*x2"}]
    net = loads(json.dumps(doc))
    assert net.inputs["x2"].position == (0.0, 120.0) and net.features["p"].position == (0.0, 240.0)


def _with_training(**settings):
    doc = json.loads(XOR.read_text(encoding="utf-8"))
    doc["version"] = 2
    doc["training"] = settings
    return json.dumps(doc)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"noise": "10%"}, "training.noise: expected a number, got a string"),
        ({"noise": 0.7}, "training.noise: expected a number from 0 to 0.5, got 0.7"),
        ({"seed": -1}, "training.seed: expected a whole number from 0 to 4,294,967,295, got -1"),
        ({"seed": 1.5}, "training.seed: expected a whole number"),
        ({"train_ratio": 0}, "training.train_ratio: expected a number above 0 to 1"),
        ({"points": 0}, "training.points: expected a whole number from 1 to 1,000,000"),
        ({"loss": "hinge"}, "training.loss: unknown loss 'hinge' (known: mse, sse, cross_entropy)"),
        ({"optimizer": "rmsprop"}, "training.optimizer: unknown optimizer 'rmsprop'"),
        ({"learning_rate": -0.1}, "training.learning_rate: expected a number above 0"),
        ({"learning_rate": True}, "training.learning_rate: expected a number, got a boolean"),
        ({"momentum": 2}, "training.momentum: expected a number from 0 to 1"),
        ({"batch_size": 0}, "training.batch_size: expected a whole number from 1"),
        ({"l2": -1}, "training.l2: expected a number from 0"),
        ({"epochs": 10**12}, "training.epochs: expected a whole number from 0 to 10,000,000"),
        ({"steps_per_frame": 0}, "training.steps_per_frame: expected a whole number from 1 to 10,000"),
        ({"views": "regions"}, "training.views: expected a list of view names, got a string"),
        ({"views": [1]}, "training.views[0]: expected a view name"),
        ({"dataset": ""}, "training.dataset: expected a name"),
        ({"dataset": "circle", "data": {"columns": ["x1"], "rows": []}}, 'give either "dataset" or "data"'),
        ({"data": {"rows": []}}, 'training.data: missing "columns"'),
        ({"data": {"columns": [], "rows": []}}, "training.data.columns: expected a list of 1 to 1,000 column names"),
        (
            {"data": {"columns": [f"c{i}" for i in range(1001)], "rows": []}},
            "training.data.columns: expected a list of 1 to 1,000 column names",
        ),
        ({"data": {"columns": ["x1", "x1"], "rows": []}}, "column 'x1' is listed twice"),
        ({"data": {"columns": ["x1"], "rows": [[1, 2]]}}, "training.data.rows[0]: expected a list of 1 numbers"),
        ({"data": {"columns": ["x1"], "rows": [["1"]]}}, "training.data.rows[0]: expected numbers, got a string"),
        ({"data": {"columns": ["x1"], "rows": [[1e400]]}}, "training.data.rows[0]: inf is not a finite number"),
        ({"data": {"columns": ["x1"], "rows": [], "url": "x"}}, "training.data: unknown key 'url'"),
        ({"stop_loss": float("inf")}, "training.stop_loss: expected a number from 0"),  # written as Infinity
    ],
)
def test_bad_training_settings_give_one_precise_line(settings, message):
    with pytest.raises(FormatError) as info:
        loads(_with_training(**settings))
    assert message in str(info.value) and "\n" not in str(info.value)


def test_long_unknown_names_are_cut_in_the_message():
    long = "q" * 50
    with pytest.raises(FormatError) as info:
        loads(_with_training(loss=long))
    assert f"unknown loss '{'q' * 39}…' (known:" in str(info.value)
    with pytest.raises(FormatError) as info:
        loads(_with_training(data={"columns": [long, long], "rows": []}))
    assert f"column '{'q' * 39}…' is listed twice" in str(info.value)


def test_view_names_up_to_the_limit_are_kept():
    assert loads(_with_training(views=["v" * MAX_NAME])).training.views == ("v" * MAX_NAME,)
    with pytest.raises(FormatError, match=r"training\.views\[0\]: expected a view name"):
        loads(_with_training(views=["v" * (MAX_NAME + 1)]))


def test_settings_left_out_take_the_apps_defaults():
    assert loads(_with_training(dataset="xor")).training == TrainingSection(dataset="xor")
    assert TrainingSection().l1 == 0.0 and TrainingSection().l2 == 0.0


def test_a_copy_shares_no_training_settings_with_the_original():
    net = _demo()
    net.training.extras["later"] = {"setting": [1, 2]}
    twin = net.copy()
    twin.training.extras["later"]["setting"].append(3)
    assert net.training.extras == {"later": {"setting": [1, 2]}}


def test_embedded_data_is_limited():
    rows = [[0.0, 0.0, 0.0]] * (MAX_DATA_VALUES // 3 + 1)
    with pytest.raises(FormatError, match="too much embedded data .* train from the CSV file instead"):
        loads(_with_training(data={"columns": ["x1", "x2", "y"], "rows": rows}))


def test_names_agree_with_the_engine():
    from designer.engine import LOSSES, OPTIMIZERS

    assert LOSS_NAMES == LOSSES and OPTIMIZER_NAMES == OPTIMIZERS


def test_a_training_section_set_in_code_is_checked_by_the_command_and_by_validate(tmp_path):
    net = load(XOR)
    with pytest.raises(CommandError, match="training.noise: expected a number from 0 to 0.5"):
        SetNetworkField("training", TrainingSection(noise=2.0)).do(net)
    bad_rows = TrainingSection(data=EmbeddedData(("x1", "y"), ((1.0,),)))
    with pytest.raises(CommandError, match=r"training.data.rows\[0\]: expected a list of 2 numbers"):
        SetNetworkField("training", bad_rows).do(net)
    assert net.training is None
    SetNetworkField("training", TrainingSection(dataset="xor")).do(net)
    net.training.learning_rate = 0.0
    assert validate(net) == ["training.learning_rate: expected a number above 0 to 1e+06, got 0.0"]
    with pytest.raises(FormatError, match="not saved: training.learning_rate"):
        save(net, tmp_path / "x.json")


def test_embedded_rows_are_checked_by_the_command_that_sets_them_not_on_every_validation():
    bad_rows = TrainingSection(data=EmbeddedData(("x1", "y"), ((1.0,),)))
    assert training_problems(bad_rows) == []
    assert training_problems(bad_rows, rows=True) == [
        "training.data.rows[0]: expected a list of 2 numbers, one per column"
    ]


def _float_error(text):
    try:
        float(text)
    except ValueError as exc:
        return str(exc)
    raise AssertionError(text)


def test_a_section_of_wrong_types_is_a_problem_of_one_line_of_at_most_200_characters(tmp_path):
    net = load(XOR)
    net.training = TrainingSection(noise="n" * 80)  # set in code with the wrong type
    assert validate(net) == [f"training: {_float_error('n' * 80)}"]  # about 120 characters: whole
    with pytest.raises(FormatError, match="^not saved: training: could not convert string to float"):
        save(net, tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists()
    net.training = TrainingSection(noise="n" * 300)
    assert training_problems(net.training) == [f"training: {_float_error('n' * 300)[:199]}…"]
    with pytest.raises(CommandError, match=r"^training: float\(\) argument must be a string or a real number"):
        SetNetworkField("training", TrainingSection(learning_rate=None)).do(load(XOR))


def test_a_saved_demo_loads_back_identically(tmp_path):
    net = _demo()
    save(net, tmp_path / "demo.json")
    assert load(tmp_path / "demo.json") == net
