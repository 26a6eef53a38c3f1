"""Deleting a node of a big network costs as much as the node's links, not one pass over the network per
link (counted, never timed): a 784-128-64-10 net took 1.4 s to delete a hidden neuron and 33 s to undo it."""

from __future__ import annotations

import builtins

import pytest

import designer.model.network as network_module
import designer.model.network_changes as network_changes
import designer.model.network_links as network_links
from designer.model import (
    AddConnection,
    AddNode,
    CommandError,
    Connection,
    FeatureNode,
    InputNode,
    Macro,
    Network,
    Neuron,
    RemoveConnections,
    RemoveNode,
    RemoveNodes,
    dumps,
)
from designer.model import events as ev


def layered(inputs: int, hidden: int, outputs: int) -> Network:
    """inputs → hidden → outputs, fully connected, each link's weight telling it apart."""
    net = Network(name="big")
    for i in range(inputs):
        net.inputs[f"x{i}"] = InputNode(f"x{i}")
    for layer, (prefix, count, sources) in enumerate(
        (("h", hidden, [f"x{i}" for i in range(inputs)]), ("y", outputs, [f"h{j}" for j in range(hidden)]))
    ):
        for j in range(count):
            node_id = f"{prefix}{j}"
            net.neurons[node_id] = Neuron(node_id, "sigmoid", 0.1 * j)
            for k, source in enumerate(sources):
                net.connections[(source, node_id)] = Connection(source, node_id, layer + 0.001 * k + 0.01 * j)
    net.outputs = [f"y{j}" for j in range(outputs)]
    return net


def count_lists(monkeypatch) -> list[int]:
    """From now on, how many items each ``list(...)`` of the network's methods holds (network.py and its
    parts, ``network_changes.py`` and ``network_links.py``): a pass over all connections shows as their count."""
    sizes: list[int] = []

    def counting_list(*args):
        made = builtins.list(*args)
        sizes.append(len(made))
        return made

    for module in (network_module, network_changes, network_links):
        monkeypatch.setattr(module, "list", counting_list, raising=False)
    return sizes


@pytest.fixture
def listed(monkeypatch) -> list[int]:
    return count_lists(monkeypatch)


def test_deleting_a_hidden_neuron_passes_over_the_links_once_not_once_per_link(listed):
    net = layered(60, 20, 5)  # h3 has 60 + 5 links among 1,300
    before = net.copy()
    order = list(net.connections)
    remove = RemoveNode("h3")
    remove.do(net)
    assert len(net.connections) == 1300 - 65
    assert sum(listed) <= 1300 + 100  # one pass over the keys (each link searched for: 65 × 1,300)
    listed.clear()
    remove.undo(net)
    assert sum(listed) <= 2 * 1300 + 100  # keys and values once (the dict copied once per link before)
    assert net == before and list(net.connections) == order  # every link back where it stood
    listed.clear()
    remove.do(net)
    assert sum(listed) <= 1300 + 100


def test_a_deletion_outside_a_macro_is_one_action_for_the_views():
    """A script's single RemoveNode (no Macro around it) is framed like one: views redraw once at its end."""
    net = layered(6, 3, 2)
    seen: list[ev.Event] = []
    net.events.subscribe(seen.append)
    remove = RemoveNode("y1")  # an output: its mark goes too
    remove.do(net)
    assert seen[0].kind == ev.BATCH_BEGIN and seen[-1].kind == ev.BATCH_END
    assert seen[1:-1] == [  # its links in one event, not one each
        ev.Event(ev.OUTPUTS_CHANGED),
        ev.Event(ev.CONNECTIONS_REMOVED, (("h0", "y1"), ("h1", "y1"), ("h2", "y1"))),
        ev.Event(ev.NODE_REMOVED, "y1"),
    ]
    seen.clear()
    remove.undo(net)
    assert seen[0].kind == ev.BATCH_BEGIN and seen[-1].kind == ev.BATCH_END
    assert [e.kind for e in seen[1:-1]] == [ev.NODE_ADDED, ev.CONNECTIONS_ADDED, ev.OUTPUTS_CHANGED]
    assert seen[2].key == (("h0", "y1"), ("h1", "y1"), ("h2", "y1"))
    assert net.outputs == ["y0", "y1"]


