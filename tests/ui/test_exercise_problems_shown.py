"""At 1280×720 the Exercise dock said "not evaluated: fix the problems listed" while the list sat below
the target picture, under the dock's fold: the line now names the first problem, and Check my network
scrolls the list (where the focus goes) into view. The command line keeps its own words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt

from designer.model import load
from designer.ui.exercise_parts import LAYOUT_LEVELS
from tests.conftest import EXAMPLES
from tests.ui.live_gui import shown_text, sized_window
from tests.ui.test_exercise_panel import click_exercise


def _laid_out_and_whole_in_view(widget) -> bool:
    """All of ``widget`` shows once the layouts have settled (half-way, the list showed for a moment
    before the page's new height pushed it below the fold)."""
    for _level in range(LAYOUT_LEVELS):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


def test_the_first_problem_is_in_the_status_and_check_shows_the_list(qtbot):
    w = sized_window(qtbot, load(EXAMPLES / "xor-step.json"), (1152, 680))  # what fit_to_screen leaves of 1280×720
    w.exercise.show()
    w.exercise.raise_()
    panel = w.exercise.panel
    click_exercise(qtbot, panel, "approx-sin")  # one input x: the XOR network's x1, x2 do not fit
    assert panel.title.text() == "Approximate sin x"
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.result is not None and not panel.result.evaluated)
    reasons = [panel.reasons.item(i).text() for i in range(panel.reasons.count())]
    assert reasons[0] == "input x missing (the exercise needs input x)" and len(reasons) == 4, reasons
    status = shown_text(panel.status)
    assert status == f"✗ not yet — not evaluated: {reasons[0]} (and 3 more below)", status
    assert "problems listed" not in status
    qtbot.waitUntil(lambda: _laid_out_and_whole_in_view(panel.reasons), timeout=2000)
    assert panel.reasons.hasFocus()
