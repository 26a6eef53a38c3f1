"""Batches of model changes: one frame around a user action, cheap structure queries while building."""

from designer.model import AddConnection, AddNode, Connection, InputNode, Macro, Network, Neuron, RemoveNode
from designer.model import events as ev
from designer.model.graph import would_create_cycle


def chain(n: int) -> Network:
    net = Network()
    net.inputs["x"] = InputNode("x")
    previous = "x"
    for i in range(n):
        net.neurons[f"h{i}"] = Neuron(f"h{i}")
        net.connections[(previous, f"h{i}")] = Connection(previous, f"h{i}", 1.0)
        previous = f"h{i}"
    return net


def record(net: Network) -> list[str]:
    kinds: list[str] = []
    net.events.subscribe(lambda e: kinds.append(e.kind))
    return kinds


def test_a_macro_is_framed_by_one_begin_and_one_end_also_when_nested_and_undone():
    net = chain(2)
    kinds = record(net)
    inner = Macro([AddNode(Neuron("a")), AddConnection(Connection("h1", "a", 1.0))])
    outer = Macro([inner, AddNode(Neuron("b"))])
    outer.do(net)
    assert kinds[0] == ev.BATCH_BEGIN and kinds[-1] == ev.BATCH_END
    assert kinds.count(ev.BATCH_BEGIN) == kinds.count(ev.BATCH_END) == 1
    assert kinds[1:-1] == [ev.NODE_ADDED, ev.CONNECTION_ADDED, ev.NODE_ADDED]
    kinds.clear()
    outer.undo(net)
    assert kinds.count(ev.BATCH_BEGIN) == 1 and kinds[-1] == ev.BATCH_END
    assert "a" not in net.neurons and "b" not in net.neurons


def test_a_failing_macro_still_closes_its_batch():
    net = chain(1)
    kinds = record(net)
    bad = Macro([AddNode(Neuron("a")), AddConnection(Connection("a", "nowhere", 1.0))])
    try:
        bad.do(net)
    except ValueError:
        pass
    assert kinds[-1] == ev.BATCH_END and kinds.count(ev.BATCH_BEGIN) == 1
    assert "a" not in net.neurons


def test_once_per_action_calls_back_once_per_batch_and_once_per_single_change():
    net = chain(1)
    calls: list[int] = []
    net.events.subscribe(ev.once_per_action(lambda: calls.append(1)))
    Macro([AddNode(Neuron(f"n{i}")) for i in range(20)]).do(net)
    assert calls == [1]
    RemoveNode("n0").do(net)  # a single command outside a batch
    assert calls == [1, 1]


def test_cycle_checks_follow_changes_made_by_commands_and_by_hand():
    net = chain(3)  # x → h0 → h1 → h2
    assert would_create_cycle(net, "h2", "h0")
    assert not would_create_cycle(net, "h0", "h2")
    AddConnection(Connection("h0", "h2", 1.0)).do(net)
    assert would_create_cycle(net, "h2", "h0")
    del net.connections[("h0", "h1")]  # edited directly, as loaders and tests do
    del net.connections[("h1", "h2")]
    assert not would_create_cycle(net, "h1", "h0")
    assert sorted(net.successors("h0")) == ["h2"]


def test_a_connection_from_a_node_to_itself_is_a_cycle():
    net = chain(2)
    assert would_create_cycle(net, "h0", "h0") and would_create_cycle(net, "x", "x")


def test_the_cycle_check_looks_at_each_node_once_in_a_deep_densely_connected_network(monkeypatch):
    """40 layers of 2 neurons, each connected to both of the next: 81 nodes but 2**40 paths to walk."""
    net = Network()
    net.inputs["x"] = InputNode("x")
    previous = ["x"]
    for layer in range(40):
        current = [f"a{layer}", f"b{layer}"]
        for node_id in current:
            net.neurons[node_id] = Neuron(node_id)
            for source in previous:
                net.connections[(source, node_id)] = Connection(source, node_id, 1.0)
        previous = current
    asked: list[str] = []
    successors = net.successors

    def counted(node_id: str) -> list[str]:
        asked.append(node_id)
        assert len(asked) <= 81, "the search walks paths, not nodes"
        return successors(node_id)

    monkeypatch.setattr(net, "successors", counted)
    assert would_create_cycle(net, "b39", "a0")
    asked.clear()
    AddConnection(Connection("x", "a1", 1.0)).do(net)  # the command asks whether a1 reaches x
    assert ("x", "a1") in net.connections
    assert sorted(asked) == sorted(["a1", *(n for n in net.neurons if int(n[1:]) >= 2)])  # each once


class CountedConnections(dict):
    """The network's connections, counting how many a reader looks at."""

    looked_at = 0

    def values(self):
        for value in super().values():
            CountedConnections.looked_at += 1
            yield value

    def __iter__(self):
        for key in super().__iter__():
            CountedConnections.looked_at += 1
            yield key


def test_the_layering_check_reads_each_connection_a_few_times_not_once_per_level():
    """A chain of 2,000 neurons has 2,000 levels: rebuilding a level's set for every connection of
    every level made the PyTorch export of a 10,000-node chain take seconds (issue #14)."""
    from designer.model.graph import is_fully_layered

    net = chain(2000)
    net.connections = CountedConnections(net.connections)
    CountedConnections.looked_at = 0
    assert is_fully_layered(net)
    assert CountedConnections.looked_at <= 4 * len(net.connections)
    del net.connections[("h5", "h6")]
    assert not is_fully_layered(net)  # h6 reads nothing now: level 1, where x is not connected to it


def test_the_layering_check_says_the_same_as_comparing_each_level_with_its_full_set():
    from designer.model.graph import is_fully_layered, layers
    from tests.netgen import layered, random_dag

    def by_sets(net: Network) -> bool:
        previous = [*net.inputs, *net.features]
        for layer in layers(net):
            expected = {(s, t) for s in previous for t in layer}
            if {k for k in net.connections if k[1] in layer} != expected:
                return False
            previous = layer
        return True

    nets = [random_dag(seed, n_hidden=5, density=density) for seed in range(40) for density in (0.3, 0.9)]
    nets += [
        layered([2, 3, 3, 1], ["relu", "relu", "linear"]),
        layered([1, 1], ["linear"]),
        Network(),
        Network(neurons={"y": Neuron("y")}),
    ]
    broken = layered([2, 3, 3, 1], ["relu", "relu", "linear"])
    broken.connections.pop(next(iter(broken.connections)))
    nets.append(broken)
    answers = [is_fully_layered(net) for net in nets]
    assert answers == [by_sets(net) for net in nets]
    assert True in answers and False in answers
