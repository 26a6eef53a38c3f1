"""The Exercise dock's page for a network design: its widgets and their layout.

Kept apart from ``exercise_panel.py``, which decides what the page shows (which exercise, whether it is
being solved, the live check and its marks) and connects the buttons to those actions.

In a lesson the step's text says the task, so the prompt folds under a toggle (:meth:`fold_task`):
at 1366×768 the prompt said it a second time and left the lesson text two and a half lines.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from designer.ui.button_grid import ButtonGrid
from designer.ui.chainrule_rows import plain_label
from designer.ui.exercise_reasons import ReasonList
from designer.ui.exercise_target import TargetPicture

CHECK = "Check my network"
CHECK_TIP = "Check the open network against this exercise (it keeps your design; Start would replace it)"
CHECKED_LIVE = "Checked live"
CHECKED_LIVE_TIP = "Your network is checked against this exercise after every change: the verdict below is up to date"


def _heading(label: QLabel, scale: float) -> QLabel:
    """``label`` in bold, ``scale`` times the usual size."""
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


class HintLabel(QLabel):
    """The hints shown so far, wrapped; no room at all while there are none (an empty line of it kept the
    check's target picture 20 px lower in a 615 px column at 1280×720)."""

    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)  # hints come from exercise files: text, never markup
        self.setWordWrap(True)
        self.setObjectName("exerciseHints")
        self.setVisible(False)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))


def _rich(name: str) -> QLabel:
    """A wrapping label for Markdown-lite the app renders (file text escaped in it)."""
    label = plain_label(name=name)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


class DesignPage(QWidget):
    """Title, prompt, the four buttons, the live verdict, the target picture, reasons and hints."""

    def __init__(self) -> None:
        super().__init__()
        # titles, prompts and hints come from files: plain text, or Markdown-lite rendered by the app (escaped)
        self.title = _heading(plain_label(name="exerciseTitle"), 1.2)
        self.prompt = _rich("exercisePrompt")
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.task = QToolButton(objectName="exerciseTaskToggle")
        self.task.setCheckable(True)
        self.task.setAutoRaise(True)
        self.task.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.task.setToolTip("The lesson's text says the task; click to read the exercise's own words")
        self.task.toggled.connect(self._show_task)
        self.task.hide()
        self._folding = False  # in a lesson: the prompt folds under the toggle
        self.status = _heading(_rich("exerciseStatus"), 1.15)
        self.reasons = ReasonList()  # as tall as its wrapped lines
        self.reasons.setObjectName("exerciseReasons")
        self.reasons.setAccessibleName("Check result")  # the result itself once checked (run_check)
        self.picture = TargetPicture()
        self.hints = HintLabel()
        # short, so the four buttons go two by two in the dock and the target picture comes above the
        # fold at 1280×720 ("Start (load the starter network)" made them one column)
        self.start_button = QPushButton("Start", objectName="startExercise")
        self.start_button.setToolTip("Load the exercise's starter network (it replaces the open one)")
        self.check_button = QPushButton(CHECK, objectName="checkOpenNetwork")
        self.show_checking(False)
        self.hint_button = QPushButton("Next hint", objectName="nextHint")
        self.solution_button = QPushButton("Show a solution", objectName="showSolution")
        buttons = ButtonGrid(2)  # two by two (the dock stays narrow), one column where two do not fit
        for b in (self.start_button, self.check_button, self.hint_button, self.solution_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()  # the toggle beside the title: a line of its own cost the check's picture
        heading.addWidget(self.title, 1)  # 29 px of a 615 px column at 1280×720
        heading.addWidget(self.task, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(heading)
        layout.addWidget(self.prompt)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.picture, 3)
        layout.addWidget(self.reasons)
        layout.addWidget(self.hints)
        layout.addStretch(0)

    def minimumSizeHint(self) -> QSize:
        """No taller than the page needs at the width it has: the wrapped labels' own minimums counted
        them at their narrowest, some 40 px more, and the Exercise dock's scroll area never gave the page
        less (a 1280×720 column scrolled the check's reasons out of view for it)."""
        least = super().minimumSizeHint()
        layout = self.layout()
        if self.width() > 0 and layout.hasHeightForWidth():
            least.setHeight(min(least.height(), layout.heightForWidth(self.width())))
        return least

    def show_checking(self, live: bool) -> None:
        """Check my network says whether the open network is already checked as it is edited (then there is
        nothing for it to do, and it is grey): a grey "Check my network" in every lesson step with an
        exercise left a student wondering how to have their design checked."""
        self.check_button.setText(CHECKED_LIVE if live else CHECK)
        self.check_button.setToolTip(CHECKED_LIVE_TIP if live else CHECK_TIP)

    def fold_task(self, folding: bool) -> None:
        """Fold the prompt under its toggle (a lesson, whose step says the task), closed; or no toggle."""
        self._folding = folding
        self.task.setVisible(folding)
        self.task.setChecked(False)
        self._show_task(False)

    def _show_task(self, opened: bool) -> None:
        self.task.setArrowType(Qt.ArrowType.DownArrow if opened else Qt.ArrowType.RightArrow)
        self.task.setText("The exercise's task")  # (the arrow says whether it is open; the tooltip, what)
        self.prompt.setVisible(opened or not self._folding)
