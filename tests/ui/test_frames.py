"""The frame budget decides from measured costs (fed in here by hand: no clocks, no timing)."""

import pytest

from designer.ui.live.frames import FRAME_S, HEADROOM, MAX_VIEW_EVERY, STEP_SHARE, TARGET_S, VIEW_SHARE, FrameClock

BUDGET = TARGET_S * HEADROOM


def clock_with(step_s: float, views_s: float, paint_s: float = 0.0) -> FrameClock:
    clock = FrameClock()
    clock.add_steps(10, 10 * step_s)
    clock.add("views", views_s)
    clock.add("paint", paint_s)
    return clock


def test_auto_fills_what_the_views_leave_of_a_frame_with_steps():
    clock = clock_with(step_s=50e-6, views_s=0.004, paint_s=0.002)
    steps = clock.plan(auto=True, fixed=1)
    assert steps == int((TARGET_S * HEADROOM - 0.006) / 50e-6)
    assert clock.view_every == 1  # the views fit: they follow every frame


def test_a_fixed_speed_runs_exactly_that_many_steps():
    assert clock_with(step_s=50e-6, views_s=0.001).plan(auto=False, fixed=100) == 100


def test_views_that_do_not_fit_are_shown_less_often_and_come_back_when_there_is_room():
    clock = clock_with(step_s=50e-6, views_s=0.030)  # views alone take two frames
    for _ in range(20):
        clock.plan(auto=True, fixed=1)
    # every 6th frame: 5 ms of views per frame on average, within their share of the frames (5.7 ms)
    assert clock.view_every == 6
    assert 0.030 / 6 <= VIEW_SHARE * BUDGET < 0.030 / 5
    slow = clock_with(step_s=50e-6, views_s=1.0)
    for _ in range(20):
        slow.plan(auto=True, fixed=1)
    assert slow.view_every == MAX_VIEW_EVERY
    cheap = FrameClock()
    cheap.view_every = 4
    cheap.add("views", 0.0005)
    for _ in range(29):
        cheap.plan(auto=True, fixed=1)
    assert cheap.view_every == 4  # half a second of spare time first
    cheap.plan(auto=True, fixed=1)
    assert cheap.view_every == 3


def test_training_keeps_a_share_of_the_frames_however_slow_the_views():
    clock = clock_with(step_s=100e-6, views_s=0.5)
    planned = []
    for _ in range(30):
        clock.begin()
        planned.append((clock.views_due, clock.plan(auto=True, fixed=1)))
    share = int(STEP_SHARE * TARGET_S * HEADROOM / 100e-6)
    assert share > 10 and all(steps >= share for due, steps in planned if not due)
    assert [steps for due, steps in planned if due][-1] == 1  # the views' frames are full already


def test_a_frame_that_updates_the_views_trains_only_in_what_they_leave():
    """Steps at the share every frame would make the views' frames late (two periods long)."""
    clock = clock_with(step_s=100e-6, views_s=0.008, paint_s=0.004)
    clock.view_every = 8
    for frame in range(1, 17):
        clock.frame = frame  # (begin() would also start measuring a paint time that the test has none of)
        steps = clock.plan(auto=True, fixed=1)
        if clock.views_due:
            assert steps * 100e-6 + 0.012 <= TARGET_S * HEADROOM + 100e-6
        else:
            assert steps * 100e-6 >= STEP_SHARE * TARGET_S * HEADROOM


def test_views_are_due_on_every_nth_frame():
    clock = FrameClock()
    clock.view_every = 3
    due = []
    for _ in range(9):
        clock.begin()
        due.append(clock.views_due)
    assert due.count(True) == 3


def test_the_views_share_of_the_frames_is_kept_even_when_they_would_fit_in_one():
    """12 ms of views fit in a 14 ms frame, but every frame would then train almost nothing and
    every frame would be one delay away from being late."""
    clock = clock_with(step_s=50e-6, views_s=0.008, paint_s=0.002)
    clock.add("view paint", 0.006)  # the views' frames repaint the maps too: 4 ms more than the others
    for _ in range(20):
        clock.plan(auto=True, fixed=1)
    assert clock.view_cost() == pytest.approx(0.012)
    assert clock.view_every == 3  # 4 ms a frame on average ≤ 40 % of the budget < 6 ms
    assert clock.view_cost() / clock.view_every <= VIEW_SHARE * BUDGET < clock.view_cost() / 2


