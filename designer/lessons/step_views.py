"""A lesson step's views and layout: which views it shows (its own list, its layout's, or the step
before's), which one or two share the stage, and the exercise panel its exercise needs."""

from __future__ import annotations

from designer.exercises import ChainRuleExercise, Exercise
from designer.exercises.strict import StrictObject
from designer.lessons.lesson import MAX_STAGE, VIEWS, LessonError, Step
from designer.model.fileformat import type_name
from designer.model.jsonread import clipped


def step_views(
    r: StrictObject, previous: Step | None, exercise: Exercise | ChainRuleExercise | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The step's (views, layout): its own list, else its layout's views, else the step before's
    without its exercise panel; the panel of the step's exercise added; LessonError naming the place."""
    panel = None if exercise is None else "chainrule" if isinstance(exercise, ChainRuleExercise) else "exercise"
    layout = _layout(r) if r.has("layout") else None
    if r.has("views"):
        views = _view_list(r)
        for name in ("exercise", "chainrule"):
            if name in views and name != panel:
                kind = "a chain-rule exercise" if name == "chainrule" else "a design exercise"
                raise LessonError(f"{r.at('views')}: '{name}' needs the step to have {kind}")
    elif layout is not None:
        views = layout
    else:
        inherited = previous.views if previous else ("canvas",)
        views = tuple(v for v in inherited if v not in ("exercise", "chainrule"))
        layout = tuple(v for v in previous.layout if v in views) if previous else None
    if layout is None:
        layout = views[:2]
    missing = [v for v in layout if v not in views]
    if missing:
        raise LessonError(f"{r.at('layout')}: '{missing[0]}' is not among the step's views")
    if panel is not None and panel not in views:
        views = (*views, panel)
    return views, layout or views[:1]


def _view_list(r: StrictObject) -> tuple[str, ...]:
    names = r.items("views", len(VIEWS))
    for k, name in enumerate(names):
        if name not in VIEWS:
            shown = name[:40] if isinstance(name, str) else type_name(name)
            raise LessonError(f"{r.at('views')}[{k}]: unknown view '{shown}' (known: {', '.join(VIEWS)})")
    if len(set(names)) != len(names):
        raise LessonError(f"{r.at('views')}: a view is listed twice")
    return tuple(names)


def _layout(r: StrictObject) -> tuple[str, ...]:
    text = r.text("layout", 100)
    names = tuple(part.strip() for part in text.split("+"))
    for name in names:
        if name not in VIEWS:
            raise LessonError(f"{r.at('layout')}: unknown view '{clipped(name, 40)}' (known: {', '.join(VIEWS)})")
    if len(set(names)) != len(names) or len(names) > MAX_STAGE:
        raise LessonError(f"{r.at('layout')}: 1 to {MAX_STAGE} different views joined by '+', e.g. canvas+regions")
    return names
