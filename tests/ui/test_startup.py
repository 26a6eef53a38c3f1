"""The window paints first; the plots (pyqtgraph) and the exercise panel follow right after."""

import os
import subprocess
import sys

from tests.conftest import ROOT


def test_the_gui_modules_do_not_import_pyqtgraph():
    code = "import sys, designer.ui.app; print('pyqtgraph' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


FIRST_PAINT = """
import os, sys
from PySide6.QtCore import QEvent, QObject
from designer.ui.app import create_app, create_window
app = create_app()
window = create_window()
class First(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj is window.view.viewport():
            later = ("designer.ui.figures", "PySide6.QtSvg", "xml.etree.ElementTree")
            print(" ".join(m for m in later if m in sys.modules))
            os._exit(0)
        return False
first = First()
app.installEventFilter(first)
window.show()
app.exec()
"""


def test_the_figure_export_loads_after_the_first_paint():
    """File ▸ Export's figures (QtSvg, the SVG text and strokes rewriting, ElementTree: 11 modules) were
    imported with the window; they load when a figure is first exported."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", FIRST_PAINT], capture_output=True, text=True, cwd=ROOT, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_plots_are_built_after_the_canvas_is_first_painted(qtbot):
    from designer.ui.mainwindow import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    assert window.live._region is None and window.exercise._panel is None
    with qtbot.waitSignal(window.live.plots_built, timeout=5000):
        window.show()
    assert window.live.region_dock.widget() is window.live.region
    assert window.live.curves_dock.widget() is window.live.curves


def test_asking_for_a_plot_before_the_first_paint_builds_it_at_once(qtbot):
    from designer.ui.mainwindow import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    region = window.live.region  # e.g. a test, an export or the exercise marks
    assert window.live.region_dock.widget() is region and window.live.curves is not None


def test_the_app_start_shows_the_exercise_once_the_window_is_painted(qtbot, app_windows):
    from designer.ui import app as app_module

    assert app_module.run(exercise="and") == 0
    window = app_windows[0]
    assert window.exercise._panel is None  # nothing built before the first paint
    qtbot.waitUntil(lambda: window.exercise._panel is not None and window.exercise.panel.exercise is not None)
    assert window.exercise.panel.exercise.id == "and"
    assert window.document.network.extras["exercise"] == "and"  # started on its starter network


def test_at_a_first_start_the_inspector_has_room_for_a_neurons_weights(qtbot, app_windows):
    """Decision Regions is filled in after the first paint; the Inspector above it keeps about two
    fifths of the height (it scrolls, so it could be squeezed to its title)."""
    from designer.resources import resource_file
    from designer.ui import app as app_module

    assert app_module.run(str(resource_file("examples", "xor-step.json"))) == 0
    window = app_windows[0]
    qtbot.waitUntil(lambda: window.live._region is not None)
    qtbot.waitUntil(lambda: window.inspector_dock.height() >= 0.35 * window.height())
    assert window.live.region_dock.height() >= 0.4 * window.height()


def test_the_app_starts_on_a_chain_rule_drill_given_with_exercise(qtbot, app_windows):
    """`nn-designer --exercise chain-2-2-1-sigmoid` stopped with "internal error (AttributeError:
    'ChainRuleExercise' object has no attribute 'starter')": a drill starts on its own network."""
    from designer.ui import app as app_module

    assert app_module.run(exercise="chain-2-2-1-sigmoid") == 0
    window = app_windows[0]
    qtbot.waitUntil(lambda: window.exercise._panel is not None and window.exercise.panel.shown_id is not None)
    panel = window.exercise.panel
    assert panel.shown_id == "chain-2-2-1-sigmoid" and panel.chain_mode
    assert window.document.network.extras["exercise"] == "chain-2-2-1-sigmoid"
    assert set(window.document.network.neurons) == set(panel.chain.exercise.network.neurons)


def test_the_start_finds_the_panels_among_the_windows_own_children(qtbot, monkeypatch):
    """The window's panels are its own children: a search through all its widgets (some 700 objects,
    1.5 ms each) ran 17 times from the window's construction to its first paint (26 ms of a launch's
    0.43 s CPU)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDockWidget, QMainWindow

    from designer.ui.dock_list import dock_widgets
    from designer.ui.mainwindow import MainWindow

    searches = []

    def find_children(self, kind, *args, **kwargs):
        recursive = kwargs.get("options", Qt.FindChildOption.FindChildrenRecursively)
        searches.append((kind, recursive == Qt.FindChildOption.FindChildrenRecursively))
        return QMainWindow.findChildren(self, kind, *args, **kwargs)

    monkeypatch.setattr(MainWindow, "findChildren", find_children)
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.live.plots_built, timeout=5000):
        window.show()
    assert (QDockWidget, False) in searches  # (the panels were looked for)
    assert (QDockWidget, True) not in searches
    assert dock_widgets(window) == QMainWindow.findChildren(window, QDockWidget)  # none is further down
