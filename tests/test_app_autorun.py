"""The auto-run timer: pacing at a set speed, batching at top speed, skipping ticks."""

import itertools

import pytest

from app.autorun import (
    FIRST_BATCH,
    MAX_BACKLOG_S,
    MAX_BATCH,
    SLICE_S,
    YIELD_AFTER_S,
    YIELDS_IN_A_ROW,
    AutoRunner,
)
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
    sizes: list[int] = []

    def advance(n: int) -> int:
        sizes.append(n)
        return 0 if len(sizes) <= 20 else n  # the first 20 ticks: the history was growing

    runner = AutoRunner(advance)
    runner.steps_per_second = None
    runner.start()
    qtbot.waitUntil(lambda: len(sizes) >= 40, timeout=3000)
    runner.stop()
    # Ticks that did nothing must not inflate the batch...
    assert max(sizes[:21]) == sizes[0]
    assert max(sizes) > sizes[0]  # ...and batches grew once steps were cheap


def test_top_speed_batch_stays_bounded_when_steps_cost_next_to_nothing(qtbot):
    # Regression: each slice doubled the batch without a cap, so after about a thousand
    # near-free slices ``done * SLICE_S / spent`` overflowed (OverflowError in the loop).
    clock = FakeClock()
    calls: list[int] = []

    def advance(n: int) -> int:
        calls.append(n)
        clock.now += 1e-12  # measurable, but next to nothing
        return n

    runner = AutoRunner(advance, clock=clock)
    runner.steps_per_second = None
    for _ in range(3000):
        clock.now += 0.001  # the loop went round quickly; no yield is due
        runner.tick()
    assert len(calls) > 2000
    assert max(calls) == MAX_BATCH


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


def _top_speed_runner(clock: FakeClock, step_seconds: float = 1e-6):
    """A top-speed runner whose steps each take ``step_seconds`` of fake time."""
    calls: list[int] = []

    def advance(n: int) -> int:
        calls.append(n)
        clock.now += n * step_seconds
        return n

    runner = AutoRunner(advance, clock=clock)
    runner.steps_per_second = None
    runner.start()
    return runner, calls


def _free_passes(runner: AutoRunner, clock: FakeClock, ticks: int) -> None:
    """``ticks`` passes of an event loop that does nothing else between the ticks."""
    for _ in range(ticks):
        clock.now += 0.0001
        runner.tick()


def test_top_speed_computes_in_slices_of_the_set_length(qtbot):
    clock = FakeClock()
    runner, calls = _top_speed_runner(clock)
    for _ in range(40):
        clock.now += 0.0001  # the event loop's own pass: nothing else ran
        before = clock.now
        runner.tick()
        computing = clock.now - before
    assert computing == pytest.approx(SLICE_S, rel=0.05)
    assert len(calls) == 40  # every tick computed


@pytest.mark.parametrize("other_work", [0.004, 0.015, 0.040])
def test_top_speed_lets_the_loop_go_round_after_other_work(qtbot, other_work):
    # After a redraw or a repaint (other work between ticks), the next tick does nothing,
    # so that a click waiting behind that work does not also wait behind a slice.
    clock = FakeClock()
    runner, calls = _top_speed_runner(clock)
    _free_passes(runner, clock, 10)
    seen = len(calls)
    clock.now += other_work
    runner.tick()
    assert len(calls) == seen  # yielded
    clock.now += 0.0001
    runner.tick()
    assert len(calls) == seen + 1  # and computes again at the next pass


def test_top_speed_does_not_yield_for_the_loops_own_pass(qtbot):
    clock = FakeClock()
    runner, calls = _top_speed_runner(clock)
    for _ in range(20):
        clock.now += YIELD_AFTER_S * 0.9
        runner.tick()
    assert len(calls) == 20


def test_top_speed_slices_when_steps_are_slow(qtbot):
    # 200 µs a step (a slow machine): the slice still ends near SLICE_S, never far past.
    clock = FakeClock()
    runner, _ = _top_speed_runner(clock, step_seconds=200e-6)
    spent = []
    for _ in range(30):
        clock.now += 0.0001
        before = clock.now
        runner.tick()
        spent.append(clock.now - before)
    assert max(spent[10:]) <= SLICE_S * 1.1
    assert min(spent[10:]) >= SLICE_S * 0.9


def test_top_speed_yields_at_most_twice_in_a_row(qtbot):
    # A view that repaints after every pass (several repaints after one redraw) must
    # not keep the run from computing: after YIELDS_IN_A_ROW yields, the next tick computes.
    clock = FakeClock()
    runner, calls = _top_speed_runner(clock)
    for _ in range(21):
        clock.now += 0.010  # other work between every two ticks
        runner.tick()
    assert YIELDS_IN_A_ROW == 2
    assert len(calls) == 7  # every third tick


def test_top_speed_lets_the_loop_go_round_after_a_redraw_and_after_its_repaint(qtbot):
    # Qt delivers a redraw's repaint in a later pass than the redraw: a yield after each,
    # so that the repaint and a slice do not run back to back (one long gap).
    clock = FakeClock()
    runner, calls = _top_speed_runner(clock)
    _free_passes(runner, clock, 10)
    seen = len(calls)
    clock.now += 0.006  # the redraw
    runner.tick()
    clock.now += 0.015  # its repaint
    runner.tick()
    assert len(calls) == seen  # yielded after both
    clock.now += 0.0001
    runner.tick()
    assert len(calls) == seen + 1


def test_a_runs_first_slices_start_small_and_grow_to_a_slice(qtbot):
    """Run (often right after Reset) redraws every view: a full slice computed before that
    repaint arrived made one long wait of both (52 ms at step 0 on the Slopes tab)."""
    clock = FakeClock()
    runner, calls = _top_speed_runner(clock)
    _free_passes(runner, clock, 40)
    assert calls[-1] > 4 * FIRST_BATCH  # tuned to a full slice
    runner.stop()
    calls.clear()
    runner.start()
    _free_passes(runner, clock, 12)
    assert calls[0] <= FIRST_BATCH
    assert all(b <= 2 * a for a, b in itertools.pairwise(calls))  # doubling at most
    assert calls[-1] > 4 * FIRST_BATCH  # back to full slices within a few ticks
