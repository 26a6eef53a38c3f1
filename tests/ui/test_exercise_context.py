"""Context follows the user: an exercise's marks, data and title belong to that exercise and that network.

Every step goes through the widgets a person uses: clicks in the exercise list, the Start button,
Ctrl+N / Ctrl+O, the dataset list of the Training dock.
"""

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from designer.engine import data as dm
from designer.exercises import load_exercise
from designer.model import dumps, load
from designer.ui.exercise_parts import starter_network
from tests.conftest import EXAMPLES
from tests.ui import gui
from tests.ui.live_gui import choose
from tests.ui.test_exercise_panel import click_exercise

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier


def start(qtbot, window, exercise_id):
    panel = window.exercise.panel
    window.exercise.show()
    click_exercise(qtbot, panel, exercise_id)
    qtbot.mouseClick(panel.start_button, LEFT)
    qtbot.waitUntil(lambda: panel.result is not None)
    window.session.flush()
    return panel


def marks(panel):
    return len(panel.marks.item.getData()[0]) if panel.marks.item is not None else 0


def window_key(qtbot, window, key, modifiers=Qt.KeyboardModifier.NoModifier):
    window.activateWindow()
    window.view.setFocus()
    qtbot.keyClick(window.view, key, modifiers)


def test_a_single_click_shows_an_exercise_and_start_loads_it(qtbot, xor_window):
    w = xor_window
    before = dumps(w.document.network)
    w.exercise.show()
    panel = w.exercise.panel
    click_exercise(qtbot, panel, "and")
    assert panel.title.text() == "AND gate" and "Press Start" in panel.status.text()
    assert dumps(w.document.network) == before  # showing is not loading
    assert panel.result is None and not panel.solving  # the open network is not judged against it
    assert w.session.options.name != dm.EXERCISE

    qtbot.mouseClick(panel.start_button, LEFT)
    net = w.document.network
    assert net.extras["exercise"] == "and" and set(net.neurons) == set(load_exercise("and").starter.neurons)
    assert w.windowTitle().startswith("AND gate")
    qtbot.waitUntil(lambda: panel.result is not None)
    assert w.live.panel.dataset.currentData() == dm.EXERCISE


def test_double_click_shows_and_starts(qtbot, xor_window):
    w = xor_window
    w.exercise.show()
    click_exercise(qtbot, w.exercise.panel, "or", double=True)
    assert w.document.network.extras.get("exercise") == "or"


def test_and_shows_its_truth_table_and_the_triangle_its_whole_plane(qtbot, xor_window):
    w = xor_window
    choose(w.live.panel.dataset, "spiral")  # the previous dataset must not stay on the map
    start(qtbot, w, "and")
    data = w.session.data
    assert data.x_train.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]] and data.y_train[:, 0].tolist() == [0, 0, 0, 1]
    assert w.session.rect == (-0.5, 1.5, -0.5, 1.5)
    xs, _ = w.live.region.points.train.getData()
    assert len(xs) == 4

    start(qtbot, w, "triangle")
    exercise = load_exercise("triangle")
    data = w.session.data
    assert len(data.x_train) == len(exercise.cases) and not data.problem
    x0, x1, y0, y1 = w.session.rect
    assert x0 < -3 < 3 < x1 and y0 < -3 < 3 < y1  # the exercise's ranges are [-3, 3]²
    (vx0, vx1), (vy0, vy1) = w.live.region.vb.viewRange()
    assert vx0 <= -3 and vx1 >= 3 and vy0 <= -3 and vy1 >= 3


def test_the_spiral_exercise_trains_on_its_own_split(qtbot, xor_window):
    w = xor_window
    start(qtbot, w, "spiral")
    exercise = load_exercise("spiral")
    data = w.session.data
    assert len(data.x_test) == len(exercise.cases)
    assert np.allclose(np.sort(data.x_test, axis=0), np.sort(exercise.cases.x, axis=0))
    panel = w.live.panel  # the Training panel shows that split, and offers no noise or seed to change
    assert panel.train_ratio.value() == 50 and not panel.noise.isEnabled() and not panel.regenerate.isEnabled()
    choose(panel.dataset, "circle")
    assert panel.noise.isEnabled()
    choose(panel.dataset, "xor")  # the truth table: its four rows all train, whatever noise, split or seed say
    assert not any(c.isEnabled() for c in (panel.noise, panel.train_ratio, panel.data_seed, panel.regenerate))
    choose(panel.dataset, "circle")
    assert panel.train_ratio.isEnabled() and panel.train_ratio.value() == 50


