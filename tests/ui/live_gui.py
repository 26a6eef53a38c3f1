"""Driving the live views like a user: clicks and hovers on the region plot, building small networks."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from designer.model import Connection, InputNode, Network, Neuron
from tests.ui import gui


def plot_point(region, x: float, y: float) -> QPoint:
    """Widget pixel of the plot viewport showing data coordinates (x, y)."""
    scene_pos = region.vb.mapViewToScene(QPointF(x, y))
    return region.plot.mapFromScene(scene_pos)


def plot_click(region, x: float, y: float, button=Qt.MouseButton.LeftButton) -> None:
    QTest.mouseClick(region.plot.viewport(), button, Qt.KeyboardModifier.NoModifier, plot_point(region, x, y))


def plot_hover(region, x: float, y: float) -> None:
    no = Qt.MouseButton.NoButton
    gui.send_mouse(region.plot, QEvent.Type.MouseMove, plot_point(region, x, y), no, no)


def mlp(sizes: list[int], hidden: str = "sigmoid", output: str = "sigmoid", weight: float = 0.5) -> Network:
    """A fully connected network laid out in columns, weights alternating ±weight."""
    net = Network(name="mlp")
    previous: list[str] = []
    for i in range(sizes[0]):
        node_id = f"x{i + 1}"
        net.inputs[node_id] = InputNode(node_id, position=(0.0, 120.0 * i))
        previous.append(node_id)
    for depth, count in enumerate(sizes[1:], start=1):
        last = depth == len(sizes) - 1
        layer = []
        for j in range(count):
            node_id = ("y" if count == 1 else f"y{j + 1}") if last else f"h{depth}_{j + 1}"
            net.neurons[node_id] = Neuron(node_id, output if last else hidden, 0.0, position=(220.0 * depth, 120.0 * j))
            for k, source in enumerate(previous):
                sign = 1 if (j + k) % 2 == 0 else -1
                net.connections[(source, node_id)] = Connection(source, node_id, sign * weight)
            layer.append(node_id)
        previous = layer
    net.outputs = previous
    return net


def one_linear_neuron() -> Network:
    """x → y, one linear neuron with weight 1: at learning rate 10 on "square" with SSE it diverges."""
    net = Network(name="linear")
    net.inputs["x"] = InputNode("x")
    net.neurons["y"] = Neuron("y", "linear", 0.0, position=(220.0, 0.0))
    net.connections[("x", "y")] = Connection("x", "y", 1.0)
    net.outputs = ["y"]
    return net


def shown_window(qtbot, network: Network):
    """A main window on ``network`` as the app shows it: its own size, nothing else set up."""
    from designer.ui.mainwindow import MainWindow

    window = MainWindow(network)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def open_window(qtbot, network: Network):
    from designer.ui.mainwindow import MainWindow

    window = MainWindow(network)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # keyboard shortcuts (arrow keys) go to the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    window.view.zoom_to_fit()
    window.live.session.flush()
    return window


def choose(combo, data) -> None:
    """Pick an entry of a combo box like a user (the ``activated`` signal fires)."""
    i = combo.findData(data)
    if i < 0:
        i = combo.findText(str(data))
    combo.setCurrentIndex(i)
    combo.activated.emit(i)


def map_pixels(maps, node_id: str):
    """One node's thumbnail as ARGB words (rows top to bottom), read from the maps' atlas."""
    i = maps.ids.index(node_id)
    _, h = maps.cell
    return maps.atlas[i * h : (i + 1) * h]


def visible_scene_rect(view):
    """The part of the scene the canvas shows."""
    return view.mapToScene(view.viewport().rect()).boundingRect()


def probe_output(session):
    """The network's outputs at the probe point, from the session's probe values."""
    import numpy as np

    return session.compiled.network_output(session.probe_a[:, None].astype(np.float32))[:, 0].astype(float)


def set_shown(dialog, key: str, on: bool) -> None:
    """Tick or untick an entry of the presentation setup's "what stays visible" list."""
    from PySide6.QtCore import Qt

    dialog.items[key].setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def sized_window(qtbot, network: Network, size: tuple[int, int]):
    """A window on ``network`` with its live plots built, once it has ``size`` (a resize arrives later)."""
    window = open_window(qtbot, network)
    window.live.build_plots()
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
    return window


def shown_text(label) -> str:
    """What a rich-text label reads as (markup gone, non-breaking spaces as spaces)."""
    from PySide6.QtGui import QTextDocumentFragment

    return QTextDocumentFragment.fromHtml(label.text()).toPlainText().replace("\xa0", " ")


def present_shipped_lesson(qtbot, window) -> None:
    """The shipped lesson opened from the Lesson menu at its first step, then F5 (presenting)."""
    from PySide6.QtCore import Qt

    window.live.build_plots()
    menu = window.lessons.menu
    menu.aboutToShow.emit()
    next(a for a in menu.actions() if a.objectName() == "lesson:neural-networks").trigger()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.presentation.active
