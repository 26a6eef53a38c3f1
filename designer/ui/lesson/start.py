"""``nn-designer --lesson …``: the lesson opened once, at the state the start ends in.

The lesson waits for the window's plots (the canvas is painted first) and for the answer to the start's
restore question. It opened as the plots got built, behind the question, and a Yes then showed another
state: this lesson's restored work opened it again at the restored step (and ``--step`` went back to the
asked one: three states), a restored network replaced the step's. Now nothing is shown before the answer:
restored work of this lesson opens it at the step it ends at, a restored network stays on show in it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from designer.ui.lesson.resume import key_of

if TYPE_CHECKING:
    from designer.lessons import Lesson


class LessonStart(QObject):
    """Opens ``lesson`` at ``step`` (0-based; ``step_asked``: given with ``--step``) in ``window`` once
    its plots are built and the restore question is answered, whichever comes last (a child of the
    window: it lives as long as the window may still build its plots)."""

    def __init__(self, window, lesson: Lesson, step: int, step_asked: bool) -> None:
        super().__init__(window)
        self.window = window
        self.lesson = lesson
        self.step = step
        self.step_asked = step_asked
        self.plots_ready = False
        self.asking = False
        self.done = False
        window.live.plots_built.connect(self.plots_built)

    def plots_built(self) -> None:
        self.plots_ready = True
        if not self.asking:
            self.open()

    def question_opens(self) -> None:
        """The start asks about restoring work: restored work of this lesson opens at the step asked for."""
        self.asking = True
        self.window.lessons.hold_actions((self.lesson, self.step) if self.step_asked else None)

    def question_answered(self) -> None:
        """The steps' actions may run now; the lesson opens if the plots are there (else once they are)."""
        self.asking = False
        self.window.lessons.release_actions()
        if self.plots_ready or on_lesson(self.window, self.lesson):
            self.open()

    def open(self) -> None:
        if not self.done:
            self.done = True
            start_lesson(self.window, self.lesson, self.step, self.step_asked)


def start_lesson(window, lesson: Lesson, step: int, step_asked: bool) -> None:
    """``--lesson`` at ``step``, the steps shown remembered as Help ▸ Lessons remembers them. Work
    restored into this lesson after a crash opened it already: it stays at the step the student was on,
    unless ``--step`` asked for one; the restored work stays in its steps either way. A network restored
    at start (unsaved work on show) stays on show in the lesson, as a file opened during it."""
    player = window.lessons
    if not on_lesson(window, lesson):
        keep = window.document.modified
        player.open(lesson, step, resume_key=key_of(lesson), left_off=False, keep_shown=keep)
    elif step_asked:
        player.go(step)


def on_lesson(window, lesson: Lesson) -> bool:
    """Whether ``window`` plays ``lesson`` already (work autosaved in it before a crash was restored)."""
    playing = window.lessons.lesson
    return playing is not None and playing.id == lesson.id and playing.source == lesson.source
