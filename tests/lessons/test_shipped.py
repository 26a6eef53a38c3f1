"""The shipped "Neural networks" lesson: every step loads and is what its text says."""

import dataclasses
import json

import jsonschema
import numpy as np
import pytest
from referencing import Registry, Resource

from designer.engine import Trainer, compile_network, randomize
from designer.engine import data as engine_data
from designer.engine.landscape import Parameter, parameter_index
from designer.exercises import ChainRuleExercise, Exercise, check
from designer.export.collapse import collapse_linear
from designer.lessons import VIEWS, list_lessons, load_lesson, to_html, to_plain
from designer.model import validate
from designer.model.graph import levels
from tests.conftest import RESOURCES

LESSON = load_lesson("neural-networks")
STEPS = list(enumerate(LESSON.steps, start=1))

#: The lecture's order (issue 17): each topic, found by its step title, comes after the one before.
LECTURE_ORDER = (
    "perceptron",
    "logistic regression",
    "differentiable (1)",
    "differentiable (2)",
    "activations and their derivatives",
    "losses (1)",
    "losses (2)",
    "multilayer perceptron",
    "pytorch",
    "linear layers",
    "universal approximation",
    "design and",
    "design xor",
    "decision boundary",
    "arbitrary function",
    "chain rule",
    "backpropagation",
    "stuck",
    "restarts",
    "beyond the lecture (1): features",
    "beyond the lecture (2): many classes",
)


def test_the_lesson_is_listed_with_its_steps():
    [info] = [i for i in list_lessons() if i.id == "neural-networks"]
    assert info.title == "Neural networks" and info.steps == len(LESSON.steps) >= 15


def test_the_steps_follow_the_lecture():
    titles = [step.title.lower() for step in LESSON.steps]
    positions = [next(i for i, title in enumerate(titles) if topic in title) for topic in LECTURE_ORDER]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)


@pytest.mark.parametrize(("number", "step"), STEPS, ids=[f"step{n}" for n, _ in STEPS])
def test_every_step_loads_compiles_and_fits_its_data(number, step):
    assert validate(step.network) == []
    compile_network(step.network)
    data = engine_data.make(step.network, step.training.data_options())
    assert data.problem == "" and data.n_train > 0
    assert step.views and set(step.views) <= set(VIEWS) and set(step.layout) <= set(step.views)
    assert step.network_from <= number - 1
    if isinstance(step.exercise, Exercise):
        assert "exercise" in step.views and not check(step.network, step.exercise).passed  # something to do
    if isinstance(step.exercise, ChainRuleExercise):
        assert "chainrule" in step.views and step.network == step.exercise.network
    html = to_html(step.text)
    assert html.startswith("<") and "<script" not in html and to_plain(step.text).strip()
    assert 40 <= len(to_plain(step.text)) <= 900  # a few lines


