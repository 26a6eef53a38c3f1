"""Training from the panel: play/pause, curves, hand edits, locks, divergence, reset, restarts."""

import itertools
import math

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from designer.model import Connection, InputNode, Network, Neuron, SetConnectionField, SetNodeField
from tests.ui.live_gui import choose, mlp, one_linear_neuron, open_window, shown_text
from tests.ui.test_plot_axes import drawn_labels


def click(qtbot, panel, key):
    qtbot.mouseClick(panel.buttons[key], Qt.MouseButton.LeftButton)


def epoch_shown(panel) -> int:
    text = panel.progress.text()  # "Epoch <b>12</b> · 340 steps …"
    return int(text.split("<b>")[1].split("</b>")[0])


def set_rate(qtbot, panel, text):
    edit = panel.rate.lineEdit()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_training_a_2_4_1_net_on_xor_quadrants_lowers_the_loss_curve(qtbot):
    w = open_window(qtbot, mlp([2, 4, 1], "sigmoid", "sigmoid", weight=0.5))
    live = w.live
    panel = live.panel
    choose(panel.dataset, "xor-quadrants")
    assert live.session.data.n_train == 250 and len(live.session.data.x_test) == 250
    click(qtbot, panel, "train_randomize")
    choose(panel.loss, "cross_entropy")
    set_rate(qtbot, panel, "0.3")
    assert live.training.settings.learning_rate == 0.3
    choose(panel.speed, "10 steps / frame")  # a point on the curves every 10 steps
    assert live.training.steps_per_frame == 10
    values_before = {k: c.weight for k, c in w.document.network.connections.items()}
    image_before = np.array(live.region.image.image, copy=True)
    click(qtbot, panel, "train_play")
    assert live.training.running and panel.buttons["train_play"].text() == "Pause"  # (shown: no "&")
    qtbot.waitUntil(lambda: epoch_shown(panel) >= 12, timeout=20_000)  # 12 epochs of 25 batches: 300 steps
    click(qtbot, panel, "train_play")
    assert not live.training.running
    epochs, loss = live.curves.data("train_loss")
    assert len(loss) > 10 and epochs[-1] >= 12
    assert loss[-1] < 0.8 * loss[0]
    _, test_loss = live.curves.data("test_loss")
    assert test_loss[-1] < test_loss[0]
    assert live.curves.data("train_acc")[1][-1] > 0.6
    net = w.document.network
    assert any(net.connections[k].weight != v for k, v in values_before.items())  # the model holds the result
    assert not np.array_equal(live.region.image.image, image_before)
    stack = w.document.undo_stack
    assert stack.text(stack.count() - 1) == "train"
    w.actions["undo"].trigger()  # the whole run is one undo step
    assert {k: c.weight for k, c in net.connections.items()} == values_before


def test_curves_show_values_under_the_mouse(qtbot):
    w = open_window(qtbot, mlp([2, 2, 1]))
    live = w.live
    for _ in range(3):
        click(qtbot, live.panel, "train_epoch")
    live.curves.show_values(2)
    assert live.curves.readout.text().startswith("epoch 2.00 · train loss")
    assert live.curves.loss_line.isVisible()


def test_hand_edits_during_training_take_effect_and_locked_values_never_change(qtbot):
    w = open_window(qtbot, mlp([2, 3, 1], "tanh", "sigmoid"))
    live = w.live
    choose(live.panel.dataset, "circle")
    net = w.document.network
    w.document.push(SetConnectionField(("x1", "h1_1"), "trainable", False))
    w.document.push(SetNodeField("h1_2", "trainable", False))
    locked_w, locked_b = net.connections[("x1", "h1_1")].weight, net.neurons["h1_2"].bias
    click(qtbot, live.panel, "train_play")
    qtbot.waitUntil(lambda: live.training.steps >= 30, timeout=10_000)
    w.document.push(SetConnectionField(("h1_3", "y"), "weight", 7.0))  # typed while training
    steps = live.training.steps
    qtbot.waitUntil(lambda: live.training.steps >= steps + 20, timeout=10_000)
    click(qtbot, live.panel, "train_play")
    assert abs(net.connections[("h1_3", "y")].weight - 7.0) < 1.0  # trained on from 7, not from the old value
    assert net.connections[("x1", "h1_1")].weight == locked_w
    assert net.neurons["h1_2"].bias == locked_b


def test_divergence_pauses_with_a_message_and_keeps_finite_weights(qtbot):
    w = open_window(qtbot, one_linear_neuron())
    live = w.live
    choose(live.panel.dataset, "square")
    choose(live.panel.loss, "sse")
    set_rate(qtbot, live.panel, "10")
    click(qtbot, live.panel, "train_play")
    qtbot.waitUntil(lambda: not live.training.running, timeout=10_000)
    assert "diverged" in live.panel.message.text()
    assert "smaller learning rate" in live.panel.message.text()
    # said once: the panel read "Training diverged: training diverged (the loss …)"
    assert live.panel.message.text().startswith("Training diverged (the loss or a weight became infinite")
    assert live.panel.message.text().lower().count("diverged") == 1
    assert math.isfinite(w.document.network.connections[("x", "y")].weight)
    assert math.isfinite(w.document.network.neurons["y"].bias)
    assert live.panel.buttons["train_play"].text() == "Play"


