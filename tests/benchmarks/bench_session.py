"""Time to reopen a saved 1,000,000-step run in the window, and the event-loop gaps meanwhile.

Run: ``uv run python tests/benchmarks/bench_session.py [--steps N]`` (offscreen).

A window runs ``--steps`` steps with two edits, saves the run (File ▸ Save run), and a second
window opens it (File ▸ Open run): the replay runs in a background thread with progress.
Prints the file's size, the time from Open to the installed run, the longest gap of a 5 ms
probe timer meanwhile, the engine's bare replay time in this process for reference, and
whether the reopened run exports byte for byte the original's CSV.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from app.main_window import MainWindow
from engine import history_to_csv_text
from engine.session import load_session, replay


def make_window(folder: str, name: str) -> MainWindow:
    settings = QSettings(os.path.join(folder, f"{name}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.resize(1280, 800)
    window.show()
    return window


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=1_000_000)
    args = parser.parse_args()
    app = QApplication([])
    folder = tempfile.mkdtemp()
    first = make_window(folder, "first")
    state = first.state
    state.advance(args.steps // 2)
    state.set_param("eta", 0.5)
    state.advance(args.steps // 4)
    state.set_param("target", 0.2)
    state.advance(args.steps - state.step)
    path = os.path.join(folder, "run.json")
    assert first.session_files.save(path)
    original = history_to_csv_text(state.history)

    second = make_window(folder, "second")
    app.processEvents()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def probe() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(probe)
    loop = QEventLoop()
    second.session_files.opened.connect(loop.quit)
    timer.start()
    began = time.perf_counter()
    second.session_files.open(path)
    loop.exec()
    reopen = time.perf_counter() - began
    timer.stop()
    began = time.perf_counter()
    replay(load_session(path))
    bare = time.perf_counter() - began
    same = history_to_csv_text(second.state.history) == original
    print(f"session file                 : {os.path.getsize(path):,} bytes, "
          f"{second.state.step:,} steps, {len(second.state.edits)} edits")  # fmt: skip
    print(f"Open run to installed run    : {reopen:.2f} s (window, background replay)")
    print(f"engine replay alone          : {bare:.2f} s (same process)")
    print(f"longest event-loop gap       : {max(gaps[3:], default=float('nan')) * 1000:.0f} ms")
    print(f"reopened run's CSV identical : {same}")
    first.close()
    second.close()


if __name__ == "__main__":
    main()
