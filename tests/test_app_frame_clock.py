"""The frame clock: one redraw for many requests, at most 30 a second while running."""

import pytest

from app.frame_clock import FRAME_S, FrameClock


class FakeClock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


def _clock(running: bool):
    clock = FakeClock()
    draws: list[float] = []
    frames = FrameClock(lambda: draws.append(clock.now), lambda: running, clock=clock)
    return frames, clock, draws


def test_paused_requests_are_drawn_once_at_the_next_pass(qtbot):
    frames, _, draws = _clock(running=False)
    for _ in range(5):
        frames.request()
    assert frames.pending
    assert frames.delay() == 0.0
    qtbot.waitUntil(lambda: not frames.pending, timeout=1000)
    assert len(draws) == 1


def test_while_running_a_redraw_waits_for_the_rest_of_the_frame(qtbot):
    frames, clock, draws = _clock(running=True)
    frames.fire()  # a redraw just began
    clock.now += 0.010
    assert frames.delay() == pytest.approx(FRAME_S - 0.010)
    clock.now += FRAME_S
    assert frames.delay() == 0.0
    assert len(draws) == 1


def test_while_running_many_requests_make_one_redraw(qtbot):
    frames, _, draws = _clock(running=True)
    frames.fire()
    for _ in range(20):
        frames.request()  # 20 slices of auto-run, each with new rows
    assert frames.pending
    qtbot.waitUntil(lambda: not frames.pending, timeout=1000)
    assert len(draws) == 2


def test_a_pause_is_drawn_at_once_even_with_a_frame_waiting(qtbot):
    running = {"on": True}
    clock = FakeClock()
    draws: list[float] = []
    frames = FrameClock(lambda: draws.append(clock.now), lambda: running["on"], clock=clock)
    frames.fire()
    frames.request()  # waits for the frame (real timer, about 33 ms)
    running["on"] = False
    frames.request()  # paused: now
    qtbot.wait(1)  # one pass of the event loop, far less than a frame
    assert len(draws) == 2
    assert not frames.pending
