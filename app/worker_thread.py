"""Background threads that leave the window's garbage to the GUI thread."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable

from PySide6.QtCore import QThread

_lock = threading.Lock()
_workers = 0  # worker threads started and not yet done
_collect_after = True  # whether automatic collection comes back on after the last one


def enable_collection() -> None:
    """Turn automatic garbage collection on, or, while a worker runs, once the last is done."""
    global _collect_after
    with _lock:
        if _workers:
            _collect_after = True
        else:
            gc.enable()


def _pause_collection() -> None:
    global _workers, _collect_after
    with _lock:
        if not _workers:
            _collect_after = gc.isenabled()
            gc.disable()
        _workers += 1


def _resume_collection() -> None:
    global _workers
    with _lock:
        _workers -= 1
        if not _workers and _collect_after:
            gc.enable()


def start_worker(target: Callable[..., object], *args: object) -> threading.Thread:
    """Run ``target(*args)`` in a started daemon thread that, like :class:`WorkerThread`,
    never runs the garbage collector (for plain Python work with no signals)."""

    def work() -> None:
        try:
            target(*args)
        finally:
            _resume_collection()

    thread = threading.Thread(target=work, daemon=True)
    _pause_collection()
    try:
        thread.start()
    except BaseException:
        _resume_collection()
        raise
    return thread


class WorkerThread(QThread):
    """A QThread whose Python work never runs the cyclic garbage collector.

    CPython collects in whichever thread crosses its allocation threshold.  A collection
    in a worker frees the GUI thread's cyclic garbage there, Qt widgets and pyqtgraph items
    among it, and a Qt object destroyed outside its own thread crashes the app now and then
    (a segfault seen in the suite while a run was reopened).  So automatic collection is
    off while any worker runs (the work takes seconds at most); explicit collections and
    the GUI thread's collections after the last worker are as before.

    Subclasses put their work in :meth:`work` instead of ``run``.
    """

    def start(self, priority: QThread.Priority = QThread.Priority.InheritPriority) -> None:
        _pause_collection()
        self._paused = True
        try:
            super().start(priority)
        except BaseException:
            self._paused = False
            _resume_collection()
            raise

    def run(self) -> None:
        try:
            self.work()
        finally:
            # The last Python this thread runs: returning allocates nothing to collect.
            # (Only a start that paused resumes: a test may start it as a plain QThread.)
            if getattr(self, "_paused", False):
                self._paused = False
                _resume_collection()

    def work(self) -> None:
        """The thread's work (runs in the thread)."""
        raise NotImplementedError
