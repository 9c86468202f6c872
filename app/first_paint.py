"""After the window's first paint: work that the start should not wait for."""

from __future__ import annotations

import gc
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from app.worker_thread import enable_collection


class _FirstPaint(QObject):
    """Calls back once, when the window's first paint pass has finished."""

    def __init__(self, window: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self._callback = callback
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Queued: it runs once the paint (of the whole window) is done.
            QTimer.singleShot(0, self._callback)
            self.deleteLater()
        return False


def when_painted(window: QWidget, callback: Callable[[], None]) -> None:
    """Run ``callback`` once, right after ``window`` has been painted for the first time."""
    _FirstPaint(window, callback)


def settle_memory() -> None:
    """Collect once what the start left, keep the rest out of later collections, and turn
    the garbage collector (off during the start: see ``app.__main__``) back on.

    The start creates tens of thousands of objects that live as long as the window
    (modules, widgets); collecting while they are made costs about a tenth of the start,
    and collecting them again and again later costs frame time while running.
    """
    gc.collect()
    gc.freeze()
    enable_collection()  # after any background work (app.worker_thread)