def test_the_lesson_file_matches_its_schema():
    names = ("network.schema.json", "lesson.schema.json")
    schemas = {name: json.loads((RESOURCES / name).read_text()) for name in names}
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas.values())
    schema = schemas["lesson.schema.json"]
    jsonschema.Draft202012Validator.check_schema(schema)
    doc = json.loads((RESOURCES / "lessons" / "neural-networks.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, registry=registry).validate(doc)
    with pytest.raises(jsonschema.ValidationError):
        doc["steps"][0]["views"] = ["canvas", "spreadsheet"]
        jsonschema.Draft202012Validator(schema, registry=registry).validate(doc)


def step_titled(words):
    return next(step for step in LESSON.steps if words in step.title.lower())


def train(step, epochs, seed=None):
    """Train the step's network as the step says (the player's train action); returns trainer and data."""
    net = compile_network(step.network)
    if seed is not None:
        randomize(net, seed)
    data = engine_data.make(step.network, step.training.data_options())
    trainer = Trainer(net, data.x_train, data.y_train, step.training.settings())
    for result in trainer.iterate(epochs):
        assert not result.diverged
    return trainer, data


def action(step, kind):
    return next(a for a in step.actions if a.kind == kind)


def test_the_step_unit_stays_put_and_the_sigmoid_learns():
    step, sigmoid = step_titled("differentiable (1)"), step_titled("differentiable (2)")
    assert step.network.neurons["y"].activation == "step" and sigmoid.network.neurons["y"].activation == "sigmoid"
    start = {k: c.weight for k, c in step.network.connections.items()}
    assert start == {k: c.weight for k, c in sigmoid.network.connections.items()}  # the same start
    assert step.training == sigmoid.training
    trainer, data = train(step, action(step, "train").epochs)
    assert trainer.net.weights() == start and trainer.net.biases() == {"y": 0.0}
    learner, data = train(sigmoid, action(sigmoid, "train").epochs)
    assert learner.evaluate(data.x_test, data.y_test).accuracy >= 0.95
    assert trainer.evaluate(data.x_test, data.y_test).accuracy < 0.7


def test_the_regression_and_cross_entropy_steps_learn():
    mse = step_titled("losses (1)")
    trainer, data = train(mse, action(mse, "train").epochs)
    assert mse.training.loss == "mse" and trainer.evaluate(data.x_test, data.y_test).loss < 0.01
    ce = step_titled("losses (2)")
    trainer, data = train(ce, action(ce, "train").epochs)
    assert ce.training.loss == "cross_entropy" and trainer.evaluate(data.x_test, data.y_test).accuracy >= 0.95


def test_the_mlp_step_shows_a_three_layer_network_that_works():
    step = step_titled("multilayer perceptron")
    assert step.notation == "both" and "math" in step.layout
    data = engine_data.make(step.network, step.training.data_options())
    out = compile_network(step.network).forward(data.x_test)
    assert np.mean((out >= 0.5) == (data.y_test >= 0.5)) >= 0.95
    depth = max(levels(step.network).values())
    assert depth == 3  # h_w(x) = z_{4,1}: three weight layers as in the lecture
    assert step_titled("pytorch").network_from == LESSON.steps.index(step)


def test_the_collapse_step_has_layers_to_collapse_to_the_same_function():
    step = step_titled("linear layers")
    single = collapse_linear(step.network)
    assert len(single.neurons) == 1 and len(step.network.neurons) == 6
    x = np.random.default_rng(0).uniform(-5, 5, (50, 2))
    np.testing.assert_allclose(compile_network(single).forward(x), compile_network(step.network).forward(x), atol=1e-12)


def test_the_towers_add_up_to_sin():
    step = step_titled("universal approximation")
    x = np.linspace(0.01, 2 * np.pi - 0.01, 400)[:, None]
    out = compile_network(step.network).forward(x)[:, 0]
    assert np.abs(out - np.sin(x[:, 0])).max() < 0.55  # six towers: coarse, but sin's shape
    assert sum(n.activation == "step" for n in step.network.neurons.values()) == 12


def test_the_stuck_network_stays_stuck_and_restarts_do_better():
    step = step_titled("stuck")
    trainer, data = train(step, action(step, "train").epochs)
    metrics = trainer.evaluate(data.x_train, data.y_train)
    assert metrics.accuracy == 0.5 and metrics.loss > 0.3  # a local optimum, not a solution
    landscape = action(step, "landscape")
    net = compile_network(step.network)
    for name in landscape.parameters:
        parameter_index(net, Parameter.parse(name))
    restarts = step_titled("restarts")
    runs = action(restarts, "restarts")
    finals = [train(restarts, runs.epochs, seed=seed)[0].evaluate(data.x_train, data.y_train) for seed in range(1, 9)]
    assert restarts.network == step.network and restarts.network_from == step.network_from
    assert sum(m.accuracy == 1.0 for m in finals) >= runs.runs // 2  # most restarts solve XOR


def test_the_design_steps_use_the_lectures_exercises():
    ids = [step.exercise.id for step in LESSON.steps if step.exercise is not None]
    assert ids == ["and", "xor", "triangle", "approx-sin", "chain-1-1-1", "chain-2-2-1-sigmoid"]
    backprop = step_titled("backpropagation")
    assert action(backprop, "backward").point == (1.0, 2.0) == tuple(backprop.exercise.inputs.values())


def test_the_feature_step_trains_one_neuron_into_a_circle():
    """One neuron on x₁² and x₂², no hidden layer: trained as the step says, it separates the disk."""
    step = step_titled("features instead of hidden neurons")
    network = step.network
    assert len(network.neurons) == 1 and [f.expression for f in network.features.values()] == ["x1^2", "x2^2"]
    trainer, data = train(step, action(step, "train").epochs)
    assert trainer.evaluate(data.x_test, data.y_test).accuracy == 1.0
    weights, _ = trainer.net.trainable_values()
    assert weights[("x1sq", "y")] < -0.5 and weights[("x2sq", "y")] < -0.5  # the squares carry it
    assert abs(weights[("x1", "y")]) < 0.2 and abs(weights[("x2", "y")]) < 0.2


def test_the_softmax_step_separates_three_classes_with_straight_borders():
    step = step_titled("many classes")
    network = step.network
    assert network.softmax and len(network.outputs) == 3 == len(network.neurons)  # no hidden layer
    assert step.training.dataset == "gauss-3" and step.training.loss == "cross_entropy"
    trainer, data = train(step, action(step, "train").epochs)
    assert trainer.evaluate(data.x_test, data.y_test).accuracy >= 0.95
    p = trainer.net.forward(data.x_test)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-12)  # probabilities: the text's "add up to 1"


@pytest.mark.parametrize("collapsed", [False, True], ids=["three layers", "collapsed"])
def test_play_in_the_collapse_step_fits_a_plane_without_blowing_up(collapsed):
    """The step trains until paused, on the three layers or (after its collapse) the single layer: at its
    old learning rate 0.03 the loss went to inf within a few epochs of pressing Play."""
    step = step_titled("linear layers")
    assert "Play" in step.text  # the step invites training
    net = collapse_linear(step.network) if collapsed else step.network
    trainer, data = train(dataclasses.replace(step, network=net), 2000)
    result = trainer.evaluate(data.x_train, data.y_train)
    assert np.isfinite(result.loss) and result.loss < 0.15  # a plane through two blobs: no better
    assert all(np.isfinite(w) for w in trainer.net.weights().values())
