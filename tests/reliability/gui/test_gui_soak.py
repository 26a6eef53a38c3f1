"""A seeded GUI soak test: thousands of random user actions through real widgets.

After every action the model validates, the scene shows exactly the model's items, and if the saved
bytes changed the undo stack moved (every GUI change is one undo step; tests/ui/gui.py UndoDiscipline);
at the end, undoing everything restores the initial file byte for byte. CI runs a short form; the long
form (5,000 actions) runs by hand:
NN_DESIGNER_LONG=1 python -m pytest -m slow tests/reliability/gui/test_gui_soak.py -s
"""

from __future__ import annotations

import os
import random
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, QSizeF, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFileDialog, QLineEdit, QMessageBox

from designer.model import ACTIVATIONS, dumps, load, validate
from tests.conftest import EXAMPLES
from tests.ui import gui
from tests.ui.live_gui import visible_scene_rect

SHORT, LONG = 1000, 5000
EXPRESSIONS = ["1", "-1", "1/2", "-3/2", "0.5*3", "2", "-0.25", "0", "abc", "1/0", "(1+2)*-0.5", "1e400"]


class Soak:
    def __init__(self, qtbot, window, rng: random.Random, folder: Path) -> None:
        self.qtbot = qtbot
        self.w = window
        self.rng = rng
        self.folder = folder
        self.counts: Counter[str] = Counter()
        self.saves = 0
        self.trained = 0
        self.undo_discipline = gui.UndoDiscipline(window)
        self.changes = 0

    # ------------------------------------------------------------ helpers
    @property
    def net(self):
        return self.w.document.network

    def visible_point(self) -> QPointF:
        rect = visible_scene_rect(self.w.view).adjusted(60, 60, -60, -60)
        return QPointF(self.rng.uniform(rect.left(), rect.right()), self.rng.uniform(rect.top(), rect.bottom()))

    def some_node(self, neurons_only: bool = False) -> str | None:
        ids = list(self.net.neurons) if neurons_only else list(self.net.node_ids())
        return self.rng.choice(ids) if ids else None

    def some_connection(self):
        keys = list(self.net.connections)
        return self.rng.choice(keys) if keys else None

    def line_point(self, key) -> QPointF:
        layer = self.w.scene.connections
        self.w.view.ensureVisible(QRectF(QPointF(*layer.start[layer.position_of[key]]), QSizeF(1, 1)), 60, 60)
        i = layer.position_of[key]
        t = self.rng.uniform(0.25, 0.75)
        p = layer.start[i] + t * (layer.end[i] - layer.start[i])
        return QPointF(float(p[0]), float(p[1]))

    def show(self, node_id: str) -> None:
        """Scroll so the node is on screen, as a user would before clicking it."""
        self.w.view.ensureVisible(self.w.scene.node_items[node_id], 40, 40)

    def select(self, node_id: str) -> None:
        self.show(node_id)
        gui.click(self.w.view, gui.node_pos(self.w, node_id))
        if self.w.scene.selected_node_ids() != [node_id]:  # another node lies on top of it
            self.w.scene.select_nodes([node_id])
        self.qtbot.waitUntil(lambda: self.w.inspector.current == node_id, timeout=2000)

    def select_connection(self, key) -> bool:
        gui.click(self.w.view, self.line_point(key))
        if self.w.scene.selected_connections != {key}:  # a node or another line lies on top of it
            return False
        self.qtbot.waitUntil(lambda: self.w.inspector.current == key, timeout=2000)
        return True

    def select_connection_or_neuron(self, p_connection: float) -> str | None:
        """Click a random connection (with probability ``p_connection``) or neuron; what got selected."""
        key = self.some_connection() if self.rng.random() < p_connection else None
        if key is not None and self.select_connection(key):
            return "connection"
        if node := self.some_node(neurons_only=True):
            self.select(node)
            return "neuron"
        return None

    def widget(self, cls, name: str):
        found = self.w.findChild(cls, name)
        assert found is not None and found.isVisible(), name
        return found

    # ------------------------------------------------------------ actions
    def add_input(self) -> None:
        self.qtbot.mouseClick(self.w.toolbar.widgetForAction(self.w.actions["add_input"]), Qt.MouseButton.LeftButton)
        gui.click(self.w.view, self.visible_point())
        self.qtbot.keyClick(self.w.view, Qt.Key.Key_Escape)  # the tool stays on until Esc

    def add_neuron(self) -> None:
        self.qtbot.mouseClick(self.w.toolbar.widgetForAction(self.w.actions["add_neuron"]), Qt.MouseButton.LeftButton)
        gui.click(self.w.view, self.visible_point())
        self.qtbot.keyClick(self.w.view, Qt.Key.Key_Escape)  # the tool stays on until Esc

    def delete(self) -> None:
        if self.rng.random() < 0.5 and self.net.connections:
            gui.click(self.w.view, self.line_point(self.some_connection()))
        elif node := self.some_node():
            self.select(node)
        self.w.view.setFocus()
        self.qtbot.keyClick(self.w.view, Qt.Key.Key_Delete)

    def move(self) -> None:
        if node := self.some_node():
            self.show(node)
            gui.drag(self.w.view, gui.node_pos(self.w, node), self.visible_point(), steps=4)

    def connect(self) -> None:
        a, b = self.some_node(), self.some_node()
        if a and b:
            self.show(a)
            gui.drag(self.w.view, gui.port_pos(self.w, a), gui.node_pos(self.w, b), steps=4)

    def activation(self) -> None:
        """Pick an activation in the inspector by typing its first letters on the combo box."""
        if node := self.some_node(neurons_only=True):
            self.select(node)
            combo = self.widget(QComboBox, "activationCombo")
            combo.setFocus()
            prefix = {"linear": "l", "sigmoid": "si", "step": "st", "relu": "r", "tanh": "t"}
            self.qtbot.keyClicks(combo, prefix[self.rng.choice(ACTIVATIONS)])

    def inspector_value(self) -> None:
        """Type a bias or a weight into the inspector's field (real keys, then Enter)."""
        selected = self.select_connection_or_neuron(0.5)
        if selected is None:
            return
        field = self.widget(QLineEdit, "weightField" if selected == "connection" else "biasField")
        self.qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
        self.qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        self.qtbot.keyClicks(field, self.rng.choice(EXPRESSIONS))
        self.qtbot.keyClick(field, Qt.Key.Key_Return)
        self.w.view.setFocus()

    def inspector_box(self) -> None:
        """Click the inspector's Output or lock check box."""
        selected = self.select_connection_or_neuron(0.3)
        if selected is None:
            return
        name = "weightLock" if selected == "connection" else self.rng.choice(["outputCheck", "outputCheck", "biasLock"])
        box = self.widget(QCheckBox, name)
        self.qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))

    def type_value(self) -> None:
        if self.rng.random() < 0.5 and self.net.connections:
            gui.double_click(self.w.view, self.line_point(self.some_connection()))
        elif node := self.some_node(neurons_only=True):
            self.show(node)
            gui.double_click(self.w.view, gui.node_pos(self.w, node))
        else:
            return
        if self.w.view.editor.line.isVisible():
            gui.type_into_editor(self.qtbot, self.w, self.rng.choice(EXPRESSIONS))
            if self.w.view.editor.line.isVisible():  # refused: the user gives up
                self.qtbot.keyClick(self.w.view.editor.line, Qt.Key.Key_Escape)

    def nudge(self) -> None:
        fine = Qt.KeyboardModifier.ShiftModifier if self.rng.random() < 0.3 else Qt.KeyboardModifier.NoModifier
        steps = self.rng.choice([-2, -1, 1, 3])
        if self.rng.random() < 0.5 and self.net.connections:
            gui.wheel(self.w.view, self.line_point(self.some_connection()), steps, fine)
        elif node := self.some_node(neurons_only=True):
            self.show(node)
            gui.wheel(self.w.view, gui.node_pos(self.w, node), steps, fine)

    def output(self) -> None:
        if node := self.some_node(neurons_only=True):
            self.select(node)
            self.w.actions["toggle_output"].trigger()

    def undo(self) -> None:
        self.w.actions["undo"].trigger()

    def redo(self) -> None:
        self.w.actions["redo"].trigger()

    def duplicate(self) -> None:
        if node := self.some_node():
            self.select(node)
            self.w.actions["duplicate"].trigger()

    def arrange(self) -> None:
        self.w.actions["arrange"].trigger()
        self.w.view.zoom_to_fit()

    def train(self) -> None:
        """A few training steps with the Training dock's Step button (one undo step per run)."""
        step = self.w.actions["train_step"]
        for _ in range(self.rng.randint(1, 3)):
            if step.isEnabled():
                step.trigger()
                self.trained += 1

    def save_and_reopen(self) -> None:
        if self.net.outputs and validate(self.net) == []:
            self.saves += 1
            target = self.folder / f"soak-{self.saves % 3}.json"
            original = QFileDialog.getSaveFileName
            QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(target), ""))
            try:
                self.w.actions["save_as"].trigger()
            finally:
                QFileDialog.getSaveFileName = original
            assert load(target) == self.net, "reopening the saved file gives another network"
            assert target.read_text(encoding="utf-8") == dumps(self.net)

    ACTIONS = {
        "add_input": 3,
        "add_neuron": 6,
        "delete": 4,
        "move": 6,
        "connect": 12,
        "activation": 4,
        "inspector_value": 5,
        "inspector_box": 4,
        "type_value": 8,
        "nudge": 8,
        "output": 3,
        "undo": 8,
        "redo": 4,
        "duplicate": 1,
        "arrange": 1,
        "train": 3,
        "save_and_reopen": 2,
    }

    def run(self, n: int) -> None:
        names = list(self.ACTIONS)
        weights = [self.ACTIONS[a] for a in names]
        for i in range(n):
            name = self.rng.choices(names, weights)[0]
            if len(self.net.neurons) + len(self.net.inputs) > 30 and name in ("add_input", "add_neuron", "duplicate"):
                name = "delete"
            getattr(self, name)()
            self.counts[name] += 1
            self.check(i, name)

    # ----------------------------------------------------------- invariants
    def check(self, i: int, action: str) -> None:
        net = self.net
        where = f"after action {i} ({action})"
        assert validate(net) == [], where
        scene = self.w.scene
        assert set(scene.node_items) == set(net.node_ids()), where
        for node_id, item in scene.node_items.items():
            assert (item.pos().x(), item.pos().y()) == tuple(net.node(node_id).position), where
        assert scene.connections.keys == list(net.connections), where
        assert scene.connections.weights.tolist() == [c.weight for c in net.connections.values()], where
        if action != "undo everything":
            self.changes += self.undo_discipline.check(where)