def test_deleting_many_nodes_and_undoing_restores_the_order_and_keeps_the_link_index():
    net = layered(8, 5, 3)
    before = net.copy()
    order = list(net.connections)
    delete = Macro([RemoveNode("h1"), RemoveNode("x4"), RemoveNode("h3"), RemoveNode("y2")])
    delete.do(net)
    assert not any("h1" in k or "x4" in k or "h3" in k or "y2" in k for k in net.connections)
    assert sorted(net.attached_keys("h0")) == sorted(k for k in net.connections if "h0" in k)
    delete.undo(net)
    assert net == before and list(net.connections) == order
    assert sorted(net.attached_keys("h3")) == sorted(k for k in order if "h3" in k)
    assert sorted(net.successors("x4")) == [f"h{j}" for j in range(5)]
    delete.do(net)  # redo
    delete.undo(net)
    assert list(net.connections) == order


def test_links_put_back_at_the_end_are_appended_in_order():
    net = layered(3, 2, 1)
    last = list(net.connections)[-2:]
    removed = net.pop_connections(last)
    assert [i for _, i in removed] == [len(net.connections), len(net.connections) + 1]
    net.insert_connections(list(reversed(removed)))
    assert list(net.connections)[-2:] == last


def test_undoing_the_deletion_of_a_layer_makes_the_dict_once_not_once_per_neuron(listed):
    net = layered(60, 20, 5)
    before = net.copy()
    order = list(net.connections)
    delete = Macro([RemoveNode(f"h{j}") for j in range(0, 20, 2)])  # every other neuron: scattered links
    delete.do(net)
    listed.clear()
    delete.undo(net)
    assert sum(listed) <= 3 * 1300  # keys and values listed once at the end (ten times before)
    assert list(net.connections) == order and net == before
    delete.do(net)
    assert len(net.connections) == 1300 - 10 * 65


def test_a_removal_in_the_same_batch_as_a_pending_undo_sees_the_order_put_right_first():
    net = layered(6, 4, 2)
    before = net.copy()
    order = list(net.connections)
    first, second = RemoveNode("h1"), RemoveNode("h2")
    first.do(net)
    second.do(net)
    with net.batch():
        second.undo(net)
        first.undo(net)  # its links wait to be placed…
        again = RemoveNode("h2")
        again.do(net)  # …and are placed before this removal counts its indices
        again.undo(net)
    assert list(net.connections) == order and net == before


def test_deleting_a_selection_of_nodes_lists_each_table_once_however_many_nodes(listed):
    """The Delete key's command for many nodes: the keys listed once for all of them (ten times before,
    once per node), the node tables once each; undo puts every node and link back where it stood."""
    net = layered(60, 20, 5)
    before, order, nodes = dumps(net), list(net.connections), list(net.neurons)
    delete = RemoveNodes([f"h{j}" for j in range(0, 20, 2)] + ["x7", "y4"])
    delete.do(net)
    assert len(net.connections) == 1300 - 10 * 65 - 10 - 10  # the neurons', x7's and y4's links to the rest
    assert sum(listed) <= 1300 + 670 + 60 + 25 + 20  # keys once, links gone, inputs and neurons once, nodes gone
    assert net.outputs == ["y0", "y1", "y2", "y3"] and "x7" not in net.inputs
    listed.clear()
    delete.undo(net)
    assert sum(listed) <= 2 * 1300 + 60 + 25
    assert dumps(net) == before and list(net.connections) == order and list(net.neurons) == nodes
    assert sorted(net.attached_keys("h4")) == sorted(k for k in order if "h4" in k)
    delete.do(net)
    delete.undo(net)
    assert dumps(net) == before and list(net.connections) == order


