"""Esc during the backward pass step-through ends it with the probe it was computed at.

A new user's look: B on a 2-2-1 network pins the first training point and steps the chain rule at it;
Esc unpinned that point on the map, but the pass stayed on, still saying "Backward pass at x = (0, 0)"
with nothing marked at (0, 0); a second Esc did nothing, and the next edit of a weight pinned (0, 0)
again without a word. A forward walk already ended with its pinned point."""

from PySide6.QtCore import Qt

from designer.model import SetNodeField
from tests.ui.live_gui import mlp, open_window


def _key(qtbot, widget, key) -> None:
    qtbot.keyClick(widget, key)


def test_esc_ends_the_backward_pass_with_its_pinned_point(qtbot):
    w = open_window(qtbot, mlp([2, 2, 1], "sigmoid", "sigmoid", weight=0.7))
    live = w.live
    w.view.setFocus()
    _key(qtbot, w.view, Qt.Key.Key_B)
    assert live.backward.active and live.session.probe_pinned
    assert live.gradients.legend.isVisible() and "Backward pass at x = (0, 0)" in live.gradients.legend.text()
    _key(qtbot, w.view, Qt.Key.Key_Escape)
    assert not live.session.probe_pinned
    assert not live.backward.active and not w.actions["backward_pass"].isChecked()
    assert not live.gradients.legend.isVisible()
    assert w.statusBar().currentMessage().startswith("Probe unpinned and the backward pass at it ended")
    w.document.push(SetNodeField("y", "bias", 0.5))  # an edit no longer pins (0, 0) again
    assert not live.session.probe_pinned and not live.backward.active
