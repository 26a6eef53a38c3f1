"""The shipped lesson plays end to end while presenting at 1920×1080 with only PageDown pressed, and
every step's state is what the step says: network, dataset and settings, views, exercise, actions.
PageUp and ← / → move too, the step's text never covers the canvas or a plot, nothing is below 24 px."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QDockWidget

from designer.exercises import ChainRuleExercise
from designer.export.collapse import collapse_linear
from designer.lessons import load_lesson
from designer.ui.lesson.views import PRESENTATION_SIDE
from designer.ui.presentation.measure import text_sizes
from tests.ui.live_gui import open_window, present_shipped_lesson
from tests.ui.test_landscape_view import small_net

K = Qt.Key
TRAINING_WAIT_MS = 120_000


@pytest.fixture
def presenting(qtbot):
    w = open_window(qtbot, small_net())
    present_shipped_lesson(qtbot, w)
    w.resize(1920, 1080)  # the offscreen screen is smaller than a projector
    qtbot.waitUntil(lambda: w.width() == 1920 and w.presentation.stage.width() > 1000)
    return w


def rect_in(widget, ancestor) -> QRect:
    return QRect(widget.mapTo(ancestor, widget.rect().topLeft()), widget.size())


def expected_network(step, collapsed: bool):
    return collapse_linear(step.network) if collapsed else step.network


def check_views(w, step) -> None:
    views, stage = w.lessons.views, w.presentation.stage
    shown = stage.views()
    expected = [w.view if name == "canvas" else views._stage_view(name)[0] for name in step.layout]
    if any(a.kind == "restarts" for a in step.actions):
        expected.append(w.lessons.runner.restarts)  # the restarts' results beside the layout's views
    assert shown == expected, step.title
    side = {views.dock(n) for n in step.views if n in PRESENTATION_SIDE and n not in step.layout}
    visible = {d for d in w.findChildren(QDockWidget) if d.isVisible()}
    assert visible == side, step.title
    text = stage.lesson_text
    assert text.isVisible() and step.title in text.text()
    for widget in shown:  # the text has its own room: it covers no view
        assert not rect_in(text, w).intersects(rect_in(widget, w)), (step.title, widget.objectName())


def check_state(w, step, collapsed: bool = False) -> None:
    network, session, training = w.document.network, w.live.session, w.live.training
    expected = expected_network(step, collapsed)
    assert set(network.inputs) == set(expected.inputs) and set(network.neurons) == set(expected.neurons), step.title
    assert {n: network.neurons[n].activation for n in network.neurons} == {
        n: expected.neurons[n].activation for n in expected.neurons
    }
    shown = "exercise" if step.exercise_data else step.training.dataset  # the exercise's own points
    assert session.options.name == shown and session.data.n_train > 0, step.title
    assert training.settings.loss == step.training.loss
    assert training.settings.learning_rate == pytest.approx(step.training.learning_rate)
    assert w.exports.math_dock.notation == step.notation
    panel = w.exercise.panel
    if step.exercise is None:
        assert panel.exercise is None and not panel.chain_mode
    elif isinstance(step.exercise, ChainRuleExercise):
        assert panel.chain_mode and panel.chain.exercise.id == step.exercise.id
    else:
        assert panel.exercise.id == step.exercise.id and panel.result is not None  # checked live
    check_views(w, step)


def check_actions(w, step) -> None:
    live = w.live
    for action in step.actions:
        if action.kind == "select":
            assert w.scene.selected_node_ids() == [action.neuron]
            if "activation" in step.views:
                assert live.activation.neuron == action.neuron and live.activation.mark() is not None
        elif action.kind == "landscape":
            assert [p.id for p in live.landscape.parameters] == list(action.parameters)
            assert live.landscape.landscape is not None and len(live.landscape.path) > 1
        elif action.kind == "train":
            assert live.training.epoch == action.epochs, step.title
        elif action.kind == "forward":
            assert live.forward.active and tuple(live.session.probe) == action.point
        elif action.kind == "backward":
            assert live.backward.active and tuple(live.session.probe) == action.point
        elif action.kind == "restarts":
            assert live.restarts_dialog is not None and live.restarts_dialog.k == action.runs


def smallest_px(w) -> float:
    """The smallest text on screen, leaving out the presentation's own transient message caption."""
    w.presentation.stage.caption.hide()
    return min(s.px for s in text_sizes(w))


