"""The first-hour walkthrough (docs/walkthrough.md), driven like a user under Xvfb.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python scripts/walkthrough.py build-and
    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python scripts/walkthrough.py xor-relu
    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python scripts/walkthrough.py triangle
    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python scripts/walkthrough.py spiral
    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python scripts/walkthrough.py present-1080
    QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 3840x2160x24" .venv/bin/python scripts/walkthrough.py present-4k

Every step is an input event on the widget a person would use (QTest mouse and key events on the
canvas, menus, dialogs and docks of a real window on the X server), and every picture is saved
to docs/images/walkthrough/. What the app says (status bar, exercise verdict) is printed.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPointF, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QContextMenuEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QComboBox,
    QDialog,
    QMenu,
    QPushButton,
    QTabBar,
    QWidget,
)

from designer.exercises import load_exercise  # noqa: E402
from designer.ui.app import create_app, create_window, fit_to_screen, settle, show_exercise  # noqa: E402
from designer.ui.remembered import use_settings_folder  # noqa: E402
from tests.ui import gui  # noqa: E402

OUT = ROOT / "docs" / "images" / "walkthrough"
use_settings_folder(Path(tempfile.mkdtemp(prefix="nn-designer-walkthrough-")))  # a first start
os.environ["NN_DESIGNER_RECOVERY"] = str(Path(tempfile.mkdtemp()) / "recovery.json")
K = Qt.Key
LEFT = Qt.MouseButton.LeftButton


class Walk:
    def __init__(self) -> None:
        self.app = create_app()
        self.window = create_window(None)  # the XOR example and the XOR exercise, as `nn-designer` opens
        xor = load_exercise("xor")
        self.window.live.plots_built.connect(lambda: show_exercise(self.window, xor))
        fit_to_screen(self.window)
        self.window.show()
        self.window.activateWindow()
        QTimer.singleShot(0, lambda: settle(self.window))
        self.wait(1.5)  # the plots are built after the first paint
        self.view = self.window.view

    # ------------------------------------------------------------- plumbing
    def wait(self, seconds: float = 0.2) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.01)

    def shot(self, name: str, note: str = "") -> None:
        self.wait(0.4)
        OUT.mkdir(parents=True, exist_ok=True)
        self.window.grab().save(str(OUT / f"{name}.png"))
        status = self.window.statusBar().currentMessage()
        print(f"[{name}] {note} | status: {status}")

    def key(self, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier, widget: QWidget | None = None) -> None:
        if QApplication.activeWindow() is not self.window and QApplication.activeModalWidget() is None:
            self.window.activateWindow()  # after a dialog or a popup: a person clicks into the window first
            self.wait(0.2)
        QTest.keyClick(widget or self.view, key, modifier)
        self.wait(0.15)

    def type(self, text: str) -> None:
        """Into whatever has the keyboard focus (the value editor, a dialog field), then Enter."""
        editor = self.view.editor.line
        target = editor if editor.isVisible() else QApplication.focusWidget()
        if target is None:
            print(f"  (nothing to type {text!r} into: the double-click missed)")
            return
        QTest.keyClicks(target, text)
        QTest.keyClick(target, K.Key_Return)
        self.wait(0.15)

    def click(self, scene_pos: tuple[float, float], modifiers=Qt.KeyboardModifier.NoModifier) -> None:
        gui.click(self.view, scene_pos, modifiers)
        self.wait(0.15)

    def double_click(self, scene_pos) -> None:
        gui.double_click(self.view, scene_pos)
        self.wait(0.2)

    def drag(self, start, end) -> None:
        gui.drag(self.view, start, end, steps=8)
        self.wait(0.15)

    def port(self, node_id: str) -> QPointF:
        return gui.port_pos(self.window, node_id)

    def node(self, node_id: str) -> QPointF:
        return gui.node_pos(self.window, node_id)

    def line_point(self, source: str, target: str, t: float = 0.5) -> QPointF:
        a, b = self.node(source), self.node(target)
        return a + (b - a) * t

    def answer_next_dialog(self, choose) -> None:
        """Handle the next modal dialog when it appears (``choose(dialog)`` clicks in it)."""

        def poll() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                QTimer.singleShot(50, poll)
                return
            choose(dialog)

        QTimer.singleShot(50, poll)

    def press_button(self, dialog: QWidget, text: str) -> None:
        for button in dialog.findChildren(QPushButton):
            if button.text().replace("&", "") == text:
                QTest.mouseClick(button, LEFT)
                return
        raise RuntimeError(f"no button {text!r} in {dialog.windowTitle()!r}")

    def menu_click(self, menu: QMenu, *path: str) -> None:
        """Click through a (context) menu that is open: each entry by its text."""
        for i, text in enumerate(path):
            self.wait(0.2)
            action = next(a for a in menu.actions() if a.text().replace("&", "") == text)
            QTest.mouseClick(menu, LEFT, Qt.KeyboardModifier.NoModifier, menu.actionGeometry(action).center())
            self.wait(0.3)
            if i < len(path) - 1:
                menu = action.menu()
        self.window.activateWindow()  # the popup took the focus; a person's next click gives it back
        self.wait(0.2)

    def context_menu(self, scene_pos) -> QMenu:
        point = gui.to_viewport(self.view, scene_pos)
        viewport = self.view.viewport()
        QTest.mousePress(viewport, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, point)
        QTest.mouseRelease(viewport, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, point)
        # what the window system sends after a right click (QTest does not synthesise it)
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, viewport.mapToGlobal(point))
        QApplication.sendEvent(viewport, event)
        self.wait(0.4)
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu), "no context menu"
        return menu

    def exercise(self, title: str) -> None:
        """View ▸ Exercise, then one click on the exercise in the list (it is shown, not loaded)."""
        panel = self.window.exercise.panel
        if not self.window.exercise.isVisible():
            self.window.exercise.toggleViewAction().trigger()
        self.window.exercise.raise_()
        self.wait(0.3)
        browser = panel.browser
        item = next(
            browser.topLevelItem(g).child(c)
            for g in range(browser.topLevelItemCount())
            for c in range(browser.topLevelItem(g).childCount())
            if browser.topLevelItem(g).child(c).text(0).lstrip("✓ ") == title
        )
        browser.scrollToItem(item)
        rect = browser.visualItemRect(item)
        QTest.mouseClick(browser.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, rect.center())
        self.wait(0.3)

    def start_exercise(self) -> None:
        if self.window.document.modified:
            self.answer_next_dialog(lambda d: self.press_button(d, "Discard"))
        QTest.mouseClick(self.window.exercise.panel.start_button, LEFT)
        self.wait(0.5)

    def verdict(self) -> str:
        self.wait(0.6)
        panel = self.window.exercise.panel
        return panel.status.text().replace("<span style='color:", "").split("'>")[-1].replace("</span>", "")

    def dock_tab(self, title: str) -> None:
        """Click the tab of a tabbed dock (Training / Exercise) at the bottom of the left column."""
        for bar in self.window.findChildren(QTabBar):
            for i in range(bar.count()):
                if bar.tabText(i) == title and bar.isVisible():
                    QTest.mouseClick(bar, LEFT, Qt.KeyboardModifier.NoModifier, bar.tabRect(i).center())
                    self.wait(0.3)
                    return
        raise RuntimeError(f"no dock tab {title!r}")

    def choose(self, combo: QComboBox, text: str) -> None:
        """Click into a combo box and type the start of the entry (the keyboard search a person uses)."""
        QTest.mouseClick(combo, LEFT)
        self.wait(0.4)
        popup = combo.view()
        if popup.isVisible():  # the click opened the list: close it, the box keeps the focus
            QTest.keyClick(popup, K.Key_Escape)
            self.wait(0.2)
        QTest.keyClicks(combo, text)
        self.wait(0.4)
        print(f"  {combo.objectName()}: {combo.currentText()}")

    def new_empty(self) -> None:
        """File ▸ New ▸ Empty (Ctrl+N); unsaved changes are discarded."""
        if self.window.document.modified:
            self.answer_next_dialog(lambda d: self.press_button(d, "Discard"))
        self.key(K.Key_N, Qt.KeyboardModifier.ControlModifier, self.window)
        self.wait(0.3)

    def add_nodes(self, key: Qt.Key, *scene_pos: tuple[float, float]) -> None:
        """I or N, then a click on the canvas for each node (the tool stays on), then Esc."""
        self.view.setFocus()
        self.key(key)
        for pos in scene_pos:
            self.click(pos)
        self.key(K.Key_Escape)

    def connect(self, source: str, target: str) -> None:
        """Drag from the source's port onto the target."""
        self.drag(self.port(source), self.node(target))

    def set_weight(self, source: str, target: str, value: str, t: float = 0.5) -> None:
        self.double_click(self.line_point(source, target, t))
        self.type(value)

    def set_bias(self, neuron: str, value: str) -> None:
        self.double_click(self.node(neuron))
        self.type(value)

    def set_activation(self, neuron: str, name: str) -> None:
        self.menu_click(self.context_menu(self.node(neuron)), "Activation", name)

    def add_neuron_here(self, scene_pos: tuple[float, float], activation: str) -> None:
        self.menu_click(self.context_menu(scene_pos), "Add neuron here", activation)


