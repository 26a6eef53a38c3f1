"""Commands do and undo exactly, emit events, and refuse invalid edits."""

import numpy as np
import pytest

from designer.model import (
    AddConnection,
    AddNode,
    CommandError,
    Connection,
    FeatureNode,
    InputNode,
    Macro,
    MoveNodes,
    Network,
    Neuron,
    RemoveConnection,
    RemoveNode,
    ReplaceNetwork,
    SetConnectionField,
    SetNetworkField,
    SetNodeField,
    SetOutputs,
    dumps,
    load,
)
from designer.model import events as ev
from tests.conftest import EXAMPLES
from tests.model.history import History


@pytest.fixture
def xor():
    return load(EXAMPLES / "xor-step.json")


def test_remove_neuron_removes_its_connections_and_undo_restores_order(xor):
    before = dumps(xor)
    history = History(xor)
    history.push(RemoveNode("h1"))
    assert "h1" not in xor.neurons
    assert all("h1" not in key for key in xor.connections)
    history.undo()
    assert dumps(xor) == before


def test_remove_output_neuron_and_undo(xor):
    before = dumps(xor)
    history = History(xor)
    history.push(RemoveNode("y"))
    assert xor.outputs == []
    history.undo()
    assert dumps(xor) == before


def test_refused_connections_leave_model_unchanged(xor):
    before = dumps(xor)
    with pytest.raises(CommandError, match="would make a cycle"):
        AddConnection(Connection("y", "h1", 1.0)).do(xor)
    with pytest.raises(CommandError, match="inputs receive no connections"):
        AddConnection(Connection("h1", "x1", 1.0)).do(xor)
    with pytest.raises(CommandError, match="already connected"):
        AddConnection(Connection("x1", "h1", 1.0)).do(xor)
    with pytest.raises(CommandError, match="itself"):
        AddConnection(Connection("h1", "h1", 1.0)).do(xor)
    assert dumps(xor) == before


def test_build_xor_from_empty_then_undo_all_and_redo_all():
    net = Network()
    history = History(net)
    steps = [
        AddNode(InputNode("x1", position=(0, 0))),
        AddNode(InputNode("x2", position=(0, 120))),
        AddNode(Neuron("h1", "sigmoid", position=(200, 0))),
        AddNode(Neuron("h2", "sigmoid", position=(200, 120))),
        AddNode(Neuron("y", "sigmoid", position=(400, 60))),
        SetOutputs(["y"]),
        *[
            AddConnection(Connection(s, t, 0.0))
            for s, t in [("x1", "h1"), ("x2", "h1"), ("x1", "h2"), ("x2", "h2"), ("h1", "y"), ("h2", "y")]
        ],
        Macro([SetNodeField(n, "activation", "step") for n in ("h1", "h2", "y")], text="set step"),
        SetNodeField("h1", "bias", -0.5),
        SetNodeField("h2", "bias", -1.5),
        SetNodeField("y", "bias", -0.5),
        *[
            SetConnectionField(k, "weight", 1.0)
            for k in [("x1", "h1"), ("x2", "h1"), ("x1", "h2"), ("x2", "h2"), ("h1", "y")]
        ],
        SetConnectionField(("h2", "y"), "weight", -1.0),
        SetNodeField("h1", "label", "OR"),
        MoveNodes({"y": (400, 60)}),
    ]
    for step in steps:
        history.push(step)
    built = dumps(net)
    while history.undo():
        pass
    assert dumps(net) == dumps(Network())
    while history.redo():
        pass
    assert dumps(net) == built


def test_events_follow_each_edit(xor):
    seen = []
    xor.events.subscribe(lambda e: seen.append((e.kind, e.key, e.field)))
    history = History(xor)
    history.push(SetConnectionField(("x1", "h1"), "weight", 2.0))
    history.push(RemoveConnection(("x1", "h1")))
    history.undo()
    assert seen == [
        ("connection_changed", ("x1", "h1"), "weight"),
        ("connection_removed", ("x1", "h1"), None),
        ("connection_added", ("x1", "h1"), None),
    ]


