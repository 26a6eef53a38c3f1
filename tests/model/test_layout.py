"""Node positions without Qt: arrange by layers, where Add Layer puts a column, snapping to columns."""

from designer.model import Connection, InputNode, Network, Neuron
from designer.model.layout import (
    COLUMN_SPACING,
    ROW_SPACING,
    SNAP_TOLERANCE,
    LayerSlot,
    arrange_by_layers,
    column_of_new_nodes,
    column_positions,
    layer_slot,
    snap_x,
)
from designer.model.templates import single_neuron


def _net(inputs: dict[str, tuple[float, float]], neurons: dict[str, tuple[float, float]], edges, outputs):
    net = Network(name="layout")
    for node_id, position in inputs.items():
        net.inputs[node_id] = InputNode(node_id, position=position)
    for node_id, position in neurons.items():
        net.neurons[node_id] = Neuron(node_id, "relu", 0.0, position=position)
    for s, t in edges:
        net.connections[(s, t)] = Connection(s, t, 1.0)
    net.outputs = list(outputs)
    return net


def test_arrange_puts_each_depth_in_its_column_centred_and_keeps_the_vertical_order():
    net = _net(
        {"x1": (5.0, 0.0), "x2": (9.0, 120.0)},
        {"h1": (300.0, 240.0), "h2": (100.0, 0.0), "h3": (700.0, 120.0), "y": (0.0, 0.0)},
        [(x, h) for x in ("x1", "x2") for h in ("h1", "h2", "h3")] + [(h, "y") for h in ("h1", "h2", "h3")],
        ["y"],
    )
    assert arrange_by_layers(net) == {
        "x1": (0.0, 60.0),
        "x2": (0.0, 180.0),
        "h2": (220.0, 0.0),
        "h3": (220.0, 120.0),
        "h1": (220.0, 240.0),
        "y": (440.0, 120.0),
    }
    assert arrange_by_layers(Network(name="empty")) == {}


def test_a_skip_connection_puts_a_neuron_one_column_right_of_its_deepest_source():
    net = _net({"x": (0.0, 0.0)}, {"h": (0.0, 0.0), "y": (0.0, 0.0)}, [("x", "h"), ("h", "y"), ("x", "y")], ["y"])
    assert arrange_by_layers(net) == {"x": (0.0, 0.0), "h": (COLUMN_SPACING, 0.0), "y": (2 * COLUMN_SPACING, 0.0)}


def test_neurons_in_a_cycle_of_an_unchecked_network_go_to_the_first_hidden_column():
    net = _net({"x": (0.0, 0.0)}, {"a": (0.0, 0.0), "b": (0.0, 0.0)}, [("a", "b"), ("b", "a")], [])
    assert arrange_by_layers(net) == {"x": (0.0, 60.0), "a": (COLUMN_SPACING, 0.0), "b": (COLUMN_SPACING, 120.0)}


def test_column_positions_are_the_distinct_x_left_to_right_to_a_thousandth():
    net = _net({"x1": (0.0, 0.0), "x2": (0.0001, 120.0)}, {"h": (440.0, 0.0), "y": (220.0, 0.0)}, [], ["y"])
    assert column_positions(net) == [0.0, 220.0, 440.0]


def test_a_new_layer_goes_right_of_everything_or_in_front_of_an_output_column():
    net = single_neuron()  # x1, x2 at x=0; output y at x=220
    assert layer_slot(net, before_outputs=False) == LayerSlot(220.0 + COLUMN_SPACING, ["y"], [])
    assert layer_slot(net, before_outputs=True) == LayerSlot(220.0, ["x1", "x2"], ["y"])
    assert layer_slot(Network(name="empty"), before_outputs=True) == LayerSlot(0.0, [], [])


def test_in_front_of_outputs_only_when_the_last_column_holds_nothing_but_outputs():
    mixed = _net({"x": (0.0, 0.0)}, {"h": (220.0, 0.0), "y": (220.0, 120.0)}, [("x", "h"), ("x", "y")], ["y"])
    assert layer_slot(mixed, before_outputs=True) == LayerSlot(440.0, ["h", "y"], [])
    only_outputs = _net({}, {"y": (100.0, 0.0)}, [], ["y"])
    assert layer_slot(only_outputs, before_outputs=True) == LayerSlot(100.0 + COLUMN_SPACING, ["y"], [])


def test_nodes_within_the_snapping_distance_belong_to_the_last_column():
    at_limit = _net({"x": (0.0, 0.0)}, {"a": (220.0 - SNAP_TOLERANCE, 0.0), "b": (220.0, 0.0)}, [], [])
    assert layer_slot(at_limit, before_outputs=False).sources == ["a", "b"]
    beyond = _net({"x": (0.0, 0.0)}, {"a": (220.0 - SNAP_TOLERANCE - 0.5, 0.0), "b": (220.0, 0.0)}, [], [])
    assert layer_slot(beyond, before_outputs=False).sources == ["b"]
    in_front = _net({"x": (0.0, 0.0)}, {"a": (100.0, 0.0), "b": (110.0, 0.0), "y": (220.0, 0.0)}, [], ["y"])
    assert layer_slot(in_front, before_outputs=True) == LayerSlot(220.0, ["a", "b"], ["y"])


def test_new_nodes_form_a_column_centred_on_a_height():
    assert column_of_new_nodes(3, 440.0) == [(440.0, 60.0 - ROW_SPACING), (440.0, 60.0), (440.0, 60.0 + ROW_SPACING)]
    assert column_of_new_nodes(2, 10.0, centre_y=0.0) == [(10.0, -ROW_SPACING / 2), (10.0, ROW_SPACING / 2)]
    assert column_of_new_nodes(1, 0.0, centre_y=-7.0) == [(0.0, -7.0)]


def test_snap_takes_the_nearest_column_within_the_tolerance():
    columns = [0.0, 220.0, 440.0]
    assert snap_x(250.0, columns) == 220.0
    assert snap_x(200.0, columns) == 220.0
    assert snap_x(220.0 + SNAP_TOLERANCE, columns) == 220.0
    assert snap_x(220.0 + SNAP_TOLERANCE + 1, columns) == 220.0 + SNAP_TOLERANCE + 1
    assert snap_x(330.0, columns) == 330.0
    assert snap_x(300.0, columns, tolerance=100.0) == 220.0
    assert snap_x(123.0, []) == 123.0
