"""Auto-run: a QTimer that does many engine steps per tick, within a time budget."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

#: One tick per display frame at most.
FRAME_MS = 16
#: How long one tick computes at top speed: at least the minimum, and about as long as
#: the rest of the cycle (drawing) took, so computing gets about half of the time; never
#: more than the maximum, so the event loop always answers within a few frames.
MIN_BUDGET_S = 0.008
MAX_BUDGET_S = 0.012


class AutoRunner(QObject):
    """Calls ``advance(n)`` (which returns the steps it did) once per frame while running.

    ``steps_per_second`` of ``None`` means as fast as possible: the number of steps per
    tick is then tuned so that a tick computes for about as long as the drawing between
    two ticks takes (between ``MIN_BUDGET_S`` and ``MAX_BUDGET_S``).  The GUI thread never
    sleeps or waits; the event loop runs between ticks.
    """

    measured = Signal(float)  # achieved steps per second, about twice a second

    def __init__(self, advance: Callable[[int], int], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._advance = advance
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._tick)
        self.steps_per_second: float | None = None
        self._batch = 256  # steps per tick at top speed, adapted as we go
        self._owed = 0.0  # fractional steps carried between ticks at slow speeds
        self._last = 0.0
        self._budget = MIN_BUDGET_S
        self._spent = 0.0  # how long the previous tick's own work took
        self._window_start = 0.0
        self._window_steps = 0

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        if self._timer.isActive():
            return
        now = time.perf_counter()
        self._last = self._window_start = now
        self._window_steps = 0
        # A slow run does its first step at once, so Run answers immediately.
        self._owed = 1.0 if self.steps_per_second is not None else 0.0
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def set_running(self, running: bool) -> None:
        """Slot for a state's ``runningChanged``."""
        self.start() if running else self.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        if self.steps_per_second is None:
            steps = self._batch
        else:
            self._owed += (now - self._last) * self.steps_per_second
            steps = int(self._owed)
            self._owed -= steps
        between = now - self._last
        self._last = now
        if steps:
            began = time.perf_counter()
            done = self._advance(steps)
            spent = time.perf_counter() - began
            if self.steps_per_second is None and done and spent > 0:
                # Time outside our own work since the last tick is what drawing took.
                other = max(between - self._spent, 0.0)
                self._budget = min(max(other, MIN_BUDGET_S), MAX_BUDGET_S)
                # Aim the next batch at the budget, changing by at most 2x per tick.
                target = done * self._budget / spent
                self._batch = int(min(max(target, self._batch / 2, 16), self._batch * 2))
            self._spent = time.perf_counter() - began
            self._window_steps += done
        if now - self._window_start >= 0.5:
            self.measured.emit(self._window_steps / (now - self._window_start))
            self._window_start, self._window_steps = now, 0