# ---------------------------------------------------------------------- tasks
def build_and(w: Walk) -> None:
    w.shot("00-start", "first start: the XOR example and the XOR exercise")
    w.new_empty()
    w.shot("01-empty", "File ▸ New ▸ Empty")
    w.add_nodes(K.Key_I, (0, 0), (0, 120))
    w.add_nodes(K.Key_N, (220, 60))
    w.shot("02-nodes", "two inputs (I, click, click, Esc) and a neuron (N, click, Esc)")
    neuron = next(iter(w.window.document.network.neurons))
    inputs = list(w.window.document.network.inputs)
    for source in inputs:
        w.connect(source, neuron)
    w.set_bias(neuron, "-1.5")
    w.set_activation(neuron, "step")
    w.click(w.node(neuron))
    w.key(K.Key_O)  # mark as output
    w.view.zoom_to_fit()
    w.shot("03-and-built", "connected by dragging from the ports, bias −1.5 typed, step from the context menu, O")
    w.exercise("AND gate")
    w.shot("04-and-shown", "a click on AND gate shows it; the open network is not judged yet")
    QTest.mouseClick(w.window.exercise.panel.check_button, LEFT)
    w.shot("05-and-checked", f"Check my network: {w.verdict()}")


def start_with_room(w: Walk, title: str, picture: str, room: float) -> tuple:
    """Pick the exercise, Start, picture the starter, drag its output right to make room for a hidden column."""
    w.exercise(title)
    w.start_exercise()
    w.shot(picture, f"Start loads the starter: {w.verdict()}")
    net = w.window.document.network
    out = net.outputs[0]
    w.drag(w.node(out), w.node(out) + QPointF(room, 0))
    return net, out


