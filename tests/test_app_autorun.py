"""The auto-run timer: pacing at a set speed, batching at top speed, skipping ticks."""

import pytest

from app.autorun import MAX_BACKLOG_S, MAX_BUDGET_S, MIN_BUDGET_S, TARGET_FRAME_S, AutoRunner
from widgets.run_controls import SPEEDS


def test_slow_speed_runs_about_that_many_steps(qtbot):
    calls: list[int] = []
    runner = AutoRunner(lambda n: calls.append(n) or n)
    runner.steps_per_second = 20
    runner.start()
    qtbot.waitUntil(lambda: sum(calls) >= 6, timeout=3000)
    runner.stop()
    assert all(n <= 2 for n in calls)  # a tick never does a burst at 20 steps/s
    assert not runner.active


def test_top_speed_adapts_its_batch_and_survives_skipped_ticks(qtbot):
    skipping = {"on": True}
    sizes: list[int] = []

    def advance(n: int) -> int:
        sizes.append(n)
        return 0 if skipping["on"] else n

    runner = AutoRunner(advance)
    runner.steps_per_second = None
    runner.start()
    qtbot.waitUntil(lambda: len(sizes) >= 20, timeout=3000)
    # Ticks that did nothing (the history was growing) must not inflate the batch.
    assert max(sizes) == sizes[0]
    skipping["on"] = False
    qtbot.waitUntil(lambda: len(sizes) >= 40, timeout=3000)
    runner.stop()
    assert max(sizes) > sizes[0]  # batches grew once steps were cheap


class FakeClock:
    """Seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _run_with_fake_clock(speed, seconds, intervals, work_seconds=0.0):
    """Tick an AutoRunner at the given intervals (cycled) for ``seconds`` of fake time;
    each advance call takes ``work_seconds``.  Returns (steps done, calls)."""
    clock = FakeClock()
    calls: list[int] = []

    def advance(n: int) -> int:
        calls.append(n)
        clock.now += work_seconds
        return n

    runner = AutoRunner(advance, clock=clock)
    runner.steps_per_second = speed
    runner.start()
    began = clock.now
    i = 0
    while clock.now - began < seconds:
        clock.now += intervals[i % len(intervals)]
        i += 1
        runner.tick()
    runner.stop()
    return sum(calls), calls, clock.now - began


@pytest.mark.parametrize("speed", [s for s in SPEEDS if s is not None and s <= 50_000])
def test_set_speeds_are_exact_to_half_a_percent(qtbot, speed):
    # Uneven ticks (a busy event loop), as long as it takes for 400 steps, at least 10 s.
    seconds = max(10.0, 400 / speed)
    done, calls, elapsed = _run_with_fake_clock(speed, seconds, [0.016, 0.021, 0.013, 0.045])
    expected = 1 + speed * elapsed  # the first step comes at once when Run is pressed
    assert abs(done - expected) <= 0.005 * expected
    # Steps are spread evenly: no tick does more than its share plus one.
    assert max(calls) <= speed * 0.045 + 1


def test_set_speed_keeps_steps_owed_while_the_history_grows(qtbot):
    clock = FakeClock()
    skipping = {"on": False}
    done: list[int] = []

    def advance(n: int) -> int:
        if skipping["on"]:
            return 0
        done.append(n)
        return n

    runner = AutoRunner(advance, clock=clock)
    runner.steps_per_second = 1000
    runner.start()
    for tick in range(300):  # 3 s at 10 ms a tick, 0.2 s of which were skipped
        skipping["on"] = 100 <= tick < 120
        clock.now += 0.010
        runner.tick()
    assert sum(done) == pytest.approx(1 + 1000 * 3.0, abs=1)


def test_a_long_stall_is_not_followed_by_a_burst(qtbot):
    _, calls, _ = _run_with_fake_clock(100, 1.0, [5.0])  # one tick every 5 s
    assert max(calls) <= 100 * MAX_BACKLOG_S + 1


def test_pause_stops_at_once(qtbot):
    calls: list[int] = []
    runner = AutoRunner(lambda n: calls.append(n) or n)
    runner.steps_per_second = 50_000
    runner.start()
    qtbot.waitUntil(lambda: len(calls) >= 2, timeout=3000)
    runner.stop()
    seen = len(calls)
    qtbot.wait(100)  # several frames' worth of timer ticks
    assert len(calls) == seen
    assert not runner.active


@pytest.mark.parametrize("drawing", [0.002, 0.010, 0.020, 0.040])
def test_top_speed_budget_fills_the_frame_left_by_drawing(qtbot, drawing):
    # Each step takes 1 µs; between ticks the views take ``drawing`` seconds.
    clock = FakeClock()

    def advance(n: int) -> int:
        clock.now += n * 1e-6
        return n

    runner = AutoRunner(advance, clock=clock)
    runner.steps_per_second = None
    runner.start()
    for _ in range(60):
        clock.now += drawing
        before = clock.now
        runner.tick()
        computing = clock.now - before
    expected = min(max(TARGET_FRAME_S - drawing, MIN_BUDGET_S), MAX_BUDGET_S)
    assert runner.budget == pytest.approx(expected)
    assert computing == pytest.approx(expected, rel=0.05)


def test_top_speed_budget_leaves_room_for_the_occasional_expensive_frame(qtbot):
    # Most frames draw in 2 ms, every fifth (the error plot) in 15 ms: the budget must
    # leave room for the 15 ms frame, not only for the cheap ones.
    clock = FakeClock()

    def advance(n: int) -> int:
        clock.now += n * 1e-6
        return n

    runner = AutoRunner(advance, clock=clock)
    runner.steps_per_second = None
    runner.start()
    for i in range(100):
        clock.now += 0.015 if i % 5 == 0 else 0.002
        runner.tick()
    assert runner.budget == pytest.approx(TARGET_FRAME_S - 0.015)
