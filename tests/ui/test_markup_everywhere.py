"""Text from files is text in every widget of the window, not only in dialogs.

A network whose ids and labels are markup (an image tag pointing at a real 500×500 picture, a
fake verdict with a link) is opened, every view is shown and driven (inspector, region map and
legend, neuron maps, probe, exercise panel with a teacher's exercise file of markup, a CSV whose
header is markup, presentation mode, tooltips, a lesson), and then every text sink is inspected:

- a QLabel either shows plain text, or its rich text holds the markup only escaped;
- tooltips and pyqtgraph's labels (axis labels, legend entries, plot titles: HTML) hold it escaped;
- no label grew to show the picture.
"""

from __future__ import annotations

import json

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QLabel, QToolTip, QTreeWidget, QWidget

from designer.model import Connection, InputNode, Network, Neuron, dumps
from tests.conftest import RESOURCES

IMG = '<img src="{picture}">'
VERDICT = '<h1>PASSED</h1><a href="https://attacker.invalid/">your grade</a>'
RAW = ("<img", "<h1>", "<a href")


@pytest.fixture
def picture(tmp_path):
    path = tmp_path / "big.png"
    image = QImage(500, 500, QImage.Format.Format_ARGB32)
    image.fill(QColor("red"))
    image.save(str(path))
    return path


def hostile_network(picture) -> Network:
    img = IMG.format(picture=picture)
    net = Network(name=VERDICT)
    net.inputs["x1"] = InputNode("x1", label=img, position=(0.0, 0.0))
    net.inputs["x2"] = InputNode("x2", label=VERDICT, position=(0.0, 120.0))
    hidden = "<b>h</b>"
    net.neurons[hidden] = Neuron(hidden, "sigmoid", 0.5, label=img, position=(220.0, 60.0))
    net.neurons["y"] = Neuron("y", "sigmoid", -0.5, label=VERDICT, position=(440.0, 60.0))
    for key in (("x1", hidden), ("x2", hidden), (hidden, "y"), ("x1", "y")):
        net.connections[key] = Connection(*key, 1.0)
    net.outputs = ["y"]
    return net


def markup_exercise(tmp_path, picture) -> str:
    doc = json.loads((RESOURCES / "exercises" / "and.json").read_text(encoding="utf-8"))
    doc["title"] = VERDICT
    doc["prompt"] = f"Design it. {IMG.format(picture=picture)}"
    doc["hints"] = [VERDICT, IMG.format(picture=picture)]
    path = tmp_path / "markup-exercise.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


def leaks(text: str) -> bool:
    return any(marker in text for marker in RAW)


def rich_label_leaks(window: QWidget) -> list[str]:
    found = []
    for label in window.findChildren(QLabel):
        if label.textFormat() != Qt.TextFormat.PlainText and leaks(label.text()):
            found.append(f"{label.objectName() or type(label.parent()).__name__}: {label.text()[:80]}")
        if label.sizeHint().height() >= 500:
            found.append(f"{label.objectName()}: grew to {label.sizeHint()} (a picture was loaded)")
    return found


def tooltip_leaks(window: QWidget) -> list[str]:
    found = [w.objectName() for w in window.findChildren(QWidget) if leaks(w.toolTip())]
    for tree in window.findChildren(QTreeWidget):
        for i in range(tree.topLevelItemCount()):
            top = tree.topLevelItem(i)
            for j in range(top.childCount()):
                if leaks(top.child(j).toolTip(0)):
                    found.append(f"tree item {top.child(j).text(0)}")
    return found


def plot_leaks(window: QWidget) -> list[str]:
    found = []
    for view in window.findChildren(pg.GraphicsView):
        for item in view.scene().items():
            if isinstance(item, pg.AxisItem) and leaks(item.labelText or ""):
                found.append(f"axis label {item.labelText[:60]}")
            if isinstance(item, pg.LabelItem) and leaks(item.text or ""):
                found.append(f"plot label {item.text[:60]}")
    return found


def test_every_text_sink_shows_file_text_literally(qtbot, tmp_path, picture, dialogs, monkeypatch):
    from designer.ui.mainwindow import MainWindow

    tips: list[str] = []
    monkeypatch.setattr(QToolTip, "showText", lambda pos, text, *a, **k: tips.append(text))
    window = MainWindow(hostile_network(picture))
    qtbot.addWidget(window)
    window.resize(1500, 950)
    window.show()
    qtbot.waitExposed(window)
    live = window.live
    live.build_plots()
    window.session.flush()
    # the inspector on every node and a connection; hovering nodes (tooltips, the region map follows)
    for node_id in list(window.document.network.node_ids()):
        window.scene.select_nodes([node_id])
        window.inspector.current = node_id
        window.inspector.refresh()
        live._hovered(node_id)
        item = window.scene.node_items[node_id]
        pos = window.view.mapFromScene(item.scenePos())
        event = QHelpEvent(QEvent.Type.ToolTip, pos, window.view.viewport().mapToGlobal(pos))
        QApplication.sendEvent(window.view.viewport(), event)
    window.scene.select_connection(("x1", "<b>h</b>"))
    window.inspector.current = ("x1", "<b>h</b>")
    window.inspector.refresh()
    live._hovered("")
    # a refused edit quotes an id in the status bar (and presentation mode shows status messages)
    window.actions["present"].setChecked(True)
    window.editing.toggle_output(["x1"])
    window.document.push(_connect_into_input())
    # a teacher's exercise file and a CSV whose header is markup
    window.exercise.show()
    window.exercise.panel.open_exercise(markup_exercise(tmp_path, picture))
    window.exercise.panel.next_hint()
    window.exercise.panel.next_hint()
    csv = tmp_path / "data.csv"
    csv.write_text(f"{VERDICT},x2,y\n0,0,0\n", encoding="utf-8")
    live.panel.load_csv(csv)
    window.exports.math_dock.show()
    window.exports.math_dock.refresh()
    QApplication.processEvents()
    window.actions["present"].setChecked(False)
    QApplication.processEvents()
    problems = rich_label_leaks(window) + tooltip_leaks(window) + plot_leaks(window)
    problems += [f"tooltip: {t[:60]}" for t in tips if leaks(t)]
    assert tips, "no tooltip was asked for: the test did not reach the canvas's tooltips"
    assert problems == []
    assert any(VERDICT in label.text() for label in window.findChildren(QLabel)), "the text is still shown"


def _connect_into_input():
    from designer.model import AddConnection

    return AddConnection(Connection("y", "x2", 1.0))  # refused: names input 'x2' in the reason


def test_a_lesson_whose_text_is_markup_shows_it_literally(qtbot, tmp_path, picture, dialogs):
    from designer.lessons import load_lesson
    from designer.ui.mainwindow import MainWindow

    lesson = {
        "format": "nn-designer-lesson",
        "version": 1,
        "id": "markup",
        "title": VERDICT,
        "steps": [
            {
                "title": IMG.format(picture=picture),
                "text": f"{VERDICT} {IMG.format(picture=picture)}",
                "network": "xor-step",
            }
        ],
    }
    path = tmp_path / "markup.json"
    path.write_text(json.dumps(lesson), encoding="utf-8")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.lessons.open(load_lesson(str(path)))
    QApplication.processEvents()
    assert rich_label_leaks(window) == [] and tooltip_leaks(window) == []


def test_saving_this_network_keeps_its_text(tmp_path, picture):
    text = dumps(hostile_network(picture))
    assert VERDICT.replace('"', '\\"') in text