def test_loading_b_never_loads_a_even_when_start_first_saves_as(qtbot, xor_window, dialogs, tmp_path, monkeypatch):
    w = xor_window
    panel = start(qtbot, w, "and")
    gui.wheel(w.view, gui.node_pos(w, "y"), steps=1)  # an unsaved edit of exercise A's untitled network
    assert w.document.modified and w.document.path is None
    click_exercise(qtbot, panel, "or")
    dialogs.answer = QMessageBox.StandardButton.Save
    target = tmp_path / "my and.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(panel.start_button, LEFT)
    assert load(target).extras["exercise"] == "and"  # A was saved…
    net = w.document.network
    assert net.extras["exercise"] == "or"  # …and B was loaded
    assert panel.exercise.id == "or" and panel.title.text() == "OR gate"
    assert w.document.path is None and not w.document.modified
    assert w.windowTitle().startswith("OR gate")


def test_file_new_clears_every_mark_of_the_exercise(qtbot, xor_window):
    w = xor_window
    panel = start(qtbot, w, "xor")  # step(0) = 1 everywhere: two wrong rows
    qtbot.waitUntil(lambda: marks(panel) == 2)
    w.statusBar().showMessage("Solved: XOR gate!")  # as if it had been solved a moment ago
    window_key(qtbot, w, Qt.Key.Key_N, CTRL)
    assert w.document.network.neurons == {}
    assert panel.exercise is None and not panel.solving and panel.title.text() == "No exercise"
    assert marks(panel) == 0 and panel.picture.isHidden() and panel.reasons.isHidden()
    assert not w.statusBar().currentMessage().startswith("Solved")
    assert w.session.options.name != dm.EXERCISE and w.live.panel.dataset.findData(dm.EXERCISE) < 0
    assert w.windowTitle().startswith("Untitled")
    current = panel.browser.currentItem()
    assert current is not None and current.text(0) == "No exercise"
    window_key(qtbot, w, Qt.Key.Key_I)  # two inputs: the dataset list names the data the views show
    gui.click(w.view, (0, 0))
    gui.click(w.view, (0, 150))
    w.session.flush()
    assert w.session.data.name == "xor" and w.live.panel.dataset.currentData() == "xor"


def test_file_open_follows_the_file_exercise_or_none(qtbot, xor_window, tmp_path, monkeypatch):
    w = xor_window
    panel = start(qtbot, w, "xor")
    exercise_file = tmp_path / "triangle-try.json"
    net = load_exercise("triangle").starter.copy()
    net.extras = {"exercise": "triangle"}
    exercise_file.write_text(dumps(net), encoding="utf-8")
    plain = Path(EXAMPLES / "xor-step.json")
    w.exercise.hide()
    for path, expected in ((exercise_file, "triangle"), (plain, None)):
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, p=path, **k: (str(p), ""))
        window_key(qtbot, w, Qt.Key.Key_O, CTRL)
        assert w.document.path == path
        if expected:
            assert panel.exercise.id == expected and panel.solving and w.exercise.isVisible()
            assert w.session.options.name == dm.EXERCISE and w.session.rect[0] < -3
        else:
            assert panel.exercise is None and marks(panel) == 0
            assert w.session.options.name != dm.EXERCISE and w.session.rect == (-0.5, 1.5, -0.5, 1.5)
        assert w.windowTitle().startswith(path.name)


def test_picking_another_dataset_takes_the_circles_away_and_the_exercise_points_bring_them_back(qtbot, xor_window):
    w = xor_window
    panel = start(qtbot, w, "xor")
    qtbot.waitUntil(lambda: marks(panel) == 2)
    choose(w.live.panel.dataset, "circle")
    assert w.session.data.name == "circle" and marks(panel) == 0
    choose(w.live.panel.dataset, dm.EXERCISE)
    assert w.session.data.x_train.shape == (4, 2) and marks(panel) == 2


def test_no_exercise_leaves_it(qtbot, xor_window):
    w = xor_window
    panel = start(qtbot, w, "xor")
    qtbot.waitUntil(lambda: marks(panel) == 2)
    click_exercise(qtbot, panel, "\x00none")
    assert panel.exercise is None and marks(panel) == 0 and not panel.start_button.isEnabled()
    assert w.session.options.name == "xor" and w.session.data.x_train.shape[1] == 2
    w.statusBar().clearMessage()
    gui.wheel(w.view, gui.node_pos(w, "y"), steps=1)  # edits are not checked any more
    qtbot.wait(200)
    assert panel.result is None
    click_exercise(qtbot, panel, "xor")  # the network is still the exercise's: solving it again at once
    assert panel.solving and panel.result is not None