def test_structural_changes_bump_structure_version(xor):
    v = xor.structure_version
    SetConnectionField(("x1", "h1"), "weight", 3.0).do(xor)
    assert xor.structure_version == v
    SetNodeField("h1", "activation", "relu").do(xor)
    assert xor.structure_version == v + 1


def test_nudges_merge_into_one_undo_step(xor):
    history = History(xor)
    for w in (1.1, 1.2, 1.3):
        history.push(SetConnectionField(("x1", "h1"), "weight", w), merge=True)
    assert xor.connections[("x1", "h1")].weight == 1.3
    history.undo()
    assert xor.connections[("x1", "h1")].weight == 1.0
    assert not history.can_undo


def test_nudges_to_other_connections_or_the_lock_are_undone_on_their_own(xor):
    history = History(xor)
    history.push(SetConnectionField(("x1", "h1"), "weight", 1.5), merge=True)
    history.push(SetConnectionField(("x2", "h1"), "weight", 2.5), merge=True)
    history.push(SetConnectionField(("x2", "h1"), "trainable", False), merge=True)
    history.undo()
    assert xor.connections[("x2", "h1")].trainable is True and xor.connections[("x2", "h1")].weight == 2.5
    history.undo()
    assert xor.connections[("x2", "h1")].weight == 1.0 and xor.connections[("x1", "h1")].weight == 1.5
    history.undo()
    assert xor.connections[("x1", "h1")].weight == 1.0 and not history.can_undo


def test_a_weight_is_kept_as_a_plain_float_whatever_number_type_it_came_as(xor):
    for given in (2, np.float32(0.1), np.int64(-3)):
        SetConnectionField(("x1", "h1"), "weight", given).do(xor)
        weight = xor.connections[("x1", "h1")].weight
        assert type(weight) is float and weight == float(given)


def test_failed_macro_undoes_its_done_part(xor):
    before = dumps(xor)
    with pytest.raises(CommandError):
        Macro([SetNodeField("h1", "bias", 3.0), AddConnection(Connection("y", "h1", 1.0))]).do(xor)
    assert dumps(xor) == before


def test_clean_state_tracking(xor):
    history = History(xor)
    assert history.is_clean
    history.push(SetNodeField("h1", "bias", 0.0))
    assert not history.is_clean
    history.undo()
    assert history.is_clean


def test_an_unknown_activation_is_refused_with_the_known_ones():
    net = load(EXAMPLES / "xor-step.json")
    known = r"\(known: linear, sigmoid, step, relu, tanh\)"
    with pytest.raises(CommandError, match=rf"^unknown activation 'swish' {known}$"):
        SetNodeField("h1", "activation", "swish").do(net)
    assert net.neurons["h1"].activation == "step"


def test_network_fields_undo_to_their_old_values(xor):
    before = dumps(xor)
    history = History(xor)
    history.push(SetNetworkField("name", "renamed"))
    history.push(SetNetworkField("description", "another text"))
    history.push(SetNetworkField("softmax", True))
    assert (xor.name, xor.description, xor.softmax) == ("renamed", "another text", True)
    history.undo()
    assert (xor.name, xor.description, xor.softmax) == ("renamed", "another text", False)
    while history.undo():
        pass
    assert xor.name == "XOR from step units" and dumps(xor) == before


def test_a_node_needs_an_id():
    with pytest.raises(CommandError, match="^a node needs a non-empty id$"):
        AddNode(InputNode("")).do(Network(name="n"))


