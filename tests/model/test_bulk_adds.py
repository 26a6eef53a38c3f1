"""Adding many nodes and links as one change (Add Layer, paste, Connect to many): one event per kind of
change, the same network as one command per node and link made, the same refusals; and a node's links
read from the link index, not from a pass over every link of the network (counted, never timed)."""

from __future__ import annotations

import pytest

from designer.model import (
    AddConnection,
    AddConnections,
    AddNode,
    AddNodes,
    CommandError,
    Connection,
    FeatureNode,
    InputNode,
    Macro,
    Neuron,
    RemoveConnection,
    dumps,
)
from designer.model import events as ev
from designer.model.clipboard import copy_fragment, paste_command
from tests.model.test_big_edits import layered


def new_layer(net, count: int) -> tuple[list[Neuron], list[Connection]]:
    """``count`` neurons fed by every hidden neuron of ``layered`` and feeding every output."""
    ids = [f"n{j}" for j in range(count)]
    nodes = [Neuron(n, "relu", 0.0, position=(500.0, 60.0 * j)) for j, n in enumerate(ids)]
    hidden = [n for n in net.neurons if n.startswith("h")]
    links = [Connection(s, t, 0.25) for t in ids for s in hidden]
    links += [Connection(s, t, -0.5) for t in net.outputs for s in ids]
    return nodes, links


def test_a_layer_added_in_two_commands_is_two_events_and_the_same_network_as_one_per_item():
    net, twin = layered(30, 20, 3), layered(30, 20, 3)
    nodes, links = new_layer(net, 16)
    seen: list[ev.Event] = []
    net.events.subscribe(seen.append)
    add = Macro([AddNodes(nodes), AddConnections(links)])
    add.do(net)
    assert [e.kind for e in seen] == [ev.BATCH_BEGIN, ev.NODES_ADDED, ev.CONNECTIONS_ADDED, ev.BATCH_END]
    assert seen[1].key == tuple(n.id for n in nodes) and seen[2].key == tuple(c.key for c in links)
    twin_nodes, twin_links = new_layer(twin, 16)
    Macro([*map(AddNode, twin_nodes), *map(AddConnection, twin_links)]).do(twin)
    assert dumps(net) == dumps(twin) and list(net.connections) == list(twin.connections)
    assert net.incoming("y1") == twin.incoming("y1") and len(net.incoming("y1")) == 20 + 16
    for step, kinds in (
        (add.undo, [ev.CONNECTIONS_REMOVED, ev.NODES_REMOVED]),
        (add.do, [ev.NODES_ADDED, ev.CONNECTIONS_ADDED]),
    ):
        seen.clear()
        step(net)
        assert [e.kind for e in seen] == [ev.BATCH_BEGIN, *kinds, ev.BATCH_END]
    assert dumps(net) == dumps(twin)


def test_bulk_adds_refuse_what_single_adds_refuse_and_leave_nothing_behind():
    net = layered(3, 2, 1)
    before = dumps(net)
    refused = [
        (AddNodes([Neuron("n", "relu", 0.0), Neuron("n", "relu", 0.0)]), "id 'n' is already used"),
        (AddNodes([Neuron("h1", "relu", 0.0)]), "id 'h1' is already used"),
        (AddNodes([Neuron("n", "nope", 0.0)]), "unknown activation 'nope'"),
        (AddNodes([FeatureNode("f", "z1^2")]), "z1"),
        (AddConnections([Connection("x0", "h0", 1.0)]), "'x0' is already connected to 'h0'"),
        (AddConnections([Connection("h0", "x1", 1.0)]), "cannot connect into input 'x1'"),
        (AddConnections([Connection("h0", "h1", 1.0), Connection("h0", "h1", 2.0)]), "already connected"),
        (AddConnections([Connection("y0", "h1", 1.0)]), "connecting 'y0' to 'h1' would make a cycle"),
        (
            AddConnections([Connection("h0", "h1", 1.0), Connection("h1", "h0", 1.0)]),
            "connecting 'h[01]' to 'h[01]' would make a cycle",
        ),
    ]
    for command, reason in refused:
        with pytest.raises(CommandError, match=reason):
            command.do(net)
        assert dumps(net) == before
    AddNodes([InputNode("z1"), FeatureNode("f", "z1^2")]).do(net)  # a pasted feature reads a pasted input
    AddConnections([Connection("h0", "h1", 1.0), Connection("f", "h0", 1.0)]).do(net)
    assert ("h0", "h1") in net.connections and ("f", "h0") in net.connections