def test_stop_at_epoch_and_reset_to_the_same_initial_weights(qtbot):
    w = open_window(qtbot, mlp([2, 2, 1]))
    live = w.live
    panel = live.panel
    choose(panel.dataset, "gauss")
    click(qtbot, panel, "train_randomize")
    start = {k: c.weight for k, c in w.document.network.connections.items()}
    panel.stop_epochs.setValue(3)
    panel.stop_epochs_on.setChecked(True)
    click(qtbot, panel, "train_play")
    qtbot.waitUntil(lambda: not live.training.running, timeout=10_000)
    assert live.training.epoch == 3 and epoch_shown(panel) == 3
    assert "Stopped at epoch 3" in panel.message.text()
    first_run = {k: c.weight for k, c in w.document.network.connections.items()}
    click(qtbot, panel, "train_reset")
    assert {k: c.weight for k, c in w.document.network.connections.items()} == start
    assert epoch_shown(panel) == 0 and len(live.curves.data("train_loss")[1]) == 0
    click(qtbot, panel, "train_play")
    qtbot.waitUntil(lambda: not live.training.running, timeout=10_000)
    assert {k: c.weight for k, c in w.document.network.connections.items()} == first_run  # same run again
    seed = live.training.weight_seed
    click(qtbot, panel, "train_randomize")
    assert live.training.weight_seed == seed + 1
    assert {k: c.weight for k, c in w.document.network.connections.items()} != start


def test_step_buttons_merge_into_one_undo_step(qtbot):
    w = open_window(qtbot, mlp([2, 2, 1]))
    live = w.live
    before = {k: c.weight for k, c in w.document.network.connections.items()}
    count = w.document.undo_stack.count()
    click(qtbot, live.panel, "train_step")
    click(qtbot, live.panel, "train_step")
    click(qtbot, live.panel, "train_epoch")
    assert live.training.steps == 3  # xor truth table: 4 points, batch 10 → full batch, one step per epoch
    assert w.document.undo_stack.count() == count + 1
    w.actions["undo"].trigger()
    assert {k: c.weight for k, c in w.document.network.connections.items()} == before


def test_several_restarts_show_final_losses_side_by_side(qtbot):
    w = open_window(qtbot, mlp([2, 2, 1]))
    live = w.live
    live.panel.restarts_k.setValue(3)
    live.panel.restarts_epochs.setValue(20)
    set_rate(qtbot, live.panel, "1")
    w.actions["train_restarts"].trigger()
    dialog = live.restarts_dialog
    # at the window's lower left, not centred over the canvas and the map (found on lesson step 19)
    assert dialog.frameGeometry().left() == w.mapToGlobal(QPoint(0, 0)).x()
    on_screen = min(w.mapToGlobal(QPoint(0, w.height())).y(), w.screen().availableGeometry().bottom() + 1)
    assert dialog.frameGeometry().bottom() >= on_screen - 1
    qtbot.waitUntil(lambda: dialog.use.isEnabled(), timeout=10_000)
    assert len(dialog.losses) == 3 and len(set(dialog.losses)) == 3
    assert "x0.001" not in dialog.plot.getPlotItem().getAxis("left").labelString()  # losses as they are
    assert np.allclose(dialog.bars.opts["height"], dialog.losses)
    assert "Best: run" in dialog.summary.text()
    dialog.resize(300, 260)  # narrow: the run labels under the bars stay apart
    QApplication.sendPostedEvents()  # the layout follows the new size
    dialog.plot.repaint()  # pyqtgraph fits the range to the bars lazily, before a paint: the last run's may be new
    dialog.plot.getPlotItem().getAxis("bottom").picture = None
    labels = sorted(drawn_labels(dialog.plot), key=lambda label: label[0].left())
    assert [text for _, text in labels] == ["1", "2", "3"]
    assert all(a.right() + 4 <= b.left() for (a, _), (b, _) in itertools.pairwise(labels))
    dialog.choice.setValue(2)
    dialog.use.click()
    net = w.document.network
    compiled_theta = dialog.thetas[1]
    assert np.isclose(net.connections[("x1", "h1_1")].weight, compiled_theta[dialog.net.connection_index[0]])
    dialog.close()


def test_a_dataset_that_does_not_fit_is_explained(qtbot, xor_window):
    live = xor_window.live
    choose(live.panel.dataset, "sin")  # 1-D data on a 2-input network
    assert "1 input(s) but the network has 2" in live.region.legend.text()
    live.panel.buttons["train_play"].click()
    assert not live.training.running
    assert "Cannot train" in live.panel.message.text()


def test_loading_points_from_a_csv_file(qtbot, xor_window, tmp_path):
    live = xor_window.live
    path = tmp_path / "points.csv"
    path.write_text("x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n0.5,0.5,1\n", encoding="utf-8")
    live.panel.train_ratio.setValue(100)
    assert live.panel.load_csv(path)
    data = live.session.data
    assert data.name == "csv: points.csv" and data.n_train == 5
    assert live.region.points.train.data.size == 5
    assert "Loaded 5 points" in live.panel.message.text()
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    assert not live.panel.load_csv(bad)
    assert "lacks columns x1, x2, y" in live.panel.message.text()
    assert live.session.data.n_train == 5  # the earlier points stay


