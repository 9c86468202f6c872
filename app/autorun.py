"""Auto-run: a QTimer that does many engine steps per tick, within a time budget."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

#: One tick per display frame at most.
FRAME_MS = 16
#: At top speed a whole frame (computing, then updating and painting the views) should
#: take about this long: well inside the 33 ms of 30 frames a second, so that a slow
#: frame now and then still answers a click quickly.
TARGET_FRAME_S = 0.025
#: How long one tick computes at top speed: what the target frame leaves after the
#: drawing measured between ticks, but at least the minimum (so that expensive views do
#: not starve the run) and at most the maximum (so that the event loop answers soon).
MIN_BUDGET_S = 0.006
MAX_BUDGET_S = 0.016
#: The drawing counted is the longest of this many recent frames: a view that redraws
#: only now and then (the error plot) must still fit in the frame when it does.
DRAWING_FRAMES = 16
#: At a set speed, steps owed after a stall are caught up, but at most this much time's
#: worth, so that a long stall (a dialog, a busy machine) is not followed by a burst.
MAX_BACKLOG_S = 0.5


class AutoRunner(QObject):
    """Calls ``advance(n)`` (which returns the steps it did) once per frame while running.

    At a set ``steps_per_second`` the steps follow the clock exactly (fractions carry over
    between ticks).  ``None`` means as fast as possible: the steps per tick are then tuned
    so that a tick computes for the time budget, which is sized to the measured frame.
    The GUI thread never sleeps or waits; the event loop runs between ticks.  ``clock``
    (seconds) can be replaced, so that tests can drive ``tick`` with a fake time.
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
        self.steps_per_second: float | None = None
        self._batch = 256  # steps per tick at top speed, adapted as we go
        self._owed = 0.0  # steps owed at a set speed, fractions included
        self._last = 0.0
        self._budget = MIN_BUDGET_S
        self._spent = 0.0  # how long the previous tick's own work took
        self._drawing: deque[float] = deque(maxlen=DRAWING_FRAMES)  # time between ticks
        self._window_start = 0.0
        self._window_steps = 0

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    @property
    def budget(self) -> float:
        """Seconds the next top-speed tick aims to compute for."""
        return self._budget

    def start(self) -> None:
        if self._timer.isActive():
            return
        now = self._clock()
        self._last = self._window_start = now
        self._window_steps = 0
        self._spent = 0.0
        self._drawing.clear()
        # A slow run does its first step at once, so Run answers immediately.
        self._owed = 1.0 if self.steps_per_second is not None else 0.0
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def set_running(self, running: bool) -> None:
        """Slot for a state's ``runningChanged``."""
        self.start() if running else self.stop()

    def tick(self) -> None:
        """One timer tick: do the steps that are due (the QTimer calls this)."""
        now = self._clock()
        between = now - self._last
        self._last = now
        speed = self.steps_per_second
        if speed is None:
            steps = self._batch
        else:
            self._owed = min(self._owed + between * speed, speed * MAX_BACKLOG_S + 1.0)
            steps = int(self._owed)
        if steps:
            began = self._clock()
            done = self._advance(steps)
            spent = self._clock() - began
            if speed is not None:
                self._owed -= done  # steps not done (the history was growing) stay owed
            elif done and spent > 0:
                # Time outside our own work since the last tick is what drawing took.
                self._drawing.append(max(between - self._spent, 0.0))
                drawing = max(self._drawing)
                self._budget = min(max(TARGET_FRAME_S - drawing, MIN_BUDGET_S), MAX_BUDGET_S)
                # Aim the next batch at the budget, changing by at most 2x per tick.
                target = done * self._budget / spent
                self._batch = int(min(max(target, self._batch / 2, 16), self._batch * 2))
            self._spent = self._clock() - began
            self._window_steps += done
        if now - self._window_start >= 0.5:
            self.measured.emit(self._window_steps / (now - self._window_start))
            self._window_start, self._window_steps = now, 0