def xor_relu(w: Walk) -> None:
    net, out = start_with_room(w, "XOR with ReLUs, exactly", "10-xor-relu-starter", 240)
    first, second = (w.node(n) for n in net.inputs)
    x = (first.x() + w.node(out).x()) / 2
    w.add_neuron_here((x, first.y() - 60), "relu")
    w.add_neuron_here((x, second.y() + 60), "relu")
    hidden = [n for n in w.window.document.network.neurons if n != out]
    for h in hidden:
        for source in list(net.inputs):
            w.connect(source, h)
        w.connect(h, out)
    w.set_bias(hidden[1], "-1")
    w.set_weight(hidden[1], out, "-2")
    w.view.zoom_to_fit()
    w.shot("11-xor-relu-solved", f"h1 = relu(x1 + x2), h2 = relu(x1 + x2 − 1), y = h1 − 2·h2: {w.verdict()}")


def triangle(w: Walk) -> None:
    net, out = start_with_room(w, "A triangle", "20-triangle-starter", 260)
    ox, oy = w.node(out).x(), w.node(out).y()
    for dy in (-120, 40, 200):
        w.add_neuron_here((ox - 200, oy + dy), "step")
    hidden = [n for n in w.window.document.network.neurons if n != out]
    edges = {hidden[0]: ("0", "1", "1.5"), hidden[1]: ("2", "-1", "2.5"), hidden[2]: ("-2", "-1", "2.5")}
    for h, (w1, w2, bias) in edges.items():
        for source, weight in zip(net.inputs, (w1, w2), strict=True):
            w.connect(source, h)
            w.set_weight(source, h, weight, 0.7)
        w.set_bias(h, bias)
        w.connect(h, out)
    w.set_bias(out, "-2.5")
    for source in list(net.inputs):  # the starter's direct lines (weight 0) are not needed
        w.click(w.line_point(source, out, 0.15))
        w.key(K.Key_Delete)
    w.view.zoom_to_fit()
    w.shot("21-triangle-solved", f"three half-planes and their AND: {w.verdict()}")


