"""The Exercise dock: browse the lecture's problems, read the prompt, see the design checked live.

The check is the same function as ``nn-designer check`` (``designer.exercises.check``), run
a moment after each edit; solved exercises are remembered in the settings.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from designer.exercises import GROUPS, ChainRuleExercise, check, list_exercises, load_exercise
from designer.exercises.checker import CheckResult
from designer.exercises.exercise import Exercise
from designer.lessons.markup import to_html
from designer.model import FormatError, Network, ReplaceNetwork
from designer.model.events import once_per_action
from designer.ui.chainrule_panel import ChainRulePanel
from designer.ui.exercise_parts import reveal_hint
from designer.ui.exercise_target import TargetPicture
from designer.ui.files import settings
from designer.ui.safetext import markup, plain_message, tooltip

CHECK_DELAY_MS = 60
PASS_COLOR, FAIL_COLOR = "#1b7f3b", "#c0392b"


def solved_ids() -> set[str]:
    value = settings().value("exercises/solved", [])
    return {value} if isinstance(value, str) else set(value or [])


def mark_solved(exercise_id: str) -> None:
    settings().setValue("exercises/solved", sorted(solved_ids() | {exercise_id}))


def solutions_allowed(exercise: Exercise) -> bool:
    """Exam mode: the exercise file or the setting ``exercises/hide_solutions`` hides solutions."""
    hidden = str(settings().value("exercises/hide_solutions", "false")).lower() in ("1", "true", "yes")
    return exercise.solutions_visible and not hidden


class ExercisePanel(QWidget):
    """The dock's content. ``files`` asks before replacing unsaved work; ``region()`` gives the
    Decision Regions view that shows the wrong points; ``fit`` frames the canvas after a new
    network; ``report`` writes to the status bar."""

    def __init__(self, document, files, region, fit, report) -> None:
        super().__init__()
        self.document = document
        self.files = files
        self.region = region
        self.fit = fit
        self.report = report
        self.exercise: Exercise | None = None
        self.result: CheckResult | None = None
        self.hints_shown = 0
        #: a pass counts as solved only after the student's own edits, never after "Show a solution"
        self.solution_revealed = False
        self._region_marks: pg.ScatterPlotItem | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.run_check)
        self._build()
        self.fill_browser()
        document.network.events.subscribe(once_per_action(lambda: self.exercise and self._timer.start()))

    # ------------------------------------------------------------------ build
    def _build(self) -> None:
        self.browser = QTreeWidget()
        self.browser.setObjectName("exerciseBrowser")
        self.browser.setHeaderHidden(True)
        self.browser.itemActivated.connect(self._activated)
        self.browser.itemDoubleClicked.connect(self._activated)
        self.title = QLabel("Choose an exercise (double-click), or File ▸ Open exercise…")
        self.title.setObjectName("exerciseTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # titles, prompts and hints come from files
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.prompt = QLabel()
        self.prompt.setObjectName("exercisePrompt")
        self.prompt.setTextFormat(Qt.TextFormat.RichText)  # Markdown-lite rendered by the app, text escaped
        self.prompt.setWordWrap(True)
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setObjectName("exerciseStatus")
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setWordWrap(True)
        status_font = QFont(self.status.font())
        status_font.setBold(True)
        status_font.setPointSizeF(status_font.pointSizeF() * 1.15)
        self.status.setFont(status_font)
        self.reasons = QListWidget()
        self.reasons.setObjectName("exerciseReasons")
        self.reasons.setWordWrap(True)
        self.picture = TargetPicture()
        self.hints = QLabel()
        self.hints.setObjectName("exerciseHints")
        self.hints.setTextFormat(Qt.TextFormat.PlainText)
        self.hints.setWordWrap(True)
        self.start_button = QPushButton("Start (load the starter network)")
        self.start_button.setObjectName("startExercise")
        self.start_button.clicked.connect(self.start)
        self.hint_button = QPushButton("Next hint")
        self.hint_button.setObjectName("nextHint")
        self.hint_button.clicked.connect(self.next_hint)
        self.solution_button = QPushButton("Show a solution")
        self.solution_button.setObjectName("showSolution")
        self.solution_button.clicked.connect(self.show_solution)
        buttons = QHBoxLayout()
        for b in (self.start_button, self.hint_button, self.solution_button):
            buttons.addWidget(b)
        detail = QWidget()
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.title, self.prompt):
            layout.addWidget(w)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.picture, 3)
        layout.addWidget(self.reasons, 2)
        layout.addWidget(self.hints)
        layout.addStretch(0)
        self.detail = detail
        self.chain = ChainRulePanel(self.document, self.files, self.fit, self.report)
        self.chain_mode = False  # chain-rule practice on show instead of a design's check
        self.pages = QStackedWidget()  # a network design's check, or chain-rule practice
        self.pages.addWidget(detail)
        self.pages.addWidget(self.chain)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.browser)
        split.addWidget(self.pages)
        split.setSizes([160, 600])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(split)
        self._set_enabled(False)

    def _set_enabled(self, on: bool) -> None:
        for b in (self.start_button, self.hint_button, self.solution_button):
            b.setEnabled(on)

    def fill_browser(self) -> None:
        self.browser.clear()
        done = solved_ids()
        groups: dict[str, QTreeWidgetItem] = {}
        for group in GROUPS:
            item = QTreeWidgetItem([group[0].upper() + group[1:].replace("1-d", "1-D")])
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            groups[group] = item
            self.browser.addTopLevelItem(item)
        for info in list_exercises(kind=None):
            text = f"✓ {info.title}" if info.id in done else info.title
            child = QTreeWidgetItem([text])
            child.setData(0, Qt.ItemDataRole.UserRole, info.id)
            child.setToolTip(0, tooltip(f"{info.id}{' (solved)' if info.id in done else ''}"))
            if info.id in done:
                child.setForeground(0, QBrush(QColor(PASS_COLOR)))
            if info.group not in groups:  # e.g. the chain-rule drills' "backpropagation"
                groups[info.group] = QTreeWidgetItem([info.group[0].upper() + info.group[1:]])
                groups[info.group].setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.browser.addTopLevelItem(groups[info.group])
            groups[info.group].addChild(child)
        self.browser.expandAll()

    # -------------------------------------------------------------- actions
    def _activated(self, item: QTreeWidgetItem) -> None:
        exercise_id = item.data(0, Qt.ItemDataRole.UserRole)
        if exercise_id:
            self.open_exercise(exercise_id)

    def open_exercise(self, id_or_path: str) -> bool:
        try:
            exercise = load_exercise(id_or_path)
        except FormatError as exc:
            plain_message(self, "warning", "Cannot open exercise", str(exc))
            return False
        self.set_exercise(exercise)
        return True

    @property
    def shown_id(self) -> str | None:
        """The id of the exercise on show: a design's, or the chain-rule drill's."""
        if self.chain_mode and self.chain.exercise is not None:
            return self.chain.exercise.id
        return self.exercise.id if self.exercise is not None else None

    def set_exercise(self, exercise: Exercise | ChainRuleExercise) -> None:
        if isinstance(exercise, ChainRuleExercise):
            self._set_chain_rule(exercise)
            return
        self.chain_mode = False
        self.pages.setCurrentWidget(self.detail)
        self.exercise = exercise
        self.hints_shown = 0
        self.solution_revealed = False
        self.title.setText(exercise.title)
        self.prompt.setText(to_html(exercise.prompt))
        self.hints.setText("")
        self.picture.show_exercise(exercise)
        self._set_enabled(True)
        self.hint_button.setEnabled(bool(exercise.hints))
        allowed = solutions_allowed(exercise) and bool(exercise.solutions)
        self.solution_button.setEnabled(allowed)
        self.solution_button.setToolTip("" if allowed else "Solutions are hidden for this exercise (exam mode).")
        self.report(f"Exercise: {exercise.title}. Press Start to load its starter network.")
        self.run_check()

    def _set_chain_rule(self, exercise: ChainRuleExercise) -> None:
        """Chain-rule practice replaces the design check: no live check of the network, no marks."""
        self.exercise = None
        self.result = None
        if self._region_marks is not None:
            self._region_marks.setData([], [])
        self.chain.set_exercise(exercise)
        self.chain_mode = True
        if self.pages.indexOf(self.chain) >= 0:  # else it is on a lesson's presentation stage
            self.pages.setCurrentWidget(self.chain)
        self.report(f"Exercise: {exercise.title}. Type each derivative; every entry is checked as you type.")

    def clear_exercise(self) -> None:
        """No exercise: nothing checked or marked (a lesson step without one)."""
        self.exercise = None
        self.result = None
        self.chain.exercise = None
        self.chain_mode = False
        if self._region_marks is not None:
            self._region_marks.setData([], [])
        self.pages.setCurrentWidget(self.detail)
        self.title.setText("Choose an exercise (double-click), or File ▸ Open exercise…")
        for label in (self.prompt, self.status, self.hints):
            label.setText("")
        self.reasons.clear()
        self.reasons.hide()
        self.picture.clear()
        self._set_enabled(False)

    def take_back_chain(self, chain: QWidget) -> None:
        """The chain-rule page comes back from the presentation stage."""
        self.pages.insertWidget(1, chain)
        if self.chain_mode:
            self.pages.setCurrentWidget(chain)

    def start(self) -> None:
        if self.exercise is None or not self.files.confirm_discard():
            return
        starter = self.exercise.starter.copy()
        starter.extras = {**starter.extras, "exercise": self.exercise.id}
        self.document.replace(starter, path=None)
        self.fit()

    def next_hint(self) -> None:
        if self.exercise is not None:
            self.hints_shown = reveal_hint(self.exercise.hints, self.hints_shown, self.hints, self.hint_button)

    def show_solution(self) -> None:
        if self.exercise is None or not solutions_allowed(self.exercise) or not self.exercise.solutions:
            return
        solution = self.exercise.solutions[0].copy()
        solution.extras = {**solution.extras, "exercise": self.exercise.id}
        self.solution_revealed = True
        self.document.push(ReplaceNetwork(solution, text="show a solution"))
        self.fit()
        self.report("A solution is shown. Undo brings your own design back.")

    # ---------------------------------------------------------------- check
    def run_check(self) -> None:
        if self.exercise is None:
            return
        network: Network = self.document.network
        result = check(network, self.exercise)
        self.result = result
        color = PASS_COLOR if result.passed else FAIL_COLOR
        mark = "✓ PASS" if result.passed else "✗ not yet"
        self.status.setText(markup(f"<span style='color:{color}'>{{}}</span> — {{}}", mark, result.summary))
        self.reasons.clear()
        for reason in result.reasons:
            self.reasons.addItem(reason)
        self.reasons.setVisible(bool(result.reasons))
        self.picture.show_result(result)
        self._mark_on_region(result)
        edited = self.document.undo_stack.count() > 0
        if result.passed and edited and not self.solution_revealed and self.exercise.id not in solved_ids():
            mark_solved(self.exercise.id)
            self.fill_browser()
            self.report(f"Solved: {self.exercise.title}!")

    def _mark_on_region(self, result: CheckResult) -> None:
        """Wrong truth-table rows and misclassified points also circled on the Decision Regions plot."""
        if self.exercise is None:
            return
        if self._region_marks is None:
            self._region_marks = pg.ScatterPlotItem(size=22, pen=pg.mkPen(FAIL_COLOR, width=3), brush=None)
            self._region_marks.setZValue(50)
            self.region().plot.addItem(self._region_marks)
        ids = self.exercise.input_ids
        net_inputs = list(self.document.network.inputs)
        session = self.region().session
        wrong = [row.index for row in result.wrong_rows] if self.exercise.is_truth_table else result.wrong_points
        if len(ids) < 2 or net_inputs[: len(ids)] != ids or not result.evaluated or not wrong:
            self._region_marks.setData([], [])
            return
        x = self.exercise.cases.x[wrong]
        self._region_marks.setData(x[:, session.ax], x[:, session.ay])
