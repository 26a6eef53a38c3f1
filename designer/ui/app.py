"""Application start-up and shut-down: QApplication, the main window, the network to open, the exit."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMessageLogContext, QTimer, QtMsgType, qFormatLogMessage, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from designer.engine.threads import limit_blas_threads
from designer.exercises import ChainRuleExercise, load_exercise
from designer.exercises.answers import answers_from_document, is_answers
from designer.exercises.catalog import drill_for_answers
from designer.exercises.exercise import EXERCISE_FORMAT, Exercise
from designer.lessons.lesson import LESSON_FORMAT
from designer.model import FormatError, load
from designer.model.fileformat import network_from_document, parse_json, read_file_bytes
from designer.model.safefile import naming_the_file
from designer.resources import damaged, resource_file
from designer.ui import recovery, recovery_offer
from designer.ui.exercise_parts import starter_network
from designer.ui.identity import DESKTOP_FILE, apply_identity
from designer.ui.lesson.start import LessonStart, start_lesson  # noqa: F401 (start_lesson: --lesson's opening)
from designer.ui.mainwindow import MainWindow
from designer.ui.quit_signals import QuitOnSignal
from designer.ui.safetext import plain_message
from designer.ui.settings_file import guard_settings
from designer.ui.unexpected import UnexpectedErrors

if TYPE_CHECKING:
    from designer.lessons import Lesson

DEFAULT_EXAMPLE = ("examples", "xor-step.json")


def create_app() -> QApplication:
    """The application with its identity (names, version, icon); reused if one exists.

    Its argv[0] becomes the X11 WM_CLASS instance: the same for ``nn-designer`` and ``python -m
    designer``, matching StartupWMClass in the shipped .desktop file.
    """
    quiet_platform_notes()
    app = QApplication.instance() or QApplication([DESKTOP_FILE])
    apply_identity(app)
    return app  # type: ignore[return-value]


#: Qt's notes that say nothing to a user: the offscreen platform (screenshots, scripts, CI) cannot
#: pass size hints to a window manager it does not have, and says so for every window.
HARMLESS_QT_NOTES = ("This plugin does not support propagateSizeHints()",)
_quiet_installed = False


def quiet_platform_notes() -> None:
    """Leave out :data:`HARMLESS_QT_NOTES` from Qt's messages; every other message goes on as before:
    to the handler that was installed (pytest-qt's, say), else to stderr formatted as Qt formats it
    (``QT_MESSAGE_PATTERN``, the category). Installed once; nothing is raised where stderr is closed."""
    global _quiet_installed
    if _quiet_installed:
        return
    _quiet_installed = True
    previous = None

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message in HARMLESS_QT_NOTES:
            return
        if previous is not None:
            previous(kind, context, message)
            return
        try:
            if sys.stderr is not None:
                sys.stderr.write(qFormatLogMessage(kind, context, message) + "\n")
        except (OSError, ValueError):
            pass  # stderr closed or gone: a note cannot be shown, and must not break what Qt was doing

    previous = qInstallMessageHandler(handler)


def create_window(path: str | None = None, document: object = None) -> MainWindow:
    """The main window on ``path`` (its JSON ``document`` when already read), or on the XOR example.
    Raises FormatError for unreadable files."""
    if path:
        network = load(path) if document is None else network_from_document(document)
        window = MainWindow(network, Path(path))
        window.files.remember_opened(Path(path))  # also a file manager's Open With (the menu entry's %f)
        return window
    example = resource_file(*DEFAULT_EXAMPLE)
    try:
        network = load(example)
    except FormatError as exc:
        raise damaged("/".join(DEFAULT_EXAMPLE), f"cannot be read ({exc})") from None
    return MainWindow(network, None)


def answers_to_open(path: str | None, document: object, exercise: Exercise | ChainRuleExercise | None) -> Path | None:
    """``path`` when its ``document`` is a chain-rule answers file whose drill can be opened (a built-in
    one, or ``exercise``, a teacher's drill given with ``--exercise``), as File ▸ Open and Open Recent
    open it; None for any other file. FormatError (one line) for answers that cannot be opened, before
    any window."""
    if not path or not is_answers(document):
        return None
    drill_for_answers(answers_from_document(document).exercise, exercise, "nn-designer --exercise FILE ANSWERS.json")
    return Path(path)


def open_answers(window: MainWindow, path: Path, exercise: Exercise | ChainRuleExercise | None) -> None:
    """``nn-designer ANSWERS.json``: the answers in their drill in the Exercise dock, as File ▸ Open does."""
    if exercise is not None:
        show_exercise(window, exercise)
    window.files.open_path(path)


def offer_recovery(window: MainWindow) -> int:
    """After a crash, offer the autosaved work every ended session left (designer/ui/recovery_offer.py).

    Autosave is paused while asking. A quit signal while a question is open closes it without an
    answer: that file and every one not yet asked about stay for the next start. The number of
    networks and drills' answers restored.
    """
    window.files.autosave.stop()
    try:
        return recovery_offer.offer_recovery(window)
    finally:
        window.files.autosave.start()


def after_restoring(window: MainWindow) -> None:
    """Restored work is what the window is about: the start's default exercise (XOR's truth table) is
    not shown beside it, and the network is fitted once the docks have their sizes."""
    in_lesson = window.lessons.is_open  # restored into its lesson: the step shows what it shows
    if not (in_lesson or window.exercise.solving or window.exercise.drilling):  # (restored answers: their drill)
        window.exercise.hide()
    QTimer.singleShot(0, lambda: settle(window))


def show_exercise(window: MainWindow, exercise: Exercise, asked: bool = True) -> None:
    """``exercise`` in the Exercise dock, shown and in front of its tabs. The start's default exercise
    (``asked`` False) leaves a restored layout as the user left it: a closed Exercise dock came back at
    every start, and in front of the Training panel the student had left in front; nor does it replace
    what the dock says of the exercise a network file names (solved, or how to get a teacher's back)."""
    if asked or not window.layout_restored:
        window.exercise.show()
        if not window.layout_restored:  # a restored layout keeps the docks where the user put them
            window.tabifyDockWidget(window.live.training_dock, window.exercise)
        window.exercise.raise_()  # the exercise tab on top
    panel = window.exercise.panel  # built now: a network saved from an exercise is solved at once
    names_its_own = bool(window.document.network.extras.get("exercise"))
    if not panel.solving and (asked or not names_its_own):
        panel.show_exercise(exercise)  # shown; Start loads it (solved at once if the network is its starter)


def run(
    path: str | None = None,
    exercise: str | None = None,
    *,
    lesson: Lesson | None = None,
    lesson_step: int = 0,
    step_asked: bool = False,
) -> int:
    """Open the app and return its exit code once it quits.

    Raises FormatError (one line, naming the file) for an unreadable network or exercise, and
    InstallationError when a shipped file is missing. The window is painted first; the exercise
    and the plots (pyqtgraph) follow a moment later. ``lesson`` (already loaded and checked by the
    command line) opens in the lesson player at ``lesson_step`` (0-based) instead of the exercise;
    ``step_asked``: that step was asked for (``--step``), and goes before the step restored work was on.
    A ``path`` that is an exercise or lesson file opens as ``exercise`` or ``lesson`` would (a file
    manager's Open With gives every file as FILE); a chain-rule answers file goes into its drill.
    """
    limit_blas_threads()  # BLAS threads must not fight the GUI thread for the cores
    app = create_app()
    settings_problem = guard_settings()  # before the first setting is read (a FIFO there: no start at all)
    try:
        document = parse_json(read_file_bytes(path)) if path else None
    except FormatError as exc:
        raise type(exc)(naming_the_file(path, exc)) from None
    if path and exercise is None and lesson is None:  # a teacher's file given as FILE (the menu entry's %f)
        kind = document.get("format") if isinstance(document, dict) else None
        if kind == EXERCISE_FORMAT:  # as --exercise FILE
            exercise, path, document = path, None, None
        elif kind == LESSON_FORMAT:  # as --lesson FILE
            from designer.lessons import load_lesson

            lesson, path, document = load_lesson(Path(path)), None, None
    chosen = load_exercise(exercise or "xor")  # its errors name the exercise
    try:
        answers = answers_to_open(path, document, chosen if exercise is not None else None)
        network_file = None if answers else path  # an answers file goes to its drill, beside the start's network
        with_starter = exercise is not None and network_file is None
        window = MainWindow(starter_network(chosen)) if with_starter else create_window(network_file, document)
    except FormatError as exc:
        raise type(exc)(naming_the_file(path, exc) if path else str(exc)) from None
    if not window.layout_restored:  # else the last run's geometry and docks came back
        fit_to_screen(window)
        window.live.plots_built.connect(window.size_right_column)
    training = window.document.network.training
    restored: list[bool] = []  # unsaved work of an ended session restored at start
    start: LessonStart | None = None
    if lesson is not None:  # opened once the plots are built and the restore question answered
        start = LessonStart(window, lesson, lesson_step, step_asked)
    elif answers is not None:  # the drill, shown first when it is a teacher's file, then its answers
        window.live.plots_built.connect(lambda: open_answers(window, answers, chosen if exercise else None))
    elif not (training is not None and training.views):  # a demo file says itself which views are open
        asked = exercise is not None
        # (restored lesson work may build the plots while it is asked about: the lesson picks the exercise)
        window.live.plots_built.connect(
            lambda: None if restored or window.lessons.is_open else show_exercise(window, chosen, asked)
        )
    window.show()
    if settings_problem:
        kept = "This run starts with the default settings and keeps none of its own."
        plain_message(window, "warning", "Settings not read", settings_problem, kept)
    QTimer.singleShot(0, lambda: settle(window))
    quit_on_signal = QuitOnSignal(window, lambda: keep_unsaved_work(window))
    unexpected = UnexpectedErrors(window, recovery.recovery_folder().parent)
    unexpected.install()
    try:
        if start is not None:
            start.question_opens()
        if offer_recovery(window) and exercise is None:
            restored.append(True)  # the plots may be built after the question: no start exercise then either
            after_restoring(window)
        if quit_on_signal.received:  # asked to quit while the restore question was open
            return 0
        if start is not None:
            start.question_answered()
        return app.exec()
    finally:
        unexpected.uninstall()
        quit_on_signal.uninstall()


def keep_unsaved_work(window: MainWindow) -> None:
    """Before quitting without asking: unsaved changes go to the recovery file (offered at the next start).

    Typed answers not saved go there too, and so do the networks a lesson keeps for its steps. A clean
    document leaves the recovery file alone: it may be the one being offered right now.
    """
    files = window.files
    if window.document.modified or files.unsaved_answers() or files.unsaved_lesson_work():
        files.write_recovery()


def settle(window: MainWindow) -> None:
    """Once the docks have their final sizes: fit the network into the canvas."""
    window.view.zoom_to_fit()


def fit_to_screen(window: MainWindow) -> None:
    """Open large enough for canvas and views side by side: 90 % of the screen, at most 1680×1050."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    # 90 % of the screen, at least 1000×680 where the screen has it, never more than it has (on a
    # 1024×600 netbook the window went up to y = -40, its menu bar off the screen)
    width = min(max(min(int(area.width() * 0.9), 1680), 1000), area.width())
    height = min(max(min(int(area.height() * 0.9), 1050), 680), area.height())
    window.resize(width, height)
    frame = window.frameGeometry().size() - window.size()  # a window manager's title bar and borders
    x = max(area.left(), area.center().x() - (width + frame.width()) // 2)
    y = max(area.top(), area.center().y() - (height + frame.height()) // 2)
    window.move(x, y)