def spiral(w: Walk) -> None:
    w.new_empty()
    w.add_nodes(K.Key_I, (0, 0), (0, 120))

    def add_layer(count: int, activation: str) -> None:
        def fill(dialog: QDialog) -> None:
            QTest.keyClick(dialog.count, K.Key_A, Qt.KeyboardModifier.ControlModifier)
            QTest.keyClicks(dialog.count, str(count))
            QTest.keyClicks(dialog.activation, activation)  # keyboard search in the combo box
            w.press_button(dialog, "OK")

        w.answer_next_dialog(fill)
        w.key(K.Key_L, Qt.KeyboardModifier.ControlModifier, w.window)
        w.wait(0.4)

    add_layer(8, "tanh")
    add_layer(8, "tanh")
    add_layer(1, "sigmoid")
    out = list(w.window.document.network.neurons)[-1]
    w.click(w.node(out))
    w.key(K.Key_O)
    w.view.zoom_to_fit()
    w.shot("30-spiral-built", "2-8-8-1 from Add Layer (Ctrl+L three times), the last neuron marked as output")
    panel = w.window.live.panel
    w.dock_tab("Training")
    for combo, text in ((panel.dataset, "spiral"), (panel.loss, "cross_entropy"), (panel.optimizer, "adam")):
        w.choose(combo, text)
    w.shot("31-spiral-ready", "dataset spiral, cross-entropy, Adam (typed into the combo boxes)")
    w.key(K.Key_F8, widget=w.window)
    started = time.monotonic()
    training = w.window.live.training
    for seconds in (5, 10, 20):
        w.wait(seconds - (time.monotonic() - started))
        h = training.history
        progress = (
            f"epoch {training.epoch}, loss {h.last('train_loss'):.3f} (test {h.last('test_loss'):.3f}), "
            f"accuracy {h.last('train_acc'):.2f} (test {h.last('test_acc'):.2f}), {training.clock.steps} steps/frame"
        )
        w.shot(f"32-spiral-{seconds:02d}s", f"after {seconds} s of Play (auto speed): {progress}")
    w.key(K.Key_F8, widget=w.window)


def present(w: Walk, tag: str) -> None:
    w.window.showMaximized()
    w.wait(0.5)
    w.key(K.Key_F5, widget=w.window)
    screen = w.window.screen().geometry()
    if w.window.geometry() != screen:  # bare Xvfb has no window manager to honour "full screen"
        print(f"  full screen asked for, window {w.window.width()}×{w.window.height()}: given the screen's size")
        w.window.setGeometry(screen)
    w.wait(1.0)
    w.shot(f"40-present-{tag}-light-help", "F5: light theme, the keys for a moment")
    w.key(K.Key_T)
    w.shot(f"41-present-{tag}-dark", "T: the dark theme")
    w.key(K.Key_F)
    w.key(K.Key_PageDown)
    w.shot(f"42-present-{tag}-dark-forward", "F, then a clicker's PageDown: the forward pass, level 1")
    w.key(K.Key_F)
    w.key(K.Key_F)
    w.key(K.Key_D)
    w.key(K.Key_PageDown)
    w.shot(f"43-present-{tag}-dark-backward", "D and PageDown: the backward pass")
    w.key(K.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    w.key(K.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    w.key(K.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    w.key(K.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    w.shot(f"44-present-{tag}-dark-2x", "Ctrl+ four times: scale 2×")
    w.key(K.Key_B)
    w.shot(f"45-present-{tag}-blank", "B: blank")
    w.key(K.Key_B)
    w.key(K.Key_Escape, widget=w.window)
    w.shot(f"46-present-{tag}-left", "Esc: the window as it was")
    size = w.window.windowHandle().screen().geometry()
    print(f"screen {size.width()}×{size.height()} logical, device pixel ratio {w.window.devicePixelRatioF()}")


TASKS = {
    "build-and": build_and,
    "xor-relu": xor_relu,
    "triangle": triangle,
    "spiral": spiral,
    "present-1080": lambda w: present(w, "1080"),
    "present-4k": lambda w: present(w, "4k"),
}


def main() -> None:
    names = sys.argv[1:] or list(TASKS)
    walk = Walk()
    for name in names:
        TASKS[name](walk)
    walk.window.document.undo_stack.setClean()
    walk.window.close()


if __name__ == "__main__":
    main()