def test_an_input_goes_with_the_feature_reading_it_but_not_without_it():
    net = layered(3, 2, 1)
    AddNode(FeatureNode("f", "x1^2")).do(net)
    AddConnection(Connection("f", "h0", 0.5)).do(net)
    before = dumps(net)
    with pytest.raises(CommandError, match="input 'x1' is used by feature f: delete or change it first"):
        RemoveNodes(["x1", "h1"]).do(net)
    with pytest.raises(CommandError, match="no node 'nope'"):
        RemoveNodes(["h1", "nope"]).do(net)
    assert dumps(net) == before
    both = RemoveNodes(["x1", "f"])  # the input first: its reader goes in the same step
    both.do(net)
    assert "x1" not in net.inputs and "f" not in net.features
    both.undo(net)
    assert dumps(net) == before


def test_removing_many_links_is_one_pass_and_undo_puts_them_back_in_order(listed):
    net = layered(60, 20, 5)
    order = list(net.connections)
    incoming = [k for k in order if k[1] == "h3"]
    remove = RemoveConnections(incoming)
    remove.do(net)
    assert not [k for k in net.connections if k[1] == "h3"] and sum(listed) <= 1300 + 60
    remove.undo(net)
    assert list(net.connections) == order
    with pytest.raises(CommandError, match="no connection x0 → y0"):
        RemoveConnections([("x1", "h3"), ("x0", "y0")]).do(net)
    assert list(net.connections) == order


def test_deleting_a_layer_tells_the_views_in_one_event_per_kind_of_change():
    """RemoveNodes, its undo and redo: the links in one event (their keys in the model's order), the nodes
    in another, framed as one action; one event per link before (4,290 for a layer of a 2-64-64-1 net)."""
    net = layered(60, 20, 5)
    layer = [f"h{j}" for j in range(20)]
    links = tuple(k for k in net.connections if k[0] in layer or k[1] in layer)
    seen: list[ev.Event] = []
    net.events.subscribe(seen.append)
    delete = RemoveNodes(layer)
    for step, kinds in (
        (delete.do, [ev.CONNECTIONS_REMOVED, ev.NODES_REMOVED]),
        (delete.undo, [ev.NODES_ADDED, ev.CONNECTIONS_ADDED]),
        (delete.do, [ev.CONNECTIONS_REMOVED, ev.NODES_REMOVED]),
    ):
        seen.clear()
        step(net)
        assert [e.kind for e in seen] == [ev.BATCH_BEGIN, *kinds, ev.BATCH_END]
        keys = {e.kind: e.key for e in seen[1:-1]}
        assert keys.get(ev.CONNECTIONS_REMOVED, keys.get(ev.CONNECTIONS_ADDED)) == links
        assert keys.get(ev.NODES_REMOVED, keys.get(ev.NODES_ADDED)) == tuple(layer)
        assert all(e.structural for e in seen[1:-1])


def test_deleting_many_inputs_reads_each_feature_formula_once(monkeypatch):
    """Whether a feature still reads an input that goes was found by parsing every formula once per input."""
    import designer.model.node_commands as commands

    net = layered(40, 3, 1)
    for k, formula in enumerate(("x1^2", "x2*x3", "sin(x39)")):
        AddNode(FeatureNode(f"f{k}", formula)).do(net)
    parsed: list[str] = []
    parse = commands.parse_unchecked
    monkeypatch.setattr(commands, "parse_unchecked", lambda text, kind: parsed.append(text) or parse(text, kind))
    inputs = [f"x{i}" for i in range(40) if i not in (1, 2, 3, 39)]
    RemoveNodes(inputs).do(net)
    assert len(parsed) <= 3  # 36 × 3 before
    assert not any(k[0] in inputs for k in net.connections)
    with pytest.raises(CommandError, match="input 'x39' is used by feature f2"):
        RemoveNodes(["x39", "h0"]).do(net)
