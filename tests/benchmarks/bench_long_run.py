"""The window on a long run: memory at the step limit, event-loop gaps, background export.

Run: ``uv run python tests/benchmarks/bench_long_run.py [--export-steps N]`` (offscreen).

1. Auto-run at "max" from step 0 until it stops by itself at the step limit: the time it
   takes, the longest gap between two ticks of a 5 ms probe timer (the history grows all
   the way) and the peak resident memory (VmHWM in /proc/self/status); then the time to
   show and paint one position of the timeline, scrubbing the two-million-step history.
2. A fresh run of ``--export-steps`` steps exported through the window (background thread
   with progress): its time, the longest probe-timer gap meanwhile, and whether the file is
   byte for byte what ``backprop-lab train --steps N --csv`` writes.
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

from app.cli import main as cli_main
from app.main_window import MainWindow
from engine.limits import MAX_STEPS


def proc_status(field: str) -> int:
    """A memory figure from /proc/self/status, in MiB."""
    with open("/proc/self/status") as stream:
        for line in stream:
            if line.startswith(field + ":"):
                return int(line.split()[1]) // 1024
    return -1


class Probe:
    """A 5 ms timer that records the gaps between its ticks (event-loop stalls)."""

    def __init__(self) -> None:
        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    def start(self) -> None:
        self.gaps.clear()
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        """The longest gap in ms, leaving out the first few ticks."""
        self._timer.stop()
        return max(self.gaps[3:], default=float("nan")) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export-steps", type=int, default=1_000_000)
    args = parser.parse_args()
    app = QApplication([])
    folder = tempfile.mkdtemp()
    settings = QSettings(os.path.join(folder, "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    probe = Probe()
    # A local event loop: QApplication.quit() would also close the window.
    loop = QEventLoop()

    # 1. Auto-run to the limit.
    rss_before = proc_status("VmRSS")
    controls = window.controls
    controls.speed_control.setValue(controls.speed_control.maximum())
    window.state.runningChanged.connect(lambda running: running or loop.quit())
    probe.start()
    began = time.perf_counter()
    window.toggle_running()
    loop.exec()
    run_time = time.perf_counter() - began
    run_gap = probe.stop()
    shown = window.limit_notice.isVisible()
    print(f"auto-run from 0 to the limit : {window.state.step:,} steps (limit {MAX_STEPS:,}) "
          f"in {run_time:.1f} s; limit notice shown: {shown}")  # fmt: skip
    print(f"longest event-loop gap       : {run_gap:.0f} ms (history growing all the way)")
    print(f"resident memory              : {rss_before} MiB before, "
          f"{proc_status('VmRSS')} MiB at the limit, peak {proc_status('VmHWM')} MiB")  # fmt: skip

    # 1b. Scrub the timeline over the two-million-step history: each position is drawn
    # (fields, chain rule, marker, status bar) and painted before the next.
    slider = window.timeline.slider
    frames = []
    for k in range(200):
        began = time.perf_counter()
        slider.setValue((k * 9_973) % slider.maximum())
        window.network._render()
        app.processEvents()  # the paint
        frames.append(time.perf_counter() - began)
    frames.sort()
    print(f"timeline scrubbing, 2M rows  : median {frames[100] * 1000:.1f} ms, worst "
          f"{frames[-1] * 1000:.1f} ms per position (200 positions, render + paint)")  # fmt: skip
    window.back_to_live_action.trigger()

    # 2. Export a run of --export-steps steps in the background.
    window.reset()
    window.undo_stack.clear()  # drop the two-million-step run kept for Undo
    window.state.advance(args.export_steps)
    app.processEvents()
    path = os.path.join(folder, "window.csv")
    probe.start()
    began = time.perf_counter()
    export = window.export_history(window.state.history, path)
    assert export is not None
    export.finished.connect(loop.quit)
    loop.exec()
    export_time = time.perf_counter() - began
    export_gap = probe.stop()
    window.wait_for_export()
    cli_path = os.path.join(folder, "cli.csv")
    devnull = open(os.devnull, "w")  # noqa: SIM115
    stdout, sys.stdout = sys.stdout, devnull
    try:
        cli_main(["train", "--steps", str(args.export_steps), "--csv", cli_path])
    finally:
        sys.stdout = stdout
    same = Path(path).read_bytes() == Path(cli_path).read_bytes()
    print(f"window export, {args.export_steps:,} steps : {export_time:.1f} s, "
          f"{os.path.getsize(path):,} bytes; equals the CLI's file: {same}")  # fmt: skip
    print(f"longest event-loop gap       : {export_gap:.0f} ms during the export")
    for name in (path, cli_path):
        os.unlink(name)
    window.close()


if __name__ == "__main__":
    main()
