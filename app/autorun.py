"""Auto-run: a QTimer that does engine steps in short slices, between the event loop's work."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from engine.limits import MAX_STEPS

#: At a set speed, one tick per display frame at most: the steps due are done each tick.
FRAME_MS = 16
#: At top speed a tick computes for about this long, then returns to the event loop, so
#: a click (or a redraw that is due) waits at most one slice.  Drawing is not part of a
#: tick: the window redraws on its own clock (app.frame_clock), between slices.
SLICE_S = 0.008
#: At top speed, a tick that finds the event loop did other work since the last slice
#: (a redraw, a repaint, input) for longer than this lets one pass of the loop go by
#: first: otherwise whatever waits behind that work would also wait behind a slice.
YIELD_AFTER_S = 0.002
#: At most this many such passes in a row: a redraw and then its repaint, which Qt
#: delivers in a later pass (a yield after the redraw alone left the repaint and a slice
#: back to back, one long gap).  A view that repaints at every pass must still not keep
#: the run from computing.
YIELDS_IN_A_ROW = 2
#: At a set speed, steps owed after a stall are caught up, but at most this much time's
#: worth, so that a long stall (a dialog, a busy machine) is not followed by a burst.
MAX_BACKLOG_S = 0.5
#: A slice never asks for more steps than a run may have: when steps cost next to
#: nothing (a tiny model, a fast machine) the doubling would otherwise grow without
#: bound and overflow the float arithmetic that tunes it.
MAX_BATCH = MAX_STEPS
#: A run's first slices start this small and double up to SLICE_S: Run (often right after
#: Reset) redraws and repaints every view at once, and a full slice computed before that
#: repaint arrives made one long wait of the two.
FIRST_BATCH = 256


class AutoRunner(QObject):
    """Calls ``advance(n)`` (which returns the steps it did) from a timer while running.

    At a set ``steps_per_second`` the steps follow the clock exactly (fractions carry over
    between ticks), one tick a frame.  ``None`` means as fast as possible: the timer then
    fires whenever the event loop is free, and each tick computes one slice of about
    ``SLICE_S`` (the steps per tick are tuned from the measured rate).  The GUI thread
    never sleeps or waits.  ``clock`` (seconds) can be replaced, so that tests can drive
    ``tick`` with a fake time.
    """

    measured = Signal(float)  # achieved steps per second, about twice a second

    def __init__(
        self,
        advance: Callable[[int], int],
        parent: QObject | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        super().__init__(parent)
        self._advance = advance
        self._clock = clock
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self.tick)
        self._speed: float | None = None
        self._batch = 256  # steps per slice at top speed, adapted as we go
        self._owed = 0.0  # steps owed at a set speed, fractions included
        self._last = 0.0  # when the last tick began
        self._done_at = 0.0  # when the last slice's own work ended
        self._yielded = 0  # ticks in a row that let the loop go round instead of computing
        self._window_start = 0.0
        self._window_steps = 0

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    @property
    def steps_per_second(self) -> float | None:
        """The set speed, or ``None`` for as fast as possible."""
        return self._speed

    @steps_per_second.setter
    def steps_per_second(self, speed: float | None) -> None:
        self._speed = speed
        # Top speed: fire whenever the loop is free; a set speed: once a frame.
        self._timer.setInterval(0 if speed is None else FRAME_MS)

    def start(self) -> None:
        if self._timer.isActive():
            return
        now = self._clock()
        self._last = self._window_start = self._done_at = now
        self._window_steps = 0
        # A slow run does its first step at once, so Run answers immediately.
        self._owed = 1.0 if self._speed is not None else 0.0
        self._batch = min(self._batch, FIRST_BATCH)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def set_running(self, running: bool) -> None:
        """Slot for a state's ``runningChanged``."""
        self.start() if running else self.stop()

    def tick(self) -> None:
        """One timer tick: do the steps that are due (the QTimer calls this)."""
        now = self._clock()
        speed = self._speed
        if speed is None:
            if now - self._done_at > YIELD_AFTER_S and self._yielded < YIELDS_IN_A_ROW:
                # Other work ran since our last tick: let the loop serve what waits first.
                self._done_at = now
                self._yielded += 1
                return
            self._yielded = 0
            done = self._slice()
        else:
            self._owed = min(self._owed + (now - self._last) * speed, speed * MAX_BACKLOG_S + 1.0)
            steps = int(self._owed)
            done = self._advance(steps) if steps else 0
            self._owed -= done  # steps not done (the history was growing) stay owed
        self._last = now
        self._window_steps += done
        self._done_at = self._clock()
        if now - self._window_start >= 0.5:
            self.measured.emit(self._window_steps / (now - self._window_start))
            self._window_start, self._window_steps = now, 0

    def _slice(self) -> int:
        """Compute for about ``SLICE_S``; returns the steps done."""
        began = self._clock()
        done = self._advance(self._batch)
        spent = self._clock() - began
        if done and spent > 0:
            # Aim the next slice at SLICE_S, changing by at most 2x per tick.
            target = done * SLICE_S / spent
            self._batch = int(min(max(target, self._batch / 2, 16), self._batch * 2, MAX_BATCH))
        return done
