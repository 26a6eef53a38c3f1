"""The plateau note counts the wrong points as the Decision Regions legend does.

A new user's look at a 2-2-1 network with every weight 0 on the circle data (half its points held out
for testing), trained with SGD: the status bar said "125 of 250 points wrong" while the legend under
the map said "✕ misclassified 250": one number counts the training points, the other every point
drawn, and nothing said which. The note now names the training points when there are test points."""

import re

from designer.model.templates import two_two_one
from tests.ui.conftest import _window
from tests.ui.live_gui import choose
from tests.ui.test_plateau_note import NOTE, press, said


def _legend_misclassified(window) -> int:
    text = window.live.region.legend.text()
    return int(re.search(r"misclassified&nbsp;(\d+)", text).group(1))


def test_the_note_names_the_training_points_the_map_counts_with_the_test_points(qtbot):
    w = _window(qtbot, two_two_one(weight=0.0))  # every weight 0: the gradient stays near 0
    panel, training = w.live.panel, w.live.training
    choose(panel.dataset, "circle")  # 250 training points, 250 test points
    choose(panel.optimizer, "sgd")
    lines = said(w)
    press(qtbot, panel.buttons["train_play"])  # "h1 and h2 are exact copies … Play again to train anyway"
    press(qtbot, panel.buttons["train_play"])
    while training.running and training.epoch < 3000 and not any(NOTE in t for _, t in lines):
        training.tick()
    notes = [text for _, text in lines if NOTE in text]
    assert notes, f"no note by epoch {training.epoch}: {lines} {training.running}"
    press(qtbot, panel.buttons["train_play"])  # pause where the note was said
    wrong_train, n_train = map(int, re.search(r"(\d+) of (\d+) training points wrong", notes[0]).groups())
    data = w.live.session.data
    assert n_train == len(data.x_train) == 250 and len(data.x_test) == 250
    points = w.live.region.points
    assert wrong_train == int(points._wrong(data.x_train, data.y_train).sum())  # the map's rule, training points
    assert _legend_misclassified(w) == int(points._wrong(data.x_test, data.y_test).sum()) + wrong_train
