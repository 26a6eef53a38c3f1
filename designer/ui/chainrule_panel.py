"""Chain-rule practice in the Exercise dock: compute ∂L/∂a, ∂L/∂z, ∂L/∂w by hand and see each checked.

For an exercise of kind ``chain_rule`` the panel shows the prompt, the sample and the loss, and one
field per asked quantity. Typed values or fractions are checked as they are typed with
:func:`designer.exercises.check_answers` (the same check as ``nn-designer check``): each entry gets
a mark, and a wrong one the hint that names the missing factor. "Load its network" puts the
exercise's network on the canvas (the values there are the ones asked about); a field that gets the
focus selects its neuron or connection on the canvas. Answers can be saved as an answers file for
hand-in (``chainrule_files.py``, the panel's base class; the entries a lesson keeps while another
step is on show: ``chainrule_entries.py``). Every text from the exercise file is shown as plain text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from designer.exercises import AnswersResult, ChainRuleExercise, check_answers
from designer.exercises.answers import (
    exact_text,
)
from designer.formatting import format_number
from designer.ui.button_grid import ButtonGrid

# The entries a lesson keeps, re-exported: the lesson modules import them from here.
from designer.ui.chainrule_entries import Typed as Typed
from designer.ui.chainrule_entries import typed_from_answers as typed_from_answers
from designer.ui.chainrule_files import AnswersFiles
from designer.ui.chainrule_rows import RIGHT_COLOR, WRONG_COLOR, AnswerRow, AnswerTable, plain_label
from designer.ui.exercise_parts import reveal_hint, tagged
from designer.ui.keys import no_tab_stop
from designer.ui.theme import readable_on

CHECK_DELAY_MS = 120
MIN_LINES = 8  # the panel at least this many text lines high (it scrolls as a whole below what it needs)
LOSS_NAMES = {
    "mse": "squared error, averaged (MSE)",
    "sse": "sum of squared errors (SSE)",
    "cross_entropy": "cross-entropy",
    "output": "J = the network's output itself",
}


class WholeScroll(QScrollArea):
    """The panel's whole content, scrolled as one where the panel is low (a lesson presented on a 768 px
    screen: the prompt's last lines were drawn over, the status over the buttons and 1½ of 11 answer rows
    showed). As narrow as the content allows, as low as a few lines of it."""

    def __init__(self, body: QWidget) -> None:
        super().__init__()
        self.setObjectName("chainScroll")
        self.setAccessibleName("Chain-rule practice")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        no_tab_stop(self)
        self.setWidget(body)

    def minimumSizeHint(self) -> QSize:
        body = self.widget()
        width = body.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(width, MIN_LINES * self.fontMetrics().height())


class ChainRulePanel(AnswersFiles, QWidget):
    """The chain-rule page of the Exercise dock. ``files`` asks before replacing unsaved work; ``fit``
    frames the canvas; ``report`` writes to the status bar. ``focused`` is emitted with the quantity
    whose field got the focus (the dock selects its nodes on the canvas)."""

    focused = Signal(object)
    checked = Signal(object)  # the AnswersResult after each check

    def __init__(self, document, files, fit, report) -> None:
        super().__init__()
        self.setObjectName("chainRulePanel")
        self.document = document
        self.files = files
        self.fit = fit
        self.report = report
        self.exercise: ChainRuleExercise | None = None
        self.result: AnswersResult | None = None
        self.rows: list[AnswerRow] = []
        self._saved: dict[str, str] = {}  # the entries as last saved (Quit asks about others)
        #: what an opened answers file holds besides this drill's entries (others' quantity ids, the
        #: student's name): written back by Save answers…, never dropped
        self._kept: dict[str, str | float] = {}
        self._student: Any = None
        self.path: Path | None = None
        self.answers_shown = False
        self.hints_shown = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.run_check)
        self._build()
        document.replaced.connect(self._show_canvas_note)
        document.undo_stack.indexChanged.connect(self._show_canvas_note)

    def _build(self) -> None:
        self.title = plain_label(name="chainTitle")
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.prompt = plain_label(name="chainPrompt")
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sample = plain_label(name="chainSample")
        #: said while the canvas shows another network (same ids, other weights: taken for the drill's)
        self.canvas_note = plain_label(name="chainCanvasNote")
        self.canvas_note.setText("The canvas shows another network, not this one: Load its network shows it.")
        self.canvas_note.hide()
        self.status = plain_label(name="chainStatus")
        status_font = QFont(self.status.font())
        status_font.setBold(True)
        self.status.setFont(status_font)
        self.load_button = QPushButton("Load its network")
        self.load_button.setObjectName("chainLoadNetwork")
        self.load_button.setToolTip("Put the exercise's network on the canvas (asks about unsaved work first)")
        self.load_button.clicked.connect(self.load_network)
        self.hint_button = QPushButton("Next hint")
        self.hint_button.setObjectName("chainNextHint")
        self.hint_button.clicked.connect(self.next_hint)
        self.answers_button = QPushButton("Show the answers")
        self.answers_button.setObjectName("chainShowAnswers")
        self.answers_button.clicked.connect(self.show_answers)
        self.save_button = QPushButton("Save answers…")
        self.save_button.setObjectName("chainSaveAnswers")
        self.save_button.setToolTip("An answers file for nn-designer check (hand-in)")
        self.save_button.clicked.connect(self.save_dialog)
        buttons = ButtonGrid(4)  # one row where the width allows, two by two or one above the other if not
        for button in (self.load_button, self.hint_button, self.answers_button, self.save_button):
            buttons.addWidget(button)
        self.table = AnswerTable()
        self.hints = plain_label(name="chainHints")
        body = QWidget()
        body.setObjectName("chainBody")
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.prompt, self.sample, self.canvas_note):
            column.addWidget(widget)
        column.addLayout(buttons)
        for widget in (self.status, self.table, self.hints):
            column.addWidget(widget)
        column.addStretch(1)
        self.scroll = WholeScroll(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)

    # --------------------------------------------------------------- show
    def set_exercise(self, exercise: ChainRuleExercise) -> None:
        """Show ``exercise`` with empty fields (the network on the canvas stays until "Load its network")."""
        self.exercise = exercise
        self._saved = {}
        self._kept, self._student = {}, None
        self.path: Path | None = None  # the answers file these entries were opened from or saved to
        self.answers_shown = False
        self.hints_shown = 0
        self.title.setText(exercise.title)
        self.prompt.setText(exercise.prompt)
        self.sample.setText(self._sample_text(exercise))
        self.hints.setText("")
        self.hint_button.setEnabled(bool(exercise.hints))
        self.answers_button.setEnabled(exercise.solutions_visible)
        self.answers_button.setToolTip("" if exercise.solutions_visible else "Answers are hidden for this exercise.")
        self._show_canvas_note()
        self.rows = self.table.set_quantities(exercise.quantities)
        for row in self.rows:
            row.field.textChanged.connect(self._timer.start)
            row.field.returnPressed.connect(lambda row=row: self._entered_one(row))
            row.field.installEventFilter(self)
        self.run_check()

    def _entered_one(self, row: AnswerRow) -> None:
        """Enter in an answer field: its mark and hint at once, and the next field to type in (Enter did
        nothing, and the mark came only after a pause)."""
        self.run_check()
        index = self.rows.index(row) if row in self.rows else len(self.rows)
        if index + 1 < len(self.rows):
            self.rows[index + 1].field.setFocus(Qt.FocusReason.TabFocusReason)

    def _show_canvas_note(self, *_args) -> None:
        """The note shows while the canvas holds another network than the drill's."""
        drill = self.exercise
        self.canvas_note.setStyleSheet(f"color: {readable_on(WRONG_COLOR, self.canvas_note.window().palette())}")
        self.canvas_note.setVisible(drill is not None and self.document.network.extras.get("exercise") != drill.id)

    def _sample_text(self, exercise: ChainRuleExercise) -> str:
        net = exercise.network
        inputs = ", ".join(f"{net.node(i).display_label} = {format_number(v)}" for i, v in exercise.inputs.items())
        text = f"Sample: {inputs}"
        if exercise.targets:
            targets = ", ".join(  # t, as in the prompts and hints: y may be the output neuron's own name
                f"t = {format_number(v)} for {net.node(o).display_label}" for o, v in exercise.targets.items()
            )
            text += f" · target {targets}"
        return f"{text} · loss: {LOSS_NAMES.get(exercise.loss, exercise.loss)}"

    def answers(self) -> dict[str, str]:
        return {row.quantity.id: row.field.text() for row in self.rows}

    def _entered(self) -> dict[str, str]:
        return {key: text for key, text in self.answers().items() if text.strip()}

    @property
    def unsaved(self) -> bool:
        """Entries typed since the last save (or since the exercise was shown)."""
        return self.exercise is not None and bool(self._entered()) and self._entered() != self._saved

    def mark_unsaved(self) -> None:
        """The entries on show count as not saved (restored after a crash: Quit asks about them again)."""
        self._saved = {}

    def typed(self) -> Typed:
        """The entries and their answers file: kept by a lesson while another step is on show."""
        return Typed(self._entered(), dict(self._saved), dict(self._kept), self._student, self.path)

    def retype(self, typed: Typed) -> None:
        """Put back what :meth:`typed` returned (the same exercise is on show again)."""
        for row in self.rows:
            row.field.setText(typed.entered.get(row.quantity.id, ""))
        self._saved = dict(typed.saved)
        self._kept, self._student, self.path = dict(typed.kept), typed.student, typed.path
        self.run_check()

    def focus_first_open(self) -> None:
        """Focus the first field not filled in yet (else the first): where typing goes on."""
        row = next((r for r in self.rows if not r.field.text().strip()), self.rows[0] if self.rows else None)
        if row is not None:
            row.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def field(self, quantity_id: str) -> QLineEdit:
        return next(row.field for row in self.rows if row.quantity.id == quantity_id)

    # -------------------------------------------------------------- check
    def run_check(self) -> None:
        """Check every entry now (typing triggers this a moment after the last key)."""
        self._timer.stop()
        if self.exercise is None:
            return
        result = check_answers(self.exercise, self.answers())
        self.result = result
        for row, entry in zip(self.rows, result.entries, strict=True):
            row.show_status(entry.status, entry.hint)
        QTimer.singleShot(0, self, self._typed_row_in_view)  # once the shown hints are laid out
        color = RIGHT_COLOR if result.passed else WRONG_COLOR
        self.status.setText(f"All right! {result.summary}" if result.passed else f"Not yet: {result.summary}")
        self.status.setStyleSheet(f"color: {readable_on(color, self.status.window().palette())}")
        self.checked.emit(result)

    def _typed_row_in_view(self) -> None:
        """The hint under the field being typed in is in view, and the field too: a field at the panel's
        bottom had its hint appear below it, out of view (a red ✗ with no reason to read)."""
        typed_in = self.focusWidget()  # also while the window is not active (no window manager)
        row = next((r for r in self.rows if r.field is typed_in), None)
        if row is None:
            return
        if row.hint.isVisibleTo(self):
            self.scroll.ensureWidgetVisible(row.hint, 0, 0)
        self.scroll.ensureWidgetVisible(row.field, 0, 0)

    # ------------------------------------------------------------ actions
    def load_network(self) -> None:
        """The drill's own network, fresh (after asking about unsaved work); in a lesson step, as the step's
        fresh network, one undo step (designer/ui/lesson/player.py). Then the focus is on the first open
        answer field, where the student types next."""
        if self.exercise is None:
            return
        network = tagged(self.exercise.network, self.exercise.id)
        new_in_lesson = self.files.new_in_lesson
        if not (new_in_lesson is not None and new_in_lesson(network)):
            if not self.files.confirm_discard():
                return
            self.document.replace(network, path=None)
        self.fit()
        self.focus_first_open()  # the student types the next answer; the button kept the focus

    def next_hint(self) -> None:
        if self.exercise is not None:
            shown = reveal_hint(
                self.exercise.hints,
                self.hints_shown,
                self.hints,
                self.hint_button,
                then=self.focus_first_open,
                report=self.report,
            )
            self.hints_shown = shown

    def show_answers(self) -> None:
        """The exact values beside the fields (the student's entries stay)."""
        if self.exercise is None or not self.exercise.solutions_visible:
            return
        self.answers_shown = True  # typed from the shown values, the drill does not count as solved
        for row in self.rows:
            row.answer.setText(f"= {exact_text(self.exercise.exact(row.quantity))}")
        self.table.arrange()  # the answers may leave no room for the labels beside the fields
        self.report("The exact values are shown beside the fields.")

    def eventFilter(self, obj, event) -> bool:
        if event.type() == event.Type.FocusIn:
            row = next((r for r in self.rows if r.field is obj), None)
            if row is not None:
                self.scroll.ensureWidgetVisible(row.field)  # (the rows may be below the panel's bottom)
                self.focused.emit(row.quantity)
        return False
