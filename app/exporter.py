"""CSV export in a background thread, with progress and cancel, for the window."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from app.worker_thread import WorkerThread
from engine import History, save_history
from engine.csvio import WriteCancelled


class CsvExport(WorkerThread):
    """Writes a frozen snapshot of a history to ``path`` (atomically) off the GUI thread.

    ``progressed(done, total)`` reports rows written; when the thread has finished,
    :attr:`error` holds the failure's reason (or is None) and :attr:`cancelled` says
    whether :meth:`cancel` stopped it.  A cancelled or failed export leaves no file and
    keeps an existing one as it was.
    """

    progressed = Signal(int, int)

    def __init__(self, history: History, path: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Exactly the rows there are now, whatever the run does meanwhile.
        self.history = history.snapshot()
        self.path = path
        self.error: str | None = None
        self.errno: int | None = None  # the failure's, to phrase it (app.file_errors)
        self.cancelled = False
        self._stop = threading.Event()

    @property
    def rows(self) -> int:
        return len(self.history)

    def cancel(self) -> None:
        """Ask the export to stop after the block it is writing."""
        self._stop.set()

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._stop.is_set()

    def work(self) -> None:
        try:
            save_history(self.history, self.path, self._progress)
        except WriteCancelled:
            self.cancelled = True
        except OSError as exc:
            self.error = exc.strerror or str(exc)
            self.errno = exc.errno
