"""What a student reads in the docks at 1280×720 and 1920×1080 is inside the part of the panel on
screen: the Training panel's pause message, the Loss Landscape's readout.

Found under Xvfb at 1280×720: a structural edit during Play paused the run and the panel said why
under the stops and restarts, 45 px below its fold; the student saw training stop and no reason."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QWidget

from tests.ui import gui
from tests.ui.live_gui import choose, mlp, one_linear_neuron, sized_window
from tests.ui.menus import choose_from_menu_bar
from tests.ui.test_live_training import set_rate

SMALL = (1152, 680)  # the window app.run opens on a 1280×720 screen (90 %)
LOW = (1152, 560)  # a lower window: only scrolling shows the Run group


def seen_in(widget: QWidget, scroll) -> bool:
    """Whether ``widget`` lies whole inside the visible part (the viewport) of scroll area ``scroll``."""
    viewport = scroll.viewport()
    rect = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    return viewport.rect().contains(rect)


def _paused_by_an_edit(qtbot, size):
    """Training in front, Play clicked, then a neuron deleted from the canvas: the run pauses."""
    w = sized_window(qtbot, mlp([2, 3, 1], "tanh", "sigmoid"), size)
    live = w.live
    panel, training = live.panel, live.training
    live.training_dock.raise_()
    choose(panel.dataset, "gauss")
    qtbot.mouseClick(panel.buttons["train_randomize"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.buttons["train_play"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: training.epoch >= 2, timeout=10_000)
    gui.click(w.view, gui.node_pos(w, "h1_2"))
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    assert not training.running and panel.message.text().startswith("Training paused: the network's structure")
    return w


def test_the_pause_message_is_on_screen_at_1280x720(qtbot):
    w = _paused_by_an_edit(qtbot, SMALL)
    panel = w.live.panel
    assert panel.verticalScrollBar().value() == 0  # nothing scrolled: the message sits where it is laid out
    qtbot.waitUntil(lambda: seen_in(panel.message, panel))
    assert seen_in(panel.buttons["train_play"], panel)  # beside Play, where the student just clicked


def test_a_panel_too_low_for_the_run_group_scrolls_to_why_a_run_diverged(qtbot):
    w = sized_window(qtbot, one_linear_neuron(), LOW)
    live = w.live
    panel = live.panel
    live.training_dock.raise_()
    choose(panel.dataset, "square")
    choose(panel.loss, "sse")
    set_rate(qtbot, panel, "10")
    qtbot.mouseClick(panel.buttons["train_play"], Qt.MouseButton.LeftButton)
    panel.verticalScrollBar().setValue(0)  # the student went up to the data settings while it ran
    qtbot.waitUntil(lambda: not live.training.running, timeout=10_000)
    assert "smaller learning rate" in panel.message.text()
    assert seen_in(panel.message, panel) and panel.verticalScrollBar().value() > 0


def test_with_the_exercise_in_front_the_status_bar_says_why_the_run_paused(qtbot):
    """The Training panel behind the Exercise tab: Play from the toolbar, then an edit on the canvas."""
    from designer.exercises import load_exercise
    from designer.ui.app import show_exercise

    w = sized_window(qtbot, mlp([2, 3, 1], "tanh", "sigmoid"), SMALL)
    show_exercise(w, load_exercise("xor"))
    training = w.live.training
    qtbot.waitUntil(lambda: w.live.panel.visibleRegion().isEmpty())
    choose_from_menu_bar(qtbot, w, "Train", "Randomize")  # hidden copies would hold Play back
    play = w.live.toolbar.widgetForAction(w.actions["train_play"])
    qtbot.mouseClick(play, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: training.epoch >= 2, timeout=10_000)
    gui.click(w.view, gui.node_pos(w, "h1_2"))
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    assert not training.running
    qtbot.waitUntil(lambda: "Training paused: the network's structure changed" in w.statusBar().currentMessage())
    assert w.statusBar().currentMessage().startswith("Deleted 1 item (Ctrl+Z brings it back).")  # both said


def test_with_the_panel_hidden_the_runs_last_message_replaces_its_first_in_the_status_bar(qtbot):
    """A run's "Training…" then "Stopped at epoch 2" ran on after the line before ("Lesson: …, 21 steps Training…
    Stopped at epoch 100", docs/images/lesson-window.png)."""
    from designer.exercises import load_exercise
    from designer.ui.app import show_exercise

    w = sized_window(qtbot, mlp([2, 3, 1], "tanh", "sigmoid"), SMALL)
    live = w.live
    live.panel.stop_epochs.setValue(2)
    live.panel.stop_epochs_on.setChecked(True)
    show_exercise(w, load_exercise("xor"))
    qtbot.waitUntil(lambda: live.panel.visibleRegion().isEmpty())
    choose_from_menu_bar(qtbot, w, "Train", "Randomize")  # hidden copies would hold Play back
    w.report("Opened the XOR exercise")
    play = live.toolbar.widgetForAction(w.actions["train_play"])
    qtbot.mouseClick(play, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not live.training.running, timeout=10_000)
    qtbot.waitUntil(lambda: "Stopped at epoch 2" in w.statusBar().currentMessage())
    assert w.statusBar().currentMessage() == "Opened the XOR exercise · Stopped at epoch 2"
