"""Play on a network with a dead ReLU: a unit below 0 on every training point never learns (relu' = 0
there), and Play used to train without a word while the fit had fewer units than the student drew."""

from __future__ import annotations

from PySide6.QtCore import Qt

from designer.model import SetConnectionField
from tests.ui.live_gui import choose, mlp, open_window


def sin_window(qtbot):
    """1-3-1 ReLU on the sin data (x in [0, 2π]): h1_2's weight is negative, so its z < 0 everywhere."""
    net = mlp([1, 3, 1], "relu", "linear", weight=0.5)
    for i, connection in enumerate(net.connections.values()):
        connection.weight *= 1 + 0.1 * i  # no hidden copies (Play would say that first)
    w = open_window(qtbot, net)
    choose(w.live.panel.dataset, "sin")
    return w


def press(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_play_names_a_dead_relu_offers_randomize_and_play_again_trains_anyway(qtbot):
    w = sin_window(qtbot)
    panel, training = w.live.panel, w.live.training
    press(qtbot, panel.buttons["train_play"])
    text = panel.message.text()
    assert not training.running
    assert "h1_2 is a dead ReLU" in text and "h1_1" not in text and "h1_3" not in text
    assert "Randomize" in text and "dead at the start" in w.statusBar().currentMessage()
    press(qtbot, panel.buttons["train_play"])  # Play again: trains anyway
    assert training.running
    press(qtbot, panel.buttons["train_play"])


def test_the_dead_relu_note_comes_again_once_the_unit_lived_in_between(qtbot):
    w = sin_window(qtbot)
    panel, training = w.live.panel, w.live.training
    play = panel.buttons["train_play"]
    weight = w.document.network.connections[("x1", "h1_2")].weight
    press(qtbot, play)
    assert not training.running and "dead ReLU" in panel.message.text()
    w.document.push(SetConnectionField(("x1", "h1_2"), "weight", -weight))  # alive: z > 0 on the data
    press(qtbot, play)
    assert training.running and "dead" not in panel.message.text()
    press(qtbot, play)
    w.document.push(SetConnectionField(("x1", "h1_2"), "weight", -1.0))
    w.document.push(SetConnectionField(("x1", "h1_1"), "weight", -1.0))  # two dead now
    press(qtbot, play)
    assert not training.running and "h1_1, h1_2 are dead ReLUs" in panel.message.text()
