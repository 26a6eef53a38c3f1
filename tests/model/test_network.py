"""The network's own questions about its nodes."""

from designer.model import AddNode, FeatureNode, InputNode, Neuron, RemoveNode
from designer.model import events as ev
from designer.model.events import Event
from designer.model.templates import single_neuron


def test_inputs_and_features_are_the_source_column_and_neurons_are_not():
    net = single_neuron()
    net.features["f1"] = FeatureNode("f1", "x1^2")
    assert [n for n in ("x1", "x2", "f1", "y", "nothing") if net.is_source(n)] == ["x1", "x2", "f1"]


def test_an_added_node_is_announced_with_its_id_also_when_a_removal_is_undone():
    net = single_neuron()
    seen: list[Event] = []
    net.events.subscribe(seen.append)
    AddNode(InputNode("x3")).do(net)
    AddNode(FeatureNode("f1", "x1^2")).do(net)
    AddNode(Neuron("h1")).do(net)
    assert seen == [Event(ev.NODE_ADDED, "x3"), Event(ev.NODE_ADDED, "f1"), Event(ev.NODE_ADDED, "h1")]
    remove = RemoveNode("h1")
    remove.do(net)
    seen.clear()
    remove.undo(net)
    assert seen == [Event(ev.NODE_ADDED, "h1")]
