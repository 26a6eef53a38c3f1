"""The Math view's collapse note in the number the hidden neurons are: it read "The 1 hidden linear
neuron(s) compute the same as this network without them", a form left to fill in."""

from __future__ import annotations

from designer.model import Network
from designer.model.fileformat import network_from_document
from tests.ui.conftest import _window


def chain(hidden: int) -> Network:
    """x → h1 → … → y, every neuron linear."""
    ids = ["x", *(f"h{i}" for i in range(1, hidden + 1)), "y"]
    return network_from_document(
        {
            "format": "nn-designer",
            "version": 1,
            "inputs": [{"id": "x", "position": [0.0, 0.0]}],
            "neurons": [
                {"id": n, "activation": "linear", "bias": 0.0 if n == "y" else 0.5, "position": [200.0 * i, 0.0]}
                for i, n in enumerate(ids[1:], start=1)
            ],
            "connections": [
                {"source": s, "target": t, "weight": 1.0 if t == "y" else 2.0}
                for s, t in zip(ids[:-1], ids[1:], strict=True)
            ],
            "outputs": ["y"],
        }
    )


def test_the_collapse_note_counts_one_hidden_neuron_as_one(qtbot):
    w = _window(qtbot, chain(1))
    dock = w.exports.math_dock
    dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: dock.replace.isVisible())
    note = dock.collapse_label.text()
    assert note.startswith("The 1 hidden linear neuron computes the same as this network without it:\n")
    assert "h(x) = 2·x + 0.5" in note
    w2 = _window(qtbot, chain(2))
    w2.exports.math_dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: w2.exports.math_dock.replace.isVisible())
    assert w2.exports.math_dock.collapse_label.text().startswith(
        "The 2 hidden linear neurons compute the same as this network without them:\n"
    )