def test_the_status_bar_never_says_solved_for_a_design_that_fails_now(qtbot, xor_window):
    w = xor_window
    panel = start(qtbot, w, "and")
    for key, text in ((("x1", "y"), "1"), (("x2", "y"), "1")):
        gui.double_click(w.view, _on_line(w, key))
        gui.type_into_editor(qtbot, w, text)
    gui.double_click(w.view, gui.node_pos(w, "y"))
    gui.type_into_editor(qtbot, w, "-1.5")
    qtbot.waitUntil(lambda: panel.result is not None and panel.result.passed)
    assert w.statusBar().currentMessage().startswith("Solved")
    gui.inspect(qtbot, w, "y")
    field = w.inspector.n_bias  # typed in the inspector: no other message replaces "Solved"
    gui.retype(qtbot, field, "-0.5")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not panel.result.passed)
    assert not w.statusBar().currentMessage().startswith("Solved")


def _on_line(window, key, t=0.5):
    from tests.ui.test_canvas_build import on_line

    return on_line(window, key, t)


def test_starting_on_a_file_saved_from_an_exercise_solves_that_exercise(qtbot, tmp_path):
    from designer.model import save
    from designer.ui.app import create_window, show_exercise

    path = tmp_path / "triangle try.json"
    save(starter_network(load_exercise("triangle")), path)
    w = create_window(str(path))
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    show_exercise(w, load_exercise("xor"))  # what start-up does once the plots are built
    panel = w.exercise.panel
    assert panel.exercise.id == "triangle" and panel.solving  # not the default XOR
    assert w.session.options.name == dm.EXERCISE and w.session.rect[0] < -3
    dock, canvas = w.exercise, w.centralWidget()
    qtbot.waitUntil(lambda: dock.geometry().right() < canvas.geometry().left())  # the panel does not spill over


def test_a_network_built_from_empty_is_checked_with_check_my_network(qtbot, xor_window, dialogs):
    """Build AND from an empty network, then pick AND: Start would replace the design, Check keeps it."""
    w = xor_window
    window_key(qtbot, w, Qt.Key.Key_N, CTRL)
    w.exercise.show()
    panel = w.exercise.panel
    assert not panel.check_button.isEnabled()  # no exercise on show
    for y in (0, 120):
        window_key(qtbot, w, Qt.Key.Key_I)
        gui.click(w.view, (0, y))
    window_key(qtbot, w, Qt.Key.Key_N)
    gui.click(w.view, (220, 60))
    qtbot.keyClick(w.view, Qt.Key.Key_Escape)
    net = w.document.network
    neuron = next(iter(net.neurons))
    for source in list(net.inputs):
        gui.drag(w.view, gui.port_pos(w, source), gui.node_pos(w, neuron))
    gui.double_click(w.view, gui.node_pos(w, neuron))
    gui.type_into_editor(qtbot, w, "-1.5")
    gui.click(w.view, gui.node_pos(w, neuron))
    qtbot.keyClick(w.view, Qt.Key.Key_O)
    assert net.connections and net.outputs == [neuron]
    built = set(net.connections)

    click_exercise(qtbot, panel, "and")
    assert panel.result is None and panel.check_button.isEnabled()
    qtbot.mouseClick(panel.check_button, LEFT)
    qtbot.waitUntil(lambda: panel.result is not None)
    assert panel.result.passed  # sigmoid(x1 + x2 - 1.5) ≥ 0.5 exactly for (1, 1)
    assert net.extras["exercise"] == "and" and not panel.check_button.isEnabled()
    assert w.live.panel.dataset.currentData() == dm.EXERCISE  # the AND truth table on the map
    assert set(net.neurons) == {neuron} and set(net.connections) == built  # kept
    w.document.undo_stack.undo()
    assert "exercise" not in w.document.network.extras


def test_wrong_points_are_circled_where_they_are_after_starting_from_a_one_input_network(qtbot, xor_window):
    """Started right after a 1-input exercise, a 2-input one's wrong points were circled at (x₁, x₁):
    its first check ran while the region view still plotted the old network's one input on both axes,
    and nothing drew the circles again once the network was recompiled."""
    w = xor_window
    start(qtbot, w, "bump")  # one input: the session plots x against itself
    panel = start(qtbot, w, "linear-collapse")
    exercise = load_exercise("linear-collapse")
    assert panel.result is not None and not panel.result.passed
    wrong = exercise.cases.x[panel.result.wrong_points]
    xs, ys = panel.marks.item.getData()
    assert len(xs) == len(wrong) > 0
    assert np.allclose(xs, wrong[:, 0]) and np.allclose(ys, wrong[:, 1])
    region = w.live.region
    assert region.plot.getAxis("left").labelText == "x₂"  # what the circles are drawn against
