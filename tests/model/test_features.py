"""Feature nodes in the model: commands with undo, connection rules, validation, copy and paste, layout."""

import pytest

from designer.model import (
    AddConnection,
    AddNode,
    CommandError,
    Connection,
    FeatureNode,
    Macro,
    RemoveNode,
    SetNodeField,
    SetOutputs,
    connection_refusal,
    dumps,
    loads,
    validate,
)
from designer.model import events as ev
from designer.model.clipboard import copy_fragment, paste_command
from designer.model.graph import is_fully_layered, levels
from designer.model.layout import arrange_by_layers
from designer.model.templates import single_neuron
from tests.model.history import History


def _net():
    net = single_neuron()
    AddNode(FeatureNode("f1", "x1^2", position=(0.0, 240.0))).do(net)
    AddConnection(Connection("f1", "y", 0.5)).do(net)
    return net


def test_add_set_remove_feature_with_undo_and_redo():
    net = single_neuron()
    before = dumps(net)
    history = History(net)
    history.push(AddNode(FeatureNode("f1", "x1^2", position=(0.0, 240.0))))
    history.push(AddConnection(Connection("f1", "y", 0.5)))
    history.push(SetNodeField("f1", "expression", "sin(x2)"))
    history.push(SetNodeField("f1", "label", "sin x₂"))
    assert net.features["f1"].expression == "sin(x2)" and net.features["f1"].label == "sin x₂"
    after = dumps(net)
    history.push(Macro([RemoveNode("f1")], text="delete"))
    assert "f1" not in net.features and ("f1", "y") not in net.connections
    for _ in range(5):
        history.undo()
    assert dumps(net) == before
    for _ in range(4):
        history.redo()
    assert dumps(net) == after


def test_feature_ids_share_the_namespace_of_inputs_and_neurons():
    net = _net()
    for taken in ("x1", "y", "f1"):
        with pytest.raises(CommandError, match=f"id '{taken}' is already used"):
            AddNode(FeatureNode(taken, "x2^2")).do(net)
    assert net.node("f1") is net.features["f1"] and net.has_node("f1")
    assert list(net.node_ids()) == ["x1", "x2", "f1", "y"]


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("x3^2", "unknown name 'x3'"),
        ("y^2", "unknown name 'y'"),  # a feature reads raw inputs only, not neurons
        ("f1 + 1", "unknown name 'f1'"),  # nor other features
        ("x1 % 2", "operator % is not allowed in a feature"),
        ("", "the formula is empty"),
    ],
)
def test_bad_expressions_are_refused_with_the_reason(expression, message):
    net = _net()
    with pytest.raises(CommandError, match=message.replace("(", r"\(")):
        AddNode(FeatureNode("f2", expression)).do(net)
    with pytest.raises(CommandError, match=message.replace("(", r"\(")):
        SetNodeField("f1", "expression", expression).do(net)
    assert net.features["f1"].expression == "x1^2" and "f2" not in net.features


def test_features_receive_no_connections_and_are_never_outputs():
    net = _net()
    assert (
        connection_refusal(net, "y", "f1") == "cannot connect into feature 'f1': a feature is computed from the inputs"
    )
    assert connection_refusal(net, "x1", "f1") is not None
    with pytest.raises(CommandError, match="'f1' is not a neuron, so it cannot be an output"):
        SetOutputs(["f1"]).do(net)
    net.connections[("y", "f1")] = Connection("y", "f1", 1.0)
    net.outputs.append("f1")
    problems = validate(net)
    assert any("a feature is computed from the inputs, it receives no connection" in p for p in problems)
    assert any("output 'f1' is a feature" in p for p in problems)


def test_a_feature_has_no_trainable_values_to_set():
    net = _net()
    for name in ("bias", "activation", "trainable"):
        with pytest.raises(CommandError, match=f"feature 'f1' has no {name} to set"):
            SetNodeField("f1", name, 1.0).do(net)
    with pytest.raises(CommandError, match="input 'x1' has no expression to set"):
        SetNodeField("x1", "expression", "x2").do(net)


def test_an_input_read_by_a_feature_cannot_be_deleted_until_the_feature_is():
    net = _net()
    with pytest.raises(CommandError, match="input 'x1' is used by feature f1: delete or change it first"):
        RemoveNode("x1").do(net)
    Macro([RemoveNode("f1"), RemoveNode("x1")]).do(net)
    assert validate(net) == [] and "x1" not in net.inputs


def test_validation_names_each_fault_in_one_line():
    net = _net()
    net.features["f1"].expression = "x9 + 1"
    net.features["y"] = FeatureNode("y", "x2")
    net.features["f3"] = FeatureNode("f3", "x1", position=(float("nan"), 0.0))
    problems = validate(net)
    assert "feature 'f1': unknown name 'x9' (a feature may use the inputs x1, x2)" in problems
    assert "duplicate id 'y': used by a feature and a neuron" in problems
    assert any(p.startswith("node 'f3': position") for p in problems)


def test_expression_edits_are_structural_events():
    net = _net()
    seen = []
    net.events.subscribe(seen.append)
    version = net.structure_version
    SetNodeField("f1", "expression", "x2^2").do(net)
    assert seen[-1] == ev.Event(ev.NODE_CHANGED, "f1", "expression") and seen[-1].structural
    assert net.structure_version == version + 1


def test_features_sit_in_the_input_column():
    net = _net()
    assert levels(net) == {"x1": 0, "x2": 0, "f1": 0, "y": 1}
    positions = arrange_by_layers(net)
    assert positions["f1"][0] == positions["x1"][0] < positions["y"][0]
    assert is_fully_layered(net)  # y reads x1, x2 and f1: the whole input column
    net.connections.pop(("f1", "y"))
    assert not is_fully_layered(net)


def test_copy_and_paste_renames_the_inputs_a_feature_reads():
    net = _net()
    fragment = copy_fragment(net, ["x1", "f1", "y"])
    assert fragment["version"] == 2 and [f["id"] for f in fragment["features"]] == ["f1"]
    command, new_ids = paste_command(net, fragment)
    command.do(net)
    assert new_ids == ["x3", "f2", "y1"]
    assert net.features["f2"].expression == "x3^2"  # reads the pasted copy of x1
    assert ("f2", "y1") in net.connections and validate(net) == []


def test_pasting_a_feature_alone_reads_the_inputs_of_the_same_ids():
    net = _net()
    command, new_ids = paste_command(net, copy_fragment(net, ["f1"]))
    command.do(net)
    assert new_ids == ["f2"] and net.features["f2"].expression == "x1^2"
    other = single_neuron()
    other.inputs.pop("x1")
    other.connections.pop(("x1", "y"))
    command, _ = paste_command(other, copy_fragment(net, ["f1"]))
    with pytest.raises(CommandError, match="unknown name 'x1'"):
        command.do(other)


def test_a_pasted_feature_follows_only_renamed_inputs_not_other_renamed_nodes():
    """Clipboard text from anywhere: a feature named like the input it reads is renamed, its formula is not."""
    net = single_neuron()
    fragment = {"format": "nn-designer", "version": 2, "inputs": [], "neurons": [], "connections": [], "outputs": []}
    fragment["features"] = [{"id": "x1", "expression": "x1^2", "position": [0.0, 0.0]}]
    command, new_ids = paste_command(net, fragment)
    command.do(net)
    assert new_ids == ["x3"] and net.features["x3"].expression == "x1^2"  # still reads the network's x1
    assert validate(net) == []


def test_a_network_with_features_round_trips_through_text():
    net = _net()
    net.features["f1"].label = "x₁²"
    assert loads(dumps(net)) == net
