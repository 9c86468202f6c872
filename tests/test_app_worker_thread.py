"""Background work (CSV export, reopening a run) never runs the garbage collector in its
thread: a collection there would destroy the window's Qt objects outside the GUI thread."""

from __future__ import annotations

import gc
import threading

import pytest

from app import worker_thread
from app.first_paint import settle_memory
from app.worker_thread import WorkerThread


@pytest.fixture
def eager_gc():
    """Collect after every few allocations, and record the thread of each collection."""
    threads: list[int] = []

    def record(phase: str, _info: dict) -> None:
        if phase == "start":
            threads.append(threading.get_ident())

    threshold = gc.get_threshold()
    gc.set_threshold(5, 5, 5)
    gc.callbacks.append(record)
    try:
        yield threads
    finally:
        gc.callbacks.remove(record)
        gc.set_threshold(*threshold)


def test_export_and_reopen_collect_garbage_only_in_the_gui_thread(
    qtbot, window, tmp_path, eager_gc
):
    gui = threading.get_ident()
    window.state.advance(3000)
    window.session_files.save(str(tmp_path / "run.json"))
    eager_gc.clear()
    window.export_history(window.state.history, str(tmp_path / "run.csv"))
    qtbot.waitUntil(lambda: window.export_running is None, timeout=60_000)
    window.session_files.open(str(tmp_path / "run.json"))
    qtbot.waitUntil(lambda: window.session_files.replaying is None, timeout=60_000)
    assert window.state.step == 3000
    assert (tmp_path / "run.csv").read_text().count("\n") == 3002  # header + steps 0..3000
    assert [t for t in eager_gc if t != gui] == []
    # The run's rows to come are made resident by a worker too (RunState._prefault_ahead).
    qtbot.waitUntil(lambda: worker_thread._workers == 0, timeout=5000)
    assert gc.isenabled()
    before = len(eager_gc)
    [[] for _ in range(100)]  # the GUI thread collects again
    assert len(eager_gc) > before


class _Gate(WorkerThread):
    def __init__(self) -> None:
        super().__init__()
        self.go = threading.Event()

    def work(self) -> None:
        self.go.wait(30)


def test_collection_resumes_after_the_last_worker_and_the_first_paint_waits_for_it(qtbot):
    assert gc.isenabled()
    first, second = _Gate(), _Gate()
    first.start()
    second.start()
    assert not gc.isenabled()
    first.go.set()
    first.wait()
    assert not gc.isenabled()  # the second still runs
    settle_memory()  # the window's first paint turns collection on: after the work
    assert not gc.isenabled()
    second.go.set()
    second.wait()
    assert gc.isenabled()
    assert worker_thread._workers == 0
    gc.unfreeze()
    gc.disable()  # collection off before the work (the start) stays off after it
    try:
        third = _Gate()
        third.start()
        third.go.set()
        third.wait()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_every_background_thread_of_the_app_is_a_worker_thread():
    """A plain QThread would collect garbage in its thread again."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    plain = [
        f"{path.relative_to(root)}:{number}"
        for folder in ("app", "widgets", "engine")
        for path in sorted((root / folder).glob("*.py"))
        if path.name != "worker_thread.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "QThread)" in line or "threading.Thread(" in line
    ]
    assert plain == []


def test_a_plain_worker_never_collects_even_as_it_ends(eager_gc):
    """start_worker's thread gives collection back as the very last thing it runs: a
    threading.Thread ran its own bookkeeping after that and collected there now and then
    (seen with the prefault worker, RunState._prefault_ahead)."""
    gui = threading.get_ident()
    for _ in range(300):
        worker = worker_thread.start_worker(lambda: [[] for _ in range(50)])
        worker.join()
        assert not worker.is_alive()
        [[] for _ in range(5)]  # the GUI thread may collect
    assert len(eager_gc) > 0
    assert [t for t in eager_gc if t != gui] == []
    assert gc.isenabled()
