"""The keyboard-driven demo while presenting: each key does what docs/presentation.md says."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication

from designer.engine import data as dm
from designer.exercises import load_exercise
from tests.ui import gui
from tests.ui.live_gui import mlp, open_window

K = Qt.Key


def activate(qtbot, w) -> None:
    """Window shortcuts (F5) need the active window."""
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)


@pytest.fixture
def presenting(qtbot, xor_window):
    w = xor_window
    activate(qtbot, w)
    qtbot.keyClick(w, K.Key_F5)
    assert w.presentation.active
    w.view.setFocus()
    return w


def press(qtbot, w, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(w.view, key, modifier)


def test_space_plays_and_pauses_training(qtbot):
    w = open_window(qtbot, mlp([2, 2, 1], hidden="tanh"))
    qtbot.keyClick(w, K.Key_F5)
    w.view.setFocus()
    trainer = w.live.training
    press(qtbot, w, K.Key_Space)
    assert trainer.running
    qtbot.waitUntil(lambda: trainer.steps > 0, timeout=3000)
    press(qtbot, w, K.Key_Space)
    assert not trainer.running and not w.view._space  # not the canvas's pan key meanwhile


def test_right_steps_training_or_the_walk_and_up_down_change_the_learning_rate(qtbot, presenting):
    w = presenting
    live = w.live
    live.session.regenerate(dm.DataOptions("xor", 0.0, 1.0, 0))
    press(qtbot, w, K.Key_Right)
    assert live.training.steps == 1
    press(qtbot, w, K.Key_Up)
    assert live.training.settings.learning_rate == pytest.approx(0.1)
    assert live.panel.rate.currentText() == "0.1"
    press(qtbot, w, K.Key_Down)
    press(qtbot, w, K.Key_Down)
    assert live.training.settings.learning_rate == pytest.approx(0.01)
    assert "Learning rate 0.01" in w.presentation.stage.caption.text()
    press(qtbot, w, K.Key_F)
    assert live.forward.active and live.probe.walk_level == 0
    press(qtbot, w, K.Key_Right)  # a walk is on: → steps the walk, not the training
    assert live.probe.walk_level == 1 and live.training.steps == 1
    press(qtbot, w, K.Key_Left)
    assert live.probe.walk_level == 0


def test_f_walks_the_forward_pass_one_layer_per_press_with_values(qtbot, presenting):
    w = presenting
    live = w.live
    press(qtbot, w, K.Key_F)
    assert set(live.probe.texts()) == {"x1", "x2"}
    press(qtbot, w, K.Key_F)
    assert set(live.probe.rings) == {"h1", "h2"} and {"h1", "h2"} <= set(live.probe.texts())
    assert "level 1 of 2" in w.presentation.stage.caption.text()
    press(qtbot, w, K.Key_F)
    assert set(live.probe.rings) == {"y"} and live.probe.texts()["y"].startswith("z = ")
    press(qtbot, w, K.Key_F)  # past the outputs: the walk ends
    assert not live.forward.active and live.probe.rings == {}


def test_d_walks_the_backward_pass_from_the_outputs_towards_the_inputs(qtbot):
    w = open_window(qtbot, mlp([2, 2, 1], hidden="sigmoid"))
    w.live.session.regenerate(dm.DataOptions("xor", 0.0, 1.0, 0))
    qtbot.keyClick(w, K.Key_F5)
    w.view.setFocus()
    back = w.live.backward
    press(qtbot, w, K.Key_D)
    assert back.active and back.level == 2 and set(back.deltas) == {"y"}
    press(qtbot, w, K.Key_D)
    assert back.level == 1 and set(back.deltas) == {"h1_1", "h1_2"}
    assert any("∂L/∂w" in line for line in w.live.gradients.legend.lines)
    # the keys named are the presentation's: → went on while the legend said "→ back"
    assert any("→ or PageDown: next level towards the inputs" in line for line in w.live.gradients.legend.lines)
    press(qtbot, w, K.Key_D)
    assert not back.active


def test_h_shows_the_next_hint_of_the_open_exercise(qtbot, presenting):
    w = presenting
    press(qtbot, w, K.Key_H)
    assert "No exercise" in w.presentation.stage.caption.text()
    exercise = load_exercise("xor")
    w.exercise.panel.set_exercise(exercise)
    press(qtbot, w, K.Key_H)
    assert w.exercise.panel.hints_shown == 1
    caption = w.presentation.stage.caption
    assert caption.isVisible() and caption.text() == f"Hint 1: {exercise.hints[0]}"


def test_z_zooms_to_fit(qtbot, presenting):
    w = presenting
    w.view.zoom_to_fit()
    fitted = w.view.transform().m11()
    w.view.zoom(0.5)
    assert w.view.transform().m11() < fitted
    press(qtbot, w, K.Key_Z)
    assert w.view.transform().m11() == pytest.approx(fitted)


def test_number_keys_focus_a_neuron_and_esc_goes_back_then_leaves(qtbot, presenting):
    w = presenting
    p = w.presentation
    press(qtbot, w, K.Key_2)  # neurons in reading order: h1 (OR), h2 (AND), y
    assert p.focused == "h2" and p.card.isVisible()
    assert w.live.session.hovered == "h2" and "AND" in w.live.region.title.text()
    assert p.card.geometry() == w.view.geometry().translated(w.view.mapTo(p.stage, QPoint(0, 0)) - w.view.pos())
    press(qtbot, w, K.Key_3)
    assert p.focused == "y"
    press(qtbot, w, K.Key_9)
    assert p.focused == "y" and "no neuron 9" in p.stage.caption.text()
    qtbot.keyClick(w, K.Key_Escape)
    assert p.focused is None and not p.card.isVisible() and p.active
    assert w.live.session.hovered == ""
    qtbot.keyClick(w, K.Key_Escape)
    assert not p.active


def test_pointer_ring_follows_the_mouse_and_p_toggles_it(qtbot, presenting):
    w = presenting
    ring = w.presentation.stage.pointer
    assert not ring.isVisible()
    press(qtbot, w, K.Key_P)
    assert ring.isVisible()
    target = gui.to_viewport(w.view, gui.node_pos(w, "h1"))
    viewport = w.view.viewport()
    gui.move(w.view, gui.node_pos(w, "h1"), buttons=Qt.MouseButton.NoButton)
    expected = viewport.mapTo(w.presentation.stage, target)
    assert ring.center is not None and (ring.center - QPointF(expected)).manhattanLength() < 1
    press(qtbot, w, K.Key_P)
    assert not ring.isVisible()


def test_t_changes_the_theme_of_canvas_and_plots(qtbot, presenting):
    w = presenting
    press(qtbot, w, K.Key_T)
    assert w.scene.theme.name == "dark"
    assert w.live.region.plot.backgroundBrush().color().name() == w.scene.theme.background
    press(qtbot, w, K.Key_T)
    assert w.scene.theme.name == "high-contrast"
    assert w.live.region.lut_for_points()[0, :3].tolist() == [0xD5, 0x5E, 0x00]


def test_keys_typed_into_a_text_field_stay_text(qtbot, xor_window):
    w = xor_window
    w.presentation.config.show |= {"training"}
    activate(qtbot, w)
    qtbot.keyClick(w, K.Key_F5)
    rate = w.live.panel.rate
    rate.setFocus()
    rate.lineEdit().selectAll()
    qtbot.keyClicks(rate.lineEdit(), "0.3")
    assert rate.currentText() == "0.3" and w.presentation.focused is None
    qtbot.keyClick(rate.lineEdit(), K.Key_F)  # a letter in the field, not the forward pass
    assert not w.live.forward.active
