"""Render the shipped lesson: .venv/bin/python scripts/lesson_screenshots.py

Writes PNGs to docs/images/ for docs/lessons.md: six steps of "Neural networks" presented at
1920×1080 (reached with PageDown only, as a lecturer's clicker would), and the Lesson dock in the
window. Prints the smallest text on screen of each (designer.ui.presentation.measure). The
offscreen platform gets a 1920×1080 screen, so F5 really goes full screen at the projector's size;
settings go to a temporary folder, so the pictures do not depend on the machine's.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp(prefix="nn-designer-shots-"))

# first: it gives the offscreen platform the 1920×1080 projector screen before Qt starts
from scripts.presentation_screenshots import OUT, settle  # noqa: E402, I001

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from designer.lessons import load_lesson  # noqa: E402
from designer.ui.app import create_app  # noqa: E402
from designer.ui.mainwindow import MainWindow  # noqa: E402
from designer.ui.presentation.measure import smallest_text  # noqa: E402

STEPS = {3: "step-stays-put", 5: "activations", 8: "mlp-equations", 13: "design-xor", 17: "backprop", 18: "stuck"}
WINDOW_STEP = 4  # the Lesson dock, in the window


def finish_actions(app, window: MainWindow) -> None:
    """Let the step's training run to its end, and its walk reach its last level (as more PageDowns would)."""
    runner = window.lessons.runner
    while runner.busy and not runner.waiting_for_click:
        settle(app, 2)
    live = window.live
    while live.forward.active and (live.probe.walk_level or 0) < live.forward.depth:
        live.forward.step(+1)
    settle(app)


def save(app, window: MainWindow, name: str) -> None:
    if window.presentation.stage is not None:
        window.presentation.stage.caption.hide()  # messages come and go; the pictures show the steady state
    settle(app)
    smallest = smallest_text(window)
    path = OUT / f"lesson-{name}.png"
    window.grab().save(str(path))
    print(f"{path.relative_to(ROOT)}: {window.width()}×{window.height()}, smallest text {smallest.px:.1f} px")


def main() -> None:
    app = create_app()
    OUT.mkdir(parents=True, exist_ok=True)
    lesson = load_lesson("neural-networks")
    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    settle(app)
    window.live.build_plots()
    window.lessons.open(lesson, WINDOW_STEP - 1)
    finish_actions(app, window)
    save(app, window, "window")
    window.lessons.open(lesson)
    window.activateWindow()
    window.actions["present"].setChecked(True)
    settle(app)
    saved = set()
    while True:
        number = window.lessons.index + 1
        if number in STEPS and number not in saved:
            saved.add(number)
            finish_actions(app, window)
            save(app, window, f"{number:02d}-{STEPS[number]}")
        if number >= max(STEPS):
            break
        QTest.keyClick(window.view, Qt.Key.Key_PageDown)
        settle(app)
    window.actions["present"].setChecked(False)
    window.document.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
