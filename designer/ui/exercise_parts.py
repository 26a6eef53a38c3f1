"""What the design-exercise panel, the chain-rule practice and start-up share: tagging a network
with its exercise, an exercise's starter, and the hints revealed so far."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QLabel, QScrollArea, QWidget
from shiboken6 import isValid

from designer.exercises.chainrule import ChainRuleExercise
from designer.exercises.exercise import Exercise
from designer.formatting import without_overrides
from designer.model import Network


def tagged(network: Network, exercise_id: str) -> Network:
    """A copy of ``network`` naming its exercise: a file saved from it reopens the exercise."""
    copy = network.copy()
    copy.extras = {**copy.extras, "exercise": exercise_id}
    return copy


def starter_network(exercise: Exercise | ChainRuleExercise) -> Network:
    """An exercise's starter, naming its exercise and titled after it (the window title says which); a
    chain-rule drill's is the drill's own network (`nn-designer --exercise chain-…` stopped with an
    internal error: a drill has no starter)."""
    base = exercise.network if isinstance(exercise, ChainRuleExercise) else exercise.starter
    starter = tagged(base, exercise.id)
    starter.name = exercise.title
    return starter


def reveal_hint(
    hints: Sequence[str],
    shown: int,
    label: QLabel,
    button: QAbstractButton,
    *,
    then: Callable[[], object],
    report: Callable[[str], object],
) -> int:
    """One more hint in ``label`` (all shown so far, numbered); ``button`` stays enabled while hints
    are left. Returns how many are shown now. ``then`` puts the focus somewhere harmless when the last
    hint greys the button that had it: Qt passed it on to the next button, Show a solution (or Show
    the answers), and the next Space showed one unasked. The new hint is also ``report``ed (the status
    bar, which a screen reader is told): the label is no Tab stop, so a screen reader never read it."""
    if shown >= len(hints):
        return shown
    shown += 1
    label.setTextFormat(Qt.TextFormat.PlainText)  # hints come from exercise files: text, never markup
    label.setText("\n".join(f"Hint {i}: {without_overrides(h)}" for i, h in enumerate(hints[:shown], start=1)))
    report(f"Hint {shown}: {' '.join(without_overrides(hints[shown - 1]).split())}")  # one line
    pressed = button.hasFocus()
    button.setEnabled(shown < len(hints))
    if pressed and not button.isEnabled():
        then()
    scroll_into_view(label)
    return shown


#: nested layouts whose requests are settled before scrolling (each one posts the next one's)
LAYOUT_LEVELS = 4


def scroll_into_view(widget: QWidget) -> None:
    """Scroll the scroll areas around ``widget`` to it once the layout has made room for its new text (a
    hint revealed below the fold at 1280×720: Next hint seemed to do nothing)."""

    def scroll() -> None:
        if not isValid(widget):
            return
        for _level in range(LAYOUT_LEVELS):  # the label's new height, then the panel's, then the scroll area's
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea):
                parent.ensureWidgetVisible(widget)
            parent = parent.parentWidget()

    QTimer.singleShot(0, scroll)
