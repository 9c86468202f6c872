"""Pacing an expensive view: redraw it only as often as keeps it to a share of the time."""

from __future__ import annotations

import time
from collections.abc import Callable

#: A view whose redraw costs at most this is redrawn every frame (the numbers then move
#: at the frame rate; the cost counted includes whatever else those repaints drew).
EVERY_FRAME_S = 0.015


class Pacer:
    """Whether a view may be redrawn now, from what its last redraw cost.

    A redraw's cost is the time its update took plus the time of the repaints that
    followed (reported with :meth:`painted`) until the next frame asks whether it is
    due: a pyqtgraph plot whose range changed paints two or three times, a page of
    several plots more.  While running, a view costing more than
    ``EVERY_FRAME_S`` is redrawn only when at least ``share`` times that cost has passed
    since its last redraw: one costing 60 ms is redrawn a few times a second.
    When nothing runs, every change is shown at once; and a cost measured then (a view
    built on first show, a paused redraw at full detail) does not pace the run that
    follows: the first redraw while running measures the running cost.
    """

    def __init__(self, share: float, clock: Callable[[], float] = time.perf_counter) -> None:
        self.share = share
        self._clock = clock
        self.cost = 0.0
        self._last = -float("inf")
        self._counting = False  # repaints count towards the last update (until due())
        self._running = False  # what the last due() was asked about
        self._cost_running = False  # whether self.cost was measured while running

    def due(self, running: bool) -> bool:
        self._running = running
        self._counting = False  # a new frame: its repaints are its own
        if not running or self.cost <= EVERY_FRAME_S or not self._cost_running:
            return True
        return self._clock() - self._last >= self.share * self.cost

    def reset(self) -> None:
        """Redraw at the next chance (e.g. a view that was just brought on screen)."""
        self._last = -float("inf")

    def updated(self, began: float) -> None:
        """The view was updated from ``began`` (a clock time) until now."""
        self._last = began
        self.cost = self._clock() - began
        self._cost_running = self._running
        self._counting = True

    def painted(self, seconds: float) -> None:
        """A repaint took ``seconds``; those before the next frame count towards the
        last update."""
        if self._counting:
            self.cost += seconds
