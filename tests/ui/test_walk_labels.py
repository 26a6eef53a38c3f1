"""The forward walk's value boxes and the weight labels on lesson step 8 (a 2-3-3-1 network) while
presenting at 1920×1080: every computed value is shown (a2's box was left out at levels 1-3), the
inputs' boxes stay off their lines (right of them they hid x1→a1 and x2→a2), and the straight line
between the middle neurons keeps its weight (a2→b2 lost it to the diagonals crossing it)."""

from __future__ import annotations

from tests.ui.test_presentation_lesson_room import go_to, present_lesson

STEP = 8  # "A multilayer perceptron and its equations": its action walks the forward pass


def placed(w) -> dict:
    """What the label layer shows now: the boxes by what they label (node id or connection key)."""
    w.view.viewport().repaint()
    return {p.request.key: p.rect for p in w.scene.labels.last.placed}


def test_every_level_of_the_walk_shows_its_values_and_the_inputs_lines_keep_their_weights(qtbot, monkeypatch):
    w = present_lesson(qtbot, monkeypatch, 1920, 1080)
    go_to(qtbot, w, STEP)
    walk, session = w.live.forward, w.live.session
    assert walk.active and w.actions["show_weights"].isChecked()
    for level in range(walk.depth + 1):
        walk.show(level)
        computed = {n for n in session.node_ids if session.level.get(n, 0) <= level}
        qtbot.waitUntil(lambda: w.live.probe.texts().keys() == computed)  # noqa: B023 (waited for right here)
        boxes = placed(w)
        assert computed <= boxes.keys(), (level, computed - boxes.keys())
        for key in [("x1", "a1"), ("x2", "a2"), ("a2", "b2")]:
            assert key in boxes, (level, key)
        for source in ("x1", "x2"):  # where no line is: left of the input
            assert boxes[source].right() < w.scene.node_items[source].sceneBoundingRect().left()


def test_the_straight_line_between_the_middle_neurons_keeps_its_weight_without_a_walk(qtbot, monkeypatch):
    """Its label had no free place: the diagonals crossing it at its centre took them first."""
    w = present_lesson(qtbot, monkeypatch, 1920, 1080)
    go_to(qtbot, w, STEP)
    w.live.actions["forward_walk"].trigger()  # the walk ends: the rows close up again
    assert not w.live.forward.active
    qtbot.waitUntil(lambda: ("a2", "b2") in placed(w), timeout=5000)  # once the rows have closed up
