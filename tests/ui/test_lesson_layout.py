"""Closing a lesson gives back the docks the user had before it, on screen and on the next start
(a new user lost the Training, Regions and Loss docks for good after closing a lesson)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from designer.lessons import load_lesson
from designer.model import SetNodeField, load
from tests.conftest import EXAMPLES


def start(qtbot):
    """A new main window, as the app opens it (settings from this test's own folder)."""
    from designer.ui.mainwindow import MainWindow

    window = MainWindow(load(EXAMPLES / "xor-step.json"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def visible_docks(window) -> dict[str, bool]:
    return {
        "training": window.live.training_dock.isVisible(),
        "regions": window.live.region_dock.isVisible(),
        "curves": window.live.curves_dock.isVisible(),
        "math": window.exports.math_dock.isVisible(),
        "landscape": window.live.landscape_dock.isVisible(),
        "lesson": window.lessons.dock.isVisible(),
    }


def open_lesson_at_a_step_that_hides_the_users_docks(qtbot, window) -> None:
    """The shipped lesson's first step: regions and math, no Training dock, no loss curves."""
    window.lessons.open(load_lesson("neural-networks"))
    qtbot.wait(10)
    assert not window.live.training_dock.isVisible() and window.exports.math_dock.isVisible()


def test_closing_a_lesson_puts_the_docks_back(qtbot):
    w = start(qtbot)
    before = visible_docks(w)
    assert before["training"] and not before["math"] and not before["lesson"]
    open_lesson_at_a_step_that_hides_the_users_docks(qtbot, w)
    w.actions["lesson_close"].trigger()  # Help ▸ Lessons ▸ Close Lesson
    assert visible_docks(w) == before


def test_a_window_closed_during_a_lesson_starts_next_time_with_the_docks_from_before_it(qtbot):
    first = start(qtbot)
    before = visible_docks(first)
    open_lesson_at_a_step_that_hides_the_users_docks(qtbot, first)
    first.actions["quit"].trigger()
    assert not first.isVisible()
    second = start(qtbot)
    assert second.layout_restored and visible_docks(second) == before


def test_a_lesson_closed_while_presenting_gives_its_docks_back_when_the_presentation_ends(qtbot):
    w = start(qtbot)
    before = visible_docks(w)
    open_lesson_at_a_step_that_hides_the_users_docks(qtbot, w)
    w.actions["present"].trigger()
    qtbot.waitUntil(lambda: w.presentation.active)
    w.actions["lesson_close"].trigger()
    w.actions["present"].trigger()  # leave the stage
    assert not w.presentation.active
    QApplication.processEvents()  # the presentation puts the docks back once more, after a turn of events
    qtbot.wait(10)
    assert visible_docks(w) == before


def test_a_window_closed_while_presenting_starts_next_time_as_it_was_before_presenting(qtbot):
    first = start(qtbot)
    first.resize(720, 640)  # the docks keep it wider; Qt fits a restored window to the 800×800 screen
    qtbot.wait(10)
    before, height = visible_docks(first), first.height()
    first.actions["present"].trigger()
    qtbot.waitUntil(lambda: first.presentation.active)
    first.actions["quit"].trigger()
    second = start(qtbot)
    assert second.layout_restored and visible_docks(second) == before
    assert second.height() == height == 640 and not second.isFullScreen()  # not the full screen's 800


def test_each_step_starts_without_gradient_colouring_left_on_from_before(qtbot):
    """Step 1's perceptron was drawn in ∂L/∂w colours (all 0: its lines nearly invisible) when
    gradient flow had been on before the lesson opened."""
    w = start(qtbot)
    flow = w.live.actions["gradient_flow"]
    flow.trigger()
    assert flow.isChecked() and w.scene.connections.display_values is not None
    w.lessons.open(load_lesson("neural-networks"))
    assert not flow.isChecked() and w.scene.connections.display_values is None
    flow.trigger()  # the lecturer turns it on for this step…
    w.lessons.next()
    assert not flow.isChecked()  # …and the next step starts with what it names


def test_cancel_on_the_quit_question_while_presenting_keeps_the_presenter_on_the_stage(qtbot, dialogs):
    """Closing the window left the presentation first, so Cancel on "Save the changes?" landed in the
    window instead of on the stage."""
    from PySide6.QtWidgets import QMessageBox

    w = start(qtbot)
    w.document.push(SetNodeField(next(iter(w.document.network.neurons)), "bias", 0.75))  # unsaved work
    w.actions["present"].trigger()
    qtbot.waitUntil(lambda: w.presentation.active)
    dialogs.answer = QMessageBox.StandardButton.Cancel
    w.close()
    assert dialogs.shown[-1][1] == "Unsaved changes"
    assert w.isVisible() and w.presentation.active  # still presenting
    dialogs.answer = QMessageBox.StandardButton.Discard
    w.close()
    assert not w.isVisible() and not w.presentation.active


def test_on_a_1366_by_768_laptop_the_exercise_steps_tab_bar_covers_none_of_its_text(qtbot):
    """Lesson step 12 (Design AND) in a window whose Exercise dock is tabbed with Training (as the app
    starts): under X the split left the group's tab bar in the middle of the Exercise dock, over its
    text (seen under Xvfb; the offscreen platform lays the tab bar out elsewhere, so this test pins
    what it can: no tab bar over the dock, and a panel that scrolls where the window is low)."""
    from PySide6.QtWidgets import QTabBar

    w = start(qtbot)
    w.resize(1366, 768)
    w.live.build_plots()
    w.exercise.show()
    w.tabifyDockWidget(w.live.training_dock, w.exercise)  # as app.run shows the exercise
    w.lessons.open(load_lesson("neural-networks"), 11)
    dock = w.exercise
    qtbot.waitUntil(lambda: dock.isVisible() and dock.panel.isVisible(), timeout=5000)

    def bars_over_the_dock() -> list:
        shown = [b for b in w.findChildren(QTabBar) if b.parent() is w and b.isVisible() and b.count()]
        shown = [b for b in shown if b.geometry().intersects(w.rect())]  # Qt parks unused bars off the window
        return [b.geometry() for b in shown if b.geometry().intersects(dock.geometry())]

    qtbot.waitUntil(lambda: not bars_over_the_dock(), timeout=2000)
    assert not w.tabifiedDockWidgets(dock)  # split off its group, not left in it
    assert dock.widget().objectName() == "exerciseScroll"  # what does not fit scrolls
