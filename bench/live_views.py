"""``bench/live.py --views``: the training frame with the newer views open, and what each part costs.

Every part of a frame is timed on the main thread's CPU clock (``time.thread_time``: the time other
processes held the core is not counted, the machine is shared), by wrapping the methods that do it
(the app is not changed; nested parts are counted once, in the innermost). The widgets' paints are
timed the same way; what no wrapper covers (layout, the event loop, the window system) is the rest
of the process's CPU time. Figures are per canvas frame and per CPU second.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable

#: a view set: what is opened in the window before training starts (see ``open_views``)
VIEWS = (
    "default",
    "landscape",
    "landscape-curve",
    "landscape-hidden",
    "activation",
    "activation-hidden",
    "maps-off",
    "math",
    "lesson",
    "presentation",
    "backward",
    "points",
)


class PartClock:
    """CPU seconds (main thread) per named part, innermost part only, and calls per part."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._stack: list[list] = []  # [part, start, time of nested parts]

    def wrap(self, owner, name: str, part: str) -> None:
        """Time ``owner.name`` (a class's method, patched before any instance connects it)."""
        original = getattr(owner, name)
        clock = self

        def timed(*args, **kwargs):
            clock._enter(part)
            try:
                return original(*args, **kwargs)
            finally:
                clock._leave()

        timed.__name__ = getattr(original, "__name__", name)
        setattr(owner, name, timed)

    def wrap_paint(self, widget, part: str) -> None:
        """Time one widget's paints (an instance attribute: PySide calls it for the virtual)."""
        original = widget.paintEvent
        clock = self

        def timed(event) -> None:
            clock._enter(part)
            try:
                original(event)
            finally:
                clock._leave()

        widget.paintEvent = timed

    def _enter(self, part: str) -> None:
        self._stack.append([part, time.thread_time(), 0.0])

    def _leave(self) -> None:
        part, start, nested = self._stack.pop()
        spent = time.thread_time() - start
        self.seconds[part] += spent - nested
        self.calls[part] += 1
        if self._stack:
            self._stack[-1][2] += spent

    def snapshot(self) -> tuple[dict[str, float], dict[str, int]]:
        return dict(self.seconds), dict(self.calls)


def install_part_clock() -> PartClock:
    """Wrap the methods each part of a frame runs (before any window is built)."""
    from designer.ui.code_docks import CodeDock, MathDock
    from designer.ui.live.activation_view import ActivationView
    from designer.ui.live.curves import LossCurves
    from designer.ui.live.gradflow import GradientFlow
    from designer.ui.live.landscape_view import LandscapeView
    from designer.ui.live.panel_run import RunGroup
    from designer.ui.live.region import RegionView
    from designer.ui.live.session import Session
    from designer.ui.live.thumbs import NeuronMaps
    from designer.ui.live.training import Training
    from designer.ui.presentation.focus import FocusCard

    clock = PartClock()
    parts: list[tuple[object, str, str]] = [
        (Training, "_run_steps", "steps"),
        (Training, "_record", "metrics"),
        (Session, "flush", "grid"),
        (NeuronMaps, "refresh", "maps"),
        (GradientFlow, "refresh", "gradient colouring"),
        (RegionView, "refresh", "region"),
        (LossCurves, "refresh", "curves"),
        (ActivationView, "refresh", "activation"),
        (LandscapeView, "_values_moved", "landscape path"),
        (LandscapeView, "_stepped", "landscape path"),
        (LandscapeView, "compute", "landscape surface"),
        (MathDock, "refresh", "math"),
        (CodeDock, "refresh", "math"),
        (FocusCard, "_values_changed", "presentation card"),
        (RunGroup, "show_progress", "panel"),
    ]
    for owner, name, part in parts:
        clock.wrap(owner, name, part)
    return clock


def time_paints(clock: PartClock, window) -> None:
    """Every scroll area's viewport (canvas, plots, text views) and the focus card: their paints."""
    from PySide6.QtWidgets import QAbstractScrollArea

    seen = set()
    for area in window.findChildren(QAbstractScrollArea):
        viewport = area.viewport()
        if id(viewport) in seen:
            continue
        seen.add(id(viewport))
        name = area.objectName() or type(area).__name__
        if area is window.view:
            name = "canvas"
        clock.wrap_paint(area, f"paint {paint_group(name)}")
    card = getattr(window.presentation, "card", None)
    if card is not None:
        clock.wrap_paint(card, "paint presentation card")


def paint_group(name: str) -> str:
    """Plots and text views by what they are."""
    for group in ("canvas", "region", "landscape", "activation", "derivative", "loss", "acc", "math"):
        if group in name.lower():
            return "activation" if group == "derivative" else "curves" if group in ("loss", "acc") else group
    return "other"


def open_views(app, window, view: str, settle: Callable[[], None]) -> None:
    """Open what ``view`` names in a window laid out and trained as ``bench/live.py``'s."""
    live = window.live
    scene = window.scene
    hidden = view.endswith("-hidden")
    name = view.removesuffix("-hidden")
    if name in ("landscape", "landscape-curve"):
        live.landscape_dock.show()
        settle()
        if name == "landscape-curve":
            first = live.landscape.parameters[0]
            live.landscape.set_parameters([first.id])
    elif name == "activation":
        live.activation_dock.show()
        settle()
        neuron = next(n for n in window.document.network.neurons if n not in window.document.network.outputs)
        scene.node_items[neuron].setSelected(True)
        window.session.set_probe(window.session.data.x_train[0], pinned=True)
    elif name == "maps-off":
        live.actions["neuron_maps"].setChecked(False)
    elif name == "math":
        window.exports.math_dock.show()
    elif name == "lesson":
        window.lessons.dock.show()
    elif name == "presentation":
        window.presentation.enter()
    elif name == "points":
        from designer.engine.data import DataOptions

        window.session.regenerate(DataOptions("spiral", 0.1, 0.5, 0, n=2000))
    if hidden:  # the view in a tab behind the Decision Regions
        dock = live.landscape_dock if name == "landscape" else live.activation_dock
        window.tabifyDockWidget(live.region_dock, dock)
        live.region_dock.raise_()
    settle()


def after_start(window, view: str) -> None:
    """What is done once training runs (the backward walk: B pressed during training)."""
    if view == "backward":
        window.live.actions["backward_pass"].trigger()