def test_a_csv_file_whose_name_is_not_utf8_is_named_with_its_bytes_escaped(qtbot, xor_window, tmp_path, monkeypatch):
    """``\\xff.csv``: Qt dropped the byte: "Loaded 4 points from .csv" and ".csv" in the legend."""
    import os

    from PySide6.QtWidgets import QFileDialog, QToolButton

    live = xor_window.live
    path = os.fsdecode(bytes(tmp_path) + b"/\xff.csv")
    with open(path, "w", encoding="utf-8") as out:
        out.write("x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (path, ""))
    qtbot.mouseClick(live.panel.findChild(QToolButton, "loadCsv"), Qt.MouseButton.LeftButton)
    assert live.panel.message.text().startswith("Loaded 4 points from \\udcff.csv")
    assert "csv: \\udcff.csv" in live.region.legend.text()


def test_stop_at_a_target_loss(qtbot):
    w = open_window(qtbot, mlp([2, 2, 1], "tanh", "sigmoid"))
    live = w.live
    choose(live.panel.dataset, "gauss")
    choose(live.panel.optimizer, "adam")
    set_rate(qtbot, live.panel, "0.1")
    live.panel.stop_loss.setValue(0.05)
    live.panel.stop_loss_on.setChecked(True)
    click(qtbot, live.panel, "train_play")
    qtbot.waitUntil(lambda: not live.training.running, timeout=20_000)
    assert "reached the target 0.05" in live.panel.message.text()
    assert live.training.history.last("train_loss") <= 0.05
    steps, weights = live.training.trainer.steps, dict(w.document.network.connections)
    click(qtbot, live.panel, "train_play")  # Play again: no step past the target
    assert not live.training.running and live.training.trainer.steps == steps
    assert dict(w.document.network.connections) == weights
    assert "at the target 0.05 already" in live.panel.message.text()


def test_play_at_the_stop_epoch_trains_no_step_past_it(qtbot):
    """A demo stopped at its epoch moved on by one step at every Play (loss 0.03232 → 0.03287)."""
    w = open_window(qtbot, mlp([2, 2, 1], "tanh", "sigmoid"))
    live = w.live
    choose(live.panel.dataset, "gauss")
    live.panel.stop_epochs.setValue(3)
    live.panel.stop_epochs_on.setChecked(True)
    click(qtbot, live.panel, "train_play")
    qtbot.waitUntil(lambda: not live.training.running, timeout=20_000)
    assert "Stopped at epoch 3" in live.panel.message.text()
    steps, undo_steps = live.training.trainer.steps, w.document.undo_stack.count()
    weights = {k: c.weight for k, c in w.document.network.connections.items()}
    for _ in range(3):
        click(qtbot, live.panel, "train_play")
        assert not live.training.running
    assert live.training.trainer.steps == steps and w.document.undo_stack.count() == undo_steps
    assert {k: c.weight for k, c in w.document.network.connections.items()} == weights
    assert "Already at the stop epoch 3" in live.panel.message.text()
    click(qtbot, live.panel, "train_step")  # a step on purpose goes past it, and says so
    assert live.training.trainer.steps == steps + 1
    assert live.panel.message.text() == "One step past the stop set in the panel"
    live.panel.stop_epochs.setValue(4)  # raised: Play trains on, to the new stop
    click(qtbot, live.panel, "train_play")
    qtbot.waitUntil(lambda: not live.training.running, timeout=20_000)
    assert live.training.epoch >= 4 and "Stopped at epoch 4" in live.panel.message.text()


def test_a_step_that_moves_nothing_leaves_the_canvas_showing_the_models_numbers(qtbot, xor_window):
    """Step units have g' = 0: a Step changes no value and adds no undo step. The canvas read the
    training's float32 copies while the step ran; afterwards it shows the model's own numbers again."""
    w = xor_window
    w.document.push(SetConnectionField(("x1", "h1"), "weight", 0.1))  # 0.1 has no exact float32
    count = w.document.undo_stack.count()
    click(qtbot, w.live.panel, "train_step")
    assert w.document.undo_stack.count() == count  # nothing trained
    layer, net = w.scene.connections, w.document.network
    assert layer.weights.tolist() == [c.weight for c in net.connections.values()]


def test_a_big_networks_lines_follow_a_run_a_few_times_a_second_and_exactly_at_the_pause(qtbot):
    """Over 500 lines the canvas keeps a cached picture of them; a training frame does not redraw it,
    a timer recolours them a few times a second, and the pause shows the model's numbers."""
    from designer.ui.canvas.connections import CACHE_FROM

    net = mlp([2, 24, 24, 1], "tanh", "sigmoid", weight=0.1)  # small: no neuron saturated (Play would say so)
    for i, connection in enumerate(net.connections.values()):
        connection.weight *= 1 + 0.001 * i  # no hidden copies
    assert len(net.connections) > CACHE_FROM
    w = open_window(qtbot, net)
    choose(w.live.panel.dataset, "spiral")
    layer = w.scene.connections
    w.actions["train_play"].trigger()
    qtbot.waitUntil(lambda: w.live.training.uncommitted)
    drawn = layer._grouped()
    w.session.values_changed.emit()  # a training frame
    assert layer._grouped() is drawn  # the picture is not redrawn for it
    qtbot.waitUntil(lambda: layer._grouped() is not drawn, timeout=1000)  # but soon
    w.actions["train_play"].trigger()  # pause
    qtbot.waitUntil(lambda: not w.live.training.running)
    assert layer.weights.tolist() == [c.weight for c in w.document.network.connections.values()]
    assert layer._groups is None or layer._recolour.isActive() is False


def test_each_frame_arms_the_next_for_when_it_is_due_and_pause_stops_them(qtbot):
    """The frames keep a rhythm (frames.py): one single-shot timer, armed by every frame for the
    next one's due time, never a period longer than the rhythm's; none left running after Pause."""
    from designer.ui.live.frames import FRAME_S

    w = open_window(qtbot, mlp([2, 3, 1], "tanh", "sigmoid"))
    live = w.live
    choose(live.panel.dataset, "circle")
    timer = live.training._timer
    assert timer.isSingleShot()
    click(qtbot, live.panel, "train_randomize")
    click(qtbot, live.panel, "train_play")
    qtbot.waitUntil(lambda: live.training.clock.frame >= 5, timeout=10_000)
    frame = live.training.clock.frame
    timer.stop()
    live.training.clock.reset()  # a frame run by hand, due now: the next one is due a period later
    live.training.tick()
    assert live.training.clock.frame == frame + 1
    assert timer.isActive() and 0 <= timer.interval() <= FRAME_S * 1000
    click(qtbot, live.panel, "train_play")
    assert not live.training.running and not timer.isActive()
    steps = live.training.steps
    live.training.tick()  # a frame that comes after the pause does nothing and arms nothing
    assert live.training.steps == steps and not timer.isActive()


def huge_bias_network(bias: float = 1e300) -> Network:
    """A step neuron with a bias of 1e300 (valid in the file, infinite in float32) beside a
    trainable sigmoid output; its input weights get no gradient (step' = 0)."""
    net = Network(name="huge bias")
    for i, x in enumerate(("x1", "x2")):
        net.inputs[x] = InputNode(x, position=(0.0, 120.0 * i))
    net.neurons["h"] = Neuron("h", "step", bias=bias, position=(200.0, 0.0))
    net.neurons["y"] = Neuron("y", "sigmoid", position=(400.0, 60.0))
    for source, target, weight in (("x1", "h", 0.1), ("x2", "h", 0.1), ("h", "y", 0.5), ("x1", "y", 0.3)):
        net.connections[(source, target)] = Connection(source, target, weight)
    net.outputs = ["y"]
    return net


def test_a_bias_float32_cannot_hold_trains_shown_and_saved_as_the_model_has_it(qtbot):
    """The live float32 copy made the 1e300 bias infinite: the canvas crashed (SIGSEGV) painting it
    and the run committed inf into the model, which then could not be saved."""
    from designer.model import dumps, validate

    w = open_window(qtbot, huge_bias_network())
    live = w.live
    choose(live.panel.dataset, "gauss")
    click(qtbot, live.panel, "train_play")
    qtbot.waitUntil(lambda: live.training.steps >= 30, timeout=10_000)
    w.grab()  # the canvas paints the live values
    click(qtbot, live.panel, "train_play")  # pause: the run becomes an undo step
    net = w.document.network
    assert net.neurons["h"].bias == 1e300 and validate(net) == [] and dumps(net)
    assert net.connections[("x1", "h")].weight == 0.1  # not moved by training: not a float32 copy
    assert net.connections[("h", "y")].weight != 0.5  # trained
    assert live.session.bias_of("h") == 1e300


def test_values_training_did_not_move_keep_the_models_exact_numbers(qtbot):
    """The run lives in float32: committing every value wrote 0.10000000149011612 for a 0.1 that
    training never moved (a step neuron's input weight: its gradient is 0)."""
    w = open_window(qtbot, huge_bias_network(bias=0.3))
    live = w.live
    choose(live.panel.dataset, "gauss")
    click(qtbot, live.panel, "train_play")
    qtbot.waitUntil(lambda: live.training.steps >= 30, timeout=10_000)
    click(qtbot, live.panel, "train_play")
    net = w.document.network
    assert net.connections[("x1", "h")].weight == 0.1 and net.connections[("x2", "h")].weight == 0.1
    assert net.neurons["h"].bias == 0.3
    assert net.connections[("h", "y")].weight != 0.5  # trained
    w.actions["undo"].trigger()
    assert net.connections[("h", "y")].weight == 0.5


def test_undoing_a_run_takes_the_counters_and_curves_back_and_redo_brings_them_again(qtbot):
    """Undo put the weights back but left "Epoch 1016 · 25421 steps" and the run's curves."""
    w = open_window(qtbot, mlp([2, 3, 1], "tanh", "sigmoid"))
    live = w.live
    panel, training = live.panel, live.training
    choose(panel.dataset, "gauss")
    click(qtbot, panel, "train_randomize")  # no two hidden units alike (Play would stop to say so)
    click(qtbot, panel, "train_play")
    qtbot.waitUntil(lambda: training.epoch >= 3, timeout=10_000)
    click(qtbot, panel, "train_play")  # pause: the run is one undo step
    later = (training.epoch, training.steps, len(training.history))
    later_curve = live.curves.data("train_loss")[1].copy()
    assert len(later_curve) > 1
    w.actions["undo"].trigger()
    assert (training.epoch, training.steps, epoch_shown(panel)) == (0, 0, 0)
    assert len(training.history) == len(live.curves.data("train_loss")[1]) == 1  # the starting point
    assert panel.message.text() == "Back at epoch 0"
    w.actions["redo"].trigger()
    assert (training.epoch, training.steps, len(training.history)) == later and epoch_shown(panel) == later[0]
    assert np.array_equal(live.curves.data("train_loss")[1], later_curve)
    click(qtbot, panel, "train_epoch")  # and training goes on from there
    assert training.epoch == later[0] + 1


def test_another_network_opened_clears_what_was_said_about_the_last_run(qtbot):
    w = _mlp_playing(qtbot, "tanh", epochs=1)
    live = w.live
    click(qtbot, live.panel, "train_play")
    assert live.panel.message.text().startswith("Paused at epoch")
    w.document.replace(mlp([2, 2, 1]), path=None)  # File ▸ Open, New, an exercise's Start
    w.session.ensure_fresh()
    assert live.panel.message.text() == "" and epoch_shown(live.panel) == 0


def test_a_value_typed_beyond_float32_switches_the_live_copy_to_float64_and_back(qtbot):
    import numpy as np

    w = open_window(qtbot, mlp([2, 2, 1], "tanh", "sigmoid"))
    session = w.live.session
    assert session.compiled.dtype == np.float32
    w.document.push(SetNodeField("h1_1", "bias", 1e300))  # as the inspector's field does
    session.ensure_fresh()
    assert session.compiled.dtype == np.float64 and session.bias_of("h1_1") == 1e300
    w.document.push(SetConnectionField(("x1", "h1_1"), "weight", 2.0))  # one more value: no recompile needed
    assert session.fresh and session.weight_of(("x1", "h1_1")) == 2.0
    w.document.push(SetNodeField("h1_1", "bias", 0.5))
    session.ensure_fresh()
    assert session.compiled.dtype == np.float32  # the fast path again


def test_loss_and_optimiser_menus_show_names_and_train_with_the_ids_files_use(qtbot):
    w = open_window(qtbot, mlp([2, 3, 1], "tanh", "sigmoid"))
    panel, training = w.live.panel, w.live.training
    loss_texts = [panel.loss.itemText(i) for i in range(panel.loss.count())]
    assert loss_texts == ["MSE", "SSE", "cross-entropy"]
    panel.loss.setFocus()
    qtbot.keyClick(panel.loss, Qt.Key.Key_End)  # keyboard: the last entry
    assert panel.loss.currentText() == "cross-entropy" and training.settings.loss == "cross_entropy"
    qtbot.keyClick(panel.optimizer, Qt.Key.Key_End)
    assert panel.optimizer.currentText() == "Adam" and training.settings.optimizer == "adam"
    training.settings.loss, training.settings.optimizer = "sse", "momentum"  # as a file's experiment sets them
    panel.show_settings()
    assert (panel.loss.currentText(), panel.optimizer.currentText()) == (
        "SSE",
        "momentum",
    )


def test_the_curves_get_a_point_per_epoch_even_when_a_frame_runs_many(qtbot):
    """At up to 1000 steps a frame (40 epochs of 25 batches; a frame also ends at its time budget), a
    point per frame drew the early fall of the loss as one straight line; now each epoch of a frame is
    recorded (up to 32 a frame)."""
    w = open_window(qtbot, mlp([2, 4, 1], "tanh", "sigmoid", weight=0.5))
    live = w.live
    panel, training = live.panel, live.training
    choose(panel.dataset, "xor-quadrants")  # 250 training points: 25 steps of 10 an epoch
    click(qtbot, panel, "train_randomize")  # no two hidden neurons alike
    choose(panel.speed, 1000)
    training.stop_epochs = 80
    click(qtbot, panel, "train_play")
    assert training.running
    qtbot.waitUntil(lambda: not training.running, timeout=30_000)
    epochs = training.history.column("epoch")  # what the curves plot
    assert epochs[0] == 0 and len(epochs) >= 60
    whole = {round(e) for e in epochs.tolist() if abs(e - round(e)) < 1e-9}
    assert set(range(1, 81)) <= whole  # every epoch has its point (besides the frames' ends between them)
    assert len(set(epochs.tolist())) == len(epochs)  # no point twice


def test_stopped_curves_span_their_epochs_and_the_key_names_only_the_sets_there_are(qtbot):
    """A figure of a run stopped at epoch 3,000 had an axis to 5,000 (40 % empty) and a "test" entry
    for a set without test points."""
    w = open_window(qtbot, mlp([2, 2, 1], "tanh", "sigmoid"))
    live = w.live
    choose(live.panel.dataset, "gauss")
    live.panel.train_ratio.setValue(100)  # no test points
    live.panel.train_ratio.editingFinished.emit()  # as when the field is left
    assert live.session.data.n_train > 0 and not len(live.session.data.x_test)
    live.panel.stop_epochs.setValue(7)
    live.panel.stop_epochs_on.setChecked(True)
    live.curves_dock.show()
    curves = live.curves
    assert "test" in shown_text(curves.key)  # before any run: both kinds named
    click(qtbot, live.panel, "train_play")
    qtbot.waitUntil(lambda: not live.training.running, timeout=20_000)
    x0, x1 = curves.loss_plot.getPlotItem().getViewBox().viewRange()[0]
    assert 7 <= x1 <= 7.5  # the last epoch, with the plot's small padding (was a "nice" 10)
    assert shown_text(curves.key) == "━━ train"


def test_play_with_hidden_step_units_says_why_they_will_not_learn(qtbot, xor_window):
    """Training step units plateaued (loss 0.17 on a bump) without a word about g′(z) = 0."""
    w = xor_window
    live = w.live
    choose(live.panel.dataset, "xor")
    click(qtbot, live.panel, "train_play")
    assert live.training.running
    note = w.statusBar().currentMessage()
    assert "OR, AND" in note and "step units have g′(z) = 0, so their own weights and bias do not learn" in note
    click(qtbot, live.panel, "train_play")


def test_deleting_a_neuron_during_play_keeps_the_curves_and_counts_on(qtbot):
    """Delete on a hidden neuron while training ran: the epoch and steps went back to 0 and the curves
    of the run so far vanished without a word (the edit itself is undoable, the run was committed)."""
    from tests.ui import gui

    w = open_window(qtbot, mlp([2, 3, 1], "tanh", "sigmoid"))
    live = w.live
    panel, training = live.panel, live.training
    choose(panel.dataset, "gauss")
    click(qtbot, panel, "train_randomize")
    click(qtbot, panel, "train_play")
    qtbot.waitUntil(lambda: training.epoch >= 3, timeout=10_000)
    gui.click(w.view, gui.node_pos(w, "h1_2"))
    w.view.setFocus()
    shown = training.epoch
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    assert "h1_2" not in w.document.network.neurons and not training.running
    epochs, loss = (a.copy() for a in live.curves.data("train_loss"))
    assert len(loss) > 3 and epochs[-1] >= 3  # the run so far is still drawn
    epoch, steps = training.epoch, training.steps
    assert epoch == shown and steps > 0 and epoch_shown(panel) == epoch  # counted on from what was shown
    assert panel.message.text() == f"Training paused: the network's structure changed. Play goes on from epoch {epoch}"
    click(qtbot, panel, "train_epoch")  # one more epoch on the smaller network: counted on, drawn on
    assert training.epoch == epoch + 1 and training.steps > steps and epoch_shown(panel) == epoch + 1
    after_epochs, after_loss = live.curves.data("train_loss")
    assert np.array_equal(after_loss[: len(loss)], loss) and after_epochs[-1] > epochs[-1]
    assert after_epochs[len(loss)] == epochs[-1]  # where the edit changed the loss: at the same epoch


def _softmax_spiral_playing(qtbot):
    """A 2-8-3 softmax classifier on spiral-3, played for a few epochs."""
    from tests.ui.menus import choose_from_menu_bar

    w = open_window(qtbot, mlp([2, 8, 3], "tanh", "linear"))
    live = w.live
    live.build_plots()
    choose_from_menu_bar(qtbot, w, "Network", "Softmax Outputs")
    choose(live.panel.dataset, "spiral-3")
    click(qtbot, live.panel, "train_randomize")
    click(qtbot, live.panel, "train_play")
    qtbot.waitUntil(lambda: live.training.epoch >= 3, timeout=10_000)
    return w


def _assert_counted_on(qtbot, w, before, what: str) -> None:
    """Paused, the epoch and steps and curves of the run so far kept, and the message says why."""
    live = w.live
    panel, training = live.panel, live.training
    epochs, loss, epoch_before, steps_before = before
    epoch = training.epoch  # (a menu opened for the edit may let a frame or two run first)
    assert not training.running and panel.buttons["train_play"].text() != "Pause"
    assert epoch >= epoch_before >= 3 and training.steps >= steps_before and epoch_shown(panel) == epoch
    after_epochs, after_loss = live.curves.data("train_loss")
    assert np.array_equal(after_loss[: len(loss)], loss) and len(after_loss) >= len(loss)
    assert panel.message.text().startswith(f"Training paused: {what} changed. Play goes on from epoch {epoch}")
    click(qtbot, panel, "train_epoch")  # one more epoch: counted on, drawn on
    assert training.epoch == epoch + 1 and epoch_shown(panel) == epoch + 1
    assert live.curves.data("train_loss")[0][-1] > epochs[-1]


def _run_so_far(live):
    """Curves, epoch and steps shortly before an edit (the run is committed by it, not changed)."""
    epochs, loss = (a.copy() for a in live.curves.data("train_loss"))
    return epochs, loss, live.training.epoch, live.training.steps


def test_an_activation_changed_in_the_inspector_during_play_pauses_and_counts_on(qtbot):
    """Setting h3 to tanh while a softmax demo trained stopped it without a word, with the epoch at 0
    and the curves gone; now it goes the way of every edit that needs a new trainer."""
    from tests.ui import gui

    w = _softmax_spiral_playing(qtbot)
    hidden = next(n for n in w.document.network.neurons if n not in w.document.network.outputs)
    gui.inspect(qtbot, w, hidden)
    combo = w.inspector.n_activation
    combo.setFocus()
    before = _run_so_far(w.live)
    qtbot.keyClicks(combo, "relu")
    assert w.document.network.neurons[hidden].activation == "relu"
    _assert_counted_on(qtbot, w, before, "an activation")


def test_the_loss_changed_during_play_pauses_and_counts_on_the_same_way(qtbot):
    w = _softmax_spiral_playing(qtbot)
    before = _run_so_far(w.live)
    choose(w.live.panel.loss, "mse")
    assert w.live.training.settings.loss == "mse"
    _assert_counted_on(qtbot, w, before, "the loss")


def test_a_batch_size_typed_during_play_counts_once_it_is_entered(qtbot):
    """Typing 25 into the batch field during Play paused the run at the 2 (a trainer for batches of 2)."""
    w = _softmax_spiral_playing(qtbot)
    panel, training = w.live.panel, w.live.training
    field = panel.batch.lineEdit()
    field.selectAll()
    qtbot.keyClicks(field, "25")
    assert training.running and training.settings.batch_size == 10  # not yet: still typing
    before = _run_so_far(w.live)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert training.settings.batch_size == 25
    _assert_counted_on(qtbot, w, before, "the batch size")


def test_a_learning_rate_typed_during_play_counts_once_it_is_entered(qtbot):
    """Typing 1e-3 into the learning rate during Play trained at 1 (a thousand times the rate) from the
    "1" until the "3" came: a few frames at that rate could ruin the run."""
    w = _softmax_spiral_playing(qtbot)
    panel, training = w.live.panel, w.live.training
    before = training.settings.learning_rate
    field = panel.rate.lineEdit()
    field.setFocus()
    field.selectAll()
    seen = []
    training.option_changed.connect(lambda name: seen.append(training.settings.learning_rate))
    qtbot.keyClicks(field, "1e-3")
    assert training.running and training.settings.learning_rate == before and seen == []  # still typing
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert training.settings.learning_rate == 0.001 and seen == [0.001] and training.running
    panel.rate.setCurrentIndex(0)  # a rate chosen from the list counts at once
    assert training.settings.learning_rate == float(panel.rate.itemText(0))


def test_softmax_turned_off_during_play_says_it_paused_and_what_the_loss_is(qtbot):
    from tests.ui.menus import choose_from_menu_bar

    w = _softmax_spiral_playing(qtbot)
    before = _run_so_far(w.live)
    choose_from_menu_bar(qtbot, w, "Network", "Softmax Outputs")
    assert not w.document.network.softmax
    assert w.live.panel.message.text().endswith("No softmax: the loss is MSE again")
    _assert_counted_on(qtbot, w, before, "Softmax Outputs")


def test_the_loss_curve_shows_the_loss_training_takes_when_outputs_saturate(qtbot, tmp_path):
    """A sigmoid output with cross-entropy, far on the wrong side: the curve's point is the exact loss
    (``grad``'s and a training step's), not that of p clipped to 1e-12 (14.0 shown where it is 20.2)."""
    from designer.engine import compile_network
    from designer.engine.backprop import parameter_gradients

    net = Network(name="saturated")
    net.inputs["x1"] = InputNode("x1", position=(0.0, 0.0))
    net.neurons["y"] = Neuron("y", "sigmoid", 0.0, position=(220.0, 0.0))
    net.connections[("x1", "y")] = Connection("x1", "y", 40.0)
    net.outputs = ["y"]
    w = open_window(qtbot, net)
    live = w.live
    path = tmp_path / "points.csv"
    path.write_text("x1,y\n1,0\n-1,1\n0.5,1\n0,0.5\n", encoding="utf-8")
    live.panel.train_ratio.setValue(100)
    assert live.panel.load_csv(path)
    choose(live.panel.loss, "cross_entropy")
    set_rate(qtbot, live.panel, "0.000001")
    click(qtbot, live.panel, "train_step")
    shown = live.curves.data("train_loss")[1][-1]
    data = live.session.data
    exact, _, _ = parameter_gradients(compile_network(w.document.network), data.x_train, data.y_train, "cross_entropy")
    assert exact > 20
    assert shown == pytest.approx(exact, rel=1e-5)


def test_the_curves_plot_epochs_as_the_counter_counts_them_when_the_last_batch_is_short(qtbot, xor_window):
    """Four points in batches of 3 (3, then 1): each Epoch press is one epoch on the counter and on the
    curves (they plotted 1.5, 3.0, 4.5 epochs, steps × 3 / 4)."""
    live = xor_window.live
    panel = live.panel
    assert live.session.data.n_train == 4
    panel.batch.setValue(3)
    assert live.training.settings.batch_size == 3
    for _ in range(3):
        click(qtbot, panel, "train_epoch")
    assert epoch_shown(panel) == 3 and live.training.trainer.steps == 6
    epochs, _ = live.curves.data("train_loss")
    assert epochs[-1] == 3.0


def test_play_with_cross_entropy_on_a_linear_output_says_it_is_no_probability(qtbot):
    """Cross-entropy on a linear output: the loss is cut off outside (0, 1) and its gradient is huge, so
    the weights ran away to -3e10 while the curve showed a loss near 0, without a word."""
    w = open_window(qtbot, mlp([2, 3, 1], "tanh", "linear"))
    live = w.live
    choose(live.panel.dataset, "gauss")
    choose(live.panel.loss, "cross_entropy")
    click(qtbot, live.panel, "train_randomize")
    click(qtbot, live.panel, "train_play")
    assert live.training.running
    note = w.statusBar().currentMessage()
    assert "cross-entropy reads an output as a probability between 0 and 1; a linear output is not one" in note
    click(qtbot, live.panel, "train_play")
    choose(live.panel.loss, "mse")  # the same network with MSE: nothing to say
    w.statusBar().clearMessage()
    click(qtbot, live.panel, "train_play")
    assert live.training.running and "cross-entropy" not in w.statusBar().currentMessage()
    click(qtbot, live.panel, "train_play")


def test_the_cross_entropy_note_says_a_long_right_to_left_label_short_and_isolated(qtbot):
    """The note at Play put two 9,990-character output labels whole into the status bar (20,224
    characters), and an unclosed U+202E in one reversed the rest of the sentence."""
    from designer.model import SetNodeField

    w = open_window(qtbot, mlp([2, 3, 1], "tanh", "linear"))
    live = w.live
    w.document.push(SetNodeField("y", "label", "\u202e" + "y" * 9_990))
    choose(live.panel.dataset, "gauss")
    choose(live.panel.loss, "cross_entropy")
    click(qtbot, live.panel, "train_randomize")
    click(qtbot, live.panel, "train_play")
    note = w.statusBar().currentMessage()
    click(qtbot, live.panel, "train_play")
    assert "cross-entropy reads an output as a probability" in note
    assert len(note) < 400 and "\u202e" not in note and note.startswith("yyy")


def _mlp_playing(qtbot, hidden: str, epochs: int):
    """A 2-3-1 network (``hidden`` units, a sigmoid output) from random weights, playing on the Gaussian
    clouds, at least ``epochs`` epochs in."""
    w = open_window(qtbot, mlp([2, 3, 1], hidden, "sigmoid"))
    live = w.live
    choose(live.panel.dataset, "gauss")
    click(qtbot, live.panel, "train_randomize")
    click(qtbot, live.panel, "train_play")
    qtbot.waitUntil(lambda: live.training.epoch >= epochs, timeout=10_000)
    return w


def test_collapsing_linear_layers_during_play_keeps_the_curves_and_undo_brings_the_layers_back(qtbot):
    """Collapse (an undoable replacement) put the epoch at 0 and wiped the curves, unlike every other edit;
    Undo brought the layers back but not the run's curves."""
    w = _mlp_playing(qtbot, "linear", epochs=3)  # a linear hidden layer: collapsible
    live, math_dock = w.live, w.exports.math_dock
    math_dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: math_dock.replace.isVisible())
    live.session.set_probe(np.array([0.5, -1.0]), pinned=True)
    before = _run_so_far(live)
    qtbot.mouseClick(math_dock.replace, Qt.MouseButton.LeftButton)
    assert set(w.document.network.neurons) == {"y"}
    assert live.session.probe_pinned and tuple(live.session.probe) == (0.5, -1.0)  # the same inputs: it stays
    _assert_counted_on(qtbot, w, before, "the network's structure")
    epoch, curve = live.training.epoch, live.curves.data("train_loss")[1].copy()
    w.actions["undo"].trigger()  # the epoch just trained
    w.actions["undo"].trigger()  # the collapse: the layers are back, the run's curves stay
    assert {"h1_1", "h1_2", "h1_3", "y"} == set(w.document.network.neurons)
    assert live.training.epoch == epoch - 1 and epoch_shown(live.panel) == epoch - 1
    assert np.array_equal(live.curves.data("train_loss")[1][: len(before[1])], before[1])
    w.actions["redo"].trigger()
    w.actions["redo"].trigger()
    assert set(w.document.network.neurons) == {"y"} and live.training.epoch == epoch
    assert np.array_equal(live.curves.data("train_loss")[1], curve)


def test_show_a_solution_after_training_keeps_the_curves_like_any_edit(qtbot, xor_window):
    """Show a solution after some epochs on the student's own design: the curves and the epoch were gone."""
    w = xor_window
    live = w.live
    w.exercise.show()
    panel = w.exercise.panel
    from designer.exercises import load_exercise

    panel.set_exercise(load_exercise("xor"))
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    click(qtbot, live.panel, "train_randomize")
    for _ in range(3):
        click(qtbot, live.panel, "train_epoch")
    before = _run_so_far(live)
    assert before[2] == 3
    qtbot.mouseClick(panel.solution_button, Qt.MouseButton.LeftButton)
    assert live.training.epoch == 3 and epoch_shown(live.panel) == 3
    epochs, loss = live.curves.data("train_loss")
    assert np.array_equal(loss[: len(before[1])], before[1])
    click(qtbot, live.panel, "train_epoch")  # the solution trains on from epoch 3
    assert live.training.epoch == 4 and live.curves.data("train_loss")[0][-1] > epochs[-1]
