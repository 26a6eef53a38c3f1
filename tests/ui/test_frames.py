"""The frame budget decides from measured costs (fed in here by hand: no clocks, no timing)."""

from designer.ui.live.frames import HEADROOM, MAX_VIEW_EVERY, STEP_SHARE, TARGET_S, FrameClock


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
    # every 3rd frame: 10 ms of views per frame on average leaves a quarter of the frame for steps
    assert clock.view_every == 3
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
