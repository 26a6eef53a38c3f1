"""The Exercise dock: browse the lecture's problems, read the prompt, see the design checked live.

The check is the same function as ``nn-designer check`` (``designer.exercises.check``), run
a moment after each edit (``exercise_check.py``); solved exercises are remembered in the settings.
The buttons on a design exercise are ``exercise_actions.py``'s. Both are the panel's base classes;
this module chooses and shows the exercise (a design, or chain-rule practice).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from designer.exercises import ChainRuleExercise, load_exercise
from designer.exercises.answers import Answers, AnswersResult
from designer.exercises.catalog import BUILTIN_IDS, drill_for_answers
from designer.exercises.checker import CheckResult
from designer.exercises.data import drill_data, exercise_data
from designer.exercises.exercise import Exercise, ExerciseError
from designer.formatting import isolated, without_overrides
from designer.lessons.markup import to_html
from designer.model import FormatError
from designer.model.events import once_per_action
from designer.ui.chainrule_panel import ChainRulePanel
from designer.ui.exercise_actions import DesignActions
from designer.ui.exercise_actions import solutions_allowed as solutions_allowed  # re-exported: imported from here
from designer.ui.exercise_browser import (
    NO_EXERCISE,
    TEACHERS_FILE,
    ExerciseBrowser,
    browser_key,
    is_solved,
    mark_solved,
)
from designer.ui.exercise_check import SOLVED, DesignCheck
from designer.ui.exercise_design_page import DesignPage
from designer.ui.exercise_layout import BrowserAndPage, CurrentPage
from designer.ui.exercise_marks import RegionMarks
from designer.ui.safetext import label_in_text, markup, plain_message, wrappable

CHECK_DELAY_MS = 60
#: letters of a title's word without a space before it may wrap (its heading's bold 1.2× letters)
TITLE_RUN = 12


#: The Exercise dock of a network saved from a teacher's exercise file (its id names no built-in one):
#: the student is told how to get the exercise back instead of seeing "No exercise" without a word.
SAVED_FROM_A_FILE = (
    "This network was saved from the exercise <b>{}</b>, which is not built in: open its file with "
    "<i>File ▸ Open Exercise…</i> to check this network against it again."
)


NO_EXERCISE_PROMPT = "Pick an exercise above to read it; Start loads its starter network."
#: a lesson hides the list "above": a network opened in an exercise step (File ▸ Open) is checked against nothing
NO_EXERCISE_IN_LESSON = (
    "No exercise is checked on this network. Reset this step brings back the step's network and its check."
)


class ExercisePanel(DesignActions, DesignCheck, QWidget):
    """The dock's content.

    An exercise is *shown* (a click in the list: prompt, target, hints) or *being solved* (after
    Start, or when the open network was saved from it): only then is the network checked live,
    are its mistakes marked (dock, Decision Regions, "Solved" in the status bar) and do the live
    views show the exercise's own points. Those marks belong to that exercise and that network:
    another network (File ▸ New/Open), another dataset or "No exercise" clears them.

    ``files`` asks before replacing unsaved work; ``session`` holds the data the live views show;
    ``region()`` gives the Decision Regions view where wrong points are circled; ``fit`` frames
    the canvas after a new network; ``report`` and ``status_bar`` are the window's status line.
    """

    solving_started = Signal()  # an exercise is being solved now (Start, or a file saved from one)
    exercise_missing = Signal()  # a file saved from a teacher's exercise file: the dock says how to get it back

    def __init__(self, document, files, session, region, fit, report, status_bar) -> None:
        super().__init__()
        self.document = document
        self.files = files
        self.session = session
        self.region = region
        self.fit = fit
        self.report = report
        self.status_bar = status_bar
        self.exercise: Exercise | None = None
        self.solving = False  # the open network is this exercise's: checked live, marks shown
        self.result: CheckResult | None = None
        self.hints_shown = 0
        #: a pass counts as solved only after the student's own edits, never after "Show a solution"
        self.solution_revealed = False
        self.marks = RegionMarks(region)  # wrong points circled on Decision Regions
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.run_check)
        self._build()
        self.fill_browser()
        document.network.events.subscribe(once_per_action(lambda: self.solving and self._timer.start()))
        session.data_changed.connect(self._data_changed)
        # recompiled or other inputs plotted: the circles follow the axes (a check run before the
        # recompile drew a 2-input exercise's points at (x₁, x₁), the old 1-input network's axes)
        session.structure_changed.connect(self._mark_on_region)

    # ------------------------------------------------------------------ build
    def _build(self) -> None:
        self.browser = ExerciseBrowser()
        self.browser.currentItemChanged.connect(self._clicked)
        self.browser.itemActivated.connect(self._activated)
        page = DesignPage()
        self.title, self.prompt, self.status, self.hints = page.title, page.prompt, page.status, page.hints
        self.reasons, self.picture = page.reasons, page.picture
        self.start_button, self.check_button = page.start_button, page.check_button
        self.hint_button, self.solution_button = page.hint_button, page.solution_button
        self.start_button.clicked.connect(self.start)
        self.check_button.clicked.connect(self.check_open_network)
        self.hint_button.clicked.connect(self.next_hint)
        self.solution_button.clicked.connect(self.show_solution)
        self.detail = page
        self.chain = ChainRulePanel(self.document, self.files, self.fit, self.report)
        self.chain.checked.connect(self._chain_checked)
        self.chain_mode = False  # chain-rule practice on show instead of a design's check
        self.pages = CurrentPage()  # a network design's check, or chain-rule practice
        self.pages.addWidget(page)
        self.pages.addWidget(self.chain)
        split = BrowserAndPage(self.browser, self.pages)
        split.setSizes([160, 600])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(split)
        self._show_nothing()

    def _set_enabled(self, on: bool) -> None:
        for b in (self.start_button, self.hint_button, self.solution_button):
            b.setEnabled(on)
        self.check_button.setEnabled(on and not self.solving)
        self.detail.show_checking(on and self.solving)

    def _chain_checked(self, result: AnswersResult) -> None:
        """A drill answered all right gets its ✓ in the list, as a solved design does."""
        drill = self.chain.exercise
        if result.passed and drill is not None and not self.chain.answers_shown and not is_solved(drill):
            mark_solved(drill)
            self.fill_browser()
            self.report(f"{SOLVED}: {drill.title}!")

    def fill_browser(self) -> None:
        self.browser.fill(self.shown_key)

    def _select_in_browser(self) -> None:
        self.browser.add_opened(self._shown())  # a teacher's file gets its entry, to come back to
        self.browser.select(self.shown_key)

    def _shown(self) -> Exercise | ChainRuleExercise | None:
        if self.chain_mode and self.chain.exercise is not None:
            return self.chain.exercise
        return self.exercise

    @property
    def shown_key(self) -> str:
        """The browser's entry of the exercise on show (a teacher's file by its path: its id may be any)."""
        return browser_key(self._shown())

    @property
    def shown_id(self) -> str | None:
        """The id of the exercise on show: a design's, or the chain-rule drill's."""
        if self.chain_mode and self.chain.exercise is not None:
            return self.chain.exercise.id
        return self.exercise.id if self.exercise is not None else None

    # ---------------------------------------------------------- choosing
    def _clicked(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None = None) -> None:
        exercise_id = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        leaving = exercise_id is not None and exercise_id != self.shown_key
        if leaving and self.chain_mode and not self.chain.confirm_discard():
            QTimer.singleShot(0, self._select_in_browser)  # Cancel: the drill and its entries stay
            return
        if exercise_id == NO_EXERCISE:
            self.clear_exercise()
        elif exercise_id and exercise_id != self.shown_key:
            # a teacher's file is read again: edited since, it shows as it is now
            if not self.open_exercise(exercise_id.removeprefix(TEACHERS_FILE)):
                QTimer.singleShot(0, self._select_in_browser)  # gone or broken: the one on show stays chosen

    def _activated(self, item: QTreeWidgetItem) -> None:
        """Double-click or Enter: show it and load its starter (asking first about unsaved work); a drill's
        first open answer field takes the typing (Enter on a drill did nothing)."""
        self._clicked(item)
        if self.chain_mode:
            self.chain.focus_first_open()
        elif self.exercise is not None and not self.solving:
            self.start()

    def open_exercise(self, id_or_path: str) -> bool:
        """Show an exercise (a built-in id or a teacher's file); Start loads it."""
        try:
            exercise = load_exercise(id_or_path)
        except FormatError as exc:
            plain_message(self, "warning", "Cannot open exercise", str(exc))
            return False
        self.show_exercise(exercise)
        return True

    def show_exercise(self, exercise: Exercise | ChainRuleExercise) -> None:
        """Prompt, target and hints of ``exercise``; it is solved on the open network only if that
        network was saved from it, otherwise Start loads its starter. Chain-rule practice shows at once.

        Reading a prompt changes nothing of the open network's experiment: the map keeps its points
        (changing them made a saved file "unsaved", and its Save wrote this exercise's data into it)."""
        if isinstance(exercise, ChainRuleExercise) or self._belongs_to(exercise):
            self.set_exercise(exercise)
            return
        self._clear_marks()
        self.solving = False
        self._present(exercise)
        self.status.setText(
            "Press Start to load its starter network, or Check my network to check the one that is open."
        )
        self.reasons.hide()
        self.report(f"Exercise: {isolated(exercise.title)}. Press Start to load its starter network.")

    def set_exercise(self, exercise: Exercise | ChainRuleExercise, own_data: bool = True) -> None:
        """Solve ``exercise`` on the open network: check it live, mark its mistakes and (``own_data``;
        a lesson step brings its own data) show the exercise's points. Chain-rule practice replaces it all."""
        if isinstance(exercise, ChainRuleExercise):
            self._set_chain_rule(exercise, own_data)
            return
        self._clear_marks()
        self.solving = True
        self._present(exercise)
        if own_data:
            self.session.show_exercise(lambda network: exercise_data(exercise, network))
        self.run_check()
        self.solving_started.emit()

    def _leave_drill(self) -> None:
        """No drill on show: its answers were saved or discarded (Quit and a crash have none to offer)."""
        self.chain.exercise = None
        self.chain_mode = False
        self.files.autosave_answers()

    def _present(self, exercise: Exercise) -> None:
        self._leave_drill()
        self.pages.setCurrentWidget(self.detail)
        self.exercise = exercise
        self.hints_shown = 0
        self.solution_revealed = False
        # a U+202E in a file reverses nothing after it; a long word wraps (one of 190 letters made the
        # page as wide as the word and cut the verdict and the picture at the dock's edge), in runs short
        # enough for the heading's larger bold letters in the narrowest dock (220 px)
        self.title.setText(wrappable(isolated(exercise.title), TITLE_RUN))
        self.prompt.setText(to_html(without_overrides(exercise.prompt)))
        self.hints.setText("")
        self.picture.show_exercise(exercise)
        self.picture.table.setAccessibleDescription("")  # not checked (yet): no verdict
        self._set_enabled(True)
        self.hint_button.setEnabled(bool(exercise.hints))
        allowed = solutions_allowed(exercise) and bool(exercise.solutions)
        self.solution_button.setEnabled(allowed)
        self.solution_button.setToolTip("" if allowed else "Solutions are hidden for this exercise (exam mode).")
        self._select_in_browser()

    def _set_chain_rule(self, exercise: ChainRuleExercise, own_data: bool = True) -> None:
        """Chain-rule practice replaces the design check: no live check of the network, no marks. On the
        drill's own network the views show its sample (``own_data``; a lesson step brings its own data)."""
        self.clear_exercise(quiet=True, keep_data=True)  # a drill reads no data: the map keeps the network's
        self.chain.set_exercise(exercise)
        self.chain_mode = True
        if own_data and self.document.network.extras.get("exercise") == exercise.id:
            self._show_drill_data()  # its own network (a file saved from it): its sample, as Load gives
        if self.pages.indexOf(self.chain) >= 0:  # else it is on a lesson's presentation stage
            self.pages.setCurrentWidget(self.chain)
        self._select_in_browser()
        self.report(f"Exercise: {isolated(exercise.title)}. Type each derivative; every entry is checked as you type.")

    def _show_drill_data(self) -> None:
        """The drill's network came with "Load its network": the views show its sample (not the points
        of the exercise solved before, nor an unrelated dataset)."""
        drill = self.chain.exercise
        if drill is not None:
            self.session.show_exercise(lambda network: drill_data(drill, network), objective=drill.loss)

    def open_answers(self, path: Path | None, answers: Answers) -> str | None:
        """A saved answers file back in its drill, to go on with it: None when done, else why not
        ("" when the user kept the answers being typed)."""
        try:
            exercise = drill_for_answers(answers.exercise, self.chain.exercise)
        except ExerciseError as exc:
            return str(exc)
        if self.chain_mode and not self.chain.confirm_discard():
            return ""
        self._set_chain_rule(exercise)
        self.chain.fill(answers, path)
        return None

    def take_back_chain(self, chain: QWidget) -> None:
        """The chain-rule page comes back from the presentation stage."""
        self.pages.insertWidget(1, chain)
        if self.chain_mode:
            self.pages.setCurrentWidget(chain)

    def clear_exercise(self, quiet: bool = False, keep_data: bool = False) -> None:
        """No exercise: no checks and no marks; the live views go back to a dataset (a network that is not
        an exercise's, a lesson step without one). ``keep_data``: a chain-rule drill chosen in the list
        reads no data: the open network's points stay (changing them made a saved file "unsaved", and its
        Save wrote another dataset into it)."""
        was = self.exercise
        self._clear_marks()
        self.exercise = None
        self._leave_drill()
        self.pages.setCurrentWidget(self.detail)
        self.solving = False
        self.result = None
        if not keep_data:
            self.session.show_exercise(None)
        self._show_nothing()
        self._select_in_browser()
        if was is not None and not quiet:
            self.report(f"Left the exercise {isolated(was.title)}.")

    def _show_nothing(self) -> None:
        self.title.setText("No exercise")
        self.prompt.setText(NO_EXERCISE_IN_LESSON if self.browser.isHidden() else NO_EXERCISE_PROMPT)
        self.status.setText("")
        self.reasons.clear()
        self.reasons.hide()
        self.hints.setText("")
        self.picture.clear()
        self._set_enabled(False)

    def _belongs_to(self, exercise: Exercise) -> bool:
        return self.document.network.extras.get("exercise") == exercise.id

    def follow_document(self) -> None:
        """Another network is open: solve the exercise it was saved from, or none."""
        exercise_id = self.document.network.extras.get("exercise")
        if self.chain_mode and exercise_id == self.shown_id:
            self._show_drill_data()  # the drill's own network, loaded on request
            return
        if self.exercise is not None and exercise_id == self.exercise.id:
            self.set_exercise(self.exercise)  # Start, or reopening a file of this exercise: fresh marks
            return
        if exercise_id in BUILTIN_IDS:  # an id, never a path: the file's text could point anywhere with it
            try:
                self.set_exercise(load_exercise(exercise_id))
                return
            except FormatError:
                pass
        if isinstance(exercise_id, str) and exercise_id:
            # saved from a teacher's file, which a file name cannot bring back: the dock says so (no "Left
            # the exercise …" in the status bar: a lesson step showing a teacher's exercise said it of the last)
            self.clear_exercise(quiet=True)
            self.prompt.setText(markup(SAVED_FROM_A_FILE, label_in_text(exercise_id)))
            self.exercise_missing.emit()
            return
        self.clear_exercise()
