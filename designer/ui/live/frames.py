"""The frame budget of live training: how much work a frame may do so that frames keep coming.

A training frame is: some optimiser steps, the views that follow the values (the grid and the
region map, every neuron's map, the gradient colours, the curves) and the repaint of the
window. On a small laptop the views can cost more than the steps, and the repaint more than
both; a fixed "10 steps per frame" is then either too slow to watch (the spiral takes minutes)
or too heavy for a smooth picture.

:class:`FrameClock` measures what each part of a frame costs (exponential averages; the time
nobody measured as a median, see :attr:`FrameClock.other`) and the time from one frame to the
next, which includes the repaint. From that it chooses:

- how many steps the next frame runs (``auto`` speed): what is left of the frame time after
  everything else, divided by the cost of one step;
- whether the next frame updates the views, or only every 2nd, 3rd … frame: on average the
  views take at most VIEW_SHARE of the frames, so training keeps most of the time and the rare
  frames that carry the views leave room for a delay (the weights on the canvas still move every
  frame);
- when the next frame is due. Frames keep a fixed rhythm (each is due one period after the last
  was due), so a frame the machine delayed (another program, a page fault, a long paint) is made
  up by training less in the next one instead of being lost: the picture keeps its frame rate and
  only the training slows for a moment. A stall longer than a period is not made up by a burst.

Nothing here measures by sleeping; it only reads the clock around work that is done anyway.
"""

from __future__ import annotations

import statistics
import time
from collections import deque
from dataclasses import dataclass, field

TARGET_S = 1 / 60  # a frame every 16.7 ms
HEADROOM = 0.85  # plan frames to 85 % of that: input events and the compositor need the rest
FRAME_S = 0.016  # the rhythm: a little faster than 60 Hz, so that 60 frames a second hold with a late one now and then
LATE_S = 0.001  # a frame that starts later than this after it was due is late
MAX_STEPS = 5000
MAX_VIEW_EVERY = 8
STEP_SHARE = 0.35  # of a frame, at least, for training steps
VIEW_SHARE = 0.4  # of a frame, at most, for the views on average (they follow every n-th frame to keep to it)


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
    steps: int = 10  # what ``auto`` runs next
    view_every: int = 1  # the views follow every n-th frame
    frame: int = 0
    _start: float | None = None
    _good: int = 0  # frames in a row with time to spare (before showing views more often again)
    _painted: float = 0.0  # repaint time since the frame started (the views call :meth:`painted`)
    late: float = 0.0  # seconds the current frame started after it was due
    dropped: int = 0  # frames given up after stalls (what a benchmark may want to know)
    _due: float | None = None  # when the next frame is due (perf_counter seconds; None: now)
    _views_shown: bool = False  # whether the current frame updates the views (its repaint is theirs too)
    _worked: float = 0.0  # the current frame's own work (steps, metrics, views), without its repaint
    #: per recent frame, the time it took that nobody measured (0 when the next frame came on time)
    _unmeasured: deque = field(default_factory=lambda: deque(maxlen=15))

    # ------------------------------------------------------------- measuring
    def begin(self, now: float | None = None) -> None:
        """A frame starts: the time since the last start is one period (work + repaint + idle)."""
        now = time.perf_counter() if now is None else now
        due = now if self._due is None else self._due
        self.late = max(0.0, now - due)
        if self._start is not None:
            period = now - self._start
            self.add("view paint" if self._views_shown else "paint", self._painted)
            # this frame is late: the last one took all of its period, so what its parts do not
            # explain was spent elsewhere (layout, small widgets, the window system)
            unmeasured = period - self._worked - self._painted if self.late > LATE_S else 0.0
            self._unmeasured.append(max(0.0, unmeasured))
        self._due = due
        self._painted = 0.0
        self._start = now
        self.frame += 1
        self._views_shown = self.views_due

    def wait(self, now: float | None = None) -> float:
        """Seconds from ``now`` until the next frame is due (0: it is late already, start it at once).

        Each frame is due one period after the last one was due; when that is more than a period
        ago (a stall), the rhythm starts again from now.
        """
        now = time.perf_counter() if now is None else now
        due = (now if self._due is None else self._due) + FRAME_S
        if due < now - FRAME_S:
            self.dropped += int((now - due) / FRAME_S)
            due = now
        self._due = due
        return max(0.0, due - now)

    def worked(self, seconds: float) -> None:
        """The frame's own work (steps, metrics, views) took ``seconds``; its repaint comes after it."""
        self._worked = seconds

    def painted(self, seconds: float) -> None:
        """A big widget (canvas, region plot, curves) spent ``seconds`` repainting."""
        self._painted += seconds

    def reset(self) -> None:
        """Training paused: the next frame's period is not a frame's, and it is due when it comes."""
        self._start = None
        self._due = None
        self.late = 0.0

    def cost(self, part: str) -> float:
        """Seconds a part takes in a frame (0 until measured)."""
        average = self.costs.get(part)
        return average.value if average is not None else 0.0

    @property
    def other(self) -> float:
        """Frame time nobody measured: the median over the last frames, so that a frame the machine
        delayed teaches nothing, and what only frames long ago needed is forgotten."""
        return statistics.median(self._unmeasured) if self._unmeasured else 0.0

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
        """What a frame that updates the views costs on top of one that does not."""
        return self.cost("views") + max(0.0, self.cost("view paint") - self.cost("paint"))

    def frame_cost(self) -> float:
        """What every frame costs besides its steps: metrics, the canvas's repaint, the unmeasured rest."""
        return self.cost("metrics") + self.cost("paint") + self.other

    def plan(self, auto: bool, fixed: int) -> int:
        """Steps for the frame about to run; adjusts how often the views follow."""
        budget = TARGET_S * HEADROOM
        views, base = self.view_cost(), self.frame_cost()
        spare = budget - base - views / self.view_every
        too_much = spare < 0.25 * budget or views / self.view_every > VIEW_SHARE * budget
        room_for_more = spare > 0.5 * budget and views / max(1, self.view_every - 1) < 0.75 * VIEW_SHARE * budget
        if too_much and self.view_every < MAX_VIEW_EVERY:
            self.view_every += 1  # the views take too much of the frames: show them less often
            self._good = 0
        elif self.view_every > 1 and room_for_more:
            self._good += 1
            if self._good >= 30:  # half a second of slack: try showing them more often again
                self.view_every -= 1
                self._good = 0
        self._views_shown = self.views_due  # what this frame will do, now that n is decided
        if not auto:
            return fixed
        cost = self.step_cost.value
        if cost <= 0:
            return self.steps
        room = budget - base - self.late
        if self.views_due:
            # a frame that updates the views trains only in what they leave: a longer frame would be
            # late for the next one, which then has to make up for it
            self.steps = int(min(MAX_STEPS, max(1, (room - views) / cost)))
            return self.steps
        # a late frame makes up for it by training less, so the next one comes on time; but on a
        # machine too slow for 60 frames a second the frames always give training a share: they
        # come less often, and the network still visibly learns
        if budget - base < STEP_SHARE * budget:
            room = STEP_SHARE * budget
        self.steps = int(min(MAX_STEPS, max(1, room / cost)))
        return self.steps