@pytest.mark.parametrize(
    ("readers", "message"),
    [
        (1, "input 'x1' is used by feature f1: delete or change it first"),
        (2, "input 'x1' is used by features f1, f2: delete or change them first"),
        (3, "input 'x1' is used by features f1, f2, f3: delete or change them first"),
        (4, "input 'x1' is used by features f1, f2, f3 …: delete or change them first"),
    ],
)
def test_an_input_that_features_read_is_not_removed_and_the_message_names_them(readers, message):
    net = Network(name="n")
    net.inputs["x1"] = InputNode("x1")
    for i in range(1, readers + 1):
        net.features[f"f{i}"] = FeatureNode(f"f{i}", f"x1^{i}")
    with pytest.raises(CommandError) as info:
        RemoveNode("x1").do(net)
    assert str(info.value) == message and "x1" in net.inputs


def test_a_connection_added_at_an_index_goes_there_and_undo_takes_it_out():
    net = load(EXAMPLES / "xor-step.json")
    keys = list(net.connections)
    net.connections.pop(("x2", "h2"))
    command = AddConnection(Connection("x2", "h2", 0.5), index=0)
    command.do(net)
    assert list(net.connections) == [("x2", "h2"), *[k for k in keys if k != ("x2", "h2")]]
    command.undo(net)
    assert ("x2", "h2") not in net.connections


def test_replacing_the_whole_network_keeps_listeners_and_undo_brings_the_old_one_back(xor):
    before = dumps(xor)
    template = load(EXAMPLES / "xor-step.json")
    template.name = "from a template"
    template.neurons["h3"] = Neuron("h3", "relu")
    template.connections[("x1", "h3")] = Connection("x1", "h3", 0.5)
    events = []
    xor.events.subscribe(lambda event: events.append(event.kind))
    xor.successors("x1")  # a cached structure query that the replacement must not leave stale
    command = ReplaceNetwork(template)
    command.do(xor)
    assert xor == template and events == [ev.RESET]
    assert sorted(xor.successors("x1")) == ["h1", "h2", "h3"]
    template.neurons["h3"].bias = 9.0  # the network took a copy, not the template's nodes
    assert xor.neurons["h3"].bias == 0.0
    command.undo(xor)
    assert dumps(xor) == before and events == [ev.RESET, ev.RESET]
    assert sorted(xor.successors("x1")) == ["h1", "h2"]


def test_only_bias_edits_of_one_neuron_merge_into_one_undo_step():
    bias = SetNodeField("h1", "bias", 0.1)
    assert bias.merge(SetNodeField("h1", "bias", 0.2)) and bias.value == 0.2
    assert not bias.merge(SetNodeField("h2", "bias", 0.3))
    label = SetNodeField("h1", "label", "a")
    assert not label.merge(SetNodeField("h1", "label", "b"))


def test_arrow_key_moves_of_the_same_nodes_merge_into_one_undo_step(xor):
    """Held down, an arrow key moves a node some 30 times a second: one undo step puts it back."""
    history = History(xor)
    start = xor.node("h1").position
    for step in (1, 2, 3):
        history.push(MoveNodes({"h1": (start[0] + 40.0 * step, start[1])}, by_keys=True), merge=True)
    assert xor.node("h1").position == (start[0] + 120.0, start[1])
    history.undo()
    assert xor.node("h1").position == start and not history.can_undo


def test_only_arrow_key_moves_of_the_same_nodes_merge():
    keys = MoveNodes({"h1": (40.0, 0.0)}, by_keys=True)
    assert not keys.merge(MoveNodes({"h1": (80.0, 0.0)}))  # a drag is its own step
    assert not keys.merge(MoveNodes({"h1": (80.0, 0.0), "h2": (80.0, 120.0)}, by_keys=True))
    assert not MoveNodes({"h1": (40.0, 0.0)}).merge(MoveNodes({"h1": (80.0, 0.0)}))
    assert keys.merge(MoveNodes({"h1": (80.0, 0.0)}, by_keys=True)) and keys.positions == {"h1": (80.0, 0.0)}


