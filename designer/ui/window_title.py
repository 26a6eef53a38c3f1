"""The main window's title: the file's name, or the lesson step whose network is shown (it has no file).

A part of :class:`~designer.ui.mainwindow.MainWindow` (its base class), apart from building the
window: it follows the document's path, its unsaved changes and the lesson's steps. The window
provides ``document``, ``lessons`` and the ``shown_step`` it starts as None.
"""

from __future__ import annotations

from designer.formatting import clean_text, isolated


class WindowTitle:
    """Name the window after its file or its lesson step, marked while there are unsaved changes."""

    def _name_lesson_step(self, index: int) -> None:
        lesson = self.lessons.lesson
        if lesson is not None and 0 <= index < len(lesson.steps):
            self.shown_step = (lesson, index)
            self._update_title()

    def _forget_lesson_step(self) -> None:
        self.shown_step = None
        self._update_title()

    def _update_title(self, *_: object) -> None:
        """The file's name; a lesson step's network (no file) by its step ("start[*]" said nothing)."""
        path = self.document.path
        name = path.name if path else (self._step_name() or self.document.network.name or "Untitled")
        self.setWindowModified(self.document.modified)
        # a name may hold bidi or line breaks, and "[*]" (Qt's mark for unsaved changes: doubled, it is shown as itself)
        shown = isolated(clean_text(name)).replace("[*]", "[*][*]")
        self.setWindowTitle(f"{shown}[*] — NN Designer")

    def _step_name(self) -> str:
        if self.shown_step is None:
            return ""
        lesson, index = self.shown_step
        return f"{lesson.title} · step {index + 1}: {lesson.steps[index].title}"
