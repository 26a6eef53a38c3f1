"""The feature palette and the softmax toggle as model commands (one undo step each)."""

import pytest

from designer.model import CommandError, dumps, validate
from designer.model.shortcuts import (
    SetSoftmax,
    add_feature,
    feature_presets,
    find_feature,
    toggle_feature,
)
from designer.model.templates import single_neuron, two_two_one
from tests.model.history import History
from tests.netgen import layered


def test_presets_are_playgrounds_five_features():
    net = single_neuron()
    presets = feature_presets(net)
    assert [(p.text, p.expression) for p in presets] == [
        ("x₁²", "x1^2"),
        ("x₂²", "x2^2"),
        ("x₁x₂", "x1*x2"),
        ("sin x₁", "sin(x1)"),
        ("sin x₂", "sin(x2)"),
    ]
    net.inputs["x2"].label = None
    assert feature_presets(net)[1].text == "x₂²"  # an id like x2 is shown with a subscript
    net.inputs.pop("x2")
    assert [p.expression for p in feature_presets(net)] == ["x1^2", "sin(x1)"]


def test_presets_show_the_inputs_labels_and_subscript_only_letter_number_ids():
    net = single_neuron()
    net.inputs["x1"].label = "age"
    assert [p.text for p in feature_presets(net)] == ["age²", "x₂²", "agex₂", "sin age", "sin x₂"]
    net.inputs["x1"].label = None
    net.inputs["x2"].label = None
    net.inputs["speed_2"] = net.inputs.pop("x1")
    net.inputs["speed_2"].id = "speed_2"
    assert [p.text for p in feature_presets(net)][:2] == ["x₂²", "speed_2²"]


def test_a_palette_click_adds_and_a_second_removes_with_undo():
    net = single_neuron()
    before = dumps(net)
    history = History(net)
    history.push(toggle_feature(net, "x1^2"))
    assert list(net.features) == ["f1"] and net.features["f1"].expression == "x1^2"
    x = net.inputs["x1"].position[0]
    assert net.features["f1"].position == (x, 240.0)  # below the input column
    history.push(add_feature(net, "sin(x2)"))
    assert net.features["f2"].position == (x, 360.0)
    assert find_feature(net, "x1 ** 2") == "f1" and find_feature(net, "x2^2") is None
    history.push(toggle_feature(net, "x1**2"))  # the same formula, spelt otherwise: removed
    assert list(net.features) == ["f2"]
    for _ in range(3):
        history.undo()
    assert dumps(net) == before


def test_a_refused_formula_changes_nothing():
    net = single_neuron()
    with pytest.raises(CommandError, match="unknown name 'x3'"):
        toggle_feature(net, "x3^2").do(net)
    assert not net.features


def test_softmax_toggle_makes_outputs_linear_in_one_step():
    net = layered([2, 3, 3], ["tanh", "sigmoid"])
    history = History(net)
    before = dumps(net)
    history.push(SetSoftmax(True))
    assert net.softmax and all(net.neurons[o].activation == "linear" for o in net.outputs)
    assert validate(net) == []
    history.push(SetSoftmax(False))
    assert not net.softmax and all(net.neurons[o].activation == "linear" for o in net.outputs)
    history.undo()
    history.undo()
    assert dumps(net) == before


def test_the_softmax_toggle_names_its_undo_step():
    assert SetSoftmax(True).text == "softmax outputs"
    assert SetSoftmax(False).text == "no softmax"


def test_softmax_needs_two_outputs():
    net = two_two_one()
    with pytest.raises(CommandError, match="softmax needs at least two output neurons"):
        SetSoftmax(True).do(net)
    assert not net.softmax


def test_removing_a_feature_by_its_palette_button_is_named_in_the_undo_history():
    net = two_two_one()
    add = toggle_feature(net, "x1^2")
    add.do(net)
    feature_id = next(iter(net.features))
    assert toggle_feature(net, "x1^2").text == f"remove feature {feature_id}"