class Frames:
    """Frames as the event loop runs them: a frame works and repaints, then the next one starts when
    it is due, or at once when the last one ran past that (times fed in by hand: no clocks)."""

    def __init__(self, clock: FrameClock, now: float = 10.0) -> None:
        self.clock, self.now = clock, now
        clock.begin(now=now)

    def run(self, worked: float, painted: float = 0.0, elsewhere: float = 0.0) -> None:
        """This frame works ``worked`` s, repaints ``painted`` s, and loses ``elsewhere`` s to what
        nobody measures; then the next frame begins."""
        clock = self.clock
        clock.worked(worked)
        wait = clock.wait(now=self.now + worked)
        clock.painted(painted)
        self.now = max(self.now + worked + painted + elsewhere, self.now + worked + wait)
        clock.begin(now=self.now)


def test_frames_keep_a_rhythm_and_a_late_frame_is_made_up_by_training_less():
    clock = clock_with(step_s=100e-6, views_s=0.0)
    frames = Frames(clock)
    start = frames.now
    assert clock.late == 0.0
    on_time = clock.plan(auto=True, fixed=1)
    frames.run(worked=0.005)
    assert frames.now == pytest.approx(start + FRAME_S)  # due one period after the last
    assert clock.late == 0.0
    frames.run(worked=0.025)  # this frame ran long: the next starts at once, late
    assert clock.late == pytest.approx(0.025 - FRAME_S)
    late = clock.plan(auto=True, fixed=1)
    assert late == pytest.approx(on_time - (0.025 - FRAME_S) / 100e-6, abs=1)  # fewer steps by the delay
    frames.run(worked=0.002)
    assert frames.now == pytest.approx(start + 3 * FRAME_S)  # and the rhythm is kept
    assert clock.late == 0.0


def test_a_stall_longer_than_a_period_is_not_made_up_by_a_burst():
    frames = Frames(FrameClock(), now=5.0)
    frames.run(worked=0.2)  # the machine stalled for 0.2 s: twelve frames were due meanwhile
    assert frames.now == pytest.approx(5.2)
    assert frames.clock.late == 0.0  # they are not made up: the rhythm starts again from the stall's end
    assert frames.clock.dropped == 11  # the one due at the stall's end comes at once
    frames.run(worked=0.001)
    assert frames.now == pytest.approx(5.2 + FRAME_S)


def test_a_late_frame_on_a_slow_machine_still_trains_its_share():
    clock = clock_with(step_s=100e-6, views_s=0.0, paint_s=0.012)  # the repaint alone leaves < 35 %
    clock.view_every = 3
    frames = Frames(clock)
    frames.run(worked=0.005, painted=0.012, elsewhere=0.010)
    assert clock.late > 0 and not clock.views_due
    assert clock.plan(auto=True, fixed=1) == int(STEP_SHARE * BUDGET / 100e-6)


def test_time_nobody_measured_is_learnt_from_late_frames_and_one_delay_teaches_nothing():
    frames = Frames(FrameClock())
    for _ in range(10):
        frames.run(worked=0.004, painted=0.003, elsewhere=0.002)  # on time: nothing to learn
    assert frames.clock.other == 0.0
    frames.run(worked=0.004, painted=0.003, elsewhere=0.033)  # one frame the machine delayed
    assert frames.clock.other == 0.0
    for _ in range(10):
        frames.run(worked=0.010, painted=0.004, elsewhere=0.006)  # every frame late: 6 ms went elsewhere
    assert frames.clock.other == pytest.approx(0.006)
    for _ in range(10):
        frames.run(worked=0.004, painted=0.003)  # on time again: forgotten
    assert frames.clock.other == 0.0


def test_a_frame_whose_plan_stops_showing_the_views_counts_its_repaint_as_a_plain_one():
    clock = clock_with(step_s=50e-6, views_s=0.030)
    clock.begin(now=1.0)  # frame 1: with views every frame, a views frame…
    clock.plan(auto=True, fixed=1)
    assert clock.view_every == 2 and not clock.views_due  # …until the plan shows them every 2nd
    clock.painted(0.003)
    clock.begin(now=1.016)
    assert "view paint" not in clock.costs
    assert clock.cost("paint") == pytest.approx(0.0015)  # (0 from clock_with + 3 ms) / 2