def _soak(qtbot, tmp_path, monkeypatch, n: int, seed: int) -> Soak:
    from designer.ui.mainwindow import MainWindow

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    discard_or_ok = {QMessageBox.Icon.Question: QMessageBox.StandardButton.Discard}
    monkeypatch.setattr(QMessageBox, "exec", lambda box: discard_or_ok.get(box.icon(), QMessageBox.StandardButton.Ok))
    initial = (EXAMPLES / "xor-step.json").read_text(encoding="utf-8")
    window = MainWindow(load(EXAMPLES / "xor-step.json"))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    window.view.zoom_to_fit()
    soak = Soak(qtbot, window, random.Random(seed), tmp_path)
    soak.run(n)
    while window.actions["undo"].isEnabled():
        window.actions["undo"].trigger()
    assert dumps(window.document.network) == initial, "undoing everything did not restore the initial file"
    soak.check(n, "undo everything")
    print(
        f"\nGUI soak: {n} actions (seed {seed}): {dict(soak.counts)}; {soak.saves} save+reopen, "
        f"{soak.trained} training steps, {soak.changes} actions changed the file"
    )
    window.document.undo_stack.setClean()
    return soak


def test_gui_soak_short(qtbot, tmp_path, monkeypatch):
    _soak(qtbot, tmp_path, monkeypatch, SHORT, seed=2026)


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("NN_DESIGNER_LONG") != "1", reason="long form: set NN_DESIGNER_LONG=1")
def test_gui_soak_long(qtbot, tmp_path, monkeypatch):
    _soak(qtbot, tmp_path, monkeypatch, LONG, seed=int(os.environ.get("NN_DESIGNER_SEED", "7")))
