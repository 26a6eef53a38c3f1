"""A lecturer's 1280×720 beamer: what crowded the projected canvas and the focus card.

- towers-sin (13 neurons): the number badges, at a fixed corner of each neuron, were larger than the
  small fitted neurons and covered them, their names and maps, and each other;
- a 2-8-3 softmax net with weights on lines: weight labels sat on the badges and touched each other,
  a stack of numbers with no space between them; x₁ and x₂ showed as "…" (their text, at 24 px, no
  longer fitted their small boxes);
- the focus card drew "b = −1.047" across its circle's edge, cut the map's note at the card's edges,
  clipped the sources' names ("h1_1" as "1_1") and covered the neuron it was about.

Geometry, not pixels: the painted rectangles must not overlap, text must stay inside its box.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication

from designer.model import load
from designer.ui.presentation.badges import neuron_order
from tests.conftest import EXAMPLES
from tests.ui.live_gui import mlp
from tests.ui.test_presented_two_digit_neurons import presenting_at_1280

K = Qt.Key


def shown(w) -> None:
    """Paint the canvas once, as the beamer shows it (the label layer lays its boxes out when painted)."""
    w.view.viewport().grab()


def overlapping(rects: list[QRectF]) -> list[tuple[QRectF, QRectF]]:
    return [(a, b) for i, a in enumerate(rects) for b in rects[i + 1 :] if a.intersects(b)]


def disc_hits_rect(disc: QRectF, rect: QRectF) -> bool:
    c, r = disc.center(), disc.width() / 2
    nearest = QPointF(min(max(c.x(), rect.left()), rect.right()), min(max(c.y(), rect.top()), rect.bottom()))
    return math.dist(nearest.toTuple(), c.toTuple()) < r


def discs_meet(a: QRectF, b: QRectF) -> bool:
    return math.dist(a.center().toTuple(), b.center().toTuple()) < (a.width() + b.width()) / 2


def test_towers_badges_cover_no_neuron_name_map_or_other_badge(qtbot):
    w = presenting_at_1280(qtbot, load(EXAMPLES / "towers-sin.json"))
    qtbot.waitUntil(lambda: w.view.fitted)
    if w.view.cut_off:  # fitted at readable sizes, part of it below the screen: Z shows it whole, small
        qtbot.keyClick(w.view, K.Key_Z)
        qtbot.waitUntil(lambda: not w.view.cut_off)
    shown(w)
    badges = w.presentation.badges
    discs = badges.rects()
    assert len(discs) == 13 == len(w.document.network.neurons)
    assert [(a, b) for i, a in enumerate(discs) for b in discs[i + 1 :] if discs_meet(a, b)] == []
    bodies, texts = [], list(w.live.maps.map_rects())
    for item in w.scene.node_items.values():
        r, p = item.radius, item.pos()
        bodies.append(QRectF(p.x() - r, p.y() - r, 2 * r, 2 * r))
        texts += item.parts()[1:]  # the name under the node
    assert [d for d in discs for b in bodies if discs_meet(d, b)] == []
    assert [d for d in discs for t in texts if disc_hits_rect(d, t)] == []
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert all(seen.contains(d) for d in discs)  # every number can be read
    for (disc, number), node_id in zip(badges.placed, neuron_order(w.document.network), strict=True):
        body = w.scene.node_items[node_id].parts()[0]
        gap = math.dist(disc.center().toTuple(), body.center().toTuple())
        assert gap < 3 * disc.width(), number  # beside its own neuron, not off in a column of its own


def softmax_283(qtbot):
    net = mlp([2, 8, 3], weight=0.8191)
    w = presenting_at_1280(qtbot, net)
    w.softmax.set_softmax(True)
    w.actions["show_weights"].setChecked(True)
    qtbot.waitUntil(lambda: w.scene.connections.show_weights)
    qtbot.wait(50)  # spread and fitted for the labels
    qtbot.waitUntil(w.presentation.fitter.settled)  # and no refit still due (it moved them after the check)
    QApplication.processEvents()
    return w


def test_weight_labels_keep_clear_of_each_other_and_of_the_badges(qtbot):
    w = softmax_283(qtbot)
    shown(w)
    placed = [p.rect for p in w.scene.labels.last.placed]
    assert len(placed) >= 3
    spaced = [r.adjusted(-1, -1, 1, 1) for r in placed]  # boxes that merely touched read as one block
    assert overlapping(spaced) == []
    discs = w.presentation.badges.cover()  # a badge is a disc: a box may sit beside its square's corner
    assert [(r, d) for r in placed for d in discs if r.intersects(d)] == []


def test_inputs_too_small_for_their_text_show_it_under_their_box(qtbot):
    w = softmax_283(qtbot)
    for input_id in ("x1", "x2"):
        item = w.scene.node_items[input_id]
        assert item.source_text_shown()[1] != input_id  # does not fit its box at this zoom
        assert item.source_text_outside()
        assert len(item.parts()) == 2  # its body and, under it, its name whole


def focus_texts(qtbot, w, keys) -> tuple:
    for key in keys:
        qtbot.keyClick(w.view, key)
    card = w.presentation.card
    assert card.isVisible()
    card.grab()
    return card, card.drawn_card()


def inside(rect: QRectF, frame: QRectF) -> bool:
    return frame.adjusted(-0.5, -0.5, 0.5, 0.5).contains(rect)


def crosses_circle(rect: QRectF, circle: QRectF) -> bool:
    """True when ``rect`` lies partly inside and partly outside the circle inscribed in ``circle``."""
    c, r = circle.center(), circle.width() / 2
    corners = [rect.topLeft(), rect.topRight(), rect.bottomLeft(), rect.bottomRight()]
    all_inside = all(math.dist(p.toTuple(), c.toTuple()) <= r for p in corners)
    nearest = QPointF(min(max(c.x(), rect.left()), rect.right()), min(max(c.y(), rect.top()), rect.bottom()))
    disjoint = math.dist(nearest.toTuple(), c.toTuple()) >= r
    return not (all_inside or disjoint)


def check_card(card, drawn: QRectF) -> None:
    texts = [box for _, box in card.texts]
    assert any(text.startswith("b = ") for text, _ in card.texts)
    assert [t for t, box in card.texts if crosses_circle(box, card.circle)] == []
    assert [t for t, box in card.texts if not inside(box, drawn)] == []
    assert overlapping(texts) == []


def test_the_focus_cards_bias_stays_off_its_circles_edge(qtbot):
    """towers-sin's ↓1 (b = −1.047) at 1280×720: the bias was drawn across the circle."""
    w = presenting_at_1280(qtbot, load(EXAMPLES / "towers-sin.json"))
    card, drawn = focus_texts(qtbot, w, [K.Key_2])
    check_card(card, drawn)
    spot = card.spotlight()
    assert spot is not None and not drawn.contains(spot[0])  # the neuron it is about is not under the card