@pytest.mark.parametrize("label", ["x2", "x₂", " x2 ", "f1"])
def test_a_source_cannot_be_labelled_like_another_source(label):
    """A feature shown as x2 beside the input x2: the probe said "x2 = 0.52" and "x2 = −85.4"."""
    net = load(EXAMPLES / "xor-step.json")
    net.inputs["x2"].label = "x₂"
    AddNode(FeatureNode("f1", "1/x1")).do(net)
    AddNode(FeatureNode("f2", "x1*x2")).do(net)
    target = "x1" if label == "f1" else "f2"
    with pytest.raises(CommandError, match="already names"):
        SetNodeField(target, "label", label).do(net)


def test_sources_keep_labels_of_their_own_and_neurons_any():
    net = load(EXAMPLES / "xor-step.json")
    AddNode(FeatureNode("f1", "1/x1")).do(net)
    for node_id, label in (("f1", "1/x₁"), ("f1", "f1"), ("f1", ""), ("x1", "x₁"), ("h1", "x2"), ("h2", "h1")):
        SetNodeField(node_id, "label", label).do(net)
        assert net.node(node_id).label == label


def test_a_pasted_source_labelled_like_one_shown_loses_the_label_and_a_neuron_keeps_it():
    """Copy + Paste of x1 (labelled x₁) gave a second x₁ in the probe, past the label rule."""
    from designer.model.clipboard import copy_fragment, paste_command

    net = load(EXAMPLES / "xor-step.json")
    net.inputs["x1"].label = "x₁"
    net.neurons["h1"].label = "OR"
    command, new_ids = paste_command(net, copy_fragment(net, ["x1", "h1"]))
    command.do(net)
    pasted_input, pasted_neuron = new_ids
    assert net.inputs[pasted_input].label is None and net.inputs[pasted_input].display_label == pasted_input
    assert net.neurons[pasted_neuron].label == "OR"
    command, new_ids = paste_command(net, copy_fragment(net, ["x2"]))  # unlabelled: shown by its new id
    command.do(net)
    assert net.inputs[new_ids[0]].label is None


def test_a_file_with_twin_labels_opens_and_keeps_them_when_a_label_is_set_again():
    net = load(EXAMPLES / "xor-step.json")
    net.inputs["x1"].label = net.inputs["x2"].label = "x"
    SetNodeField("x1", "label", "x").do(net)  # unchanged: allowed
    with pytest.raises(CommandError, match="already names input x1"):
        SetNodeField("x2", "label", "x1").do(net)


@pytest.mark.parametrize(("field", "limit"), [("label", 10_000), ("name", 10_000), ("description", 100_000)])
def test_texts_longer_than_a_file_holds_are_refused_so_every_saved_file_opens_again(field, limit):
    """A 12,000-character label was accepted: the saved file, and the crash recovery of the work, were then
    refused by the app's own reader ("text too long")."""
    from designer.model import SetNetworkField, dumps, loads

    net = load(EXAMPLES / "xor-step.json")
    make = (lambda v: SetNodeField("h1", "label", v)) if field == "label" else (lambda v: SetNetworkField(field, v))
    reason = f"a {field} has at most {limit:,} characters \\(this one has {limit + 1:,}\\)"
    with pytest.raises(CommandError, match=reason):
        make("x" * (limit + 1)).do(net)
    make("x" * limit).do(net)  # the limit itself is fine, and reads back
    assert loads(dumps(net)) == net


def test_the_nodes_a_node_may_connect_with_are_those_the_connect_check_allows():
    """The node menu's lists come from one walk each way (asking connection_refusal per node froze the menu
    24 s on 4,000 nodes); they must say what connection_refusal says, node for node."""
    from designer.model import connection_refusal
    from designer.model.graph import connectable
    from tests.netgen import random_dag

    for seed in range(12):
        net = random_dag(seed, n_inputs=2, n_hidden=6 + seed % 5, n_outputs=2, density=0.4)
        for node in net.node_ids():
            targets, sources = connectable(net, node)
            assert set(targets) == {t for t in net.node_ids() if connection_refusal(net, node, t) is None}
            assert set(sources) == {s for s in net.node_ids() if connection_refusal(net, s, node) is None}