def test_the_lesson_plays_end_to_end_with_only_page_down(qtbot, presenting):
    w = presenting
    player = w.lessons
    lesson = load_lesson("neural-networks")
    arrived: list[int] = []
    presses = turns = 0
    legend = w.live.gradients.legend
    while True:
        index = player.index
        if not arrived or arrived[-1] != index:
            arrived.append(index)
            step = lesson.steps[index]
            qtbot.waitUntil(lambda: not player.runner.busy or player.runner.waiting_for_click, timeout=TRAINING_WAIT_MS)
            check_state(w, step)
            if player.runner.waiting_for_click:  # the collapse waits for the clicker: first the three layers
                assert [a.kind for a in step.actions] == ["collapse"] and w.exports.math_dock.replace.isVisible()
                qtbot.keyClick(w.view, K.Key_PageDown)
                presses += 1
                check_state(w, step, collapsed=True)
            check_actions(w, step)
            zooms = (w.view.transform().m11(), w.scene.theme.canvas_zoom)  # the text floor follows the zoom
            assert smallest_px(w) >= 24, (step.title, text_sizes(w)[:3], zooms)
        if index == len(lesson) - 1:
            break
        if legend.isVisible() and legend.pages and legend.page < len(legend.pages) - 1:
            turns += 1  # a walk's explanation too tall for its band: its next page first
        qtbot.keyClick(w.view, K.Key_PageDown)
        presses += 1
        assert presses < 80
    assert arrived == list(range(len(lesson)))  # every step once, in order
    # + the collapse, the forward walk's 3 levels, the backward's, the pages of its explanation
    assert presses == len(lesson) - 1 + 1 + 3 + 1 + turns
    qtbot.keyClick(w.view, K.Key_PageDown)
    assert player.index == len(lesson) - 1 and "end of the lesson" in w.presentation.stage.caption.text()


def test_page_up_and_arrows_move_and_leaving_the_presentation_puts_the_views_back(qtbot, presenting):
    w = presenting
    player = w.lessons
    for key, index in ((K.Key_Right, 1), (K.Key_Right, 2), (K.Key_PageUp, 1), (K.Key_Left, 0), (K.Key_PageUp, 0)):
        qtbot.keyClick(w.view, key)
        assert player.index == index
    qtbot.keyClick(w.view, K.Key_PageDown)
    qtbot.keyClick(w.view, K.Key_PageDown)  # step 3: the landscape on the stage
    assert w.live.landscape.parent() is not w.live.landscape_dock
    qtbot.keyClick(w.view, K.Key_Escape)
    assert not w.presentation.active
    assert w.live.landscape_dock.widget() is w.live.landscape and w.live.landscape_dock.isVisible()
    assert w.live.region_dock.widget() is w.live.region and w.centralWidget() is w.view
    assert w.lessons.dock.isVisible() and player.index == 2
    QApplication.processEvents()


def test_h_shows_the_chain_rule_drills_hints_while_presenting(qtbot, presenting):
    w = presenting
    w.lessons.go(15)  # the chain of three functions
    chain = w.exercise.panel.chain
    assert chain.parent() is not w.exercise.panel.pages  # on the stage
    w.view.setFocus()
    qtbot.keyClick(w.view, K.Key_H)
    assert chain.hints_shown == 1 and chain.exercise.hints[0] in w.presentation.stage.caption.text()
    w.lessons.go(17)  # a step without it: the practice table goes back into the Exercise dock
    assert w.exercise.panel.pages.indexOf(chain) == 1 and not w.exercise.panel.chain_mode


