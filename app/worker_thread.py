"""Background threads that leave the window's garbage to the GUI thread."""

from __future__ import annotations

import _thread
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


class PlainWorker:
    """A started :func:`start_worker` thread: ``is_alive()`` and ``join()`` as a
    ``threading.Thread`` has them."""

    def __init__(self) -> None:
        self._running = _thread.allocate_lock()
        self._running.acquire()  # released by the thread when its work is done

    def is_alive(self) -> bool:
        return self._running.locked()

    def join(self) -> None:
        with self._running:
            pass


def start_worker(target: Callable[..., object], *args: object) -> PlainWorker:
    """Run ``target(*args)`` in a new thread that, like :class:`WorkerThread`, never runs
    the garbage collector (for plain Python work with no signals).

    The thread is a bare ``_thread`` one: giving collection back must be the last Python
    it runs, and a ``threading.Thread`` does its own bookkeeping after the target returns
    (which collected in the thread now and then).
    """
    handle = PlainWorker()

    def work() -> None:
        try:
            target(*args)
        finally:
            handle._running.release()  # allocates nothing
            _resume_collection()  # the last Python this thread runs

    _pause_collection()
    try:
        _thread.start_new_thread(work, ())
    except BaseException:
        handle._running.release()
        _resume_collection()
        raise
    return handle


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
