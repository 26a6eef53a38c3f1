"""Start the app as ``nn-designer`` does and leave it one way; run by test_quit.py in a subprocess.

    python quit_driver.py SCENARIO [nn-designer arguments...]

The window is driven through ``window.actions`` (the same QActions as menus and shortcuts). Lines
on stdout tell the test how far it got: ``ready`` once the window is up (the signal scenarios wait
for it), ``asked`` when the unsaved-changes question is open. The exit code is the app's.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from designer.cli import main
from designer.ui.app import create_app
from designer.ui.mainwindow import MainWindow

POLL_MS = 20


def say(line: str) -> None:
    print(line, flush=True)


def main_window() -> MainWindow | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)


def when(condition, then, polls: int = 3000) -> None:
    """Call ``then`` once ``condition()`` is true, checking between events (gives up after ~60 s)."""
    if condition():
        then()
    elif polls > 0:
        QTimer.singleShot(POLL_MS, lambda: when(condition, then, polls - 1))
    else:
        say("gave up waiting")
        QApplication.exit(3)


def modify(window: MainWindow) -> None:
    window.actions["select_all"].trigger()
    window.actions["delete"].trigger()
    assert window.document.modified


def answer_discard() -> None:
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox), box
    say("asked")
    box.button(QMessageBox.StandardButton.Discard).click()


def copy_then_quit(window: MainWindow) -> None:
    window.actions["select_all"].trigger()
    window.actions["copy"].trigger()
    say(f"copied {len(QApplication.clipboard().text())} characters")
    window.actions["quit"].trigger()


def discard_then_quit(window: MainWindow) -> None:
    modify(window)
    when(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), answer_discard)
    window.actions["quit"].trigger()


def present_then_quit(window: MainWindow) -> None:
    window.actions["present"].trigger()
    when(lambda: window.isFullScreen(), lambda: (say("presenting"), window.actions["quit"].trigger()))


def shown(action) -> str:
    """An action's text as its menu entry shows it: without the "&" before its letter (&Pause)."""
    return action.text().replace("&", "")


def train_then_quit(window: MainWindow) -> None:
    play = window.actions["train_play"]
    training = window.live.training
    play.trigger()

    def quit_while_running() -> None:
        say(f"training ({shown(play)})")
        when(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), answer_discard)  # trained = changed
        window.actions["quit"].trigger()

    def trained() -> bool:
        """Running and some steps taken: the run lives in the session until Quit pauses and commits it
        (the document's weights change only then, or at the 30 s autosave)."""
        return shown(play) == "Pause" and training.steps >= 20

    when(trained, quit_while_running)


def wait_for_signal(window: MainWindow) -> None:
    say("ready")


def wait_for_signals_unsaved(window: MainWindow) -> None:
    modify(window)
    when(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), lambda: say("asked"))
    say("ready")


def wait_for_signal_at_the_restore_question(window: MainWindow) -> None:
    """``asked`` once the question has been open for 10 polls: several autosave periods when the
    test sets NN_DESIGNER_AUTOSAVE_MS to 50 (an autosave then must not touch the file on offer)."""
    polls = {"open": 0}

    def open_a_while() -> bool:
        polls["open"] += isinstance(QApplication.activeModalWidget(), QMessageBox)
        return polls["open"] >= 10

    when(open_a_while, lambda: say("asked"))


SCENARIOS = {
    "copy": copy_then_quit,
    "discard": discard_then_quit,
    "present": present_then_quit,
    "train": train_then_quit,
    "signal": wait_for_signal,
    "signal-unsaved": wait_for_signals_unsaved,
    "signal-restore": wait_for_signal_at_the_restore_question,
}

if __name__ == "__main__":
    scenario = SCENARIOS[sys.argv[1]]
    create_app()  # main() reuses it; timers need it now
    when(lambda: main_window() is not None, lambda: scenario(main_window()))
    sys.exit(main(sys.argv[2:]))