def test_pasting_a_selection_is_one_event_for_its_nodes_and_one_for_its_links():
    net = layered(10, 8, 2)
    fragment = copy_fragment(net, [*net.neurons])
    paste, ids = paste_command(net, fragment)
    seen: list[ev.Event] = []
    net.events.subscribe(seen.append)
    paste.do(net)
    assert [e.kind for e in seen] == [ev.BATCH_BEGIN, ev.NODES_ADDED, ev.CONNECTIONS_ADDED, ev.BATCH_END]
    assert seen[1].key == tuple(ids) and len(seen[2].key) == 8 * 2  # 26 events inside the batch before
    assert len(net.connections) == 10 * 8 + 8 * 2 * 2


class CountingLinks(dict):
    """The network's connections, counting the links a pass over ``values()`` or ``items()`` reads."""

    read = 0

    def values(self):
        for value in super().values():
            CountingLinks.read += 1
            yield value

    def items(self):
        for item in super().items():
            CountingLinks.read += 1
            yield item


def test_a_nodes_incoming_links_come_from_the_index_in_the_models_order():
    """The Inspector's table of a neuron's incoming links read every link of the network for one node."""
    net = layered(200, 50, 3)
    net.successors("x0")  # the link index is built (a window's cycle checks build it at once)
    middle = ("x100", "h7")
    removed = RemoveConnection(middle)
    removed.do(net)
    removed.undo(net)  # put back in the middle: h7's list is put in order again when next read
    AddNodes([Neuron("n", "relu", 0.0)]).do(net)
    AddConnections([Connection("h3", "n", 9.0), Connection("x5", "n", 1.0)]).do(net)
    wanted = {n: [c for c in net.connections.values() if c.target == n] for n in ("h7", "n", "h8")}
    net.connections = CountingLinks(net.connections)
    CountingLinks.read = 0
    for node_id, links in wanted.items():
        assert net.incoming(node_id) == links
    assert CountingLinks.read == 0  # 3 × 10,150 before
    assert net.outgoing("h3") == [c for c in dict.values(net.connections) if c.source == "h3"]
    assert [c.source for c in net.incoming("h7")][99:102] == ["x99", "x100", "x101"]


class CountingEveryPass(CountingLinks):
    """Also counts the keys a pass over the dict itself reads (``for source, target in connections``)."""

    def __iter__(self):
        for key in super().__iter__():
            CountingLinks.read += 1
            yield key


def test_the_connect_menus_lists_read_the_nodes_own_links_from_the_index():
    """The node menu's Connect to / Connect from (``connectable``) built their walk's tables from every
    link of the network, each time a menu opened: 10,150 here for a new neuron with 3 links. Now the
    walks read from the link index the links of the node and of the nodes they reach, once each."""
    from designer.model.graph import connectable

    net = layered(200, 50, 3)
    AddNodes([Neuron("n", "relu", 0.0), Neuron("m", "relu", 0.0)]).do(net)
    AddConnections([Connection("x5", "n", 1.0), Connection("x6", "n", 1.0), Connection("n", "m", 1.0)]).do(net)
    net.connections = CountingEveryPass(net.connections)
    net.successors("x0")  # the index of the dict now in place is built (a window's cycle checks build it)
    read = {"links": 0}

    def counted(ask):
        def links(node_id: str) -> list[str]:
            found = ask(node_id)
            read["links"] += len(found)
            return found

        return links

    net.successors, net.predecessors = counted(net.successors), counted(net.predecessors)
    CountingLinks.read = 0
    targets, sources = connectable(net, "n")
    assert CountingLinks.read == 0  # 10,153 before
    # n's own 3 links, each read once by a walk and once for the duplicates: no other node's
    assert read["links"] == 2 * 3
    assert "m" not in targets and "n" not in targets and len(targets) == 50 + 3
    inputs = [f"x{i}" for i in range(200) if i not in (5, 6)]
    assert sources == inputs + [f"h{j}" for j in range(50)] + ["y0", "y1", "y2"]


def test_a_dict_of_links_put_in_by_hand_is_indexed_anew():
    """Code that sets ``net.connections`` itself (the linear collapse builds its result so) gets the
    links it put there, even as many as before."""
    net = layered(3, 2, 1)
    assert [c.source for c in net.incoming("h0")] == ["x0", "x1", "x2"]
    net.connections = {
        ("x2", "h0"): Connection("x2", "h0", 1.0),
        **{k: net.connections[k] for k in list(net.connections)[3:]},
    }
    net.connections[("x0", "y0")] = Connection("x0", "y0", 1.0)
    net.connections[("x1", "y0")] = Connection("x1", "y0", 1.0)  # as many links as before, other ones
    assert [c.source for c in net.incoming("h0")] == ["x2"]
    assert [c.source for c in net.incoming("y0")] == ["h0", "h1", "x0", "x1"]