def test_restarts_started_in_the_window_move_onto_the_stage_when_presenting_begins(qtbot):
    """Opened at step 19 in the window, the restarts run in a dialog of their own; F5 left that dialog
    floating over the full-screen stage."""
    w = open_window(qtbot, small_net())
    w.live.build_plots()
    w.lessons.open(load_lesson("neural-networks"), 18)
    dialog = w.live.restarts_dialog
    assert dialog is not None and dialog.isWindow() and dialog.isVisible()
    w.actions["present"].trigger()
    assert w.presentation.active
    stage = w.presentation.stage
    shown = stage.views()
    assert dialog in shown and not dialog.isWindow()
    assert not w.live.curves_dock.isVisible()  # the step shows the restarts' chart, not empty curves


def test_leaving_the_restarts_step_while_presenting_restyles_without_its_closed_plot(qtbot, presenting):
    """The restarts' window is closed on leaving their step; the next step restored the fonts of that
    window's plot axes too (already deleted: a RuntimeError inside the key filter, a crash)."""
    w = presenting
    player = w.lessons
    restarts = next(i for i, step in enumerate(load_lesson("neural-networks").steps) if step.title == "Restarts")
    player.go(restarts)
    qtbot.waitUntil(lambda: not player.runner.busy, timeout=TRAINING_WAIT_MS)
    assert player.runner.restarts is not None
    for _ in range(2):  # the step after, trained (the closed window deleted meanwhile), and the one after that
        qtbot.keyClick(w.view, K.Key_PageDown)
        qtbot.waitUntil(lambda: not player.runner.busy, timeout=TRAINING_WAIT_MS)
    assert player.index == restarts + 2 and w.presentation.active and player.runner.restarts is None
    qtbot.keyClick(w.view, K.Key_PageUp)
    assert player.index == restarts + 1


def test_page_up_takes_a_walk_back_a_level_before_it_leaves_the_step(qtbot, presenting):
    """The walks' legend says "← or PageUp: back"; in a presented lesson PageUp left the step (and its walk)
    from any level: an instructor who went one level too far lost the walk instead of going back one."""
    w = presenting
    player, live = w.lessons, w.live
    steps = load_lesson("neural-networks").steps
    backprop = next(i for i, step in enumerate(steps) if step.title.startswith("Backpropagation"))
    player.go(backprop)
    qtbot.waitUntil(lambda: not player.runner.busy, timeout=TRAINING_WAIT_MS)
    walk = live.backward
    assert walk.active and walk.level == walk.depth == 2  # at the output
    assert "← or PageUp: back" in walk.flow.legend.text()
    for _ in range(max(len(walk.flow.legend.pages) - 1, 0)):  # the legend's pages first, where it has them
        qtbot.keyClick(w.view, K.Key_PageDown)
    qtbot.keyClick(w.view, K.Key_PageDown)
    assert walk.level == 1 and player.index == backprop
    qtbot.keyClick(w.view, K.Key_PageUp)  # back a level, on the same step
    assert walk.active and walk.level == 2 and player.index == backprop
    qtbot.keyClick(w.view, K.Key_Left)  # where the walk started: now the step before
    assert player.index == backprop - 1

    equations = next(i for i, step in enumerate(steps) if any(a.kind == "forward" for a in step.actions))
    player.go(equations)
    qtbot.waitUntil(lambda: not player.runner.busy, timeout=TRAINING_WAIT_MS)
    assert live.forward.active and live.probe.walk_level == 0
    for _ in range(2):
        qtbot.keyClick(w.view, K.Key_PageDown)
    assert live.probe.walk_level == 2
    for level in (1, 0):
        qtbot.keyClick(w.view, K.Key_PageUp)
        assert live.probe.walk_level == level and player.index == equations
    qtbot.keyClick(w.view, K.Key_PageUp)
    assert player.index == equations - 1
