"""The model's plain value classes (model/record.py): what a dataclass gave them, kept."""

import inspect

import pytest

from designer.model.events import Event
from designer.model.experiment import EmbeddedData, TrainingSection
from designer.model.network import Connection, FeatureNode, InputNode, Neuron
from designer.model.record import Record

RECORDS = [InputNode, Neuron, FeatureNode, Connection, EmbeddedData, TrainingSection, Event]


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_the_fields_are_the_init_parameters_in_order(cls):
    """equality, repr and replace read the slots: a field __init__ does not take would be lost."""
    params = list(inspect.signature(cls.__init__).parameters)[1:]
    assert list(cls.field_names()) == params


def test_equal_by_fields_and_class_only():
    assert Neuron("h", "tanh", 0.5) == Neuron("h", "tanh", 0.5)
    assert Neuron("h", "tanh", 0.5) != Neuron("h", "tanh", 0.25)
    assert InputNode("x") != FeatureNode("x", "x")  # same id, another kind of node
    assert Connection("a", "b") != ("a", "b", 0.0, True, {})


def test_mutable_records_are_unhashable_and_events_hash_by_value():
    with pytest.raises(TypeError):
        hash(Neuron("h"))
    assert {Event("node_added", "h"), Event("node_added", "h")} == {Event("node_added", "h")}


def test_replace_copies_with_changes_and_refuses_unknown_fields():
    section = TrainingSection(dataset="xor", learning_rate=0.1, extras={"k": 1})
    changed = section.replace(learning_rate=0.5)
    assert changed.learning_rate == 0.5 and changed.dataset == "xor" and changed.extras == {"k": 1}
    assert section.learning_rate == 0.1
    with pytest.raises(TypeError, match="no field 'rate'"):
        section.replace(rate=0.5)


def test_repr_names_every_field():
    shown = "Connection(source='a', target='b', weight=-1.5, trainable=True, extras={})"
    assert repr(Connection("a", "b", -1.5)) == shown


def test_defaults_are_fresh_per_instance():
    one, two = Neuron("a"), Neuron("b")
    one.extras["k"] = 1
    assert two.extras == {}
    assert issubclass(Neuron, Record)
