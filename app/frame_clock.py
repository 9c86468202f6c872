"""Redraw on a frame clock: many changes, one redraw, at most 30 a second while running."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer

#: While running, redraws are at least this far apart (30 frames a second): the numbers
#: still move smoothly, and the time between redraws goes to computing.
FRAME_S = 1 / 30
#: The redraw itself is a posted event, not a timer's call: Qt paints what a redraw
#: changed at the next pass of posted events, so timers (input, auto-run's slices) get a
#: turn between the redraw and its repaint instead of waiting behind both.
_DRAW = QEvent.Type(QEvent.registerEventType())


class FrameClock(QObject):
    """Calls ``draw`` once for any number of ``request`` calls made before it runs.

    When ``running()`` is false the redraw comes at the next pass of the event loop (a
    click, a scrub of the timeline: shown at once).  While running it comes no sooner
    than ``FRAME_S`` after the previous redraw began, so that auto-run's slices, not
    redraws, fill the time in between.  ``clock`` (seconds) can be replaced in tests.
    """

    def __init__(
        self,
        draw: Callable[[], None],
        running: Callable[[], bool],
        parent: QObject | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        super().__init__(parent)
        self._draw = draw
        self._running = running
        self._clock = clock
        self._last = -float("inf")  # when the last redraw began
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._post)
        self._posted = False

    @property
    def pending(self) -> bool:
        """A redraw has been asked for and not done yet."""
        return self._posted or self._timer.isActive()

    def delay(self) -> float:
        """Seconds to wait before a redraw asked for now."""
        if not self._running():
            return 0.0
        return max(self._last + FRAME_S - self._clock(), 0.0)

    def request(self) -> None:
        """Ask for a redraw (cheap: many requests before it runs make one redraw)."""
        if self._posted:
            return  # one is coming at the next pass
        delay = self.delay()
        if delay <= 0.0:
            self._timer.stop()
            self._post()
        elif not self._timer.isActive():
            self._timer.start(max(round(delay * 1000), 1))

    def _post(self) -> None:
        if not self._posted:
            self._posted = True
            QCoreApplication.postEvent(self, QEvent(_DRAW))

    def customEvent(self, event: QEvent) -> None:
        if event.type() == _DRAW:
            self.fire()

    def fire(self) -> None:
        """Redraw now."""
        self._timer.stop()
        self._posted = False
        self._last = self._clock()
        self._draw()