def test_moving_many_nodes_is_one_event_in_one_action():
    """Add Layer moves the outputs one column right; Arrange and a dragged selection move many: one event
    per node moved before (64 for the outputs of a net with 64 classes)."""
    from designer.model import MoveNodes

    net = layered(4, 3, 5)
    seen: list[ev.Event] = []
    net.events.subscribe(seen.append)
    move = MoveNodes({f"y{j}": (500.0, 40.0 * j) for j in range(5)})
    move.do(net)
    assert [(e.kind, e.key, e.field) for e in seen] == [
        (ev.BATCH_BEGIN, None, None),
        (ev.NODES_CHANGED, ("y0", "y1", "y2", "y3", "y4"), "position"),
        (ev.BATCH_END, None, None),
    ]
    assert net.neurons["y3"].position == (500.0, 120.0)
    move.undo(net)
    assert net.neurons["y3"].position == (0.0, 0.0) and len(seen) == 6


def test_a_nodes_links_in_and_out_come_from_the_index_in_the_models_order():
    """The node menu's Disconnect entries (``attached``) read every link of the network for one node:
    now its links in and out, merged in the model's order, also after a link went to the end or was put
    back in the middle (an undo)."""
    net = layered(200, 50, 3)
    net.successors("x0")  # the link index is built (a window's cycle checks build it at once)
    late = RemoveConnection(("x5", "h7"))
    late.do(net)
    AddConnection(Connection("x5", "h7", 2.0)).do(net)  # now after h7's links out
    middle = RemoveConnection(("x100", "h8"))
    middle.do(net)
    middle.undo(net)  # put back in the middle

    def wanted(node_id: str) -> list[Connection]:
        return [c for c in dict.values(net.connections) if node_id in (c.source, c.target)]

    expected = {n: wanted(n) for n in ("h7", "h8", "x5", "y1")}
    assert expected["h7"][-1].key == ("x5", "h7") and expected["h7"][-2].key == ("h7", "y2")
    net.connections = CountingLinks(net.connections)
    net.successors("x0")  # the dict put in by hand is indexed anew (one pass), then:
    CountingLinks.read = 0
    for node_id, links in expected.items():
        assert net.attached(node_id) == links
    assert CountingLinks.read == 0  # 4 × 10,150 before
    AddConnections([Connection("x9", "y0", 1.0)]).do(net)
    assert net.attached("y0")[-1].key == ("x9", "y0") and CountingLinks.read == 0
    appended = RemoveConnection(("x1", "h1"))
    appended.do(net)
    appended.undo(net)  # in the middle again: the index is made again once, in the model's order
    assert net.attached("h1") == wanted("h1") and net.attached("x1") == wanted("x1")


def test_setting_one_field_of_many_neurons_is_one_event_and_refuses_what_one_at_a_time_refuses():
    """Set Activation on a selected layer was one SetNodeField per neuron: an event per neuron (64 for a
    layer of 64), each followed by every view."""
    from designer.model import SetNodesField

    net = layered(4, 6, 2)
    before = dumps(net)
    seen: list[ev.Event] = []
    net.events.subscribe(seen.append)
    hidden = {f"h{j}": "tanh" for j in range(6)}
    command = SetNodesField("activation", hidden)
    command.do(net)
    assert [(e.kind, e.key, e.field) for e in seen] == [(ev.NODES_CHANGED, tuple(hidden), "activation")]
    assert seen[0].structural and all(net.neurons[n].activation == "tanh" for n in hidden)
    command.undo(net)
    assert dumps(net) == before and len(seen) == 2
    biases = SetNodesField("bias", {"h0": "1.5", "y1": -2})
    biases.do(net)
    assert net.neurons["h0"].bias == 1.5 and net.neurons["y1"].bias == -2.0 and not seen[-1].structural
    biases.undo(net)
    assert dumps(net) == before
    for values, field, reason in (
        ({"h0": "tanh", "h1": "swish"}, "activation", "unknown activation 'swish'"),
        ({"h0": "tanh", "x0": "tanh"}, "activation", "input 'x0' has no activation"),
        ({"h0": "tanh", "gone": "tanh"}, "activation", "no node 'gone'"),
        ({"h0": "a", "h1": "b"}, "label", "label is set one node at a time"),
    ):
        with pytest.raises(CommandError, match=reason):
            SetNodesField(field, values).do(net)
    assert dumps(net) == before and len(seen) == 4
