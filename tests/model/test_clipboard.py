"""Copy and paste without Qt: what a fragment holds, where pasted nodes go, what a paste refuses."""

import pytest

from designer.model import FormatError, load
from designer.model.clipboard import copy_fragment, paste_command
from designer.model.templates import single_neuron
from tests.conftest import EXAMPLES


def test_a_fragment_holds_the_chosen_nodes_and_only_the_connections_among_them():
    xor = load(EXAMPLES / "xor-step.json")
    fragment = copy_fragment(xor, ["x1", "h1", "y"])
    assert [n["id"] for n in fragment["inputs"]] == ["x1"]
    assert [n["id"] for n in fragment["neurons"]] == ["h1", "y"]
    assert [(c["source"], c["target"]) for c in fragment["connections"]] == [("x1", "h1"), ("h1", "y")]
    assert fragment["outputs"] == ["y"]


def test_pasted_connections_keep_their_locks():
    net = single_neuron()
    net.connections[("x1", "y")].trainable = False
    command, new_ids = paste_command(net, copy_fragment(net, ["x1", "x2", "y"]))
    command.do(net)
    assert new_ids == ["x3", "x4", "y1"]
    assert net.connections[("x3", "y1")].trainable is False
    assert net.connections[("x4", "y1")].trainable is True


def test_paste_at_a_point_puts_the_fragments_top_left_corner_there():
    net = single_neuron()  # x1 (0, 0), x2 (0, 120), y (220, 60)
    command, _ = paste_command(net, copy_fragment(net, ["x1", "x2", "y"]), at=(500.0, 300.0))
    command.do(net)
    assert [net.node(n).position for n in ("x3", "x4", "y1")] == [(500.0, 300.0), (500.0, 420.0), (720.0, 360.0)]
    command, _ = paste_command(net, copy_fragment(net, ["y"]), at=(-10.0, 5.0))
    command.do(net)
    assert net.node("y2").position == (-10.0, 5.0)


@pytest.mark.parametrize("far", [1.7e308, 1e12, -1_000_001.0])
def test_a_paste_of_a_node_beyond_the_canvas_is_refused_naming_the_node(far):
    """A node at 1e12 or 1.797e308 hung the canvas's grid and crashed its scroll bars."""
    net = single_neuron()
    fragment = copy_fragment(net, ["y"])
    fragment["neurons"][0]["position"] = [far, 0.0]
    with pytest.raises(FormatError, match=r"^node 'y': position \[.*, 0\] is beyond ±1,000,000 canvas units$"):
        paste_command(net, fragment)


def test_a_paste_shifted_over_the_canvas_edge_stops_at_it():
    net = single_neuron()
    fragment = copy_fragment(net, ["y"])
    fragment["neurons"][0]["position"] = [1_000_000.0, 0.0]
    command, ids = paste_command(net, fragment, offset=(1e308, 40.0))
    command.do(net)
    assert net.node(ids[0]).position == (1_000_000.0, 40.0)


def test_a_paste_that_would_not_pass_validation_is_refused_with_the_reason():
    net = single_neuron()
    fragment = copy_fragment(net, ["y"])
    fragment["neurons"][0]["bias"] = float("nan")
    with pytest.raises(FormatError, match="^neuron 'y1': bias nan is not a finite number$"):
        paste_command(net, fragment)


@pytest.mark.parametrize(("limit", "message"), [("MAX_NODES", "10 nodes"), ("MAX_CONNECTIONS", "12 connections")])
def test_a_paste_beyond_what_a_file_holds_is_refused_before_any_work(monkeypatch, limit, message):
    """6,000 nodes pasted onto themselves made 12,000: saved, but File ▸ Open refused the file."""
    import designer.model.fileformat as fileformat

    net = load(EXAMPLES / "xor-step.json")  # 5 nodes, 6 connections
    monkeypatch.setattr(fileformat, limit, 9 if limit == "MAX_NODES" else 11)
    fragment = copy_fragment(net, list(net.node_ids()))
    with pytest.raises(FormatError, match=f"pasting would make {message}; a network file holds at most"):
        paste_command(net, fragment)


def _counting(monkeypatch):
    """Count the look-ups of the id search (membership tests of its set of taken ids)."""
    import designer.model.clipboard as clipboard

    probes = [0]

    class CountingSet(set):
        def __contains__(self, item):
            probes[0] += 1
            return super().__contains__(item)

    class Counted(clipboard.FreshIds):
        def __init__(self, taken):
            super().__init__(taken)
            self.taken = CountingSet(self.taken)

    monkeypatch.setattr(clipboard, "FreshIds", Counted)
    return probes


def test_duplicating_thousands_of_neurons_takes_a_linear_number_of_id_look_ups(monkeypatch):
    """Select All + Duplicate of h1…h4998 took 10 s: every node searched h1, h2, … from the start."""
    from designer.model import Network, Neuron

    n = 2000
    net = Network(name="wide")
    for i in range(1, n + 1):
        net.neurons[f"h{i}"] = Neuron(f"h{i}", "relu")
    probes = _counting(monkeypatch)
    command, new_ids = paste_command(net, copy_fragment(net, list(net.neurons)))
    assert new_ids == [f"h{i}" for i in range(n + 1, 2 * n + 1)]
    assert probes[0] <= 3 * n + 10  # the search from 1 for each node made about n²/2 = 2,000,000


def test_pasted_ids_fill_the_smallest_free_numbers_of_each_stem():
    """The ids are the ones the search from 1 gave: gaps first, per stem, own id while free."""
    from designer.model import Network, Neuron

    net = Network(name="gaps")
    for node_id in ("h1", "h3", "h4", "y", "out2", "7"):
        net.neurons[node_id] = Neuron(node_id, "relu")
    fragment = copy_fragment(net, list(net.neurons))
    fragment["neurons"].append({**fragment["neurons"][0], "id": "h9"})  # free: keeps its id
    fragment["neurons"].append({**fragment["neurons"][0], "id": "h"})
    _, new_ids = paste_command(net, fragment)
    assert new_ids == ["h2", "h5", "h6", "y1", "out1", "n1", "h9", "h"]
