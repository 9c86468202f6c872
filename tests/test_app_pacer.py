"""Pacing of expensive views while running (a fake clock, no timing assertions)."""

from app.pacer import Pacer


class FakeClock:
    def __init__(self) -> None:
        self.now = 10.0

    def __call__(self) -> float:
        return self.now


def _frames(cost_update: float, cost_paint: float, frame: float, seconds: float) -> tuple[int, int]:
    """(frames, frames that redraw a view of that cost), frames ``frame`` seconds apart."""
    clock = FakeClock()
    pacer = Pacer(3.0, clock)
    redrawn = frames = 0
    end = clock.now + seconds
    while clock.now < end:
        frames += 1
        if pacer.due(running=True):
            began = clock.now
            clock.now += cost_update
            pacer.updated(began)
            pacer.painted(cost_paint)
            redrawn += 1
        clock.now += frame
    return frames, redrawn


def test_a_cheap_view_is_redrawn_every_frame():
    frames, redrawn = _frames(0.003, 0.004, 0.025, 1.0)
    assert redrawn == frames


def test_a_view_within_the_every_frame_cost_is_redrawn_every_frame():
    # 14 ms a redraw: three times that is more than a 25 ms frame, still every frame.
    frames, redrawn = _frames(0.006, 0.008, 0.025, 1.0)
    assert redrawn == frames


def test_an_expensive_view_takes_at_most_a_third_of_the_time():
    frames, redrawn = _frames(0.040, 0.040, 0.025, 3.0)
    assert 0 < redrawn < frames
    assert redrawn * 0.080 <= 3.0 / 3 + 0.080  # at most a third of the 3 s


def test_paused_changes_show_at_once_and_a_new_tab_at_the_next_chance():
    clock = FakeClock()
    pacer = Pacer(3.0, clock)
    assert pacer.due(running=True)
    pacer.updated(clock.now - 0.5)  # an update of 0.5 s, while running, just ended
    assert pacer.due(running=False)
    assert not pacer.due(running=True)
    pacer.reset()
    assert pacer.due(running=True)


def test_the_repaints_until_the_next_frame_count():
    # A pyqtgraph plot whose range changed paints two or three times, the Slopes page
    # (several plots) six: all of them are the update's cost; the next frame's are not.
    clock = FakeClock()
    pacer = Pacer(3.0, clock)
    assert pacer.due(running=True)
    began = clock.now
    clock.now += 0.010
    pacer.updated(began)
    for seconds in (0.020, 0.015, 0.002, 0.005, 0.006):
        pacer.painted(seconds)
    assert abs(pacer.cost - 0.058) < 1e-12
    pacer.due(running=True)  # the next frame
    pacer.painted(0.500)  # its repaint (e.g. a resize) is not the view's cost
    assert abs(pacer.cost - 0.058) < 1e-12
    began = clock.now
    clock.now += 0.002
    pacer.updated(began)  # the next update starts its own count
    assert abs(pacer.cost - 0.002) < 1e-12


def test_a_cost_measured_while_paused_does_not_pace_the_run():
    # Showing the Slopes tab paused builds its plots (1.4 s); Run must not then wait
    # three times that for the first redraw: that one measures the running cost.
    clock = FakeClock()
    pacer = Pacer(3.0, clock)
    assert pacer.due(running=False)
    began = clock.now
    clock.now += 1.4
    pacer.updated(began)
    clock.now += 0.01
    assert pacer.due(running=True)
    began = clock.now
    clock.now += 0.060  # a running redraw: 60 ms
    pacer.updated(began)
    clock.now += 0.01
    assert not pacer.due(running=True)  # now paced by the running cost...
    clock.now += 3.0 * 0.060
    assert pacer.due(running=True)  # ...three times 60 ms, not 1.4 s
