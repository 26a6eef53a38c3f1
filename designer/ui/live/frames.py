"""The frame budget of live training: how much work a frame may do so that frames keep coming.

A training frame is: some optimiser steps, the views that follow the values (the grid and the
region map, every neuron's map, the gradient colours, the curves) and the repaint of the
window. On a small laptop the views can cost more than the steps, and the repaint more than
both; a fixed "10 steps per frame" is then either too slow to watch (the spiral takes minutes)
or too heavy for a smooth picture.

:class:`FrameClock` measures what each part of a frame costs (exponential averages) and the
time from one frame to the next, which includes the repaint. From that it chooses:

- how many steps the next frame runs (``auto`` speed): what is left of the frame time after
  everything else, divided by the cost of one step;
- whether the next frame updates the views, or only every 2nd, 3rd … frame when the views
  alone would not fit in a frame (the weights on the canvas still move every frame).

Nothing here measures by sleeping; it only reads the clock around work that is done anyway.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

TARGET_S = 1 / 60  # a frame every 16.7 ms
HEADROOM = 0.85  # plan frames to 85 % of that: input events and the compositor need the rest
MAX_STEPS = 5000
MAX_VIEW_EVERY = 8
STEP_SHARE = 0.35  # of a frame, at least, for training steps


@dataclass
class Average:
    """An exponential moving average that forgets in about ten samples."""

    value: float = 0.0
    samples: int = 0

    def add(self, x: float) -> None:
        self.samples += 1
        weight = max(0.1, 1.0 / self.samples)
        self.value += weight * (x - self.value)


@dataclass
class FrameClock:
    costs: dict[str, Average] = field(default_factory=dict)  # seconds per frame, by part
    step_cost: Average = field(default_factory=Average)  # seconds per optimiser step
    period: Average = field(default_factory=Average)  # seconds from one frame's start to the next
    steps: int = 10  # what ``auto`` runs next
    view_every: int = 1  # the views follow every n-th frame
    frame: int = 0
    _start: float | None = None
    _good: int = 0  # frames in a row with time to spare (before showing views more often again)
    _painted: float = 0.0  # repaint time since the frame started (the views call :meth:`painted`)

    # ------------------------------------------------------------- measuring
    def begin(self) -> None:
        """A frame starts: the time since the last start is one period (work + repaint + idle)."""
        now = time.perf_counter()
        if self._start is not None:
            self.period.add(now - self._start)
            self.add("paint", self._painted)
        self._painted = 0.0
        self._start = now
        self.frame += 1

    def painted(self, seconds: float) -> None:
        """A big widget (canvas, region plot, curves) spent ``seconds`` repainting."""
        self._painted += seconds

    def reset(self) -> None:
        """Training paused: the next frame's period is not a frame's."""
        self._start = None

    def cost(self, part: str) -> float:
        """Seconds a part takes in a frame (0 until measured)."""
        average = self.costs.get(part)
        return average.value if average is not None else 0.0

    def add(self, part: str, seconds: float) -> None:
        self.costs.setdefault(part, Average()).add(seconds)

    def add_steps(self, count: int, seconds: float) -> None:
        if count:
            self.step_cost.add(seconds / count)

    # -------------------------------------------------------------- deciding
    @property
    def views_due(self) -> bool:
        return self.frame % self.view_every == 0

    def view_cost(self) -> float:
        """What updating and repainting the views costs in a frame that updates them."""
        return self.cost("views") + self.cost("paint")

    def plan(self, auto: bool, fixed: int) -> int:
        """Steps for the frame about to run; adjusts how often the views follow."""
        budget = TARGET_S * HEADROOM
        others = self.cost("metrics") + self.view_cost() / self.view_every + self.cost("other")
        spare = budget - others
        if spare < 0.25 * budget and self.view_every < MAX_VIEW_EVERY:
            self.view_every += 1  # the views alone fill the frame: show them less often
            self._good = 0
        elif spare > 0.5 * budget and self.view_every > 1:
            self._good += 1
            if self._good >= 30:  # half a second of slack: try showing them more often again
                self.view_every -= 1
                self._good = 0
        if not auto:
            return fixed
        cost = self.step_cost.value
        if cost <= 0:
            return self.steps
        if self.views_due:
            # a frame that updates the views trains only in what they leave: a longer frame would miss
            # the next one (the timer then waits a whole period), which costs more than the few steps
            this_frame = self.cost("metrics") + self.view_cost() + self.cost("other")
            self.steps = int(min(MAX_STEPS, max(1, (budget - this_frame) / cost)))
            return self.steps
        # the other frames always give training a share: on a machine too slow for 60 frames a second
        # the frames come less often, but the network still visibly learns
        self.steps = int(min(MAX_STEPS, max(1, max(spare, STEP_SHARE * budget) / cost)))
        return self.steps

    def overhead(self, measured_seconds: float) -> None:
        """Frame time nobody measured (layout, small widgets): learnt while frames are late, kept otherwise.

        While frames are on time the period is the timer's, so it says nothing about the rest.
        """
        if self.period.samples and self.period.value > TARGET_S * 1.05:
            self.add("other", max(0.0, self.period.value - measured_seconds))

    @property
    def fps(self) -> float:
        return 1.0 / self.period.value if self.period.value > 0 else 0.0
