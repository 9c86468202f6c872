"""The window on a long run: memory at the step limit, event-loop gaps, background export.

Run: ``uv run python tests/benchmarks/bench_long_run.py [--export-steps N]
[--sections run scrub undo export]`` (offscreen).

run.    Auto-run at "max" from step 0 until it stops by itself at the step limit: the time
        it takes, the longest gap between two ticks of a 5 ms probe timer (the history
        grows all the way) and the peak resident memory (VmHWM in /proc/self/status).
scrub.  Scrubbing the timeline over the two-million-step history, with each middle tab on
        show: the time to show one position everywhere and paint it (median and worst of
        many positions), and the first position after the live run (looking back begins).
undo.   Three runs to the step limit with Reset between, then Undo twice: the peak
        resident memory (the undo stack keeps replaced runs within a budget, replaying
        the others) and the time of each Undo; then the same keeping every history, as
        before the budget, for reference.
export. A fresh run of ``--export-steps`` steps exported through the window (background
        thread with progress): its time, the longest probe-timer gap meanwhile, and whether
        the file is byte for byte what ``backprop-lab train --steps N --csv`` writes.
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


def reset_peak_memory() -> bool:
    """Start VmHWM afresh from the current resident size (Linux: clear_refs 5)."""
    try:
        with open("/proc/self/clear_refs", "w") as stream:
            stream.write("5")
    except OSError:
        return False
    return True


def settle(app: QApplication) -> None:
    """Run what is queued: the render a change scheduled, then the paint it asked for."""
    for _ in range(3):
        app.processEvents()


SECTIONS = ("run", "scrub", "undo", "export")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export-steps", type=int, default=1_000_000)
    parser.add_argument("--positions", type=int, default=120, help="scrub positions per tab")
    parser.add_argument("--sections", nargs="+", choices=SECTIONS, default=list(SECTIONS))
    args = parser.parse_args()
    app = QApplication([])
    folder = tempfile.mkdtemp()
    settings = QSettings(os.path.join(folder, "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    if "run" in args.sections:
        auto_run_to_the_limit(app, window)
    if "scrub" in args.sections:
        scrub(app, window, args.positions)
    if "undo" in args.sections:
        undo_across_runs(app, window)
    if "export" in args.sections:
        export_run(app, window, folder, args.export_steps)
    window.close()


def auto_run_to_the_limit(app: QApplication, window: MainWindow) -> None:
    probe = Probe()
    # A local event loop: QApplication.quit() would also close the window.
    loop = QEventLoop()
    rss_before = proc_status("VmRSS")
    controls = window.controls
    controls.speed_control.setValue(controls.speed_control.maximum())
    quit_when_stopped = window.state.runningChanged.connect(lambda running: running or loop.quit())
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
    window.state.runningChanged.disconnect(quit_when_stopped)


def scrub(app: QApplication, window: MainWindow, positions: int) -> None:
    """Each position is shown everywhere (fields, the tab on show, marker, status bar)
    and painted before the next.  Dragging (the handle held down), a view too slow to
    follow catches up once the drag rests; stepping (keys, clicks) shows it at each."""
    state, slider, tabs = window.state, window.timeline.slider, window.explain_tabs
    if state.step < MAX_STEPS:
        state.advance(MAX_STEPS - state.step)
    settle(app)
    rows = len(state.history)
    print(f"timeline scrubbing, {rows - 1:,} steps, {positions} positions a tab, each shown "
          "and painted (ms; wall clock, and this process's CPU time):")  # fmt: skip
    for tab in range(tabs.count()):
        tabs.setCurrentIndex(tab)
        settle(app)
        for how in ("drag", "keys"):
            wall, cpu = [], []
            slider.setSliderDown(how == "drag")
            for k in range(positions + 1):
                began, began_cpu = time.perf_counter(), time.process_time()
                state.set_view((k * 99_991 + 3) % (rows - 1))
                settle(app)
                wall.append((time.perf_counter() - began) * 1000)
                cpu.append((time.process_time() - began_cpu) * 1000)
            began = time.perf_counter()
            slider.setSliderDown(False)  # the drag ends: a view left behind catches up
            settle(app)
            rest = (time.perf_counter() - began) * 1000
            first, wall, cpu = wall[0], sorted(wall[1:]), sorted(cpu[1:])
            middle, over = len(wall) // 2, sum(t > 16.7 for t in wall)
            name = tabs.tabText(tab) if how == "drag" else ""
            print(f"  {name:<17}{how}: median {wall[middle]:5.1f} / {cpu[middle]:5.1f}, "
                  f"worst {wall[-1]:5.1f} / {cpu[-1]:5.1f}, over 16.7: {over:3d}; "
                  f"looking back begins {first:5.1f}"
                  + (f"; the drag ends {rest:5.1f}" if how == "drag" else ""))  # fmt: skip
            window.back_to_live_action.trigger()
            settle(app)
    tabs.setCurrentIndex(0)


def undo_across_runs(app: QApplication, window: MainWindow) -> None:
    """Three runs to the limit with Reset between, then Undo twice: the peak memory."""
    state = window.state
    budget = state.held_budget
    print("three runs to the limit with Reset between, then Undo twice:")
    for name, held_budget in (("budget", budget), ("keep all", 1 << 50)):
        window.reset()
        window.undo_stack.clear()
        settle(app)
        state.held_budget = held_budget
        rss_before = proc_status("VmRSS")
        measured = reset_peak_memory()
        for k in range(3):
            state.advance(MAX_STEPS)
            settle(app)
            if k < 2:
                window.reset()
        undo_times = []
        for _ in range(2):
            began = time.perf_counter()
            window.undo_action.trigger()
            undo_times.append(time.perf_counter() - began)
            assert state.step == MAX_STEPS
            settle(app)
        peak = f"peak {proc_status('VmHWM')} MiB" if measured else "peak not measurable"
        label = f"{name} ({held_budget >> 20} MiB held)" if held_budget == budget else name
        print(f"  {label:<24}: {rss_before} MiB before, {proc_status('VmRSS')} MiB after, "
              f"{peak}; Undo took {undo_times[0]:.1f} s and {undo_times[1]:.1f} s")  # fmt: skip
    state.held_budget = budget
    window.undo_stack.clear()


def export_run(app: QApplication, window: MainWindow, folder: str, steps: int) -> None:
    probe = Probe()
    loop = QEventLoop()
    window.reset()
    window.undo_stack.clear()  # drop the two-million-step run kept for Undo
    window.state.advance(steps)
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
        cli_main(["train", "--steps", str(steps), "--csv", cli_path])
    finally:
        sys.stdout = stdout
    same = Path(path).read_bytes() == Path(cli_path).read_bytes()
    print(f"window export, {steps:,} steps : {export_time:.1f} s, "
          f"{os.path.getsize(path):,} bytes; equals the CLI's file: {same}")  # fmt: skip
    print(f"longest event-loop gap       : {export_gap:.0f} ms during the export")
    for name in (path, cli_path):
        os.unlink(name)


if __name__ == "__main__":
    main()
