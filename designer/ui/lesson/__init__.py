"""The lesson player: a lecture's steps played in the window or on the presentation stage."""

from designer.ui.lesson.player import LessonPlayer

__all__ = ["LessonPlayer"]
