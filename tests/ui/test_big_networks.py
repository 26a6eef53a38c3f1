"""Big networks stay within bounded memory and work: the grid, the maps and the colours scale down."""

from designer.ui.live.grid import GRID, GRID_VALUES, MIN_GRID, grid_size
from designer.ui.live.session import MAX_COLOURED
from designer.ui.live.thumbs import MAX_MAPS
from tests.ui.live_gui import mlp, open_window


def test_grid_size_keeps_the_value_buffer_bounded():
    assert grid_size(20) == GRID  # small networks: the full 200 × 200 map
    for rows in (200, 1000, 10_000):
        n = grid_size(rows)
        assert n * n * rows <= GRID_VALUES or n == MIN_GRID
    assert grid_size(10_000) == MIN_GRID


def test_a_network_of_two_thousand_neurons_opens_with_a_coarser_map_and_no_per_neuron_colours(qtbot):
    w = open_window(qtbot, mlp([2, 2000, 1], "relu", "sigmoid"))
    session = w.session
    session.ensure_fresh()
    session.flush()
    assert session.a is not None
    assert session.a.size <= GRID_VALUES  # one buffer of every node's value over the plane
    assert session.grid.nx == grid_size(session.compiled.n_rows) < GRID
    assert session.colour_of == {}  # 2,000 coloured z = 0 lines would tell nothing apart
    assert len(w.live.maps.ids) > MAX_MAPS and w.live.maps.pixmap is None
    assert w.live.region.image.image.shape == (session.grid.nx, session.grid.ny)


def test_small_networks_keep_their_colours_and_maps(qtbot):
    w = open_window(qtbot, mlp([2, MAX_COLOURED, 1]))
    w.session.flush()
    assert len(w.session.colour_of) == MAX_COLOURED
    assert w.live.maps.pixmap is not None
