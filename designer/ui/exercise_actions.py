"""The Exercise dock's buttons on a design exercise: Start, Check my network, Next hint, Show a solution.

A part of :class:`~designer.ui.exercise_panel.ExercisePanel` (its base class), apart from choosing and
showing an exercise and from the live check: each button replaces or tags the open network as one
undoable step (asking first about unsaved work), or reveals the next hint. The panel provides
``exercise``, ``solving``, ``chain_mode``, ``document``, ``files``, ``fit``, ``report``, its page's
widgets and ``set_exercise``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from designer.exercises.exercise import Exercise
from designer.formatting import isolated
from designer.model import ReplaceNetwork, SetNetworkField
from designer.ui.exercise_parts import reveal_hint, scroll_into_view, starter_network, tagged
from designer.ui.settings_values import read_bool


def solutions_allowed(exercise: Exercise) -> bool:
    """Exam mode: the exercise file or the setting ``exercises/hide_solutions`` hides solutions."""
    return exercise.solutions_visible and not read_bool("exercises/hide_solutions", False)


class DesignActions:
    """Load the starter, tag the open network with the exercise, reveal hints and a solution."""

    def start(self) -> None:
        """Load the shown exercise's starter network (after asking about unsaved work); in a lesson step, the
        starter is the step's fresh network, one undo step (designer/ui/lesson/player.py)."""
        exercise = self.exercise  # Save As may run first: whatever it triggers, THIS exercise is loaded
        new_in_lesson = self.files.new_in_lesson
        if exercise is not None and new_in_lesson is not None and new_in_lesson(starter_network(exercise)):
            self.fit()
            return
        if exercise is None:
            return
        # the question said only "Save the changes to this network first?": a student who pressed Start to
        # read the task did not know that their network was about to go
        why = f"Start replaces it with the starter network of {isolated(exercise.title)}."
        if not self.files.confirm_discard(why):
            return
        self.exercise = exercise
        self.document.replace(starter_network(exercise), path=None)
        self.fit()
        self.report(f"Started {isolated(exercise.title)}: its starter network is loaded and checked as you edit.")

    def check_open_network(self) -> None:
        """Solve the shown exercise on the network the student built (from an empty one, say): the
        network is tagged with it in one undo step, so a saved file reopens the exercise too."""
        exercise = self.exercise
        if exercise is None or self.solving or self.chain_mode:
            return
        tag = SetNetworkField("extras", {**self.document.network.extras, "exercise": exercise.id})
        tag.text = f"check against {isolated(exercise.title)}"  # what Edit ▸ Undo names
        pressed = self.check_button.hasFocus()
        if self.document.push(tag):
            self.report(
                f"Checking your network against {isolated(exercise.title)}; Start would load its starter instead."
            )
            self.set_exercise(exercise)  # after the report: "Solved" is the last word if it passes
            if pressed:
                self._focus_on_result()

    def _focus_on_result(self) -> None:
        """Check my network goes grey once the network is checked live, and Qt passed its focus on to
        Next hint: a second Space showed a hint unasked. The focus goes to the result instead: the
        reasons (named with the verdict), else the truth table, else the exercise list; scrolled into
        view (at 1280×720 the reasons sat below the target picture, under the dock's fold)."""
        table = self.picture.table
        shown = [w for w in (self.reasons, table, self.browser) if w.isVisibleTo(self) and w.isEnabled()]
        if shown:
            shown[0].setFocus(Qt.FocusReason.OtherFocusReason)
            scroll_into_view(shown[0])

    def next_hint(self) -> None:
        if self.exercise is not None:
            shown = reveal_hint(
                self.exercise.hints,
                self.hints_shown,
                self.hints,
                self.hint_button,
                then=self._focus_on_result,
                report=self.report,
            )
            self.hints_shown = shown

    def show_solution(self) -> None:
        exercise = self.exercise
        if exercise is None or not solutions_allowed(exercise) or not exercise.solutions:
            return
        solution = tagged(exercise.solutions[0], exercise.id)
        if not self.solving:
            self.set_exercise(exercise)
        self.solution_revealed = True
        self.document.push(ReplaceNetwork(solution, text="show a solution"))
        self.fit()
        self.report("A solution is shown. Undo brings your own design back.")
