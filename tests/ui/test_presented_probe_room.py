"""Lesson step 5 presented at 1366×768 and reached with PageDown from step 4: the stage was fitted before
the step pinned its probe point, so the input's value box ("x = 2.147") had no room on its left, where no
line is, and sat on x's lines and their weights instead. Opened directly, it stood left of x."""

from __future__ import annotations

from tests.ui.test_presentation_lesson_room import go_to, present_lesson
from tests.ui.test_presented_landscape_page_down import page_down_to


def probe_box(w, node: str):
    return next(p.rect for p in w.scene.labels.last.placed if p.request.kind == "probe" and p.request.key == node)


def test_the_inputs_value_box_stands_clear_of_its_lines_at_step_5(qtbot, monkeypatch):
    w = present_lesson(qtbot, monkeypatch, 1366, 768)
    go_to(qtbot, w, 4)
    page_down_to(qtbot, w, 5)
    assert w.live.session.probe_pinned and w.live.activation.isVisible()
    item = w.scene.node_items["x"]
    qtbot.waitUntil(lambda: any(p.request.key == "x" for p in w.scene.labels.last.placed), timeout=3000)
    qtbot.waitUntil(lambda: probe_box(w, "x").right() <= item.sceneBoundingRect().left(), timeout=3000)
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert seen.contains(probe_box(w, "x"))  # on screen
