"""The live views survive whatever the user does meanwhile: edits, undo, file changes, while training."""

import random

import numpy as np

from designer.engine import EngineError, compile_network
from designer.model import (
    AddConnection,
    AddNode,
    Connection,
    Neuron,
    RemoveConnection,
    RemoveNode,
    SetConnectionField,
    SetNetworkField,
    SetNodeField,
    SetOutputs,
)
from designer.model.templates import empty, single_neuron
from tests.ui.live_gui import map_pixels, mlp, open_window


def random_edit(rng: random.Random, window) -> None:
    net = window.document.network
    doc = window.document
    neurons = list(net.neurons)
    nodes = list(net.node_ids())
    choice = rng.randrange(9)
    if choice == 0:
        node_id = net.fresh_id("n")
        doc.push(AddNode(Neuron(node_id, rng.choice(["sigmoid", "relu", "step", "tanh", "linear"]), 0.0)))
    elif choice == 1 and len(neurons) > 1:
        doc.push(RemoveNode(rng.choice(neurons)))
    elif choice == 2 and len(nodes) > 1:
        doc.push(AddConnection(Connection(rng.choice(nodes), rng.choice(neurons or nodes), rng.uniform(-2, 2))))
    elif choice == 3 and net.connections:
        doc.push(RemoveConnection(rng.choice(list(net.connections))))
    elif choice == 4 and net.connections:
        doc.push(SetConnectionField(rng.choice(list(net.connections)), "weight", rng.uniform(-3, 3)), merge=True)
    elif choice == 5 and neurons:
        name, value = rng.choice([("bias", rng.uniform(-2, 2)), ("activation", rng.choice(["relu", "tanh", "step"]))])
        doc.push(SetNodeField(rng.choice(neurons), name, value))
    elif choice == 6 and neurons:
        doc.push(SetOutputs(rng.sample(neurons, k=min(len(neurons), rng.randint(1, 2)))))
    elif choice == 7:
        doc.push(SetNetworkField("softmax", not net.softmax))
    elif doc.undo_stack.canUndo():
        doc.undo_stack.undo()


def test_random_edits_while_training_with_every_view_on(qtbot):
    w = open_window(qtbot, mlp([2, 3, 1], "relu", "sigmoid"))
    live = w.live
    w.actions["gradient_flow"].trigger()
    live.panel.buttons["train_play"].click()
    rng = random.Random(4)
    for i in range(150):
        random_edit(rng, w)
        if i % 10 == 0:
            live.session.set_probe(np.zeros(len(w.document.network.inputs)), pinned=True)
            w.actions["forward_walk"].trigger()
            w.actions["walk_next"].trigger()
        if i % 25 == 0:
            w.actions["backward_pass"].trigger()
            w.actions["walk_prev"].trigger()
        if i % 7 == 0:
            live.panel.buttons["train_play"].click()
        qtbot.wait(1)
    live.training.pause()
    live.session.flush()
    _assert_live_state_follows_the_model(w)


def _assert_live_state_follows_the_model(w) -> None:
    """The live views show exactly the model: compiled from it when it can be, else the engine's reason."""
    net, state = w.document.network, w.live.session
    try:
        expected = compile_network(net, np.float32)
    except EngineError as exc:
        assert state.compiled is None and state.error == str(exc)
        return
    assert state.error == "" and state.compiled is not None
    assert state.compiled.output_ids == net.outputs and state.compiled.connection_keys == list(net.connections)
    np.testing.assert_array_equal(state.compiled.theta, expected.theta)


def test_file_new_and_a_network_without_output(qtbot):
    w = open_window(qtbot, mlp([2, 2, 1]))
    live = w.live
    w.document.replace(empty(), path=None)
    live.session.flush()
    assert live.session.compiled is None and "no output neuron" in live.session.error
    assert not live.region.image.isVisible() and live.region.message.isVisible()
    live.panel.buttons["train_play"].click()
    assert not live.training.running and "Cannot train" in live.panel.message.text()
    w.document.replace(single_neuron(), path=None)
    live.session.flush()
    assert live.session.compiled is not None and live.region.image.image.shape == (200, 200)
    assert map_pixels(live.maps, "y").shape == (40, 40)