def test_an_outputs_card_shows_whole_source_names_and_its_text_inside(qtbot):
    """y1 of a 2-8-3 net: eight sources; their names were clipped, the formula ran off the card."""
    w = softmax_283(qtbot)
    card, drawn = focus_texts(qtbot, w, [K.Key_9])
    check_card(card, drawn)
    font = w.scene.theme.screen_font(10)
    boxes = {text: box for text, box in card.texts}
    assert "h1_1" in boxes and boxes["h1_1"].width() >= QFontMetricsF(font).horizontalAdvance("h1_1")


def test_dense_data_points_leave_the_map_visible(qtbot, monkeypatch):
    """Lesson step 14 at 1280×720: 1576 grid points at 12 px on a map of some 280 px covered it whole."""
    from tests.ui.test_presentation_lesson_room import go_to, present_lesson

    w = present_lesson(qtbot, monkeypatch, 1280, 720)
    go_to(qtbot, w, 14)
    region = w.live.region
    points = region.points

    def map_area() -> float:
        rect = region.vb.boundingRect()
        return rect.width() * rect.height()

    count = len(points.train.data)
    assert count > 1000 and region.isVisible()
    qtbot.waitUntil(lambda: abs(points.map_area - map_area()) <= 0.1 * map_area())
    size = points.train.opts["size"]  # px, as drawn (one size for all)
    assert size == points.size >= 3
    assert count * size**2 <= 0.4 * map_area()  # markers cover well under half of the map


def test_the_pinned_probes_note_names_no_key_that_would_leave_the_presentation(qtbot):
    """F pins the probe; the note said "press Esc or Train ▸ Unpin": Esc leaves the presentation and
    the Train menu is hidden while presenting."""
    w = presenting_at_1280(qtbot, load(EXAMPLES / "xor-step.json"))
    qtbot.keyClick(w.view, K.Key_F)
    note = w.live.region.probe.pin_note
    qtbot.waitUntil(note.isVisible)
    assert "Esc" not in note.text() and "Train ▸" not in note.text() and "click it" in note.text()
    qtbot.keyClick(w.view, K.Key_Escape)  # what the note used to say
    assert not w.presentation.active


def test_the_restarts_axis_title_fits_its_axis(qtbot, monkeypatch):
    """Lesson step 19 at 1280×720: "run (random weights from seeds 1…8)" at 24 px was wider than the bar
    chart and cut at both ends; a shorter title that fits is shown instead."""
    from PySide6.QtGui import QFont

    from tests.ui.test_presentation_lesson_room import go_to, present_lesson

    w = present_lesson(qtbot, monkeypatch, 1280, 720)
    go_to(qtbot, w, 19)
    dialog = w.live.restarts_dialog
    axis = dialog.plot.getPlotItem().getAxis("bottom")
    assert dialog.isVisible() and axis.labelText in dialog.axis_titles()
    font = QFont(axis.label.font())
    font.setPixelSize(int(axis.labelStyle["font-size"].removesuffix("px")))
    assert QFontMetricsF(font).horizontalAdvance(axis.labelText) <= axis.geometry().width()
    assert axis.labelText != "run"  # the shorter title with the seeds fits


def test_space_leaves_the_training_toolbar_where_it_was(qtbot):
    """Play became Pause, 20 px wider at 24 px: Step and the buttons after it moved at every Space."""
    from PySide6.QtCore import QPoint

    net = mlp([2, 2, 1], hidden="tanh")
    net.connections[("x1", "h1_1")].weight = 0.3  # no exact copies: Play starts at once
    w = presenting_at_1280(qtbot, net)
    w.presentation.config.show |= {"training_toolbar"}
    w.presentation.apply()
    toolbar, actions = w.live.toolbar, w.live.actions
    qtbot.waitUntil(toolbar.isVisible)
    keys = ("train_play", "train_step", "gradient_flow")

    def places() -> list[tuple[int, int]]:
        buttons = [toolbar.widgetForAction(actions[k]) for k in keys]
        return [(b.mapTo(w, QPoint(0, 0)).x(), b.width()) for b in buttons]

    qtbot.wait(10)
    before = places()
    qtbot.keyClick(w.view, K.Key_Space)
    qtbot.waitUntil(lambda: w.live.training.running)
    assert toolbar.widgetForAction(actions["train_play"]).text() == "Pause"
    qtbot.wait(10)
    assert places() == before
    qtbot.keyClick(w.view, K.Key_Space)
    qtbot.waitUntil(lambda: not w.live.training.running)
    qtbot.wait(10)
    assert toolbar.widgetForAction(actions["train_play"]).text() == "Play" and places() == before
