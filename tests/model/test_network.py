"""The network's own questions about its nodes."""

from designer.model import FeatureNode
from designer.model.templates import single_neuron


def test_inputs_and_features_are_the_source_column_and_neurons_are_not():
    net = single_neuron()
    net.features["f1"] = FeatureNode("f1", "x1^2")
    assert [n for n in ("x1", "x2", "f1", "y", "nothing") if net.is_source(n)] == ["x1", "x2", "f1"]
