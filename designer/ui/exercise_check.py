"""The Exercise dock's live check of a design: the verdict, its reasons, and the mistakes marked.

A part of :class:`~designer.ui.exercise_panel.ExercisePanel` (its base class), apart from choosing and
showing an exercise: while one is being solved, each edit runs the same check as ``nn-designer check``
a moment later; wrong rows and points are circled on Decision Regions, and a pass after the student's
own edits is remembered as solved. The panel provides ``exercise``, ``solving``, ``result``,
``solution_revealed``, ``document``, ``session``, ``marks``, ``status_bar``, ``report``,
``fill_browser`` and its page's widgets.
"""

from __future__ import annotations

from designer.exercises import check
from designer.formatting import isolated
from designer.model import Network
from designer.ui.exercise_browser import PASS_COLOR, is_solved, mark_solved
from designer.ui.exercise_marks import FAIL_COLOR
from designer.ui.exercise_reasons import status_line
from designer.ui.safetext import markup
from designer.ui.theme import readable_on

SOLVED = "Solved"


class DesignCheck:
    """Check the open network against the exercise being solved, and mark what is wrong."""

    def run_check(self) -> None:
        if self.exercise is None or not self.solving:
            return
        network: Network = self.document.network
        result = check(network, self.exercise)
        self.result = result
        color = readable_on(PASS_COLOR if result.passed else FAIL_COLOR, self.status.palette())
        mark = "✓ PASS" if result.passed else "✗ not yet"
        self.status.setText(markup(f"<span style='color:{color}'>{{}}</span> — {{}}", mark, status_line(result)))
        self.reasons.clear()
        # the list's name carries the verdict: a screen reader reaches the list, not the status line above it
        self.reasons.setAccessibleName(f"Check result: {mark}, {result.summary}")
        # and the truth table's description: Check my network leaves the focus there when it passes
        self.picture.table.setAccessibleDescription(f"Check result: {mark}, {result.summary}")
        shown = result.reasons if result.notes is None else result.notes  # the summary said once, above them
        for reason in shown:
            self.reasons.addItem(reason)
        self.reasons.setVisible(bool(shown))
        self.picture.name_outputs([network.node(o).display_label for o in network.outputs])
        self.picture.show_result(result)
        self._mark_on_region()
        if not result.passed:
            self._clear_solved_message()
        edited = self.document.undo_stack.count() > 0
        if result.passed and edited and not self.solution_revealed and not is_solved(self.exercise):
            mark_solved(self.exercise)
            self.fill_browser()
            self.report(f"{SOLVED}: {isolated(self.exercise.title)}!")

    def _clear_solved_message(self) -> None:
        """The status bar never says "Solved" about a design that fails now (or another exercise)."""
        if self.status_bar.currentMessage().startswith(SOLVED):
            self.status_bar.clearMessage()

    def _clear_marks(self) -> None:
        self.result = None
        self._clear_solved_message()
        self.marks.clear()

    def _data_changed(self) -> None:
        """Another dataset (or painted points) replaces the exercise's points: its circles go with them."""
        if not self.session.showing_exercise:
            self._clear_solved_message()
        self._mark_on_region()

    def _mark_on_region(self) -> None:
        """Wrong truth-table rows and misclassified points circled on the Decision Regions plot,
        while it shows the exercise's own points."""
        result, exercise, session = self.result, self.exercise, self.session
        if not self.solving or result is None or exercise is None or not session.showing_exercise:
            self.marks.clear()
            return
        self.marks.show(result, exercise, self.document.network, (session.ax, session.ay))
